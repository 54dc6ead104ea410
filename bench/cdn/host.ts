import { fork } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { LoopWatch } from './loop-delay.ts'
import type { CdnChildOptions, FromCdn, ServerReport, ToCdn } from './messages.ts'

export type CdnPlace = 'child' | 'in-process'

/** The simulated CDN as the benchmark drives it, wherever it runs. */
export interface BenchCdn {
  readonly place: CdnPlace
  readonly origin: string
  readonly urls: string[]
  /** Time spent preparing every photo before the first run (not measured in any run). */
  readonly prepareMs: number
  /** Photo `index` at another exact size. */
  photoUrl(index: number, bytes: number): string
  /** What the server saw since the last reset; resets it if asked. */
  report(reset: boolean): Promise<ServerReport>
  close(): Promise<void>
}

const CHILD_ENTRY = new URL('./child.ts', import.meta.url)

export async function startBenchCdn(options: CdnChildOptions, place: CdnPlace): Promise<BenchCdn> {
  return place === 'child' ? startInChild(options) : startInProcess(options)
}

function sizedUrl(urls: string[], index: number, bytes: number): string {
  const url = urls[index]
  if (url === undefined) throw new RangeError(`no photo ${index}`)
  return `${url}?bytes=${bytes}`
}

async function startInChild(options: CdnChildOptions): Promise<BenchCdn> {
  const child: ChildProcess = fork(CHILD_ENTRY, [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
  const waiting: { resolve(report: ServerReport): void; reject(error: Error): void }[] = []
  const ready = new Promise<Extract<FromCdn, { type: 'ready' }>>((resolve, reject) => {
    // A CDN that dies fails the start and every report still awaited, instead of hanging them.
    child.once('exit', (code) => {
      const error = new Error(`the CDN process exited with code ${code}`)
      reject(error)
      for (const report of waiting.splice(0)) report.reject(error)
    })
    child.on('message', (message: FromCdn) => {
      if (message.type === 'ready') resolve(message)
      else waiting.shift()?.resolve(message.report)
    })
  })
  const { origin, urls, prepareMs } = await ready
  const send = (message: ToCdn): void => void child.send(message)
  return {
    place: 'child',
    origin,
    urls,
    prepareMs,
    photoUrl: (index, bytes) => sizedUrl(urls, index, bytes),
    report(reset) {
      if (child.exitCode !== null || child.signalCode !== null) {
        return Promise.reject(new Error('the CDN process has exited'))
      }
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject })
        send({ type: 'report', reset })
      })
    },
    async close() {
      if (child.exitCode !== null) return
      const exited = once(child, 'exit')
      send({ type: 'close' })
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
  }
}

async function startInProcess(options: CdnChildOptions): Promise<BenchCdn> {
  const { prepareAll, ...cdnOptions } = options
  const cdn = await startSimulatedCdn(cdnOptions)
  const started = performance.now()
  if (prepareAll) await cdn.ready()
  const prepareMs = performance.now() - started
  const watch = new LoopWatch()
  return {
    place: 'in-process',
    origin: cdn.origin,
    urls: [...cdn.urls],
    prepareMs,
    photoUrl: (index, bytes) => sizedUrl(cdn.urls, index, bytes),
    async report(reset) {
      const report = { stats: { ...cdn.stats }, ...watch.read() }
      if (reset) {
        cdn.resetStats()
        watch.reset()
      }
      return report
    },
    async close() {
      watch.stop()
      await cdn.close()
    }
  }
}
