// PDF pages with pdf.js (legacy build, for Node): open, read the text layer, render a
// page through pdf.js's own canvas factory (@napi-rs/canvas) to a grey image for OCR.
import { createRequire } from 'node:module'
import path from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { _concat, type _PdfImages, type _ScanImage } from './scan-image.js'
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

/**
 * A page rendered for OCR: a page that is one JPEG straight from its bytes (native decode,
 * about a seventh of the CPU time), every other page by pdf.js. `via` says which, and
 * `reason` why not the JPEG.
 */
export async function _renderForOcr(
  doc: PDFDocumentProxy,
  page: PDFPageProxy,
  dpi: number,
  images: _PdfImages | null,
): Promise<{ image: Uint8Array; width: number; height: number; via: 'jpeg' | 'pdf.js'; reason?: string }> {
  let reason = 'pdf-lib cannot read the file'
  if (images) {
    const decision = await images.page(page.pageNumber)
    if ('image' in decision) {
      try {
        const rendered = await _renderScanImage(page, dpi, decision.image)
        if (rendered) {
          page.cleanup()
          return { ...rendered, via: 'jpeg' }
        }
        reason = 'image neither upright nor turned by a quarter, or page boxes differ'
      } catch (error) {
        reason = `native JPEG decode failed (${String((error as Error)?.message ?? error).split('\n')[0]})`
      }
    } else reason = decision.reason
  }
  return { ...(await _renderPage(doc, page, dpi)), via: 'pdf.js', reason }
}

/** pdf.js's choice (getImageSmoothingEnabled): smooth unless the image is scaled up by more than 96/72 (CSS px per PDF pt). */
const _SMOOTH_UP_TO = Math.fround(96 / 72)

/**
 * A page that is one JPEG (see scan-image.ts), decoded natively by @napi-rs/canvas (skia)
 * and drawn as pdf.js draws an image: the same page size in pixels, the image on the same
 * whole-pixel rectangle (pdf.js's drawImageAtIntegerCoords), the same smoothing rule and
 * the same halving when it is shrunk more than twofold, so word boxes land where they
 * would on pdf.js's render. Null when the image is not upright or turned by a quarter
 * (pdf.js draws those its own way) or pdf.js and pdf-lib disagree on the page box.
 */
export async function _renderScanImage(page: PDFPageProxy, dpi: number, scan: _ScanImage): Promise<{ image: Uint8Array; width: number; height: number } | null> {
  if (page.view.some((v, i) => Math.abs(v - scan.view[i]!) > 0.01)) return null
  const viewport = page.getViewport({ scale: _scale(page, dpi) })
  const width = Math.max(1, Math.round(viewport.width))
  const height = Math.max(1, Math.round(viewport.height))
  const w = scan.width
  const h = scan.height
  // Image pixels -> unit square (flipped) -> user space (CTM) -> page pixels.
  const [a, b, c, d, tx, ty] = _concat(_concat([1 / w, 0, 0, -1 / h, 0, 0], scan.ctm), viewport.transform)
  // pdf.js's drawImageAtIntegerCoords: the image on whole pixels, flipped by the signs only.
  let place: [number, number, number, number, number, number]
  let destW: number
  let destH: number
  /** Page pixels the image spans, across and down, from (x, y) in the direction of the signs. */
  let span: { x: number; y: number; w: number; h: number; dx: number; dy: number }
  /** Page pixels per image pixel (smoothing), and pdf.js's axes for halving (its inverse transform's columns). */
  let scales: [number, number]
  let shrink: [number, number]
  if (b === 0 && c === 0 && a !== 0 && d !== 0) {
    const x = Math.round(tx)
    const y = Math.round(-h * d + ty)
    span = { x, y, w: Math.abs(Math.round(w * a + tx) - x) || 1, h: Math.abs(Math.round(ty) - y) || 1, dx: Math.sign(a), dy: Math.sign(d) }
    place = [span.dx, 0, 0, span.dy, x, y]
    ;[destW, destH] = [span.w, span.h]
    scales = [Math.abs(a), Math.abs(d)]
    shrink = [1 / Math.abs(a), 1 / Math.abs(d)]
  } else if (a === 0 && d === 0 && b !== 0 && c !== 0) {
    // A quarter turn: the image's width runs down the page.
    const x = Math.round(-h * c + tx)
    const y = Math.round(ty)
    span = { x, y, w: Math.abs(Math.round(tx) - x) || 1, h: Math.abs(Math.round(w * b + ty) - y) || 1, dx: Math.sign(c), dy: Math.sign(b) }
    place = [0, span.dy, span.dx, 0, x, y]
    ;[destW, destH] = [span.h, span.w]
    scales = [Math.abs(b), Math.abs(c)]
    shrink = [1 / Math.abs(c), 1 / Math.abs(b)]
  } else return null
  const { createCanvas, Image } = await import('@napi-rs/canvas')
  const img = new Image()
  img.src = Buffer.from(scan.jpeg.buffer, scan.jpeg.byteOffset, scan.jpeg.byteLength)
  if (img.width !== w || img.height !== h) throw new Error(`the JPEG decodes to ${img.width}x${img.height}, not ${w}x${h}`)
  // pdf.js's _scaleImage: halve (smoothed) while more than two image pixels fall on a page pixel.
  let source: InstanceType<typeof Image> | import('@napi-rs/canvas').Canvas = img
  let pw = w
  let ph = h
  let ws = Math.max(shrink[0], 1)
  let hs = Math.max(shrink[1], 1)
  while ((ws > 2 && pw > 1) || (hs > 2 && ph > 1)) {
    let nw = pw
    let nh = ph
    if (ws > 2 && pw > 1) {
      nw = Math.ceil(pw / 2)
      ws /= pw / nw
    }
    if (hs > 2 && ph > 1) {
      nh = Math.ceil(ph / 2)
      hs /= ph / nh
    }
    const step = createCanvas(nw, nh)
    step.getContext('2d').drawImage(source, 0, 0, pw, ph, 0, 0, nw, nh)
    source = step
    pw = nw
    ph = nh
  }
  const canvas = createCanvas(width, height)
  const ctx = canvas.getContext('2d')
  const left = span.dx > 0 ? span.x : span.x - span.w
  const top = span.dy > 0 ? span.y : span.y - span.h
  // pdf.js paints the page white first; a JPEG covering the whole page hides that anyway.
  if (!(left <= 0 && top <= 0 && left + span.w >= width && top + span.h >= height)) {
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, width, height)
  }
  ctx.imageSmoothingEnabled = scan.interpolate || (scales[0] <= _SMOOTH_UP_TO && scales[1] <= _SMOOTH_UP_TO)
  ctx.setTransform(...place)
  ctx.drawImage(source, 0, 0, pw, ph, 0, 0, destW, destH)
  const rgba = ctx.getImageData(0, 0, width, height).data
  return { image: _greyPng(rgba, width, height), width, height }
}

