// Release -> documents. Walks the pages in release order and decides, from what
// the layout stage found on each page, whether it opens a new document, continues
// the current one, or is noise. Then reads each document's metadata, copy stamp
// and redactions from its pages.
import { distance } from 'fastest-levenshtein'
import type { DocumentKind, Issue, LayoutSpan, Metadata, Page, PageLayout, Redaction } from '../types.js'
import { _expectKnownOptions } from '../issue.js'
import { normaliseStamp, STAMP_TOKENS } from './copy.js'
import { parseDutchDate } from './date.js'
import { ROUTING } from '../layout/lines.js'
import { withoutReplyPrefixes } from './mail.js'
import { findRedactions } from './redaction.js'

export { parseDutchDate } from './date.js'
export { findRedactions, normaliseGround, GROUNDS } from './redaction.js'
export { normaliseStamp, STAMP_TOKENS } from './copy.js'

/** One document of a release, as the segmenter found it. */
export interface SegmentedDocument {
  /** `${kind}-${date ?? 'undated'}-${slug}`, `~2`, `~3` for further documents with the same id. */
  id: string
  /** Page indexes (`Page.index`), in release order. */
  pages: number[]
  metadata: Metadata
  /** Metadata fields read from damaged OCR. */
  uncertain: string[]
  /** The copy's stamp (normalised where it is clearly a known stamp), else null. */
  copy: string | null
  redactions: Redaction[]
  /** Hash of the pages' source text: orders documents that share an id, by content only. */
  hash: string
}

export interface SegmentOptions {
  /**
   * A word list (such as the correct stage's lexicon): a title, addressee or
   * organisation with a word it does not know is marked uncertain. Default: none.
   */
  lexicon?: { has(word: string): boolean }
}

export interface Segmentation {
  documents: SegmentedDocument[]
  /** Pages that belong to no document (blank, or only a page number). */
  noisePages: number[]
  issues: Issue[]
}

/** Opening section headings of a nota: a page whose body starts with one opens a nota. */
const OPENING_HEADINGS = ['aanleiding']
/** Prefixes of reply/forward subjects. */
/** Lines of the page read when looking for the top of the body: bounds the work on garbage pages. */
const MAX_LINES = 400
/** A page needs this many letters or digits outside furniture to be more than noise. */
const MIN_CONTENT_CHARS = 3

/** What one page shows that matters for the split. */
interface _PageSignals {
  index: number
  layout: PageLayout
  noise: boolean
  titleBlock: boolean
  memo: boolean
  letter: boolean
  letterTop: boolean
  emailTop: boolean
  emailAny: boolean
  attachment: boolean
  openingAtTop: boolean
  opening: boolean
  organisation: boolean
  date: { iso: string | null; uncertain: boolean }
  stamp: string | null
  /** Copy stamps as printed. */
  stamps: string[]
  pageNumber: { n: number; of: number } | null
  subject: string | null
  /** Every mail-header send date on the page, in order. */
  sent: string[]
  /** True when the page has body text (not only furniture). */
  hasBody: boolean
  /** The first line of body text, if any. */
  firstBodyLine: string | null
  /** The body's lines (at most MAX_LINES), read for the 8-grams only where the page is compared. */
  bodyLines: string[]
  /** Hashes of the body's word 8-grams, once built (`_shingles`): a page repeated from an earlier one shares most of them. */
  shingles: Int32Array | null
}

function _emptyLayout(page: Page): PageLayout {
  return { page: page.index, spans: [], fields: {}, stamps: [], empty: page.source.trim() === '' }
}

/** Lines of the body text (spans with role `body`), in source order. */
function _bodyLines(page: Page, spans: LayoutSpan[]): string[] {
  const body = _byStart(spans.filter((s) => s.role === 'body'))
  const lines: string[] = []
  if (body.length === 0) return lines
  // The lines of the body spans joined (a line break between two spans where the source has one, else
  // a space), trimmed, the empty ones left out: built line by line, so a line of one span stays a slice
  // of the page and no text of the whole page is joined and split again.
  const source = page.source
  let line = ''
  let last = -1
  for (let k = 0; k < body.length; k++) {
    const span = body[k]!
    if (last >= 0) {
      if (_hasBreak(source, last, span.start)) {
        if (_endLine(lines, line)) return lines
        line = ''
      } else line += ' '
    }
    let from = span.start
    for (let at = source.indexOf('\n', from); at >= 0 && at < span.end; at = source.indexOf('\n', from)) {
      if (_endLine(lines, line + source.slice(from, at))) return lines
      line = ''
      from = at + 1
    }
    line += source.slice(from, span.end)
    last = span.end
  }
  _endLine(lines, line)
  return lines
}

/** Add `line` trimmed, unless empty; true once `lines` holds MAX_LINES. */
function _endLine(lines: string[], line: string): boolean {
  const t = line.trim()
  if (t !== '') lines.push(t)
  return lines.length >= MAX_LINES
}

/** Does `source` hold a line break from `from` to `to`? */
function _hasBreak(source: string, from: number, to: number): boolean {
  const at = source.indexOf('\n', from)
  return at >= 0 && at < to
}

/** Spans in order of start, as a stable sort of a copy puts them: most pages' spans already are, and are not copied. */
function _byStart(spans: LayoutSpan[]): LayoutSpan[] {
  for (let k = 1; k < spans.length; k++) {
    if (spans[k]!.start < spans[k - 1]!.start) return [...spans].sort((a, b) => a.start - b.start)
  }
  return spans
}

function _fold(text: string): string {
  // ASCII needs no decomposition: the common case, kept cheap.
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(text)) return text.toLowerCase()
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

/** First letters of the opening headings: the heading's first letter is never damaged. */
const HEADING_INITIALS = OPENING_HEADINGS.map((h) => h[0]!)

/**
 * False when the line's first letter rules out every opening heading: most body lines,
 * told without folding them. A character past ASCII before the first letter may fold to
 * one, so the full test decides.
 */
