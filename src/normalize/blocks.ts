// From the body spans of a document's pages to blocks: headings, paragraphs,
// bullets with levels, numbered items, table rows. Hard-wrapped lines are
// reflowed, words broken over a line end are joined, bullet glyphs as OCR prints
// them become levels. Every token keeps its place in the source.
import type { Block, Correction, Page, PageLayout, Token } from '../types.js'
import { isCopyStamp, isSectionHeading, isSpaceCode } from '../layout/lines.js'
import { bulletGlyph, normalizeGlyphs, plainGlyph } from './glyphs.js'
import { setShown, shownOf, type Shown } from '../parse/evidence.js'
import { levelSectionSeries, numberHeadingSeries, reviseParallelHeadings } from '../parse/headings.js'

interface BodyLine {
  page: number
  tokens: Token[]
  /** Blank lines or furniture stood between this line and the previous body line. */
  gap: boolean
  /** Only blank lines stood there, on the same page: no furniture or handwriting was cut out between. */
  blank: boolean
  /** A new page starts with this line. */
  pageStart: boolean
  /** Length of the line as printed, for reflow decisions. */
  width: number
  /** A later piece of a line too long to take whole: its first token opens no bullet. */
  piece?: boolean
}

export interface BuildOptions {
  /** Is this a known word? Used to decide whether a hyphen at a line end is a soft break. */
  isWord?: (word: string) => boolean
}

export interface BuildResult {
  blocks: Block[]
  corrections: Correction[]
}

/** A longer line is cut into pieces of this many tokens (none dropped), so per-line work stays bounded. */
const MAX_TOKENS_PER_LINE = 2000

/** Build the blocks of one document from its pages' layouts. */
export function buildBlocks(pages: Page[], layouts: PageLayout[], options: BuildOptions = {}): BuildResult {
  const corrections: Correction[] = []
  const lines = _bodyLines(pages, layouts, corrections)
  _joinHyphenated(lines, pages, corrections, options.isWord)
  const blocks = _reflow(lines, pages, corrections)
  return { blocks, corrections }
}

/** The body lines of the pages, their words' glyphs normalised as they are read (each change recorded). */
function _bodyLines(pages: Page[], layouts: PageLayout[], corrections: Correction[]): BodyLine[] {
  const out: BodyLine[] = []
  for (let p = 0; p < pages.length; p++) {
    const page = pages[p]!
    const source = page.source
    const spans = layouts[p]!.spans
    let k = 0
    let gap = false
    let removed = false
    let first = true
    // Lines as splitLines cuts them (without the line break and a carriage return before it), read in place.
    for (let start = 0; start < source.length;) {
      let end = source.indexOf('\n', start)
      const nextStart = end < 0 ? source.length : end + 1
      if (end < 0) end = source.length
      if (end > start && source.charCodeAt(end - 1) === 13) end--
      const tokens: Token[] = []
      let emptied = false
      // Spans of other roles are passed over: only body spans that end on this line give words.
      while (k < spans.length && (spans[k]!.role !== 'body' || spans[k]!.end <= end)) {
        const span = spans[k]!
        if (span.role === 'body' && span.start >= start && _spanTokens(source, span.start, span.end, page.index, tokens, corrections)) emptied = true
        k++
      }
      const lineStart = start
      start = nextStart
      if (tokens.length === 0) {
        gap = true
        if (!_blank(source, lineStart, end)) removed = true
        continue
      }
      const confidence = page.words
      if (confidence) _attachConfidence(tokens, confidence)
      const width = _trimmedLength(source, lineStart, end)
      for (let from = 0; from < tokens.length; from += MAX_TOKENS_PER_LINE) {
        const cut = tokens.length > MAX_TOKENS_PER_LINE ? tokens.slice(from, from + MAX_TOKENS_PER_LINE) : tokens
        // A word that was only stray glyphs (a soft hyphen) is dropped from its piece.
        const piece = emptied ? cut.filter((token) => token.text !== '') : cut
        const body: BodyLine = { page: page.index, tokens: piece, gap: gap || first, blank: gap && !removed && !first, pageStart: first, width }
        if (from > 0) body.piece = true
        out.push(body)
        gap = false
        removed = false
        first = false
      }
    }
  }
  return out
}

