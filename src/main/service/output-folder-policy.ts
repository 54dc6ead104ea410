import { access, constants, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Result } from '../../common/api.ts'
import type { Settings } from '../../common/schemas.ts'
import { makeFolder } from '../../engine/make-folder.ts'

/**
 * The output folder belongs to the main process. It is the default
 * (`<Pictures>/<app name>`) until the user picks another in the folder dialog;
 * the page cannot name one (the schemas refuse `outputDir` in its payloads), so
 * it cannot make the app create, fill or open a folder of its choosing.
 */

/** Names Windows gives to devices, in any folder and with any extension (`C:\x\NUL.txt`). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i

/**
 * Why `dir` cannot be an output folder on `platform`, or null when it can. A
 * pure check of the text, so that every platform's rule is testable anywhere.
 *
 * Refused everywhere: a path that starts with two separators of either kind,
 * which Windows reads as a network share (`\\host\share`, `//host/share`: the
 * first access connects over SMB and can hand the user's NTLM hash to that
 * host) or as a device path (`\\?\`, `\\.\`); and a NUL byte. On Windows also:
 * no drive letter (`\??\C:\`, `\folder`, `C:folder`), an alternate data
 * stream (`C:\x:stream`) and a device name as a folder (`C:\x\CON`).
 */
export function outputFolderProblem(
  dir: string,
  platform: string = process.platform
): string | null {
  if (dir.includes('\0')) return 'it contains a NUL character'
  if (/^[\\/]{2}/.test(dir)) return 'network (UNC) and device paths are not used'
  if (platform === 'win32') {
    if (!/^[A-Za-z]:[\\/]/.test(dir)) return 'it must be an absolute path with a drive letter'
    if (dir.indexOf(':', 2) !== -1) return 'a colon is allowed only after the drive letter'
    const segments = dir.slice(3).split(/[\\/]/)
    const device = segments.find((segment) => WINDOWS_DEVICE.test(segment.replace(/[ .]+$/, '')))
    if (device) return `${device} is a name Windows keeps for a device`
    return null
  }
  return path.posix.isAbsolute(dir) ? null : 'it must be an absolute path'
}

function refusal(dir: string, reason: string): string {
  return `The output folder ${dir} cannot be used (${reason})`
}

/** Makes the folder (and its parents) and checks that it is a writable folder. */
export async function prepareOutputFolder(
  dir: string,
  platform: string = process.platform
): Promise<Result<string>> {
  const problem = outputFolderProblem(dir, platform)
  if (problem) return { ok: false, error: refusal(dir, problem) }
  const folder = path.resolve(dir)
  try {
    await makeFolder(folder)
    if (!(await stat(folder)).isDirectory()) throw new Error('it is a file, not a folder')
    await access(folder, constants.W_OK)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    return { ok: false, error: refusal(folder, reason) }
  }
  return { ok: true, value: folder }
}

/** The part of the settings store the folder policy uses. */
export interface OutputDirSettings {
  get(): Settings
  setOutputDir(dir: string): Promise<Result<Settings>>
}

export interface OutputFolder {
  /** Makes the current folder, ready for a run or to be opened. */
  prepare(): Promise<Result<string>>
  /** Asks the user with the folder dialog; saves and returns the folder chosen. */
  choose(): Promise<Result<string | null>>
}

export async function createOutputFolder(options: {
  settings: OutputDirSettings
  chooseFolder: (defaultPath: string) => Promise<string | null>
  defaultDir: string
  platform?: string
  onNotice: (message: string) => void
}): Promise<OutputFolder> {
  const { settings } = options
  const platform: string = options.platform ?? process.platform
  // A settings file holding a folder this policy refuses (written by an older
  // version, or edited) is not trusted: the default takes its place.
  const saved = settings.get().outputDir
  const problem = outputFolderProblem(saved, platform)
  if (problem && saved !== options.defaultDir) {
    const reset = await settings.setOutputDir(options.defaultDir)
    options.onNotice(
      `${refusal(saved, problem)}; images go to ${options.defaultDir}` +
        (reset.ok ? '.' : ` for now (${reset.error}).`)
    )
  }

  return {
    prepare: () => prepareOutputFolder(settings.get().outputDir, platform),

    async choose() {
      const chosen = await options.chooseFolder(settings.get().outputDir)
      if (!chosen) return { ok: true, value: null }
      const refused = outputFolderProblem(chosen, platform)
      if (refused) return { ok: false, error: refusal(chosen, refused) }
      const result = await settings.setOutputDir(chosen)
      return result.ok ? { ok: true, value: result.value.outputDir } : result
    }
  }
}
