import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HISTORY_FILE, openHistoryStore } from '../../src/main/service/stores/history-store.ts'
import { runRecord, tempDir } from './helpers.ts'

describe('history store', () => {
  it('keeps runs newest first and survives a reload', async () => {
    const dir = await tempDir()
    const store = await openHistoryStore({ userDataDir: dir })
    await store.put(runRecord('one'))
    await store.put(runRecord('two', { strategy: 'sequential' }))
    const again = await openHistoryStore({ userDataDir: dir })
    expect(again.list().map((r) => r.runId)).toEqual(['two', 'one'])
    expect(again.list()[0]?.tasks[1]?.lane).toBe(1)
    expect(await readdir(dir)).toEqual([HISTORY_FILE])
  })

  it('reads a history file saved with a byte-order mark', async () => {
    const dir = await tempDir()
    const store = await openHistoryStore({ userDataDir: dir })
    await store.put(runRecord('one'))
    await store.flush()
    const file = join(dir, HISTORY_FILE)
    await writeFile(file, '\uFEFF' + (await readFile(file, 'utf8')))
    const notices: string[] = []
    const again = await openHistoryStore({ userDataDir: dir, onNotice: (n) => notices.push(n) })
    expect(again.list().map((r) => r.runId)).toEqual(['one'])
    expect(notices).toEqual([])
  })

  it('keeps a damaged file aside once: the next start is quiet and keeps the good runs', async () => {
    const dir = await tempDir()
    const store = await openHistoryStore({ userDataDir: dir })
    await store.put(runRecord('good'))
    await store.flush()
    const file = join(dir, HISTORY_FILE)
    const data = JSON.parse(await readFile(file, 'utf8'))
    data.runs.push({ runId: 'broken' })
    await writeFile(file, JSON.stringify(data))

    const first: string[] = []
    await openHistoryStore({ userDataDir: dir, onNotice: (n) => first.push(n) })
    expect(first).toHaveLength(1)
    const later: string[] = []
    const again = await openHistoryStore({ userDataDir: dir, onNotice: (n) => later.push(n) })
    expect(later).toEqual([])
    expect(again.list().map((r) => r.runId)).toEqual(['good'])
    expect((await readdir(dir)).filter((f) => f.includes('.corrupt-'))).toHaveLength(1)
  })

  it('rewrites a run in place: interrupted at its start, finished at its end', async () => {
    const dir = await tempDir()
    const store = await openHistoryStore({ userDataDir: dir })
    await store.put(runRecord('old'))
    await store.put(runRecord('run', { interrupted: true, ok: 0 }))
    await store.put(runRecord('run', { interrupted: false, ok: 2 }))
    const again = await openHistoryStore({ userDataDir: dir })
    expect(again.list().map((r) => [r.runId, r.interrupted, r.ok])).toEqual([
      ['run', false, 2],
      ['old', false, 2]
    ])
  })

  it('keeps only the last runs', async () => {
    const dir = await tempDir()
    const store = await openHistoryStore({ userDataDir: dir, limit: 5 })
    for (let i = 0; i < 12; i++) await store.put(runRecord(`run-${i}`))
    expect(store.list().map((r) => r.runId)).toEqual([
      'run-11',
      'run-10',
      'run-9',
      'run-8',
      'run-7'
    ])
    expect((await openHistoryStore({ userDataDir: dir, limit: 5 })).list()).toHaveLength(5)
  })

  it('holds 300 runs by default', async () => {
    const dir = await tempDir()
    const store = await openHistoryStore({ userDataDir: dir })
    await Promise.all(Array.from({ length: 320 }, (_, i) => store.put(runRecord(`run-${i}`))))
    await store.flush()
    const again = await openHistoryStore({ userDataDir: dir })
    expect(again.list()).toHaveLength(300)
    expect(again.list()[0]?.runId).toBe('run-319')
  })

  it('clears, for good', async () => {
    const dir = await tempDir()
    const store = await openHistoryStore({ userDataDir: dir })
    await store.put(runRecord('one'))
    await store.clear()
    expect(store.list()).toEqual([])
    expect((await openHistoryStore({ userDataDir: dir })).list()).toEqual([])
  })

  it('starts empty from a damaged file, keeping it aside', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, HISTORY_FILE), '{"version":1,"runs":[{"runId":')
    const notices: string[] = []
    const store = await openHistoryStore({ userDataDir: dir, onNotice: (m) => notices.push(m) })
    expect(store.list()).toEqual([])
    expect(notices).toHaveLength(1)
    expect((await readdir(dir)).some((f) => f.startsWith(`${HISTORY_FILE}.corrupt-`))).toBe(true)
  })

  it('keeps the good runs of a file with damaged ones, and says how many were left out', async () => {
    const dir = await tempDir()
    const bad = [{ ...runRecord('nulls'), tasks: [null] }, { runId: 3 }, 'two']
    const text = JSON.stringify({ version: 1, runs: [runRecord('a'), ...bad, runRecord('b')] })
    await writeFile(join(dir, HISTORY_FILE), text)
    const notices: string[] = []
    const store = await openHistoryStore({ userDataDir: dir, onNotice: (m) => notices.push(m) })
    expect(store.list().map((r) => r.runId)).toEqual(['a', 'b'])
    expect(notices).toEqual([
      expect.stringMatching(/^3 damaged run\(s\) were left out of the history/)
    ])
    const kept = (await readdir(dir)).find((f) => f.startsWith(`${HISTORY_FILE}.corrupt-`))
    expect(await readFile(join(dir, kept ?? ''), 'utf8')).toBe(text)
  })

  it('gives copies: changing a listed run changes nothing stored', async () => {
    const store = await openHistoryStore({ userDataDir: await tempDir() })
    await store.put(runRecord('one'))
    const listed = store.list()
    listed[0]!.ok = 99
    expect(store.list()[0]?.ok).toBe(2)
  })
})