function _mayOpenWith(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i)
    if (code >= 128) return true
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return HEADING_INITIALS.includes(String.fromCharCode(code | 32))
  }
  return false
}

/** True when a line is an opening heading such as `Aanleiding` (OCR damage allowed). */
export function _isOpeningHeading(line: string): boolean {
  if (line.length > 40 || !_mayOpenWith(line)) return false
  const t = _fold(line).replace(/^\d+[.)]?\s*/, '').replace(/[:.]$/, '').replace(/[^a-z ]/g, '').trim()
  if (t === '' || t.split(' ').length > 3) return false
  const word = t.split(' ')[0]!
  // Two OCR errors allowed, but not on the first letter: `Inleiding` is another heading.
  return OPENING_HEADINGS.some((h) => word[0] === h[0] && Math.abs(h.length - word.length) <= 2 && distance(h, word) <= 2)
}

/** Longest title a title block prints. */
const MAX_TITLE = 200

/** A title is a phrase, not running text: short, without a sentence break inside. */
export function _plausibleTitle(title: string): boolean {
  return title.length <= MAX_TITLE && !/\p{Ll}[.!?]\s+\p{Lu}/u.test(title)
}

/** Body lines a title block may follow (a stray line of bleed); more means the `title` is a body line. */
const MAX_BODY_BEFORE_TITLE = 3

/** True when the page's title span comes before its running text, as a title block does. */
export function _titleBeforeBody(page: Page, spans: LayoutSpan[]): boolean {
  const title = spans.find((s) => s.field === 'title')
  if (title === undefined) return true
  let lines = 0
  let lastLine = -2
  for (const s of _byStart(spans)) {
    if (s.role !== 'body' || s.start >= title.start) continue
    const line = page.source.lastIndexOf('\n', s.start)
    if (line !== lastLine) {
      lines++
      lastLine = line
    }
  }
  return lines <= MAX_BODY_BEFORE_TITLE
}

/** True when a line heads an attachment (`Bijlage: …`, `Bijlage 1`, `Bijlage bij …`). */
export function _isAttachmentHeading(line: string): boolean {
  return /^bijlage(?:n|\s*[:\d]|\s+(?:[a-z]|bij|behorende)\b|$)/iu.test(_fold(line).trim())
}

/** Count of non-empty lines of `source` before offset `at`. */
function _linesBefore(source: string, at: number): number {
  let n = 0
  let lineHasText = false
  for (let i = 0; i < at && i < source.length; i++) {
    const ch = source[i]!
    if (ch === '\n') {
      if (lineHasText) n++
      lineHasText = false
    } else if (ch !== ' ' && ch !== '\t' && ch !== '\r') lineHasText = true
  }
  return n
}

/** A letter or digit, searched from `lastIndex`. */
const CONTENT_CHAR = /[\p{L}\p{N}]/gu

/** Letters and digits in `text`, counted up to `limit`. */
function _countContent(text: string, limit: number): number {
  // test() from lastIndex on one shared pattern: no match objects, no copy of the pattern.
  CONTENT_CHAR.lastIndex = 0
  let n = 0
  while (n < limit && CONTENT_CHAR.test(text)) n++
  return n
}

const MAIL_FIELDS = new Set(['from', 'sent', 'subject', 'cc'])

function _signals(page: Page, layout: PageLayout): _PageSignals {
  const fields = layout.fields ?? {}
  const spans = Array.isArray(layout.spans) ? layout.spans : []
  const labelled = new Set<string>(Object.keys(fields))
  for (const s of spans) if (s.field) labelled.add(s.field)
  const lines = _bodyLines(page, spans)
  // Without body spans (no layout, or a layout that found none), read the raw lines.
  const bodyLines = lines.length > 0 || spans.length > 0 ? lines : page.source.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, MAX_LINES)

  const mailLabelled = [...MAIL_FIELDS].some((f) => labelled.has(f))
  const mailSpans = spans.filter((s) => s.field !== undefined && MAIL_FIELDS.has(s.field))
  const firstMail = mailSpans.reduce((min, s) => Math.min(min, s.start), Infinity)
  // Memos and letters carry Van/Betreft too; only a page without their marks is a mail.
  const emailAny = !('memo' in fields) && !('letter' in fields) && !('nota' in fields) && labelled.has('from') && (labelled.has('sent') || labelled.has('subject'))
  const emailTop = emailAny && (mailSpans.length === 0 || _linesBefore(page.source, firstMail) <= 2)
  const sent = spans
    .filter((s) => s.field === 'sent' && s.value)
    .map((s) => _sentAt(page.source.slice(s.start, s.end)))
    .filter((d): d is string => d !== null)
  if (sent.length === 0 && fields.sent) {
    const at = _sentAt(fields.sent)
    if (at) sent.push(at)
  }

  const contentChars = _countContent(page.source, MIN_CONTENT_CHARS)
  const hasFields = Object.keys(fields).length > 0 || (layout.stamps ?? []).length > 0
  // A page that holds only redactions is a blacked-out page of a document, not noise.
  const redacted = (): boolean => spans.some((s) => s.role === 'redaction') || findRedactions(page.source.slice(0, 2000)).length > 0
  const noise = contentChars < MIN_CONTENT_CHARS || (layout.empty && !hasFields && !redacted())

  const printedStamps = _stampsOf(page, layout)
  const stamps = printedStamps.map((s) => normaliseStamp(s)).filter((s) => s !== null)
  const letter = 'letter' in fields
  return {
    index: page.index,
    layout,
    noise,
    // `Aan` without any other mail header is a nota's addressee line.
    titleBlock: (fields.title !== undefined && _plausibleTitle(fields.title) && _titleBeforeBody(page, spans)) || (labelled.has('to') && !mailLabelled),
    memo: 'memo' in fields,
    letter,
    letterTop: letter && /retouradres/i.test(page.source),
    emailTop,
    emailAny,
    attachment: (bodyLines.length > 0 && _isAttachmentHeading(bodyLines[0]!)) || (fields.title !== undefined && _isAttachmentHeading(fields.title)),
    openingAtTop: bodyLines.length > 0 && _isOpeningHeading(bodyLines[0]!),
    opening: bodyLines.some(_isOpeningHeading),
    organisation: 'organisation' in fields,
    date: fields.date !== undefined ? parseDutchDate(fields.date) : { iso: null, uncertain: false },
    stamp: stamps.length > 0 ? stamps[0]!.label : null,
    stamps: printedStamps,
    pageNumber: layout.pageNumber ?? null,
    subject: fields.subject ?? null,
    sent,
    hasBody: bodyLines.length > 0 && !layout.empty,
    firstBodyLine: bodyLines[0] ?? null,
    bodyLines,
    shingles: null,
  }
}

