import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { RunRecord } from '../../src/common/api.ts'
import type { DialogPort, ShellPort } from '../../src/main/service/app-service.ts'

const made: string[] = []

/** A fresh folder in the system's temp folder, removed after the test. */
export async function tempDir(prefix = 'cid-main-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

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

/** Waits until `check` is true, polling. */
export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
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
