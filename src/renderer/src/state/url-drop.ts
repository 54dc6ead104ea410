/**
 * What a drop onto the URL list adds: the text of dropped `.txt` files, links dragged from a browser
 * (`text/uri-list`), or dropped text. The page reads only what the user dropped, through the DOM's
 * DataTransfer; main reads no file for it.
 */

/** A list of 10,000 long URLs fits; anything bigger is not a URL list. */
import { strings } from '../strings/index.ts'

export const MAX_DROP_BYTES = 2 * 1024 * 1024

export type DropResult = { ok: true; text: string } | { ok: false; error: string }

/** The parts of a DataTransfer a drop reads: a real one in the window, a plain object in tests. */
export interface DroppedData {
  readonly files: ArrayLike<File>
  readonly types: readonly string[]
  getData(format: string): string
}

const isTextFile = (file: File): boolean =>
  /\.txt$/i.test(file.name) || file.type === 'text/plain' || file.type === 'text/uri-list'

/** True when a drag carries something the list can take, so the page may accept it. */
export function canTakeDrop(types: readonly string[]): boolean {
  return types.some((t) => t === 'Files' || t === 'text/uri-list' || t === 'text/plain')
}

export async function readDrop(data: DroppedData): Promise<DropResult> {
  const files = Array.from(data.files)
  if (files.length > 0) {
    const refused = files.find((file) => !isTextFile(file))
    if (refused) return { ok: false, error: strings.errors.drop.notTxt(refused.name) }
    const big = files.find((file) => file.size > MAX_DROP_BYTES)
    if (big) return { ok: false, error: strings.errors.drop.tooBig(big.name) }
    try {
      const texts = await Promise.all(files.map((file) => file.text()))
      return { ok: true, text: texts.map((t) => t.trimEnd()).join('\n') }
    } catch {
      return {
        ok: false,
        error: strings.errors.drop.unreadable(files.map((f) => f.name).join(', '))
      }
    }
  }
  // A browser's link drag: one URL a line, `#` lines are comments (RFC 2483).
  const uris = data.types.includes('text/uri-list') ? data.getData('text/uri-list') : ''
  const text = uris
    ? uris
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '' && !line.startsWith('#'))
        .join('\n')
    : data.getData('text/plain')
  if (text.length > MAX_DROP_BYTES) return { ok: false, error: strings.errors.drop.textTooBig }
  if (text.trim() === '') return { ok: false, error: strings.errors.drop.empty }
  return { ok: true, text: text.trimEnd() }
}

/** The list with the dropped lines after its last line. */
export function appendLines(current: string, added: string): string {
  const kept = current.replace(/\s+$/, '')
  return kept === '' ? added : `${kept}\n${added}`
}
