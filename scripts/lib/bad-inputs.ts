// Bad input files for robustness tests and benchmarks, written into a folder the
// caller owns (a temp dir, never the repo). Every file is built from bytes here:
// tiny hand-made PDFs (corrupt, encrypted, no pages), a 0x0 PNG, text in odd
// encodings, control characters, and big inputs. Deterministic: no Math.random.
import { mkdirSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs'
import { join } from 'node:path'

const enc = (text: string): Uint8Array => new TextEncoder().encode(text)

function _concat(...parts: Array<Uint8Array | number[]>): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0)
  const out = new Uint8Array(total)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** A short nota-like page that reads as Dutch prose. */
export const PROSE = 'Aanleiding\n\nHet ministerie vraagt u in te stemmen met de aanpak van de uitvoering.\n'

/** UTF-16 code units as bytes, little or big endian, with the BOM first. */
export function utf16WithBom(text: string, endian: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2)
  out[0] = endian === 'le' ? 0xff : 0xfe
  out[1] = endian === 'le' ? 0xfe : 0xff
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    const [a, b] = endian === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff]
    out[2 + 2 * i] = a
    out[3 + 2 * i] = b
  }
  return out
}

/** A PDF from its object bodies, with a correct xref table, so only what we break is broken. */
export function buildPdf(objects: string[], trailerExtra = ''): Uint8Array {
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'
  const offsets: number[] = []
  objects.forEach((object, k) => {
    offsets.push(Buffer.byteLength(body, 'latin1'))
    body += `${k + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = Buffer.byteLength(body, 'latin1')
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`
  return new Uint8Array(Buffer.from(body, 'latin1'))
}

/** A one-page PDF whose text layer says `text` (Helvetica, no OCR needed). */
export function textPdf(text: string): Uint8Array {
  const stream = `BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, (ch) => '\\' + ch)}) Tj ET`
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ])
}

/** A PDF with a page tree of no pages. */
export function zeroPagePdf(): Uint8Array {
  return buildPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'])
}

/** A PDF encrypted with the standard handler whose user password is not empty: it cannot be opened. */
export function encryptedPdf(): Uint8Array {
  const hex32 = (fill: number): string => Array.from({ length: 32 }, (_, i) => ((fill + i * 37) & 0xff).toString(16).padStart(2, '0')).join('')
  return buildPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
      `<< /Filter /Standard /V 1 /R 2 /O <${hex32(11)}> /U <${hex32(97)}> /P -4 >>`,
    ],
    `/Encrypt 4 0 R /ID [<${hex32(5).slice(0, 32)}> <${hex32(5).slice(0, 32)}>] `,
  )
}

/** `%PDF-` then bytes that are no PDF structure at all, cut off mid-object. */
export function corruptPdf(): Uint8Array {
  const junk = new Uint8Array(600).map((_, i) => (i * 131 + 7) & 0xff)
  return _concat(enc('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R'), junk)
}

function _crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

function _pngChunk(type: string, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(8)
  new DataView(head.buffer).setUint32(0, data.length)
  head.set(enc(type), 4)
  const crc = new Uint8Array(4)
  new DataView(crc.buffer).setUint32(0, _crc32(_concat(enc(type), data)))
  return _concat(head, data, crc)
}

/** A PNG whose header says width x height and that holds no pixel data. */
export function pngHeader(width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array(13)
  const view = new DataView(ihdr.buffer)
  view.setUint32(0, width)
  view.setUint32(4, height)
  ihdr.set([8, 0, 0, 0, 0], 8) // 8-bit greyscale
  return _concat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], _pngChunk('IHDR', ihdr), _pngChunk('IEND', new Uint8Array(0)))
}

/** A GIF header: an image type the OCR stage does not read. */
export function gifImage(): Uint8Array {
  return _concat(enc('GIF89a'), [1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b])
}

/** Text with NUL bytes and other control characters amid prose (OCR debris), few enough to read as text. */
export function controlCharacterText(): Uint8Array {
  return enc('Aanleiding\n\nHet\u0000 ministerie\u0007 vraagt\u001b u\u0008 in te stemmen.\u007f\n\nDe uitvoering\u0000 loopt.\n')
}

/** Right-to-left script, emoji (astral code points), combining marks and zero-width joiners. */
export const RTL_EMOJI_TEXT =
  'Aanleiding\n\nDe brief in het Arabisch: مرحبا بالعالم en Hebreeuws: שלום עולם 👋🏽.\n\nReactie 👍 van de minister 🇳🇱 met é (e\u0301) en 👩\u200d💻.\n'

/** A valid UTF-8 text file with no line break at all, `megabytes` long. Written in chunks. */
export function writeOneLine(path: string, megabytes: number): void {
  const words = ['het', 'ministerie', 'vraagt', 'u', 'in', 'te', 'stemmen', 'met', 'de', 'aanpak', 'uitvoering', 'beleid', '2024', 'Woo']
  let chunk = ''
  for (let i = 0; chunk.length < 1 << 20; i++) chunk += words[(i * 7 + (i >> 3)) % words.length] + ' '
  chunk = chunk.slice(0, 1 << 20)
  const fd = openSync(path, 'w')
  try {
    for (let i = 0; i < megabytes; i++) writeSync(fd, chunk)
  } finally {
    closeSync(fd)
  }
}

