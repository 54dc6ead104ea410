import { basename } from 'node:path'
import type { ProcessResult, ProcessTask } from '../../common/tasks.ts'
import { runKernel } from '../process/kernels.ts'
import { readInput } from '../process/read-input.ts'
import { writeOutput } from '../process/write-output.ts'
import { CancelledError, TaskFailure } from '../task-error.ts'
import type { TaskContext } from './types.ts'

/**
 * The multiprocessing tutorial's step for one photo: open it, blur it, fit it inside
 * a square, save it under its own name in the output folder. The kernel says where
 * the pixels are computed (process/kernels.ts). A file that is not an image, or is
 * damaged, fails with its code and its name; nothing is written for it.
 */
export async function processTask(task: ProcessTask, context: TaskContext): Promise<ProcessResult> {
  const name = basename(task.input)
  if (context.signal.aborted) throw new CancelledError()
  try {
    const input = await readInput(task.input)
    if (context.signal.aborted) throw new CancelledError()
    const out = await runKernel(
      task.kernel,
      { name, bytes: input.bytes, type: input.type, blur: task.blur, maxSize: task.maxSize },
      context
    )
    if (context.signal.aborted) throw new CancelledError()
    const written = await writeOutput(task, out.bytes, input.type)
    return {
      kind: 'process',
      ...written,
      width: out.width,
      height: out.height,
      inputWidth: out.inputWidth,
      inputHeight: out.inputHeight
    }
  } catch (error) {
    if (error instanceof TaskFailure) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new TaskFailure('unknown', `${name}: ${reason}`, { cause: error })
  }
}
