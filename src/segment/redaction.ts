// Woo/Wob refusal grounds printed on blacked-out areas, read through OCR damage.
//
// A ground is matched against a small set of templates (5.1.2e, 10.2g, 11.1 …),
// one character at a time, with the confusions OCR makes on these glyphs
// (`S`/`$`/`&` for 5, `l`/`I`/`t`/`|` for 1, `Z` for 2, lost or doubled
// separators). No regex with nested quantifiers: every attempt reads at most a
// few characters, so the scan is linear in the text length.

/** One template: the digits of the ground, where its separators go, and the letters it allows. */
interface _Template {
  digits: string
  /** Canonical form without the letter, e.g. `5.1.2`. */
  stem: string
  /** Allowed letters; empty for a bare ground such as `5.2`. */
  letters: string
}

const TEMPLATES: _Template[] = [
  { digits: '512', stem: '5.1.2', letters: 'abcdefghi' }, // Woo art. 5.1 lid 2 a-i
  { digits: '511', stem: '5.1.1', letters: 'abcde' }, // Woo art. 5.1 lid 1 a-e
  { digits: '102', stem: '10.2', letters: 'abcdefg' }, // Wob art. 10 lid 2 a-g
  { digits: '101', stem: '10.1', letters: 'abcd' }, // Wob art. 10 lid 1 a-d
  { digits: '515', stem: '5.1.5', letters: '' }, // Woo art. 5.1 lid 5
  { digits: '52', stem: '5.2', letters: '' }, // Woo art. 5.2 (personal policy opinions)
  { digits: '111', stem: '11.1', letters: '' }, // Wob art. 11 lid 1
]

/** Characters OCR prints for each digit of a ground. Real digits first. */
const DIGIT_LOOKALIKES: Record<string, string> = {
  '5': '5SsЅ$§&',
  '1': '1lIi|!tT]',
  '2': '2Zz',
  '0': '0OoQ',
}

const SEPARATORS = '.,:;·\'`´ '
/** Lookalikes of the ground letter `e`, the one OCR damages most. */
const E_LOOKALIKES = 'eE€é¢'
/** Words before a number that make it a citation or a section number, not a redaction mark. */
const CITING_WORDS = new Set(['artikel', 'art', 'artikelen', 'lid', 'paragraaf', 'par', 'hoofdstuk', 'bijlage', 'punt', 'versie', 'pagina', 'blz', 'figuur', 'tabel', 'onderdeel', 'sectie', 'nr', 'nummer',
  // An inventory list names the ground of each decision (`Deels openbaar  5.1.2e`): a citation, not a blacked-out area.
  'openbaar', 'grond', 'gronden', 'weigeringsgrond', 'weigeringsgronden', 'uitzonderingsgrond', 'uitzonderingsgronden'])
/** Words after a number that make it a citation. */
const CITED_LAW = new Set(['wob', 'woo', 'lid', 'van', 'onder', 'awb'])

const MAX_GROUND_CHARS = 16

function _isAlnum(ch: string | undefined): boolean {
  if (ch === undefined) return false
  const c = ch.charCodeAt(0)
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  return /[\p{L}\p{N}]/u.test(ch)
}

/** Characters a ground can start with: the lookalikes of 5 and of 1, by char code. */
const FIRST_CODES = new Set([...DIGIT_LOOKALIKES['5']!, ...DIGIT_LOOKALIKES['1']!].map((ch) => ch.charCodeAt(0)))

/** A real digit, searched from `lastIndex`. */
const DIGIT = /\d/g

/** The first real digit at or after `from`; `text.length` when there is none. */
function _nextDigit(text: string, from: number): number {
  // The regex engine scans a page for a digit faster than a loop over char codes.
  DIGIT.lastIndex = from
  return DIGIT.test(text) ? DIGIT.lastIndex - 1 : text.length
}

interface _Match {
  end: number
  ground: string
  realDigits: number
  /** Per gap between digits: whether a separator stood there. */
  gaps: boolean[]
}

/** Try one template at `start`; return the match or null. */
function _matchTemplate(text: string, start: number, t: _Template): _Match | null {
  let i = start
  let realDigits = 0
  const gaps: boolean[] = []
  const limit = Math.min(text.length, start + MAX_GROUND_CHARS)
  for (let d = 0; d < t.digits.length; d++) {
    if (d > 0) {
      // Up to two separator characters between digits, at most one of them a space.
      let n = 0
      let spaces = 0
      while (i < limit && n < 2 && SEPARATORS.includes(text[i]!)) {
        if (text[i] === ' ') spaces++
        n++
        i++
      }
      if (spaces > 1) return null
      gaps.push(n > 0)
    }
    const ch = text[i]
    if (ch === undefined || i >= limit) return null
    const digit = t.digits[d]!
    if (ch === digit) realDigits++
    else if (!DIGIT_LOOKALIKES[digit]!.includes(ch)) return null
    i++
  }
  if (t.letters === '') {
    return { end: i, ground: t.stem, realDigits, gaps }
  }
  // The letter, optionally after one separator (`5.1.2.e`, `5.1.2 e`).
  let j = i
  if (j < limit && SEPARATORS.includes(text[j]!)) j++
  const ch = text[j]
  if (ch === undefined) return null
  let letter = ch.toLowerCase()
  if (E_LOOKALIKES.includes(ch)) letter = 'e'
  if (!t.letters.includes(letter)) return null
  return { end: j + 1, ground: t.stem + letter, realDigits, gaps }
}

