/**
 * A scripted window.api for looking at the UI in a browser: it simulates runs
 * (lanes, progress, failures, thumbnails) and replays their events in batches
 * of 50 ms, as main does. It is serialized into the page by Playwright's
 * addInitScript, so it must not close over anything outside itself.
 * Not the app's main process: the real one is tested by the e2e harness.
 */
export interface FakeOptions {
  /** Runs to put in the history before the page loads. */
  seed?: 'none' | 'comparison'
  sourceKind?: 'urls' | 'simulated'
  urls?: string[]
  cpuCount?: number
  /** Simulated time per real millisecond. */
  speed?: number
}

export function installFakeApi(options: FakeOptions): void {
  type Any = any // eslint-disable-line @typescript-eslint/no-explicit-any
  const TUTORIAL = [
    'photo-1516117172878-fd2c41f4a759',
    'photo-1532009324734-20a7a5813719',
    'photo-1524429656589-6633a470097c',
    'photo-1530224264768-7ff8c1789d79',
    'photo-1564135624576-c5c88640f235',
    'photo-1541698444083-023c97d3f4b6',
    'photo-1522364723953-452d3431c267',
    'photo-1513938709626-033611b8cc03',
    'photo-1507143550189-fed454f93097',
    'photo-1493976040374-85c8e12f0c0e',
    'photo-1504198453319-5ce911bafcde',
    'photo-1530122037265-a5f1f91d3b99',
    'photo-1516972810927-80185027ca84',
    'photo-1550439062-609e1531270e',
    'photo-1549692520-acc6669e2f0c'
  ].map((id) => `https://images.unsplash.com/${id}`)
  const cpuCount = options.cpuCount ?? 4
  const speed = options.speed ?? 1
  const settings: Any = {
    outputDir: '/home/ada/Pictures/Concurrent Image Downloader',
    strategy: 'workers',
    concurrency: Math.min(32, cpuCount + 4),
    sourceKind: options.sourceKind ?? 'urls',
    urls: options.urls ?? TUTORIAL,
    imageSize: 'original',
    simulated: { count: 15, sizeKB: 3584, latencyMs: 150, bandwidthKBps: 20480 },
    existing: 'keep'
  }
  const history: Any[] = []
  const listeners = new Set<(batch: Any[]) => void>()
  let current: { stop(): void } | null = null
  let runNo = 0

  const rand = (seed: number): number => {
    const x = Math.sin(seed * 9301 + 49297) * 233280
    return x - Math.floor(x)
  }

  const thumbnail = (i: number): string => {
    const hue = (i * 47 + 190) % 360
    const svg =
      `<svg xmlns='http://www.w3.org/2000/svg' width='320' height='240'>` +
      `<defs><linearGradient id='g' x1='0' y1='0' x2='0.4' y2='1'>` +
      `<stop offset='0' stop-color='hsl(${hue},65%,72%)'/><stop offset='1' stop-color='hsl(${(hue + 40) % 360},55%,42%)'/>` +
      `</linearGradient></defs><rect width='320' height='240' fill='url(#g)'/>` +
      `<circle cx='${200 + (i % 5) * 20}' cy='64' r='30' fill='hsla(48,100%,92%,.85)'/>` +
      `<path d='M0 240 L70 ${120 + (i % 4) * 12} L150 200 L230 ${110 + (i % 3) * 20} L320 240Z' fill='hsla(${hue},45%,22%,.75)'/>` +
      `<path d='M0 240 L110 170 L200 230 L320 180 L320 240Z' fill='hsla(${hue},35%,14%,.8)'/></svg>`
    return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
  }

  const failureOf = (url: string): { code: string; message: string; retries?: number } | null => {
    if (url.includes('missing'))
      return { code: 'http_404', message: 'The server answered 404 Not Found' }
    if (url.includes('.html'))
      return { code: 'not_image', message: 'The server sent text/html, not an image' }
    if (url.includes('slow'))
      return { code: 'timeout', message: 'No data for 30 s while reading the body', retries: 2 }
    if (url.includes('flaky')) return { code: 'reset', message: 'Connection reset', retries: 3 }
    return null
  }

  /** Every event of a run, with its times, before any is sent. */
  const plan = (kind: 'download' | 'sleep', request: Any): { events: Any[]; record: Any } => {
    runNo++
    const runId = `run-${runNo}`
    const startedAt = Date.now()
    const events: Any[] = []
    let labels: string[]
    let durations: number[]
    let sizes: number[] = []
    let sourceLabel: string
    let sourceKey: string
    if (kind === 'sleep') {
      labels = request.seconds.map((s: number) => `sleep ${s} s`)
      durations = request.seconds.map((s: number, i: number) => s * 1000 + 2 + rand(i) * 4)
      sourceLabel = `sleep ${request.seconds.slice(0, 6).join(', ')} s (${request.mode})`
      sourceKey = `sleep:${request.seconds.join(',')}:${request.mode}`
    } else if (request.source.kind === 'simulated') {
      const s = request.source.simulated
      labels = Array.from(
        { length: s.count },
        (_, i) => `http://127.0.0.1:41234/images/${i + 1}.jpg`
      )
      sizes = labels.map(() => s.sizeKB * 1024)
      durations = sizes.map(
        (size, i) =>
          s.latencyMs +
          (s.bandwidthKBps ? (size / 1024 / s.bandwidthKBps) * 1000 : 5) +
          rand(i) * 20
      )
      sourceLabel = `simulated CDN (${s.count} × ${s.sizeKB} KB, ${s.latencyMs} ms, ${s.bandwidthKBps} KB/s)`
      sourceKey = `sim:${s.count}:${s.sizeKB}:${s.latencyMs}:${s.bandwidthKBps}`
    } else {
      labels = request.source.urls
      sizes = labels.map((_, i) => Math.round((2.6 + rand(i + 3) * 2.2) * 1024 * 1024))
      durations = labels.map((_, i) => 700 + rand(i + 11) * 1500)
      sourceLabel =
        labels.length === 15 && labels[0] === TUTORIAL[0]
          ? 'the tutorial’s 15 Unsplash photos'
          : `${labels.length} URLs`
      sourceKey = `urls:${labels.join('|')}:${request.source.imageSize}`
    }
    const strategy = request.strategy
    const blocksThread = kind === 'sleep' && strategy === 'pool' && request.mode !== 'timer'
    const width = strategy === 'sequential' || blocksThread ? 1 : request.concurrency
    const laneCount = strategy === 'sequential' ? 1 : Math.min(request.concurrency, labels.length)
    const laneFree = Array.from({ length: width }, () => 0)
    const records: Any[] = []
    events.push({
      type: 'run-started',
      runId,
      t: 0,
      kind,
      strategy,
      concurrency: request.concurrency,
      startedAt,
      tasks: labels.map((label, taskId) => ({
        taskId,
        label,
        ...(kind === 'download'
          ? { fileName: `${label.split('/').pop()?.replace(/\?.*/, '')}.jpg` }
          : { seconds: request.seconds[taskId] })
      })),
      ...(kind === 'download' ? { dir: settings.outputDir } : { mode: request.mode })
    })
    labels.forEach((label, taskId) => {
      const slot = laneFree.indexOf(Math.min(...laneFree))
      const start = laneFree[slot]! + (taskId < width ? taskId * 3 : 2)
      const lane = blocksThread ? taskId % laneCount : slot
      const failure = kind === 'download' ? failureOf(label) : null
      const duration =
        failure?.code === 'http_404' || failure?.code === 'not_image' ? 180 : durations[taskId]!
      const end = start + duration
      laneFree[slot] = end
      events.push({ type: 'task-started', runId, t: start, taskId, lane })
      const size = sizes[taskId] ?? 0
      if (kind === 'download' && !failure) {
        for (let t = start + 100; t < end; t += 100) {
          const share = (t - start) / duration
          events.push({
            type: 'task-progress',
            runId,
            t,
            taskId,
            bytes: Math.round(size * share),
            total: size
          })
        }
      }
      if (failure?.retries) {
        for (let attempt = 2; attempt <= failure.retries + 1; attempt++) {
          events.push({
            type: 'task-retry',
            runId,
            t: start + (duration * (attempt - 1)) / (failure.retries + 1),
            taskId,
            attempt,
            code: failure.code,
            message: failure.message,
            delayMs: 500
          })
        }
      }
      const file = `${settings.outputDir}/${label.split('/').pop()}.jpg`
      if (failure) {
        events.push({
          type: 'task-failed',
          runId,
          t: end,
          taskId,
          code: failure.code,
          message: failure.message
        })
      } else if (kind === 'download') {
        events.push({ type: 'task-finished', runId, t: end, taskId, file, bytes: size })
        events.push({
          type: 'task-thumbnail',
          runId,
          t: end + 60,
          taskId,
          url: thumbnail(taskId),
          width: 320,
          height: 240,
          ms: 60
        })
      } else {
        const seconds = request.seconds[taskId]
        events.push({
          type: 'task-finished',
          runId,
          t: end,
          taskId,
          message: `Done Sleeping...${seconds}`
        })
      }
      records.push({
        taskId,
        label,
        status: failure ? 'failed' : 'done',
        ...(failure ? { error: { code: failure.code, message: failure.message } } : { file }),
        bytes: failure ? 0 : size,
        startMs: start,
        endMs: end,
        lane
      })
    })
    const elapsedMs = Math.max(...records.map((r) => r.endMs)) + 3
    const ok = records.filter((r) => r.status === 'done').length
    const bytes = records.reduce((sum, r) => sum + r.bytes, 0)
    const finished = {
      type: 'run-finished',
      runId,
      t: elapsedMs,
      elapsedMs,
      ok,
      failed: records.length - ok,
      cancelled: 0,
      bytes
    }
    events.push(finished)
    events.sort((a, b) => a.t - b.t)
    const record = {
      runId,
      kind,
      strategy,
      concurrency: request.concurrency,
      sourceLabel,
      sourceKey,
      ...(kind === 'sleep' ? { mode: request.mode } : { dir: settings.outputDir }),
      startedAt,
      count: records.length,
      bytes,
      elapsedMs,
      ok,
      failed: records.length - ok,
      cancelled: 0,
      interrupted: false,
      tasks: records
    }
    return { events, record }
  }

  const emit = (batch: Any[]): void => listeners.forEach((listener) => listener(batch))

  const replay = (events: Any[], record: Any): void => {
    const began = Date.now()
    let next = 0
    const states = new Map<number, string>()
    const timer = window.setInterval(() => {
      const now = (Date.now() - began) * speed
      const batch: Any[] = []
      while (next < events.length && events[next].t <= now) {
        const event = events[next++]
        if (event.type === 'task-started') states.set(event.taskId, 'running')
        if (event.type === 'task-finished' || event.type === 'task-failed')
          states.set(event.taskId, 'ended')
        batch.push(event)
      }
      if (batch.length) emit(batch)
      if (next >= events.length) {
        window.clearInterval(timer)
        current = null
        history.push(record)
      }
    }, 50)
    current = {
      stop() {
        window.clearInterval(timer)
        current = null
        const t = (Date.now() - began) * speed
        const batch: Any[] = []
        let cancelled = 0
        for (const task of record.tasks) {
          if (states.get(task.taskId) === 'ended') continue
          cancelled++
          task.status = 'cancelled'
          task.error = { code: 'cancelled', message: 'Cancelled' }
          if (!states.has(task.taskId)) task.startMs = task.endMs = task.lane = null
          else task.endMs = t
          batch.push({
            type: 'task-failed',
            runId: record.runId,
            t,
            taskId: task.taskId,
            code: 'cancelled',
            message: 'Cancelled'
          })
        }
        const ended = record.tasks.filter((r: Any) => r.status === 'done')
        Object.assign(record, {
          elapsedMs: t,
          ok: ended.length,
          cancelled,
          failed: record.tasks.length - ended.length - cancelled,
          bytes: ended.reduce((s: number, r: Any) => s + r.bytes, 0)
        })
        batch.push({
          type: 'run-finished',
          runId: record.runId,
          t,
          elapsedMs: t,
          ok: record.ok,
          failed: record.failed,
          cancelled,
          bytes: record.bytes
        })
        emit(batch)
        history.push(record)
      }
    }
  }

  const start = (kind: 'download' | 'sleep', request: Any): Any => {
    if (current) return { ok: false, error: 'A run is already in progress' }
    const { events, record } = plan(kind, request)
    replay(events, record)
    return { ok: true, value: { runId: record.runId } }
  }

  if (options.seed === 'comparison') {
    const source = { kind: 'urls', urls: settings.urls, imageSize: 'original' }
    for (const [strategy, concurrency] of [
      ['sequential', 1],
      ['pool', 8],
      ['workers', 8]
    ] as const) {
      const { record } = plan('download', { strategy, concurrency, source })
      record.startedAt -= 600_000 - runNo * 60_000
      history.push(record)
    }
  }

  const later = <T>(value: T): Promise<T> => new Promise((r) => setTimeout(() => r(value), 5))
  const api = {
    getAppInfo: () =>
      later({
        version: '0.1.0',
        platform: 'linux',
        cpuCount,
        defaultConcurrency: Math.min(32, cpuCount + 4)
      }),
    getSettings: () => later(structuredClone(settings)),
    saveSettings: (patch: Any) => {
      Object.assign(settings, patch)
      return later({ ok: true, value: structuredClone(settings) })
    },
    startDownload: (request: Any) => later(start('download', request)),
    startSleep: (request: Any) => later(start('sleep', request)),
    cancelRun: () => {
      const running = current !== null
      current?.stop()
      return later(running)
    },
    onRunEvents: (listener: (batch: Any[]) => void) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getHistory: () => later(structuredClone(history)),
    clearHistory: () => {
      history.length = 0
      return later(undefined)
    },
    chooseFolder: () => later({ ok: true, value: '/home/ada/Desktop/photos' }),
    openFolder: () => later({ ok: true, value: undefined }),
    showInFolder: (file: string) => {
      ;(window as Any).__shown = file
      return later({ ok: true, value: undefined })
    },
    openImage: (file: string) => {
      ;(window as Any).__opened = file
      return later({ ok: true, value: undefined })
    },
    getNotices: () => later([]),
    onMenuCommand: () => () => undefined
  }
  ;(window as Any).api = api
}
