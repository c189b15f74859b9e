// Which differences are OCR noise. A difference is noise only when the OCR
// confusion model and the lexicon together explain it: a split or merged word,
// a shape confusion that turns a word into a non-word, scan debris, a sidebar
// fragment. A number, date, name or negation that reads differently on the two
// sides is never noise; where OCR damage makes it doubtful it is shown with
// `uncertain: true`.
import { _memo } from '../memo.js'
import { distance } from 'fastest-levenshtein'
import { confusionCost } from '../correct/confusion.js'
import { confusionLowerBound } from './bound.js'
import { loadLexicon } from '../correct/lexicon.js'
import type { Metadata, Token } from '../types.js'
import { MONTHS, NEGATIONS, digitReading, hasDigit, isDebris, looksDamaged, skeleton, tokenKey } from './normalize.js'

/** A token as the noise model sees it. */
export interface NoiseToken {
  text: string
  key: string
  skel: string
}

// Per-token facts, computed once per spelling and noise context (tokens are judged
// in many hunks, and the same words recur all through a document). Kept on the
// context in a plain map by text: a token's key and skeleton follow from its text.
interface _Facts {
  numeric: boolean
  protect: Protect
  debris: boolean
  /** How the token is skipped outside a sidebar field (asked when first needed). */
  skip?: SkipVerdict
}

function _factsOf(token: NoiseToken, ctx: NoiseContext): _Facts {
  const byText = ctx.facts
  let f = byText.get(token.text)
  if (!f) {
    const numeric = _numericText(token.text)
    f = { numeric, protect: _protectedUncached(token, ctx, numeric), debris: isDebris(token.text, () => ctx.valid(token.text)) }
    if (byText.size >= MEMO_LIMIT) byText.clear()
    byText.set(token.text, f)
  }
  return f
}

export interface NoiseContext {
  /** The lexicon (or the document vocabulary) knows this spelling. */
  valid(text: string): boolean
  /** A word of the general lexicon (not only a term or a frequent document word). */
  word(text: string): boolean
  variant(a: string, b: string): boolean
  /** A frequent word (from the lexicon's frequency list). */
  common(text: string): boolean
  /** Key sequences of multi-word furniture printed in the sidebar (the status, `TER BESLISSING`). */
  phrases: string[][]
  /** Keys of the organisation's name: a one-sided run of only these is letterhead bleed. */
  organisation: ReadonlySet<string>
  /** Per-token facts given in this diff, by the token's text (see _factsOf). */
  facts: Map<string, _Facts>
  /** Verdicts already given in this diff, by the hunk's texts (scans repeat their mistakes). */
  hunks: Map<string, HunkVerdict>
  /** Keys of sidebar/letterhead labels: their presence makes a one-sided fragment page furniture. */
  labels: ReadonlySet<string>
  /** Keys of words that sidebars and letterheads carry (metadata values, furniture words). */
  furniture: ReadonlySet<string>
  /** Per side: handwriting follows this word in the scan (words missing after it were covered, not deleted). */
  handwritingNext?: { old: (token: Token) => boolean; new: (token: Token) => boolean }
}

// Labels of the Rijkshuisstijl sidebar and of page furniture.
const LABELS = [
  'datum', 'referentie', 'kenmerk', 'bijlage', 'bijlagen', 'bijlagenn', 'contactpersoon', 'inlichtingen', 'directie',
  'afdeling', 'postbus', 'pagina', 'telefoon', 'email', 'mobiel', 'onze', 'uw', 'www', 'rijksoverheidnl', 'status',
  'behandeld', 'doorkiesnummer', 'ons', 'kopie',
]
const FURNITURE = [
  'ter', 'beslissing', 'informatie', 'ondertekening', 'advies', 'ministerie', 'den', 'haag', 'nl', 'nota', 'bezoekadres',
  'rijksoverheid', 'en', 'de', 'het', 'voor', 'aan', 'van',
]

/**
 * A noise context for one pair of documents. `vocabulary` counts token keys over
 * both documents: a spelling seen at least twice is taken as a real word there
 * (a name the lexicon lacks), a one-off OCR misreading is not.
 */
/** Answers a noise context keeps per question before it forgets them. */
const MEMO_LIMIT = 200_000

