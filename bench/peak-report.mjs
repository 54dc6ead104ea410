// A preload (`--import`, through NODE_OPTIONS) that the benchmark puts into a whole process it
// measures, such as the CLI's bin: at the process's exit it writes the process's peak resident
// memory (all threads), its CPU time and its resident memory when this preload ran (Node started,
// none of the program loaded) to the file named by CID_PEAK_REPORT. The program does not know.
//
// The peak is the kernel's VmHWM, the high-water mark of this process's own address space (made
// new by exec). Not getrusage's maxRSS: Linux carries that across exec from the process that
// spawned it, so every run reported the benchmark's own peak (246 MiB for 1 000 images and for
// 10 000 alike). maxRSS is used only where there is no /proc.
import { readFileSync, writeFileSync } from 'node:fs'
import { isMainThread } from 'node:worker_threads'

function highWaterKiB() {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (match) return Number(match[1])
  } catch {
    // No /proc (macOS, Windows).
  }
  return process.resourceUsage().maxRSS
}

const file = process.env.CID_PEAK_REPORT
if (isMainThread && file) {
  const startRss = process.memoryUsage.rss()
  process.once('exit', () => {
    const usage = process.resourceUsage()
    writeFileSync(
      file,
      JSON.stringify({
        peakRssKiB: highWaterKiB(),
        startRssKiB: startRss / 1024,
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000
      })
    )
  })
}
