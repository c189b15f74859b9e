// What kind of file an input is (from its bytes, not its name) and, for images, its
// size, read from the header so that a 0x0 or giant image is refused before OCR.
import path from 'node:path'

export type InputKind = 'pdf' | 'png' | 'jpeg'

/** File name endings the OCR stage reads. */
export const OCR_EXTENSIONS = ['.pdf', '.png', '.jpg', '.jpeg'] as const

/** Pixels an image may have (a 300 dpi A0 scan is ~140 MP; a page is ~9 MP). */
export const MAX_IMAGE_PIXELS = 100_000_000

/** Is this a file `ocr` reads (by its name)? */
export function isOcrInput(file: string): boolean {
  if (typeof file !== 'string') throw new TypeError(`Expected \`path\` to be a string, got \`${typeof file}\``)
  return (OCR_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase())
}

/** The input's kind by its magic bytes; null when it is none we read. */
export function _sniff(data: Uint8Array): InputKind | null {
  // %PDF may follow a little junk (some writers prefix a BOM or whitespace).
  const head = Buffer.from(data.subarray(0, 1024)).toString('latin1')
  if (head.includes('%PDF-')) return 'pdf'
  if (data.length >= 8 && data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return 'png'
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg'
  return null
}

/** Width and height from a PNG IHDR or a JPEG SOF marker; null when the header is broken. */
export function _imageSize(data: Uint8Array, kind: 'png' | 'jpeg'): { width: number; height: number } | null {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  if (kind === 'png') {
    if (data.length < 24) return null
    return { width: view.getUint32(16), height: view.getUint32(20) }
  }
  // JPEG: walk the markers to the first start-of-frame (SOF0-SOF15, not DHT/JPG/DAC).
  let i = 2
  while (i + 9 < data.length) {
    if (data[i] !== 0xff) return null
    const marker = data[i + 1]!
    if (marker === 0xff) {
      i++
      continue
    }
    const length = view.getUint16(i + 2)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: view.getUint16(i + 7), height: view.getUint16(i + 5) }
    }
    if (length < 2) return null
    i += 2 + length
  }
  return null
}