export function createNoiseContext(vocabulary: Map<string, number>, metadata: Metadata[]): NoiseContext {
  // The lexicon is loaded when the diff first asks it something (two documents that agree ask nothing).
  let loaded: ReturnType<typeof loadLexicon> | undefined
  const lexicon = () => (loaded ??= loadLexicon())
  // Each a question the diff asks of the same words again and again: remembered per pair of documents.
  const word = _memo((text: string): boolean => {
    const bare = _trim(text, /[\p{L}\p{N}]/u)
    return bare !== '' && lexicon().has(bare) && !lexicon().isTerm(bare)
  }, MEMO_LIMIT)
  const valid = _memo((text: string): boolean => {
    const bare = _trim(text, /[\p{L}\p{N}]/u)
    // The document's own vocabulary vouches only for names (a capital): debris repeats too.
    return bare !== '' && (/^\d[\d.,:/-]*$/.test(bare) || lexicon().has(bare) || lexicon().isTerm(bare) || (/^\p{Lu}/u.test(bare) && (vocabulary.get(tokenKey(bare)) ?? 0) >= 2))
  }, MEMO_LIMIT)
  const common = _memo((text: string): boolean => (lexicon().frequency?.(_trim(text, /\p{L}/u)) ?? 0) > 0, MEMO_LIMIT)
  const furniture = new Set(FURNITURE)
  const phrases: string[][] = []
  const organisation = new Set<string>()
  for (const meta of metadata) {
    for (const field of ['organisation', 'directorate', 'status', 'reference'] as const) {
      const value = meta[field]
      if (!value) continue
      const keys = value.split(/\s+/).map(tokenKey).filter(Boolean)
      for (const key of keys) furniture.add(key)
      if (field === 'status' && keys.length >= 2) phrases.push(keys)
      if (field === 'organisation' || field === 'directorate') for (const key of keys) if (key.length >= 5) organisation.add(key)
    }
  }
  return { valid, word, variant: _variant, common, labels: new Set(LABELS), furniture, phrases, organisation, facts: new Map(), hunks: new Map() }
}

/** `_variantUncached` of a pair, remembered under `a \0 b`. */
const _variantMemo = _memo((pair: string): boolean => {
  const at = pair.indexOf('\u0000')
  return _variantUncached(pair.slice(0, at), pair.slice(at + 1))
}, 50_000)

/** `text` without the characters at either end that `keep` does not match (linear, no backtracking). */
function _trim(text: string, keep: RegExp): string {
  const chars = [...text]
  let start = 0
  let end = chars.length
  while (start < end && !keep.test(chars[start]!)) start++
  while (end > start && !keep.test(chars[end - 1]!)) end--
  return chars.slice(start, end).join('')
}

function _variant(a: string, b: string): boolean {
  if (a.length > 60 || b.length > 60) return false
  // Lengths far apart: more than a few edits, never a variant (and no DP to run).
  if (Math.abs(a.length - b.length) > Math.max(2, Math.ceil(0.25 * Math.max(a.length, b.length)))) return false
  return _variantMemo(a + '\u0000' + b)
}

/** Keys too many plain edits apart for any OCR reading of one to give the other. */
function _keysApart(ka: string, kb: string): boolean {
  const longest = Math.max(ka.length, kb.length)
  // A glyph run read as one (`rn`/`m`) changes the length: one more edit then.
  const slack = ka.length !== kb.length ? 1 : 0
  const limit = longest <= 4 ? 2 : longest <= 8 ? 2 + slack : Math.ceil(0.4 * longest)
  // The distance is at least the difference of the lengths and at most the longer length.
  if (Math.abs(ka.length - kb.length) > limit) return true
  if (longest <= limit) return false
  return distance(ka, kb) > limit
}

function _variantUncached(a: string, b: string): boolean {
  // A cheap bit-parallel Levenshtein on the folded text rules most pairs out
  // before the weighted OCR distance runs (a confusion costs at most 2 there).
  const ka = tokenKey(a)
  const kb = tokenKey(b)
  if (_keysApart(ka, kb)) return false
  if (ka === kb) return true
  if (_bare(a) === _bare(b)) return true
  // One weighted OCR distance, against the larger of correct/'s variant budget
  // (isOcrVariant) and ours: one cheap confusion in a short word, one ordinary
  // edit in a longer one, a little more in long words.
  const len = Math.max(a.length, b.length)
  // Punctuation glued into a word (`van(maatwer`) is debris, not a letter edit: also try without it.
  const theirs = len <= 3 ? 0.35 : len <= 6 ? 0.65 : Math.min(2.2, 0.12 * len + 0.3)
  const ours = len <= 4 ? 0.8 : Math.min(2, 1.05 + 0.1 * Math.max(0, len - 6))
  const budget = Math.max(theirs, ours)
  // The weighted DP only where a cheap lower bound of its cost leaves room.
  if (_within(a, b, budget)) return true
  const sa = a.replace(GLUED, '')
  const sb = b.replace(GLUED, '')
  return (sa !== a || sb !== b) && _within(sa, sb, budget)
}

const MARKS = /\p{M}/gu
const BREAKS = /[\s_-]+/g
// Punctuation glued into a word (what `_variantUncached` also tries without).
const GLUED = /[^\p{L}\p{N}!|\s]/gu

/** Case, accents, spaces, underscores and hyphens dropped. */
function _bare(x: string): string {
  return x.normalize('NFD').replace(MARKS, '').toLowerCase().replace(BREAKS, '')
}

/** The weighted OCR distance within `budget`, the DP only where a cheap lower bound of its cost leaves room. */
function _within(x: string, y: string, budget: number): boolean {
  return confusionLowerBound(x, y, budget + 1e-9) <= budget + 1e-9 && confusionCost(x, y) <= budget
}

/** A token that is mostly digits: a number, possibly with a misread digit (`2O23`). */
function _numericText(text: string): boolean {
  let digits = 0
  let letters = 0
  for (const c of text) {
    if (c >= '0' && c <= '9') digits++
    else if (c.toLowerCase() !== c.toUpperCase()) letters++
  }
  return digits > 0 && digits > letters
}


