import { readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import {
  DEFAULT_SIMULATED_SOURCE,
  settingsPatchSchema,
  settingsSchema
} from '../../../common/schemas.ts'
import type { Settings } from '../../../common/schemas.ts'
import {
  DEFAULT_EXISTING_POLICY,
  DEFAULT_STALL_SETTING,
  TUTORIAL_URLS,
  defaultConcurrency
} from '../../../common/defaults.ts'
import type { Result } from '../../../common/api.ts'
import { createSerialWriter, parseJsonFile } from './atomic-file.ts'
import { describeZodError } from '../zod-message.ts'

export const SETTINGS_FILE = 'settings.json'

export interface SettingsStoreOptions {
  userDataDir: string
  defaultOutputDir: string
  cpuCount: number
  /** Told once when the saved settings could not be read and were reset. */
  onNotice?: (message: string) => void
}

export interface SettingsStore {
  get(): Settings
  /** A change from the page: anything but the output folder. */
  save(patch: unknown): Promise<Result<Settings>>
  /** The output folder, which only main sets (output-folder-policy.ts checks it first). */
  setOutputDir(dir: string): Promise<Result<Settings>>
  flush(): Promise<void>
}

export function defaultSettings(defaultOutputDir: string, cpuCount: number): Settings {
  return {
    outputDir: defaultOutputDir,
    strategy: 'pool',
    concurrency: defaultConcurrency(cpuCount),
    sourceKind: 'urls',
    urls: [...TUTORIAL_URLS],
    imageSize: 'original',
    simulated: { ...DEFAULT_SIMULATED_SOURCE },
    existing: DEFAULT_EXISTING_POLICY,
    stall: { ...DEFAULT_STALL_SETTING }
  }
}

export async function openSettingsStore(options: SettingsStoreOptions): Promise<SettingsStore> {
  const file = join(options.userDataDir, SETTINGS_FILE)
  const defaults = defaultSettings(options.defaultOutputDir, options.cpuCount)
  const writer = createSerialWriter(file)
  const loaded = await load(file, defaults, options.onNotice)
  let settings = loaded.settings
  // Settings salvaged from a half-valid file replace it (the file itself was kept aside).
  if (loaded.salvaged) await writer.write(JSON.stringify(settings, null, 2)).catch(() => undefined)

  async function merge(patch: Partial<Settings>): Promise<Result<Settings>> {
    const merged = settingsSchema.safeParse({ ...settings, ...patch })
    if (!merged.success) return { ok: false, error: describeZodError('settings', merged.error) }
    settings = merged.data
    try {
      await writer.write(JSON.stringify(settings, null, 2))
    } catch (error) {
      return { ok: false, error: `Could not save the settings: ${(error as Error).message}` }
    }
    return { ok: true, value: structuredClone(settings) }
  }

  return {
    get: () => structuredClone(settings),
    save(patch) {
      const parsed = settingsPatchSchema.safeParse(patch)
      if (!parsed.success) {
        return Promise.resolve({ ok: false, error: describeZodError('settings', parsed.error) })
      }
      return merge(parsed.data)
    },
    setOutputDir: (outputDir) => merge({ outputDir }),
    flush: () => writer.flush()
  }
}

async function load(
  file: string,
  defaults: Settings,
  onNotice: ((message: string) => void) | undefined
): Promise<{ settings: Settings; salvaged?: boolean }> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: defaults }
    onNotice?.(
      `The saved settings could not be read (${(error as Error).message}); defaults are used.`
    )
    return { settings: defaults }
  }
  let data: unknown
  try {
    data = parseJsonFile(text)
  } catch {
    const kept = await keepCorrupt(file)
    onNotice?.(
      `The settings file was damaged and the defaults are used. The old file was kept as ${kept}.`
    )
    return { settings: defaults }
  }
  const whole = settingsSchema.safeParse(data)
  if (whole.success) return { settings: whole.data }
  // Keep what is still valid (a setting from a newer or older version should not reset the rest).
  const salvaged = salvage(data, defaults)
  const kept = await keepCorrupt(file)
  onNotice?.(
    `Some saved settings were not valid and were reset to their defaults. The old file was kept as ${kept}.`
  )
  return { settings: salvaged, salvaged: kept !== MOVE_FAILED }
}

function salvage(data: unknown, defaults: Settings): Settings {
  const result: Settings = { ...defaults }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return result
  const record = data as Record<string, unknown>
  for (const key of Object.keys(defaults) as (keyof Settings)[]) {
    if (!(key in record)) continue
    const field = settingsSchema.shape[key].safeParse(record[key])
    if (field.success) Object.assign(result, { [key]: field.data })
  }
  return result
}

const MOVE_FAILED = '(it could not be moved aside)'

async function keepCorrupt(file: string): Promise<string> {
  const kept = `${file}.corrupt-${Date.now()}`
  try {
    await rename(file, kept)
  } catch {
    return MOVE_FAILED
  }
  return kept
}
