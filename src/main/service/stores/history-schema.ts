import { z } from 'zod'
import {
  processKernelSchema,
  simulatedSourceSchema,
  sleepModeSchema,
  strategySchema
} from '../../../common/schemas.ts'

const time = z.number().finite().nullable()

const taskRecordSchema = z.object({
  taskId: z.number().int().min(0),
  label: z.string(),
  status: z.enum(['done', 'failed', 'cancelled', 'queued']),
  file: z.string().optional(),
  bytes: z.number().min(0),
  startMs: time,
  endMs: time,
  lane: z.number().int().min(0).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  message: z.string().optional(),
  credit: z.string().max(300).optional()
})

/** A run as the history file keeps it: what a record must be to be shown and redrawn. */
export const runRecordSchema = z.object({
  runId: z.string().min(1),
  kind: z.enum(['download', 'sleep', 'process', 'pipeline']),
  strategy: strategySchema,
  concurrency: z.number().int().min(1),
  sourceLabel: z.string(),
  sourceKey: z.string(),
  mode: sleepModeSchema.optional(),
  dir: z.string().optional(),
  simulated: simulatedSourceSchema.optional(),
  kernel: processKernelSchema.optional(),
  blur: z.number().finite().min(0).optional(),
  maxSize: z.number().int().min(1).optional(),
  outDir: z.string().optional(),
  inputKey: z.string().optional(),
  startedAt: z.number().finite(),
  count: z.number().int().min(0),
  bytes: z.number().min(0),
  elapsedMs: z.number().min(0),
  ok: z.number().int().min(0),
  failed: z.number().int().min(0),
  cancelled: z.number().int().min(0),
  interrupted: z.boolean(),
  resumedBy: z.string().optional(),
  tasks: z.array(taskRecordSchema)
})
