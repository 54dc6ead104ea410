import { constants as osConstants } from 'node:os'

/**
 * Ctrl-C cancels the run: finished images stay, partial ones are removed, and
 * `exitCode` then answers the shell's convention, 128 + the signal's number
 * (130 for SIGINT, 143 for SIGTERM). A second Ctrl-C is Node's own: it ends the
 * process at once.
 */
export function abortOnInterrupt(): {
  signal: AbortSignal
  exitCode(code: number): number
  dispose(): void
} {
  const controller = new AbortController()
  let interruptedBy: NodeJS.Signals | undefined
  const onSignal = (signal: NodeJS.Signals): void => {
    interruptedBy ??= signal
    controller.abort()
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  return {
    signal: controller.signal,
    exitCode: (code) => (interruptedBy ? 128 + osConstants.signals[interruptedBy] : code),
    dispose: () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  }
}