const _numericMemo = _memo(_numericText, 100_000)

function _numeric(token: NoiseToken): boolean {
  return _numericMemo(token.text)
}

/** Whether a token is debris (cached; the lexicon decides for known words). */
function _debris(token: NoiseToken, ctx: NoiseContext): boolean {
  return _factsOf(token, ctx).debris
}


export function noiseToken(text: string): NoiseToken {
  return { text, key: tokenKey(text), skel: skeleton(text) }
}

type Protect = 'number' | 'negation' | 'month' | 'name' | null

function _protected(token: NoiseToken, ctx: NoiseContext): Protect {
  return _factsOf(token, ctx).protect
}

function _protectedUncached(token: NoiseToken, ctx: NoiseContext, numeric: boolean): Protect {
  if (numeric) return 'number'
  if (NEGATIONS.has(token.key)) return 'negation'
  if (MONTHS.has(token.key)) return 'month'
  // A name the document or the term list vouches for; an unknown capitalised
  // token is as likely a damaged word at the start of a sentence.
  if (/^\P{L}*\p{Lu}/u.test(token.text) && token.key.length > 1 && !ctx.word(token.text) && ctx.valid(token.text)) return 'name'
  return null
}

// Digits OCR reads one for another.
const DIGIT_CONFUSION = new Set(['38', '83', '17', '71', '56', '65', '68', '86', '08', '80', '69', '96', '49', '94', '35', '53'])

function _digitsConfusable(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false
  let diffs = 0
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue
    if (!DIGIT_CONFUSION.has(a[i]! + b[i]!)) return false
    diffs++
  }
  return diffs === 1
}

type PairVerdict = 'noise' | 'doubtful' | 'real'

/** One old token (or joined run) read against one new token (or joined run). */
function _pair(oldText: string, newText: string, oldTokens: NoiseToken[], newTokens: NoiseToken[], ctx: NoiseContext): PairVerdict {
  const joinedOld = _joined(oldTokens, 'key')
  const joinedNew = _joined(newTokens, 'key')
  if (joinedOld === joinedNew) return 'noise'
  // Far apart in length: no OCR reading of one gives the other (and no digit confusion either).
  const longer = Math.max(joinedOld.length, joinedNew.length)
  if (Math.abs(joinedOld.length - joinedNew.length) > Math.max(2, Math.ceil(0.3 * longer))) return 'real'
  if (_anyNumeric(oldTokens) || _anyNumeric(newTokens)) return _pairNumbers(oldTokens, newTokens, ctx)
  const skelOld = _joined(oldTokens, 'skel')
  const skelNew = _joined(newTokens, 'skel')
  if (skelOld === skelNew) return 'noise' // shape-alike glyphs only: the same reading
  if (!ctx.variant(oldText, newText)) return 'real'
  return _pairWords(oldTokens, newTokens, ctx, skelOld === skelNew)
}

function _anyNumeric(tokens: NoiseToken[]): boolean {
  for (let k = 0; k < tokens.length; k++) if (_numeric(tokens[k]!)) return true
  return false
}

/** _pair where a side holds a number. */
function _pairNumbers(oldTokens: NoiseToken[], newTokens: NoiseToken[], ctx: NoiseContext): PairVerdict {
  // A number reads the same when its digits (letters read as digits) agree and
  // one side is not a clean number (`2O23`); two clean numbers that differ are a change.
  const reading = (t: NoiseToken) => (_numeric(t) || /^[OoIlSB|!]+$/.test(t.text) ? digitReading(t.text) : '')
  const readOld = oldTokens.map(reading).join('')
  const readNew = newTokens.map(reading).join('')
  const lettersOld = oldTokens.filter((t) => reading(t) === '').map((t) => t.skel).join('')
  const lettersNew = newTokens.filter((t) => reading(t) === '').map((t) => t.skel).join('')
  if (readOld === readNew && readOld !== '') {
    if (lettersOld === lettersNew || ctx.variant(lettersOld, lettersNew)) return 'noise'
    return 'doubtful'
  }
  if (_digitsConfusable(readOld, readNew)) return 'doubtful'
  return 'real'
}

/** _pair of two spellings that OCR could confuse: whether the lexicon and the protected words let it pass as noise. */
function _pairWords(oldTokens: NoiseToken[], newTokens: NoiseToken[], ctx: NoiseContext, sameSkeleton: boolean): PairVerdict {
  const merged = oldTokens.length > 1 || newTokens.length > 1
  const oldValid = _allValid(oldTokens, ctx)
  const newValid = _allValid(newTokens, ctx)
  // Numbers are handled above; negations and months are the words whose change turns the meaning.
  let strong = false
  let name = false
  for (let side = 0; side < 2; side++) {
    const tokens = side === 0 ? oldTokens : newTokens
    for (let k = 0; k < tokens.length; k++) {
      const kind = _protected(tokens[k]!, ctx)
      if (kind === 'negation' || kind === 'month') strong = true
      else if (kind === 'name') name = true
    }
  }
  // Two real spellings that OCR could confuse: the scan cannot tell which one
  // stood there, unless one is a frequent word and the other a rare one (`de`, `dc`).
  if (oldValid && newValid && !merged) {
    // Two names, a name and a word, a negation or a month: the scan cannot tell
    // which one stood there, so the change shows, marked uncertain.
    if (name || strong) return 'doubtful'
    // Two ordinary words the lexicon both knows, one OCR edit apart (`normen`,
    // `noren`): the commonest misreading a lexicon cannot catch. Noise.
    return 'noise'
  }
  if (oldValid && newValid && merged) {
    // `na dien` against `nadien`: a word break; fine unless a protected word changes.
    return strong ? 'doubtful' : 'noise'
  }
  // Two unknown spellings of a negation or month: only shape-alike glyphs are noise.
  if (strong && !oldValid && !newValid) return sameSkeleton ? 'noise' : 'doubtful'
  void name
  return 'noise'
}

