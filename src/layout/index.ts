// Layout: decide for every span of a page whether it is body text, page furniture
// (letterhead, sidebar, stamps, title block, mail headers, page numbers), handwriting
// residue (annotation) or a redaction. Uses what the page itself shows (its own
// labels and their values) rather than lists of known strings.
import type { FurnitureKind, LayoutSpan, Page, PageLayout } from '../types.js'
import { findRedactions } from '../segment/redaction.js'
import { parseDutchDate } from '../segment/date.js'
import {
  ADDRESSEE, ATTACHMENTS_VALUE, DATE_ONLY, DATE_TAIL, LETTERHEAD, NOTA_TITLE, PAGE_COUNTER, REFERENCE_VALUE, ROUTING, STATUS,
  atMostWords, isCopyStamp, isSpaceCode, statusValue, isGarbageLine, isGarbageToken, isSectionHeading, isWordlike, matchLabel, splitLines,
  type Line,
} from './lines.js'
import { bulletGlyph } from '../normalize/glyphs.js'
import { _memo } from '../memo.js'

export { splitLines, isSectionHeading, isGarbageToken, isWordlike, matchLabel } from './lines.js'

/** Hints from word geometry (OCR boxes): ranges known to be sidebar, letterhead or page number. */
export type GeometryHint = { start: number; end: number; kind: 'sidebar' | 'letterhead' | 'page-number' }

/** Lines further than this from a label are not its value. */
const VALUE_REACH = 3
/** Work per page is bounded: a longer line is body text or garbage, never inspected word by word beyond this. */
const MAX_LINE_SCAN = 4000

const MAIL_HEADER = /^\s*(Van|From|Verzonden|Sent|Aan|To|CC|Cc|Bcc|Onderwerp|Subject|Datum|Date|Betreft|Bijlagen|Attachments|Prioriteit|Urgentie|Belang|Importance)\s*:\s*(.{0,300})$/
/** The line a mail program prints above a quoted message. */
const QUOTE_SEPARATOR = /^\s*-{2,}\s*(?:Oorspronkelijk bericht|Original Message|Doorgestuurd bericht|Forwarded message)\s*-{2,}\s*$/i
const MAIL_FIELD: Record<string, string> = {
  van: 'from', from: 'from', verzonden: 'sent', sent: 'sent', aan: 'to', to: 'to', cc: 'cc', bcc: 'cc',
  onderwerp: 'subject', subject: 'subject', betreft: 'subject', datum: 'sent', date: 'sent', bijlagen: 'attachments',
  attachments: 'attachments', prioriteit: 'priority', urgentie: 'priority', belang: 'priority', importance: 'priority',
}
/** A letter's return address line, also behind the arrow printed before it (`> Retouradres`, `» Retouradres`). */
const RETURN_ADDRESS = /^[\s>»›]*Retouradres\b:?/i
/** The salutation that opens a letter's text. */
const SALUTATION = /^\s*(?:(?:Zeer |Hoog)?[Gg]eachte|Beste|L\.\s?S\.|Dear)\b/
/** A letter's subject label: `Betreft …`, `Onderwerp: …`, or the label alone with the value below. */
const SUBJECT_LABEL = /^\s*(?:Betreft|Onderwerp)\b:?/

/** The subject a line gives (`''` for the label alone), or null. */
function _subjectLine(text: string): string | null {
  const label = SUBJECT_LABEL.exec(text)
  return label ? text.slice(label[0].length).trim() : null
}

/** An address line: a PO box, a Dutch postcode, a street and number, a telephone number, a web or mail address. */
function _addressLine(text: string): boolean {
  const line = text.trim().replace(/\s+/g, ' ')
  return /^Postbus \d+$/i.test(line) || /^\d{4} ?[A-Z]{2}\b/.test(line) ||
    (/^\p{L}/u.test(line) && /\s\d{1,5}[a-zA-Z]?(?:-\d{1,5})?$/.test(line)) ||
    /^[TFM][:.]? ?\+?[\d ()-]{9,}$/.test(line) || /^(?:www\.|https?:\/\/)\S+$/.test(line) || /^[^\s@]+@[^\s@]+\.[a-z]+$/i.test(line)
}

/** A letter's head is this many lines at most: past it, a missing salutation is no head. */
const LETTER_HEAD_LINES = 40

/**
 * Mark a letter's head as furniture: the addressee block right under the return address
 * (its name lines are the `to` field), and every other line down to the salutation (the
 * sender's column: address, telephone, web site, references, date, subject). Without a
 * salutation in reach only the addressee block is marked.
 */
function _letterHead(
  lines: Line[], returnAddress: number, done: boolean[], blank: (i: number) => boolean,
  furniture: (i: number, kind: FurnitureKind, field?: string, value?: boolean) => void,
  setField: (field: string, value: string) => void,
): void {
  const limit = Math.min(lines.length, returnAddress + LETTER_HEAD_LINES)
  let salutation = -1
  for (let i = returnAddress + 1; i < limit; i++) {
    if (!done[i] && SALUTATION.test(lines[i]!.text)) {
      salutation = i
      break
    }
  }
  // The addressee: the first run of lines under the return address, name lines before address lines.
  let i = returnAddress + 1
  // (Past the letterhead, where the scan read it after the return address.)
  while (i < limit && (blank(i) || done[i])) i++
  const names: string[] = []
  let address = false
  for (let k = 0; i < limit && k < 6 && !blank(i) && !done[i] && i !== salutation; i++, k++) {
    const text = lines[i]!.text
    if (matchLabel(text.trim()) !== null || _subjectLine(text) !== null) break
    address ||= _addressLine(text)
    if (!address) names.push(text.trim())
    furniture(i, 'title-block', 'to', !address)
  }
  if (names.length > 0) setField('to', names.join(' '))
  if (salutation < 0) return
  for (let k = i; k < salutation; k++) {
    if (done[k] || blank(k)) continue
    const subject = _subjectLine(lines[k]!.text)
    if (subject !== null) {
      furniture(k, 'header', 'subject', subject !== '')
      if (subject !== '') {
        setField('subject', subject)
        continue
      }
      // The label alone: its value is the next line.
      let v = k + 1
      while (v < salutation && blank(v)) v++
      if (v < salutation && !done[v]) {
        furniture(v, 'header', 'subject', true)
        setField('subject', lines[v]!.text)
        k = v
      }
      continue
    }
    furniture(k, 'sidebar', _addressLine(lines[k]!.text) ? 'address' : undefined)
  }
}

/** Memo headers print the label, then a tab or spaces, then the value. */
const MEMO_HEADER = /^\s*(Aan|Van|Datum|Betreft|Onderwerp|Kopie|Cc)(?:\s*:|\t|\s{2})\s*(\S.{0,300})$/

interface Pending {
  field: string
  /** Index of the line holding the label. */
  line: number
  /** End offset of the label, where an empty field's redaction sits. */
  at: number
}

/** Classify every span of a page. */
export function analyzeLayout(page: Page, hints: GeometryHint[] = []): PageLayout {
  return hints.length > 0 ? _withGeometry(page, hints) : _analyzeText(page)
}

/**
 * With word boxes, positions decide first: what lies in the sidebar column, the letterhead or
 * the page number is furniture even where OCR ran it into a body line. The text cues then read
 * the body with those ranges blanked out, and the sidebar on its own for its fields' values.
 */
