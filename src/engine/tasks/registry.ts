import type { Task, TaskResult } from '../../common/tasks.ts'
import { sleepTask } from './sleep.ts'
import type { TaskContext } from './types.ts'

/**
 * One registry for the main thread and the workers: a task is data, this runs it.
 * The download code (and undici) and the processing code (and sharp) load on
 * first use, so a worker that only sleeps starts in a few milliseconds.
 */
export async function runTask<T extends Task>(
  task: T,
  context: TaskContext
): Promise<TaskResult<T>> {
  switch (task.kind) {
    case 'sleep':
      return (await sleepTask(task, context)) as TaskResult<T>
    case 'download': {
      const { downloadTask } = await import('./download.ts')
      return (await downloadTask(task, context)) as TaskResult<T>
    }
    case 'process': {
      const { processTask } = await import('./process.ts')
      return (await processTask(task, context)) as TaskResult<T>
    }
  }
}
