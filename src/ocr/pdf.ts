// PDF pages with pdf.js (legacy build, for Node): open, read the text layer, render a
// page through pdf.js's own canvas factory (@napi-rs/canvas) to a grey image for OCR.
import { createRequire } from 'node:module'
import path from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { _sourceFromTextItems, type _TextItem } from './text-layer.js'
import type { PageText } from './source.js'

type _PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')
let _pdfjs: Promise<_PdfJs> | null = null

function _loadPdfJs(): Promise<_PdfJs> {
  _pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs')
  return _pdfjs
}

/** pdf.js's data folders (fonts, cmaps, wasm decoders) inside node_modules: offline, as paths. */
function _assetDirs(): { standardFontDataUrl: string; cMapUrl: string; wasmUrl: string; iccUrl: string } {
  const require = createRequire(import.meta.url)
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'))
  const dir = (name: string) => path.join(root, name) + path.sep
  return { standardFontDataUrl: dir('standard_fonts'), cMapUrl: dir('cmaps'), wasmUrl: dir('wasm'), iccUrl: dir('iccs') }
}

/** A PDF problem in one line, for an Issue. */
export class _PdfProblem extends Error {
  constructor(
    readonly ruleId: 'encrypted' | 'corrupt-pdf' | 'empty-pdf',
    message: string,
  ) {
    super(message)
  }
}

/** Pixels a rendered page may have; a larger page is rendered at a lower resolution. */
export const MAX_PAGE_PIXELS = 80_000_000

export async function _openPdf(data: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await _loadPdfJs()
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(data),
    ..._assetDirs(),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  })
  try {
    const doc = await task.promise
    if (doc.numPages === 0) {
      await doc.destroy()
      throw new _PdfProblem('empty-pdf', 'the PDF has no pages')
    }
    return doc
  } catch (error) {
    await task.destroy().catch(() => {})
    if (error instanceof _PdfProblem) throw error
    const name = (error as { name?: string })?.name
    if (name === 'PasswordException') throw new _PdfProblem('encrypted', 'the PDF is encrypted (it needs a password)')
    const detail = String((error as Error)?.message ?? error).split('\n')[0]
    throw new _PdfProblem('corrupt-pdf', `the PDF cannot be read (${detail})`)
  }
}

/** The scale (pixels per PDF point) for a page at `dpi`, lowered for giant pages. */
function _scale(page: PDFPageProxy, dpi: number): number {
  const base = page.getViewport({ scale: 1 })
  let scale = dpi / 72
  const pixels = base.width * scale * base.height * scale
  if (pixels > MAX_PAGE_PIXELS) scale *= Math.sqrt(MAX_PAGE_PIXELS / pixels)
  return scale
}

/** The page's text layer, words boxed in the pixels of the page rendered at `dpi`. */
export async function _pageText(page: PDFPageProxy, dpi: number): Promise<PageText> {
  const viewport = page.getViewport({ scale: _scale(page, dpi) })
  const content = await page.getTextContent()
  const items = content.items.filter((item): item is _TextItem & (typeof content.items)[number] => 'str' in item)
  return _sourceFromTextItems(items, (x, y) => viewport.convertToViewportPoint(x, y))
}

/**
 * Render a page to a grey PNG whose pixels are stored, not compressed: cheap to write
 * here, and the cheapest input for tesseract.js: its Leptonica reads this in about a
 * third of the time it takes for the same pixels as a PGM (whose reader takes one byte
 * per call), and a compressed PNG costs far more to write than it saves in the copy.
 */
export async function _renderPage(doc: PDFDocumentProxy, page: PDFPageProxy, dpi: number): Promise<{ image: Uint8Array; width: number; height: number }> {
  const viewport = page.getViewport({ scale: _scale(page, dpi) })
  const width = Math.max(1, Math.round(viewport.width))
  const height = Math.max(1, Math.round(viewport.height))
  const factory = doc.canvasFactory as {
    create(w: number, h: number): { canvas: unknown; context: CanvasRenderingContext2D }
    destroy(target: object): void
  }
  const target = factory.create(width, height)
  try {
    await page.render({ canvas: target.canvas as HTMLCanvasElement, canvasContext: target.context, viewport, background: 'white' }).promise
    const rgba = target.context.getImageData(0, 0, width, height).data
    return { image: _greyPng(rgba, width, height), width, height }
  } finally {
    factory.destroy(target)
    page.cleanup()
  }
}

const _LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

/** RGBA -> rows of 8-bit grey (usual luma weights), each behind PNG filter byte 0 (none). */
export function _greyRows(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Buffer {
  const rows = Buffer.allocUnsafe((width + 1) * height)
  let o = 0
  if (_LITTLE_ENDIAN && rgba.byteOffset % 4 === 0) {
    // One 32-bit read a pixel: about a third faster than four byte reads.
    const px = new Uint32Array(rgba.buffer, rgba.byteOffset, width * height)
    for (let y = 0, i = 0; y < height; y++) {
      rows[o++] = 0
      for (const end = i + width; i < end; i++) {
        const v = px[i]!
        rows[o++] = ((v & 0xff) * 77 + ((v >>> 8) & 0xff) * 150 + ((v >>> 16) & 0xff) * 29) >> 8
      }
    }
    return rows
  }
  for (let y = 0, i = 0; y < height; y++) {
    rows[o++] = 0
    for (let x = 0; x < width; x++, i += 4) rows[o++] = (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8
  }
  return rows
}

const _PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** RGBA -> 8-bit grey PNG, deflate level 0 (stored blocks). */
export function _greyPng(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8Array {
  const idat = deflateSync(_greyRows(rgba, width, height), { level: 0 })
  const out = Buffer.allocUnsafe(8 + 25 + 12 + idat.length + 12)
  out.set(_PNG_SIGNATURE, 0)
  let o = 8
  const chunk = (type: string, length: number, fill: (at: number) => void) => {
    out.writeUInt32BE(length, o)
    out.write(type, o + 4, 'latin1')
    fill(o + 8)
    out.writeUInt32BE(crc32(out.subarray(o + 4, o + 8 + length)), o + 8 + length)
    o += 12 + length
  }
  chunk('IHDR', 13, (at) => {
    out.writeUInt32BE(width, at)
    out.writeUInt32BE(height, at + 4)
    // 8 bits, greyscale, deflate, adaptive filtering (each row says none), no interlace.
    out.set([8, 0, 0, 0, 0], at + 8)
  })
  chunk('IDAT', idat.length, (at) => out.set(idat, at))
  chunk('IEND', 0, () => {})
  return new Uint8Array(out.buffer, out.byteOffset, out.length)
}
