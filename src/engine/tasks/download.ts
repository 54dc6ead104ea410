import { setTimeout as delay } from 'node:timers/promises'
import { request } from 'undici'
import type { Dispatcher } from 'undici'
import type { DownloadLimits } from '../../common/defaults.ts'
import type { DownloadResult, DownloadTask } from '../../common/tasks.ts'
import { backoffDelay } from '../net/backoff.ts'
import { dispatcherFor } from '../net/dispatcher.ts'
import { proxyFailure } from '../net/proxy-errors.ts'
import { ResumeSession } from '../net/resume-session.ts'
import { nextRedirectUrl } from '../net/redirects.ts'
import { guardThroughput } from '../net/stall-guard.ts'
import { ImageSave } from '../files/save.ts'
import type { SaveResult } from '../files/save.ts'
import { CancelledError, invalidUrlFailure, TaskFailure } from '../task-error.ts'
import { classifyNetworkError, classifyWriteError, parseRetryAfter } from './download-errors.ts'
import { pumpBody } from './body-pump.ts'
import type { TaskContext } from './types.ts'

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
const PROGRESS_INTERVAL_MS = 100

/**
 * Downloads one image: streamed to a `.part` file of its own, checked to be an image,
 * and named when whole under the existing-files policy (engine/files/). Transient
 * failures are retried with exponential backoff; a failed or cancelled image
 * leaves no file.
 */
export async function downloadTask(
  task: DownloadTask,
  context: TaskContext
): Promise<DownloadResult> {
  const invalid = invalidUrlFailure(task.url)
  if (invalid) throw invalid
  // The `.part` file outlives a failed attempt so that the next one can resume it.
  const session = new ResumeSession(task)
  try {
    await session.prepare()
    return await downloadWithRetries(task, context, session)
  } finally {
    await session.close(context.signal.aborted)
  }
}

async function downloadWithRetries(
  task: DownloadTask,
  context: TaskContext,
  session: ResumeSession
): Promise<DownloadResult> {
  const { limits } = task
  const { signal } = context
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw new CancelledError()
    try {
      const saved = await attemptDownload(task, context, session)
      return { kind: 'download', ...saved, attempts: attempt }
    } catch (error) {
      if (signal.aborted) throw new CancelledError()
      if (!(error instanceof TaskFailure) || !error.transient || attempt > limits.maxRetries)
        throw error
      const delayMs = backoffDelay(attempt, limits, error.retryAfterMs)
      context.notify({
        type: 'retry',
        attempt: attempt + 1,
        code: error.code,
        message: error.message,
        delayMs
      })
      try {
        await delay(delayMs, undefined, { signal })
      } catch {
        throw new CancelledError()
      }
    }
  }
}

async function attemptDownload(
  task: DownloadTask,
  context: TaskContext,
  session: ResumeSession
): Promise<SaveResult> {
  const { limits } = task
  let response = await requestFollowingRedirects(
    task.url,
    limits,
    context.signal,
    session.requestHeaders()
  )
  if (!(await session.accept(response.statusCode, response.headers))) {
    // A 206 of other bytes or a 416: the kept bytes are dropped and the image asked for anew.
    discard(response.body)
    response = await requestFollowingRedirects(task.url, limits, context.signal, {})
    await session.accept(response.statusCode, response.headers)
  }
  const { statusCode, headers, body } = response
  try {
    if (statusCode < 200 || statusCode >= 300) {
      const transient = isTransientStatus(statusCode)
      throw new TaskFailure(`http_${statusCode}`, `the server answered HTTP ${statusCode}`, {
        transient,
        retryAfterMs: transient ? parseRetryAfter(headers['retry-after']) : undefined
      })
    }
    // Whatever the Content-Type says, the body's first bytes decide (files/image-type.ts).
    const save = await session.begin()
    const { offset } = session
    const skipped = offset === 0 ? await save.skipIfSaved(headers) : undefined
    if (skipped) return skipped
    const lengthHeader = Number(headers['content-length'])
    const total = Number.isFinite(lengthHeader) && lengthHeader >= 0 ? lengthHeader : null
    if (total !== null && total > limits.maxBytes) {
      throw new TaskFailure(
        'too_large',
        `${formatMiB(total)} is over the ${formatMiB(limits.maxBytes)} limit`
      )
    }
    // A resumed body's progress counts the bytes kept from before.
    const notify: TaskContext['notify'] = (notice) =>
      context.notify(
        notice.type === 'progress' && offset > 0
          ? {
              ...notice,
              bytes: offset + notice.bytes,
              total: notice.total && offset + notice.total
            }
          : notice
      )
    return await streamToFile(task, save, response, total, { ...context, notify }, async () => {
      // The file and its validator, for the app to resume it in a later run if this one is cut
      // short: only a run that keeps its parts (keepParts) can resume them.
      if (!task.keepPartOnCancel) return
      const part = await session.keptPart()
      if (part) context.notify({ type: 'part', part })
    })
  } catch (error) {
    // Keeps the `.part` file for the next attempt to resume, or removes it.
    await session.release(error)
    throw error
  } finally {
    discard(body)
  }
}