function _allValid(tokens: NoiseToken[], ctx: NoiseContext): boolean {
  for (let k = 0; k < tokens.length; k++) if (!ctx.valid(tokens[k]!.text)) return false
  return true
}

type SkipVerdict = 'noise' | 'debris' | 'real' | 'furniture-number'

function _skip(token: NoiseToken, ctx: NoiseContext, hasLabel: boolean): SkipVerdict {
  if (hasLabel) return _skipUncached(token, ctx, true)
  const facts = _factsOf(token, ctx)
  return (facts.skip ??= _skipUncached(token, ctx, false))
}

function _skipUncached(token: NoiseToken, ctx: NoiseContext, hasLabel: boolean): SkipVerdict {
  if (_numeric(token)) {
    if (hasLabel) return 'noise'
    return /^\D*\d{1,2}\D*$/.test(token.text) ? 'furniture-number' : 'real'
  }
  if (_debris(token, ctx)) return 'debris'
  // A one- or two-letter scrap that is no frequent word (`ij`, `WM`): debris too.
  if (token.key.length <= 2 && !ctx.common(token.text) && !NEGATIONS.has(token.key)) return 'debris'
  // A capitalised word of the organisation's name: letterhead bleed.
  if (ctx.organisation.has(token.key) && /^\p{Lu}/u.test(token.text)) return 'noise'
  if (!hasLabel) return 'real'
  if (ctx.labels.has(token.key) || ctx.furniture.has(token.key) || MONTHS.has(token.key)) return 'noise'
  return 'real'
}

const FURNITURE_GLUE = new Set(['en', 'van', 'de', 'het', 'voor', 'ministerie'])

// A sidebar field is a label and a short value: `Datum 19 januari 2024`, `Pagina 2 van 3`.
const VALUE_WORDS = 3

/**
 * Which tokens belong to a sidebar or letterhead fragment: a label and up to
 * three value words after it, a printed status phrase, or (`letterhead`) all.
 * A number there is furniture; a number elsewhere in the hunk is not.
 */
function _furnitureRuns(tokens: NoiseToken[], ctx: NoiseContext, letterhead: boolean, other: NoiseToken[]): boolean[] {
  const marks = new Array<boolean>(tokens.length).fill(letterhead)
  // A label both sides print is text (`zie pagina 4` against `zie pagina 5`), not furniture.
  let otherLabels: Set<string> | null = null
  for (let k = 0; k < other.length; k++) {
    const key = other[k]!.key
    if (ctx.labels.has(key)) (otherLabels ??= new Set()).add(key)
  }
  for (let p = 0; p < ctx.phrases.length; p++) {
    const phrase = ctx.phrases[p]!
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      let k = 0
      while (k < phrase.length && tokens[i + k]!.key === phrase[k]) k++
      if (k === phrase.length) for (k = 0; k < phrase.length; k++) marks[i + k] = true
    }
  }
  let after = -1
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (ctx.labels.has(t.key)) {
      if (otherLabels?.has(t.key)) {
        after = -1
        continue
      }
      marks[i] = true
      after = 0
      continue
    }
    if (after < 0 || after >= VALUE_WORDS) continue
    // Glue words belong to the value only between numbers (`Pagina 2 van 3`).
    const glue = FURNITURE_GLUE.has(t.key) && !(i + 1 < tokens.length && /\d/.test(tokens[i + 1]!.text))
    if (!glue && (_numeric(t) || MONTHS.has(t.key) || ctx.furniture.has(t.key) || /\d/.test(t.text))) {
      marks[i] = true
      after++
    } else after = -1
  }
  return marks
}

/** Tokens that block similarity should not see: sidebar fragments (a label and its value) and scan debris. */
export function furnitureMask(tokens: NoiseToken[], ctx: NoiseContext): boolean[] {
  const runs = _furnitureRuns(tokens, ctx, false, [])
  // Debris by shape only (no lexicon look-up): this runs on every token.
  for (let k = 0; k < tokens.length; k++) if (!runs[k]) runs[k] = _shapeDebris(tokens[k]!.text)
  return runs
}

const _shapeDebris = _memo((text: string): boolean => isDebris(text, false), 100_000)

