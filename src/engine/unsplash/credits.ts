import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { link, lstat, open, readFile, rename, unlink } from 'node:fs/promises'
import { z } from 'zod'
import { openFolder, O_NOFOLLOW, O_NONBLOCK } from '../files/folder.ts'
import type { Folder } from '../files/folder.ts'
import type { UnsplashPhoto } from './photo.ts'
import { withReferral } from './photo.ts'

const APP = 'concurrent-image-downloader'
const MARKER =
  '<!-- Written by Concurrent Image Downloader from credits.json: it rewrites this file. -->'
const MAX_CANDIDATES = 20

const entrySchema = z.object({
  id: z.string(),
  file: z.string(),
  description: z.string(),
  pageUrl: z.string(),
  photographer: z.object({ name: z.string(), username: z.string(), profileUrl: z.string() }),
  savedAt: z.number()
})
const creditsSchema = z.object({ app: z.literal(APP), photos: z.array(entrySchema) })

export type CreditEntry = z.infer<typeof entrySchema>

export function creditEntry(photo: UnsplashPhoto, file: string, savedAt: number): CreditEntry {
  return {
    id: photo.id,
    file,
    description: photo.description,
    pageUrl: photo.pageUrl,
    photographer: photo.photographer,
    savedAt
  }
}

/** Markdown's own characters in a name from the API are shown, not obeyed. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-.!|]/g, '\\$&').replace(/[\r\n]+/g, ' ')
}

export function creditsMarkdown(entries: CreditEntry[]): string {
  const unsplash = withReferral('https://unsplash.com/')
  const lines = entries.map((entry) => {
    const who = `[${escapeMarkdown(entry.photographer.name)}](${withReferral(entry.photographer.profileUrl)})`
    const photo = `[photo](${withReferral(entry.pageUrl)})`
    return `- \`${entry.file.replace(/`/g, '')}\`: Photo by ${who} on [Unsplash](${unsplash}) (${photo})`
  })
  return [
    MARKER,
    '# Photo credits',
    '',
    `These photos come from [Unsplash](${unsplash}), under the Unsplash License.`,
    '',
    ...lines,
    ''
  ].join('\n')
}

/**
 * Writes CREDITS.md and credits.json into the download folder, merged with the app's own
 * earlier ones there (by photo id). A file of those names that the app did not write, or a
 * link planted in its place, is left alone: the credits go to `CREDITS (2).md` and so on.
 * Returns the names written.
 */
export async function writeCredits(
  dir: string,
  entries: CreditEntry[]
): Promise<{ markdown: string; json: string }> {
  const folder = await openFolder(dir)
  try {
    const json = await pickName(folder, 'credits', '.json', isOurJson)
    const merged = new Map<string, CreditEntry>()
    for (const entry of json.own ? await readOurEntries(folder, json.name) : []) {
      merged.set(entry.id, entry)
    }
    for (const entry of entries) merged.set(entry.id, entry)
    const all = [...merged.values()].sort((a, b) => a.file.localeCompare(b.file))
    const jsonName = await put(folder, json, JSON.stringify({ app: APP, photos: all }, null, 2))
    const markdown = await pickName(folder, 'CREDITS', '.md', isOurMarkdown)
    const markdownName = await put(folder, markdown, creditsMarkdown(all))
    return { markdown: markdownName, json: jsonName }
  } finally {
    await folder.close()
  }
}

interface Candidate {
  name: string
  /** The app's own earlier file: replaced. Otherwise the name is free: claimed. */
  own: boolean
  next: () => Promise<Candidate>
}

async function pickName(
  folder: Folder,
  stem: string,
  extension: string,
  isOurs: (text: string) => boolean,
  index = 1
): Promise<Candidate> {
  if (index > MAX_CANDIDATES) {
    throw new Error(`no free name for ${stem}${extension} in ${folder.dir}`)
  }
  const name = index === 1 ? `${stem}${extension}` : `${stem} (${index})${extension}`
  const next = () => pickName(folder, stem, extension, isOurs, index + 1)
  const info = await lstat(folder.at(name)).catch(() => undefined)
  if (!info) return { name, own: false, next }
  if (!info.isFile() || info.size > 16 * 1024 * 1024) return next()
  const text = await readNoFollow(folder, name).catch(() => undefined)
  return text !== undefined && isOurs(text) ? { name, own: true, next } : next()
}

async function readNoFollow(folder: Folder, name: string): Promise<string> {
  const handle = await open(folder.at(name), constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
  try {
    return await readFile(handle, 'utf8')
  } finally {
    await handle.close()
  }
}

function isOurJson(text: string): boolean {
  try {
    return creditsSchema.safeParse(JSON.parse(text)).success
  } catch {
    return false
  }
}

function isOurMarkdown(text: string): boolean {
  return text.startsWith(MARKER)
}

async function readOurEntries(folder: Folder, name: string): Promise<CreditEntry[]> {
  const parsed = creditsSchema.safeParse(JSON.parse(await readNoFollow(folder, name)))
  return parsed.success ? parsed.data.photos : []
}

/** Writes `text` whole beside the target, then renames it over the app's own file or links it to a free name. */
async function put(folder: Folder, candidate: Candidate, text: string): Promise<string> {
  const temp = `.credits-${randomBytes(6).toString('hex')}.part`
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW
  const handle = await open(folder.at(temp), flags, 0o644)
  try {
    await handle.writeFile(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    for (let target = candidate; ; target = await target.next()) {
      await folder.check()
      if (target.own) {
        await rename(folder.at(temp), folder.at(target.name))
        return target.name
      }
      try {
        await link(folder.at(temp), folder.at(target.name))
        return target.name
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
    }
  } finally {
    await unlink(folder.at(temp)).catch(() => undefined)
  }
}
