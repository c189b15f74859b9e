// Which PDF pages take the native JPEG path (one DCT image and nothing else) and which stay
// with pdf.js, and that the native path puts the image on the same pixels as pdf.js.
import { readFileSync } from 'node:fs'
import { inflateSync } from 'node:zlib'
import { createCanvas } from '@napi-rs/canvas'
import { PDFDocument, PDFName, degrees, type PDFPage } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { _openPdf, _renderForOcr, _renderPage } from '../src/ocr/pdf.js'
import { _contentImage, _exifOrientation, _jpegInfo, _PdfImages, type _ScanDecision } from '../src/ocr/scan-image.js'
import { writeEncryptedPdf, writeImagePdf } from '../scripts/lib/render-page.js'

/** A small scan-like JPEG: dark bars (lines of "text") on off-white, with an uneven left edge. */
function jpeg(width: number, height: number): Uint8Array {
  const canvas = createCanvas(width, height)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#f4f2ee'
  ctx.fillRect(0, 0, width, height)
  ctx.fillStyle = '#202020'
  for (let y = 20, i = 0; y < height - 20; y += 24, i++) ctx.fillRect(15 + (i % 3) * 7, y, width - 40 - (i % 5) * 20, 9)
  ctx.fillStyle = '#a03030'
  ctx.fillRect(width - 60, 10, 40, 40)
  return new Uint8Array(canvas.encodeSync('jpeg', 85))
}

interface PageSpec {
  content: string
  size?: [number, number]
  images?: Record<string, { bytes: Uint8Array; width: number; height: number; dict?: Record<string, unknown> }>
  rotate?: number
  annotation?: string
}

/** A one-page PDF written with pdf-lib's low-level API: any content stream and image dictionary. */
async function pdfOf(spec: PageSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const page: PDFPage = doc.addPage(spec.size ?? [200, 300])
  for (const [name, image] of Object.entries(spec.images ?? {})) {
    const stream = doc.context.stream(image.bytes, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: image.width,
      Height: image.height,
      ColorSpace: 'DeviceRGB',
      BitsPerComponent: 8,
      Filter: 'DCTDecode',
      ...image.dict,
    })
    page.node.setXObject(PDFName.of(name), doc.context.register(stream))
  }
  page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream(spec.content)))
  if (spec.rotate) page.setRotation(degrees(spec.rotate))
  if (spec.annotation) {
    const annot = doc.context.obj({ Type: 'Annot', Subtype: spec.annotation, Rect: [0, 0, 50, 50] })
    page.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(annot)]))
  }
  return doc.save({ useObjectStreams: false })
}

async function decide(data: Uint8Array, page = 1): Promise<_ScanDecision> {
  const images = await _PdfImages.open(data, 1)
  expect(images).not.toBeNull()
  return images!.page(page)
}

const bytes = (text: string) => new TextEncoder().encode(text)
const scan = { bytes: jpeg(400, 600), width: 400, height: 600 }

