import { parentPort, workerData } from 'node:worker_threads'
import type { Task } from '../../common/tasks.ts'
import { toTaskError } from '../task-error.ts'
import { runTask } from '../tasks/registry.ts'
import type { FromWorker, ToWorker, WorkerData } from './worker-messages.ts'

/**
 * A pool thread: runs tasks from the same registry as the main thread, either one
 * exclusive task (a sleep, a processing task) or several shared ones at once
 * (downloads, which wait on their sockets).
 */
const port = parentPort
if (!port) throw new Error('worker.ts must run as a worker thread')
const data = workerData as WorkerData
const stopCell = new Int32Array(data.stopBuffer)
/** The tasks this thread carries, by id: a cancel aborts only its own. */
const jobs = new Map<number, AbortController>()
// A task counts as started once the thread is ready for it, so its start-up shows
// on the timeline and a cancel meanwhile is answered at once by the pool.
const ready: Promise<unknown> = Promise.all([
  data.preloadDownloads ? import('../tasks/download.ts') : undefined,
  data.preloadProcess ? import('../tasks/process.ts') : undefined
])

/** A kept thread loads a task kind's code (undici, sharp) before its first task of that kind starts. */
const codeFor = (task: Task): Promise<unknown> =>
  task.kind === 'download'
    ? import('../tasks/download.ts')
    : task.kind === 'process'
      ? import('../tasks/process.ts')
      : Promise.resolve()

const send = (message: FromWorker): void => port.postMessage(message)
void ready.then(() => send({ type: 'ready' }))

port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') {
    jobs.get(message.id)?.abort()
    return
  }
  const { id, task, shared } = message
  const controller = new AbortController()
  jobs.set(id, controller)
  ready
    .then(() => codeFor(task))
    .then(() => {
      // The cell is an exclusive task's alone: a stop may have come through it while the thread loaded.
      if (!shared && Atomics.load(stopCell, 0) !== 0) controller.abort()
      send({ type: 'started', id })
      return runTask(task, {
        signal: controller.signal,
        notify: (notice) => send({ type: 'notice', id, notice }),
        ...(shared ? {} : { stopCell })
      })
    })
    .then(
      (result) => send({ type: 'done', id, result }),
      (error: unknown) => send({ type: 'failed', id, error: toTaskError(error) })
    )
    .finally(() => jobs.delete(id))
})
