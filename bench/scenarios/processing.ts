import { PROCESS_KERNELS, STRATEGIES } from '../../src/common/defaults.ts'
import type { ProcessKernel, Strategy } from '../../src/common/defaults.ts'
import { runDownloads } from '../../src/engine/run.ts'
import { startBenchCdn } from '../cdn/host.ts'
import type { BenchCdn } from '../cdn/host.ts'
import { KeptPool } from '../kept-pool.ts'
import { measure } from '../measure.ts'
import { pillowStatus, pythonProcessRun } from '../peers/python-process.ts'
import type { PillowPeer } from '../peers/python-process.ts'
import { pipelineRun, processRun, thenProcessRun } from '../process-runs.ts'
import type { Originals, ProcessStage } from '../process-runs.ts'
import { fixed } from '../report.ts'
import { find, ratioAtMost, unmeasured } from '../targets.ts'
import type { Contender, Row, RunSample, ScenarioResult, Target } from '../types.ts'
import type { BenchContext } from './context.ts'
import { fastRuns, slowRuns } from './context.ts'

/** The tutorial's network (S1): 150 ms, 20 MiB/s a connection; photos as large as Unsplash's. */
const NETWORK = { latencyMs: 150, bandwidthKBps: 20_480, sizeKB: 3584 }
const PIXELS = { width: 2400, height: 1600 }
/** 24 megapixels, for memory: the bound. */
const LARGE_PIXELS = { width: 6000, height: 4000 }

/** The fastest run of `row` at least `limit` × the fastest of `other` (the target for no overlap). */
function ratioAtLeast(
  text: string,
  row: Row | undefined,
  other: Row | undefined,
  limit: number
): Target {
  const a = row?.time?.min
  const b = other?.time?.min
  if (a === undefined || !b) return unmeasured(text, row?.notRun ?? other?.notRun ?? 'not run')
  const medians =
    row?.time && other?.time ? `; medians ×${fixed(row.time.median / other.time.median, 2)}` : ''
  return {
    text,
    status: a / b >= limit ? 'met' : 'missed',
    detail: `×${fixed(a / b, 2)} (${fixed(a, 1)} against ${fixed(b, 1)}, best of ${row?.time?.runs ?? '?'})${medians}`
  }
}

/** Downloads the originals once, into the folder every processing run reads. */
async function downloadOriginals(cdn: BenchCdn, context: BenchContext): Promise<Originals> {
  const dir = await context.dirs.fresh('originals')
  const summary = await runDownloads({
    strategy: 'pool',
    concurrency: cdn.urls.length,
    urls: cdn.urls,
    dir
  })
  if (summary.ok !== cdn.urls.length) {
    throw new Error(`the originals: only ${summary.ok} of ${cdn.urls.length} downloaded`)
  }
  return { dir, count: summary.ok, bytes: summary.bytes }
}

function pythonContenders(
  peer: PillowPeer,
  context: BenchContext,
  originals: Originals
): Contender[] {
  const modes = [
    { who: 'python sequential', mode: 'sequential', concurrency: 1 },
    { who: 'python ProcessPoolExecutor()', mode: 'processes', concurrency: peer.processes ?? 0 },
    { who: 'python ThreadPoolExecutor()', mode: 'threads', concurrency: peer.threads ?? 0 }
  ] as const
  return modes.map(({ who, mode, concurrency }) => ({
    who,
    peer: true,
    concurrency,
    runs: mode === 'sequential' ? slowRuns(context) : fastRuns(context, 3),
    ...(peer.notRun ? { notRun: peer.notRun } : {}),
    run: () => pythonProcessRun(peer, context.dirs, originals, mode)
  }))
}

/**
 * Scenario 9: the multiprocessing tutorial's step (GaussianBlur(15), thumbnail((1200, 1200))) on
 * 15 photos of 2400 × 1600, each kernel with each strategy; download then process against the
 * pipeline; the tutorial's own script as a peer; and the peak memory of each run.
 */
