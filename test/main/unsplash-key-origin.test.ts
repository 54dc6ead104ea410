import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UNSPLASH_FILE, UnsplashStore } from '../../src/main/service/unsplash/unsplash-store.ts'
import type { SecretCipher } from '../../src/main/service/unsplash/unsplash-store.ts'
import { tempFolder } from '../helpers/temp-dir.ts'

/** A reversible stand-in for safeStorage (which needs Electron): enough to see what is written. */
const cipher: SecretCipher = {
  canEncrypt: () => true,
  encrypt: (text) => Buffer.from([...Buffer.from(text)].map((b) => b ^ 0x5a)),
  decrypt: (data) => Buffer.from([...data].map((b) => b ^ 0x5a)).toString()
}
const KEY = 'key-for-the-real-api-123'

describe('the Unsplash key stays with the API origin it was given for', () => {
  it('a page that points the origin elsewhere does not get the saved key sent there', async () => {
    const dir = await tempFolder()
    const store = new UnsplashStore(dir, cipher, {})
    await store.load()
    await store.setKey(KEY)
    expect([store.key(), store.keySource()]).toEqual([KEY, 'saved'])
    await store.setApiUrl('http://attacker.example')
    expect([store.key(), store.keySource()]).toEqual([undefined, null])
    // Back to the real API, the key is not back: it was forgotten, not hidden.
    await store.setApiUrl(null)
    expect(store.key()).toBeUndefined()
    const text = await readFile(join(dir, UNSPLASH_FILE), 'utf8').catch(() => '')
    expect(text).not.toContain(KEY)
  })

  it('a key pasted for a chosen origin is kept across a restart, with that origin', async () => {
    const dir = await tempFolder()
    const first = new UnsplashStore(dir, cipher, {})
    await first.load()
    await first.setApiUrl('http://127.0.0.1:8080')
    await first.setKey(KEY)
    const again = new UnsplashStore(dir, cipher, {})
    await again.load()
    expect([again.key(), again.apiUrlSetting()]).toEqual([KEY, 'http://127.0.0.1:8080'])
  })

  it('UNSPLASH_ACCESS_KEY goes only to UNSPLASH_API_URL (or the real API), not to an origin the window set', async () => {
    const env = { UNSPLASH_ACCESS_KEY: KEY, UNSPLASH_API_URL: 'http://127.0.0.1:9000' }
    const store = new UnsplashStore(await tempFolder(), undefined, env)
    await store.load()
    expect(store.keySource()).toBe('environment')
    await store.setApiUrl('http://attacker.example')
    expect([store.key(), store.keySource()]).toEqual([undefined, null])
  })
})