/** Where the canonical form puts separators: `11.1` -> [false, true]. */
function _canonicalGaps(stem: string): boolean[] {
  const gaps: boolean[] = []
  for (let i = 1; i < stem.length; i++) {
    if (stem[i] === '.') continue
    gaps.push(stem[i - 1] === '.')
  }
  return gaps
}

/** The longest ground starting at `start`, ignoring the context. */
function _matchAt(text: string, start: number): _Match | null {
  let best: _Match | null = null
  for (const t of TEMPLATES) {
    const m = _matchTemplate(text, start, t)
    if (m === null) continue
    if (t.letters === '') {
      // A bare ground (`5.2`, `11.1`) must be printed cleanly: real digits and separators.
      if (m.realDigits !== t.digits.length || m.gaps.join() !== _canonicalGaps(t.stem).join()) continue
    } else if (m.realDigits === 0) {
      continue
    }
    if (best === null || m.end > best.end) best = m
  }
  return best
}

function _wordBefore(text: string, start: number): string {
  let i = start - 1
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--
  if (text[i] === '.') i--
  const end = i + 1
  while (i >= 0 && /\p{L}/u.test(text[i]!)) i--
  return text.slice(i + 1, end).toLowerCase()
}

function _wordAfter(text: string, end: number): string {
  let i = end
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++
  const start = i
  while (i < text.length && /\p{L}/u.test(text[i]!)) i++
  return text.slice(start, i).toLowerCase()
}

/** Text on the same line between `from` and `to`, trimmed. */
function _lineGap(text: string, from: number, to: number): string {
  return text.slice(from, to).trim()
}

/**
 * Every Woo/Wob ground printed in `text`, as `{ start, end, ground }` with
 * end-exclusive offsets into `text` and the ground normalised (`5.1.2e`).
 */
export function findRedactions(text: string): Array<{ start: number; end: number; ground: string }> {
  if (typeof text !== 'string') throw new TypeError(`Expected \`text\` to be a string, got \`${String(text)}\``)
  const found: Array<{ start: number; end: number; ground: string; bare: boolean }> = []
  // Every ground holds a real digit: most lines hold none.
  if (!/\d/.test(text)) return []
  let i = 0
  // Where the last cited ground ended: a ground listed right after it (`5.1.2e, 5.2`) is cited too.
  let citedEnd = -1
  // A ground holds a real digit within its first six characters: positions further from the next
  // digit are skipped (most of a page).
  let digit = _nextDigit(text, 0)
  while (i < text.length) {
    if (digit < i) digit = _nextDigit(text, i)
    if (digit >= text.length) break
    if (digit - i > 5) {
      i = digit - 5
      continue
    }
    // Most characters near a digit cannot start a ground: ruled out by their code alone.
    if (!FIRST_CODES.has(text.charCodeAt(i))) {
      i++
      continue
    }
    const prev = text[i - 1]
    const lastEnd = found.length > 0 ? found[found.length - 1]!.end : -1
    // A ground starts at a word boundary, or right after another ground (`5.1.2e5.1.2e`).
    if (!_isAlnum(prev) || lastEnd === i) {
      const m = _matchAt(text, i)
      if (m !== null) {
        const next = text[m.end]
        const boundaryAfter = !_isAlnum(next) || _matchAt(text, m.end) !== null
        const listed = citedEnd >= 0 && /^[\s,;]*(?:en\s+|of\s+)?$/.test(text.slice(citedEnd, i))
        if (boundaryAfter && !listed && !CITING_WORDS.has(_wordBefore(text, i)) && !CITED_LAW.has(_wordAfter(text, m.end))) {
          found.push({ start: i, end: m.end, ground: m.ground, bare: !/[a-i]$/.test(m.ground) })
          i = m.end
          continue
        }
        if (boundaryAfter) {
          citedEnd = m.end
          i = m.end
          continue
        }
      }
    }
    i++
  }
  // A bare number (`5.2`, `11.1`) is a ground only where nothing but labels or other
  // grounds share its line: otherwise it is a section number or an amount.
  const kept = found.filter((f, k) => {
    if (!f.bare) return true
    const lineStart = text.lastIndexOf('\n', f.start - 1) + 1
    let lineEnd = text.indexOf('\n', f.end)
    if (lineEnd === -1) lineEnd = text.length
    const before = _lineGap(text, Math.max(lineStart, k > 0 ? found[k - 1]!.end : 0), f.start)
    const after = _lineGap(text, f.end, Math.min(lineEnd, k + 1 < found.length ? found[k + 1]!.start : lineEnd))
    const beforeOk = before === '' || /[:(,;/|]$/.test(before)
    const afterOk = after === '' || /^[@)\],;/|]/.test(after)
    return beforeOk && afterOk
  })
  return kept.map(({ start, end, ground }) => ({ start, end, ground }))
}

/**
 * The normalised ground (`5.1.2e`, `10.2g`, `11.1`) when `text` as a whole is one
 * ground, possibly OCR-damaged (`5.1,2,e`, `S12e`, `&t2e`); otherwise null.
 */
export function normaliseGround(text: string): string | null {
  if (typeof text !== 'string') throw new TypeError(`Expected \`text\` to be a string, got \`${String(text)}\``)
  const t = text.trim()
  if (t.length === 0 || t.length > MAX_GROUND_CHARS) return null
  const m = _matchAt(t, 0)
  if (m === null) return null
  // Allow a trailing full stop or bracket around the ground, nothing else.
  return /^[.,;:)\]]?$/.test(t.slice(m.end)) ? m.ground : null
}

/** Every ground the Woo and the Wob allow, normalised. */
export const GROUNDS: readonly string[] = TEMPLATES.flatMap((t) => (t.letters === '' ? [t.stem] : [...t.letters].map((l) => t.stem + l)))
