// Scanned PDF pages the cheap way: a page that shows exactly one JPEG (/DCTDecode) image and
// nothing else, the usual scanned Woo page, hands its JPEG bytes over as they are in the file
// (read with pdf-lib, which parses the file without decoding any image), so that the image
// is decoded natively (@napi-rs/canvas, skia's libjpeg-turbo) instead of by pdf.js's
// JavaScript JPEG decoder. Every other page (text, vector drawings, several images, masks,
// other filters, odd colour spaces, annotations, optional content...) gets a reason and is
// rendered by pdf.js as before, so that no page can come out worse.
import type { PDFArray as _PdfLibArray, PDFDocument as _PdfLibDocument, PDFPageLeaf } from 'pdf-lib'

type _PdfLib = typeof import('pdf-lib')
let _pdflib: Promise<_PdfLib> | null = null

/** A 2-D affine matrix [a b c d e f] as in PDF's `cm`. */
export type _Matrix = [number, number, number, number, number, number]

/** `m` then `n` (PDF's row-vector convention: a point goes through `m` first). */
export function _concat(m: readonly number[], n: readonly number[]): _Matrix {
  return [
    m[0]! * n[0]! + m[1]! * n[2]!,
    m[0]! * n[1]! + m[1]! * n[3]!,
    m[2]! * n[0]! + m[3]! * n[2]!,
    m[2]! * n[1]! + m[3]! * n[3]!,
    m[4]! * n[0]! + m[5]! * n[2]! + n[4]!,
    m[4]! * n[1]! + m[5]! * n[3]! + n[5]!,
  ]
}

/** One JPEG drawn on a page: its bytes, its pixel size, its CTM (unit square -> user space). */
export interface _ScanImage {
  jpeg: Uint8Array
  width: number
  height: number
  /** 1 (grey) or 3 (colour) components. */
  components: number
  ctm: _Matrix
  /** The image asks for smoothing when it is scaled up (/Interpolate true). */
  interpolate: boolean
  /** The page box pdf-lib sees, [x0 y0 x1 y1]: checked against pdf.js's, so both read the same page. */
  view: [number, number, number, number]
}

/** The page shows a single JPEG, or why it is left to pdf.js. */
export type _ScanDecision = { image: _ScanImage } | { reason: string }

/** Operators that change nothing an image draw depends on (line style, colours, flatness). */
const _HARMLESS: Record<string, { count: number; kind: 'number' | 'name' | 'numbers' }> = {
  w: { count: 1, kind: 'number' },
  J: { count: 1, kind: 'number' },
  j: { count: 1, kind: 'number' },
  M: { count: 1, kind: 'number' },
  i: { count: 1, kind: 'number' },
  ri: { count: 1, kind: 'name' },
  g: { count: 1, kind: 'number' },
  G: { count: 1, kind: 'number' },
  rg: { count: 3, kind: 'number' },
  RG: { count: 3, kind: 'number' },
  k: { count: 4, kind: 'number' },
  K: { count: 4, kind: 'number' },
  cs: { count: 1, kind: 'name' },
  CS: { count: 1, kind: 'name' },
  sc: { count: -1, kind: 'numbers' },
  SC: { count: -1, kind: 'numbers' },
  scn: { count: -1, kind: 'numbers' },
  SCN: { count: -1, kind: 'numbers' },
}

const _WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20])
const _DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25])

/**
 * A page's content stream (decoded, all parts joined) -> the one XObject it paints and
 * the CTM it is painted with, or why not. Only q, Q, cm, Do and the operators above are
 * accepted: anything else (text, paths, clips, inline images, graphics states, strings,
 * arrays, marked content) makes the page pdf.js's.
 */