describe('_contentImage', () => {
  it('finds the one image and the CTM it is drawn with, through nested q/Q and several cm', () => {
    expect(_contentImage(bytes('q 200 0 0 300 0 0 cm /Im0 Do Q'))).toEqual({ name: 'Im0', ctm: [200, 0, 0, 300, 0, 0] })
    const nested = _contentImage(bytes('% scanner\nq 1 0 0 1 10 20 cm q\r\n2 0 0 3 0 0 cm 0 g /RGB cs /Im#201 Do Q Q'))
    expect(nested).toEqual({ name: 'Im 1', ctm: [2, 0, 0, 3, 10, 20] })
    expect(_contentImage(bytes('q .5 0 0 -.5 +1 1. cm /X Do Q'))).toEqual({ name: 'X', ctm: [0.5, 0, 0, -0.5, 1, 1] })
  })

  it('leaves everything else to pdf.js', () => {
    const reason = (text: string) => ('reason' in _contentImage(bytes(text)) ? (_contentImage(bytes(text)) as { reason: string }).reason : null)
    expect(reason('q 200 0 0 300 0 0 cm /Im0 Do Q BT /F1 12 Tf (x) Tj ET')).toMatch(/BT|\(/)
    expect(reason('q /Im0 Do Q q /Im1 Do Q')).toBe('more than one XObject')
    expect(reason('0 0 10 10 re f /Im0 Do')).toMatch(/re/)
    expect(reason('0 0 100 100 re W n /Im0 Do')).toMatch(/re/)
    expect(reason('/GS0 gs /Im0 Do')).toMatch(/gs/)
    expect(reason('BI /W 1 /H 1 ID x EI')).toMatch(/BI/)
    expect(reason('/Im0 Do Q')).toBe('Q without q')
    expect(reason('1 0 0 cm /Im0 Do')).toMatch(/six numbers/)
    expect(reason('q 1 0 0 1 0 0 cm Q')).toBe('no image')
    expect(reason('')).toBe('no image')
  })
})

describe('_jpegInfo', () => {
  it('reads size and components from the frame header', () => {
    expect(_jpegInfo(scan.bytes)).toMatchObject({ width: 400, height: 600, components: 3 })
    expect(_jpegInfo(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull()
    expect(_jpegInfo(scan.bytes.subarray(0, 30))).toBeNull()
  })

  it('refuses a JPEG that Exif says to turn (skia would, pdf.js does not)', () => {
    const exif = (orientation: number, little: boolean) => {
      const tiff = little
        ? [0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0, 0, 0, 0, 0]
        : [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0]
      const body = [...bytes('Exif\0\0'), ...tiff]
      const out = new Uint8Array(scan.bytes.length + 4 + body.length)
      out.set(scan.bytes.subarray(0, 2))
      out.set([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body], 2)
      out.set(scan.bytes.subarray(2), 6 + body.length)
      return out
    }
    expect(_exifOrientation(exif(3, false).subarray(6))).toBe(3)
    expect(_jpegInfo(exif(1, false))).toMatchObject({ width: 400, height: 600 })
    expect(_jpegInfo(exif(1, true))).toMatchObject({ width: 400, height: 600 })
    expect(_jpegInfo(exif(3, false))).toBeNull()
    expect(_jpegInfo(exif(6, true))).toBeNull()
  })
})

describe('_PdfImages: the native path or pdf.js', () => {
  it('takes a page that is one full-page DCT image (our scanned fixtures)', async () => {
    const data = new Uint8Array(readFileSync('test/fixtures/ocr/nota-scan.pdf'))
    const decision = await decide(data)
    expect('image' in decision && decision.image).toMatchObject({ width: 1240, height: 1754, components: 3, ctm: [595.2, 0, 0, 841.92, 0, 0], view: [0, 0, 595.2, 841.92] })
    const made = writeImagePdf([{ jpeg: scan.bytes, width: 400, height: 600, dpi: 100 }])
    expect('image' in (await decide(made))).toBe(true)
  })

  it('takes one image drawn anywhere, on a turned page too', async () => {
    expect('image' in (await decide(await pdfOf({ content: 'q 100 0 0 150 20 30 cm /Im0 Do Q', images: { Im0: scan } })))).toBe(true)
    expect('image' in (await decide(await pdfOf({ content: 'q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: scan }, rotate: 90 })))).toBe(true)
    expect('image' in (await decide(await pdfOf({ content: 'q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: scan }, annotation: 'Link' })))).toBe(true)
  })

  it.each([
    ['a text layer', { content: 'q 200 0 0 300 0 0 cm /Im0 Do Q BT 3 Tr ET', images: { Im0: scan } }, /BT/],
    ['two images', { content: 'q 100 0 0 300 0 0 cm /Im0 Do Q q 100 0 0 300 100 0 cm /Im1 Do Q', images: { Im0: scan, Im1: scan } }, /more than one/],
    ['a vector drawing', { content: '0 0 10 10 re f q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: scan } }, /re/],
    ['a Flate image', { content: 'q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: { ...scan, dict: { Filter: 'FlateDecode' } } } }, /FlateDecode/],
    ['a JBIG2 image', { content: 'q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: { ...scan, dict: { Filter: 'JBIG2Decode', BitsPerComponent: 1 } } } }, /JBIG2Decode/],
    ['two filters', { content: 'q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: { ...scan, dict: { Filter: ['FlateDecode', 'DCTDecode'] } } } }, /filter/],
    ['a CMYK image', { content: 'q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: { ...scan, dict: { ColorSpace: 'DeviceCMYK' } } } }, /colour space/],
    ['an Indexed image', { content: 'q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: { ...scan, dict: { ColorSpace: ['Indexed', 'DeviceRGB', 1, '<000000ffffff>'] } } } }, /colour space/],
    ['a grey image whose JPEG is colour', { content: 'q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: { ...scan, dict: { ColorSpace: 'DeviceGray' } } } }, /components/],
    ['a soft mask', { content: 'q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: { ...scan, dict: { SMask: 5 } } } }, /SMask/],
    ['a Decode array', { content: 'q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: { ...scan, dict: { Decode: [1, 0, 1, 0, 1, 0] } } } }, /Decode/],
    ['an image mask', { content: 'q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: { ...scan, dict: { ImageMask: true } } } }, /ImageMask/],
    ['a size that is not the JPEG size', { content: 'q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: { ...scan, width: 401 } } }, /size/],
    ['a missing image', { content: 'q 200 0 0 300 0 0 cm /Im9 Do Q', images: { Im0: scan } }, /missing/],
    ['a stamp annotation', { content: 'q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: scan }, annotation: 'Stamp' }, /annotations/],
  ] as Array<[string, PageSpec, RegExp]>)('leaves a page with %s to pdf.js', async (_name, spec, reason) => {
    const decision = await decide(await pdfOf(spec))
    expect('reason' in decision && decision.reason).toMatch(reason)
  })

  it('is not used for encrypted files or when the page count differs', async () => {
    expect(await _PdfImages.open(writeEncryptedPdf(), 1)).toBeNull()
    expect(await _PdfImages.open(new Uint8Array(readFileSync('test/fixtures/ocr/nota-scan.pdf')), 2)).toBeNull()
    expect(await _PdfImages.open(new Uint8Array([1, 2, 3]), 1)).toBeNull()
  })
})

/** The grey pixels of one of our PNGs (8-bit grey, stored), filter bytes dropped. */
function greyPixels(png: Uint8Array, width: number, height: number): Uint8Array {
  const rows = inflateSync(png.subarray(8 + 25 + 8, png.length - 12 - 4))
  const out = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) out.set(rows.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)), y * width)
  return out
}

describe('_renderForOcr', () => {
  it.each([
    ['a full page at the image resolution', { content: 'q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: scan } }, 144],
    ['a full page scaled up twofold (no smoothing, as pdf.js)', { content: 'q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: scan } }, 288],
    ['a full page shrunk fourfold (halved, as pdf.js)', { content: 'q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: scan } }, 36],
    ['an image placed inside white margins', { content: 'q 1 0 0 1 20 30 cm 120 0 0 180 0 0 cm /Im0 Do Q', images: { Im0: scan } }, 144],
    ['a page turned a quarter', { content: 'q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: scan }, rotate: 90 }, 144],
    ['a page turned upside down', { content: 'q 200 0 0 300 0 0 cm /Im0 Do Q', images: { Im0: scan }, rotate: 180 }, 144],
    ['an image drawn turned in the content', { content: 'q 0 300 -200 0 200 0 cm /Im0 Do Q', images: { Im0: { ...scan } }, size: [200, 300] }, 144],
  ] as Array<[string, PageSpec, number]>)('draws %s on the pixels pdf.js would', async (_name, spec, dpi) => {
    const data = await pdfOf(spec)
    const doc = await _openPdf(data)
    try {
      const images = await _PdfImages.open(data, doc.numPages)
      const page = await doc.getPage(1)
      const ours = await _renderForOcr(doc, page, dpi, images)
      expect(ours.via).toBe('jpeg')
      const theirs = await _renderPage(doc, await doc.getPage(1), dpi)
      expect([ours.width, ours.height]).toEqual([theirs.width, theirs.height])
      const a = greyPixels(ours.image, ours.width, ours.height)
      const b = greyPixels(theirs.image, theirs.width, theirs.height)
      let sum = 0
      let far = 0
      for (let i = 0; i < a.length; i++) {
        const d = Math.abs(a[i]! - b[i]!)
        sum += d
        if (d > 48) far++
      }
      // The JPEG decoders differ by a grey level here and there; a shifted or flipped image would differ everywhere.
      expect(sum / a.length).toBeLessThan(1.5)
      expect(far / a.length).toBeLessThan(0.002)
    } finally {
      await doc.destroy()
    }
  })

  it('renders every other page with pdf.js and says why', async () => {
    const data = new Uint8Array(readFileSync('test/fixtures/ocr/nota-text.pdf'))
    const doc = await _openPdf(data)
    try {
      const rendered = await _renderForOcr(doc, await doc.getPage(1), 72, await _PdfImages.open(data, doc.numPages))
      expect(rendered.via).toBe('pdf.js')
      expect(rendered.reason).toMatch(/BT/)
      const fallback = await _renderForOcr(doc, await doc.getPage(1), 72, null)
      expect(fallback.via).toBe('pdf.js')
    } finally {
      await doc.destroy()
    }
  })
})
