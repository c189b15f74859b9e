// Fixture pages for the OCR stage, made by the project itself: a nota-like page image
// (letterhead line at the top, body column on the left ~2/3, a sidebar of labelled
// fields on the right, as Rijksoverheid notes print them), optionally degraded with a
// seeded PRNG (blur, noise, slight rotation), plus a minimal, dependency-free PDF
// writer: pages that are one JPEG each (/DCTDecode, like a scanner writes them), pages
// of text in a standard font (a PDF with a real text layer), and the broken shapes the
// OCR stage must report (no pages, encrypted).
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas'

export interface NotaSpec {
  letterhead: string
  title: string
  /** Sidebar fields, label above value. */
  sidebar: Array<{ label: string; value: string }>
  /** Body paragraphs; a paragraph starting with `## ` is a bold heading. */
  paragraphs: string[]
  /** Printed at the bottom right, such as `Pagina 1 van 2`. */
  pageLabel?: string
}

export interface Degrade {
  seed: number
  /** Blur radius in pixels at 300 dpi. */
  blur?: number
  /** Standard deviation of grey noise, 0-255. */
  noise?: number
  /** Share of pixels flipped to black or white (speckle). */
  speckle?: number
  /** Rotation in degrees. */
  rotate?: number
}

export interface RenderOptions {
  /** Default 300. */
  dpi?: number
  degrade?: Degrade
}

/** A region of the page and the text printed in it, words separated by single spaces. */
export interface Region {
  box: [number, number, number, number]
  text: string
}

export interface RenderedPage {
  canvas: Canvas
  width: number
  height: number
  dpi: number
  /** The whole page text in reading order: letterhead, title, body, sidebar, page label. */
  text: string
  regions: { letterhead: Region; body: Region; sidebar: Region; pageLabel: Region | null }
}

import { mulberry32 } from './ocr-noise.js'

/** Deterministic PRNG (mulberry32, from ocr-noise.ts): fixtures and benchmarks never use Math.random. */
export { mulberry32 }

const A4 = { widthMm: 210, heightMm: 297 }
const FONT = 'DejaVu Sans'

function _wrap(ctx: SKRSContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word
    if (line && ctx.measureText(next).width > maxWidth) {
      lines.push(line)
      line = word
    } else line = next
  }
  if (line) lines.push(line)
  return lines
}

/** Render one nota page to a canvas, and say what text went where. */
export function renderNotaPage(spec: NotaSpec, options: RenderOptions = {}): RenderedPage {
  const dpi = options.dpi ?? 300
  const mm = (v: number) => Math.round((v * dpi) / 25.4)
  const pt = (v: number) => (v * dpi) / 72
  const width = mm(A4.widthMm)
  const height = mm(A4.heightMm)
  const canvas = createCanvas(width, height)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, width, height)
  ctx.fillStyle = '#111'
  ctx.textBaseline = 'alphabetic'

  // Letterhead: one line, centred at the top.
  ctx.font = `${pt(11)}px ${FONT}`
  const lhWidth = ctx.measureText(spec.letterhead).width
  const lhX = (width - lhWidth) / 2
  ctx.fillText(spec.letterhead, lhX, mm(22))
  const letterhead: Region = { box: [lhX, mm(22) - pt(11), lhX + lhWidth, mm(22) + pt(4)], text: spec.letterhead }

  // Body column: x 22-135 mm, from 55 mm down.
  const bodyLeft = mm(22)
  const bodyRight = mm(135)
  let y = mm(55)
  const bodyWords: string[] = []
  ctx.font = `bold ${pt(13)}px ${FONT}`
  for (const line of _wrap(ctx, spec.title, bodyRight - bodyLeft)) {
    ctx.fillText(line, bodyLeft, y)
    bodyWords.push(line)
    y += pt(13) * 1.3
  }
  y += pt(13) * 0.7
  for (const paragraph of spec.paragraphs) {
    const heading = paragraph.startsWith('## ')
    const text = heading ? paragraph.slice(3) : paragraph
    ctx.font = `${heading ? 'bold ' : ''}${pt(10)}px ${FONT}`
    for (const line of _wrap(ctx, text, bodyRight - bodyLeft)) {
      // What does not fit is not printed, and so not in the page text either.
      if (y > height - mm(30)) break
      ctx.fillText(line, bodyLeft, y)
      bodyWords.push(line)
      y += pt(10) * 1.45
    }
    y += pt(10) * 0.9
  }
  const body: Region = { box: [bodyLeft, mm(55) - pt(13), bodyRight, y], text: bodyWords.join(' ') }

  // Sidebar: x 150-200 mm, labels bold, 7.5 pt, from 55 mm down.
  const sideLeft = mm(150)
  let sy = mm(55)
  const sideWords: string[] = []
  for (const field of spec.sidebar) {
    ctx.font = `bold ${pt(7.5)}px ${FONT}`
    ctx.fillText(field.label, sideLeft, sy)
    sy += pt(7.5) * 1.4
    ctx.font = `${pt(7.5)}px ${FONT}`
    for (const line of _wrap(ctx, field.value, mm(48))) {
      ctx.fillText(line, sideLeft, sy)
      sy += pt(7.5) * 1.4
    }
    sy += pt(7.5) * 1.2
    sideWords.push(field.label, field.value)
  }
  const sidebar: Region = { box: [sideLeft, mm(55) - pt(7.5), mm(200), sy], text: sideWords.join(' ') }

  let pageLabel: Region | null = null
  if (spec.pageLabel) {
    ctx.font = `${pt(7.5)}px ${FONT}`
    ctx.fillText(spec.pageLabel, sideLeft, height - mm(15))
    pageLabel = { box: [sideLeft, height - mm(15) - pt(7.5), mm(200), height - mm(13)], text: spec.pageLabel }
  }

  if (options.degrade) _degrade(canvas, options.degrade, dpi)
  const collapse = (s: string) => s.split(/\s+/).filter(Boolean).join(' ')
  for (const region of [letterhead, body, sidebar, pageLabel]) if (region) region.text = collapse(region.text)
  const text = [letterhead.text, body.text, sidebar.text, pageLabel?.text ?? ''].filter(Boolean).join('\n')
  return { canvas, width, height, dpi, text, regions: { letterhead, body, sidebar, pageLabel } }
}

