import { once } from 'node:events'
import { createServer, request as httpRequest } from 'node:http'
import type { Server } from 'node:http'
import { connect } from 'node:net'
import type { Socket } from 'node:net'

export interface CountingProxy {
  url: string
  /** Absolute-form requests forwarded, by target URL. */
  forwarded: string[]
  /** CONNECT tunnels opened, by target host:port. */
  tunnels: string[]
  close(): Promise<void>
}

/** A forward proxy as a company runs one, on 127.0.0.1. */
export async function startCountingProxy(): Promise<CountingProxy> {
  const forwarded: string[] = []
  const tunnels: string[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((req, res) => {
    const target = new URL(req.url ?? '')
    forwarded.push(target.href)
    const upstream = httpRequest(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  server.on('connect', (req, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '')
    const [host, port] = (req.url ?? '').split(':')
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('not on TCP')
  return {
    url: `http://127.0.0.1:${address.port}`,
    forwarded,
    tunnels,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