export async function processingScenario(context: BenchContext): Promise<ScenarioResult> {
  const started = performance.now()
  const quick = context.options.quick
  const count = quick ? 4 : 15
  const cores = context.machine.cores
  const peer = await pillowStatus()
  const cdnStarted = performance.now()
  const cdn = await startBenchCdn(
    { count, ...NETWORK, photoPixels: PIXELS, prepareAll: true },
    context.options.cdn
  )
  const prepareMs = performance.now() - cdnStarted
  const kept = new Map<ProcessKernel, KeptPool>(
    PROCESS_KERNELS.map((kernel) => [
      kernel,
      new KeptPool(`${kernel} workers ×${cores}`, context.log)
    ])
  )
  const stage = (kernel: ProcessKernel, strategy: Strategy) => ({
    kernel,
    strategy,
    concurrency: strategy === 'sequential' ? 1 : cores
  })
  /** A run on the kernel's kept pool when it runs on workers, as the app and `compare --process` do. */
  const onStage = (
    kernel: ProcessKernel,
    strategy: Strategy,
    run: (stage: ProcessStage) => Promise<RunSample>
  ) =>
    strategy === 'workers'
      ? kept.get(kernel)!.run((workerPool) => run({ ...stage(kernel, strategy), workerPool }))
      : run(stage(kernel, strategy))
  let rows: Row[]
  let large: Row[] = []
  let originals: Originals
  try {
    originals = await downloadOriginals(cdn, context)
    const contenders: Contender[] = []
    for (const kernel of PROCESS_KERNELS) {
      for (const strategy of STRATEGIES) {
        contenders.push({
          who: `${kernel} ${strategy}`,
          peer: false,
          concurrency: stage(kernel, strategy).concurrency,
          runs: kernel === 'js' ? slowRuns(context) : fastRuns(context, 3),
          run: () => onStage(kernel, strategy, (s) => processRun(context.dirs, originals, s))
        })
      }
    }
    contenders.push(...pythonContenders(peer, context, originals))
    const download = { strategy: 'pool' as const, concurrency: count, urls: cdn.urls }
    for (const [kernel, strategy] of [
      ['sharp', 'pool'],
      ['js', 'workers']
    ] as const) {
      const how = `${kernel} ${strategy} ×${cores}`
      contenders.push(
        {
          who: `download, then process (${how})`,
          peer: false,
          concurrency: count,
          runs: slowRuns(context),
          run: () =>
            onStage(kernel, strategy, (s) => thenProcessRun(cdn, context.dirs, download, s))
        },
        {
          who: `pipeline (${how})`,
          peer: false,
          concurrency: count,
          runs: slowRuns(context),
          run: () => onStage(kernel, strategy, (s) => pipelineRun(cdn, context.dirs, download, s))
        }
      )
    }
    rows = await measure(contenders, context.log)
  } finally {
    await Promise.all([...kept.values()].map((pool) => pool.close()))
    await cdn.close()
  }
  if (!quick) large = await largePhotos(context, cores)

  const seq = (kernel: ProcessKernel): Row | undefined => find(rows, `${kernel} sequential`)
  const pair = (kernel: ProcessKernel, strategy: Strategy): [Row | undefined, Row | undefined] => {
    const how = `${kernel} ${strategy} ×${cores}`
    return [find(rows, `pipeline (${how})`), find(rows, `download, then process (${how})`)]
  }
  const targets: Target[] = [
    ratioAtLeast(
      'js pool at least 0.9 × js sequential (no overlap)',
      find(rows, 'js pool'),
      seq('js'),
      0.9
    ),
    ratioAtMost('js workers at most 0.6 × js sequential', find(rows, 'js workers'), seq('js'), 0.6),
    ratioAtMost(
      'sharp pool at most 0.7 × sharp sequential',
      find(rows, 'sharp pool'),
      seq('sharp'),
      0.7
    ),
    ratioAtMost('pipeline (sharp pool) at most download then process', ...pair('sharp', 'pool'), 1),
    ratioAtMost('pipeline (js workers) at most download then process', ...pair('js', 'workers'), 1)
  ]
  const python = find(rows, 'python ProcessPoolExecutor()')
  const best = (kernel: ProcessKernel): Row | undefined =>
    rows
      .filter((row) => row.who.startsWith(`${kernel} `) && row.time)
      .sort((a, b) => (a.time?.median ?? 0) - (b.time?.median ?? 0))[0]
  const peerNote = python?.time
    ? `The tutorial's ProcessPoolExecutor() (${python.concurrency} processes) took ${fixed(python.time.median / 1000, 2)} s; ` +
      PROCESS_KERNELS.map((kernel) => {
        const row = best(kernel)
        return `the best ${kernel} (${row?.who}) ${fixed((row?.time?.median ?? NaN) / 1000, 2)} s`
      }).join(', ') +
      ' (medians).'
    : `Python peer not run: ${peer.notRun ?? python?.notRun ?? 'missing'}.`
  return {
    id: 9,
    title: 'processing: the multiprocessing tutorial on real pixel sizes',
    setup: [
      `${count} photos of ${PIXELS.width} × ${PIXELS.height} px (the simulated CDN's --photo-pixels: painted, with grain, ` +
        `${NETWORK.sizeKB} KiB each), downloaded once; each run blurs them (GaussianBlur(15)) and fits them inside ` +
        `1200 × 1200 into a fresh folder (runProcessing). The CDN made the photos in ${fixed(prepareMs / 1000, 2)} s, before any run.`,
      `Strategies on ${cores} lanes (sequential on 1), as ProcessPoolExecutor() takes the cores; workers on one WorkerPool ` +
        'per kernel kept across runs, after one uncounted run on it, as the app and `compare --process` keep theirs.',
      `Pipeline rows: download (pool ×${count}, the tutorial's network: ${NETWORK.latencyMs} ms, ${NETWORK.bandwidthKBps / 1024} MiB/s ` +
        'a connection) then process what was saved, against runPipeline (each image processed as soon as it is saved).',
      `Python: bench/peers/tutorial_process.py, the tutorial's process-images.py on the same files (${peer.version ?? peer.notRun}); ` +
        'its time is the one it prints; its peak memory is its largest process (GNU time), not the sum of its workers.',
      'peak MiB: this whole process (every thread) during the run, VmHWM reset before it; the CDN is in its own process.'
    ],
    rows: [...rows, ...large],
    targets,
    notes: [
      peerNote,
      ...(large.length > 0
        ? [
            `Memory at 24 megapixels (${LARGE_PIXELS.width} × ${LARGE_PIXELS.height}, ${count} photos, 1 run each, threads cold): ` +
              large
                .map(
                  (row) =>
                    `${row.who} peak ${fixed(row.peakRss?.median, 0)} MiB (+${fixed(row.rssGrowth?.median, 0)})`
                )
                .join('; ') +
              '.'
          ]
        : [])
    ],
    durationMs: performance.now() - started
  }
}

/** 24-megapixel photos, once each: whether memory stays bounded, not how fast. */
async function largePhotos(context: BenchContext, cores: number): Promise<Row[]> {
  context.log('  24-megapixel photos…')
  const cdn = await startBenchCdn(
    {
      count: 15,
      ...NETWORK,
      latencyMs: 0,
      bandwidthKBps: 0,
      photoPixels: LARGE_PIXELS,
      prepareAll: true
    },
    context.options.cdn
  )
  try {
    const originals = await downloadOriginals(cdn, context)
    const contenders: Contender[] = (
      [
        ['sharp', 'pool'],
        ['js', 'workers']
      ] as const
    ).map(([kernel, strategy]) => ({
      who: `${kernel} ${strategy} (24 MP)`,
      peer: false,
      concurrency: cores,
      runs: 1,
      run: () => processRun(context.dirs, originals, { kernel, strategy, concurrency: cores })
    }))
    return await measure(contenders, context.log)
  } finally {
    await cdn.close()
  }
}