const _LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

/** Rows y0..y1 of RGBA -> 8-bit grey (usual luma weights), each behind PNG filter byte 0 (none), written at `o`; returns the end. */
function _greyInto(rgba: Uint8ClampedArray | Uint8Array, width: number, y0: number, y1: number, out: Uint8Array, o: number): number {
  if (_LITTLE_ENDIAN && rgba.byteOffset % 4 === 0) {
    // One 32-bit read a pixel: about a third faster than four byte reads.
    const px = new Uint32Array(rgba.buffer, rgba.byteOffset, (rgba.length / 4) | 0)
    for (let y = y0, i = y0 * width; y < y1; y++) {
      out[o++] = 0
      for (const end = i + width; i < end; i++) {
        const v = px[i]!
        out[o++] = ((v & 0xff) * 77 + ((v >>> 8) & 0xff) * 150 + ((v >>> 16) & 0xff) * 29) >> 8
      }
    }
    return o
  }
  for (let y = y0, i = y0 * width * 4; y < y1; y++) {
    out[o++] = 0
    for (let x = 0; x < width; x++, i += 4) out[o++] = (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8
  }
  return o
}

/** RGBA -> rows of 8-bit grey (usual luma weights), each behind PNG filter byte 0 (none). */
export function _greyRows(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Buffer {
  const rows = Buffer.allocUnsafe((width + 1) * height)
  _greyInto(rgba, width, 0, height, rows, 0)
  return rows
}

/** zlib's Adler-32 of buf[start..end), continuing from `adler`. */
function _adler32(buf: Uint8Array, start: number, end: number, adler: number): number {
  let a = adler & 0xffff
  let b = adler >>> 16
  for (let i = start; i < end; ) {
    // 5552 bytes at most between reductions keep b below 2^32.
    for (const stop = Math.min(end, i + 5552); i < stop; i++) {
      a += buf[i]!
      b += a
    }
    a %= 65521
    b %= 65521
  }
  return ((b << 16) | a) >>> 0
}

const _PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/**
 * RGBA -> 8-bit grey PNG, deflate level 0: the grey rows are written straight into the PNG,
 * whole rows to a stored block, with no row buffer and no zlib pass (one allocation a page,
 * less for the garbage collector). Rows wider than a stored block go through zlib.
 */
export function _greyPng(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8Array {
  const stride = width + 1
  const rowsPerBlock = Math.floor(65535 / stride)
  const blocks = rowsPerBlock > 0 ? Math.ceil(height / rowsPerBlock) : 0
  const idat = rowsPerBlock > 0 ? null : deflateSync(_greyRows(rgba, width, height), { level: 0 })
  const idatLength = idat ? idat.length : 2 + blocks * 5 + stride * height + 4
  const out = Buffer.allocUnsafe(8 + 25 + 12 + idatLength + 12)
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
  chunk('IDAT', idatLength, (at) => {
    if (idat) {
      out.set(idat, at)
      return
    }
    // zlib header: deflate, 32K window, no dictionary, fastest (0x78 0x01: a multiple of 31).
    out[at] = 0x78
    out[at + 1] = 0x01
    let p = at + 2
    let adler = 1
    for (let y = 0; y < height; y += rowsPerBlock) {
      const y1 = Math.min(height, y + rowsPerBlock)
      const length = (y1 - y) * stride
      out[p] = y1 === height ? 1 : 0
      out.writeUInt16LE(length, p + 1)
      out.writeUInt16LE(~length & 0xffff, p + 3)
      p += 5
      const end = _greyInto(rgba, width, y, y1, out, p)
      adler = _adler32(out, p, end, adler)
      p = end
    }
    out.writeUInt32BE(adler, p)
  })
  chunk('IEND', 0, () => {})
  return new Uint8Array(out.buffer, out.byteOffset, out.length)
}
