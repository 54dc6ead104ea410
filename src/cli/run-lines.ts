import { basename } from 'node:path'
import type { RunEvent, TaskStage } from '../common/events.ts'

/**
 * Prints the tutorials' lines as events arrive: `name was downloaded...` (the threading
 * tutorial's download-images.py) and `name was processed...` (the multiprocessing tutorial's
 * process-images.py), on stdout; a failure, with its code and reason, on stderr.
 */
export function tutorialLines(): (event: RunEvent) => void {
  // By task id (0, 1, 2…): arrays, not maps, so a run of 10,000 keeps 16 bytes a task here.
  let names: string[] = []
  let stages: TaskStage[] = []
  return (event) => {
    if (event.type === 'run-started') {
      names = []
      stages = []
      for (const task of event.tasks) {
        names[task.taskId] = task.fileName ?? (task.input ? basename(task.input) : task.label)
        stages[task.taskId] = task.stage ?? (event.kind === 'process' ? 'process' : 'download')
      }
    } else if (event.type === 'task-finished') {
      // A note says when the image was already there (skipped) or replaced a file.
      const note = event.message ? ` (${event.message})` : ''
      if (stages[event.taskId] === 'process') {
        console.log(`${names[event.taskId]} was processed...${note}`)
      } else {
        const name = event.file ? basename(event.file) : (names[event.taskId] ?? '')
        console.log(`${name} was downloaded...${note}`)
      }
    } else if (event.type === 'task-failed') {
      console.error(`${names[event.taskId]} failed: ${event.code}: ${event.message}`)
    }
  }
}
