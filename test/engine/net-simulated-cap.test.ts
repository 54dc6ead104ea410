/**
 * The simulated source's total size is capped (issue 19.6): 10,000 photos of
 * 100 MiB (977 GiB) is refused before anything starts, in the engine, the app's
 * request and the CLI, each with a message that names the total and the limit.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  downloadRequestSchema,
  MAX_SIMULATED_TOTAL_KB,
  simulatedTotalProblem
} from '../../src/common/schemas.ts'
import { startSimulatedCdn } from '../../src/engine/simulated-cdn/index.ts'
import { disposeAll, openService } from '../main/service-helpers.ts'

const huge = { count: 10_000, sizeKB: 100 * 1024, latencyMs: 0, bandwidthKBps: 0 }
const repo = join(import.meta.dirname, '..', '..')

afterEach(disposeAll)

describe('simulated source cap', () => {
  it('allows up to 4 GiB in all and names the total past it', () => {
    expect(MAX_SIMULATED_TOTAL_KB).toBe(4 * 1024 * 1024)
    expect(simulatedTotalProblem({ count: 15, sizeKB: 3584 })).toBeUndefined()
    expect(simulatedTotalProblem({ count: 1024, sizeKB: 4096 })).toBeUndefined()
    expect(simulatedTotalProblem({ count: 1025, sizeKB: 4096 })).toMatch(
      /4\.0 GiB .* over its 4\.0 GiB limit/
    )
    expect(simulatedTotalProblem(huge)).toMatch(/976\.6 GiB \(10000 × 102400 KB\)/)
  })

  it('the engine refuses to start such a CDN', async () => {
    await expect(startSimulatedCdn(huge)).rejects.toThrow(/over its 4\.0 GiB limit/)
  })

  it('the app refuses the request, with the reason', async () => {
    expect(
      downloadRequestSchema.safeParse({
        strategy: 'pool',
        concurrency: 4,
        source: { kind: 'simulated', simulated: huge }
      }).success
    ).toBe(false)
    const t = await openService()
    const answer = await t.service.startDownload({
      strategy: 'pool',
      concurrency: 4,
      source: { kind: 'simulated', simulated: huge }
    })
    expect(answer.ok).toBe(false)
    expect(answer.ok ? '' : answer.error).toMatch(/over its 4\.0 GiB limit/)
  })

  it('the CLI says so and exits 2', async () => {
    const child = spawn(
      process.execPath,
      [
        join(repo, 'src/cli/index.ts'),
        'download',
        '--source',
        'simulated',
        '--count',
        '10000',
        '--size-kb',
        '102400'
      ],
      { cwd: repo }
    )
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code).toBe(2)
    expect(stderr).toMatch(/over its 4\.0 GiB limit: lower --count or --size-kb/)
  })
})