/** Make a clean render look scanned: rotate, blur, add grey noise and speckle, all seeded. */
function _degrade(canvas: Canvas, degrade: Degrade, dpi: number): void {
  const random = mulberry32(degrade.seed)
  const { width, height } = canvas
  const ctx = canvas.getContext('2d')
  if (degrade.rotate || degrade.blur) {
    const copy = createCanvas(width, height)
    copy.getContext('2d').drawImage(canvas, 0, 0)
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, width, height)
    ctx.save()
    if (degrade.blur) ctx.filter = `blur(${((degrade.blur * dpi) / 300).toFixed(2)}px)`
    ctx.translate(width / 2, height / 2)
    ctx.rotate(((degrade.rotate ?? 0) * Math.PI) / 180)
    ctx.drawImage(copy, -width / 2, -height / 2)
    ctx.restore()
  }
  if (degrade.noise || degrade.speckle) {
    const image = ctx.getImageData(0, 0, width, height)
    const data = image.data
    const sigma = degrade.noise ?? 0
    const speckle = degrade.speckle ?? 0
    for (let i = 0; i < data.length; i += 4) {
      let v = data[i]!
      if (sigma) {
        // Box-Muller, one normal sample a pixel.
        const u = Math.max(random(), 1e-9)
        v += sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
      }
      if (speckle && random() < speckle) v = random() < 0.5 ? 0 : 255
      v = Math.max(0, Math.min(255, Math.round(v)))
      data[i] = data[i + 1] = data[i + 2] = v
    }
    ctx.putImageData(image, 0, 0)
  }
}

/** Encode a page as a JPEG, the way a scanner stores it. */
export function toJpeg(page: RenderedPage, quality = 80): Uint8Array {
  return new Uint8Array(page.canvas.encodeSync('jpeg', quality))
}

/** Lay out the same nota as PDF text lines (Helvetica), for a PDF with a text layer. */
export function notaTextPage(spec: NotaSpec): TextPage {
  const mmPt = (v: number) => (v * 72) / 25.4
  const lines: TextLine[] = []
  const wrapAt = (text: string, chars: number) => {
    const out: string[] = []
    let line = ''
    for (const word of text.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > chars) {
        out.push(line)
        line = word
      } else line = line ? `${line} ${word}` : word
    }
    if (line) out.push(line)
    return out
  }
  lines.push({ x: mmPt(60), y: mmPt(22), size: 11, text: spec.letterhead })
  let y = mmPt(55)
  lines.push({ x: mmPt(22), y, size: 13, text: spec.title, bold: true })
  y += 26
  for (const paragraph of spec.paragraphs) {
    const heading = paragraph.startsWith('## ')
    for (const line of wrapAt(heading ? paragraph.slice(3) : paragraph, 62)) {
      lines.push({ x: mmPt(22), y, size: 10, text: line, bold: heading })
      y += 14.5
    }
    y += 9
  }
  let sy = mmPt(55)
  for (const field of spec.sidebar) {
    lines.push({ x: mmPt(150), y: sy, size: 7.5, text: field.label, bold: true })
    sy += 10.5
    for (const line of wrapAt(field.value, 30)) {
      lines.push({ x: mmPt(150), y: sy, size: 7.5, text: line })
      sy += 10.5
    }
    sy += 9
  }
  if (spec.pageLabel) lines.push({ x: mmPt(150), y: mmPt(282), size: 7.5, text: spec.pageLabel })
  return { widthPt: mmPt(A4.widthMm), heightPt: mmPt(A4.heightMm), lines }
}