/**
 * The words (runs of what `\S` matches) of `source` between `from` and `to`, as tokens, their glyphs
 * normalised (src/normalize/glyphs.ts): a word of plain units is seen to be plain as it is read.
 * Returns whether a word lost all its glyphs.
 */
function _spanTokens(source: string, from: number, to: number, page: number, tokens: Token[], corrections: Correction[]): boolean {
  let emptied = false
  let k = from
  while (k < to) {
    while (k < to && isSpaceCode(source.charCodeAt(k))) k++
    if (k === to) break
    const begin = k
    let plain = true
    for (; k < to; k++) {
      const c = source.charCodeAt(k)
      if (isSpaceCode(c)) break
      if (plain && !plainGlyph(c)) plain = false
    }
    const raw = source.slice(begin, k)
    const text = plain ? raw : normalizeGlyphs(raw)
    if (text !== raw) {
      corrections.push({ page, start: begin, end: k, before: raw, after: text, rule: 'glyph', confidence: 0.99 })
      if (text === '') emptied = true
    }
    tokens.push({ text, page, start: begin, end: k })
  }
  return emptied
}

/** Is `source` between `from` and `to` only white space (what `trim()` takes away)? */
function _blank(source: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isSpaceCode(source.charCodeAt(k))) return false
  return true
}

/** The length of `source` between `from` and `to` once trimmed, without cutting it out. */
function _trimmedLength(source: string, from: number, to: number): number {
  while (from < to && isSpaceCode(source.charCodeAt(from))) from++
  while (to > from && isSpaceCode(source.charCodeAt(to - 1))) to--
  return to - from
}

function _attachConfidence(tokens: Token[], words: NonNullable<Page['words']>): void {
  for (const token of tokens) {
    const word = words.find((w) => w.start < token.end && w.end > token.start)
    if (word) token.confidence = word.confidence
  }
}

/** `verzen-` + `den` is one word; `ICT-` + `achterstanden` keeps its hyphen. */
function _joinHyphenated(lines: BodyLine[], pages: Page[], corrections: Correction[], isWord?: (word: string) => boolean): void {
  void pages
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]!
    const next = lines[i + 1]!
    const last = line.tokens[line.tokens.length - 1]
    const first = next.tokens[0]
    // Only a word broken at a line end joins: not over a blank line, furniture or handwriting between.
    if (!last || !first || next.gap) continue
    // Most lines do not end in a hyphen: ruled out before the regexes.
    if (last.text.charCodeAt(last.text.length - 1) !== 45) continue
    if (!/\p{L}-$/u.test(last.text) || !_opensLower(first.text) || last.page !== first.page) continue
    if (/^(?:en|of|tot|en\/of)$/.test(first.text)) continue // `wet- en regelgeving`
    const head = last.text.slice(0, -1)
    const stem = first.text.replace(/[.,;:!?)’”]+$/, '')
    const soft = !/\p{Lu}{2}|\d/u.test(head) && isWord !== undefined && isWord(head + stem) && !isWord(head)
    const joined = soft ? head + first.text : last.text + first.text
    const merged: Token = { text: joined, page: last.page, start: last.start, end: first.end }
    if (soft) {
      corrections.push({ page: last.page, start: last.start, end: first.end, before: `${last.text} ${first.text}`, after: joined, rule: 'hyphen', confidence: 0.95 })
    }
    line.tokens[line.tokens.length - 1] = merged
    next.tokens.shift()
    if (next.tokens.length === 0) {
      lines.splice(i + 1, 1)
      i--
    }
  }
}

