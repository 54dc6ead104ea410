import type { UnsplashClient } from './client.ts'
import { UnsplashError } from './client.ts'
import type { UnsplashPhoto } from './photo.ts'

/**
 * Unsplash's download tracking for one run: each photo is told once, when its image is saved,
 * never for a failed one, however many attempts the download took. A tracking call that fails
 * is reported, and the image stays saved.
 */
export class DownloadTracker {
  private readonly told = new Set<string>()
  private readonly pending: Promise<void>[] = []
  readonly failures: { photo: UnsplashPhoto; message: string }[] = []

  private readonly client: UnsplashClient

  constructor(client: UnsplashClient) {
    this.client = client
  }

  saved(photo: UnsplashPhoto): void {
    if (this.told.has(photo.id)) return
    this.told.add(photo.id)
    this.pending.push(
      this.client.trackDownload(photo).catch((error: unknown) => {
        const message = error instanceof UnsplashError ? error.message : String(error)
        this.failures.push({ photo, message })
      })
    )
  }

  get count(): number {
    return this.told.size
  }

  /** Resolves when every call made so far has ended. */
  async settled(): Promise<void> {
    await Promise.all(this.pending)
  }
}
