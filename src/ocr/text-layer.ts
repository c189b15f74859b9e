// A PDF page's own text layer -> page source and word boxes, and the test whether
// that layer is good enough to use instead of OCR (as OCRmyPDF's skip-text does, but
// per page and only where the layer holds enough real words).
import type { WordBox } from '../types.js'
import type { PageText } from './source.js'

/** The part of a pdf.js TextItem this module reads. */
export interface _TextItem {
  str: string
  /** [a, b, c, d, e, f]: font matrix times text matrix, in PDF user space. */
  transform: number[]
  width: number
  height: number
  hasEOL?: boolean
}

/** Map a point from PDF user space to image pixels (pdf.js `viewport.convertToViewportPoint`). */
export type _ToPixels = (x: number, y: number) => number[]

/** Text items beyond this are ignored: a page is not a book. */
const MAX_ITEMS = 20_000
const MAX_SOURCE = 200_000

/**
 * Join text items into lines (a new line where pdf.js says so or the baseline moves),
 * split them into words with estimated boxes in image pixels.
 */
export function _sourceFromTextItems(items: readonly _TextItem[], toPixels: _ToPixels): PageText {
  let source = ''
  const words: WordBox[] = []
  let lastBaseline: number | null = null
  let lastEnd: number | null = null
  let lastSize = 0
  let breakPending = false
  for (const item of items.slice(0, MAX_ITEMS)) {
    if (source.length > MAX_SOURCE) break
    const [a = 1, b = 0, c = 0, d = 1, x = 0, y = 0] = item.transform
    const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 1
    const text = item.str
    if (text.trim()) {
      const newLine = breakPending || (lastBaseline !== null && Math.abs(y - lastBaseline) > size * 0.5)
      if (source) {
        if (newLine) source += '\n'
        else if (!/\s$/.test(source) && !/^\s/.test(text) && lastEnd !== null && x - lastEnd > Math.min(size, lastSize) * 0.1) source += ' '
      }
      breakPending = false
      const itemStart = source.length
      source += text
      // Word boxes: split the item's width over its characters, a fair guess for body text.
      const perChar = text.length > 0 ? item.width / text.length : 0
      for (const match of text.matchAll(/\S+/g)) {
        const i = match.index ?? 0
        const wx0 = x + perChar * i
        const wx1 = x + perChar * (i + match[0].length)
        const p0 = toPixels(wx0, y - size * 0.22)
        const p1 = toPixels(wx1, y + size * 0.78)
        words.push({
          text: match[0],
          start: itemStart + i,
          end: itemStart + i + match[0].length,
          bbox: [
            Math.round(Math.min(p0[0]!, p1[0]!)),
            Math.round(Math.min(p0[1]!, p1[1]!)),
            Math.round(Math.max(p0[0]!, p1[0]!)),
            Math.round(Math.max(p0[1]!, p1[1]!)),
          ],
          confidence: 100,
        })
      }
      lastBaseline = y
      lastEnd = x + item.width
      lastSize = size
    }
    if (item.hasEOL) breakPending = true
  }
  return { source, words }
}

export interface TextLayerQuality {
  /** Tokens of two or more characters with at least one letter. */
  tokens: number
  /** Of those, the ones that look like words of a language. */
  realWords: number
  ok: boolean
}

/** Below this many real words a layer is a stamp, a page number or a redaction label on a scan. */
const MIN_REAL_WORDS = 12
const MIN_REAL_SHARE = 0.6

const _LETTERS = /^\p{L}+(?:[-'’]\p{L}+)*$/u
const _VOWEL = /[aeiouyàáâäèéêëìíîïòóôöùúûü]/iu
// Five consonants in a row is rare in Dutch and English words, common in OCR garbage.
const _CONSONANT_RUN = /[b-df-hj-np-tv-xz]{5}/i
const _OPENERS = '("\'‘“'
const _CLOSERS = ')"\'’”.,;:!?'
const _CASE_OK = /^(?:\p{Lu}?[\p{Ll}'’-]+|[\p{Lu}'’-]+)$/u

/** Does a token look like a word (letters, a vowel, sane case), not OCR garbage? */
export function _isRealWord(token: string): boolean {
  // Strip quotes, brackets and punctuation around the word (a loop: no regex backtracking).
  let from = 0
  let to = token.length
  while (from < to && _OPENERS.includes(token[from]!)) from++
  while (to > from && _CLOSERS.includes(token[to - 1]!)) to--
  const word = token.slice(from, to)
  if (word.length < 2 || word.length > 30) return false
  if (!_LETTERS.test(word) || !_CASE_OK.test(word)) return false
  if (word.length > 3 && !_VOWEL.test(word)) return false
  return !_CONSONANT_RUN.test(word)
}

/** Is this text layer good: enough real words, most tokens words, no replacement characters? */
export function _textLayerQuality(source: string): TextLayerQuality {
  let tokens = 0
  let realWords = 0
  for (const match of source.matchAll(/\S+/g)) {
    // Numbers, dates and references are neither words nor garbage.
    if (match[0].length < 2 || !/\p{L}/u.test(match[0])) continue
    tokens++
    if (_isRealWord(match[0])) realWords++
  }
  // U+FFFD and private-use characters come from fonts without a usable ToUnicode map.
  const broken = (source.match(/[\uFFFD\uE000-\uF8FF]/g) ?? []).length
  const ok = realWords >= MIN_REAL_WORDS && realWords >= tokens * MIN_REAL_SHARE && broken <= source.length * 0.01
  return { tokens, realWords, ok }
}