/** One scanned page: a JPEG shown full-page at its resolution. */
export interface ImagePage {
  jpeg: Uint8Array
  width: number
  height: number
  dpi: number
  /** 1 for a grey JPEG, 3 for RGB. */
  channels?: 1 | 3
}

/** One line of text, positioned in points from the top-left corner. */
export interface TextLine {
  x: number
  y: number
  size: number
  text: string
  bold?: boolean
}

export interface TextPage {
  widthPt: number
  heightPt: number
  lines: TextLine[]
}

type Part = string | Uint8Array

class _PdfBuilder {
  private readonly objects: Part[][] = []

  /** Reserve an object number, to fill in later (pages refer to their parent). */
  reserve(): number {
    this.objects.push([])
    return this.objects.length
  }

  set(id: number, ...parts: Part[]): void {
    this.objects[id - 1] = parts
  }

  add(...parts: Part[]): number {
    const id = this.reserve()
    this.set(id, ...parts)
    return id
  }

  build(rootId: number, extraTrailer = ''): Uint8Array {
    const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
    let length = chunks[0]!.length
    const offsets: number[] = []
    this.objects.forEach((parts, i) => {
      offsets.push(length)
      const body = Buffer.concat([
        Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
        ...parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
        Buffer.from('\nendobj\n', 'latin1'),
      ])
      chunks.push(body)
      length += body.length
    })
    const xref = [`xref\n0 ${this.objects.length + 1}\n`, '0000000000 65535 f \n']
    for (const offset of offsets) xref.push(`${String(offset).padStart(10, '0')} 00000 n \n`)
    xref.push(`trailer\n<< /Size ${this.objects.length + 1} /Root ${rootId} 0 R ${extraTrailer}>>\nstartxref\n${length}\n%%EOF\n`)
    chunks.push(Buffer.from(xref.join(''), 'latin1'))
    return new Uint8Array(Buffer.concat(chunks))
  }
}

function _stream(dict: string, data: Uint8Array | string): Part[] {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data
  return [`<< ${dict} /Length ${bytes.length} >>\nstream\n`, bytes, '\nendstream']
}

/** A PDF whose pages are JPEG scans, one image each, sized by its dpi. */
export function writeImagePdf(pages: ImagePage[]): Uint8Array {
  const pdf = new _PdfBuilder()
  const catalog = pdf.reserve()
  const pagesId = pdf.reserve()
  const kids: number[] = []
  for (const page of pages) {
    const w = (page.width * 72) / page.dpi
    const h = (page.height * 72) / page.dpi
    const colorSpace = page.channels === 1 ? '/DeviceGray' : '/DeviceRGB'
    const image = pdf.add(
      ..._stream(
        `/Type /XObject /Subtype /Image /Width ${page.width} /Height ${page.height} /ColorSpace ${colorSpace} /BitsPerComponent 8 /Filter /DCTDecode`,
        page.jpeg,
      ),
    )
    const content = pdf.add(..._stream('', `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im0 Do Q`))
    kids.push(
      pdf.add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 ${image} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    )
  }
  pdf.set(pagesId, `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`)
  pdf.set(catalog, `<< /Type /Catalog /Pages ${pagesId} 0 R >>`)
  return pdf.build(catalog)
}

/** Escape a string for a PDF literal in WinAnsiEncoding (Latin-1 covers Dutch text). */
function _pdfString(text: string): string {
  let out = ''
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (ch === '(' || ch === ')' || ch === '\\') out += '\\' + ch
    else if (code >= 32 && code < 127) out += ch
    else if (code >= 160 && code < 256) out += '\\' + code.toString(8).padStart(3, '0')
    else if (ch === '\u2019') out += '\\222'
    else if (ch === '\u2018') out += '\\221'
    else if (ch === '\u2013') out += '\\226'
    else if (ch === '\u2022') out += '\\225'
    else out += '?'
  }
  return out
}

/** A PDF with a real text layer: Helvetica text, no images. */
export function writeTextPdf(pages: TextPage[]): Uint8Array {
  const pdf = new _PdfBuilder()
  const catalog = pdf.reserve()
  const pagesId = pdf.reserve()
  const regular = pdf.add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>')
  const bold = pdf.add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>')
  const kids: number[] = []
  for (const page of pages) {
    const ops = page.lines.map(
      (line) =>
        `BT /${line.bold ? 'F2' : 'F1'} ${line.size} Tf ${line.x.toFixed(2)} ${(page.heightPt - line.y).toFixed(2)} Td (${_pdfString(line.text)}) Tj ET`,
    )
    const content = pdf.add(..._stream('', ops.join('\n')))
    kids.push(
      pdf.add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${page.widthPt} ${page.heightPt}] /Resources << /Font << /F1 ${regular} 0 R /F2 ${bold} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    )
  }
  pdf.set(pagesId, `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`)
  pdf.set(catalog, `<< /Type /Catalog /Pages ${pagesId} 0 R >>`)
  return pdf.build(catalog)
}