function _withGeometry(page: Page, hints: GeometryHint[]): PageLayout {
  const ordered = [...hints].sort((a, b) => a.start - b.start)
  const blank = (keep: (at: number) => boolean): string => page.source.replace(/[^\n]/g, (ch, at: number) => (keep(at) ? ch : ' '))
  const inHint = (at: number): boolean => ordered.some((hint) => hint.start <= at && at < hint.end)
  const inSidebar = (at: number): boolean => ordered.some((hint) => hint.kind === 'sidebar' && hint.start <= at && at < hint.end)
  const counted = ordered.map((hint) => (hint.kind === 'page-number' ? PAGE_COUNTER.exec(page.source.slice(hint.start, hint.end)) : null)).find(Boolean)
  const body = _analyzeText({ ...page, source: blank((at) => !inHint(at)) }, {
    letterhead: ordered.some((hint) => hint.kind === 'letterhead'), laterPage: counted ? Number(counted[1]) > 1 : false,
  })
  const side = _analyzeText({ ...page, source: blank(inSidebar) })
  const spans: LayoutSpan[] = []
  // The body's spans never cover a hinted character: they were blanks when it was read.
  for (const span of body.spans) spans.push(span)
  for (const span of side.spans) {
    if (span.role === 'redaction') spans.push(span)
    else spans.push({ start: span.start, end: span.end, role: 'furniture', kind: 'sidebar', ...(span.field ? { field: span.field } : {}), ...(span.value ? { value: true } : {}) })
  }
  for (const hint of ordered) {
    if (hint.kind === 'sidebar') continue
    let { start, end } = hint
    while (start < end && /\s/.test(page.source[start]!)) start++
    while (end > start && /\s/.test(page.source[end - 1]!)) end--
    if (end > start) spans.push({ start, end, role: 'furniture', kind: hint.kind })
  }
  // Sidebar text the field reader did not claim is still sidebar.
  const claimed = (at: number): boolean => spans.some((span) => span.start <= at && at < span.end)
  for (const hint of ordered) {
    if (hint.kind !== 'sidebar') continue
    let at = hint.start
    while (at < hint.end) {
      if (/\s/.test(page.source[at]!) || claimed(at)) {
        at++
        continue
      }
      let end = at
      while (end < hint.end && !/\s/.test(page.source[end]!) && !claimed(end)) end++
      spans.push({ start: at, end, role: 'furniture', kind: 'sidebar' })
      at = end
    }
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end)
  const fields = { ...body.fields, ...side.fields }
  // The page counter and the letterhead the boxes found: the page's number, the organisation.
  let pageNumber = body.pageNumber ?? side.pageNumber
  for (const hint of ordered) {
    const counter = hint.kind === 'page-number' ? PAGE_COUNTER.exec(page.source.slice(hint.start, hint.end)) : null
    if (counter && !pageNumber) pageNumber = { n: Number(counter[1]), of: Number(counter[2]) }
  }
  for (const hint of ordered) {
    const match = hint.kind === 'letterhead' ? LETTERHEAD.exec(page.source.slice(hint.start, hint.end).replace(/\s+/g, ' ')) : null
    if (match && fields.organisation === undefined) fields.organisation = match[1]!.trim()
  }
  return {
    page: page.index, spans: _resolveOverlaps(spans), fields, stamps: [...body.stamps, ...side.stamps],
    ...(pageNumber ? { pageNumber } : {}),
    empty: !spans.some((span) => span.role === 'body'),
  }
}

/**
 * Read a page by its text. `letterhead`: the page has a letterhead that is not in the text read;
 * `laterPage`: its page counter says it is not a first page.
 */
