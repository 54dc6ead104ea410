/**
 * `--json`'s printer (src/cli/print-json.ts): the same line JSON.stringify gives, written in
 * pieces so a long run's summary is never one string.
 */
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { jsonPieces, MadeList, printJson } from '../../src/cli/print-json.ts'
import { startCli } from '../helpers/run-cli.ts'

/** A stream that keeps each write apart. */
function collector(): { out: Writable; writes: string[] } {
  const writes: string[] = []
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk.toString('utf8'))
      done()
    }
  })
  return { out, writes }
}

describe('printJson', () => {
  it('writes what JSON.stringify writes, for every kind of value a summary holds', () => {
    const values: unknown[] = [
      {},
      [],
      null,
      0,
      -1.5,
      'a "quoted" line\nwith \u2028 and é',
      { a: undefined, b: () => 1, c: [undefined, () => 1, Symbol('s'), null], d: { e: {} } },
      { when: new Date(0), big: [1, [2, [3, { deep: 'x' }]]], nan: NaN, inf: -Infinity },
      { withToJson: { toJSON: () => 'its own' }, empty: { a: undefined } },
      Object.assign(Object.create(null) as object, { bare: true })
    ]
    for (const value of values) {
      expect([...jsonPieces(value)].join('')).toBe(JSON.stringify(value))
    }
  })

  it('a list made as it is printed reads as the list of its made items, to JSON.stringify too', () => {
    let made = 0
    const list = new MadeList([1, 2, 3], (n) => (made++, { n, twice: n * 2 }))
    const expected = '{"tasks":[{"n":1,"twice":2},{"n":2,"twice":4},{"n":3,"twice":6}]}'
    const pieces = jsonPieces({ tasks: list })
    // Nothing is made before it is printed.
    expect(pieces.next().value).toBe('{"tasks":')
    expect(made).toBe(0)
    expect(`{"tasks":${[...pieces].join('')}`).toBe(expected)
    expect(JSON.stringify({ tasks: list })).toBe(expected)
  })

  it('a summary of 10,000 tasks: one line, written in pieces of about 64 KiB', () => {
    const summary = {
      strategy: 'pool',
      ok: 10_000,
      tasks: Array.from({ length: 10_000 }, (_, i) => ({
        url: `https://images.example/photo-${i}.jpg?w=1200`,
        file: `/home/me/images/photo-${i}.jpg`,
        status: 'done',
        bytes: 16_384,
        startMs: i / 10,
        endMs: i / 10 + 52.5,
        lane: i % 64,
        ...(i % 1000 === 0 ? { error: { code: 'http-404', message: 'Not Found' } } : {})
      }))
    }
    const { out, writes } = collector()
    printJson(summary, out)
    const text = writes.join('')
    expect(text).toBe(`${JSON.stringify(summary)}\n`)
    expect(text.length).toBeGreaterThan(1_500_000)
    expect(writes.length).toBeGreaterThan(20)
    for (const piece of writes) expect(piece.length).toBeLessThan(66 * 1024)
  })

  it('a reader that goes after the first piece (`--json | head`) ends the output, not with an error', async () => {
    // 3,000 sleeps of 0 s: a summary of about 290 KB, more than a pipe holds.
    const run = startCli(['sleep', ...Array.from({ length: 3000 }, () => '0'), '--json'])
    run.child.stdout.once('data', () => run.child.stdout.destroy())
    const ran = await run.done
    expect(ran.stdout.startsWith('{"strategy":"pool"')).toBe(true)
    expect(ran.stderr).not.toMatch(/EPIPE|Unhandled|Error/)
    expect(ran.code).toBe(0)
  }, 30_000)
})
