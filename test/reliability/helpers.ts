import { execFile } from 'node:child_process'
import { once } from 'node:events'
import { readdir, readFile, rm, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { basename, dirname, join, relative } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, vi } from 'vitest'
import type { TaskRecord } from '../../src/common/events.ts'
import { tempDir } from '../helpers/temp-dir.ts'

const run = promisify(execFile)

/**
 * What a file of this folder tried, printed as one line when the file ends, so
 * that the counts can be quoted: faults injected, bad inputs, fuzz cases, files lost.
 */
export interface Tally {
  faults: number
  badInputs: number
  fuzzCases: number
  /** Images reported done whose file is missing or not the bytes served: must stay 0. */
  filesLost: number
  /** Files compared byte for byte with what was served. */
  filesChecked: number
  runs: number
}

export function tally(name: string): Tally {
  const counts: Tally = {
    faults: 0,
    badInputs: 0,
    fuzzCases: 0,
    filesLost: 0,
    filesChecked: 0,
    runs: 0
  }
  afterAll(() => {
    console.log(
      `[reliability] ${name}: faults injected ${counts.faults}, bad inputs ${counts.badInputs}, ` +
        `fuzz cases ${counts.fuzzCases}, files lost ${counts.filesLost} ` +
        `(runs ${counts.runs}, files checked ${counts.filesChecked})`
    )
  })
  return counts
}

/** A fresh folder under the system's temp folder; the file's own hooks remove it (removeDir). */
export async function tempRoot(prefix = 'cid-rel-'): Promise<string> {
  return (await tempDir(prefix)).path
}

export async function removeDir(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true, maxRetries: 3 })
}

/** Every file below `dir`, as paths relative to it, sorted; folders end in `/`. */
export async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .map((entry) => {
      const path = relative(dir, join(entry.parentPath, entry.name))
      return entry.isDirectory() ? `${path}/` : path
    })
    .sort()
}

/** Names of `.part` files and empty files directly in `dir`. */
export async function leftovers(dir: string): Promise<string[]> {
  const found: string[] = []
  for (const name of await readdir(dir)) {
    if (name.endsWith('.part')) found.push(name)
    else if ((await stat(join(dir, name))).size === 0) found.push(name)
  }
  return found
}

/**
 * Checks that every task reported done has its file with exactly the expected
 * bytes; counts the ones lost into the tally and returns their descriptions.
 */
export async function lostFiles(
  tasks: readonly TaskRecord[],
  expected: (task: TaskRecord) => Buffer,
  counts?: Tally
): Promise<string[]> {
  const lost: string[] = []
  for (const task of tasks) {
    if (task.status !== 'done') continue
    if (counts) counts.filesChecked++
    let bytes: Buffer
    try {
      bytes = await readFile(task.file ?? '')
    } catch {
      lost.push(`task ${task.taskId}: ${task.file} is missing`)
      continue
    }
    if (!bytes.equals(expected(task))) {
      lost.push(`task ${task.taskId}: ${task.file} has ${bytes.length} bytes, not the ones served`)
    }
  }
  if (counts) counts.filesLost += lost.length
  return lost
}

/** mulberry32: a small seeded generator, so that "random" points are the same every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until `check` is true (vi.waitFor, polling every 10 ms); throws after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  await vi.waitFor(
    async () => {
      if (!(await check())) throw new Error('timed out waiting')
    },
    { timeout: timeoutMs, interval: 10 }
  )
}

/**
 * Whether this machine lets the tests mount a tmpfs (root on Linux): a read-only
 * folder and a full disk need one.
 */
export async function probeMount(): Promise<boolean> {
  if (process.platform !== 'linux') return false
  const dir = await tempRoot('cid-mount-probe-')
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir])
    await run('umount', [dir])
    return true
  } catch {
    return false
  } finally {
    await removeDir(dir)
  }
}

export async function mountTmpfs(dir: string, options: string): Promise<void> {
  await run('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir])
}

/** Unmounts, retrying while a late close keeps it busy; never throws. */
export async function unmount(dir: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await run('umount', [dir])
      return
    } catch (error) {
      const text = String((error as { stderr?: string }).stderr ?? error)
      if (/not mounted|no mount point/i.test(text)) return
      await sleep(100)
    }
  }
  await run('umount', ['-l', dir]).catch(() => undefined)
}

export interface LoopbackServer {
  origin: string
  /** Paths (with query) of every request, in arrival order. */
  paths: string[]
  close(): Promise<void>
}

/** A tiny loopback HTTP server for what the simulated CDN does not do. */
export async function startLoopbackServer(
  handle: (req: IncomingMessage, res: ServerResponse, count: number) => void
): Promise<LoopbackServer> {
  const paths: string[] = []
  const server: Server = createServer((req, res) => {
    paths.push(req.url ?? '')
    handle(req, res, paths.length)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('not on TCP')
  return {
    origin: `http://127.0.0.1:${address.port}`,
    paths,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

/** Answers every path with the same JPEG, whatever the path says. */
export function serveJpeg(jpeg: Buffer): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': jpeg.length })
    res.end(jpeg)
  }
}

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i

/** Why a file name is not safe on every file system, or undefined when it is. */
export function unsafeFileName(name: string, dir = '/srv/images/output'): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'empty'
  if (Buffer.byteLength(`${name}.part`) > 255) return `${Buffer.byteLength(name)} bytes with .part`
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f/\\<>:"|?*]/.test(name)) return 'a separator or a forbidden character'
  if (name === '.' || name === '..') return 'a dot name'
  if (/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(name)) return 'a bidirectional control'
  if (name.startsWith('.')) return 'hidden (leading dot)'
  if (/[. ]$/.test(name)) return 'a trailing dot or space (Windows drops it)'
  if (!name.isWellFormed()) return 'a lone surrogate'
  // Windows reads `CON`, `con.txt`, `CON .jpg` and `con.tar.gz` all as the console device.
  const stem = (name.split('.')[0] ?? '').replace(/ +$/, '')
  if (WINDOWS_DEVICE.test(stem)) return 'a Windows device name'
  const path = join(dir, name)
  if (dirname(path) !== dir || basename(path) !== name) return 'leaves its folder'
  return undefined
}