/** A well-formed PDF without a single page. */
export function writeEmptyPdf(): Uint8Array {
  const pdf = new _PdfBuilder()
  const catalog = pdf.reserve()
  const pagesId = pdf.add('<< /Type /Pages /Kids [] /Count 0 >>')
  pdf.set(catalog, `<< /Type /Catalog /Pages ${pagesId} 0 R >>`)
  return pdf.build(catalog)
}

/**
 * A PDF that asks for a user password: a standard security handler whose /U entry
 * matches no password, so a reader cannot open it without one. (The content is
 * not really encrypted; the reader refuses before it gets there.)
 */
export function writeEncryptedPdf(): Uint8Array {
  const pdf = new _PdfBuilder()
  const catalog = pdf.reserve()
  const pagesId = pdf.add('<< /Type /Pages /Kids [] /Count 0 >>')
  pdf.set(catalog, `<< /Type /Catalog /Pages ${pagesId} 0 R >>`)
  const hex = (seed: number) => Array.from({ length: 32 }, (_, i) => ((seed * 31 + i * 17) & 0xff).toString(16).padStart(2, '0')).join('')
  const encrypt = pdf.add(`<< /Filter /Standard /V 1 /R 2 /O <${hex(7)}> /U <${hex(11)}> /P -4 >>`)
  const id = hex(3)
  return pdf.build(catalog, `/Encrypt ${encrypt} 0 R /ID [<${id}> <${id}>] `)
}

/** A short nota of the project's own, for tests: no seed text. */
export const SAMPLE_NOTA: NotaSpec = {
  letterhead: 'Ministerie van Infrastructuur en Waterstaat',
  title: 'Nota over de planning van het onderhoud',
  sidebar: [
    { label: 'Datum', value: '14 maart 2024' },
    { label: 'Onze referentie', value: 'IENW/BSK-2024/81234' },
    { label: 'Bijlage(n)', value: '2' },
  ],
  paragraphs: [
    '## Aanleiding',
    'De minister heeft gevraagd om een overzicht van het onderhoud aan bruggen en sluizen in de komende vier jaar. Deze nota geeft dat overzicht en doet een voorstel voor de volgorde van de werkzaamheden.',
    '## Geadviseerd besluit',
    'Wij adviseren u in te stemmen met de voorgestelde planning en de regio\'s hierover te informeren.',
    '## Kernpunten',
    'Het budget voor groot onderhoud is in 2024 volledig belegd. Vertraging bij twee projecten leidt tot hogere kosten in 2025. Overleg met de provincies vindt plaats in het voorjaar.',
  ],
  pageLabel: 'Pagina 1 van 1',
}

/**
 * Turn a gold note (markdown with front matter, as corpus/gold/*.md) into nota pages:
 * its sections and paragraphs flow over as many pages as they need.
 */
export function notaSpecsFromMarkdown(markdown: string, linesPerPage = 34, charsPerLine = 80): NotaSpec[] {
  const front = /^---\n([\s\S]*?)\n---\n/.exec(markdown)
  const field = (name: string) => {
    const m = new RegExp(`^${name}:\\s*"?([^"\\n#]*)"?`, 'm').exec(front?.[1] ?? '')
    const value = m?.[1]?.trim()
    return value && value !== 'null' ? value : null
  }
  const body = markdown.slice(front ? front[0].length : 0)
  const paragraphs = body
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/^\|\s*-/.test(line))
    .map((line) => (line.startsWith('## ') || line.startsWith('### ') ? '## ' + line.replace(/^#+\s*/, '') : line.replace(/^[-*]\s+/, '').replace(/\|/g, ' ')))
  const pages: string[][] = [[]]
  let used = 0
  for (const paragraph of paragraphs) {
    const lines = Math.ceil(paragraph.length / charsPerLine) + 1
    if (used + lines > linesPerPage && pages[pages.length - 1]!.length > 0) {
      pages.push([])
      used = 0
    }
    pages[pages.length - 1]!.push(paragraph)
    used += lines
  }
  const date = field('date') ?? ''
  return pages.map((page, i) => ({
    letterhead: field('organisation') ?? 'Rijksoverheid',
    title: i === 0 ? (field('title') ?? 'Nota') : '',
    sidebar: [
      { label: 'Datum', value: date },
      { label: 'Onze referentie', value: field('reference') ?? '-' },
    ],
    paragraphs: page,
    pageLabel: `Pagina ${i + 1} van ${pages.length}`,
  }))
}
