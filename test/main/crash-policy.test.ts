import { describe, expect, it } from 'vitest'
import { createCrashPolicy } from '../../src/main/service/crash-policy.ts'
import { recordingLogger } from './recording-logger.ts'

function policy() {
  let now = 0
  const logger = recordingLogger()
  const crash = createCrashPolicy({ logger, logFile: '/logs/main.log', now: () => now })
  return { crash, logger, advance: (ms: number) => (now += ms) }
}

const rendererCrash = { process: 'renderer', reason: 'crashed', exitCode: 133 } as const

describe('crash policy', () => {
  it('logs a renderer crash, reloads the window and says so once', () => {
    const t = policy()
    const first = t.crash.onGone(rendererCrash)
    expect(first.reload).toBe(true)
    expect(first.notice).toMatch(
      /stopped unexpectedly \(crashed\) and was reloaded.*\/logs\/main\.log/
    )
    expect(t.logger.lines).toEqual([
      { level: 'error', message: 'the window’s renderer process ended: crashed, exit code 133' }
    ])
    // A second crash before the page showed the notice reloads without a second notice.
    t.advance(30_000)
    expect(t.crash.onGone({ ...rendererCrash, reason: 'oom' })).toEqual({ reload: true })
    expect(t.crash.takeNotices()).toEqual([first.notice])
    expect(t.crash.takeNotices()).toEqual([])
  })

  it('reloads after a GPU crash, only logs other child processes and clean exits', () => {
    const t = policy()
    expect(
      t.crash.onGone({ process: 'child', type: 'GPU', reason: 'crashed', exitCode: 1 }).reload
    ).toBe(true)
    expect(
      t.crash.onGone({
        process: 'child',
        type: 'Utility',
        name: 'network.mojom.NetworkService',
        reason: 'crashed',
        exitCode: 1
      })
    ).toEqual({ reload: false })
    expect(t.crash.onGone({ ...rendererCrash, reason: 'clean-exit', exitCode: 0 })).toEqual({
      reload: false
    })
    expect(t.logger.lines.map((l) => `${l.level} ${l.message}`)).toEqual([
      'error the GPU process ended: crashed, exit code 1',
      'error the Utility process (network.mojom.NetworkService) ended: crashed, exit code 1',
      'info the window’s renderer process ended: clean-exit, exit code 0'
    ])
  })

  it('stops reloading a page that crashes again and again, and says so once', () => {
    const t = policy()
    for (let i = 0; i < 3; i++) {
      expect(t.crash.onGone(rendererCrash).reload).toBe(true)
      t.advance(1_000)
    }
    const fourth = t.crash.onGone(rendererCrash)
    expect(fourth).toMatchObject({ reload: false, givenUp: true })
    expect(fourth.notice).toMatch(/not reloaded again\. Please restart the app/)
    expect(t.crash.onGone(rendererCrash)).toEqual({ reload: false })
    // A minute later a crash is a new one: reloaded again.
    t.advance(60_000)
    expect(t.crash.onGone(rendererCrash).reload).toBe(true)
  })
})