// Scratch arrays for the hunk alignment, reused across calls (hunks are small and many).
const _scratch = {
  size: 0,
  cost: new Float64Array(0),
  realProtected: new Uint8Array(0),
  realAny: new Uint16Array(0),
  doubts: new Uint16Array(0),
  damage: new Uint8Array(0),
  furnitureNumbers: new Uint16Array(0),
  debris: new Uint16Array(0),
}

function _growScratch(cells: number): void {
  if (_scratch.size >= cells) return
  const size = Math.max(cells, 256)
  _scratch.size = size
  _scratch.cost = new Float64Array(size)
  _scratch.realProtected = new Uint8Array(size)
  _scratch.realAny = new Uint16Array(size)
  _scratch.doubts = new Uint16Array(size)
  _scratch.damage = new Uint8Array(size)
  _scratch.furnitureNumbers = new Uint16Array(size)
  _scratch.debris = new Uint16Array(size)
}

export interface HunkVerdict {
  noise: boolean
  uncertain: boolean
}

const REAL = 100
const DOUBT = 10
// Skipping a short number as furniture: dearer than pairing it with another number.
const FURNITURE_NUMBER = 60
const NOISE = 1
const MAX_CELLS = 196

/**
 * Decide whether one hunk (old tokens deleted, new tokens inserted, between two
 * equal runs) is OCR noise. A small alignment over the hunk's tokens pairs each
 * old token with a new one (or a run of up to three with one, for split and
 * merged words) or skips it as debris, taking the cheapest explanation.
 */
export function classifyHunk(oldTokens: NoiseToken[], newTokens: NoiseToken[], ctx: NoiseContext): HunkVerdict {
  let cacheKey = ''
  for (let k = 0; k < oldTokens.length; k++) cacheKey += k === 0 ? oldTokens[k]!.text : '\u0001' + oldTokens[k]!.text
  cacheKey += '\u0002'
  for (let k = 0; k < newTokens.length; k++) cacheKey += k === 0 ? newTokens[k]!.text : '\u0001' + newTokens[k]!.text
  let verdict = ctx.hunks.get(cacheKey)
  if (!verdict) {
    verdict = _classifyWithoutFurniture(oldTokens, newTokens, ctx)
    if (ctx.hunks.size < 200_000) ctx.hunks.set(cacheKey, verdict)
  }
  return verdict
}

/** Short words OCR loses in a run (`is er een` read as `i`): never a negation, never content. */
const LOSABLE = new Set(['is', 'er', 'een', 'de', 'het', 'en', 'in', 'op', 'te', 'van', 'aan', 'dat', 'die', 'we', 'u', 'zo', 'al', 'om', 'of'])

/**
 * A run of short function words one copy lost where the other kept only the first letters
 * of the run (`i` against `is er een`): a scan that lost ink, not an edit. Symmetric by
 * construction, so `diff(b, a)` judges it the same.
 */
function _lostShortWords(a: NoiseToken[], b: NoiseToken[]): boolean {
  const [one, run] = a.length === 1 ? [a[0]!, b] : b.length === 1 ? [b[0]!, a] : [null, []]
  if (!one || run.length < 2 || run.length > 4) return false
  if (one.key.length > 2 || !run[0]!.key.startsWith(one.key)) return false
  return run.every((t) => LOSABLE.has(t.key) && !NEGATIONS.has(t.key))
}

function _classifyWithoutFurniture(oldTokens: NoiseToken[], newTokens: NoiseToken[], ctx: NoiseContext): HunkVerdict {
  const verdict = _classifyHunk(oldTokens, newTokens, ctx)
  if (verdict.noise) return verdict
  if (_lostShortWords(oldTokens, newTokens)) return { ...verdict, noise: true, uncertain: false }
  if (!_anyStrippable(oldTokens, ctx) && !_anyStrippable(newTokens, ctx)) return verdict
  // Furniture or debris inside a split or merged word (`op Datum 8 november 2023
  // sturing` against `opsturing`): judge the rest without it.
  const keptOld = _kept(oldTokens, newTokens, ctx)
  const keptNew = _kept(newTokens, oldTokens, ctx)
  if (keptOld.length === oldTokens.length && keptNew.length === newTokens.length) return verdict
  const inner = _classifyHunk(keptOld, keptNew, ctx)
  return inner.noise ? inner : verdict
}

/** A token that furniture or debris stripping could take out. */
function _anyStrippable(tokens: NoiseToken[], ctx: NoiseContext): boolean {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!
    if (ctx.labels.has(t.key) || ctx.organisation.has(t.key) || t.key.length <= 2 || _shapeDebris(t.text)) return true
  }
  return false
}

/** The tokens without sidebar furniture and debris. */
function _kept(tokens: NoiseToken[], other: NoiseToken[], ctx: NoiseContext): NoiseToken[] {
  const runs = _furnitureRuns(tokens, ctx, false, other)
  const out: NoiseToken[] = []
  for (let k = 0; k < tokens.length; k++) {
    const s = _skip(tokens[k]!, ctx, runs[k]!)
    if (s !== 'noise' && s !== 'debris') out.push(tokens[k]!)
  }
  return out
}

