import type { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream'
import type { BodySink } from '../files/body-sink.ts'

/** As `pipeline` names a body that closed before its end (net errors read the code). */
function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' })
}

function abortError(): Error {
  return Object.assign(new Error('The operation was aborted'), {
    name: 'AbortError',
    code: 'ABORT_ERR'
  })
}

/**
 * Reads `body` into `sink` through the decoders, if any; resolves once every byte is on
 * disk. `onChunk` sees each chunk of the body as sent (before decoding), for progress and
 * caps; `onEnd` hears that the last one has come (before the last write ends). Rejects with the first failure: the body's error (a reset, a cap or the stall guard
 * destroying it), a close before its end, the sink's check or write, a decoder's error, or
 * the signal. The body is destroyed then, and the write under way has ended.
 */
export function pumpBody(
  body: Readable,
  decoders: Transform[],
  sink: BodySink,
  signal: AbortSignal,
  onChunk: (chunk: Buffer) => void,
  onEnd: () => void = () => undefined
): Promise<void> {
  return new Promise((resolve, reject) => {
    const source: Readable = decoders.at(-1) ?? body
    let done = false
    const finish = (error?: unknown): void => {
      if (done) return
      done = true
      signal.removeEventListener('abort', onAbort)
      source.off('data', onData)
      if (error === undefined) {
        resolve()
        return
      }
      if (!body.destroyed) body.destroy()
      for (const decoder of decoders) if (!decoder.destroyed) decoder.destroy()
      void sink.settle().then(() => reject(error))
    }
    const onAbort = (): void => finish(abortError())
    const onData = (chunk: Buffer): void => {
      if (source === body) onChunk(chunk)
      // A cap or the stall guard may have just destroyed the body (an ended body is destroyed
      // too, while a decoder may still have data to give).
      if (done || source.destroyed || body.errored) return
      let more: boolean
      try {
        more = sink.write(chunk)
      } catch (error) {
        finish(error)
        return
      }
      if (!more) source.pause()
    }
    sink.onDrain = () => {
      if (!done) source.resume()
    }
    sink.onError = finish
    if (source !== body) {
      body.on('data', onChunk)
      pipeline([body, ...decoders], (error) => {
        if (error) finish(error)
      })
    }
    source.on('data', onData)
    source.once('end', () => {
      onEnd()
      sink.end().then(() => finish(), finish)
    })
    source.once('error', finish)
    source.once('close', () => {
      if (!source.readableEnded) finish(prematureClose())
    })
    if (source !== body) body.once('error', finish)
    // A body that failed or closed while the file was being made has no event left to give.
    if (body.errored) finish(body.errored)
    else if (body.destroyed) finish(prematureClose())
    if (signal.aborted) onAbort()
    else if (!done) signal.addEventListener('abort', onAbort, { once: true })
  })
}