/** Known action phrases of the attachment table in Rijksoverheid notes (`Volgnummer Naam Actie`). */
const ACTION_START = /^(?:Ter|Verzenden|Bijlage|\(niet|Niet|Informatie|Ondertekening|verzending|Vaststellen|Ondertekenen|Besluitvorming|Kennisname)$/
const ACTION_WORD = /^(?:Ter|ter|informatie|Verzenden|verzenden\)?|aan|TK|EK|Kamer|Bijlage|bij|verzending|\(niet|niet|ondertekening|Ondertekening|besluitvorming|kennisname|vaststelling|goedkeuring|advisering|accordering|Vaststellen|Ondertekenen|Informatie|Besluitvorming|Kennisname|paraaf|Paraaf)$/

function _reflow(lines: BodyLine[], pages: Page[], corrections: Correction[]): Block[] {
  void pages
  const blocks: Block[] = []
  // Widths are whole numbers: a typed array sorts them by value without a comparator.
  const widths = new Int32Array(lines.length)
  for (let i = 0; i < lines.length; i++) widths[i] = lines[i]!.width
  widths.sort()
  const full = widths.length > 0 ? widths[Math.floor(widths.length * 0.9)]! : 80
  // Text that is already reflowed (no two body lines follow each other, as in wooscan's own clean
  // text) puts one paragraph on each line: there a blank line always ends the block. Scans wrap
  // their lines, and OCR leaves blank lines inside their paragraphs.
  const reflowed = lines.every((line, i) => i === 0 || line.gap)
  const sources = new Map(pages.map((page) => [page.index, page.source]))
  let current: Block | null = null
  let currentGlyph: 1 | 2 | null = null
  let lastBullet: { block: Block; glyph: 1 | 2 | null } | null = null
  let inTable = false
  let tableRow: { number: Token[]; name: Token[]; action: Token[] } | null = null
  let inAttachment = false
  let previousLine: BodyLine | null = null
  const subGlyph = new WeakSet<Block>()

  const flushRow = (): void => {
    if (!tableRow) return
    const tokens = [...tableRow.number, ...tableRow.name, ...tableRow.action]
    blocks.push(_shown({ kind: 'table-row', level: 0, tokens, cells: [tableRow.number.length, tableRow.name.length, tableRow.action.length] }, 'table'))
    tableRow = null
  }
  const close = (): void => {
    flushRow()
    current = null
  }
  // A stamp-like word kept as text right under a heading waits for the block below it.
  let carried: Token[] = []
  const open = (block: Block): void => {
    close()
    if (carried.length > 0) {
      if (block.kind === 'heading') blocks.push(_shown({ kind: 'paragraph', level: 0, tokens: carried }, 'layout'))
      else block.tokens = [...carried, ...block.tokens]
      carried = []
    }
    blocks.push(block)
    current = block
  }

  // A line's text is built only where a rule reads the line whole: most lines are settled by their words.
  // Built once per line, from the words it had when first read (a heading trims them after).
  let textLine: BodyLine | null = null
  let lineText = ''
  const textOf = (line: BodyLine): string => {
    if (line !== textLine) {
      textLine = line
      lineText = _lineText(line.tokens)
    }
    return lineText
  }

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const next = lines[i + 1]
    const prev = previousLine
    previousLine = line

    // A section heading broken over two lines by OCR (`Ker` / `npunten`), or whole on one.
    if (next && line.tokens.length <= 2 && next.tokens.length <= 2 && _opensLower(next.tokens[0]!.text) && isSectionHeading(textOf(line) + next.tokens.map((t) => t.text).join(''))) {
      const merged: BodyLine = { ...line, tokens: [...line.tokens, ...next.tokens] }
      _mergeTokens(merged, corrections)
      open(_shown({ kind: 'heading', level: 2, tokens: merged.tokens }, 'name'))
      close()
      i++
      continue
    }
    if (line.tokens.length <= 4 && isSectionHeading(textOf(line)) && !/\.$/.test(textOf(line))) {
      const text = textOf(line)
      // A dash or speck in front of the heading is markup, not a word of it.
      if (line.tokens.length > 1 && /^[^\p{L}\p{N}]+$/u.test(line.tokens[0]!.text)) line.tokens = line.tokens.slice(1)
      // `Ker npunten` is one word broken by OCR; `2. Advies` is a number and its heading.
      if (line.tokens.length > 1 && !SECTION_EXACT(text) && !/^\d{1,2}[a-z]?[.)]?$/.test(line.tokens[0]!.text)) _mergeTokens(line, corrections)
      // Inside an attachment, a numbered section is one of its parts, and so is a closing section once it numbers them.
      const sub = inAttachment && (/^\d{1,2}[a-z]?[.)]$/.test(line.tokens[0]!.text) || blocks.some((block) => block.kind === 'heading' && block.level === 3))
      open(_shown({ kind: 'heading', level: sub ? 3 : 2, tokens: line.tokens }, 'name'))
      close()
      inTable = /^bijlagen$/i.test(text.trim())
      continue
    }
    // A heading the list does not know: a short capitalised line standing alone between blank
    // lines, with running text under it (`Wat vragen wij van u?` is a question, not a heading).
    if (!inAttachment && !inTable && line.gap && next?.gap && line.tokens.length <= 6 && _opensUpper(textOf(line)) &&
      !/[.,:;!?]$/.test(textOf(line)) && bulletGlyph(line.tokens[0]!.text) === null && next.tokens.length >= 8 &&
      bulletGlyph(next.tokens[0]!.text) === null && _opensUpper(next.tokens[0]!.text) && _endsBlock(prev)) {
      open(_shown({ kind: 'heading', level: 2, tokens: line.tokens }, 'layout'))
      close()
      continue
    }
    // An attachment's title: `Bijlage: …`, `Bijlage 1: …`, or without the colon `Bijlage 1 overzicht …` and
    // `Bijlage bij nota …` on a line that is no sentence; continued on the next line.
    if (line.tokens[0]!.text.startsWith('Bijlage') && _attachmentTitle(textOf(line), line.tokens.length)) {
      const tokens = [...line.tokens]
      while (lines[i + 1] && !lines[i + 1]!.gap && _opensLower(lines[i + 1]!.tokens[0]!.text) && lines[i + 1]!.tokens.length <= 6) {
        tokens.push(...lines[++i]!.tokens)
      }
      open(_shown({ kind: 'heading', level: 2, tokens }, 'name'))
      close()
      inAttachment = true
      inTable = false
      continue
    }
    // A numbered heading: `1. Algemene inleiding`, or `1.` alone with its text on the next line.
    const numbered = _opensDigit(line.tokens[0]!.text) ? /^(\d{1,2}[a-z]?)[.)]$/.exec(line.tokens[0]!.text) : null
    if (numbered && !inTable) {
      let tokens = line.tokens
      if (tokens.length === 1 && next) {
        tokens = [...tokens, ...next.tokens]
        i++
      }
      const words = tokens.length - 1
      if (words >= 1 && words <= 10 && !/[.:;!?]$/.test(tokens[tokens.length - 1]!.text)) {
        open(_shown({ kind: 'heading', level: 3, tokens, marker: tokens[0]!.text }, 'number'))
        close()
      } else {
        open(_shown({ kind: 'numbered', level: 1, tokens, marker: tokens[0]!.text }, 'number'))
      }
      continue
    }
    // The attachment table: `Volgnummer Naam Actie`, then rows that start with a number.
    if (inTable) {
      if (/^Volgnummer\b/i.test(textOf(line))) {
        close()
        const [a, b, ...rest] = line.tokens
        blocks.push(_shown({ kind: 'table-row', level: 0, tokens: line.tokens, cells: a && b ? [1, 1, rest.length] : [line.tokens.length] }, 'table'))
        continue
      }
      const rowStart = /^\d{1,2}[a-z]?$/.test(line.tokens[0]!.text) && line.tokens.length > 1
      if (rowStart || tableRow) {
        if (rowStart) {
          close()
          tableRow = { number: [line.tokens[0]!], name: [], action: [] }
          _splitAction(line.tokens.slice(1), tableRow)
          continue
        }
        // A row goes on below its number, across a blank line only in mid-phrase (never in reflowed text).
        if (!line.gap || (_opensLower(line.tokens[0]!.text) && !(line.blank && reflowed))) {
          _splitAction(line.tokens, tableRow!)
          continue
        }
        flushRow()
      }
    }

    // A table printed in columns (an inventory list: `Nr.  Datum  Document  Beoordeling`): lines
    // that wide runs of spaces cut into three cells or more, two such lines at least.
    const columns = _columns(line, sources)
    if (columns !== null && (_columns(next, sources) !== null || (prev !== null && _columns(prev, sources) !== null))) {
      close()
      blocks.push(_shown({ kind: 'table-row', level: 0, tokens: line.tokens, cells: columns }, 'table'))
      continue
    }
    // In an attachment with numbered sections, a short plain line after a blank line that a list
    // follows at once is a section heading whose number the scan lost.
    if (inAttachment && line.gap && !line.pageStart && next && !next.gap && blocks.some((block) => block.kind === 'heading' && block.level === 3) &&
      line.tokens.length <= 8 && _opensUpper(textOf(line)) && !/[,.:;!?]/.test(textOf(line)) && bulletGlyph(line.tokens[0]!.text) === null &&
      bulletGlyph(next.tokens[0]!.text) === null && _opensUpper(next.tokens[0]!.text)) {
      open(_shown({ kind: 'heading', level: 3, tokens: line.tokens }, 'layout'))
      close()
      continue
    }
    // Bullets: a glyph opens the line.
    const glyph = line.tokens.length > 1 && !line.piece ? bulletGlyph(line.tokens[0]!.text) : null
    if (glyph !== null) {
      const tokens = line.tokens.slice(1)
      // A second glyph after the first (`~ o Reageren`): both are markup.
      const second = tokens.length > 1 && bulletGlyph(tokens[0]!.text) !== null && tokens[0]!.text.length <= 2 && _opensUpper(tokens[1]!.text) ? tokens.shift() : undefined
      const shownGlyph = second ? bulletGlyph(second.text)! : glyph
      const level = _bulletLevel(shownGlyph, tokens, lastBullet, blocks)
      const block: Block = _shown({ kind: 'bullet', level, tokens }, 'glyph', shownGlyph, shownGlyph === 2)
      if ((second ? bulletGlyph(second.text) : glyph) === 2) subGlyph.add(block)
      open(block)
      currentGlyph = glyph
      lastBullet = { block, glyph: second ? bulletGlyph(second.text) : glyph }
      continue
    }

    // Reflow: does this line go on with the current block?
    const cur = current as Block | null
    // A stamp-like word the layout kept as text stays inside its block: alone, it would read as a stamp next time.
    // A stamp is one word or two (isCopyStamp): a longer line is none, and needs no text for it.
    const stamp = line.tokens.length <= 2 && isCopyStamp(textOf(line))
    if (cur && cur.kind !== 'heading' && stamp) {
      cur.tokens.push(...line.tokens)
      continue
    }
    if (!cur && next && stamp) {
      carried.push(...line.tokens)
      continue
    }
    if (cur && prev) {
      // What reflow asks of the line before, its end, is all in its last word (words hold no spaces).
      const prevLast = prev.tokens[prev.tokens.length - 1]?.text ?? ''
      const ended = /[.!?:]["’”)]*$/.test(prevLast)
      const short = prev.width < full * 0.8
      // Lower case, an opening bracket or quote, or a number (`14 februari`) goes on; `0.a.` is an abbreviation, not a number.
      const lower = _opensLower(line.tokens[0]!.text) || /^[\p{Ll}(‘'"„]|^\d+(?:[.,:]\d+)*[.,;:)]?$/u.test(line.tokens[0]!.text)
      // A short line that does not end a sentence, followed by a capital: an item of a list whose glyphs were lost.
      const item = prev.width < full * 0.7 && _opensUpper(line.tokens[0]!.text)
      // Across a blank line only a sentence cut after a function word, or a full line going on in lower case, continues:
      // so that clean text, whose blocks stand apart by blank lines, reads back the same.
      // (A block of one word is no sentence to go on with: `aan` alone stays apart.)
      const dangling = FUNCTION_WORD.test(prevLast) && cur.tokens.length >= 2
      // In an attachment's lists of points, a line that opens with a capital is the next point.
      const point = inAttachment && cur.kind === 'bullet' && /^\p{Lu}|^\d\.\p{L}/u.test(line.tokens[0]!.text) && !dangling
      const continues = line.blank && reflowed ? false : line.gap ? !ended && (dangling || (_opensLower(line.tokens[0]!.text) && !short)) : lower || (ended ? !short : (!item && !point) || dangling)
      const breaks = false
      if (continues && !breaks && !(cur.kind === 'heading')) {
        // Where a later line starts: another copy may print a block of its own there (src/dedupe/structure.ts).
        const shown = shownOf(cur)
        if (shown) (shown.lines ??= []).push([line.tokens[0]!.page, line.tokens[0]!.start])
        // One push per word: a spread of every line's words costs more than the loop.
        for (let k = 0, n = line.tokens.length; k < n; k++) cur.tokens.push(line.tokens[k]!)
        continue
      }
    }
    // A short line without a glyph amid bullets is a bullet whose glyph the scan lost.
    const previousBlock = blocks[blocks.length - 1]
    const listContext = lastBullet !== null && previousBlock?.kind === 'bullet' || (next && next.tokens.length > 1 && bulletGlyph(next.tokens[0]!.text) !== null) ||
      // Right under a numbered heading of an attachment, short lines are its points.
      inAttachment && previousBlock?.kind === 'heading' && previousBlock.level === 3
    if (listContext && line.tokens.length <= (inAttachment ? 14 : 10) && !/[.:;]$/.test(textOf(line)) && /^\p{Lu}|^\d\.\p{L}/u.test(textOf(line)) && (inAttachment || line.width < full * 0.8)) {
      // Mid-page, a scan that drops glyphs drops the top-level ones (`o` reads as a letter and stays): level 1.
      // At the top of a page the glyph is lost whatever its level, so a list going on from the page before keeps
      // the level it had, and the glyphless line right after such a point is its sister.
      const under = lastBullet && previousBlock?.kind === 'bullet' && lastBullet.block.level === 2 ? lastBullet : null
      const level = under && (line.pageStart || (under.glyph === null && !line.gap && shownOf(under.block)?.context === true)) ? 2 : 1
      const block: Block = _shown({ kind: 'bullet', level, tokens: line.tokens }, 'layout', 0, level === 2)
      open(block)
      lastBullet = { block, glyph: null }
      currentGlyph = null
      continue
    }
    open(_shown({ kind: 'paragraph', level: 0, tokens: [...line.tokens] }, 'layout'))
    lastBullet = null
    currentGlyph = null
  }
  if (carried.length > 0) blocks.push(_shown({ kind: 'paragraph', level: 0, tokens: carried }, 'layout'))
  close()
  void currentGlyph
  const kept = blocks.filter((block) => block.tokens.length > 0)
  _restoreLostBullets(kept, subGlyph)
  _introParagraphs(kept)
  _abbreviations(kept, corrections)
  reviseParallelHeadings(kept)
  levelSectionSeries(kept)
  for (const numbered of numberHeadingSeries(kept)) corrections.push(numbered.correction)
  return kept
}

/** Words joined by single spaces: for a line's few words, cheaper than a list joined. */
function _lineText(tokens: Token[]): string {
  if (tokens.length === 0) return ''
  let text = tokens[0]!.text
  for (let k = 1; k < tokens.length; k++) text += ' ' + tokens[k]!.text
  return text
}

/** Does a word open with a small letter (`\p{Ll}`)? ASCII, as most words open, is decided without the regex. */
function _opensLower(word: string): boolean {
  const c = word.charCodeAt(0)
  if (c < 128) return c >= 97 && c <= 122
  return /^\p{Ll}/u.test(word)
}

/** Does a word open with a capital (`\p{Lu}`)? ASCII is decided without the regex. */
function _opensUpper(word: string): boolean {
  const c = word.charCodeAt(0)
  if (c < 128) return c >= 65 && c <= 90
  return /^\p{Lu}/u.test(word)
}

/** Does a word open with an ASCII digit (`\d`)? */
function _opensDigit(word: string): boolean {
  const c = word.charCodeAt(0)
  return c >= 48 && c <= 57
}

/** An attachment's title: `Bijlage: …`, `Bijlage 1: …`, or `Bijlage 1 overzicht …` on a line that is no sentence. */
function _attachmentTitle(text: string, words: number): boolean {
  return /^Bijlage(?:\s*\d+)?\s*:/.test(text) || (/^Bijlage\s+(?:\d{1,2}|[IVX]{1,4}|bij)\s/.test(text) && words <= 14 && !/[.;!?]$/.test(text))
}

/** Dutch abbreviations that open with an `o` (`o.a.` onder andere, `o.b.v.`, `o.i.d.`, `o.l.v.`, `o.m.`), with the `o` read as a zero. */
const ZERO_FOR_O = /^0(\.(?:a|b\.v|g\.v|i\.d|l\.v|m|t\.v|t\.o\.v)\.)$/

/** `0.a.` is no number: it is `o.a.`, capitalised where it opens a block or a sentence. */
function _abbreviations(blocks: Block[], corrections: Correction[]): void {
  for (const block of blocks) {
    const tokens = block.tokens
    for (let k = 0; k < tokens.length; k++) {
      const token = tokens[k]!
      // Only a word that opens with a zero can be one: the rest is ruled out before the regex.
      if (token.text.charCodeAt(0) !== 48) continue
      const match = ZERO_FOR_O.exec(token.text)
      if (!match) continue
      const opens = k === 0 || /[.!?]["’”)]*$/.test(tokens[k - 1]!.text)
      const text = (opens ? 'O' : 'o') + match[1]!
      corrections.push({ page: token.page, start: token.start, end: token.end, before: token.text, after: text, rule: 'confusion', confidence: 0.95 })
      token.text = text
    }
  }
}

/**
 * A line the scan shows without a glyph, right under a heading, above a list
 * whose first point shows a top-level glyph, introduces the list: the scan
 * prints glyphs here, and this line has none. (Read as a point whose glyph was
 * lost only for want of that evidence.)
 */
function _introParagraphs(blocks: Block[]): void {
  for (let b = 1; b + 1 < blocks.length; b++) {
    const block = blocks[b]!
    const shown = shownOf(block)
    const next = shownOf(blocks[b + 1]!)
    if (block.kind !== 'bullet' || shown?.by !== 'layout' || shown.glyph !== 0 || blocks[b - 1]!.kind !== 'heading') continue
    if (blocks[b + 1]!.kind !== 'bullet' || blocks[b + 1]!.level !== 1 || next?.by !== 'glyph') continue
    block.kind = 'paragraph'
    block.level = 0
  }
}

/**
 * A section whose only glyphs are sub-bullet glyphs (`o`), hanging under a paragraph
 * that ends in a colon, lost its first-level glyphs in the scan: its paragraphs are
 * the first-level bullets, and the `o` items under them the second level.
 */
function _restoreLostBullets(blocks: Block[], subGlyph: WeakSet<Block>): void {
  let start = 0
  while (start < blocks.length) {
    let end = start + 1
    while (end < blocks.length && !(blocks[end]!.kind === 'heading' && blocks[end]!.level === 2)) end++
    const section = blocks.slice(blocks[start]!.kind === 'heading' ? start + 1 : start, end)
    const bullets = section.filter((block) => block.kind === 'bullet')
    const hangs = section.some((block, k) => subGlyph.has(block) && section[k - 1]?.kind === 'paragraph' && /:$/.test(section[k - 1]!.tokens[section[k - 1]!.tokens.length - 1]!.text))
    if (bullets.length > 0 && bullets.every((block) => subGlyph.has(block)) && hangs) {
      for (const block of section) {
        if (block.kind === 'paragraph') {
          block.kind = 'bullet'
          block.level = 1
        } else if (block.kind === 'bullet') {
          block.level = 2
          const shown = shownOf(block)
          if (shown) setShown(block, { ...shown, context: true })
        }
      }
    }
    start = end
  }
}

/** Words a Dutch sentence cannot end on: a line that ends on one goes on below. */
const FUNCTION_WORD = /^(?:de|het|een|van|en|in|op|te|aan|voor|met|naar|bij|om|tot|door|uit|over|of|dat|die|als|per|onder|tussen|na|dan|maar|wordt|worden|is|zijn|heeft|hebben|we|wij|u|deze|dit|hun|haar|zo|nog|ook)$/

/** The line before ends its block: a full stop, a colon, a heading (or there is none). */
function _endsBlock(line: BodyLine | null): boolean {
  if (!line) return true
  const last = line.tokens[line.tokens.length - 1]?.text ?? ''
  return /[.!?:]["’”)]*$/.test(last) || isSectionHeading(line.tokens.map((t) => t.text).join(' '))
}

/** Record on a block what the scan showed of its structure (src/parse/evidence.ts). */
function _shown(block: Block, by: Shown['by'], glyph: Shown['glyph'] = 0, context = false): Block {
  setShown(block, context ? { glyph, by, context } : { glyph, by })
  return block
}

function SECTION_EXACT(text: string): boolean {
  return /^[\p{L} ’'-]+$/u.test(text) && text.split(' ').every((word) => word.length > 3)
}

/** `Ker npunten` -> `Kernpunten`: one token over both source ranges, recorded. */
function _mergeTokens(line: { tokens: Token[] }, corrections: Correction[]): void {
  const parts = line.tokens
  const joined = parts.map((token) => token.text).join('')
  const target = parts.map((token) => token.text).join(' ')
  // Only merge when the words apart are not a heading themselves (`Geadviseerd besluit` stays two words).
  if (isSectionHeading(target) && /\s/.test(target) && _isExactHeading(target)) return
  const first = parts[0]!
  const last = parts[parts.length - 1]!
  if (first.page !== last.page) return
  corrections.push({ page: first.page, start: first.start, end: last.end, before: target, after: joined, rule: 'merge', confidence: 0.9 })
  line.tokens = [{ text: joined, page: first.page, start: first.start, end: last.end }]
}

function _isExactHeading(text: string): boolean {
  return /^(?:geadviseerd besluit|politieke context|tot slot|financiële gevolgen|financiele gevolgen|juridische aspecten|korte toelichting|gevraagd besluit|te nemen besluit)$/i.test(text)
}

function _splitAction(tokens: Token[], row: { name: Token[]; action: Token[] }): void {
  let cut = tokens.length
  while (cut > 0 && ACTION_WORD.test(tokens[cut - 1]!.text)) cut--
  // The action column starts with one of its opening words; otherwise all is name.
  while (cut < tokens.length && !ACTION_START.test(tokens[cut]!.text)) cut++
  if (cut === 0 && row.name.length === 0) cut = tokens.length
  row.name.push(...tokens.slice(0, cut))
  row.action.push(...tokens.slice(cut))
}

/**
 * Level of a bullet that shows a sub-level glyph (`o`), from the block before it, as the parse
 * stage decides it: for a copy whose block before was restored from another copy (src/dedupe/structure.ts).
 */
export function subBulletLevel(previous: Block | undefined, tokens: Token[]): number {
  const glyph = previous ? shownOf(previous)?.glyph ?? 0 : 0
  const last = previous?.kind === 'bullet' ? { block: previous, glyph: glyph === 0 ? null : glyph } : null
  return _bulletLevel(2, tokens, last, previous ? [previous] : [])
}

/** Columns a wide run of spaces (two or more, or a tab) cuts a line into: tokens per cell, or null for fewer than three. */
function _columns(line: BodyLine | undefined | null, sources: Map<number, string>): number[] | null {
  if (!line || line.tokens.length < 3 || line.piece) return null
  const source = sources.get(line.page)
  if (source === undefined) return null
  const cells: number[] = [1]
  for (let k = 1; k < line.tokens.length; k++) {
    const a = line.tokens[k - 1]!
    const b = line.tokens[k]!
    // One character between (the common case) makes a column only if it is a tab.
    if (b.page === a.page && b.start === a.end + 1 && source.charCodeAt(a.end) !== 9) {
      cells[cells.length - 1]!++
      continue
    }
    const between = b.page === a.page && b.start > a.end ? source.slice(a.end, b.start) : ' '
    // Only spaces printed between the words: a stretch cut out (a redaction, the sidebar) is no column.
    if (/^(?: {2,}|\t[ \t]*)$/.test(between)) cells.push(1)
    else cells[cells.length - 1]!++
  }
  return cells.length >= 3 ? cells : null
}

/** Level of a bullet: `o` under a bullet that ends in a colon, or in a run of short items, is a sub-bullet. */
function _bulletLevel(glyph: 1 | 2, tokens: Token[], last: { block: Block; glyph: 1 | 2 | null } | null, blocks: Block[]): number {
  if (glyph === 1) return 1
  const previous = blocks[blocks.length - 1]
  if (!last || previous?.kind !== 'bullet') {
    // After a paragraph that ends in a colon, the list hangs under it, still at the top level.
    return 1
  }
  const lastText = last.block.tokens[last.block.tokens.length - 1]?.text ?? ''
  if (/:$/.test(lastText)) return Math.min(2, last.block.level + 1)
  if (last.block.level === 2) return 2
  const short = (n: number): boolean => n <= 10
  if (last.glyph !== 2 && short(last.block.tokens.length) && short(tokens.length)) return 2
  return 1
}