/**
 * Worth another attempt: a timeout, too many requests, or a server error, but not
 * 501 Not Implemented or 505 HTTP Version Not Supported, which the next attempt
 * would get again.
 */
function isTransientStatus(statusCode: number): boolean {
  if (statusCode === 501 || statusCode === 505) return false
  return statusCode === 408 || statusCode === 429 || statusCode >= 500
}

/** Cancels a body not read to its end, so its connection is freed; its late errors are expected. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined)
  if (!body.destroyed) body.destroy()
}

async function requestFollowingRedirects(
  firstUrl: string,
  limits: DownloadLimits,
  signal: AbortSignal,
  extraHeaders: Record<string, string>
): Promise<Dispatcher.ResponseData> {
  let url = firstUrl
  for (let hops = 0; ; hops++) {
    let response: Dispatcher.ResponseData
    try {
      response = await request(url, {
        method: 'GET',
        signal,
        dispatcher: dispatcherFor(limits),
        headers: {
          accept: 'image/*',
          'user-agent': 'concurrent-image-downloader',
          ...extraHeaders
        }
      })
    } catch (error) {
      if (signal.aborted) throw new CancelledError()
      throw proxyFailure(error, limits.proxy, url) ?? classifyNetworkError(error, null, 0)
    }
    const location = response.headers.location
    if (!REDIRECT_STATUSES.has(response.statusCode) || typeof location !== 'string') return response
    discard(response.body)
    if (hops >= limits.maxRedirects) {
      throw new TaskFailure('too_many_redirects', `more than ${limits.maxRedirects} redirects`)
    }
    url = nextRedirectUrl(location, url, firstUrl)
  }
}

async function streamToFile(
  task: DownloadTask,
  save: ImageSave,
  { body, headers }: Dispatcher.ResponseData,
  total: number | null,
  context: TaskContext,
  onPartReady: () => Promise<void>
): Promise<SaveResult> {
  let received = 0
  let lastNotice = 0
  // Made before the pump's listener starts the flow, so that no chunk passes it by.
  let way: Awaited<ReturnType<ImageSave['sink']>>
  try {
    way = await save.sink(headers)
    await onPartReady()
  } catch (error) {
    await save.abandon()
    throw error instanceof TaskFailure ? error : (classifyWriteError(error) ?? error)
  }
  context.notify({ type: 'progress', bytes: 0, total })
  // Counted in the pump's own listener, not in a stage: an async generator stage cost about
  // 7 % on a minimal downloader of many small images (500 × 256 KiB).
  const onChunk = (chunk: Buffer): void => {
    received += chunk.length
    guard.count(chunk.length)
    if (received > task.limits.maxBytes) {
      body.destroy(
        new TaskFailure('too_large', `over the ${formatMiB(task.limits.maxBytes)} limit`)
      )
      return
    }
    const now = performance.now()
    if (now - lastNotice >= PROGRESS_INTERVAL_MS) {
      lastNotice = now
      context.notify({ type: 'progress', bytes: received, total })
    }
  }
  const guard = guardThroughput(body, task.limits, (report) =>
    context.notify({ type: 'stall', ...report })
  )
  let saved: SaveResult
  try {
    try {
      await pumpBody(body, way.decoders, way.sink, context.signal, onChunk, guard.stop)
    } finally {
      guard.stop()
    }
    if (total !== null && received < total) {
      throw new TaskFailure('truncated', `the body ended after ${received} of ${total} bytes`, {
        transient: true
      })
    }
    saved = await save.finish(headers)
  } catch (error) {
    // The pump waits for the write under way before it settles; the caller
    // then keeps the `.part` file for a resume or removes it (net/resume-session.ts).
    if (context.signal.aborted) throw new CancelledError()
    if (error instanceof TaskFailure) throw error
    throw (
      ImageSave.classify(error) ??
      classifyWriteError(error) ??
      classifyNetworkError(error, total, received)
    )
  }
  context.notify({ type: 'progress', bytes: received, total })
  return saved
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