const SHINGLE = 8
const MAX_SHINGLE_WORDS = 3000
/** FNV-1a offset basis, as the signed 32-bit value the hashing works on. */
const FNV_BASIS = 2166136261 | 0
/** Word hashes of the page being read: one buffer for every page, the count is capped. */
const WORDS = new Int32Array(MAX_SHINGLE_WORDS)

/**
 * The page's word 8-grams, hashed, sorted and distinct; words folded to letters so OCR
 * damage to accents and case does not matter. A typed array, not a Set, so the hashes stay
 * unboxed and two pages are compared by one merge. Built on first use: few pages are compared.
 */
function _shingles(page: _PageSignals): Int32Array {
  if (page.shingles !== null) return page.shingles
  let words = 0
  for (const line of page.bodyLines) {
    words = _hashWords(line, words)
    if (words >= MAX_SHINGLE_WORDS) break
  }
  const count = Math.max(0, words - SHINGLE + 1)
  const out = new Int32Array(count)
  for (let i = 0; i < count; i++) {
    let h = FNV_BASIS
    for (let k = i; k < i + SHINGLE; k++) h = Math.imul(h ^ WORDS[k]!, 16777619)
    out[i] = h
  }
  out.sort()
  let distinct = 0
  for (let i = 0; i < count; i++) if (distinct === 0 || out[i] !== out[distinct - 1]) out[distinct++] = out[i]!
  page.shingles = out.subarray(0, distinct)
  return page.shingles
}

/**
 * Hash each word of `_fold(text)` (letters and digits only, two or more of them) into WORDS
 * from `n`, without building the words or the folded text; returns the new count. ASCII is
 * lowered on the fly; a character past it is folded alone, which reads the same words:
 * folding works per character, apart from the order of marks and Greek final sigma, which
 * are never letters or spaces here.
 */
function _hashWords(text: string, n: number): number {
  let h = FNV_BASIS
  let length = 0
  // What the last character past ASCII folds to, read before the rest of the text.
  let folded = ''
  let f = 0
  let c = 0
  for (;;) {
    let code: number
    if (f < folded.length) {
      code = folded.charCodeAt(f++)
    } else if (c < text.length) {
      code = text.charCodeAt(c)
      if (code >= 128) {
        const end = _charEnd(text, c)
        folded = _foldChar(text, c, end)
        f = 0
        c = end
        continue
      }
      c++
      if (code >= 65 && code <= 90) code += 32
    } else if (c === text.length) {
      // The end of the text closes the last word.
      code = 32
      c++
    } else {
      return n
    }
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
      h = Math.imul(h ^ code, 16777619)
      length++
    } else if ((code >= 9 && code <= 13) || code === 32 || code === 160 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0x1680 || code === 0xfeff || code === 0x85) {
      if (length > 1) {
        WORDS[n++] = h
        if (n >= MAX_SHINGLE_WORDS) return n
      }
      h = FNV_BASIS
      length = 0
    }
  }
}

/** End of the character at `at`: a surrogate pair is one character. */
function _charEnd(text: string, at: number): number {
  const code = text.charCodeAt(at)
  return code >= 0xd800 && code <= 0xdbff && at + 1 < text.length && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00 ? at + 2 : at + 1
}

/** `_fold` of single characters past ASCII, by char code: a text repeats the same few. */
const FOLDED_CHARS = new Map<number, string>()

function _foldChar(text: string, start: number, end: number): string {
  if (end - start > 1) return _fold(text.slice(start, end))
  const code = text.charCodeAt(start)
  let folded = FOLDED_CHARS.get(code)
  if (folded === undefined) {
    folded = _fold(text[start]!)
    FOLDED_CHARS.set(code, folded)
  }
  return folded
}

/** Share of the smaller page's 8-grams that the other page also has (both sorted and distinct). */
function _overlap(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 || b.length === 0) return 0
  let n = 0
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++
      i++
      j++
    } else if (a[i]! < b[j]!) i++
    else j++
  }
  return n / Math.min(a.length, b.length)
}

/**
 * The page's copy stamps: the layout's, else a line that holds nothing but a known
 * stamp abbreviation (spacing and case aside), so a stamp the layout took for body
 * text still names the copy.
 */
export function _stampsOf(page: Page, layout: PageLayout): string[] {
  if ((layout.stamps ?? []).length > 0) return layout.stamps
  const found: string[] = []
  const source = page.source
  let lines = 0
  for (let start = 0, end = 0; start <= source.length; start = end + 1) {
    end = source.indexOf('\n', start)
    if (end < 0) end = source.length
    if (++lines > MAX_LINES) break
    // A line too long for a stamp, with no space at either end to trim: most lines, not copied.
    if (end - start > 12 && _printable(source.charCodeAt(start)) && _printable(source.charCodeAt(end - 1))) continue
    const t = source.slice(start, end).trim()
    if (t.length < 2 || t.length > 12) continue
    const canon = t.replace(/\s+/g, '').toUpperCase()
    // Mostly capitals, or a longer token in any case (`Mpvo`); never a two-letter word.
    if (STAMP_TOKENS.includes(canon) && (/\p{Lu}.*\p{Lu}/u.test(t) || canon.length >= 4)) found.push(t)
  }
  return found
}

/** A printable ASCII character other than the space: never trimmed. */
function _printable(code: number): boolean {
  return code > 32 && code < 127
}

