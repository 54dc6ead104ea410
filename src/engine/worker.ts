import { parentPort, workerData } from 'node:worker_threads'
import { toTaskError } from './task-error.ts'
import { runTask } from './tasks/registry.ts'
import type { FromWorker, ToWorker, WorkerData } from './worker-messages.ts'

/** A pool thread: runs one task at a time from the same registry as the main thread. */
const port = parentPort
if (!port) throw new Error('worker.ts must run as a worker thread')
const stopCell = new Int32Array((workerData as WorkerData).stopBuffer)
let current: { id: number; controller: AbortController } | undefined

const send = (message: FromWorker): void => port.postMessage(message)

port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') {
    if (current?.id === message.id) current.controller.abort()
    return
  }
  const { id, task } = message
  const controller = new AbortController()
  current = { id, controller }
  if (Atomics.load(stopCell, 0) !== 0) controller.abort()
  send({ type: 'started', id })
  runTask(task, {
    signal: controller.signal,
    notify: (notice) => send({ type: 'notice', id, notice }),
    stopCell
  }).then(
    (result) => send({ type: 'done', id, result }),
    (error: unknown) => send({ type: 'failed', id, error: toTaskError(error) })
  ).finally(() => {
    if (current?.id === id) current = undefined
  })
})
