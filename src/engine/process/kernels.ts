/**
 * The two kernels of the tutorial's step, blur then shrink, on one input image:
 *
 * - `sharp`: libvips computes on libuv's threads; the JavaScript thread only waits.
 *   Sharp runs resize before blur in one pipeline whatever the call order, so the
 *   blur at full size (the tutorial blurs, then shrinks) is a pipeline of its own,
 *   handing raw pixels to the one that shrinks and encodes.
 * - `js`: sharp decodes and encodes (off the thread), the blur and the shrink are
 *   TypeScript on the calling thread, which checks for a stop between rows.
 */
import type { ProcessKernel } from '../../common/defaults.ts'
import type { ImageType } from '../files/image-type.ts'
import { CancelledError } from '../task-error.ts'
import type { TaskContext } from '../tasks/types.ts'
import { blurPassRows, gaussianBlur } from './box-blur.ts'
import type { RawPixels } from './box-blur.ts'
import { downscale } from './downscale.ts'
import {
  decodeFailure,
  decodeUpright,
  encodeAs,
  fitInside,
  fromRaw,
  openUpright
} from './image-io.ts'
import { RowRunner } from './rows.ts'

export interface KernelInput {
  name: string
  bytes: Buffer
  type: ImageType
  blur: number
  maxSize: number
}

export interface KernelOutput {
  bytes: Buffer
  width: number
  height: number
  /** The input's size, upright. */
  inputWidth: number
  inputHeight: number
}

export function runKernel(
  kernel: ProcessKernel,
  input: KernelInput,
  context: TaskContext
): Promise<KernelOutput> {
  return kernel === 'js' ? jsKernel(input, context) : sharpKernel(input, context)
}

function throwIfAborted(context: TaskContext): void {
  const cell = context.stopCell
  if (context.signal.aborted || (cell && Atomics.load(cell, 0) !== 0)) throw new CancelledError()
}

/** libvips cannot be stopped mid-operation: the task stops between its two pipelines. */
async function sharpKernel(input: KernelInput, context: TaskContext): Promise<KernelOutput> {
  const { name, bytes, type, blur, maxSize } = input
  let blurred: RawPixels
  try {
    const upright = openUpright(bytes)
    const { data, info } = await (blur > 0 ? upright.blur(blur) : upright)
      .raw()
      .toBuffer({ resolveWithObject: true })
    blurred = { data, width: info.width, height: info.height, channels: info.channels }
  } catch (error) {
    throw decodeFailure(name, error)
  }
  throwIfAborted(context)
  const size = fitInside(blurred.width, blurred.height, maxSize)
  const resized = fromRaw(blurred).resize(size.width, size.height, { fit: 'fill' })
  const out = await encodeAs(resized, type)
  throwIfAborted(context)
  return { bytes: out, ...size, inputWidth: blurred.width, inputHeight: blurred.height }
}

async function jsKernel(input: KernelInput, context: TaskContext): Promise<KernelOutput> {
  const { name, bytes, type, blur, maxSize } = input
  const image = await decodeUpright(bytes, name)
  const size = fitInside(image.width, image.height, maxSize)
  const stride = image.width * image.channels
  const shrinks = size.width !== image.width || size.height !== image.height
  const total = (blurPassRows(image, blur) + (shrinks ? size.height : 0)) * stride
  const rows = new RowRunner(context, total)
  rows.throwIfStopped()
  await gaussianBlur(image, blur, rows)
  const small = shrinks ? await downscale(image, size.width, size.height, rows) : image
  rows.finish()
  const out = await encodeAs(fromRaw(small), type)
  throwIfAborted(context)
  return { bytes: out, ...size, inputWidth: image.width, inputHeight: image.height }
}
