// How much a word, and a whole copy, looks like clean print: the evidence the
// vote (consensus.ts) and the choice of canonical copy (index.ts) rest on.
import type { Document, Metadata } from '../types.js'
import { isJunkToken, type FlatToken } from './normalize.js'

/** The part of a lexicon dedupe needs (src/correct/lexicon.ts provides it). */
export interface WordList {
  has(word: string): boolean
  isTerm(word: string): boolean
}

const PUNCT = /[\p{P}\p{S}]/u

/** The word without punctuation at its edges (a loop, not a regex: no backtracking on long junk). */
function _core(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && PUNCT.test(text[start]!)) start++
  while (end > start && PUNCT.test(text[end - 1]!)) end--
  return text.slice(start, end)
}

/**
 * 1 for a lexicon word, a term or a number; 0.6 for a plausible word the
 * lexicon lacks (a name, a code); 0.3 for a word with OCR-typical damage
 * (digits or stray signs inside letters); 0 for junk.
 */
export function wordQuality(text: string, lexicon: WordList): number {
  let cache = _qualityCache.get(lexicon)
  if (!cache || cache.size >= 200_000) {
    cache = new Map()
    _qualityCache.set(lexicon, cache)
  }
  const cached = cache.get(text)
  if (cached !== undefined) return cached
  const q = _wordQuality(text, lexicon)
  cache.set(text, q)
  return q
}

const _qualityCache = new WeakMap<WordList, Map<string, number>>()

function _wordQuality(text: string, lexicon: WordList): number {
  if (isJunkToken(text)) return 0
  const core = _core(text)
  if (core === '') return 0.4 // punctuation standing alone: a dash as printed, or a speck
  // One letter alone is rarely a word (`u` is); one digit alone is often a page number or a speck.
  if ([...core].length === 1) return /^[uUa]$/.test(core) ? 1 : 0.4
  if (/^[\d.,:%/-]+$/.test(core)) return 1
  if (lexicon.isTerm(core) || lexicon.has(core)) return 1
  // A hyphenated or slashed compound of known parts (`wet- en`, `ICT-achterstanden`).
  const parts = core.split(/[-/]/).filter(Boolean)
  if (parts.length > 1 && parts.every((p) => lexicon.has(p) || lexicon.isTerm(p))) return 1
  if (/\p{L}/u.test(core) && /[\d|!€@#$^*_=+<>\\{}[\]~]/u.test(core)) return 0.3
  if (/^\p{L}+$/u.test(core) && /\p{Lu}/u.test(core.slice(1)) && /\p{Ll}/u.test(core.slice(1))) return 0.3 // `kabInetsreactie`
  // Lower-case letters without a vowel are no Dutch word (`hwpw`); capitals may be an abbreviation.
  if (/^\p{Ll}{3,}$/u.test(core) && !/[aeiouyáéíóúàèëïöüäj]/u.test(core)) return 0.3
  return 0.6
}

/** Copies differ in length by furniture and handwriting too: only a larger shortfall (a lost page) is damage. */
const SHORTFALL_TOLERANCE = 0.1

export interface Damage {
  score: number
  unknown: number
  junk: number
  annotation: number
  confidence: number | null
  missing: string[]
  coverage: number
}

/** The metadata fields a copy can be missing. */
export const DAMAGE_FIELDS: Array<keyof Metadata> = ['title', 'date', 'to', 'reference', 'organisation', 'status']

/**
 * Estimated damage of one copy: unknown words, junk, handwriting, low OCR
 * confidence, missing metadata (only fields some other copy has) and missing
 * text (share of the longest copy's words it lacks). Lower is better.
 */
export function estimateDamage(doc: Document, tokens: FlatToken[], lexicon: WordList, longest: number, knownFields: Set<string>): Damage {
  let words = 0
  let unknown = 0
  let junk = 0
  let confSum = 0
  let confCount = 0
  let chars = 0
  for (const { token } of tokens) {
    chars += token.text.length + 1
    if (token.confidence !== undefined) {
      confSum += token.confidence
      confCount++
    }
    const q = wordQuality(token.text, lexicon)
    if (q === 0) junk++
    if (!/\p{L}{2}/u.test(token.text)) continue
    words++
    if (q < 1) unknown++
  }
  const annotationChars = doc.annotations.reduce((sum, a) => sum + (a.end - a.start), 0)
  const missing = DAMAGE_FIELDS.filter((field) => knownFields.has(field) && doc.metadata[field] === null)
  const confidence = confCount > 0 ? confSum / confCount : null
  const unknownRate = words > 0 ? unknown / words : 1
  const junkRate = tokens.length > 0 ? junk / tokens.length : 1
  const annotation = chars > 0 ? Math.min(1, annotationChars / chars) : annotationChars > 0 ? 1 : 0
  const coverage = longest > 0 ? Math.max(0, 1 - tokens.length / longest) : 0
  const score =
    unknownRate + junkRate + 0.5 * annotation + (confidence === null ? 0 : (0.5 * (100 - confidence)) / 100) +
    0.05 * missing.length + 0.03 * doc.uncertain.length + Math.max(0, coverage - SHORTFALL_TOLERANCE)
  return { score, unknown: unknownRate, junk: junkRate, annotation, confidence, missing, coverage }
}

/** `4.1 % unknown words, 0.3 % junk, no handwriting, mean OCR confidence 88, metadata complete` */
export function describeDamage(d: Damage): string {
  const pct = (x: number): string => `${(100 * x).toFixed(1)} %`
  const parts = [`${pct(d.unknown)} unknown words`, `${pct(d.junk)} junk`]
  parts.push(d.annotation > 0 ? `${pct(d.annotation)} handwriting` : 'no handwriting')
  if (d.confidence !== null) parts.push(`mean OCR confidence ${Math.round(d.confidence)}`)
  parts.push(d.missing.length > 0 ? `missing ${d.missing.join(', ')}` : 'metadata complete')
  if (d.coverage > SHORTFALL_TOLERANCE) parts.push(`${pct(d.coverage)} shorter than the longest copy`)
  return parts.join(', ')
}