function _classifyHunk(oldTokens: NoiseToken[], newTokens: NoiseToken[], ctx: NoiseContext): HunkVerdict {
  const n = oldTokens.length
  const m = newTokens.length
  if (n === 0 && m === 0) return { noise: true, uncertain: false }
  // Split and merged words, punctuation, underscores for spaces: the same letters.
  if (n > 0 && m > 0 && _joined(oldTokens, 'key') === _joined(newTokens, 'key')) return { noise: true, uncertain: false }
  // The commonest hunk, one word against one word: a noise reading is the cheapest
  // explanation the alignment below could find, so it needs no alignment.
  if (n === 1 && m === 1 && _pair(oldTokens[0]!.text, newTokens[0]!.text, oldTokens, newTokens, ctx) === 'noise') return { noise: true, uncertain: false }
  const letterhead = _letterhead(oldTokens, newTokens, ctx)
  const furnitureOld = _furnitureRuns(oldTokens, ctx, letterhead, newTokens)
  const furnitureNew = _furnitureRuns(newTokens, ctx, letterhead, oldTokens)
  // Fast path: without furniture and debris, the two sides' letters must be close
  // for any explanation by OCR; a rewritten phrase is not, and needs no alignment.
  const allOld = _joined(oldTokens, 'skel')
  const allNew = _joined(newTokens, 'skel')
  if (_far(allOld, allNew)) {
    const bareOld = _core(oldTokens, furnitureOld, ctx)
    const bareNew = _core(newTokens, furnitureNew, ctx)
    if ((bareOld === allOld && bareNew === allNew) || _far(bareOld, bareNew)) return { noise: false, uncertain: false }
  }
  if ((n + 1) * (m + 1) > MAX_CELLS) return { noise: allOld === allNew, uncertain: false }
  return _alignHunk(oldTokens, newTokens, ctx, furnitureOld, furnitureNew)
}

/** The tokens' texts joined with spaces. */
function _spaced(tokens: NoiseToken[]): string {
  let out = tokens[0]!.text
  for (let k = 1; k < tokens.length; k++) out += ' ' + tokens[k]!.text
  return out
}

/** One field of the tokens, joined without a separator. */
function _joined(tokens: NoiseToken[], field: 'key' | 'skel'): string {
  let out = ''
  if (field === 'key') for (let k = 0; k < tokens.length; k++) out += tokens[k]!.key
  else for (let k = 0; k < tokens.length; k++) out += tokens[k]!.skel
  return out
}

/** A hunk of only the organisation's name (with glue words and debris): letterhead bleed. */
function _letterhead(oldTokens: NoiseToken[], newTokens: NoiseToken[], ctx: NoiseContext): boolean {
  let any = false
  for (const tokens of [oldTokens, newTokens]) for (let k = 0; k < tokens.length; k++) if (ctx.organisation.has(tokens[k]!.key)) any = true
  if (!any) return false
  for (const tokens of [oldTokens, newTokens]) {
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!
      if (!(ctx.organisation.has(t.key) || FURNITURE_GLUE.has(t.key) || _debris(t, ctx))) return false
    }
  }
  return true
}

/** The skeletons of the tokens that are no furniture, debris or letterhead word, joined. */
function _core(tokens: NoiseToken[], furniture: boolean[], ctx: NoiseContext): string {
  let out = ''
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!
    if (!furniture[k] && !_debris(t, ctx) && !(ctx.organisation.has(t.key) && /^\p{Lu}/u.test(t.text))) out += t.skel
  }
  return out
}

/** Letters too far apart for any OCR explanation. */
function _far(x: string, y: string): boolean {
  const limit = Math.max(2, Math.ceil(0.4 * Math.max(x.length, y.length)))
  // The distance is at least the difference of the lengths and at most the longer length.
  if (Math.abs(x.length - y.length) > limit) return true
  if (Math.max(x.length, y.length) <= limit) return false
  return distance(x, y) > limit
}

/** The cheapest explanation of a hunk by a small alignment of its tokens (see classifyHunk). */
function _anySet(flags: Uint8Array): boolean {
  for (let k = 0; k < flags.length; k++) if (flags[k] !== 0) return true
  return false
}

/** How each token would be skipped (see _skip). */
function _skips(tokens: NoiseToken[], furniture: boolean[], ctx: NoiseContext): SkipVerdict[] {
  const out: SkipVerdict[] = []
  for (let k = 0; k < tokens.length; k++) out.push(_skip(tokens[k]!, ctx, furniture[k]!))
  return out
}

/** Per token of one side: protected (a number, date, name or negation), damaged, numeric; 1 or 0. */
function _tokenFacts(tokens: NoiseToken[], ctx: NoiseContext): { prot: Uint8Array; dmg: Uint8Array; num: Uint8Array } {
  const prot = new Uint8Array(tokens.length)
  const dmg = new Uint8Array(tokens.length)
  const num = new Uint8Array(tokens.length)
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!
    prot[k] = _protected(t, ctx) !== null ? 1 : 0
    dmg[k] = looksDamaged(t.text) ? 1 : 0
    num[k] = _numeric(t) ? 1 : 0
  }
  return { prot, dmg, num }
}

