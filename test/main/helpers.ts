import { vi } from 'vitest'
import type { RunRecord } from '../../src/common/api.ts'
import type { DialogPort, ShellPort } from '../../src/main/service/app-service.ts'
import { tempFolder } from '../helpers/temp-dir.ts'

/** A fresh folder in the system's temp folder, removed after the test. */
export const tempDir = (prefix = 'cid-main-'): Promise<string> => tempFolder(prefix)

export interface RecordedShell extends ShellPort {
  calls: { method: 'openPath' | 'showItemInFolder'; path: string }[]
}

export function recordingShell(openPathResult = ''): RecordedShell {
  const calls: RecordedShell['calls'] = []
  return {
    calls,
    async openPath(path) {
      calls.push({ method: 'openPath', path })
      return openPathResult
    },
    showItemInFolder(path) {
      calls.push({ method: 'showItemInFolder', path })
    }
  }
}

/** A folder dialog that answers `answer` (which a test may change) and records what it was shown. */
export function scriptedDialog(
  answer: string | null
): DialogPort & { asked: string[]; answer: string | null } {
  const dialog = {
    asked: [] as string[],
    answer,
    async chooseFolder(defaultPath: string) {
      dialog.asked.push(defaultPath)
      return dialog.answer
    }
  }
  return dialog
}

/** Waits until `check` is true (vi.waitFor, polling every 10 ms). */
export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  await vi.waitFor(
    () => {
      if (!check()) throw new Error('timed out waiting')
    },
    { timeout: timeoutMs, interval: 10 }
  )
}

/** A finished run of two images, for the stores' tests. */
export function runRecord(runId: string, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    runId,
    kind: 'download',
    strategy: 'pool',
    concurrency: 4,
    sourceLabel: '2 URLs from example.com',
    sourceKey: 'abc',
    dir: '/tmp/images',
    startedAt: 1_700_000_000_000,
    count: 2,
    bytes: 2048,
    elapsedMs: 120,
    ok: 2,
    failed: 0,
    cancelled: 0,
    interrupted: false,
    tasks: [
      {
        taskId: 0,
        label: 'http://example.com/a.jpg',
        status: 'done',
        bytes: 1024,
        startMs: 0,
        endMs: 50,
        lane: 0
      },
      {
        taskId: 1,
        label: 'http://example.com/b.jpg',
        status: 'done',
        bytes: 1024,
        startMs: 1,
        endMs: 60,
        lane: 1
      }
    ],
    ...overrides
  }
}
