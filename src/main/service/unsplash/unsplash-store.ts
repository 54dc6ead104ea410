import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { UNSPLASH_DEFAULT_API_URL } from '../../../common/unsplash.ts'
import { writeFileAtomic } from '../stores/atomic-file.ts'

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}

/**
 * Keeps a secret encrypted at rest: Electron's safeStorage in the app (the system's keychain,
 * DPAPI or kwallet/libsecret). `canEncrypt` is false where the system has no such store, as on a
 * Linux desktop without a keyring; a key then lasts the session and is never written.
 */
export interface SecretCipher {
  canEncrypt(): boolean
  encrypt(text: string): Buffer
  decrypt(data: Buffer): string
}

const fileSchema = z.object({
  version: z.literal(1),
  /** The access key, encrypted by the SecretCipher, base64. */
  key: z.string().max(4096).optional(),
  apiUrl: z.string().max(500).optional(),
  /** The API origin the key was given for: the key goes there and nowhere else. */
  keyOrigin: z.string().max(500).optional()
})

export const UNSPLASH_FILE = 'unsplash.json'

/**
 * The user's Unsplash access key and API origin, in `unsplash.json` in the app's data folder.
 * The key is written only encrypted; the file is the user's alone (0600). Precedence: the key
 * set in the window (saved or for the session), then UNSPLASH_ACCESS_KEY.
 */
export class UnsplashStore {
  private saved: string | undefined
  private session: string | undefined
  private apiUrl: string | undefined
  private keyOrigin: string | undefined
  private readonly file: string
  private readonly cipher: SecretCipher | undefined
  private readonly env: NodeJS.ProcessEnv

  constructor(dataDir: string, cipher: SecretCipher | undefined, env: NodeJS.ProcessEnv) {
    this.file = join(dataDir, UNSPLASH_FILE)
    this.cipher = cipher
    this.env = env
  }

  /** Reads the file; one that cannot be read or decrypted counts as no key (it is not shown). */
  async load(): Promise<void> {
    const text = await readFile(this.file, 'utf8').catch(() => undefined)
    if (text === undefined) return
    let parsed: z.infer<typeof fileSchema>
    try {
      parsed = fileSchema.parse(JSON.parse(text))
    } catch {
      return
    }
    this.apiUrl = parsed.apiUrl
    this.keyOrigin = parsed.keyOrigin ?? this.origin()
    if (parsed.key && this.cipher?.canEncrypt()) {
      try {
        this.saved = this.cipher.decrypt(Buffer.from(parsed.key, 'base64'))
      } catch {
        this.saved = undefined
      }
    }
  }

  canSaveKey(): boolean {
    return this.cipher?.canEncrypt() ?? false
  }

  key(): string | undefined {
    const source = this.keySource()
    if (source === 'session') return this.session
    if (source === 'saved') return this.saved
    return source === 'environment' ? this.env.UNSPLASH_ACCESS_KEY?.trim() : undefined
  }

  /**
   * A key is used only with the API origin it was given for: a key pasted in the window with the
   * origin of that moment, UNSPLASH_ACCESS_KEY with UNSPLASH_API_URL (or the real API). A page that
   * sets another origin (the window is treated as hostile) cannot have the key sent there.
   */
  keySource(): 'saved' | 'session' | 'environment' | null {
    const origin = this.origin()
    if (this.keyOrigin === origin && this.session) return 'session'
    if (this.keyOrigin === origin && this.saved) return 'saved'
    const envOrigin = originOf(this.env.UNSPLASH_API_URL?.trim() || UNSPLASH_DEFAULT_API_URL)
    return this.env.UNSPLASH_ACCESS_KEY?.trim() && origin === envOrigin ? 'environment' : null
  }

  private origin(): string {
    return originOf(this.apiUrlSetting() ?? UNSPLASH_DEFAULT_API_URL)
  }

  /** The origin set in the window, then UNSPLASH_API_URL; undefined for the real API. */
  apiUrlSetting(): string | undefined {
    return this.apiUrl ?? (this.env.UNSPLASH_API_URL?.trim() || undefined)
  }

  /** Saves the key encrypted where the system can, else keeps it for the session; null forgets it. */
  async setKey(key: string | null): Promise<void> {
    this.session = undefined
    this.saved = undefined
    this.keyOrigin = this.origin()
    if (key !== null && !this.canSaveKey()) this.session = key
    if (key !== null && this.canSaveKey()) this.saved = key
    await this.write()
  }

  async setApiUrl(url: string | null): Promise<void> {
    this.apiUrl = url ?? undefined
    // A key stays with its origin: for another one it is pasted again.
    if (this.keyOrigin !== this.origin()) {
      this.session = undefined
      this.saved = undefined
    }
    await this.write()
  }

  private async write(): Promise<void> {
    const key =
      this.saved && this.cipher ? this.cipher.encrypt(this.saved).toString('base64') : undefined
    if (!key && !this.apiUrl) {
      await rm(this.file, { force: true })
      return
    }
    const data: z.infer<typeof fileSchema> = {
      version: 1,
      ...(key ? { key } : {}),
      ...(this.apiUrl ? { apiUrl: this.apiUrl } : {}),
      ...(key && this.keyOrigin ? { keyOrigin: this.keyOrigin } : {})
    }
    await writeFileAtomic(this.file, JSON.stringify(data, null, 2))
  }
}
