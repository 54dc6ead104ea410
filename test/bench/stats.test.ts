import { describe, expect, it } from 'vitest'
import { median, percentile, ratio, summarize } from '../../bench/stats.ts'

describe('bench stats', () => {
  it('takes the median of odd and even counts, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([7])).toBe(7)
    expect(() => median([])).toThrow(RangeError)
  })

  it('summarizes runs as median, min, max and count', () => {
    expect(summarize([0.9, 1.2, 1.0, 3.0, 1.1])).toEqual({
      median: 1.1,
      min: 0.9,
      max: 3.0,
      runs: 5
    })
  })

  it('gives a ratio only against a positive reference', () => {
    expect(ratio(3, 2)).toBe(1.5)
    expect(ratio(3, 0)).toBeUndefined()
    expect(ratio(undefined, 2)).toBeUndefined()
    expect(ratio(3, undefined)).toBeUndefined()
  })

  it('takes percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1)
    expect(percentile(values, 99)).toBe(99)
    expect(percentile(values, 50)).toBe(50)
    expect(percentile([4], 99)).toBe(4)
  })
})
