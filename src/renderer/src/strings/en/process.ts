import type { ReactNode } from 'react'
import { rich } from '../helpers.ts'
import { en } from './plural.ts'

/** The Process images view: its settings, tiles, timings and the pipeline's comparison. */
export const process = {
  title: 'Process',
  start: (count: number) => `Process ${count} ${en(count, 'image', 'images')}`,
  /** Said when a processing run ends (run-outcome.ts). */
  announced: 'Processing',
  emptyTitle: 'Nothing processed yet',
  empty: (maxSize: number, folder: ReactNode) =>
    rich(
      `Each image is opened, blurred, shrunk to fit ${maxSize} px and saved into `,
      folder,
      '. Try the JavaScript kernel on a promise pool, then on worker threads, and watch the cores above.'
    ),
  processedFolder: 'processed/',
  settings: {
    label: 'Process settings',
    images: 'Images',
    input: (count: number, source: string, dir: ReactNode, processed: ReactNode) =>
      rich(
        `The ${count} ${en(count, 'image', 'images')} the last download saved (${source}), from `,
        dir,
        ', into its ',
        processed,
        ' folder.'
      ),
    processed: 'processed',
    noInput: (script: ReactNode) =>
      rich(
        'Download some images first: this step blurs and shrinks the images the last download saved, as the multiprocessing tutorial’s ',
        script,
        ' does.'
      ),
    script: 'process-images.py',
    how: 'How',
    /** The processing view's own default, and the CLI's: ProcessPoolExecutor()'s one per core. */
    concurrencyHint: (concurrency: number, cpus: number | null) =>
      `Default ${concurrency} in this window; the CLI’s process uses one per core${cpus === null ? '' : ` (${cpus} CPUs)`}, as ProcessPoolExecutor() does.`,
    kernel: 'Kernel',
    what: 'What',
    blur: 'Blur (Gaussian radius)',
    blurField: 'Blur',
    blurHint: 'The tutorial’s GaussianBlur(15).',
    maxSize: 'Longest side at most',
    maxSizeField: 'Size',
    maxSizeHint: 'The tutorial’s thumbnail((1200, 1200)); never enlarged.'
  },
  /** Each kernel, and the one line of the lesson it teaches. */
  kernels: {
    sharp: {
      name: 'sharp (libvips)',
      lesson:
        'Native code on libuv’s threads, off the JavaScript thread: it overlaps even in a promise pool, like Pillow releasing the GIL.'
    },
    js: {
      name: 'JavaScript',
      lesson:
        'A blur and a resize written in TypeScript, on the thread that calls it: only worker threads overlap it, like pure Python under the GIL.'
    }
  },
  /** Why a processing run took the time it took, by kernel and strategy. */
  lines: {
    js: {
      sequential: 'js, one image after another: one core busy, the others idle.',
      pool: 'js on a promise pool: one core busy — JavaScript computing does not overlap on one thread.',
      workers: 'js on worker threads: every core busy — each thread computes its own image.'
    },
    sharp: {
      sequential:
        'sharp, one image at a time: libvips computes off the JavaScript thread, but only one image is in flight.',
      pool: 'sharp on a promise pool: several cores busy — libvips computes on libuv’s threads, so the pool overlaps it.',
      workers:
        'sharp on worker threads: several cores busy — as the pool, plus each thread’s start-up.'
    }
  },
  oneSlot: (line: string, pool: boolean) =>
    `${line} One ${pool ? 'pool slot' : 'worker thread'} is no more than sequential.`,
  tiles: {
    label: 'Images before and after',
    before: 'Before',
    after: 'After',
    alt: (name: string, after: boolean) => `${name}, ${after ? 'after' : 'before'}`,
    failed: 'failed',
    cancelled: 'cancelled',
    downloading: 'downloading…',
    queued: 'queued',
    processing: 'processing…',
    done: 'done'
  },
  timing: {
    title: 'Timing',
    lastRun: (kernel: string, name: string, time: string, ok: number, count: number) =>
      `Last run: ${kernel} · ${name} · ${time} · ${ok} of ${count} processed`,
    empty:
      'Each processing run’s time shows here, by kernel and strategy. Run both kernels with each strategy over the same images to see which ones overlap.',
    latest: 'Latest run of each kernel and strategy ',
    chart: 'Processing time by kernel and strategy',
    ratio: (ratio: string) => ` · ${ratio}× sequential`
  },
  pipeline: {
    option: 'Download and process: each image is blurred and shrunk as soon as it is saved',
    optionNote: (kernel: string, name: string, blur: number, maxSize: number) =>
      `${kernel}, ${name}, blur ${blur}, ${maxSize} px, as set in Process images`,
    timelineHint:
      'Two stages on one clock: each image is processed as soon as it is saved, so processing overlaps the downloads still waiting on the network.',
    download: 'Download',
    process: 'Process',
    stageLabel: (stage: 'download' | 'process', lanes: number, tasks: number) =>
      `${stage === 'download' ? 'download' : 'process'} stage: ${lanes} ${en(lanes, 'lane', 'lanes')}, ${tasks} tasks`,
    name: 'Pipeline',
    serial: 'Download, then process',
    title: 'Pipeline or one stage after the other',
    chart: 'Pipeline against download, then process',
    pipelineLine: (name: string) =>
      `${name}: each image is processed while the others still download, so the processing hides under the waiting.`,
    serialLine: (download: string, kernel: string, process: string) =>
      `${download}, then ${kernel} on ${process}: the processing starts only once the last image is saved.`,
    missing: (kernel: string) =>
      `Download the same source, then process it with ${kernel}, to compare the pipeline with one stage after the other.`
  }
}
