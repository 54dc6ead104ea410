/**
 * `--json`'s one object on stdout, one line, as `console.log(JSON.stringify(value))` prints it,
 * but written a piece at a time: a run of 10,000 images never holds its whole text (about
 * 2 MiB, and its bytes again on the way out) at its end, when it holds the most else.
 */

/** Text gathered before each write to stdout. */
const PIECE_CHARS = 64 * 1024

/** A list whose items are made one at a time as they are printed: JSON.stringify sees an array. */
export class MadeList<S, T> {
  private readonly items: readonly S[]
  private readonly make: (item: S) => T

  constructor(items: readonly S[], make: (item: S) => T) {
    this.items = items
    this.make = make
  }

  *[Symbol.iterator](): Generator<T> {
    for (const item of this.items) yield this.make(item)
  }

  toJSON(): T[] {
    return this.items.map(this.make)
  }
}

/** JSON.stringify(value)'s text in pieces: each list item, each field of an object. */
export function* jsonPieces(value: unknown): Generator<string> {
  if (isFlat(value)) {
    // A task's entry and the like: JSON.stringify's own pace, not a piece for each field.
    yield JSON.stringify(value)
  } else if (Array.isArray(value) || value instanceof MadeList) {
    yield '['
    let first = true
    for (const item of value as Iterable<unknown>) {
      if (!first) yield ','
      first = false
      // As JSON.stringify: an item that has no JSON (undefined, a function) is null.
      if (hasJson(item)) yield* jsonPieces(item)
      else yield 'null'
    }
    yield ']'
  } else if (isPlainObject(value)) {
    let first = true
    for (const [key, field] of Object.entries(value)) {
      // As JSON.stringify: a field that has no JSON is left out.
      if (!hasJson(field)) continue
      yield `${first ? '{' : ','}${JSON.stringify(key)}:`
      first = false
      yield* jsonPieces(field)
    }
    yield first ? '{}' : '}'
  }
}

/** A value with no list and no object in it (one level down): written in one piece. */
function isFlat(value: unknown): boolean {
  if (Array.isArray(value) || value instanceof MadeList) return false
  if (!isPlainObject(value)) return true
  for (const key in value) {
    const field = value[key]
    if (typeof field === 'object' && field !== null) return false
  }
  return true
}

function hasJson(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol'
}

/** An object JSON.stringify writes field by field (not a Date, a Map or one with its own toJSON). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value) as unknown
  return (proto === Object.prototype || proto === null) && !('toJSON' in value)
}

/** Streams whose write errors are let pass, as console.log lets them. */
const quiet = new WeakSet<NodeJS.WritableStream>()

/**
 * Prints `value` as one line of JSON on stdout. A reader that has gone (`… --json | head`) ends
 * the output, not the process: as with console.log, a failed write is not an uncaught error.
 */
export function printJson(value: unknown, out: NodeJS.WritableStream = process.stdout): void {
  if (!quiet.has(out)) {
    quiet.add(out)
    out.on('error', () => undefined)
  }
  let text = ''
  for (const piece of jsonPieces(value)) {
    text += piece
    if (text.length >= PIECE_CHARS) {
      out.write(text)
      text = ''
    }
  }
  out.write(`${text}\n`)
}
