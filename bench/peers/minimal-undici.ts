import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { pathToFileURL } from 'node:url'
import { Agent, request } from 'undici'

/**
 * The floor for a Node downloader: undici's `request` piped to a file, `lanes` at a time, no
 * retries, progress, names or checks. The bench runs it as a whole process (this file with
 * `node`) and in its own process (`minimalDownload`), beside the engine.
 */
export async function minimalDownload(urls: string[], dir: string, lanes: number): Promise<number> {
  const dispatcher = new Agent()
  let next = 0
  let saved = 0
  const lane = async (): Promise<void> => {
    while (next < urls.length) {
      const index = next++
      const { statusCode, body } = await request(urls[index] ?? '', { dispatcher })
      if (statusCode !== 200) throw new Error(`HTTP ${statusCode} for ${urls[index]}`)
      await pipeline(body, createWriteStream(join(dir, `${index}.jpg`)))
      saved++
    }
  }
  await Promise.all(Array.from({ length: Math.min(lanes, urls.length) }, lane))
  await dispatcher.close()
  return saved
}

// As a program: node minimal-undici.ts URLS_FILE DIR LANES
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { readFile } = await import('node:fs/promises')
  const [file = '', dir = '', lanes = '1'] = process.argv.slice(2)
  const urls = (await readFile(file, 'utf8')).split('\n').filter(Boolean)
  await minimalDownload(urls, dir, Number(lanes))
}
