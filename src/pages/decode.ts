import type { Issue, Result } from '../types.js'

/** Bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D have no character in Windows-1252. */
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d])

/**
 * Turn the bytes of a text file into a string: UTF-8 (a BOM is stripped), UTF-16
 * with a BOM, or Windows-1252 where the bytes are not UTF-8 but read as text.
 * Binary data is refused with an error naming the byte offset where it shows.
 */
export function decodeText(bytes: Uint8Array, file = 'input'): Result<string> {
  const issues: Issue[] = []
  if (bytes.length === 0) {
    issues.push({ severity: 'warning', source: 'pages', ruleId: 'empty-file', message: 'file is empty', file })
    return { value: '', issues }
  }
  const scan = _scanKind(bytes)
  if (scan) {
    issues.push({
      severity: 'error', source: 'pages', ruleId: 'not-text',
      message: `a ${scan} file, not text; read it with OCR first (\`wooscan ocr\`, or \`ocr()\` from wooscan/ocr)`, file,
    })
    return { value: '', issues }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return _checkText(new TextDecoder('utf-16le').decode(bytes.subarray(2)), file, issues)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return _checkText(new TextDecoder('utf-16be').decode(bytes.subarray(2)), file, issues)
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  const binaryAt = _binaryOffset(bytes)
  if (binaryAt >= 0) {
    issues.push({
      severity: 'error', source: 'pages', ruleId: 'binary',
      message: `not a text file (binary data at byte ${binaryAt}); pass a .txt, .md, .pdf or image file`, file, start: binaryAt,
    })
    return { value: '', issues }
  }
  // The strict decoder checks the bytes as it decodes them: the offset of a bad byte is looked up only where it fails.
  const utf8 = _strictUtf8(bytes.subarray(bom))
  const invalidAt = utf8 === null ? _invalidUtf8Offset(bytes, bom) : -1
  if (invalidAt < 0) return _checkText(utf8 ?? new TextDecoder('utf-8').decode(bytes.subarray(bom)), file, issues)
  // Not UTF-8: accept Windows-1252 only when every byte has a character there and the text reads as prose.
  const undefinedAt = bytes.findIndex((byte) => UNDEFINED_1252.has(byte))
  const text = decodeWindows1252(bytes)
  if (undefinedAt < 0 && _readsAsText(text)) {
    issues.push({
      severity: 'warning', source: 'pages', ruleId: 'encoding',
      message: `not UTF-8 (byte ${invalidAt}); read as Windows-1252`, file, start: invalidAt,
    })
    return _checkText(text, file, issues)
  }
  issues.push({
    severity: 'error', source: 'pages', ruleId: 'encoding',
    message: `neither UTF-8 nor Windows-1252 text (invalid byte at offset ${undefinedAt >= 0 ? undefinedAt : invalidAt}); convert it to UTF-8`, file,
    start: undefinedAt >= 0 ? undefinedAt : invalidAt,
  })
  return { value: '', issues }
}

/** The bytes as UTF-8, or null where they are not UTF-8 (the same bytes `_invalidUtf8Offset` rejects). */
function _strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

/** Windows-1252's characters for bytes 0x80-0x9F (the rest is Latin-1); undefined bytes stay C1 controls. */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

/**
 * Decode Windows-1252 by table: Node 20's TextDecoder('windows-1252') decodes as Latin-1,
 * turning `€`, `“`, `”`, `–` (0x80-0x9F) into invisible C1 controls.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192)
    out += String.fromCharCode(...chunk)
  }
  return out.replace(/[\x80-\x9f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]!)
}

/** Warn about control characters kept in the text (they stay in `source`, the clean-up drops them). */
function _checkText(text: string, file: string, issues: Issue[]): Result<string> {
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.exec(text)
  if (control) {
    issues.push({
      severity: 'warning', source: 'pages', ruleId: 'control-characters',
      message: `control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at offset ${control.index}; dropped from the clean text`,
      file, start: control.index, end: control.index + 1,
    })
  }
  const lone = _loneSurrogate(text)
  if (lone >= 0) {
    issues.push({ severity: 'warning', source: 'pages', ruleId: 'lone-surrogate', message: `lone UTF-16 surrogate at offset ${lone}; replaced by U+FFFD`, file, start: lone })
    text = text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
  }
  return { value: text, issues }
}

/** PDF and image files by their magic bytes: they need OCR, not text decoding. */
function _scanKind(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, 8))
  if (head.startsWith('%PDF-')) return 'PDF'
  if (head.startsWith('\x89PNG')) return 'PNG'
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'JPEG'
  if (head.startsWith('GIF8')) return 'GIF'
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'TIFF'
  return null
}

/** Offset of the first byte that shows the file is binary: many NULs or other control bytes. */
function _binaryOffset(bytes: Uint8Array): number {
  const sample = Math.min(bytes.length, 1 << 16)
  let control = 0
  let first = -1
  for (let i = 0; i < sample; i++) {
    const byte = bytes[i]!
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) {
      control++
      if (first < 0) first = i
    }
  }
  // A few stray control bytes are OCR debris; a tenth of the sample is not text.
  return control > Math.max(8, sample / 10) ? first : -1
}

/** Offset of the first byte that breaks UTF-8, or -1. */
export function _invalidUtf8Offset(bytes: Uint8Array, from = 0): number {
  let i = from
  while (i < bytes.length) {
    const byte = bytes[i]!
    let need = 0
    let min = 0
    if (byte < 0x80) { i++; continue }
    else if (byte >= 0xc2 && byte <= 0xdf) { need = 1; min = 0x80 }
    else if (byte >= 0xe0 && byte <= 0xef) { need = 2; min = 0x800 }
    else if (byte >= 0xf0 && byte <= 0xf4) { need = 3; min = 0x10000 }
    else return i
    if (i + need >= bytes.length) return i
    let code = byte & (0x3f >> need)
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k]!
      if ((next & 0xc0) !== 0x80) return i
      code = (code << 6) | (next & 0x3f)
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i
    i += need + 1
  }
  return -1
}

/** Prose is mostly letters, digits, spaces and punctuation. */
function _readsAsText(text: string): boolean {
  const sample = text.slice(0, 65536)
  const textual = sample.match(/[\p{L}\p{N}\s.,;:!?'"()\-–—’‘“”/%&€]/gu)?.length ?? 0
  return textual >= sample.length * 0.9
}

/** Offset of the first UTF-16 surrogate without its partner, or -1. */
function _loneSurrogate(text: string): number {
  // Nearly every text is well formed: the engine tells that without a scan in script.
  if ((text as string & { isWellFormed?(): boolean }).isWellFormed?.() === true) return -1
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0xd800 || code > 0xdfff) continue
    if (code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++
    else return i
  }
  return -1
}
