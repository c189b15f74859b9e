// Numbered section headings of an attachment as a series: `1. Algemene
// inleiding`, `2. Menselijke maat in dienstverlening`, `3. Menselijke maat in
// organisaties` … A scan loses heading numbers (and with them the cue that a
// short line is a heading); the series tells what was lost:
//
// - parallel headings (most of a section's sub-headings open with the same two
//   words) make a short plain line that opens with those words one of them;
// - a guessed sub-heading amid a list that does not fit that pattern is a point
//   of the list;
// - a number missing in a series whose printed numbers count the headings one by
//   one is that heading's place in the series.
//
// Only blocks whose kind the parse stage guessed from layout are changed
// (src/parse/evidence.ts): a printed glyph, number or known name is kept.
import type { Block, Correction, Token } from '../types.js'
import { isSectionHeading } from '../layout/lines.js'
import { shownOf } from './evidence.js'

/** A heading number as printed: `5.`, `5)`. */
const NUMBER = /^(\d{1,2})([.)])$/
/** A heading number of any form (`3a`, `4.`): such a heading is numbered. */
const ANY_NUMBER = /^\d{1,2}[a-z]?[.)]?$/
/** The longest line that is still read as a heading whose number was lost. */
const MAX_HEADING_TOKENS = 8
/** How many leading words make the shared pattern of parallel headings. */
const LEAD_WORDS = 2

/** Sections of a document: index ranges of the blocks under each level-2 heading (and before the first). */
function _sections(blocks: Block[]): Array<[number, number]> {
  const out: Array<[number, number]> = []
  let start = 0
  for (let b = 0; b <= blocks.length; b++) {
    if (b === blocks.length || (blocks[b]!.kind === 'heading' && blocks[b]!.level <= 2)) {
      if (b > start) out.push([start, b])
      start = b
    }
  }
  return out
}

/** A word as the series compares it: lower case, letters and digits only (`''` for none). */
function _word(text: string): string {
  const lower = text.toLowerCase()
  // Most words are ASCII letters and digits only: nothing to take out, no regex.
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i)
    if (!(c >= 97 && c <= 122) && !(c >= 48 && c <= 57)) return lower.replace(/[^\p{L}\p{N}]/gu, '')
  }
  return lower
}

/** The opening words of a block (after its number), when more words follow them: read no further than that. */
function _lead(block: Block): string | null {
  const tokens = block.tokens
  const lead: string[] = []
  for (let k = tokens.length > 0 && ANY_NUMBER.test(tokens[0]!.text) ? 1 : 0; k < tokens.length; k++) {
    const word = _word(tokens[k]!.text)
    if (word === '') continue
    if (lead.length === LEAD_WORDS) return lead.join(' ')
    lead.push(word)
  }
  return null
}

/** The opening words most of a section's sub-headings share, with how many share them. */
function _parallelLead(headings: Block[], leadOf: (block: Block) => string | null): { lead: string; count: number } | null {
  const counts = new Map<string, number>()
  for (const heading of headings) {
    const lead = leadOf(heading)
    if (lead) counts.set(lead, (counts.get(lead) ?? 0) + 1)
  }
  let best: { lead: string; count: number } | null = null
  for (const [lead, count] of counts) if (!best || count > best.count || (count === best.count && lead < best.lead)) best = { lead, count }
  return best && best.count >= 2 ? best : null
}

const _guessed = (block: Block): boolean => {
  const shown = shownOf(block)
  return shown !== undefined && shown.by === 'layout' && shown.glyph === 0
}

const _subHeading = (block: Block): boolean => block.kind === 'heading' && block.level === 3

/** No closing punctuation, a capital first: a line that reads as a heading. */
function _headingLike(text: string): boolean {
  return !/[.,:;!?]$/.test(text) && /^\p{Lu}/u.test(text)
}

/**
 * Sub-headings of a section that share their opening words with most of the
 * others: a short plain line (kind guessed, no glyph) that opens with them is
 * one of the headings; a guessed sub-heading between two points of a list that
 * does not open with them (nor is a known section name) is a point of the list.
 * Changes the blocks in place; returns how many changed.
 */