function _alignHunk(oldTokens: NoiseToken[], newTokens: NoiseToken[], ctx: NoiseContext, furnitureOld: boolean[], furnitureNew: boolean[]): HunkVerdict {
  const n = oldTokens.length
  const m = newTokens.length
  const width = m + 1
  const cells = (n + 1) * width
  _growScratch(cells)
  const cost = _scratch.cost
  cost.fill(Infinity, 0, cells)
  // What each step was: for the verdict, count real steps and whether they touch protected words.
  const realProtected = _scratch.realProtected
  const realAny = _scratch.realAny
  const doubts = _scratch.doubts
  const damage = _scratch.damage
  const furnitureNumbers = _scratch.furnitureNumbers
  const debris = _scratch.debris
  realProtected[0] = realAny[0] = doubts[0] = damage[0] = furnitureNumbers[0] = debris[0] = 0
  cost[0] = 0
  const skipOld = _skips(oldTokens, furnitureOld, ctx)
  const skipNew = _skips(newTokens, furnitureNew, ctx)
  // Per-token facts the cells below ask again and again, read once (typed arrays: one shape whatever the length).
  const { prot: protOld, dmg: dmgOld, num: numOld } = _tokenFacts(oldTokens, ctx)
  const { prot: protNew, dmg: dmgNew, num: numNew } = _tokenFacts(newTokens, ctx)
  const relax = (from: number, to: number, step: number, real: boolean, prot: boolean, doubt: boolean, dmg: boolean, furnNum: boolean, deb: boolean) => {
    const c = cost[from]! + step
    if (c < cost[to]!) {
      cost[to] = c
      realAny[to] = realAny[from]! + (real ? 1 : 0)
      realProtected[to] = realProtected[from]! | (real && prot ? 1 : 0) | (real && !prot ? 2 : 0)
      doubts[to] = doubts[from]! + (doubt ? 1 : 0)
      damage[to] = damage[from]! | (dmg ? 1 : 0)
      furnitureNumbers[to] = furnitureNumbers[from]! + (furnNum ? 1 : 0)
      debris[to] = debris[from]! + (deb ? 1 : 0)
    }
  }
  const verdictCost = (v: PairVerdict) => (v === 'noise' ? NOISE : v === 'doubtful' ? DOUBT : REAL)
  // Lengths of a run of tokens, summed (from prefix sums): the cheap tests of _pair
  // that say `real` without joining a string (a run of several tokens that is `real` is no step).
  const prefix = (tokens: NoiseToken[], of: (t: NoiseToken) => number) => {
    const sums = new Int32Array(tokens.length + 1)
    for (let k = 0; k < tokens.length; k++) sums[k + 1] = sums[k]! + of(tokens[k]!)
    return sums
  }
  const keyOld = prefix(oldTokens, (t) => t.key.length)
  const keyNew = prefix(newTokens, (t) => t.key.length)
  const skelOld = prefix(oldTokens, (t) => t.skel.length)
  const skelNew = prefix(newTokens, (t) => t.skel.length)
  const textOld = prefix(oldTokens, (t) => t.text.length)
  const textNew = prefix(newTokens, (t) => t.text.length)
  const anyOf = (flags: Uint8Array, from: number, count: number) => {
    for (let k = from; k < from + count; k++) if (flags[k]) return true
    return false
  }
  const joinedKeys = (tokens: NoiseToken[], from: number, count: number) => {
    let out = ''
    for (let k = from; k < from + count; k++) out += tokens[k]!.key
    return out
  }
  const surelyReal = (i: number, a: number, j: number, b: number): boolean => {
    const ko = keyOld[i + a]! - keyOld[i]!
    const kn = keyNew[j + b]! - keyNew[j]!
    if (Math.abs(ko - kn) > Math.max(2, Math.ceil(0.3 * Math.max(ko, kn)))) return true
    if (anyOf(numOld, i, a) || anyOf(numNew, j, b)) return false
    if (a === 1 && b === 1) {
      // One word against one: _pair's own tests in its order, up to the variant's plain-edit bound (no strings joined, no cache asked).
      const o = oldTokens[i]!
      const t = newTokens[j]!
      if (o.skel === t.skel) return false
      const to = o.text.length
      const tn = t.text.length
      if (to > 60 || tn > 60 || Math.abs(to - tn) > Math.max(2, Math.ceil(0.25 * Math.max(to, tn)))) return true
      return _keysApart(o.key, t.key)
    }
    if (skelOld[i + a]! - skelOld[i]! === skelNew[j + b]! - skelNew[j]!) return false
    // Texts joined with a space between tokens.
    const to = textOld[i + a]! - textOld[i]! + a - 1
    const tn = textNew[j + b]! - textNew[j]! + b - 1
    if (to > 60 || tn > 60 || Math.abs(to - tn) > Math.max(2, Math.ceil(0.25 * Math.max(to, tn)))) return true
    // The key of texts joined with spaces is their keys joined (a space ends a word for case and accents alike).
    return _keysApart(joinedKeys(oldTokens, i, a), joinedKeys(newTokens, j, b))
  }
  // The verdict of old tokens [i, i+a) read against new tokens [j, j+b), asked at most once.
  const verdicts: Array<PairVerdict | undefined> = new Array(n * 3 * m * 3)
  const pairVerdict = (i: number, a: number, j: number, b: number): PairVerdict => {
    const slot = ((i * 3 + a - 1) * m + j) * 3 + b - 1
    let v = verdicts[slot]
    if (v === undefined) {
      if (surelyReal(i, a, j, b)) v = 'real'
      else {
        const olds = oldTokens.slice(i, i + a)
        const news = newTokens.slice(j, j + b)
        v = _pair(_spaced(olds), _spaced(news), olds, news, ctx)
      }
      verdicts[slot] = v
    }
    return v
  }
  // A token that every explanation reads as a real change (its skip is real, and
  // every run it belongs to is a real pair), with no protected word to pair it
  // with: whatever the cheapest alignment, it holds a real, unprotected step, so
  // the verdict is a real, certain change. Asking one token's runs is much
  // cheaper than filling the whole table.
  const everyRunReal = (side: 'old' | 'new', x: number): boolean => {
    const own = side === 'old' ? n : m
    const other = side === 'old' ? m : n
    for (let a = 1; a <= 3; a++) {
      for (let start = Math.max(0, x - a + 1); start <= x && start + a <= own; start++) {
        for (let b = 1; b <= 3 && a + b <= 4; b++) {
          for (let y = 0; y + b <= other; y++) {
            const v = side === 'old' ? pairVerdict(start, a, y, b) : pairVerdict(y, b, start, a)
            if (v !== 'real') return false
          }
        }
      }
    }
    return true
  }
  if (!_anySet(protNew)) {
    for (let x = 0; x < n; x++) if (skipOld[x] === 'real' && !protOld[x] && everyRunReal('old', x)) return { noise: false, uncertain: false }
  }
  if (!_anySet(protOld)) {
    for (let y = 0; y < m; y++) if (skipNew[y] === 'real' && !protNew[y] && everyRunReal('new', y)) return { noise: false, uncertain: false }
  }
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const here = i * width + j
      if (cost[here] === Infinity) continue
      if (i < n) {
        const s = skipOld[i]!
        relax(here, here + width, s === 'noise' || s === 'debris' ? NOISE : s === 'furniture-number' ? FURNITURE_NUMBER : REAL, s === 'real', protOld[i] === 1, false, s !== 'real', s === 'furniture-number', s === 'debris')
      }
      if (j < m) {
        const s = skipNew[j]!
        relax(here, here + 1, s === 'noise' || s === 'debris' ? NOISE : s === 'furniture-number' ? FURNITURE_NUMBER : REAL, s === 'real', protNew[j] === 1, false, s !== 'real', s === 'furniture-number', s === 'debris')
      }
      // Runs of 1-3 old tokens against 1-3 new tokens: split, merged and re-broken words.
      for (let a = 1; a <= 3 && i + a <= n; a++) {
        for (let b = 1; b <= 3 && j + b <= m; b++) {
          if (a + b > 4) continue
          const multi = a > 1 || b > 1
          const v = pairVerdict(i, a, j, b)
          if (v === 'real' && multi) continue
          const prot = anyOf(protOld, i, a) || anyOf(protNew, j, b)
          const dmg = multi || v === 'noise' || anyOf(dmgOld, i, a) || anyOf(dmgNew, j, b)
          // A real pair costs as much as one skip: one word replaced by another.
          relax(here, (i + a) * width + j + b, verdictCost(v) * (v === 'real' ? 1 : a + b - 1), v === 'real', prot, v === 'doubtful', dmg, false, false)
        }
      }
    }
  }
  const end = n * width + m
  const real = realAny[end]!
  const doubt = doubts[end]!
  const furnNum = furnitureNumbers[end]!
  if (real === 0 && doubt === 0 && furnNum === 0) return { noise: true, uncertain: false }
  // Two-digit numbers among scan debris: a margin scribble, not a number in the text.
  if (real === 0 && doubt === 0 && furnNum > 0 && debris[end]! >= 2 * furnNum) return { noise: true, uncertain: false }
  if (real === 0) return { noise: false, uncertain: true }
  // Real steps that all touch protected words, next to visible OCR damage: doubtful.
  const onlyProtected = realProtected[end] === 1
  const damaged = damage[end] === 1 || oldTokens.some((t) => looksDamaged(t.text)) || newTokens.some((t) => looksDamaged(t.text))
  return { noise: false, uncertain: onlyProtected && damaged }
}

/** A whole block that one side has and the other lacks: noise when it is only debris or furniture. */
export function isNoiseBlock(tokens: NoiseToken[], ctx: NoiseContext, heading = false): boolean {
  if (tokens.length === 0) return true
  if (tokens.length > 40) return false
  // Furniture has few content words: a block with more is text (and needs no alignment to say so).
  let content = 0
  for (const t of tokens) {
    if (t.key.length < 4 || ctx.labels.has(t.key) || ctx.furniture.has(t.key) || MONTHS.has(t.key) || ctx.organisation.has(t.key)) continue
    if (_shapeDebris(t.text)) continue
    if (++content > 3) return false
  }
  // A heading is structure: noise only when it is nothing but debris.
  if (heading) return tokens.every((t) => _debris(t, ctx) && !hasDigit(t.text))
  return classifyHunk(tokens, [], ctx).noise
}
