// PDF pages with pdf.js (legacy build, for Node): open, read the text layer, render a
// page through pdf.js's own canvas factory (@napi-rs/canvas) to a grey image for OCR.
import { createRequire } from 'node:module'
import path from 'node:path'
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

/** Render a page to a grey PGM (P5) image: no encoding cost, and Leptonica reads it as is. */
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
    return { image: _pgm(rgba, width, height), width, height }
  } finally {
    factory.destroy(target)
    page.cleanup()
  }
}

/** RGBA -> 8-bit grey PGM with the usual luma weights. */
export function _pgm(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8Array {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1')
  const out = new Uint8Array(header.length + width * height)
  out.set(header, 0)
  let o = header.length
  for (let i = 0; i < rgba.length; i += 4) {
    out[o++] = (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8
  }
  return out
}
