/**
 * Content-Encoding, decoded: a server may gzip an image although nobody asked (undici's
 * `request` sends no Accept-Encoding), and the saved file must be the image, not the
 * gzip of it. Decoding (rather than asking for `identity` and refusing the rest) also
 * copes with servers that ignore what was asked.
 */
import { Transform } from 'node:stream'
import type { TransformCallback } from 'node:stream'
import type * as Zlib from 'node:zlib'
import { TaskFailure } from '../task-error.ts'

/**
 * node:zlib, loaded with the first compressed body: few servers compress images, and a
 * worker thread would otherwise load it (and its bindings) at start, for every run.
 */
let zlibModule: typeof Zlib | undefined
const zlib = (): typeof Zlib => (zlibModule ??= process.getBuiltinModule('node:zlib'))

/** A coding's decoder, or undefined where this Node cannot undo it. */
type Decoder = () => Transform | undefined

/** A deflate body is meant to be zlib-wrapped, but many servers send it raw: the first byte tells. */
class DeflateEither extends Transform {
  private inner: Transform | undefined

  override _transform(chunk: Buffer, encoding: BufferEncoding, done: TransformCallback): void {
    if (!this.inner) {
      // A zlib header starts with 0x?8 and its first two bytes are a multiple of 31.
      const zlibWrapped =
        chunk.length >= 2 && (chunk[0]! & 0x0f) === 8 && ((chunk[0]! << 8) | chunk[1]!) % 31 === 0
      this.inner = zlibWrapped ? zlib().createInflate() : zlib().createInflateRaw()
      this.inner.on('data', (data: Buffer) => this.push(data))
      this.inner.on('error', (error) => this.destroy(error))
    }
    if (this.inner.write(chunk, encoding)) done()
    else this.inner.once('drain', () => done())
  }

  override _flush(done: TransformCallback): void {
    if (!this.inner) return done()
    this.inner.once('end', () => done())
    this.inner.end()
  }
}

const DECODERS: Record<string, Decoder | undefined> = {
  gzip: () => zlib().createGunzip(),
  'x-gzip': () => zlib().createGunzip(),
  br: () => zlib().createBrotliDecompress(),
  deflate: () => new DeflateEither(),
  zstd: () => {
    const { createZstdDecompress } = zlib()
    return typeof createZstdDecompress === 'function' ? createZstdDecompress() : undefined
  }
}

/**
 * The streams that undo a Content-Encoding header, in order (the header lists the
 * codings in the order they were applied). Empty for none or `identity`; fails with
 * `unsupported_encoding` for a coding it cannot undo.
 */
export function decodersFor(header: string | string[] | undefined): Transform[] {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '')
  const codings = text
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
  return codings.reverse().map((coding) => {
    const decoder = DECODERS[coding]?.()
    if (!decoder) {
      throw new TaskFailure(
        'unsupported_encoding',
        `the server compressed the image as "${coding.slice(0, 40)}", which cannot be decoded`
      )
    }
    return decoder
  })
}

/**
 * A decoder's failure with a code: a compressed body cut short is `truncated` (worth
 * another attempt); one that is not what its header says is `not_image`.
 */
export function classifyDecodeError(error: unknown): TaskFailure | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const message = (error as Error | undefined)?.message ?? ''
  if (code === 'Z_BUF_ERROR' || message === 'unexpected end of file') {
    return new TaskFailure('truncated', 'the compressed body ended early', {
      transient: true,
      cause: error
    })
  }
  // zlib's codes start Z_, brotli's ERR__ERROR_, zstd's ZSTD_error_.
  if (typeof code === 'string' && /^(Z_|ERR__ERROR_|ZSTD_error_)/.test(code)) {
    return new TaskFailure(
      'not_image',
      `not an image: the body could not be decoded (${message})`,
      { cause: error }
    )
  }
  return undefined
}