function _analyzeText(page: Page, context: { letterhead?: boolean; laterPage?: boolean } = {}): PageLayout {
  const source = page.source
  const lines = splitLines(source)
  const spans: LayoutSpan[] = []
  const fields: Record<string, string> = {}
  const stamps: string[] = []
  const done = new Array<boolean>(lines.length).fill(false)
  let pageNumber: PageLayout['pageNumber']

  const add = (start: number, end: number, span: Omit<LayoutSpan, 'start' | 'end'>): void => {
    // Trim whitespace so spans hold characters, not the gaps between them.
    while (start < end && isSpaceCode(source.charCodeAt(start))) start++
    while (end > start && isSpaceCode(source.charCodeAt(end - 1))) end--
    if (end > start || span.role === 'redaction') spans.push({ start, end, ...span })
  }
  const setField = (field: string, value: string): void => {
    // The first value stands: a later one is not even cleaned.
    if (fields[field] !== undefined) return
    const clean = value.replace(/\s+/g, ' ').trim()
    if (clean) fields[field] = clean
  }
  const furniture = (i: number, kind: FurnitureKind, field?: string, value?: boolean): void => {
    const line = lines[i]!
    add(line.start, line.end, { role: 'furniture', kind, ...(field ? { field } : {}), ...(value ? { value } : {}) })
    done[i] = true
  }
  // Where each line's text starts (-1: none), read once: blank lines are asked about again and
  // again, and most cues need the first character only.
  const firsts = lines.map((line) => _firstNonSpace(line.text))
  const blank = (i: number): boolean => i < 0 || i >= lines.length || firsts[i]! < 0
  const nextContent = (i: number): number => _nextWithText(lines, i)
  const prevContent = (i: number): number => {
    let k = i - 1
    while (k >= 0 && blank(k)) k--
    return k
  }
  const firstLine = nextContent(-1)
  const lastLine = prevContent(lines.length)

  // Redactions: Woo grounds printed on blacked-out areas. Every ground holds a digit: the page is
  // searched for digits once, and a line without one is not read.
  const digits = /\d/g
  let digit = -1
  for (const line of lines) {
    if (digit < line.start) {
      digits.lastIndex = line.start
      digit = digits.exec(source)?.index ?? source.length
    }
    if (digit >= line.end || line.text.length > MAX_LINE_SCAN) continue
    for (const found of findRedactions(line.text)) {
      add(line.start + found.start, line.start + found.end, { role: 'redaction', ground: found.ground })
    }
  }
  // Redactions found so far, kept apart so that body lines do not scan every span.
  const redactions = spans.filter((span) => span.role === 'redaction')
  const redacted = (from: number, to: number): boolean =>
    redactions.some((span) => span.start < to && span.end > from)

  // Pass 1: whole lines that are furniture wherever they stand.
  let returnAddress: number | undefined
  let pending: Pending | null = null
  const pendings: Pending[] = []
  let mailLines = 0
  const trailingLabels = new Map<number, { start: number; field: string }>()
  for (let i = 0; i < lines.length; i++) {
    if (done[i] || blank(i)) continue
    const line = lines[i]!
    const text = line.text
    if (text.length > MAX_LINE_SCAN) continue
    let match: RegExpExecArray | null
    // The line's first character rules out most cues before their patterns run.
    const lead = text[firsts[i]!]!
    if ('TSDVC'.includes(lead) && STATUS.test(text)) {
      furniture(i, 'stamp', 'status', true)
      setField('status', statusValue(text))
      continue
    }
    if (_mayOpenLetterhead(text, firsts[i]!) && (match = LETTERHEAD.exec(text)) && _letterheadLine(text)) {
      furniture(i, 'letterhead', 'organisation', true)
      let organisation = match[1]!.trim()
      // `Ministerie van Sociale Zaken en` / `Werkgelegenheid`, `Ministerie van Landbouw,` / `Natuur en
      // Voedselkwaliteit`, `Ministerie van Binnenlandse` / `Zaken en Koninkrijksrelaties`: the name goes on
      // over a line break (after an adjective, only as `X en Y`).
      const cut = /(?:\b(?:en|van|voor|der|de)|,)$/.test(organisation)
      const adjective = /\b\p{L}+(?:sche|ische|ale|ele|se)$/u.test(organisation)
      // `Ministerie van Sociale Zaken` / `en Werkgelegenheid`: the next line says itself that it goes on.
      const below = nextContent(i)
      const joins = below <= i + 4 && below < lines.length && /^\s*en\s+\p{Lu}/u.test(lines[below]!.text)
      if (cut || adjective || joins) {
        const k = _continuation(lines, done, i, adjective && !cut)
        if (k >= 0) {
          furniture(k, 'letterhead', 'organisation', true)
          organisation += ' ' + lines[k]!.text.trim()
        }
      }
      setField('organisation', organisation)
      continue
    }
    if ('>»›Rr'.includes(lead) && RETURN_ADDRESS.test(text)) {
      furniture(i, 'letterhead', 'letter', true)
      setField('letter', text.replace(RETURN_ADDRESS, '').trim() || 'yes')
      returnAddress ??= i
      continue
    }
    if ((lead === 'P' || lead === 'p') && (match = PAGE_COUNTER.exec(text))) {
      furniture(i, 'page-number', 'page')
      pageNumber = { n: Number(match[1]), of: Number(match[2]) }
      continue
    }
    if (lead === '-' && QUOTE_SEPARATOR.test(text)) {
      furniture(i, 'header', 'quote')
      continue
    }
    if ('VFSATCBODPUI'.includes(lead) && (match = MAIL_HEADER.exec(text)) && _isMailBlock(lines, i)) {
      const field = MAIL_FIELD[match[1]!.toLowerCase()]!
      furniture(i, 'header', field, true)
      if (++mailLines === 1 || fields[field] === undefined) setField(field, match[2]!)
      continue
    }
    // `nota` or `Aan` alone on its line: the house style's document label and the addressee's
    // label, wherever OCR put them.
    if (_endsInTa(text) && /^(?:\S )?[nN] ?[oO0]ta$/.test(text.trim().replace(/\s+/g, ' '))) {
      furniture(i, 'title-block', 'nota')
      continue
    }
    if (lead === 'A' && /^Aan ?:?$/.test(text.trim())) {
      furniture(i, 'title-block', 'to')
      continue
    }
    // The label with handwriting after it (`Aan €.`): read again without the handwriting, it would stand alone.
    const label = lead === 'A' ? /^\s*Aan ?:?(?=\s)/.exec(text) : null
    if (label) {
      const rest = text.slice(label[0].length).trim().split(/\s+/)
      if (rest.every((token) => isGarbageToken(token))) {
        add(line.start, line.start + label[0].length, { role: 'furniture', kind: 'title-block', field: 'to' })
        add(line.start + label[0].length, line.end, { role: 'annotation' })
        done[i] = true
        continue
      }
    }
    // `Beslisnota bij …`, `Informatienota over …`: the document names itself a nota, whatever headers follow.
    if (i === firstLine && /^\s*\p{Lu}\p{Ll}{2,}nota\b/u.test(text)) fields.nota = ''
    if (i === firstLine && /^\s*Memo\s*$/i.test(text)) {
      furniture(i, 'title-block', 'memo')
      fields.memo = ''
      continue
    }
    if (fields.memo !== undefined && (match = MEMO_HEADER.exec(text))) {
      const field = MAIL_FIELD[match[1]!.toLowerCase()] ?? 'other'
      furniture(i, 'header', field, true)
      setField(field === 'sent' ? 'date' : field, match[2]!)
      continue
    }
    // A label alone on its line, maybe after some specks (`. . . . Onze referentie`, `) Onze referentie`).
    // (A label is short: `matchLabel` turns down anything longer than 40 characters; a long line is not cut.)
    const specks = _specks(text)
    const labelText = text.length - specks <= 40 ? text.slice(specks) : null
    const labelField = labelText !== null && atMostWords(labelText, 3) && !isSectionHeading(labelText) ? matchLabel(labelText) : null
    if (labelField) {
      furniture(i, 'sidebar', labelField)
      pending = { field: labelField, line: i, at: line.end }
      pendings.push(pending)
      continue
    }
    // `Datum 19 januari 2024`, `Ons kenmerk 2024-0001`: label and value on one line.
    const inline = 'OUDBK'.includes(lead) ? _inlineLabel(text) : null
    if (inline && _valueFits(inline.field, inline.value)) {
      furniture(i, 'sidebar', inline.field, true)
      setField(inline.field, inline.value)
      continue
    }
    // A directorate right under its label, with more sidebar under it, is the value even where it is also a
    // section's name (`Directie` / `Communicatie` / `Datum`); a heading has its text under it.
    const after = pending !== null && pending.field === 'directorate' && i === pending.line + 1 && isSectionHeading(text.trim()) ? nextContent(i) : -1
    const named = after >= 0 && (after >= lines.length || matchLabel(lines[after]!.text.trim()) !== null || isCopyStamp(lines[after]!.text) || STATUS.test(lines[after]!.text)) &&
      _valueFits('directorate', text.trim(), true)
    if (pending && i - pending.line <= VALUE_REACH && (named || _valueFits(pending.field, text.trim()))) {
      furniture(i, 'sidebar', pending.field, true)
      setField(pending.field, text)
      pendings.splice(pendings.indexOf(pending), 1)
      pending = null
      continue
    }
    // A body line that ends in a sidebar label: its value may follow on the next lines.
    const trailing = _trailingLabel(text, lines, i)
    if (trailing) {
      const entry = { field: trailing.field, line: i, at: line.start + text.length }
      trailingLabels.set(i, trailing)
      pendings.push(entry)
      pending = entry
    }
    if (lead >= '0' && lead <= '9' && /^\s*\d{1,3}\s*$/.test(text)) {
      // A lone number: the page number at the top or foot of a page, handwriting elsewhere.
      if (i === firstLine || i === lastLine) {
        furniture(i, 'page-number', 'page')
        continue
      }
      add(line.start, line.end, { role: 'annotation' })
      done[i] = true
      continue
    }
    if (isGarbageLine(text) && !/^\s*\d+[a-z]?\.\s*$/.test(text) && !_wordsAroundRedaction(line, redactions)) {
      add(line.start, line.end, { role: 'annotation' })
      done[i] = true
      continue
    }
  }

  // A heading number alone (`1.`) waits for its heading on the next line; with no text below it, it is a speck.
  for (let i = 0; i < lines.length; i++) {
    if (done[i] || !_digitFirst(lines[i]!.text, firsts[i]!) || !/^\s*\d{1,2}[a-z]?\.\s*$/.test(lines[i]!.text)) continue
    let j = i + 1
    while (j < lines.length && (blank(j) || done[j])) j++
    if (j === lines.length) {
      add(lines[i]!.start, lines[i]!.end, { role: 'annotation' })
      done[i] = true
    }
  }

  // Copy stamps: a minister's abbreviation on a line of its own, once its neighbours are known
  // to be blank or furniture (so that the clean text, read again, finds the same stamps).
  const quiet = (k: number): boolean => k < 0 || k >= lines.length || blank(k) || done[k]!
  for (let i = 0; i < lines.length; i++) {
    if (!done[i] && !blank(i) && isCopyStamp(lines[i]!.text) && (quiet(i - 1) || quiet(i + 1) || _headingLike(lines[i - 1]?.text) || _headingLike(lines[i + 1]?.text))) {
      furniture(i, 'stamp', 'copy')
      stamps.push(lines[i]!.text.trim())
    }
  }

  // A letter's head, from the return address down to the salutation: the addressee, the
  // sender's column (address, telephone, references) and the subject. A letter has no title block.
  if (returnAddress !== undefined && !context.laterPage) _letterHead(lines, returnAddress, done, blank, furniture, setField)

  // Pass 2: the title block above the first section heading of a first page.
  // (A blank line is none of these.)
  const heading = lines.findIndex((line, i) => !done[i] && firsts[i]! >= 0 &&
    (isSectionHeading(line.text) || line.text[firsts[i]!] === 'B' && /^\s*Bijlage\s*(?:\d+\s*)?:/.test(line.text)))
  const cues = context.letterhead || lines.some((line, i) => (heading < 0 || i < heading) && firsts[i]! >= 0 &&
    (_mayOpenNota(line.text, firsts[i]!) && NOTA_TITLE.test(line.text) || _addresseeLine(line.text) || _mayOpenLetterhead(line.text, firsts[i]!) && _letterheadLine(line.text)))
  // A title block stands on a first page only.
  const laterPage = context.laterPage || lines.some((line, i) => {
    const counter = firsts[i]! >= 0 && 'Pp'.includes(line.text[firsts[i]!]!) ? PAGE_COUNTER.exec(line.text) : null
    return counter !== null && Number(counter[1]) > 1
  })
  if (cues && heading > 0 && !laterPage && returnAddress === undefined) {
    let titleLines = 0
    let titleEnd = -1
    let notaTitle = false
    let toPending = false
    // A title goes on over the next lines, a blank one between at most, until anything else stands in its way.
    const goesOn = (i: number): boolean => {
      if (i - titleEnd > 2) return false
      for (let k = titleEnd + 1; k < i; k++) if (!blank(k)) return false
      return true
    }
    for (let i = 0; i < heading; i++) {
      if (done[i] || blank(i)) continue
      const text = lines[i]!.text
      let match: RegExpExecArray | null
      if (/^\s*Aan\s*(?::\s*)?$/.test(text)) {
        furniture(i, 'title-block', 'to')
        toPending = true
      } else if ((match = /^\s*(?:A[an](?:ri|[nriu])|Aa)(?:\s*:\s+|\s+|(?=\p{Lu}))(\S.*)$/u.exec(text)) && ADDRESSEE.test(match[1]!) && !_sentence(text)) {
        // `Aan Minister …`, also when OCR damaged the label (`Aari Minister …`, `AanMinister …`); a sentence (`Aan DG is gevraagd …`) is text.
        furniture(i, 'title-block', 'to', true)
        setField('to', match[1]!)
      } else if (ADDRESSEE.test(text.trim()) && (toPending || fields.to === undefined) && titleLines > 0 || toPending && ADDRESSEE.test(text.trim())) {
        furniture(i, 'title-block', 'to', true)
        setField('to', text)
        toPending = false
      } else if ((match = NOTA_TITLE.exec(text)) && !notaTitle) {
        // `nota …` names the title, whatever a plain line above was taken for (a letterhead's second line).
        notaTitle = true
        const cut = _tailValue(lines, i, pendings, spans, add, setField, done, source)
        const line = lines[i]!
        add(line.start, cut === null ? line.end : line.start + cut, { role: 'furniture', kind: 'title-block', field: 'title', value: true })
        done[i] = true
        const offset = text.length - (match[1] ?? '').length
        fields.title = (match[1] ?? '').slice(0, cut === null ? undefined : Math.max(0, cut - offset)).trim()
        titleLines = 1
        titleEnd = i
      } else if ((titleLines === 0 && /^\s*[\p{Lu}\d‘'"]/u.test(text) || titleLines > 0 && titleLines < 3 && goesOn(i)) && _titleLike(text)) {
        const cut = _tailValue(lines, i, pendings, spans, add, setField, done, source)
        const line = lines[i]!
        add(line.start, cut === null ? line.end : line.start + cut, { role: 'furniture', kind: 'title-block', field: 'title', value: true })
        done[i] = true
        const value = (cut === null ? text : text.slice(0, cut)).trim()
        fields.title = fields.title ? `${fields.title} ${value}` : value
        titleLines++
        titleEnd = i
      }
    }
  }

  // Pass 3: body lines; cut sidebar bleed and handwriting off their ends.
  const words = new _LineWords()
  const ownDate = new _OwnDate()
  for (let i = 0; i < lines.length; i++) {
    if (done[i] || blank(i)) continue
    const line = lines[i]!
    if (line.text.length > MAX_LINE_SCAN) {
      add(line.start, line.end, { role: 'body' })
      continue
    }
    let end = line.text.length
    // A value owed to a label on an earlier line, printed at this line's end.
    const owed = _tailValue(lines, i, pendings, spans, add, setField, done, source)
    if (owed !== null) end = owed
    // A label at the line's end: the sidebar runs into the body column.
    const label = trailingLabels.get(i)
    if (label && label.start < end) {
      add(line.start + label.start, line.start + end, { role: 'furniture', kind: 'sidebar', field: label.field })
      end = label.start
    }
    // A routing status at the line's end: printed in capitals in the sidebar, never in running text.
    // (Every status ends in one of these capitals.)
    const status = 'GESF'.includes(_lastChar(line.text, end)) ? STATUS_TAIL.exec(line.text.slice(0, end)) : null
    if (status) {
      const at = status.index + status[0].search(/\S/)
      add(line.start + at, line.start + end, { role: 'furniture', kind: 'stamp', field: 'status', value: true })
      if (fields.status === undefined) setField('status', statusValue(status[1]!))
      end = at
    }
    // A date at the line's end, the same as the page's own `Datum`, after a dash or a wide gap, or printed
    // as the sidebar abbreviates it (`19 dec. 2025`, `17-03-2023`): running text writes the month in full.
    // (Only a page with a date of its own is asked, and a date ends in a digit or in an O read for one.)
    const date = fields.date && '0123456789Oo'.includes(_lastChar(line.text, end)) ? DATE_TAIL.exec(line.text.slice(0, end)) : null
    // (How it is printed is asked first: running text needs no date parsed.)
    if (date && fields.date && (/(?:\s{2,}|[-–]\s)\d/.test(line.text.slice(0, end).slice(date.index)) || /\p{L}\.\s?\d{4}$|^\d{1,2}-\d{1,2}-\d{4}$/u.test(date[1]!)) && ownDate.same(date[1]!, fields.date)) {
      const at = date.index + date[0].search(/\S/)
      add(line.start + at, line.start + end, { role: 'furniture', kind: 'sidebar', field: 'date', value: true })
      end = at
    }
    const base = line.start
    if (_cleanEnds(line.text, end)) {
      // Nothing to cut at either end: the word-by-word reading below would keep the line whole.
      _addBody(add, redactions, base, base + end)
      continue
    }
    // Handwriting residue at the end of the line.
    words.read(line.text, end)
    const count = words.length
    let cut = count
    while (cut > 1 && _trailingGarbage(words, cut - 1, cut < count)) cut--
    // A run of capitals after the end of a sentence (`afgerond. E WM`): initials of handwriting.
    let run = cut
    while (run > 1 && _initials(words, run - 1)) run--
    if (run < cut && run > 0 && /[.!?]$/.test(words.at(run - 1))) cut = run
    if (cut < count) {
      // A word the pen ran into (`dienstverlenerg%m‘//`): its letters are text, the strokes after them are not.
      const cutWord = words.at(cut)
      const kept = cut > 0 ? /^\p{Ll}{5,}(?=[^\p{L}\s])/u.exec(cutWord) : null
      const from = base + words.starts[cut]! + (kept && isWordlike(kept[0]) && !/^\p{L}/u.test(cutWord.slice(kept[0].length)) ? kept[0].length : 0)
      add(from, base + end, { role: 'annotation' })
      end = from - base
    }
    const first = count > 0 ? words.at(0) : ''
    if (cut === 1 && count > 0 && isGarbageToken(first) && !redacted(base + words.starts[0]!, base + words.ends[0]!)) {
      add(base, base + end, { role: 'annotation' })
      continue
    }
    // Handwriting at the start of the line, before a bullet glyph or the text (`~ o Reageren`).
    // Also right after a bullet glyph (`e € de tekst`): the glyph stays, the specks go.
    const glyph = count > 1 && bulletGlyph(first) !== null ? 1 : 0
    let begin = glyph
    while (begin < cut - 1 && isGarbageToken(words.at(begin)) && bulletGlyph(words.at(begin)) === null) begin++
    // What is left once the handwriting is cut is handwriting too (`|iIO i`): the whole line is.
    if (begin > 0 && !glyph && isGarbageLine(words.join(begin, cut)) && !redacted(base + words.starts[begin]!, base + words.ends[cut - 1]!)) {
      add(base, base + end, { role: 'annotation' })
      continue
    }
    // Once glyph, specks and handwriting are gone, only the addressee's label may be left (`e Aan €.`): furniture, as alone.
    if (cut - begin === 1 && /^Aan:?$/.test(words.at(begin))) {
      if (begin > 0) add(base, base + words.starts[begin]!, { role: 'annotation' })
      add(base + words.starts[begin]!, base + words.ends[begin]!, { role: 'furniture', kind: 'title-block', field: 'to' })
      continue
    }
    if (begin > glyph) {
      if (glyph) add(base + words.starts[0]!, base + words.ends[0]!, { role: 'body' })
      add(base + words.starts[glyph]!, base + words.starts[begin]!, { role: 'annotation' })
    }
    _addBody(add, redactions, begin > glyph ? base + words.starts[begin]! : base, base + end)
  }
  // A field whose label stands alone with no value: blacked out, a redaction without a printed ground.
  for (const entry of pendings) {
    if (['author', 'contact', 'directorate', 'reference'].includes(entry.field) && fields[entry.field] === undefined) {
      add(entry.at, entry.at, { role: 'redaction', ground: null, field: entry.field })
    }
  }
  _sortSpans(spans)
  const body = spans.some((span) => span.role === 'body')
  const resolved = _resolveOverlaps(spans)
  // Two literals in the order of the spread they replace: no properties copied one by one, on every page.
  return pageNumber
    ? { page: page.index, spans: resolved, fields, stamps, pageNumber, empty: !body }
    : { page: page.index, spans: resolved, fields, stamps, empty: !body }
}

/** The organisation's name opens the line, maybe after a logo fragment: a cheap test before `LETTERHEAD`. */
function _mayOpenLetterhead(text: string, first: number): boolean {
  const names = 'MRDI'
  if (names.includes(text[first]!)) return true
  // A fragment of one or two characters, then the name.
  let k = first
  while (k < text.length && !isSpaceCode(text.charCodeAt(k))) k++
  if (k - first > 2) return false
  while (k < text.length && isSpaceCode(text.charCodeAt(k))) k++
  return k < text.length && names.includes(text[k]!)
}

/** `nota` opens the line, maybe after one character: a cheap test before `NOTA_TITLE`. */
function _mayOpenNota(text: string, first: number): boolean {
  if (text[first] === 'n' || text[first] === 'N') return true
  let k = first + 1
  if (k >= text.length || !isSpaceCode(text.charCodeAt(k))) return false
  while (k < text.length && isSpaceCode(text.charCodeAt(k))) k++
  return text[k] === 'n' || text[k] === 'N'
}

/** The line's text opens with a digit. */
function _digitFirst(text: string, first: number): boolean {
  const c = text.charCodeAt(first)
  return c >= 48 && c <= 57
}

/** How many specks (`. . . .`, `)`, `|`) and spaces open the line, as a label alone may have them: what `/^[\s.,:;)(|'`-]+/` matches. */
function _specks(text: string): number {
  let k = 0
  while (k < text.length && (isSpaceCode(text.charCodeAt(k)) || ".,:;)(|'`-".includes(text[k]!))) k++
  return k
}

/** The line ends in `ta` (maybe before spaces): a cheap test before the `nota` label's pattern. */
function _endsInTa(text: string): boolean {
  let k = text.length - 1
  while (k >= 0 && isSpaceCode(text.charCodeAt(k))) k--
  return k >= 1 && text[k] === 'a' && text[k - 1] === 't'
}

/** `Aan` alone, or `Aan` with an addressee (`Aan de Minister van …`): the head of a nota. */
function _addresseeLine(text: string): boolean {
  // Both patterns open with `Aan`: most lines need not lose their handwriting first.
  const first = _firstNonSpace(text)
  if (first < 0 || !text.startsWith('Aan', first)) return false
  const line = _withoutTrailingGarbage(text)
  return /^Aan ?:?$/.test(line) || (/^Aan ?:? (?:de )?(?:Minister|Staatssecretaris|Secretaris-generaal|Directeur|DG|SG)\b/.test(line) && !_sentence(line))
}

/** The organisation's name as a letterhead prints it: a few words, no sentence. */
function _letterheadLine(text: string): boolean {
  const match = LETTERHEAD.exec(text)
  // Counted without a logo fragment in front, which OCR may or may not print.
  // A name has no full stop in it or after it (`Ministerie van de DG. 1 januari` is text).
  return match !== null && match[1]!.trim().split(/\s+/).length <= 9 && !/[.!?](?:\s|$)/.test(match[1]!.trim())
}

/** The line without the handwriting at its end (`Aan DG de €.`): what a second reading would see. */
function _withoutTrailingGarbage(text: string): string {
  const tokens = text.trim().split(/\s+/)
  while (tokens.length > 1 && isGarbageToken(tokens[tokens.length - 1]!)) tokens.pop()
  return tokens.join(' ')
}

/** A sentence, once handwriting at its end is set aside: a word ends one in it, or the line ends in a full stop, `?` or `!`. */
function _sentence(text: string): boolean {
  const line = _withoutTrailingGarbage(text)
  return _endsSentence(line) || /[.!?]$/.test(line)
}

/** A word ends a sentence somewhere in the line (`de.`, `gevraagd.`), not an abbreviation (`dhr.`, `drs.`). */
function _endsSentence(text: string): boolean {
  return /(?:^|[^\p{L}.])(?!(?:dhr|mevr|drs|ing|prof|mr|dr|ir|bc|ds|jhr|mw|hr|nr|st|ca|cf|vs|resp|incl|excl|evt|bijv|ivm|mbt|tav|zgn)\.)\p{Ll}{2,}[.!?]["’”)]*(?:\s|$)/u.test(text)
}

/** A title is a phrase: a few words, no sentence that ends. */
function _titleLike(text: string): boolean {
  const trimmed = text.trim()
  return trimmed.split(/\s+/).length <= 14 && !/[.!?,;]$/.test(trimmed)
}

/** Body text on [start, end), minus redactions inside it (they keep their own spans). */
function _addBody(add: (s: number, e: number, span: Omit<LayoutSpan, 'start' | 'end'>) => void, redactions: LayoutSpan[], start: number, end: number): void {
  if (redactions.length === 0) {
    add(start, end, { role: 'body' })
    return
  }
  const inside = redactions.filter((span) => span.start >= start && span.end <= end && span.end > span.start)
  let at = start
  for (const span of inside) {
    add(at, span.start, { role: 'body' })
    at = span.end
  }
  add(at, end, { role: 'body' })
}

/**
 * Spans in order of start, then end, in the order a stable sort leaves them. Each pass adds its spans
 * in line order, so few are out of place: a page's spans are put in place one by one (a long page's are sorted).
 */
function _sortSpans(spans: LayoutSpan[]): void {
  if (spans.length > 64) {
    spans.sort((a, b) => a.start - b.start || a.end - b.end)
    return
  }
  for (let i = 1; i < spans.length; i++) {
    const span = spans[i]!
    let k = i
    for (; k > 0; k--) {
      const before = spans[k - 1]!
      if (before.start < span.start || (before.start === span.start && before.end <= span.end)) break
      spans[k] = before
    }
    spans[k] = span
  }
}

/** Overlaps can only come from geometry hints and redactions; the earlier, more specific span wins. */
function _resolveOverlaps(spans: LayoutSpan[]): LayoutSpan[] {
  const out: LayoutSpan[] = []
  for (const span of spans) {
    const last = out[out.length - 1]
    if (last && span.start < last.end && span.end > span.start) {
      if (span.end <= last.end) {
        // Fully inside: a redaction inside a furniture or annotation span keeps its ground by splitting.
        if (span.role === 'redaction' && last.role !== 'redaction') {
          const tail = { ...last, start: span.end }
          last.end = span.start
          if (last.end <= last.start) out.pop()
          out.push(span)
          if (tail.end > tail.start) out.push(tail)
        }
        continue
      }
      span.start = last.end
    }
    out.push(span)
  }
  return out.filter((span) => span.end > span.start || span.role === 'redaction')
}

/** The line that completes an organisation name broken over two lines (`…Zaken en` / `Werkgelegenheid`). */
function _continuation(lines: Line[], done: boolean[], i: number, pair = false): number {
  // `Werkgelegenheid`, `Zaken en Klimaat`, `Volksgezondheid, Welzijn en Sport`: capitalised words, maybe joined by `en`.
  const single = (k: number): boolean => !done[k] && !STATUS.test(lines[k]!.text) &&
    /^\s*(?:en\s+)?\p{Lu}[\p{L}-]+,?(?:\s+(?:en|van|voor|\p{Lu}[\p{L}-]+,?)){0,3}\s*$/u.test(lines[k]!.text) && !isSectionHeading(lines[k]!.text) &&
    !ADDRESSEE.test(lines[k]!.text.trim()) && !/^\s*(?:Aan|Van)\b/.test(lines[k]!.text) && !LETTERHEAD.test(lines[k]!.text) && matchLabel(lines[k]!.text.trim()) === null &&
    (!pair || /\sen\s/.test(lines[k]!.text))
  for (let k = i + 1; k < Math.min(lines.length, i + 4); k++) {
    if (lines[k]!.text.trim() === '') continue
    if (single(k)) return k
    break
  }
  // OCR read the sidebar after the body: the continuation may open the page.
  for (let k = 0; k < Math.min(lines.length, 3); k++) {
    if (lines[k]!.text.trim() === '') continue
    if (single(k)) return k
    break
  }
  return -1
}

/** A block of mail headers: at least two `Label:` lines close together. */
function _isMailBlock(lines: Line[], i: number): boolean {
  let count = 0
  for (let k = Math.max(0, i - 6); k < Math.min(lines.length, i + 7); k++) {
    if (MAIL_HEADER.test(lines[k]!.text)) count++
  }
  return count >= 2
}

function _inlineLabel(text: string): { field: string; value: string } | null {
  const match = /^\s*((?:Onze|Ons|Uw)\s+\p{L}+|Datum|Bijlage\(n\)|Directie|Kenmerk)(?::\s*|\s+)(\S.{0,80})$/u.exec(text)
  if (!match) return null
  const field = matchLabel(match[1]!)
  return field ? { field, value: match[2]!.trim() } : null
}

/** Does `value` look like what the field holds? */
function _valueFits(field: string, value: string, sectionName = false): boolean {
  switch (field) {
    case 'date':
      return DATE_ONLY.test(value)
    case 'reference':
    case 'their-reference':
      // `DGKE / 23254031`: spaces around a stroke are OCR's.
      return REFERENCE_VALUE.test(value.replace(/ ?\/ ?/g, '/'))
    case 'attachments':
      return ATTACHMENTS_VALUE.test(value)
    case 'author':
    case 'contact':
    case 'directorate':
    case 'cc':
      return !isCopyStamp(value) && value.split(/\s+/).length <= 6 && !/[.?!:;]$/.test(value) && /^[\p{Lu}\d]/u.test(value) &&
        (sectionName || !isSectionHeading(value)) && !_headingFirst(value) && !ADDRESSEE.test(value) && matchLabel(value) === null && !LETTERHEAD.test(value)
    default:
      return false
  }
}

/** A section heading opens the line (`Advies Communicatie`): the name bled onto a heading's line. */
function _headingFirst(value: string): boolean {
  const words = value.split(/\s+/)
  return (words.length > 1 && isSectionHeading(words[0]!)) || (words.length > 2 && isSectionHeading(`${words[0]} ${words[1]}`))
}

/**
 * A value owed to a label on one of the lines above, printed at the end of line `i`
 * (the sidebar ran into the body column): mark it and return where the body ends.
 */
function _tailValue(
  lines: Line[], i: number, pendings: Pending[], spans: LayoutSpan[],
  add: (s: number, e: number, span: Omit<LayoutSpan, 'start' | 'end'>) => void,
  setField: (field: string, value: string) => void, done: boolean[], source: string,
): number | null {
  void spans; void done; void source
  const line = lines[i]!
  for (const entry of pendings) {
    if (i <= entry.line || i - entry.line > VALUE_REACH) continue
    let match: RegExpExecArray | null = null
    if (entry.field === 'date') match = DATE_TAIL.exec(line.text)
    else if (entry.field === 'reference') match = /(?:^|\s)(\d{4}-[\w./-]{0,20}|\d{4}(?=\s*$))\s*$/.exec(line.text)
    else if (entry.field === 'attachments') match = /(?:,|\s{2,}|\s)\s?(\d{1,2})\s*$/.exec(line.text)
    let at: number
    let value: string
    if (match) {
      // A year at the end of a sentence is prose, not a reference: it needs a wide gap before it.
      if (entry.field === 'reference' && !match[1]!.includes('-') && !/\s{2,}\S+\s*$/.test(line.text)) continue
      at = match.index + match[0].indexOf(match[1]!)
      value = match[1]!
    } else {
      const name = NAME_FIELDS.has(entry.field) && _nextWithText(lines, entry.line) === i ? _nameAfterSentence(lines, i, entry.field) : null
      if (!name) continue
      ;({ at, value } = name)
    }
    // Keep what the body owns before the value: a dash or a comma stays with the sidebar only when it introduces it.
    let from = at
    const before = line.text.slice(0, at)
    const dash = /\s[-–]\s$/.exec(before)
    if (dash) from = dash.index + 1
    add(line.start + from, line.end, { role: 'furniture', kind: 'sidebar', field: entry.field, value: true })
    setField(entry.field, value)
    pendings.splice(pendings.indexOf(entry), 1)
    return from
  }
  return null
}

/** The first line after `i` that holds text. */
function _nextWithText(lines: Line[], i: number): number {
  let k = i + 1
  while (k < lines.length && lines[k]!.text.trim() === '') k++
  return k
}

/** A routing status that ended up at the end of a body line (`… De Kamer  TER BESLISSING`). */
const STATUS_TAIL = new RegExp(`\\s(TER\\s?(?:${ROUTING}))\\s*$`)

/** Fields whose value is a name (a directorate, a person): free text, no pattern of its own. */
const NAME_FIELDS = new Set(['directorate', 'author', 'contact'])

/**
 * A name owed to a label at the end of the line above (a blank line may stand between),
 * printed after the last sentence of this line (`… hoger dan verwacht. Samenleving en
 * Integratie`): only where the next line starts afresh (a bullet, a capital, a blank), so a
 * sentence running on is not taken. Or printed after a section heading (`Advies
 * Communicatie`), after the wide gap of the sidebar column, or in the middle of a sentence that
 * the next line goes on with (`binnen de huidige Bestuursondersteuning` / `kaders.`):
 * capitalised words where lower case belongs.
 */
function _nameAfterSentence(lines: Line[], i: number, field: string): { at: number; value: string } | null {
  const text = lines[i]!.text.trimEnd()
  const k = _nextWithText(lines, i)
  const next = k < lines.length ? lines[k]!.text.trim() : ''
  let cut = -1
  for (const m of text.matchAll(/[.!?;] +(?=\p{Lu})/gu)) cut = m.index + m[0].length
  if (cut >= 0) {
    const value = text.slice(cut)
    // One word after a sentence may start the next one, unless the column gap stands before it.
    if (!_valueFits(field, value) || (value.split(' ').length < 2 && !/\s{2}$/.test(text.slice(0, cut)))) return null
    const first = next.split(/\s+/)[0] ?? ''
    if (next !== '' && k === i + 1 && bulletGlyph(first) === null && !/^\p{Lu}/u.test(next)) return null
    return { at: cut, value }
  }
  const tail = /(?:^|\s)(\p{Lu}[\p{L}-]*(?:\s+(?:(?:en|van|voor|der|de)\s+)?\p{Lu}[\p{L}-]*){0,5})$/u.exec(text)
  if (!tail) return null
  // The run of capitalised words may hold the end of the body (`Advies`): the name starts at one of its words.
  const run = tail.index + tail[0].length - tail[1]!.length
  for (const word of text.slice(run).matchAll(/(?<=^|\s)\p{Lu}/gu)) {
    const at = run + word.index
    const before = text.slice(0, at).trim()
    const value = text.slice(at)
    const runsOn = k === i + 1 && /^\p{Ll}/u.test(next) && /\p{Ll}$/u.test(before)
    const gap = /\S\s{2,}$/.test(text.slice(0, at))
    if (before !== '' && (runsOn || gap || isSectionHeading(before)) && _valueFits(field, value)) return { at, value }
  }
  return null
}

/** A sidebar label at the end of a body line: `… is Datum`, `… worden  patum`, `(PMM) Onze referentie`. */
function _trailingLabel(text: string, lines: Line[], i: number): { start: number; field: string } | null {
  // Only the last words are read (and whether there are more than two): a body line may be long.
  // Where they end and start, without making them strings: most lines end in no label.
  const end = _wordEnd(text, text.length)
  const last = _wordStart(text, end)
  const secondEnd = _wordEnd(text, last)
  if (end === 0 || secondEnd === 0) return null
  const second = _wordStart(text, secondEnd)
  const thirdEnd = _wordEnd(text, second)
  for (let count = 2; count >= 1; count--) {
    // (Two words are a label only with a third before them.)
    if (count === 2 && thirdEnd === 0) continue
    const start = count === 2 ? second : last
    const candidate = text.slice(start, end)
    const field = matchLabel(candidate)
    if (!field) continue
    // The word before the candidate, and the one before the last.
    const previous = count === 2 ? text.slice(_wordStart(text, thirdEnd), thirdEnd) : text.slice(second, secondEnd)
    const secondWord = text.slice(second, secondEnd)
    const gap = /\s{2,}$/.test(text.slice(0, start))
    const capital = /^\p{Lu}/u.test(candidate)
    // The value below confirms a damaged or lowercase label.
    const k = _nextWithText(lines, i)
    const below = k < lines.length ? lines[k]!.text : ''
    const confirmed = field === 'date' ? DATE_TAIL.test(below) : field === 'reference' ? /\d{4}/.test(below) : field === 'attachments' ? /\d\s*$/.test(below) : false
    // After a full stop, with the next line going on in lower case (`… 1 maart. Contactpersoon` / `bij SVB is …`),
    // the word opens the next sentence: prose does not go on in lower case after a sentence ended.
    const opensSentence = !gap && !confirmed && k === i + 1 && /^\p{Ll}/u.test(below.trim()) && /[.!?]$/.test(previous)
    if (opensSentence) continue
    if (count === 2 || gap || confirmed || capital && field !== 'date') return { start, field }
    if (capital && field === 'date' && (confirmed || /[;,]$/.test(secondWord) || /^\p{Ll}/u.test(secondWord))) {
      return { start, field }
    }
  }
  return null
}

/** Where the last word before `at` ends (whitespace skipped back); 0 when no word stands before `at`. */
function _wordEnd(text: string, at: number): number {
  while (at > 0 && isSpaceCode(text.charCodeAt(at - 1))) at--
  return at
}

/** Where the word that ends at `end` starts. */
function _wordStart(text: string, end: number): number {
  while (end > 0 && !isSpaceCode(text.charCodeAt(end - 1))) end--
  return end
}

/** Where the text after leading whitespace starts; -1 when the text is all whitespace (as `trim()` sees it). */
function _firstNonSpace(text: string): number {
  for (let k = 0; k < text.length; k++) if (!isSpaceCode(text.charCodeAt(k))) return k
  return -1
}


/**
 * The words of a body line as `lineWords(text, 0, 0, to)` finds them, kept as offsets: pass 3 reads
 * a few words at either end of every line, and need not make the others into strings and objects.
 * One reader serves all lines of a page.
 */
class _LineWords {
  readonly starts: number[] = []
  readonly ends: number[] = []
  length = 0
  private text = ''

  /** Read the words of `text` that start before `to` (the last may run on past it, as in `lineWords`). */
  read(text: string, to: number): void {
    this.text = text
    let n = 0
    let k = 0
    for (;;) {
      while (k < text.length && isSpaceCode(text.charCodeAt(k))) k++
      if (k >= text.length || k >= to) break
      const start = k
      while (k < text.length && !isSpaceCode(text.charCodeAt(k))) k++
      this.starts[n] = start
      this.ends[n] = k
      n++
    }
    this.length = n
  }

  /** The text of word `k`. */
  at(k: number): string {
    return this.text.slice(this.starts[k], this.ends[k])
  }

  /** Words `from` up to `to`, joined by single spaces. */
  join(from: number, to: number): string {
    let out = ''
    for (let k = from; k < to; k++) out += (k > from ? ' ' : '') + this.at(k)
    return out
  }
}

/**
 * The ends of a body line (its words before `to`) hold nothing the reading of pass 3 cuts: two
 * words or more; the first no garbage, or a bullet glyph with a word that is no garbage after it
 * and another after that; the last no garbage, and no stray letter, digit or initials. Most lines
 * are like this, and are not read word by word.
 */
function _cleanEnds(text: string, to: number): boolean {
  const firstStart = _firstNonSpace(text)
  if (firstStart < 0 || firstStart >= to) return false
  const firstEnd = _wordAfter(text, firstStart)
  // The last word starts before `to` and runs on to its own end.
  let lastEnd = _wordEnd(text, to)
  if (lastEnd === to) lastEnd = _wordAfter(text, lastEnd)
  const lastStart = _wordStart(text, lastEnd)
  if (lastStart <= firstStart) return false
  const last = text.slice(lastStart, lastEnd)
  // (Three capitals are six UTF-16 units at most.)
  if ((last.length <= 6 && STRAY_MARK.test(last)) || isGarbageToken(last)) return false
  const first = text.slice(firstStart, firstEnd)
  if (bulletGlyph(first) === null) return !isGarbageToken(first)
  // After a glyph, the word that follows it is where specks would be cut.
  let secondStart = firstEnd
  while (secondStart < lastStart && isSpaceCode(text.charCodeAt(secondStart))) secondStart++
  return secondStart < lastStart && !isGarbageToken(text.slice(secondStart, _wordAfter(text, secondStart)))
}

/** What pass 3 may cut off a line's end as handwriting: a lone letter or digit, or one to three capitals. */
const STRAY_MARK = /^(?:\p{L}|\d|\p{Lu}{1,3})$/u

/** Where the word that starts at `start` ends. */
function _wordAfter(text: string, start: number): number {
  while (start < text.length && !isSpaceCode(text.charCodeAt(start))) start++
  return start
}

/** The page's own date, folded and parsed once for all the dates its lines end in. */
class _OwnDate {
  private text: string | null = null
  private folded = ''
  private iso: string | null = null

  /** Is `date` the same date as `own` (the page's `date` field): printed alike, or parsed alike? */
  same(date: string, own: string): boolean {
    if (own !== this.text) {
      this.text = own
      this.folded = _foldDate(own)
      this.iso = _dateIso(own)
    }
    if (_foldDate(date) === this.folded) return true
    // `12 nov. 2019` is `12 november 2019`; `2O23` is `2023`.
    const iso = _dateIso(date)
    return iso !== null && iso === this.iso
  }
}

/** The last character of `text` before `end` that is not whitespace (`''` if none). */
function _lastChar(text: string, end: number): string {
  let k = end
  while (k > 0 && isSpaceCode(text.charCodeAt(k - 1))) k--
  return k > 0 ? text[k - 1]! : ''
}

/** Word `k` is one to three capitals that read as no word (`E`, `WM`): initials of handwriting. */
function _initials(words: _LineWords, k: number): boolean {
  // (Three capitals are six UTF-16 units at most.)
  if (words.ends[k]! - words.starts[k]! > 6) return false
  const token = words.at(k)
  return /^\p{Lu}{1,3}$/u.test(token) && !isWordlike(token)
}

/** A lower-case ASCII letter. */
function _isLower(c: number): boolean {
  return c >= 97 && c <= 122
}

/** Handwriting at the end of a line: symbols, a stray capital, a lone digit after punctuation. */
function _trailingGarbage(words: _LineWords, k: number, afterGarbage: boolean): boolean {
  const token = words.at(k)
  if (isGarbageToken(token)) return true
  // The tests below read a lone letter or digit, or up to three capitals: a longer token, or one that
  // opens in lower case, is none of these.
  if (token.length > 6 || (token.length > 1 && _isLower(token.charCodeAt(0)))) return false
  const previous = words.at(k - 1)
  if (afterGarbage && /^(?:\d{1,2}|\p{L})$/u.test(token)) return true
  // A lone letter that ends the line after a scribble (`voorjaar. (///) \ A`): the scribble's last stroke.
  if (k === words.length - 1 && /^\p{L}$/u.test(token) && isGarbageToken(previous)) return true
  if (/^\p{Lu}$/u.test(token) && !/^[AU]$/.test(token)) return true
  if (/^[b-df-hj-np-tv-z]$/.test(token)) return true
  if (/^\d$/.test(token) && /[’'.;:)]$|^\p{Lu}{2,}$/u.test(previous)) return true
  // A numbered heading (`2. Titel van de sectie 8`) does not end on a lone digit: that is a mark in the margin.
  if (/^\d$/.test(token) && k === words.length - 1 && k >= 2 && /^\d{1,2}[a-z]?\.$/.test(words.at(0)) && /^\p{L}{3,}$/u.test(previous)) return true
  // Two capitals after the end of a sentence, the rest of the line garbage (`afgerond. E WM`).
  if (/^\p{Lu}{1,3}$/u.test(token) && /[.!?]$/.test(previous) && k === words.length - 1 && !isWordlike(token)) return true
  return false
}

/** A line of words around a redacted name (`Ha 5.1.2e`, `Dag 5.1.2e,`) that are text without it too. */
function _wordsAroundRedaction(line: Line, redactions: LayoutSpan[]): boolean {
  let text = line.text
  let redacted = false
  for (const span of redactions) {
    if (span.end <= line.start || span.start >= line.end) continue
    redacted = true
    const from = Math.max(0, span.start - line.start)
    const to = Math.min(text.length, span.end - line.start)
    text = text.slice(0, from) + ' '.repeat(to - from) + text.slice(to)
  }
  if (!redacted) return false
  // Only what stays text once the redaction is gone: the clean text, read again, must keep it too.
  return text.trim() !== '' && !isGarbageLine(text)
}

/** The day a date names (`2019-11-12`), or null; the same dates end many lines, on many pages. */
const _dateIso = _memo((text: string) => parseDutchDate(text).iso, 1_000)

/** A date's letters and digits only: the same date printed the same way, whatever its punctuation. */
function _foldDate(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '')
}

/** A section heading, or a numbered one (`2. Vervolgstappen`): a block of its own, so a stamp beside it stands alone. */
function _headingLike(text: string | undefined): boolean {
  if (text === undefined) return false
  const trimmed = text.trim()
  return isSectionHeading(trimmed) || (/^\d{1,2}[a-z]?[.)] \p{Lu}/u.test(trimmed) && trimmed.length <= 80 && !/[.:;!?]$/.test(trimmed))
}