export function _contentImage(content: Uint8Array): { name: string; ctm: _Matrix } | { reason: string } {
  const stack: _Matrix[] = []
  let ctm: _Matrix = [1, 0, 0, 1, 0, 0]
  let operands: Array<number | string> = []
  let painted: { name: string; ctm: _Matrix } | null = null
  const n = content.length
  let i = 0
  while (i < n) {
    const c = content[i]!
    if (_WHITE.has(c)) {
      i++
      continue
    }
    if (c === 0x25) {
      // A comment, to the end of the line.
      while (i < n && content[i] !== 0x0a && content[i] !== 0x0d) i++
      continue
    }
    if (c === 0x2f) {
      let j = i + 1
      while (j < n && !_WHITE.has(content[j]!) && !_DELIM.has(content[j]!)) j++
      const raw = String.fromCharCode(...content.subarray(i + 1, j))
      // #xx escapes in names.
      operands.push('/' + raw.replace(/#([\da-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))))
      i = j
      continue
    }
    if (_DELIM.has(c)) return { reason: `content has ${String.fromCharCode(c)} (strings, arrays or dictionaries)` }
    let j = i
    while (j < n && !_WHITE.has(content[j]!) && !_DELIM.has(content[j]!)) j++
    const token = String.fromCharCode(...content.subarray(i, j))
    i = j
    if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(token)) {
      operands.push(Number(token))
      continue
    }
    const numbers = operands.every((o) => typeof o === 'number')
    switch (token) {
      case 'q':
        if (operands.length) return { reason: 'q with operands' }
        if (stack.length > 64) return { reason: 'q nested too deep' }
        stack.push(ctm)
        break
      case 'Q':
        if (operands.length) return { reason: 'Q with operands' }
        if (!stack.length) return { reason: 'Q without q' }
        ctm = stack.pop()!
        break
      case 'cm':
        if (operands.length !== 6 || !numbers) return { reason: 'cm without six numbers' }
        ctm = _concat(operands as number[], ctm)
        break
      case 'Do':
        if (operands.length !== 1 || typeof operands[0] !== 'string') return { reason: 'Do without a name' }
        if (painted) return { reason: 'more than one XObject' }
        painted = { name: (operands[0] as string).slice(1), ctm }
        break
      default: {
        const rule = _HARMLESS[token]
        if (!rule) return { reason: `content operator ${token.slice(0, 10)}` }
        const ok =
          rule.kind === 'name'
            ? operands.length === 1 && typeof operands[0] === 'string'
            : rule.kind === 'number'
              ? operands.length === rule.count && numbers
              : numbers
        if (!ok) return { reason: `operator ${token} with odd operands` }
      }
    }
    operands = []
  }
  if (operands.length) return { reason: 'operands after the last operator' }
  if (!painted) return { reason: 'no image' }
  return painted
}

/** What the JPEG itself says (SOF): pixel size and components; null for what skia or we would not treat like pdf.js. */
export function _jpegInfo(jpeg: Uint8Array): { width: number; height: number; components: number; adobeTransform: number | null } | null {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return null
  let i = 2
  let adobeTransform: number | null = null
  while (i + 4 <= jpeg.length) {
    if (jpeg[i] !== 0xff) return null
    const marker = jpeg[i + 1]!
    if (marker === 0xff) {
      i++
      continue
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2
      continue
    }
    const length = (jpeg[i + 2]! << 8) | jpeg[i + 3]!
    if (length < 2 || i + 2 + length > jpeg.length) return null
    const at = i + 4
    // APP14 "Adobe": its colour transform flag.
    if (marker === 0xee && length >= 14 && String.fromCharCode(...jpeg.subarray(at, at + 5)) === 'Adobe') adobeTransform = jpeg[at + 11]!
    // APP1 Exif: skia turns the image as its Orientation says, pdf.js does not.
    if (marker === 0xe1 && _exifOrientation(jpeg.subarray(at, i + 2 + length)) !== 1) return null
    // Baseline, extended or progressive Huffman only: lossless, hierarchical and arithmetic coding are left to pdf.js.
    if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) {
      if (length < 8) return null
      const precision = jpeg[at]!
      const height = (jpeg[at + 1]! << 8) | jpeg[at + 2]!
      const width = (jpeg[at + 3]! << 8) | jpeg[at + 4]!
      const components = jpeg[at + 5]!
      if (precision !== 8 || width === 0 || height === 0) return null
      return { width, height, components, adobeTransform }
    }
    if (marker >= 0xc3 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return null
    if (marker === 0xda || marker === 0xd9) return null
    i += 2 + length
  }
  return null
}

/** The Orientation tag (0x0112) of an APP1 Exif segment's first IFD: 1 (upright) when absent, 0 when unreadable. */
export function _exifOrientation(app1: Uint8Array): number {
  if (app1.length < 14 || String.fromCharCode(...app1.subarray(0, 4)) !== 'Exif') return 1
  const tiff = app1.subarray(6)
  const little = tiff[0] === 0x49 && tiff[1] === 0x49
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return 0
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength)
  try {
    const ifd = view.getUint32(4, little)
    const entries = view.getUint16(ifd, little)
    for (let e = 0; e < entries; e++) {
      const at = ifd + 2 + e * 12
      if (view.getUint16(at, little) === 0x0112) return view.getUint16(at + 8, little)
    }
    return 1
  } catch {
    return 0
  }
}

