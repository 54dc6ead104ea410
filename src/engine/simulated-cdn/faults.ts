import type { Fault } from './types.ts'

/**
 * Fault routes, all under /fault/:
 *   /fault/status/<code>?retryAfter=<s>
 *   /fault/reset?afterBytes=<n>   /fault/stall?afterBytes=<n>   /fault/truncate?afterBytes=<n>
 *   /fault/html
 *   /fault/redirect/<hops>?to=<index>
 *   /fault/flaky/<key>/<failures>?status=<code>&retryAfter=<s>
 *   /fault/trickle?bytesPerSecond=<n>
 *   /fault/interrupted/<key>/<failures>?afterBytes=<n>&bytesPerSecond=<n>&validator=etag|date|none&range=honour|ignore|wrong
 */
export function faultPath(fault: Fault): string {
  switch (fault.kind) {
    case 'status':
      return withQuery(`/fault/status/${statusCode(fault.code)}`, {
        retryAfter: optionalCount(fault.retryAfter, 'retryAfter')
      })
    case 'reset':
    case 'stall':
    case 'truncate':
      return withQuery(`/fault/${fault.kind}`, {
        afterBytes: optionalCount(fault.afterBytes, 'afterBytes')
      })
    case 'html':
      return '/fault/html'
    case 'redirect':
      return withQuery(`/fault/redirect/${count(fault.hops, 'hops')}`, {
        to: optionalCount(fault.to, 'to')
      })
    case 'flaky':
      if (!fault.key) throw new RangeError('a flaky fault needs a key')
      return withQuery(
        `/fault/flaky/${encodeURIComponent(fault.key)}/${count(fault.failures, 'failures')}`,
        {
          status: fault.status === undefined ? undefined : statusCode(fault.status),
          retryAfter: optionalCount(fault.retryAfter, 'retryAfter')
        }
      )
    case 'trickle':
      if (!(fault.bytesPerSecond >= 1)) throw new RangeError('a trickle needs bytesPerSecond >= 1')
      return withQuery('/fault/trickle', {
        bytesPerSecond: count(fault.bytesPerSecond, 'bytesPerSecond')
      })
    case 'interrupted': {
      if (!fault.key) throw new RangeError('an interrupted fault needs a key')
      const path = withQuery(
        `/fault/interrupted/${encodeURIComponent(fault.key)}/${count(fault.failures, 'failures')}`,
        {
          afterBytes: optionalCount(fault.afterBytes, 'afterBytes'),
          bytesPerSecond: optionalCount(fault.bytesPerSecond, 'bytesPerSecond')
        }
      )
      const words = new URLSearchParams()
      if (fault.validator) words.set('validator', fault.validator)
      if (fault.range) words.set('range', fault.range)
      const extra = words.toString()
      return extra ? `${path}${path.includes('?') ? '&' : '?'}${extra}` : path
    }
  }
}

/** The fault a path under /fault/ stands for, or undefined if it stands for none. */
export function parseFaultPath(
  segments: readonly string[],
  query: URLSearchParams
): Fault | undefined {
  const [kind, first, second, ...rest] = segments
  const int = (name: string): number | undefined | null => {
    const value = query.get(name)
    if (value === null) return undefined
    return /^\d{1,15}$/.test(value) ? Number(value) : null
  }
  const afterBytes = int('afterBytes')
  const retryAfter = int('retryAfter')
  const to = int('to')
  const status = int('status')
  const bytesPerSecond = int('bytesPerSecond')
  if (afterBytes === null || retryAfter === null || to === null || status === null) return undefined
  if (bytesPerSecond === null) return undefined
  if (rest.length > 0) return undefined
  const number = (text: string | undefined): number | undefined =>
    text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : undefined

  switch (kind) {
    case 'status': {
      const code = number(first)
      if (code === undefined || !isStatusCode(code) || second !== undefined) return undefined
      return { kind, code, ...(retryAfter !== undefined && { retryAfter }) }
    }
    case 'reset':
    case 'stall':
    case 'truncate':
      if (first !== undefined) return undefined
      return { kind, ...(afterBytes !== undefined && { afterBytes }) }
    case 'html':
      return first === undefined ? { kind } : undefined
    case 'redirect': {
      const hops = number(first)
      if (hops === undefined || second !== undefined) return undefined
      return { kind, hops, ...(to !== undefined && { to }) }
    }
    case 'flaky': {
      const failures = number(second)
      if (!first || failures === undefined) return undefined
      if (status !== undefined && !isStatusCode(status)) return undefined
      let key: string
      try {
        key = decodeURIComponent(first)
      } catch {
        return undefined
      }
      return {
        kind,
        key,
        failures,
        ...(status !== undefined && { status }),
        ...(retryAfter !== undefined && { retryAfter })
      }
    }
    case 'trickle':
      if (first !== undefined || !bytesPerSecond) return undefined
      return { kind, bytesPerSecond }
    case 'interrupted': {
      const failures = number(second)
      const key = first && safeDecode(first)
      const validator = query.get('validator') ?? 'etag'
      const range = query.get('range') ?? 'honour'
      if (!key || failures === undefined) return undefined
      if (validator !== 'etag' && validator !== 'date' && validator !== 'none') return undefined
      if (range !== 'honour' && range !== 'ignore' && range !== 'wrong') return undefined
      return {
        kind,
        key,
        failures,
        validator,
        range,
        ...(afterBytes !== undefined && { afterBytes }),
        ...(bytesPerSecond !== undefined && { bytesPerSecond })
      }
    }
    default:
      return undefined
  }
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}

/** Half the photo, at most 64 KiB, and always short of the whole. */
export function bytesBeforeFault(afterBytes: number | undefined, photoSize: number): number {
  const wanted = afterBytes ?? Math.min(64 * 1024, Math.floor(photoSize / 2))
  return Math.max(0, Math.min(wanted, photoSize - 1))
}

function isStatusCode(code: number): boolean {
  return Number.isInteger(code) && code >= 200 && code <= 599
}

function statusCode(code: number): number {
  if (!isStatusCode(code)) throw new RangeError(`a status fault needs a code 200..599, not ${code}`)
  return code
}

function count(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number >= 0, not ${value}`)
  }
  return value
}

function optionalCount(value: number | undefined, name: string): number | undefined {
  return value === undefined ? undefined : count(value, name)
}

function withQuery(path: string, params: Record<string, number | undefined>): string {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) query.set(name, String(value))
  }
  const text = query.toString()
  return text ? `${path}?${text}` : path
}