/**
 * When a mail was sent, to the minute where the header prints a time (`2024-01-19T10:15`),
 * else the day: mails of one day from one template are told apart by the hour.
 */
function _sentAt(text: string): string | null {
  const iso = parseDutchDate(text).iso
  if (iso === null) return null
  const time = /(?<!\d)(\d{1,2})[:.](\d{2})(?![\d.:])(?:\s*([AaPp])\.?[Mm]\b)?/.exec(text.slice(0, 200))
  if (!time || Number(time[1]) > 23 || Number(time[2]) > 59) return iso
  let hour = Number(time[1]) % (time[3] ? 12 : 24)
  if (time[3] && /p/i.test(time[3])) hour += 12
  return `${iso}T${String(hour).padStart(2, '0')}:${time[2]}`
}

function _threadSubject(subject: string): string {
  return _fold(withoutReplyPrefixes(subject)).replace(/\s+/g, ' ').trim()
}

/** The document being built while walking the pages. */
interface _Current {
  pages: _PageSignals[]
  kind: DocumentKind
  date: string | null
  stamp: string | null
  hasOpening: boolean
  subject: string | null
  /** Earliest mail date seen: later headers of one thread are older. */
  oldestSent: string | null
  /** Last printed `Pagina N van M`. */
  lastNumber: { n: number; of: number } | null
  hasBody: boolean
  /** First complete reference number seen (`2024-0000123456`). */
  reference: string | null
}

/** A reference with this many digits is complete, not a year with the rest blacked out. */
const MIN_REFERENCE_DIGITS = 6

function _completeReference(page: _PageSignals): string | null {
  const ref = page.layout.fields?.reference
  if (typeof ref !== 'string') return null
  const digits = ref.replace(/\D/g, '')
  return digits.length >= MIN_REFERENCE_DIGITS ? digits : null
}

/** Pages repeating this share of an earlier page's 8-grams are a second copy. */
const REPEAT_OVERLAP = 0.5
/** Pages of the current document a new page is compared with. */
const MAX_COMPARED_PAGES = 40
/** Pages with fewer 8-grams than this are too short to compare. */
const MIN_SHINGLES = 12

function _kindOf(first: _PageSignals): DocumentKind {
  const f = first.layout.fields ?? {}
  if (first.emailAny) return 'email'
  if (first.memo) return 'memo'
  if (first.letter) return 'letter'
  if (first.titleBlock || first.opening || first.attachment || 'status' in f || 'date' in f || 'reference' in f || 'attachments' in f || first.organisation) return 'nota'
  return 'other'
}

/** Why `page` opens a new document after `current`, or null when it continues it. */
function _startReason(current: _Current, page: _PageSignals): string | null {
  // A document is more than a letterhead: a page before any body text takes the next one along.
  if (!current.hasBody) return null
  // A printed counter that goes on from the current document's continues it; one that restarts opens another.
  const pn = page.pageNumber
  if (pn !== null && current.lastNumber !== null) {
    if (pn.of === current.lastNumber.of && pn.n > current.lastNumber.n) return null
    return 'page counter restarts'
  }
  if (page.emailTop) {
    if (current.kind !== 'email') return 'e-mail header at page top'
    const a = page.subject === null ? null : _threadSubject(page.subject)
    const b = current.subject === null ? null : _threadSubject(current.subject)
    const sameSubject = a !== null && b !== null && a !== '' && (a === b || a.includes(b) || b.includes(a))
    const older = page.sent.length === 0 || current.oldestSent === null || page.sent[0]! <= current.oldestSent
    if (sameSubject && older) return null
    if (a === null && b === null && older && page.sent.length > 0 && current.oldestSent !== null) return null
    return 'e-mail header at page top'
  }
  if (page.memo) return 'memo heading'
  if (page.letterTop) return 'letter return address'
  if (page.letter && current.kind !== 'letter') return 'letter'
  // A page printed as page 2 or later cannot open a document by its look alone.
  const laterPage = pn !== null && pn.n > 1
  if (page.titleBlock && !laterPage) return 'title block'
  if (page.attachment) return null
  if (page.organisation && !laterPage) return 'letterhead'
  if (page.date.iso !== null && current.date !== null && page.date.iso !== current.date) {
    // A damaged date read may be off by a digit; one that differs more is another document's.
    if (!page.date.uncertain || _differingChars(page.date.iso, current.date) > 1) return 'new date'
  }
  if (page.openingAtTop && !laterPage && (current.hasOpening || current.kind === 'email' || current.kind === 'letter')) return 'opening heading again'
  if (page.stamp !== null && current.stamp !== null && page.stamp !== current.stamp) return 'new copy stamp'
  // Another reference number: another document, even on the same day. A digit or two may be misread.
  const ref = _completeReference(page)
  if (ref !== null && current.reference !== null && distance(ref, current.reference) > 2) return 'new reference'
  // A nota's sidebar (Datum, Onze referentie) on a page after an e-mail or memo.
  const f = page.layout.fields ?? {}
  if ((current.kind === 'email' || current.kind === 'memo') && !page.emailAny && ('date' in f || 'reference' in f)) return 'sidebar after e-mail or memo'
  if (_repeats(current, page)) return 'repeats an earlier page'
  return null
}

function _differingChars(a: string, b: string): number {
  let n = Math.abs(a.length - b.length)
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) n++
  return n
}

/** True when the page repeats the body of a page already in the current document: a second copy begins. */
function _repeats(current: _Current, page: _PageSignals): boolean {
  if (_shingles(page).length < MIN_SHINGLES) return false
  // A second copy repeats the first pages of the one before: comparing with those bounds the work.
  return current.pages.slice(0, MAX_COMPARED_PAGES).some((p) => _shingles(p).length >= MIN_SHINGLES && _overlap(_shingles(p), _shingles(page)) >= REPEAT_OVERLAP)
}

function _newCurrent(page: _PageSignals): _Current {
  const current: _Current = { pages: [], kind: _kindOf(page), date: null, stamp: null, hasOpening: false, subject: null, oldestSent: null, lastNumber: null, hasBody: false, reference: null }
  _add(current, page)
  return current
}

