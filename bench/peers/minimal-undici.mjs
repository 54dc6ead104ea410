// The floor for a Node downloader: undici's `request` piped to a file, `lanes` at a time, with
// no retries, progress, names or checks. Plain JavaScript, so that as a whole process it pays
// Node's start-up and nothing else (a .ts file would load the type stripper first). The bench
// runs it as a program and, through minimalDownload, in its own process.
import { createWriteStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { pathToFileURL } from 'node:url'
import { Agent, request } from 'undici'

/** Saves each URL as `<index>.jpg` in `dir`; resolves to how many were saved. */
export async function minimalDownload(urls, dir, lanes) {
  const dispatcher = new Agent()
  let next = 0
  let saved = 0
  const lane = async () => {
    while (next < urls.length) {
      const index = next++
      const { statusCode, body } = await request(urls[index], { dispatcher })
      if (statusCode !== 200) throw new Error(`HTTP ${statusCode} for ${urls[index]}`)
      await pipeline(body, createWriteStream(join(dir, `${index}.jpg`)))
      saved++
    }
  }
  await Promise.all(Array.from({ length: Math.min(lanes, urls.length) }, lane))
  await dispatcher.close()
  return saved
}

// As a program: node minimal-undici.mjs URLS_FILE DIR LANES
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, dir, lanes] = process.argv.slice(2)
  const urls = (await readFile(file, 'utf8')).split('\n').filter(Boolean)
  await minimalDownload(urls, dir, Number(lanes))
}