export function reviseParallelHeadings(blocks: Block[]): number {
  let changed = 0
  // A block's lead is asked for up to three times below, and its words do not change here: read once.
  const leads = new Map<Block, string | null>()
  const leadOf = (block: Block): string | null => {
    let lead = leads.get(block)
    if (lead === undefined) leads.set(block, (lead = _lead(block)))
    return lead
  }
  for (const [start, end] of _sections(blocks)) {
    // Most sections have no sub-heading: looked for in place, without a copy of the section.
    let first = start
    while (first < end && !_subHeading(blocks[first]!)) first++
    if (first === end) continue
    const headings = () => blocks.slice(start, end).filter(_subHeading)
    const found = _parallelLead(headings(), leadOf)
    if (!found) continue
    for (let b = first + 1; b < end; b++) {
      const block = blocks[b]!
      // The text is read only for a short guessed block, the one kind that may become a heading.
      if ((block.kind === 'bullet' || block.kind === 'paragraph') && _guessed(block) && block.tokens.length <= MAX_HEADING_TOKENS &&
        _headingLike(block.tokens.map((token) => token.text).join(' ')) && leadOf(block) === found.lead) {
        block.kind = 'heading'
        block.level = 3
        changed++
      }
    }
    // Demote only where the pattern is the rule: at least half of the sub-headings follow it.
    const all = headings()
    const series = _parallelLead(all, leadOf)
    if (!series || series.count * 2 < all.length) continue
    for (let b = first + 1; b + 1 < end; b++) {
      const block = blocks[b]!
      if (block.kind !== 'heading' || block.level !== 3 || !_guessed(block) || leadOf(block) === series.lead) continue
      if (isSectionHeading(block.tokens.map((token) => token.text).join(' '))) continue
      const before = blocks[b - 1]!
      const after = blocks[b + 1]!
      if (before.kind !== 'bullet' || after.kind !== 'bullet') continue
      block.kind = 'bullet'
      block.level = 1
      changed++
    }
  }
  return changed
}

export interface NumberedHeading {
  block: Block
  /** The number given, as it is printed (`5.`). */
  marker: string
  correction: Correction
}

/**
 * Number the sub-headings a scan printed without their number, where the
 * numbers printed in their section (two at least) count the sub-headings one
 * by one: the heading after `4.` is `5.`. The number becomes a token of no
 * width in front of the heading's first word, recorded as a correction
 * (`before` empty). Changes the blocks in place.
 */
export function numberHeadingSeries(blocks: Block[], rule = 'heading-number', confidence = 0.8): NumberedHeading[] {
  const out: NumberedHeading[] = []
  for (const [start, end] of _sections(blocks)) {
    // Counted in place first: most sections hold fewer than three sub-headings.
    let count = 0
    for (let b = start; b < end && count < 3; b++) if (_subHeading(blocks[b]!) && blocks[b]!.tokens.length > 0) count++
    if (count < 3) continue
    const headings = blocks.slice(start, end).filter((block) => _subHeading(block) && block.tokens.length > 0)
    let base: number | null = null
    let separator: string | null = null
    let printed = 0
    let consistent = true
    headings.forEach((heading, k) => {
      const first = heading.tokens[0]!.text
      const match = NUMBER.exec(first)
      if (!match) {
        if (ANY_NUMBER.test(first)) consistent = false
        return
      }
      const at = Number(match[1]) - k
      if ((base !== null && at !== base) || (separator !== null && match[2] !== separator)) consistent = false
      base = at
      separator = match[2]!
      printed++
    })
    if (!consistent || printed < 2 || base === null || separator === null || base < 0) continue
    headings.forEach((heading, k) => {
      const first = heading.tokens[0]!
      if (ANY_NUMBER.test(first.text) || heading.tokens.length > MAX_HEADING_TOKENS || base! + k < 1) return
      const marker = `${base! + k}${separator}`
      const token: Token = { text: marker, page: first.page, start: first.start, end: first.start }
      heading.tokens = [token, ...heading.tokens]
      heading.marker = marker
      out.push({ block: heading, marker, correction: { page: first.page, start: first.start, end: first.start, before: '', after: marker, rule, confidence } })
    })
  }
  return out
}

/**
 * A numbered heading that goes on a series of numbered sections (`1. Aanleiding`,
 * `2. Beslispunten`, `3. Kernpunten`, then `4. Informatie die niet openbaar …`) is
 * a section of that series, not a sub-heading: it takes the level of the heading
 * numbered one before it. Changes the blocks in place; returns how many changed.
 */
export function levelSectionSeries(blocks: Block[]): number {
  let changed = 0
  let last: { n: number; level: number } | null = null
  for (const block of blocks) {
    if (block.kind !== 'heading') continue
    const match = NUMBER.exec(block.tokens[0]?.text ?? '')
    if (!match) continue
    const n = Number(match[1])
    if (last !== null && n === last.n + 1 && last.level === 2 && block.level === 3) {
      block.level = 2
      changed++
    }
    last = { n, level: block.level }
  }
  return changed
}
