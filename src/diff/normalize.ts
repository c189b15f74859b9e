import { _memo } from '../memo.js'
// Comparison forms of words and blocks. The diff never compares raw OCR text:
// a token is compared on its `key` (case, accents and punctuation dropped), and
// blocks are matched on shingles of their `skeleton` (shape-alike letters
// folded too), so OCR noise moves a block's similarity only a little.

/** Case, accents and punctuation dropped: `‘Béleid,’` -> `beleid`. */
export const tokenKey: (text: string) => string = _memo(
  (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''),
  100_000,
)

// Multi-glyph OCR readings first (`rn` for `m`), then single shape-alikes.
const SKELETON_RUNS: Array<[RegExp, string]> = [
  [/rn/g, 'm'],
  [/cl/g, 'd'],
  [/vv/g, 'w'],
  [/ri/g, 'n'],
  [/li/g, 'h'],
]

/**
 * A token with OCR shape confusions folded (`lnstelling` and `Instelling` share
 * one), for similarity only: the folding is lossy, never shown.
 */
export const skeleton: (text: string) => string = _memo((text: string) => _skeleton(text), 100_000)


function _skeleton(text: string): string {
  let s = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[!|]/g, 'i')
  s = s.replace(/[^\p{L}\p{N}]/gu, '')
  for (const [pattern, to] of SKELETON_RUNS) s = s.replace(pattern, to)
  // Shape-alikes, then doubled letters (OCR doubles and drops them).
  return s.replace(/[l1]/g, 'i').replace(/0/g, 'o').replace(/f/g, 't').replace(/q/g, 'g').replace(/c(?!h)/g, 'e').replace(/(\p{L})\1+/gu, '$1')
}

/** 32-bit FNV-1a of a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

const GRAM = 4

/**
 * Sorted unique hashes of the character 4-grams of the joined skeleton. Joining
 * without spaces makes a split or merged word cost nothing.
 */
export function shingles(joinedSkeleton: string): Uint32Array {
  const s = joinedSkeleton
  if (s.length === 0) return new Uint32Array(0)
  if (s.length <= GRAM) return Uint32Array.of(hash32(s))
  const out = new Uint32Array(s.length - GRAM + 1)
  // Written and compared through a signed view of the same bits: small integers, no boxed numbers above 2^31.
  const bits = new Int32Array(out.buffer)
  // hash32 of each 4-character window, without cutting the window out.
  for (let i = 0; i + GRAM <= s.length; i++) {
    let h = 0x811c9dc5
    for (let k = i; k < i + GRAM; k++) {
      h ^= s.charCodeAt(k)
      h = Math.imul(h, 0x01000193)
    }
    bits[i] = h
  }
  out.sort()
  let w = 0
  for (let i = 0; i < bits.length; i++) if (i === 0 || bits[i] !== bits[w - 1]) bits[w++] = bits[i]!
  return out.slice(0, w)
}

/** |A ∩ B| of two sorted unique arrays. */
export function intersectSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0
  let j = 0
  let n = 0
  while (i < a.length && j < b.length) {
    const x = a[i]!
    const y = b[j]!
    if (x === y) {
      n++
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return n
}

/** Dice similarity of two shingle sets, 0..1. */
export function dice(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1
  if (a.length === 0 || b.length === 0) return 0
  return (2 * intersectSize(a, b)) / (a.length + b.length)
}

/** Sorted union of two sorted unique arrays. */
export function union(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length)
  let i = 0
  let j = 0
  let w = 0
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity
    const y = j < b.length ? b[j]! : Infinity
    if (x === y) {
      out[w++] = x
      i++
      j++
    } else if (x < y) {
      out[w++] = x
      i++
    } else {
      out[w++] = y as number
      j++
    }
  }
  return out.slice(0, w)
}

/** The `k` smallest shingle hashes: a bottom-k sketch, for finding candidates through an index. */
export function sketch(set: Uint32Array, k: number): Uint32Array {
  // A view, not a copy: callers only read it.
  return set.length <= k ? set : set.subarray(0, k)
}

// Words whose change turns a statement around. Never hidden as noise.
export const NEGATIONS: ReadonlySet<string> = new Set([
  'niet', 'geen', 'nooit', 'niets', 'niemand', 'nergens', 'noch', 'geenszins', 'nimmer', 'allerminst', 'zonder',
])

export const MONTHS: ReadonlySet<string> = new Set([
  'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december',
  'jan', 'feb', 'mrt', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'nov', 'dec',
  'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag',
])

/** A token that holds a digit: a number, a date part, an amount, a reference. */
export function hasDigit(text: string): boolean {
  return /\d/.test(text)
}

/** The digits of a token with letters that OCR confuses with digits read as digits: `2O23` -> `2023`. */
export function digitReading(text: string): string {
  return text
    .replace(/o/gi, '0')
    .replace(/[lI|!]/g, '1')
    .replace(/S/g, '5')
    .replace(/B/g, '8')
    .replace(/\D/g, '')
}

// Symbols that never stand inside a Dutch word: their presence marks a scan
// fragment (handwriting, a stamp edge) rather than text.
const JUNK_SYMBOL = /[\\/{}[\]<>=~^*#_@|¢©®°«»]/u

/**
 * True for a token that is scan debris rather than a word: punctuation only, a
 * run of symbols, a lone letter, a vowel-less lower-case run. `known` says whether
 * the lexicon knows the token (then it is never debris).
 */
export function isDebris(text: string, known: boolean | (() => boolean)): boolean {
  const key = tokenKey(text)
  if (key === '') return true
  // The shape rules first; the lexicon (possibly a costly look-up) only vetoes a hit.
  const isKnown = () => (typeof known === 'function' ? known() : known)
  const alnum = (text.match(/[\p{L}\p{N}]/gu) ?? []).length
  if (alnum / text.length < 0.6) return !(key.length > 1 && isKnown())
  // (Words joined by `_` are a space the OCR misread, not debris.)
  if (JUNK_SYMBOL.test(text) && !/^[\w.-]+@[\w.-]+\.[a-z]{2,}$/i.test(text) && !/^[\p{L}\p{N}’'-]+(?:_[\p{L}\p{N}’'-]+)+\p{P}?$/u.test(text)) {
    return !(key.length > 1 && isKnown())
  }
  if (/^\p{L}$/u.test(key)) return key !== 'u' // a lone letter; `u` is a word
  if (/^\p{Ll}+$/u.test(text) && !/[aeiouyáéíóúàèëïöü]/u.test(text)) return !isKnown()
  // Lower case followed by capitals inside a short word (`hWpw`), not an abbreviation.
  // (Longer words with a capital inside are a misread `l`/`I`: `digitaIisering`.)
  if (text.length <= 5 && /\p{Ll}\p{Lu}/u.test(text) && !/^\p{Lu}/u.test(text)) return !isKnown()
  return false
}

/** Internal punctuation between letters/digits that OCR produces (`januari:2024`, `van(maatwer`). */
export function looksDamaged(text: string): boolean {
  return /[\p{L}\p{N}][:;()[\]{}"“”,.][\p{L}\p{N}]/u.test(text) && !/^[\d.,:]+$/.test(text) && !/^(?:\p{L}\.){2,}/u.test(text)
}
