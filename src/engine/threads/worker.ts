import { parentPort, workerData } from 'node:worker_threads'
import type { Task } from '../../common/tasks.ts'
import { toTaskError } from '../task-error.ts'
import { runTask } from '../tasks/registry.ts'
import type { FromWorker, ToWorker, WorkerData } from './worker-messages.ts'

/** A pool thread: runs one task at a time from the same registry as the main thread. */
const port = parentPort
if (!port) throw new Error('worker.ts must run as a worker thread')
const data = workerData as WorkerData
const stopCell = new Int32Array(data.stopBuffer)
let current: { id: number; controller: AbortController } | undefined
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
    if (current?.id === message.id) current.controller.abort()
    return
  }
  const { id, task } = message
  const controller = new AbortController()
  current = { id, controller }
  ready
    .then(() => codeFor(task))
    .then(() => {
      if (Atomics.load(stopCell, 0) !== 0) controller.abort()
      send({ type: 'started', id })
      return runTask(task, {
        signal: controller.signal,
        notify: (notice) => send({ type: 'notice', id, notice }),
        stopCell
      })
    })
    .then(
      (result) => send({ type: 'done', id, result }),
      (error: unknown) => send({ type: 'failed', id, error: toTaskError(error) })
    )
    .finally(() => {
      if (current?.id === id) current = undefined
    })
})