function _add(current: _Current, page: _PageSignals): void {
  current.pages.push(page)
  if (current.date === null && page.date.iso !== null && !page.date.uncertain) current.date = page.date.iso
  if (current.stamp === null && page.stamp !== null) current.stamp = page.stamp
  if (page.opening) current.hasOpening = true
  if (page.hasBody) current.hasBody = true
  current.reference ??= _completeReference(page)
  if (page.pageNumber !== null) current.lastNumber = page.pageNumber
  // A document that began with a header-only page takes its kind from its first page with a body.
  if (current.kind === 'other' && current.pages.length > 1) current.kind = _kindOf(page)
  if (current.subject === null && page.subject !== null) current.subject = page.subject
  for (const d of page.sent) if (current.oldestSent === null || d < current.oldestSent) current.oldestSent = d
}

/** Punctuation OCR leaves in damaged words; none of it belongs in a name or title. */
const DAMAGE = /[|{}~^\\<>«»¢€§#*_=+]|\p{L}[\d!|]\p{L}|\d\p{Ll}{2}/u
/** A ministry name cut off after an adjective (`Ministerie van Economische`). */
const INCOMPLETE_NAME = /\b\p{L}+(?:sche|ische|ale|ele|se)$/u

/**
 * True when `line` is the rest of a two-line name (`… Zaken` + `en Klimaat`,
 * `… Zaken en` + `Werkgelegenheid`): a few capitalised words, joined by `en`.
 */
export function _continuesName(name: string, line: string): boolean {
  if (!/^(?:(?:en|voor|van)\s+)?\p{Lu}[\p{L}-]*(?:,?\s+(?:en\s+)?\p{Lu}[\p{L}-]*){0,3}$/u.test(line)) return false
  if (/^(?:en|voor|van)\s/.test(line) || DANGLING.test(name)) return true
  // After a name cut at an adjective, only a `X en Y` rest, never a lone word such as a heading.
  return INCOMPLETE_NAME.test(name) && /\sen\s/.test(line)
}

/**
 * Short lower-case words of a value that a lexicon does not know (`vari`, `dc`,
 * `riaar`): OCR damage. Long unknown words are mostly compounds and names, so they
 * do not count.
 */
function _unknownWords(value: string, lexicon: SegmentOptions['lexicon'] & object): number {
  let n = 0
  for (const w of value.split(/[\s,;:()/"'‘’“”]+/)) {
    if (w.length < 2 || w.length > 6 || !/^\p{Ll}+$/u.test(w)) continue
    if (!lexicon.has(w)) n++
  }
  return n
}

/** `nota` as the title line prints it, also damaged (`n Ota`, `n0ta`). */
const NOTA_WORD = /^(.{1,160}?)\s(?:n\s?[oO0]ta|NOTA|Nota)\s+(\S.*)$/
/** Words a letterhead or stamp remainder does not end with: an article before `nota` means the word is part of the title. */
const ARTICLE_END = /\b(?:de|het|een|deze|die|onze|uw|vorige|eerdere|bijgevoegde)$/i

/**
 * A title line read together with the letterhead or stamp printed beside it
 * (`Welzijn en Sport nota Voorstel …`): keep what follows `nota` as the title, and
 * complete a letterhead cut off after `en`/`van` with what preceded it.
 */
export function _repairTitleBlock(metadata: Metadata, uncertain: Set<string>): void {
  const title = metadata.title
  if (title === null) return
  const m = NOTA_WORD.exec(title)
  if (m === null) return
  const prefix = m[1]!.trim()
  let words = prefix.split(/\s+/)
  if (ARTICLE_END.test(prefix)) return
  // The addressee line read into the same block (`… Aan Minister van X nota …`, `Aan` often damaged).
  const aan = words.findIndex((w, k) => k + 1 < words.length && _isAanWord(w) && /^\p{Lu}/u.test(words[k + 1]!))
  let addressee: string | null = null
  if (aan >= 0) {
    addressee = words.slice(aan + 1).join(' ')
    words = words.slice(0, aan)
  }
  if (words.length > 8) return
  // Letterhead or stamp material: capitalised words, `en`, commas, stamp tokens.
  if (!words.every((w) => /^(?:\p{Lu}|&|(?:en|van|vari|voor|der|de),?$)/u.test(w))) return
  metadata.title = m[2]!.trim()
  if (addressee !== null && metadata.to === null) {
    metadata.to = addressee
    uncertain.add('to')
  }
  const rest = words.filter((w) => !/^\p{Lu}{3,}$/u.test(w) && !/^M\p{Lu}/u.test(w) && !STAMP_TOKENS.includes(w.toUpperCase())).join(' ')
  if (rest === '') return
  const org = metadata.organisation
  if (org !== null && _continuesName(org, rest) && !org.includes(rest)) {
    metadata.organisation = `${org} ${rest}`.replace(/\s+/g, ' ')
    uncertain.delete('organisation')
  } else if (org === null && /^ministerie\b/i.test(rest)) {
    metadata.organisation = rest
  }
}

/** `Aan` as OCR prints it (`Aari`, `Aau`, `Aan:`): n read as ri or u. */
function _isAanWord(word: string): boolean {
  const w = word.replace(/:$/, '').replace(/ri/g, 'n').replace(/rn/g, 'm')
  return /^A/.test(w) && w.length <= 4 && distance(w.toLowerCase(), 'aan') <= 1
}

/** Words a complete name or title does not end with. */
const DANGLING = /\s(?:en|van|voor|de|het|der|op|over|aan|in|met|,)$|,$/i

/** True when a value is nothing but redaction grounds (`5.1.2e`, `5.1.2e@minbzk.nl; 5.1.2e`). */
export function _onlyRedacted(value: string): boolean {
  const grounds = findRedactions(value)
  if (grounds.length === 0) return false
  let rest = ''
  let at = 0
  for (const g of grounds) {
    rest += value.slice(at, g.start) + ' '
    at = g.end
  }
  rest += value.slice(at)
  // What is left: e-mail domains and separators only.
  return !/\p{L}{2,}/u.test(rest.replace(/@[\w.-]+/g, ' '))
}

/** The first span holding a field's value, to point an issue at it. */
function _valueSpan(page: _PageSignals, field: string): LayoutSpan | undefined {
  return (page.layout.spans ?? []).find((s) => s.field === field && s.value)
}

function _readMetadata(current: _Current, issues: Issue[], file: string | undefined, options: SegmentOptions, sources: Map<number, string>): { metadata: Metadata; uncertain: string[]; copy: string | null } {
  const kind = current.kind
  const metadata: Metadata = {
    kind, title: null, to: null, date: null, organisation: null, directorate: null, reference: null,
    status: null, attachments_count: null, from: null, subject: null,
  }
  const uncertain = new Set<string>()
  const where = new Map<string, _PageSignals>()
  const first = (field: string): string | null => {
    for (const page of current.pages) {
      const v = page.layout.fields?.[field]
      if (typeof v === 'string' && v.trim() !== '') {
        where.set(field, page)
        return v.replace(/\s+/g, ' ').trim()
      }
    }
    return null
  }
  const text: Array<[keyof Metadata, string]> = [
    ['title', 'title'], ['to', 'to'], ['organisation', 'organisation'], ['directorate', 'directorate'],
    ['reference', 'reference'], ['status', 'status'], ['from', 'from'], ['subject', 'subject'],
  ]
  for (const [key, field] of text) {
    const value = first(field)
    if (value === null || _onlyRedacted(value)) continue
    ;(metadata as unknown as Record<string, unknown>)[key] = value
    if (key !== 'reference' && DAMAGE.test(value)) uncertain.add(key)
    // A name cut off after `en`/`van`: the rest of it sits on a line the layout did not join.
    if ((key === 'organisation' || key === 'title' || key === 'to') && DANGLING.test(value)) uncertain.add(key)
  }
  if (metadata.title !== null && !_plausibleTitle(metadata.title)) metadata.title = null
  _repairTitleBlock(metadata, uncertain)
  // The second line of a two-line letterhead (`… Zaken` / `en Klimaat`) read as the first body line.
  const firstLine = current.pages[0]!.firstBodyLine
  if (metadata.organisation !== null && firstLine !== null && _continuesName(metadata.organisation, firstLine)) {
    metadata.organisation = `${metadata.organisation} ${firstLine}`
    uncertain.delete('organisation')
  }
  if (metadata.organisation !== null && INCOMPLETE_NAME.test(metadata.organisation)) uncertain.add('organisation')
  if (options.lexicon) {
    for (const key of ['title', 'to', 'organisation', 'directorate', 'subject'] as const) {
      const value = metadata[key]
      if (value !== null && _unknownWords(value, options.lexicon) > 0) uncertain.add(key)
    }
  }
  // An attachment's own heading is not the document's title.
  if (metadata.title !== null && _isAttachmentHeading(metadata.title) && !current.pages[0]!.titleBlock) metadata.title = null

  // Date: the first clean read; a damaged read only where no page has a clean one.
  const dateField = kind === 'email' ? 'sent' : 'date'
  let damagedDate: { iso: string; page: _PageSignals } | null = null
  for (const field of kind === 'email' ? [dateField, 'date'] : [dateField, 'sent']) {
    for (const page of current.pages) {
      const v = page.layout.fields?.[field]
      if (typeof v !== 'string') continue
      const d = parseDutchDate(v)
      if (d.iso === null) continue
      if (!d.uncertain) {
        metadata.date = d.iso
        where.set('date', page)
        break
      }
      if (damagedDate === null) damagedDate = { iso: d.iso, page }
    }
    if (metadata.date !== null) break
  }
  if (metadata.date === null && damagedDate !== null) {
    metadata.date = damagedDate.iso
    where.set('date', damagedDate.page)
    uncertain.add('date')
  }

  const attachments = first('attachments')
  if (attachments !== null) {
    const m = /^[^\p{L}\p{N}]*([\dOoIl]{1,3})(?![\p{L}\p{N}])/u.exec(attachments)
    if (m !== null) {
      metadata.attachments_count = Number(m[1]!.replace(/o/gi, '0').replace(/[Il]/g, '1'))
      if (/[OoIl]/.test(m[1]!) || m.index !== 0 || m[0] !== attachments) uncertain.add('attachments_count')
    } else {
      uncertain.add('attachments_count')
    }
  }

  // A letter prints its addressee under the return address and its subject after a
  // bare `Onderwerp`/`Betreft` label: read them where the layout gave no field.
  if (kind === 'letter') {
    const pageSource = sources.get(current.pages[0]!.index) ?? ''
    const found = _letterHeader(pageSource)
    if (metadata.to === null && found.to !== null && !_onlyRedacted(found.to)) metadata.to = found.to
    if (metadata.subject === null && found.subject !== null && !_onlyRedacted(found.subject)) metadata.subject = found.subject
  }

  // A nota's status and directorate where the layout missed them (a status bled onto a
  // body line, a directorate name read as a heading).
  if (kind === 'nota') {
    const pageSource = sources.get(current.pages[0]!.index) ?? ''
    // A directorate value that holds another label is a bled line, not a name.
    if (metadata.directorate !== null && LABEL_WORD.test(metadata.directorate)) metadata.directorate = null
    if (metadata.status === null) metadata.status = _findStatus(pageSource)
    if (metadata.directorate === null) metadata.directorate = _directorateAfterLabel(pageSource)
  }

  // E-mails, memos and letters have no title block: their subject names them.
  if (metadata.title === null && kind !== 'nota' && kind !== 'other' && metadata.subject !== null) {
    metadata.title = kind === 'email' ? _stripReply(metadata.subject) : metadata.subject
    if (uncertain.has('subject')) uncertain.add('title')
  }

  let copy: string | null = null
  for (const page of current.pages) {
    for (const printed of page.stamps) {
      const s = normaliseStamp(printed)
      if (s === null) continue
      copy = s.label
      if (s.damaged) {
        issues.push({
          severity: 'info', source: 'segment', ruleId: 'damaged-stamp', page: page.index,
          message: `Copy stamp \`${printed}\` read as \`${s.label}\``, actual: printed, expected: [s.label], ...(file ? { file } : {}),
        })
      }
      break
    }
    if (copy !== null) break
  }

  const list = [...uncertain].sort()
  for (const key of list) {
    const page = where.get(key === 'attachments_count' ? 'attachments' : key === 'title' && !where.has('title') ? 'subject' : key) ?? current.pages[0]!
    const fieldName = key === 'attachments_count' ? 'attachments' : key === 'date' ? (page.layout.fields?.date !== undefined ? 'date' : 'sent') : key
    const span = _valueSpan(page, fieldName)
    const printed = page.layout.fields?.[fieldName]
    issues.push({
      severity: 'warning', source: 'segment', ruleId: 'uncertain-metadata', page: page.index,
      message: `\`${key}\` read from damaged OCR${printed !== undefined ? `: \`${printed}\`` : ''}`,
      ...(span ? { start: span.start, end: span.end } : {}),
      ...(printed !== undefined ? { actual: printed } : {}),
      ...(file ? { file } : {}),
    })
  }
  return { metadata, uncertain: list, copy }
}

/** Routing statuses of a nota, printed in capitals in the sidebar. */
const STATUS_ANYWHERE = new RegExp(`(?<!\\p{L})(TER (?:${ROUTING}))(?!\\p{L})`, 'u')
/** Sidebar labels: a line holding one of these is not a value. */
const SIDEBAR_LABEL = /^(?:datum|onze referentie|ons kenmerk|uw referentie|uw kenmerk|opgesteld door|tweede contactpersoon|contactpersoon|bijlage\(?n?\)?|directie|kopie aan|inlichtingen|aan|ter \p{L}+)$/iu

/** Words of sidebar labels: inside a value they show that a label bled onto its line. */
const LABEL_WORD = /\b(?:datum|referentie|kenmerk|bijlage|contactpersoon|opgesteld)\b/i

/** A nota's status printed anywhere on its first page, also at the end of a body line. */
export function _findStatus(source: string): string | null {
  const m = STATUS_ANYWHERE.exec(source.slice(0, 20_000))
  return m === null ? null : m[1]!
}

/** The directorate name under a bare `Directie` label, unless the field is blank (the next line is another label). */
export function _directorateAfterLabel(source: string): string | null {
  // No `Directie` anywhere: no label line either, without splitting the page.
  if (!/directie/i.test(source)) return null
  const lines = source.split('\n', 200).map((l) => l.trim())
  for (let i = 0; i < lines.length; i++) {
    if (!/^directie$/i.test(lines[i]!)) continue
    for (let k = i + 1; k < lines.length && k <= i + 2; k++) {
      const v = lines[k]!
      if (v === '') continue
      if (SIDEBAR_LABEL.test(v) || _onlyRedacted(v) || !/^\p{Lu}/u.test(v) || v.split(/\s+/).length > 6) return null
      // Another label bled onto the line: the value is not clean.
      if (LABEL_WORD.test(v)) return null
      return v
    }
    return null
  }
  return null
}

/** On a trimmed line: the label, then `:`, a space or nothing, then the value. */
const SUBJECT_LABEL = /^(?:Onderwerp|Betreft)(?:[:\s]|$)(.*)$/i
/** Lines of a letter's first page read for its header: the header sits at the top. */
const LETTER_HEADER_LINES = 60

/** A letter's addressee (the line after `Retouradres …`) and subject (after `Onderwerp`/`Betreft`). */
export function _letterHeader(source: string): { to: string | null; subject: string | null } {
  const lines = source.split('\n', LETTER_HEADER_LINES).map((l) => l.trim())
  let to: string | null = null
  let subject: string | null = null
  const next = (i: number): string | null => {
    for (let k = i + 1; k < lines.length && k <= i + 3; k++) if (lines[k] !== '') return lines[k]!
    return null
  }
  lines.forEach((line, i) => {
    if (to === null && /^(?:[>»›]+\s*)?retouradres\b/i.test(line)) {
      const n = next(i)
      // The addressee is a name, not a postcode or a label.
      if (n !== null && /^\p{L}/u.test(n) && !/^(?:datum|onderwerp|betreft|ons kenmerk|uw kenmerk)\b/i.test(n)) to = n
    }
    const m = SUBJECT_LABEL.exec(line)
    if (subject === null && m !== null) subject = m[1]!.trim() !== '' ? m[1]!.trim() : next(i)
  })
  return { to, subject }
}

function _stripReply(subject: string): string {
  const s = withoutReplyPrefixes(subject)
  return s === '' ? subject.trim() : s
}

function _redactions(page: Page, layout: PageLayout): Redaction[] {
  const out: Redaction[] = []
  for (const s of layout.spans ?? []) {
    if (s.role === 'redaction') out.push({ page: page.index, start: s.start, end: s.end, ground: s.ground ?? null })
  }
  // Grounds printed where the layout did not mark a redaction span.
  for (const r of findRedactions(page.source)) {
    if (out.some((o) => o.start < r.end && r.start < o.end)) continue
    out.push({ page: page.index, start: r.start, end: r.end, ground: r.ground })
  }
  return out.sort((a, b) => a.start - b.start)
}

/** 53-bit string hash (cyrb53), as 14 hex digits: stable across runs and platforms. */
export function _hash(text: string): string {
  return _hashJoined([text])
}

/** `_hash(parts.join('\f'))`, without building the joined text (a document's pages). */
function _hashJoined(parts: readonly string[]): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) {
      h1 = Math.imul(h1 ^ 12, 2654435761)
      h2 = Math.imul(h2 ^ 12, 1597334677)
    }
    const text = parts[p]!
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i)
      h1 = Math.imul(h1 ^ ch, 2654435761)
      h2 = Math.imul(h2 ^ ch, 1597334677)
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0')
}

/** First word of a title, lower case, ASCII only; `untitled` when there is none. */
export function _slug(title: string | null): string {
  if (title === null) return 'untitled'
  for (const word of title.split(/\s+/)) {
    const w = _fold(word).replace(/[^a-z0-9]/g, '')
    if (w !== '') return w
  }
  return 'untitled'
}

/**
 * Ids for documents: `${kind}-${date ?? 'undated'}-${slug}`, and `~2`, `~3` for further
 * documents with the same id, ordered by content (`hash`, else a hash of `text`), never
 * by input order. Returns the ids in the order of `docs`.
 */
export function assignIds(docs: ReadonlyArray<{ metadata: Metadata; hash?: string; text?: string }>): string[] {
  if (!Array.isArray(docs)) throw new TypeError(`Expected \`docs\` to be an array, got \`${String(docs)}\``)
  const base = docs.map((d) => `${d.metadata.kind}-${d.metadata.date ?? 'undated'}-${_slug(d.metadata.title)}`)
  const keys = docs.map((d) => d.hash ?? _hash(d.text ?? ''))
  const ids = new Array<string>(docs.length)
  const groups = new Map<string, number[]>()
  base.forEach((b, i) => groups.set(b, [...(groups.get(b) ?? []), i]))
  for (const [b, members] of groups) {
    members.sort((x, y) => (keys[x]! < keys[y]! ? -1 : keys[x]! > keys[y]! ? 1 : 0))
    members.forEach((m, k) => (ids[m] = k === 0 ? b : `${b}~${k + 1}`))
  }
  return ids
}

/** How many redactions a document has per ground (`none` for a blank without a printed ground). */
export function redactionCounts(doc: { redactions: Redaction[] }): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const r of doc.redactions) {
    const key = r.ground ?? 'none'
    counts[key] = (counts[key] ?? 0) + 1
  }
  return counts
}

/**
 * Split a release into documents. `layouts` holds one PageLayout per page (matched
 * on `layout.page`, else by position). A page of pure noise joins no document and
 * is listed in `noisePages`; documents are otherwise contiguous runs of pages.
 */
export function segmentRelease(pages: Page[], layouts: PageLayout[], options: SegmentOptions = {}): Segmentation {
  if (!Array.isArray(pages)) throw new TypeError(`Expected \`pages\` to be an array, got \`${String(pages)}\``)
  _expectKnownOptions(options, ['lexicon'], 'segmentRelease')
  if (options.lexicon !== undefined && typeof options.lexicon?.has !== 'function') throw new TypeError('Expected `lexicon` to have a `has(word)` method')
  if (!Array.isArray(layouts)) throw new TypeError(`Expected \`layouts\` to be an array, got \`${String(layouts)}\``)
  const issues: Issue[] = []
  const byPage = new Map<number, PageLayout>()
  for (const l of layouts) if (l && typeof l.page === 'number') byPage.set(l.page, l)

  const runs: _Current[] = []
  const noisePages: number[] = []
  let current: _Current | null = null
  pages.forEach((page, k) => {
    let layout = byPage.get(page.index) ?? layouts[k]
    if (layout === undefined || layout === null) {
      issues.push({ severity: 'warning', source: 'segment', ruleId: 'missing-layout', page: page.index, message: 'No layout for this page; split on its raw text', ...(page.file ? { file: page.file } : {}) })
      layout = _emptyLayout(page)
    }
    const signals = _signals(page, layout)
    if (signals.noise) {
      noisePages.push(page.index)
      issues.push({
        severity: 'info', source: 'segment', ruleId: 'noise-page', page: page.index,
        message: page.source.trim() === '' ? 'Blank page: belongs to no document' : `Page holds only noise (\`${page.source.trim().slice(0, 20)}\`): belongs to no document`,
        ...(page.file ? { file: page.file } : {}),
      })
      return
    }
    const reason = current === null ? 'first page' : _startReason(current, signals)
    if (current === null || reason !== null) {
      current = _newCurrent(signals)
      runs.push(current)
    } else {
      _add(current, signals)
    }
  })

  const pageByIndex = new Map(pages.map((p) => [p.index, p]))
  const sourceByIndex = new Map(pages.map((p) => [p.index, p.source]))
  const documents: SegmentedDocument[] = runs.map((run) => {
    const file = pageByIndex.get(run.pages[0]!.index)?.file
    const { metadata, uncertain, copy } = _readMetadata(run, issues, file, options, sourceByIndex)
    const docPages = run.pages.map((s) => s.index)
    const sources = run.pages.map((s) => pageByIndex.get(s.index)!)
    if (metadata.kind === 'nota' && !run.pages[0]!.titleBlock) {
      issues.push({
        severity: 'info', source: 'segment', ruleId: 'no-title-block', page: docPages[0]!,
        message: 'Document starts without a title block: its first page may be missing', ...(file ? { file } : {}),
      })
    }
    return {
      id: '',
      pages: docPages,
      metadata,
      uncertain,
      copy,
      redactions: sources.flatMap((p, k) => _redactions(p, run.pages[k]!.layout)),
      hash: _hashJoined(sources.map((p) => p.source)),
    }
  })
  const ids = assignIds(documents)
  documents.forEach((d, i) => (d.id = ids[i]!))
  return { documents, noisePages, issues }
}

/**
 * The pages with `document` and `pageOfDocument` filled from a segmentation
 * (new objects; the input is not changed). A noise page gets null for both.
 */
export function assignPages(pages: Page[], documents: ReadonlyArray<{ id: string; pages: number[] }>): Page[] {
  if (!Array.isArray(pages)) throw new TypeError(`Expected \`pages\` to be an array, got \`${String(pages)}\``)
  const where = new Map<number, { id: string; n: number }>()
  for (const d of documents) d.pages.forEach((p, k) => where.set(p, { id: d.id, n: k + 1 }))
  return pages.map((p) => {
    const w = where.get(p.index)
    return { ...p, document: w?.id ?? null, pageOfDocument: w?.n ?? null }
  })
}