/**
 * pdf-lib keeps a copy of every stream while a file is open (memory about the file's size,
 * beside pdf.js's own copy): larger files are rendered by pdf.js alone.
 */
export const MAX_PDF_LIB_BYTES = 512 * 2 ** 20

/** pdf-lib's view of a PDF, for the pages that are one JPEG. */
export class _PdfImages {
  private constructor(private readonly doc: _PdfLibDocument) {}

  /** Null when pdf-lib cannot read the file, it is encrypted, it counts the pages differently from pdf.js, or the file is too large. */
  static async open(data: Uint8Array, pages: number): Promise<_PdfImages | null> {
    if (data.length > MAX_PDF_LIB_BYTES) return null
    try {
      _pdflib ??= import('pdf-lib')
      const { PDFDocument, ParseSpeeds } = await _pdflib
      const doc = await PDFDocument.load(data, { ignoreEncryption: true, updateMetadata: false, parseSpeed: ParseSpeeds.Fastest })
      if (doc.isEncrypted || doc.getPageCount() !== pages) return null
      return new _PdfImages(doc)
    } catch {
      return null
    }
  }

  /** Page `p` (1-based) as one JPEG, or why not. Never throws. */
  async page(p: number): Promise<_ScanDecision> {
    try {
      const lib = await _pdflib!
      return _decide(lib, this.doc.getPage(p - 1).node)
    } catch (error) {
      return { reason: `pdf-lib: ${String((error as Error)?.message ?? error).split('\n')[0]}` }
    }
  }
}

