import { describe, expect, it } from 'vitest'
import { CHANNELS } from '../../src/common/channels.ts'
import { ERROR_REPORT_LIMITS } from '../../src/common/schemas.ts'
import { createHandlers } from '../../src/main/service/handlers.ts'
import { createRendererErrorLog } from '../../src/main/service/renderer-errors.ts'
import { recordingLogger } from './recording-logger.ts'
import { disposeAll, openService } from './service-helpers.ts'
import { afterEach } from 'vitest'

afterEach(disposeAll)

describe('renderer error reports', () => {
  it('reach the log through the validated handler, with the stack indented', async () => {
    const logger = recordingLogger()
    const t = await openService({ logger })
    const handlers = createHandlers(t.service)
    expect(CHANNELS.reportError).toBeDefined()
    const result = await handlers.reportError({
      kind: 'unhandled-rejection',
      message: 'Failed to fetch',
      stack: 'TypeError: Failed to fetch\n    at load (App.tsx:10:3)'
    })
    expect(result).toEqual({ ok: true, value: undefined })
    expect(logger.lines).toEqual([
      {
        level: 'error',
        message:
          'renderer unhandled-rejection: Failed to fetch\n    TypeError: Failed to fetch\n        at load (App.tsx:10:3)'
      }
    ])
  })

  it('refuses a report that is too big, of another shape or with extra fields, logging nothing', async () => {
    const logger = recordingLogger()
    const handlers = createHandlers((await openService({ logger })).service)
    for (const bad of [
      { kind: 'error', message: 'x'.repeat(ERROR_REPORT_LIMITS.message + 1) },
      { kind: 'error', message: 'm', stack: 's'.repeat(ERROR_REPORT_LIMITS.stack + 1) },
      { kind: 'format-disk', message: 'm' },
      { kind: 'error', message: 'm', path: '/etc/passwd' },
      'just a string',
      null
    ]) {
      expect(await handlers.reportError(bad), JSON.stringify(bad)?.slice(0, 60)).toMatchObject({
        ok: false
      })
    }
    expect(logger.lines).toEqual([])
  })

  it('cannot forge a log line, and a page that throws in a loop gets 20 lines a minute', () => {
    let now = 0
    const logger = recordingLogger()
    const log = createRendererErrorLog({ logger, now: () => now })
    log.report({ kind: 'error', message: 'boom\n[2026-11-28 04:00:00.000] [info] all is well' })
    expect(logger.lines[0]!.message).toBe(
      'renderer error: boom\\n[2026-11-28 04:00:00.000] [info] all is well'
    )
    for (let i = 0; i < 100; i++) log.report({ kind: 'render', message: `again ${i}` })
    expect(logger.lines).toHaveLength(20)
    now += 60_000
    log.report({ kind: 'render', message: 'a minute later' })
    expect(logger.lines.slice(20).map((l) => l.message)).toEqual([
      'renderer: 81 more error report(s) were not logged',
      'renderer render: a minute later'
    ])
  })
})