/** `count` short pages separated by form feeds, each a small nota-like page. */
export function manyPagesText(count: number): string {
  const parts: string[] = []
  for (let i = 0; i < count; i++) {
    const day = 1 + (i % 28)
    parts.push(`Nota ${i + 1}\n\nDatum ${day} maart 2024\n\nDit is pagina ${i + 1} van de reeks; het beleid wordt ${i % 2 ? 'aangepast' : 'voortgezet'}.\n`)
  }
  return parts.join('\f')
}

/**
 * Lines that make a careless regex backtrack: long runs of one character class followed by
 * a character that makes the match fail, at the ends of labels the layout looks for. One a page.
 */
export function adversarialPages(length = 100_000): string[] {
  const run = (unit: string, tail: string): string => unit.repeat(Math.ceil(length / unit.length)) + tail
  return [
    run(' ', 'x'), run('\t', 'x'), 'Aan' + run(' ', 'x'), 'Datum' + run(' ', 'x'), 'Bijlage' + run(' ', 'x'), 'nota' + run(' ', 'x'),
    run('a ', '!'), run('1 ', 'x'), run('5.1.2', 'x'), run('’', 'x'), run('.', 'x'), run(')', 'x'), run('-', 'x'), 'a'.repeat(length) + ')'.repeat(length / 2) + 'b#',
    'a'.repeat(length) + ')'.repeat(length / 2) + '#', 'a'.repeat(length) + ']'.repeat(length / 2) + '#',
    run('Pagina 1 van ', 'x'), run('e ', ''), run('«o ', 'Tekst'), run('ab-\n', 'cd'), run('|', 'l'),
  ]
}

export interface BadInputs {
  dir: string
  /** Paths by case name. */
  files: Record<string, string>
}

/** The small bad inputs (no big files), written into `dir`. */
export function writeBadInputs(dir: string): BadInputs {
  mkdirSync(dir, { recursive: true })
  const files: Record<string, string> = {}
  const put = (name: string, file: string, bytes: Uint8Array | string): void => {
    const path = join(dir, file)
    writeFileSync(path, bytes)
    files[name] = path
  }
  files.missing = join(dir, 'does-not-exist.txt')
  files.directory = join(dir, 'a-folder')
  mkdirSync(files.directory, { recursive: true })
  put('empty', 'empty.txt', new Uint8Array(0))
  // An executable-like binary passed as text: NULs and control bytes throughout.
  put('binary', 'program.txt', new Uint8Array(4096).map((_, i) => (i % 5 === 0 ? 0 : (i * 29) & 0xff)))
  // Bytes with no character in UTF-8 nor in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D).
  put('neither', 'mangled.txt', _concat(enc('Het beleid '), [0x81, 0x8d, 0x90, 0x9d, 0x8f], enc(' is helder.\n')))
  put('utf16le', 'utf16le.txt', utf16WithBom(PROSE + 'Één oplossing: “zo”.\n', 'le'))
  put('utf16be', 'utf16be.txt', utf16WithBom(PROSE + 'Één oplossing: “zo”.\n', 'be'))
  // Windows-1252: é as 0xE9, “ ” as 0x93 0x94, € as 0x80.
  put('cp1252', 'cp1252.txt', _concat(enc('Aanleiding\n\nHet beleid is '), [0xe9], enc('n geheel, kosten '), [0x80], enc(' 5 miljoen, '), [0x93], enc('zo'), [0x94], enc('.\n')))
  put('corruptPdf', 'corrupt.pdf', corruptPdf())
  put('encryptedPdf', 'encrypted.pdf', encryptedPdf())
  put('zeroPagePdf', 'zero-pages.pdf', zeroPagePdf())
  put('emptyImage', 'empty.png', pngHeader(0, 0))
  put('unsupportedImage', 'scan.gif', gifImage())
  put('notAnImage', 'photo.png', enc('this is not a PNG at all, only text with a .png name\n'))
  put('controls', 'controls.txt', controlCharacterText())
  put('rtlEmoji', 'rtl-emoji.txt', RTL_EMOJI_TEXT)
  // A lone high surrogate in UTF-16 (D800 then 'A'), and CESU-style surrogate bytes in "UTF-8".
  put('loneSurrogate16', 'lone16.txt', _concat(utf16WithBom('Aanleiding\n\nHet beleid ', 'le'), [0x00, 0xd8, 0x41, 0x00], utf16WithBom(' is helder.\n', 'le').subarray(2)))
  put('loneSurrogate8', 'lone8.txt', _concat(enc('Aanleiding\n\nHet beleid '), [0xed, 0xa0, 0x80], enc(' is helder en ook '), [0xed, 0xbf, 0xbf], enc('.\n')))
  put('good', 'good.txt', PROSE)
  put('textPdf', 'text.pdf', textPdf('Het ministerie vraagt u in te stemmen met de aanpak van de uitvoering van het beleid.'))
  put('binaryMd', 'program.md', new Uint8Array(2048).map((_, i) => (i % 4 === 0 ? 0 : (i * 31) & 0xff)))
  put('utf16Md', 'gold16.md', utf16WithBom('---\nid: nota-2024-01-01-x\nkind: nota\n---\n\n## Aanleiding\n\nÉén regel.\n', 'le'))
  return { dir, files }
}
