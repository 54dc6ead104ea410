/** Bodies that start as each image format does (the checks read only the first bytes). */
import { randomBytes } from 'node:crypto'

export const IMAGES = ['jpeg', 'png', 'gif', 'webp', 'avif', 'heic', 'bmp', 'tiff', 'svg'] as const
export type ImageKind = (typeof IMAGES)[number]

function ftyp(major: string, compatible: string[]): Buffer {
  const size = 16 + 4 * compatible.length
  const box = Buffer.alloc(size)
  box.writeUInt32BE(size, 0)
  box.write('ftyp', 4, 'latin1')
  box.write(major, 8, 'latin1')
  compatible.forEach((brand, index) => box.write(brand, 16 + 4 * index, 'latin1'))
  return box
}

function head(kind: ImageKind): Buffer {
  switch (kind) {
    case 'jpeg':
      return Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00])
    case 'png':
      return Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
    case 'gif':
      return Buffer.from('GIF89a', 'latin1')
    case 'webp':
      return Buffer.concat([Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1')])
    case 'avif':
      return ftyp('avif', ['mif1', 'avif', 'miaf'])
    case 'heic':
      return ftyp('mif1', ['mif1', 'heic'])
    case 'bmp': {
      const bmp = Buffer.alloc(18)
      bmp.write('BM', 0, 'latin1')
      bmp.writeUInt32LE(40, 14)
      return bmp
    }
    case 'tiff':
      return Buffer.from('II*\x00\x08\x00\x00\x00', 'latin1')
    case 'svg':
      return Buffer.from(
        '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- Generator: a drawing program -->\n' +
          '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' +
          '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect/></svg>\n'
      )
  }
}

/** `size` bytes (at least the signature) that a sniffer takes for `kind`; random after the head. */
export function imageBytes(kind: ImageKind, size: number): Buffer {
  const start = head(kind)
  if (kind === 'svg')
    return Buffer.concat([start, Buffer.alloc(Math.max(0, size - start.length), 0x20)])
  return Buffer.concat([start, randomBytes(Math.max(0, size - start.length))])
}
