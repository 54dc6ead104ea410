/**
 * What a processing run and a pipeline's processing stage share: the output folder made
 * ready (its identity taken once, its manifest opened), each image's task, and the
 * executor whose hooks record each output in the manifest.
 */
import { lstat, realpath } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { DEFAULT_EXISTING_POLICY, DEFAULT_PROCESSING } from '../../common/defaults.ts'
import type { ExistingPolicy, ProcessKernel, Strategy } from '../../common/defaults.ts'
import type { FolderIdentity, ProcessTask } from '../../common/tasks.ts'
import { createExecutor } from '../executors/create-executor.ts'
import type { Executor } from '../executors/executor.ts'
import { folderIdentity } from '../files/folder.ts'
import { Manifest } from '../files/manifest.ts'
import { makeFolder } from '../make-folder.ts'
import type { RunRecorder } from '../run-recorder.ts'
import { TaskFailure } from '../task-error.ts'
import type { WorkerPool } from '../threads/worker-pool.ts'
import { sourceKey } from './write-output.ts'

export const MIN_BLUR = 0.3
export const MAX_BLUR = 1000
export const MAX_SIDE = 65_535

/** The kernel and sizes every task of a run shares. */
export interface ProcessSettings {
  kernel: ProcessKernel
  blur: number
  maxSize: number
  existing: ExistingPolicy
}

/** The run's settings, defaults filled in; a RangeError for a blur or size no kernel takes. */
export function processSettings(options: {
  kernel: ProcessKernel
  blur?: number
  maxSize?: number
  existing?: ExistingPolicy
}): ProcessSettings {
  const blur = options.blur ?? DEFAULT_PROCESSING.blur
  const maxSize = options.maxSize ?? DEFAULT_PROCESSING.maxSize
  // libvips takes a sigma from 0.3 to 1000 (0: no blur); a side of a JPEG is at most 65 535 px.
  if (!(blur === 0 || (blur >= MIN_BLUR && blur <= MAX_BLUR))) {
    throw new RangeError(`blur must be 0 or from ${MIN_BLUR} to ${MAX_BLUR}, not ${blur}`)
  }
  if (!Number.isInteger(maxSize) || maxSize < 1 || maxSize > MAX_SIDE) {
    throw new RangeError(`maxSize must be a whole number from 1 to ${MAX_SIDE}, not ${maxSize}`)
  }
  return {
    kernel: options.kernel,
    blur,
    maxSize,
    existing: options.existing ?? DEFAULT_EXISTING_POLICY
  }
}

/** `processed/` inside the folder of originals, unless the caller named another. */
export function outDirFor(inDir: string, outDir: string | undefined): string {
  return resolve(outDir ?? join(inDir, DEFAULT_PROCESSING.folderName))
}

/** The output folder as the run holds it, or why nothing can be written there. */
export interface OutputFolder {
  dir: string
  folder?: FolderIdentity
  manifest?: Manifest
  error?: TaskFailure
}

const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

/**
 * Makes the output folder ready. `inDir`: the folder of originals. The default
 * `processed/` sits where anyone who can write the originals can plant a link, so a
 * link there is refused rather than followed (a folder the user named is theirs to
 * point anywhere). Writing into the originals' own folder is refused: `replace` would
 * overwrite the photos with their blurred copies.
 */
export async function prepareOutput(
  inDir: string,
  outDir: string,
  isDefault: boolean
): Promise<OutputFolder> {
  const fail = (message: string): OutputFolder => ({
    dir: outDir,
    error: new TaskFailure('write_failed', message)
  })
  try {
    const link = (): OutputFolder =>
      fail(`${outDir} is a link, which is not followed; nothing is written through it`)
    if (isDefault && (await lstat(outDir).catch(() => undefined))?.isSymbolicLink()) return link()
    await makeFolder(outDir)
    const there = await lstat(outDir, { bigint: true })
    const folder = await folderIdentity(outDir)
    // The folder itself, not a link put in its place between the look above and here.
    const same = String(there.dev) === folder.dev && String(there.ino) === folder.ino
    if (isDefault && (there.isSymbolicLink() || !same)) return link()
    const originals = await realpath(inDir).catch(() => undefined)
    if (originals === folder.real) {
      return fail(`the output folder ${outDir} is the folder of the originals`)
    }
    const manifest = await Manifest.open(folder, outDir).catch(() => undefined)
    return { dir: outDir, folder, ...(manifest ? { manifest } : {}) }
  } catch (error) {
    return fail(`cannot use the output folder ${outDir}: ${reasonOf(error)}`)
  }
}

/** The task that processes `input` into the output folder, under the input's own name. */
export function processTaskFor(
  input: string,
  output: OutputFolder,
  settings: ProcessSettings
): ProcessTask {
  const previous = output.manifest?.latestFor(sourceKey(input))
  return {
    kind: 'process',
    input,
    outDir: output.dir,
    fileName: basename(input),
    ...settings,
    ...(output.folder ? { folder: output.folder } : {}),
    ...(previous ? { previous } : {})
  }
}

/**
 * The stage's executor: the recorder's hooks, with each output the app wrote recorded in
 * the output folder's manifest (so the next run replaces it in place instead of keeping
 * `name (2).jpg` beside it). Worker threads load sharp and the kernels as they start.
 */
export function processExecutor(
  stage: { strategy: Strategy; concurrency: number; signal?: AbortSignal; workerPool?: WorkerPool },
  recorder: RunRecorder,
  output: OutputFolder
): Executor {
  const hooks = recorder.hooks()
  return createExecutor(stage.strategy, {
    concurrency: stage.strategy === 'sequential' ? 1 : stage.concurrency,
    signal: stage.signal,
    workerPool: stage.workerPool,
    preloadProcess: true,
    hooks: {
      ...hooks,
      onSettled: (future, outcome) => {
        if ('value' in outcome && outcome.value.kind === 'process' && outcome.value.saved) {
          output.manifest?.record(outcome.value.saved)
        }
        hooks.onSettled?.(future, outcome)
      }
    }
  })
}
