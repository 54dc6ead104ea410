import { describe, expect, it } from 'vitest'
import { createQuitGuard } from '../../src/main/service/quit-guard.ts'
import type { QuitAnswer } from '../../src/main/service/quit-guard.ts'
import { recordingLogger } from './recording-logger.ts'

/** The guard with a scripted user: each question waits until the test answers it. */
function guardWith(running: boolean) {
  const calls: string[] = []
  const answers: ((answer: QuitAnswer) => void)[] = []
  let shutDownDone: () => void = () => undefined
  const guard = createQuitGuard({
    isRunning: () => running,
    ask: () => {
      calls.push('ask')
      return new Promise((resolve) => answers.push(resolve))
    },
    shutDown: () => {
      calls.push('shutDown')
      return new Promise<void>((resolve) => (shutDownDone = resolve))
    },
    quit: () => void calls.push('quit'),
    logger: recordingLogger()
  })
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))
  return {
    guard,
    calls,
    answer: (a: QuitAnswer) => answers.shift()!(a),
    shutDownDone: () => shutDownDone(),
    settle
  }
}

describe('quit guard', () => {
  it('with no run, a quit shuts down then quits, without asking', async () => {
    const t = guardWith(false)
    expect(t.guard.onQuitRequested()).toBe(true)
    expect(t.calls).toEqual(['shutDown'])
    t.shutDownDone()
    await t.settle()
    expect(t.calls).toEqual(['shutDown', 'quit'])
    // The quit that follows goes ahead.
    expect(t.guard.onQuitRequested()).toBe(false)
  })

  it('during a run, asks once; "Keep running" leaves the run and the app as they were', async () => {
    const t = guardWith(true)
    expect(t.guard.onQuitRequested()).toBe(true)
    // Quitting again while the question is open asks nothing more.
    expect(t.guard.onQuitRequested()).toBe(true)
    expect(t.guard.onCloseRequested()).toBe(true)
    expect(t.calls).toEqual(['ask'])
    t.answer('keep-running')
    await t.settle()
    expect(t.calls).toEqual(['ask'])
    // The next quit asks again.
    expect(t.guard.onQuitRequested()).toBe(true)
    expect(t.calls).toEqual(['ask', 'ask'])
  })

  it('during a run, "Cancel the run and quit" shuts down (cancelling the run), then quits', async () => {
    const t = guardWith(true)
    t.guard.onQuitRequested()
    t.answer('cancel-and-quit')
    await t.settle()
    expect(t.calls).toEqual(['ask', 'shutDown'])
    // While shutting down, a quit or a close waits for it.
    expect(t.guard.onQuitRequested()).toBe(true)
    t.shutDownDone()
    await t.settle()
    expect(t.calls).toEqual(['ask', 'shutDown', 'quit'])
    expect(t.guard.onQuitRequested()).toBe(false)
    expect(t.guard.onCloseRequested()).toBe(false)
  })

  it('closing the window asks during a run and lets it close otherwise', async () => {
    expect(guardWith(false).guard.onCloseRequested()).toBe(false)
    const t = guardWith(true)
    expect(t.guard.onCloseRequested()).toBe(true)
    expect(t.calls).toEqual(['ask'])
    t.answer('cancel-and-quit')
    await t.settle()
    t.shutDownDone()
    await t.settle()
    expect(t.calls).toEqual(['ask', 'shutDown', 'quit'])
  })
})
