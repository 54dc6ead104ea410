/**
 * A redirect from https to plain http is refused on a real TLS connection, not
 * only by the rule (test/engine/net-rules.test.ts): an HTTPS server on loopback
 * with a self-signed certificate made here by `openssl` answers 302 to
 * http://127.0.0.1. The engine's TLS is not touched: the CLI runs as a user runs
 * it, in a child process that trusts the certificate through Node's own
 * NODE_EXTRA_CA_CERTS, read at its start. A second URL of the same server is
 * saved, so the refusal is the redirect's, not a TLS failure.
 */
import { execFileSync } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { createServer as createHttpServer } from 'node:http'
import type { Server as HttpServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { Server as HttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/run-cli.ts'
import { tempFolder } from '../helpers/temp-dir.ts'

const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

let dir: string
let https: HttpsServer
let plain: HttpServer
let plainRequests = 0
let image: Buffer
let httpsOrigin: string
let plainOrigin: string

const listen = (server: HttpServer | HttpsServer): Promise<number> =>
  new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  )

beforeAll(async () => {
  if (!openssl) return
  dir = await tempFolder('cid-tls-')
  const key = join(dir, 'key.pem')
  const cert = join(dir, 'cert.pem')
  // A certificate for 127.0.0.1 only, for a day; the test's child process alone trusts it.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1'
    ],
    { stdio: 'ignore' }
  )
  image = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#2a7' } })
    .jpeg()
    .toBuffer()
  plain = createHttpServer((_request, response) => {
    plainRequests++
    response.writeHead(200, { 'content-type': 'image/jpeg' }).end(image)
  })
  plainOrigin = `http://127.0.0.1:${await listen(plain)}`
  https = createHttpsServer(
    { key: await readFile(key), cert: await readFile(cert) },
    (request, response) => {
      if (request.url === '/downgrade.jpg') {
        response.writeHead(302, { location: `${plainOrigin}/downgrade.jpg` }).end()
      } else if (request.url === '/fine.jpg') {
        response.writeHead(200, { 'content-type': 'image/jpeg' }).end(image)
      } else response.writeHead(404).end()
    }
  )
  httpsOrigin = `https://127.0.0.1:${await listen(https)}`
})

afterAll(async () => {
  if (!openssl) return
  await new Promise((resolve) => https.close(resolve))
  await new Promise((resolve) => plain.close(resolve))
})

interface JsonTask {
  url: string
  status: string
  error?: { code: string; message: string }
}

describe('https → http redirect on a real TLS connection', () => {
  it.skipIf(!openssl)(
    `refuses the downgrade with redirect_refused, naming the image; the http server is never asked${
      openssl ? '' : ' (skipped: openssl is not installed, so no certificate can be made)'
    }`,
    async () => {
      const out = join(dir, 'out')
      const downgrade = `${httpsOrigin}/downgrade.jpg`
      const fine = `${httpsOrigin}/fine.jpg`
      const run = await runCli(
        ['download', downgrade, fine, '--out', out, '--strategy', 'sequential', '--json'],
        {
          NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'),
          HTTPS_PROXY: '',
          HTTP_PROXY: '',
          https_proxy: '',
          http_proxy: ''
        }
      )
      expect(run.code, run.stderr).toBe(1)
      const result = JSON.parse(run.stdout) as { tasks: JsonTask[] }
      const [refused, saved] = result.tasks
      expect(refused).toMatchObject({ url: downgrade, status: 'failed' })
      expect(refused?.error?.code).toBe('redirect_refused')
      expect(refused?.error?.message).toMatch(/from https to plain http \(127\.0\.0\.1:\d+\)/)
      // The same server over the same TLS is trusted: this one is saved.
      expect(saved).toMatchObject({ url: fine, status: 'done' })
      expect(plainRequests).toBe(0)
      expect((await readdir(out)).filter((name) => !name.startsWith('.'))).toEqual(['fine.jpg'])
    },
    60_000
  )
})
