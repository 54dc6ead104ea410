// A preload (`--import`, through NODE_OPTIONS) that the benchmark puts into a whole process it
// measures, such as the CLI's bin: at the process's exit it writes the process's peak resident
// memory (all threads), its CPU time and its resident memory when this preload ran (Node started,
// none of the program loaded) to the file named by CID_PEAK_REPORT. The program does not know.
import { writeFileSync } from 'node:fs'
import { isMainThread } from 'node:worker_threads'

const file = process.env.CID_PEAK_REPORT
if (isMainThread && file) {
  const startRss = process.memoryUsage.rss()
  process.once('exit', () => {
    const usage = process.resourceUsage()
    writeFileSync(
      file,
      JSON.stringify({
        // maxRSS is the kernel's peak (getrusage), in KiB on every platform.
        peakRssKiB: usage.maxRSS,
        startRssKiB: startRss / 1024,
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000
      })
    )
  })
}
