import { describe, expect, it } from 'vitest'
import { pillowStatus } from '../../bench/peers/python-process.ts'
import { scenarioTable } from '../../bench/report.ts'
import { toRow } from '../../bench/measure.ts'

describe('bench scenario 9: the Python peer', () => {
  it('is skipped by name, with the reason, where python3 has no Pillow', async () => {
    // An interpreter that is not there stands for one without Pillow: neither can import PIL.
    const peer = await pillowStatus(['/nonexistent/python3'])
    expect(peer.interpreter).toBeUndefined()
    expect(peer.notRun).toMatch(/^python3 with Pillow not found \(\/nonexistent\/python3: /)
    const row = toRow(
      {
        who: 'python ProcessPoolExecutor()',
        peer: true,
        concurrency: 0,
        runs: 1,
        notRun: peer.notRun,
        run: () => Promise.reject(new Error('never run'))
      },
      []
    )
    expect(scenarioTable([row])).toContain(
      'python ProcessPoolExecutor() ×0: not run: python3 with Pillow not found'
    )
  })
})