function _decide(lib: _PdfLib, node: PDFPageLeaf): _ScanDecision {
  const { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, decodePDFRawStream } = lib
  const name = (v: string) => PDFName.of(v)
  const numberOf = (obj: unknown): number | null => (obj instanceof PDFNumber ? obj.asNumber() : null)
  const boxOf = (array: _PdfLibArray | undefined): [number, number, number, number] | null => {
    if (!array || array.size() !== 4) return null
    const v = array.asArray().map((o) => numberOf(node.context.lookup(o)))
    if (v.some((x) => x === null || !Number.isFinite(x))) return null
    const [x0, y0, x1, y1] = v as number[]
    return [Math.min(x0!, x1!), Math.min(y0!, y1!), Math.max(x0!, x1!), Math.max(y0!, y1!)]
  }

  // Annotations are drawn by pdf.js's render (stamps, redaction boxes): only links, which it does not paint, may stay.
  const annots = node.Annots()
  if (annots) {
    for (const ref of annots.asArray()) {
      const annot = node.context.lookup(ref)
      if (!(annot instanceof PDFDict) || annot.lookup(name('Subtype'))?.toString() !== '/Link') return { reason: 'annotations' }
    }
  }
  if (node.get(name('Group'))) return { reason: 'page transparency group' }
  const media = boxOf(node.MediaBox())
  if (!media) return { reason: 'no MediaBox' }
  const crop = boxOf(node.CropBox()) ?? media
  const view: [number, number, number, number] = [
    Math.max(media[0], crop[0]),
    Math.max(media[1], crop[1]),
    Math.min(media[2], crop[2]),
    Math.min(media[3], crop[3]),
  ]

  // The content: one stream or an array of them, joined by a newline.
  const contents = node.Contents()
  const streams = contents instanceof PDFArray ? contents.asArray().map((o) => node.context.lookup(o)) : [contents]
  const parts: Uint8Array[] = []
  for (const stream of streams) {
    if (!(stream instanceof PDFRawStream)) return { reason: 'no content stream' }
    if (stream.dict.get(name('DecodeParms'))) return { reason: 'content stream with DecodeParms' }
    parts.push(stream.dict.get(name('Filter')) ? decodePDFRawStream(stream).decode() : stream.contents)
  }
  const content = new Uint8Array(parts.reduce((sum, part) => sum + part.length + 1, 0))
  let at = 0
  for (const part of parts) {
    content.set(part, at)
    content[at + part.length] = 0x0a
    at += part.length + 1
  }
  const painted = _contentImage(content)
  if ('reason' in painted) return painted

  const resources = node.Resources()
  const xobjects = resources?.lookupMaybe(name('XObject'), PDFDict)
  const ref = xobjects?.get(name(painted.name))
  const xobject = ref ? node.context.lookup(ref) : undefined
  if (!(xobject instanceof PDFRawStream)) return { reason: 'XObject missing or not a stream' }
  const dict = xobject.dict
  if (dict.lookup(name('Subtype'))?.toString() !== '/Image') return { reason: 'XObject is not an image' }
  for (const key of ['ImageMask', 'Mask', 'SMask', 'SMaskInData', 'Decode', 'OC', 'DecodeParms']) {
    const value = dict.lookup(name(key))
    if (value && !(key === 'ImageMask' && value.toString() === 'false') && !(key === 'SMaskInData' && numberOf(value) === 0)) return { reason: `image has /${key}` }
  }
  const filter = dict.lookup(name('Filter'))
  const filters = filter instanceof PDFArray ? filter.asArray().map((o) => node.context.lookup(o)?.toString()) : [filter?.toString()]
  if (filters.length !== 1 || filters[0] !== '/DCTDecode') return { reason: `image filter ${filters.join(' ')}` }
  const bits = numberOf(dict.lookup(name('BitsPerComponent')))
  if (bits !== null && bits !== 8) return { reason: `image has ${bits} bits a component` }
  const width = numberOf(dict.lookup(name('Width')))
  const height = numberOf(dict.lookup(name('Height')))

  // Colour space: grey or RGB, plain or ICC-based (an ICC profile changes grey values a little at most).
  let space = dict.lookup(name('ColorSpace'))
  let components: number | null = null
  if (space instanceof PDFArray && space.size() === 2 && node.context.lookup(space.get(0))?.toString() === '/ICCBased') {
    const profile = node.context.lookup(space.get(1))
    components = profile instanceof PDFRawStream ? numberOf(profile.dict.lookup(name('N'))) : null
    space = undefined
  } else if (space instanceof PDFName) {
    // A name other than a device space is looked up in the page's colour spaces: left to pdf.js.
    const text = space.toString()
    components = text === '/DeviceGray' ? 1 : text === '/DeviceRGB' ? 3 : null
  }
  if (components !== 1 && components !== 3) return { reason: 'image colour space is not grey or RGB' }

  const jpeg = xobject.contents
  const info = _jpegInfo(jpeg)
  if (!info) return { reason: 'JPEG not baseline or progressive 8-bit' }
  if (info.components !== components) return { reason: `JPEG has ${info.components} components, colour space ${components}` }
  if (width !== info.width || height !== info.height) return { reason: 'JPEG size differs from the image dictionary' }
  // An RGB JPEG that says it is not YCbCr: skia and pdf.js may disagree.
  if (components === 3 && info.adobeTransform === 0) return { reason: 'JPEG with untransformed RGB' }

  const interpolate = dict.lookup(name('Interpolate'))?.toString() === 'true'
  return { image: { jpeg, width: info.width, height: info.height, components, ctm: painted.ctm, interpolate, view } }
}
