// Word-level OCR correction. Every word of the release is looked up in the
// Dutch lexicon (with compounds), the term list, the user's words and the
// release's own vocabulary (TICCL style: a word seen elsewhere in the release
// is evidence). An unknown word is corrected only when one candidate from the
// OCR confusion model clearly wins; otherwise it is reported, not changed.
import type { Block, Correction, Issue, Page, Token, WordBox } from '../types.js'
import { _expectKnownOptions } from '../issue.js'
import { loadLexicon, type DutchLexicon } from './lexicon.js'
import { CandidateGenerator, _applyCase, type Candidate } from './candidates.js'
import { confusionCost, _fold, _rewriteVariants } from './confusion.js'
import { lowerBound } from '../search.js'
import { _memo } from '../memo.js'

export { loadLexicon, type Lexicon } from './lexicon.js'
export { confusionCost, isOcrVariant } from './confusion.js'

export interface CorrectOptions {
  /** Extra words to accept as correct (a user word list). */
  words?: string[]
  /** The release pages (for OCR word confidences); optional. */
  pages?: Page[]
}

export interface CorrectResult {
  blocks: Block[][]
  corrections: Correction[]
  issues: Issue[]
}

/** Bounds: garbage input must not take minutes. */
const MAX_TOKENS = 500_000
const MAX_WORD = 40

// Punctuation a token may carry around its word.
const LEAD = new Set([...'([{"\'‘’“”„«»‚*•·–—-'])
const TRAIL = new Set([...')]}"\'‘’“”».,;:!?…*–—-'])

interface Parts {
  lead: string
  core: string
  trail: string
}

export function _splitToken(text: string): Parts {
  let a = 0
  while (a < text.length && LEAD.has(text[a]!)) a++
  // `'s-Hertogenbosch`, `’s-Gravenhage`: the apostrophe belongs to the name.
  if (a > 0 && /^['’]s-/u.test(text.slice(a - 1))) a--
  let b = text.length
  while (b > a && TRAIL.has(text[b - 1]!)) b--
  // All punctuation after the lead: no word, keep it whole as the core.
  if (b === a) return { lead: text.slice(0, a), core: text.slice(a), trail: '' }
  return { lead: text.slice(0, a), core: text.slice(a, b), trail: text.slice(b) }
}

/** Every token is asked, and running text repeats its words: remember the answers. */
const _isProtected = _memo(_protected, 50_000)

/** Numbers, dates, codes, e-mail and web addresses: never touched. */
/**
 * Function words that Dutch writes with an accent only for emphasis. Not `een`, `en`, `of`, `voor`,
 * `door`: `één`, `én … én`, `óf … óf`, `vóór` and `dóór` are standard spellings.
 */
const PLAIN_FUNCTION_WORDS = new Set(['de', 'het', 'met', 'om', 'na', 'in', 'op', 'te', 'is', 'aan', 'bij', 'tot', 'uit', 'dat', 'die', 'dit', 'er', 'ook', 'nog', 'wel', 'al', 'zo', 'nu', 'dan', 'als', 'wat', 'wie', 'hoe', 'u', 'we', 'wij', 'ze', 'zij', 'hij', 'van', 'naar', 'ons', 'uw'])

/** Words `u` (the formal you) follows in a nota: prepositions, conjunctions, verbs with `u` as object. */
const BEFORE_U = new Set(['met', 'aan', 'voor', 'bij', 'door', 'van', 'naar', 'dat', 'als', 'zodat', 'wanneer', 'indien', 'of', 'adviseren', 'vragen', 'verzoeken', 'informeren', 'heeft', 'kunt', 'wordt', 'bent', 'wilt', 'zult', 'hebt', 'zou', 'vindt', 'ziet', 'treft', 'ontvangt', 'krijgt', 'leest'])
/** Words that follow `u` as subject or object. */
const AFTER_U = new Set(['wordt', 'heeft', 'hebt', 'kunt', 'bent', 'wilt', 'zult', 'zou', 'akkoord', 'gevraagd', 'geïnformeerd', 'geinformeerd', 'besproken', 'toegezegd', 'voorgelegd', 'ontvangen', 'zich'])

/** Articles and prepositions that a Dutch compound never begins or ends with. */
const JOIN_WORDS = new Set(['de', 'het', 'een', 'van', 'voor', 'naar', 'om', 'op', 'te', 'met', 'aan', 'bij', 'in', 'tot', 'uit'])

/** A word run together with its neighbour by the scan rather than by the writer. */
function _accidentalJoin(core: string, split: string): boolean {
  if (core.includes('_') || /\p{Ll}\p{Lu}/u.test(core)) return true
  const parts = split.split(' ')
  return parts.length === 2 && parts.some((part) => JOIN_WORDS.has(part.toLowerCase())) && parts.every((part) => part.length >= 2) &&
    parts.some((part) => part.length >= 5)
}

/**
 * The release writes the function word `lower` (in lower case or opening a sentence) at least 20 times
 * and ten times as often as the damaged form `core`: evidence enough to take the plain word.
 */
function _releaseWritesPlain(release: Map<string, number>, core: string, lower: string): boolean {
  const seen = (release.get(lower) ?? 0) + (release.get(lower.charAt(0).toUpperCase() + lower.slice(1)) ?? 0)
  return seen >= 20 && (release.get(core) ?? 0) * 10 <= seen
}

function _isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false
  return true
}

function _protected(core: string): boolean {
  if (core.length < 2 || core.length > MAX_WORD) return true
  if (/[@#]|:\/\/|^www\./iu.test(core)) return true
  if (/\.(?:nl|com|org|net|eu|be|gov|int)$/iu.test(core)) return true
  const letters = core.match(/\p{L}/gu)?.length ?? 0
  // Digits and strokes that OCR reads for letters (`!s`, `d1e`) count as letters here.
  const digits = (core.match(/\d/gu)?.length ?? 0) + (core.match(/[!|€]/gu)?.length ?? 0)
  // A lone 0/1/5/8 among letters may be a glyph error (`vo0r`, `5VB`); ordinals and other digit runs are data.
  if (digits > 1 || (digits === 1 && !/^\p{L}*[0158!|€]\p{L}*$/u.test(core))) return true
  if (digits === 1 && /^[0158](?:e|de|ste|en|er)$/u.test(core)) return true
  if (letters + digits < 2 || letters < 1) return true
  // Mostly symbols: a stamp or scribble, not a word.
  if (letters + digits < core.length * 0.6) return true
  return false
}

/**
 * Scribbles, stamps and garbage read as letters: no vowel, long consonant runs or
 * case flipping back and forth. Not searched for corrections, not reported.
 */
export function _looksLikeWord(core: string): boolean {
  const letters = core.replace(/\P{L}/gu, '')
  if (letters.length >= 3 && !/[aeiouyàáâäèéêëìíîïòóôöùúûü]/iu.test(core.replace(/[01!|lcI]/gu, 'i'))) {
      // (`l`, `c`, `1` may be a misread vowel.) Abbreviations have no vowels either.
    return letters === letters.toUpperCase() && letters.length <= 6
  }
  if (/[b-df-hj-np-tv-xz]{8,}/iu.test(core)) return false
  let flips = 0
  for (let i = 1; i < letters.length; i++) {
    const a = letters[i - 1]!
    const b = letters[i]!
    if ((a === a.toUpperCase()) !== (b === b.toUpperCase())) flips++
  }
  return flips <= 3
}

function _isSentenceStart(prev: Token | undefined): boolean {
  if (!prev) return true
  // `/[.!?:]["'’”)]?$/` or `/^[-–•·o*]$/`, read off the last characters.
  const text = prev.text
  const n = text.length
  if (n === 0) return false
  const last = text[n - 1]!
  if (_STOPS.includes(last)) return true
  if (n >= 2 && _CLOSERS.includes(last) && _STOPS.includes(text[n - 2]!)) return true
  return n === 1 && _GLYPHS.includes(last)
}
const _STOPS = '.!?:'
const _CLOSERS = '"\'’”)'
const _GLYPHS = '-–•·o*'

function _round(x: number): number {
  return Math.round(x * 100) / 100
}

interface Decision {
  /** Replacement words: one (replace, or merge with the next token), two (split). */
  words: string[]
  rule: string
  confidence: number
  mergeNext?: boolean
}

interface Context {
  lex: DutchLexicon
  gen: CandidateGenerator
  /** Known words of the release with their counts: evidence for candidates. */
  release: Map<string, number>
  /** Every form of the release with its count. */
  counts: Map<string, number>
  /** Per known word: its cheap OCR variants that the release uses, cheapest first. */
  variants: Map<string, Array<[string, number]>>
  /** Per candidate list of a compound-only word: those a doubled letter or stray accent away from a listed word. */
  near: Map<Candidate[], Candidate[]>
  /** Per form (up to 12 characters): the words seen before it (`p`) and after it (`n`), in small letters, with counts. */
  neighbours: (core: string) => _Neighbours | undefined
}

interface _Neighbours {
  p: Map<string, number>
  n: Map<string, number>
}

/** The word reads as two listed words, the first maybe with a linking s (`net|congestie`, `arbeids|markt`). */
function _twoWords(core: string, lex: DutchLexicon): boolean {
  const lower = core.toLowerCase()
  if (!/^\p{Ll}+$/u.test(lower)) return false
  for (let i = 3; i + 4 <= lower.length; i++) {
    const left = lower.slice(0, i)
    if (!lex.hasExact(lower.slice(i))) continue
    if (lex.hasExact(left) || (left.endsWith('s') && left.length > 3 && lex.hasExact(left.slice(0, -1)))) return true
  }
  return false
}

/** Max cost a correction may have for a word of this length. */
function _budget(len: number): number {
  return len <= 3 ? 0.35 : len <= 5 ? 0.65 : len <= 8 ? 1.0 : 1.35
}

function _score(c: Candidate, ctx: Context, core: string): number {
  let s = c.cost
  const words = c.text.split(' ')
  // `ALin`, `SZWheeft`: a run of capitals then small letters is an abbreviation and a word.
  const caps = /^(\p{Lu}{2,})\p{Ll}{2,}$/u.exec(core)
  if (caps && words.length === 2 && words[0]!.length === caps[1]!.length) s -= 0.35
  // `hetRegeringsbeleid`, `andereDienst`: a capital inside a word starts the next one (unless
  // it is a letter whose capital looks like its small form: then it is a case error).
  const camel = /^(\p{Ll}+)[ABD-NPQRTY]\p{Ll}+$/u.exec(core)
  if (camel && words.length === 2 && words[0]!.length === camel[1]!.length) s -= 0.35
  // Listed words are surer than compounds pieced together.
  if (c.kind === 'compound') s += 0.1
  // TICCL style: a form the release uses elsewhere in clean context is evidence, more so when frequent.
  const seen = Math.min(...words.map((w) => ctx.release.get(w) ?? 0))
  if (seen > 0) s -= 0.15 + 0.05 * Math.min(3, Math.log2(seen))
  s -= 0.1 * Math.max(...words.map((w) => ctx.lex.frequency(w)))
  if (c.kind === 'split') {
    s += 0.1
    // A short rare half (`brie fis`) is a weak reading; `brief is` has a frequent one.
    for (const w of words) {
      if (ctx.lex.frequency(w) > 0 || ctx.release.has(w) || ctx.lex.isTerm(w)) continue
      s += w.length <= 3 ? 0.3 : 0.25
    }
  }
  if (words.some((w) => !ctx.lex.hasExact(w))) s += 0.1
  // A proper noun (listed only with its capital) is seldom what damaged running text meant.
  for (const w of words) {
    if (/^\p{Lu}\p{Ll}/u.test(w) && !ctx.lex.hasForm(w.toLowerCase()) && ctx.lex.hasForm(w) && !ctx.release.has(w)) s += 0.2
  }
  return s
}

/** Case for a corrected word: follows the OCR reading, except where the case itself was the error. */
function _caseFor(ocr: string, fixed: string, sentenceStart: boolean, lex: DutchLexicon): string {
  if (lex.isTerm(fixed) && fixed !== fixed.toLowerCase()) return fixed
  if (fixed.includes(' ')) {
    // A split: each word takes the case of the stretch of the reading it came from.
    const words = fixed.split(' ')
    const bare = ocr.replace(/[\s_]/gu, '')
    let at = 0
    return words
      .map((w, i) => {
        const piece = bare.slice(at, at + w.length)
        at += w.length
        return lex.isTerm(w) ? w : _caseHyphenated(piece, w, sentenceStart && i === 0, lex)
      })
      .join(' ')
  }
  return _caseHyphenated(ocr, fixed, sentenceStart, lex)
}

/** `ICT-systemen`: each part of a hyphenated word keeps its own case. */
function _caseHyphenated(ocr: string, fixed: string, sentenceStart: boolean, lex: DutchLexicon): string {
  const oParts = ocr.split('-')
  const fParts = fixed.split('-')
  if (oParts.length === fParts.length && oParts.length > 1) {
    return fParts.map((f, i) => _casePart(oParts[i]!, f, sentenceStart && i === 0, lex)).join('-')
  }
  return _casePart(ocr, fixed, sentenceStart, lex)
}

function _casePart(ocr: string, fixed: string, sentenceStart: boolean, lex: DutchLexicon): string {
  if (fixed === '') return fixed
  const letters = ocr.replace(/\P{L}/gu, '')
  const lower = fixed.toLowerCase()
  const capital = lower.charAt(0).toUpperCase() + lower.slice(1)
  const known = (w: string): boolean => lex.has(w)
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase() && !/[0158|!]/u.test(ocr)) return fixed.toUpperCase()
  // A first glyph that was itself the error (`ln` for `in`, `0p` for `op`) says nothing about case,
  // nor does a reading with capitals inside (`VOOr`): the sentence decides.
  const firstChanged = ocr.charAt(0).toLowerCase() !== fixed.charAt(0).toLowerCase()
  // Only capitals shaped like their small letter are case errors; `SociaaI` is a glyph error.
  const mixed = firstChanged || /[COSU-XZ]/u.test(letters.slice(1))
  if (mixed) {
    // A first letter whose capital has another shape (`MenSelijke`, `beleidsmedeWerker`) was
    // read right; for `VOOr`, `0p`, `ln` the sentence decides.
    if (!firstChanged && /^[ABD-NPQRTY]/u.test(ocr)) return capital
    if (!firstChanged && /^[abd-npqrty]/u.test(ocr)) return known(lower) ? lower : fixed
    if (sentenceStart) return capital
    return known(lower) ? lower : fixed
  }
  const first = ocr.charAt(0)
  // `Z0` -> `Zo`: capitals inside come from the candidate only where the lexicon lists them.
  if (first !== first.toLowerCase()) return lex.hasForm(fixed) ? fixed.charAt(0).toUpperCase() + fixed.slice(1) : capital
  return known(lower) ? lower : fixed
}

function _decideUnknown(
  core: string,
  ctx: Context,
  info: { sentenceStart: boolean; next?: Parts; confidence?: number },
): Decision | { issue: string[] } | null {
  const { lex, gen, release } = ctx
  const count = ctx.counts.get(core) ?? 0
  // An abbreviation: only a term or an abbreviation seen in the release will do.
  if (core.length <= 6 && core === core.toUpperCase() && /^\p{Lu}+$/u.test(core)) {
    const options = new Set<string>()
    // A plain edit only towards a term the release itself uses: `PDV` is no misreading of `PV`.
    for (const v of gen.termEdits(core)) {
      // `MSZW` holds `SZW`: an abbreviation built on a term, not a misreading of it.
      if (core.startsWith(v) || core.endsWith(v)) continue
      if (lex.isTerm(v) && (ctx.counts.get(v) ?? 0) >= Math.max(1, count)) options.add(v)
    }
    for (const v of gen.generate(core, 12)) {
      if (v.text.includes(' ') || core.startsWith(v.text) || core.endsWith(v.text)) continue
      if ((lex.isTerm(v.text) || (release.get(v.text) ?? 0) >= 2) && (v.cost <= 0.6 || (ctx.counts.get(v.text) ?? 0) >= Math.max(1, count))) options.add(v.text)
    }
    // Each document of a release often comes twice: the same misreading twice is still one.
    if (options.size === 1 && count <= 2) {
      const [only] = options
      return { words: [only!], rule: 'term', confidence: 0.7 }
    }
    return null
  }
  let cands: Array<Candidate & { score: number }> = gen.generate(core, 10).map((c) => ({ ...c, score: 0 }))
  if (/\d/u.test(core)) {
    // A digit among letters: only reading the digit as its look-alike letter will do,
    // and a short result must be a frequent word or one the release uses.
    cands = cands.filter(
      (c) =>
        !/\d/u.test(c.text) &&
        c.text.length === core.length &&
        (c.text.length > 3 || lex.frequency(c.text) > 0 || lex.isTerm(c.text) || (release.get(c.text) ?? 0) >= 2),
    )
  }
  // Two tokens that belong together: `informa tie`, `be leid`.
  const next = info.next
  if (next && next.lead === '' && !_isProtected(next.core) && /\p{L}$/u.test(core)) {
    const joined = core + next.core
    if (lex.hasExact(joined) || (joined.length >= 8 && lex.isCompound(joined))) {
      // Cheaper when the second token is no word either: two fragments of one word.
      cands.push({ text: joined, cost: lex.has(next.core) ? 0.2 : 0.1, kind: 'merge', score: 0 })
    }
  }
  // A one-letter word is no reading of a longer token.
  // Nor is a split that leaves a letter alone (`Aaaa B`), except the word `u`.
  cands = cands.filter((c) => (c.text.length > 1 || core.length === 1) && !(c.kind === 'split' && c.text.split(' ').some((w) => w.length === 1 && !/^[uU]$/u.test(w))))
  for (const c of cands) c.score = _score(c, ctx, core)
  // Candidates that differ only in case or accents (`elke`, `élke`) are one reading;
  // on a tie keep the one whose accents are closest to what the OCR saw.
  const accents = (s: string): number => s.normalize('NFD').replace(/\P{M}/gu, '').length
  const byKey = new Map<string, Candidate & { score: number }>()
  for (const c of cands) {
    const key = _fold(c.text)
    const prev = byKey.get(key)
    const closer = prev && c.score === prev.score && Math.abs(accents(c.text) - accents(core)) < Math.abs(accents(prev.text) - accents(core))
    if (!prev || c.score < prev.score - 1e-9 || closer) byKey.set(key, c)
  }
  const ranked = [...byKey.values()].sort((a, b) => a.score - b.score)
  if (ranked.length === 0) return count >= 2 ? null : { issue: [] }
  const best = ranked[0]!
  const second = ranked[1]
  const margin = second ? second.score - best.score : 1
  // A missing diaeresis or accent (`geinformeerd`, `casuistiek`) is how many writers spell:
  // OCR changes accents far more often than it drops them. Report, do not change.
  if (best.kind === 'accent' && accents(best.text) > accents(core)) return { issue: ranked.slice(0, 3).map((c) => _caseFor(core, c.text, info.sentenceStart, lex)) }
  const letters = core.replace(/\P{L}/gu, '')
  const nameLike = !info.sentenceStart && /^\p{Lu}\p{Ll}/u.test(letters)
  let budget = _budget(core.length)
  if (nameLike && (release.get(best.text) ?? 0) === 0) budget = Math.min(budget, 0.5)
  // OCR's own word confidence: a doubtful reading may move further; a sure reading of an
  // unknown word is likelier a real word (a name, jargon), so only small fixes.
  if (info.confidence !== undefined && info.confidence < 60) budget += 0.15
  else if (info.confidence !== undefined && info.confidence >= 92 && best.cost > 0.35) budget -= 0.2
  // The release uses this form repeatedly: believe it, unless the fix is a mere accent or
  // glyph, or the release uses the candidate far more often (TICCL: frequent variant wins).
  // Each document of a release often comes twice: the same misreading twice is still one.
  if (count >= 3 && best.cost > 0.35 && (release.get(best.text) ?? 0) < 3 * count) return null
  // The same two words run together twice is no accident of OCR: a word the lexicon lacks. Unless the
  // join says it is one (`voor_de`, `DeKamer`), or one half is an article or preposition: no Dutch
  // compound begins or ends with `de` or `naar` (`binnende`, `naarfraudeaanpak`).
  if (count >= 2 && best.kind === 'split' && !_accidentalJoin(core, best.text)) return null
  const suggestions = ranked.slice(0, 3).map((c) => _caseFor(core, c.text, info.sentenceStart, lex))
  // A compound pieced together around an ordinary edit is weak evidence: the word may be
  // a compound the dictionary lacks (`conceptbeantwoording`), so only glyph-level fixes.
  if (best.kind === 'compound' && best.cost > 0.5 && (release.get(best.text) ?? 0) === 0) return { issue: suggestions }
  // Nor is one compound read for another where the word itself is two listed words (`netcongestie`:
  // `net` is no listed compound part, so the word is unknown; `rietcongestie` is no better reading).
  if (!best.text.includes(' ') && !lex.hasExact(best.text) && (release.get(best.text) ?? 0) === 0 && _twoWords(core, lex)) return { issue: suggestions }
  if (best.score > budget || margin < 0.3 - 1e-9) return { issue: suggestions }
  const confidence = _round(Math.min(0.99, (0.6 + 0.4 * Math.min(1, margin / 0.8)) * (1 - 0.25 * Math.max(0, best.score))))
  const fixed = _caseFor(core, best.text, info.sentenceStart, lex)
  if (best.kind === 'merge') return { words: [fixed], rule: 'merge', confidence, mergeNext: true }
  const rule = best.kind === 'edit' || best.kind === 'compound' ? 'lexicon' : best.kind === 'confusion' ? 'confusion' : best.kind
  return { words: fixed.split(' '), rule, confidence }
}

/**
 * A known word that may still be an OCR error: the release shows another form
 * in the same context (`Al` where the same phrase elsewhere reads `AI`), or a
 * capitalised function word mid-sentence is one glyph away from a term.
 */
function _decideKnown(core: string, ctx: Context, info: { sentenceStart: boolean; prev?: string; next?: string }, exact = ctx.lex.hasExact(core)): Decision | null {
  const { lex, release, neighbours } = ctx
  // Known only as a compound, yet a doubled letter or stray accent away from a listed word
  // (`vergaderring`): the compound is an accident of the damage.
  if (core.length >= 8 && !exact) {
    // (Not for accents or case: `cliëntenraad` must not become a listed accentless spelling.)
    // (The search is asked each time, as it counts its work; its list read once.)
    const all = ctx.gen.generate(core, 4)
    let near = ctx.near.get(all)
    if (near === undefined) {
      near = all.filter((c) => c.kind !== 'split' && c.kind !== 'accent' && c.kind !== 'case' && c.cost <= 0.45 && lex.hasExact(c.text))
      ctx.near.set(all, near)
    }
    if (near.length === 1) return { words: [_caseFor(core, near[0]!.text, info.sentenceStart, lex)], rule: 'lexicon', confidence: 0.6 }
  }
  const plain = _plainFunctionWord(core, release)
  if (plain !== null) return plain
  if (core.length > 12) return null
  const variants = _variantsOf(core, ctx)
  // Both checks below go through the variants.
  if (variants.length === 0) return null
  for (const [v, cost] of variants) {
    if (!_variantMayWin(core, v, ctx)) continue
    const vc = neighbours(v)
    const wc = neighbours(core)
    if (!vc) continue
    let support = 0
    let against = 0
    // At a sentence start the word before belongs to another sentence: only the next word counts,
    // and it must be seen with the other form twice (`Al in 2020` is no `AI in`).
    const keys: Array<['p' | 'n', string | undefined]> = info.sentenceStart ? [['n', info.next]] : [['p', info.prev], ['n', info.next]]
    for (const [side, word] of keys) {
      if (!word) continue
      support += vc[side].get(word) ?? 0
      // This occurrence itself is counted in the word's own contexts.
      against += Math.max(0, (wc?.[side].get(word) ?? 0) - 1)
    }
    if (support > (info.sentenceStart ? 1 : 0) && support > against) {
      return { words: [v], rule: 'release', confidence: _round(Math.max(0.3, Math.min(0.9, 0.5 + 0.1 * Math.min(4, support) - 0.3 * cost))) }
    }
  }
  // `Al` mid-sentence where `al` is the word: most likely the term `AI`.
  if (!info.sentenceStart) {
    const term = _termReading(core, variants, ctx)
    if (term !== null) return { words: [term], rule: 'term', confidence: 0.7 }
  }
  return null
}

/** A damaged short function word read plain, where the release writes the plain word far more often; or null. */
function _plainFunctionWord(core: string, release: Map<string, number>): Decision | null {
  // A stray accent (`dé`, `mét`, `óm`): emphasis is rare in official prose, specks that OCR reads as accents are not.
  if (core.length <= 4 && !_isAscii(core)) {
    const plain = core.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC')
    const lower = plain.toLowerCase()
    if (plain !== core && PLAIN_FUNCTION_WORDS.has(lower) && _releaseWritesPlain(release, core, lower)) return { words: [plain], rule: 'accent', confidence: 0.8 }
  }
  // An `e` read as `c` (`Dc`, `cr`): listed as abbreviations, they are far likelier the function word.
  if (core.length <= 3 && core.includes('c')) {
    // (A small `c` only: `DC` in capitals is the abbreviation.)
    const read = core.replace(/c/g, 'e')
    const lower = read.toLowerCase()
    if ((PLAIN_FUNCTION_WORDS.has(lower) || lower === 'een' || lower === 'en') && _releaseWritesPlain(release, core, lower)) return { words: [read], rule: 'confusion', confidence: 0.8 }
  }
  return null
}

/** Per known word: its cheap OCR variants that the release uses (or terms), cheapest first. */
function _variantsOf(core: string, ctx: Context): Array<[string, number]> {
  const { lex, release } = ctx
  let variants = ctx.variants.get(core)
  if (!variants) {
    variants = []
    for (const [v] of _rewriteVariants(core, 0.4)) {
      // Only forms the release uses are of interest: look that up before costing.
      if (v !== core && v.length > 1 && ((release.get(v) ?? 0) > 0 || lex.isTerm(v))) variants.push([v, confusionCost(core, v)])
    }
    variants.sort((a, b) => a[1] - b[1])
    if (ctx.variants.size < 100_000) ctx.variants.set(core, variants)
  }
  return variants
}

/** For `_decideKnown`: `Al` where `al` is the word reads as the term `AI` (mid-sentence), or null. */
function _termReading(core: string, variants: Array<[string, number]>, ctx: Context): string | null {
  const { lex } = ctx
  if (core.length <= 4 && /^\p{Lu}\p{Ll}+$/u.test(core) && lex.hasExact(core.toLowerCase()) && !lex.isTerm(core)) {
    for (const [v, cost] of variants) {
      if (cost <= 0.3 && lex.isTerm(v) && v === v.toUpperCase()) return v
    }
  }
  return null
}

/** For `_decideKnown`: the variant `v` of `core` may take its place, the context aside. */
function _variantMayWin(core: string, v: string, ctx: Context): boolean {
  const { lex, release } = ctx
  if ((release.get(v) ?? 0) === 0 || !(lex.has(v) || lex.isTerm(v))) return false
  // Case alone (`In` / `in`) follows the sentence, and accents alone (`dat` / `dát`) are emphasis.
  if (_fold(v) === _fold(core)) return false
  // Only a rare form gives way to a frequent one (or to a term).
  const own = release.get(core) ?? 0
  // How often the release uses the other form, in running text or at a sentence start.
  const seen = (release.get(v) ?? 0) + (v === v.toLowerCase() ? (release.get(v.charAt(0).toUpperCase() + v.slice(1)) ?? 0) : 0)
  if ((lex.frequency(core) > 0 && core === core.toLowerCase()) || (own > 2 && own * 10 > seen && !lex.isTerm(v))) return false
  return lex.isTerm(v) || seen >= 3
}

/**
 * `_decideKnown` leaves `core` alone wherever it stands (false when it may not): each check it
 * makes that does not read the context fails. Most tokens are known words: asked once per form.
 */
function _knownQuiet(core: string, ctx: Context, exact: boolean): boolean {
  // (A compound-only core is asked each time, as the search it starts counts its work each time.)
  if (core.length >= 8 && !exact) return false
  if (_plainFunctionWord(core, ctx.release) !== null) return false
  if (core.length > 12) return true
  const variants = _variantsOf(core, ctx)
  if (variants.length === 0) return true
  if (_termReading(core, variants, ctx) !== null) return false
  return !variants.some(([v]) => _variantMayWin(core, v, ctx))
}

/** The lowest OCR word confidence over a token's source range, from the pages' word boxes. */
function _confidenceLookup(pages: Page[] | undefined): (token: Token) => number | undefined {
  const byPage = new Map<number, WordBox[]>()
  for (const page of pages ?? []) {
    if (page && Array.isArray(page.words) && page.words.length > 0) byPage.set(page.index, [...page.words].sort((a, b) => a.start - b.start))
  }
  return (token) => {
    const words = byPage.get(token.page)
    if (!words) return undefined
    // First word ending after the token starts.
    const lo = lowerBound(words.length, (i) => words[i]!.end <= token.start)
    let min: number | undefined
    for (let k = lo; k < words.length && words[k]!.start < token.end; k++) min = Math.min(min ?? 100, words[k]!.confidence)
    return min
  }
}

/**
 * Correct the words of all documents of a release at once. Pure: returns new
 * blocks (sharing the tokens it leaves unchanged); a split token divides its
 * source range, a merge spans both ranges.
 */
export function correctBlocks(docs: Block[][], options?: CorrectOptions): CorrectResult {
  if (!Array.isArray(docs)) throw new TypeError(`Expected \`docs\` to be an array of block arrays, got \`${typeof docs}\``)
  _expectKnownOptions(options, ['words', 'pages'], 'correctBlocks')
  if (options?.words !== undefined && !Array.isArray(options.words)) throw new TypeError('Expected `words` to be an array of strings')
  const corrections: Correction[] = []
  const issues: Issue[] = []
  const userWords = new Set((options?.words ?? []).map((w) => w.trim()).filter(Boolean))

  // The release's own vocabulary and the neighbours each form is seen with.
  // The words of every block; each distinct token text counts its uses and keeps (for a core up to
  // 12 characters) its places there (block, index): its neighbours are counted only for the few cores asked.
  const blockWords: _Word[][] = []
  // Each token's parts, its core in small letters and what the core is, read once: the pass below
  // reads them again as the words before and after a token. Running text repeats its words: one
  // record per distinct token text. (Never changed in place: a token that takes a glued `!` into
  // its core gets its own parts.)
  const wordOf = new Map<string, _Word>()
  // The places of the uses, chained per token text (`_Word.last`): block, index, the use before (-1: none).
  let most = 0
  for (const blocks of docs) for (const block of blocks) most += block.tokens.length
  most = Math.min(most, MAX_TOKENS)
  const placeBlock = new Int32Array(most)
  const placeIndex = new Int32Array(most)
  const placeBefore = new Int32Array(most)
  let placed = 0
  let total = 0
  for (const blocks of docs) {
    for (const block of blocks) {
      const words = block.tokens.map((t) => {
        let w = wordOf.get(t.text)
        if (w === undefined) {
          const parts = _splitToken(t.text)
          wordOf.set(t.text, (w = { parts, lower: parts.core.toLowerCase(), kind: -1, quiet: -1, fragment: -1, ends: _isSentenceStart(t), uses: 0, last: -1 }))
        }
        return w
      })
      const b = blockWords.push(words) - 1
      for (let i = 0; i < words.length; i++) {
        if (++total > MAX_TOKENS) break
        const w = words[i]!
        const c = w.parts.core
        if (!c) continue
        w.uses++
        if (c.length <= 12) {
          placeBlock[placed] = b
          placeIndex[placed] = i
          placeBefore[placed] = w.last
          w.last = placed++
        }
      }
    }
  }
  // The release's counts per core, in the order the cores first come (a token text first comes
  // where its core may first come).
  const release = new Map<string, number>()
  for (const w of wordOf.values()) if (w.uses > 0) release.set(w.parts.core, (release.get(w.parts.core) ?? 0) + w.uses)
  // Per core (up to 12 characters) its token texts with places, made when a neighbour is first asked.
  let textsOf: Map<string, _Word[]> | null = null
  const contexts = new Map<string, _Neighbours | null>()
  const neighbours = (core: string): _Neighbours | undefined => {
    let m = contexts.get(core)
    if (m === undefined) {
      if (textsOf === null) {
        textsOf = new Map()
        for (const w of wordOf.values()) {
          if (w.last < 0) continue
          const list = textsOf.get(w.parts.core)
          if (list) list.push(w)
          else textsOf.set(w.parts.core, [w])
        }
      }
      const texts = textsOf.get(core)
      m = texts ? { p: new Map(), n: new Map() } : null
      for (const w of texts ?? []) {
        for (let k = w.last; k >= 0; k = placeBefore[k]!) {
          const words = blockWords[placeBlock[k]!]!
          const i = placeIndex[k]!
          const p = words[i - 1]?.lower
          const n = words[i + 1]?.lower
          if (p) m!.p.set(p, (m!.p.get(p) ?? 0) + 1)
          if (n) m!.n.set(n, (m!.n.get(n) ?? 0) + 1)
        }
      }
      contexts.set(core, m)
    }
    return m ?? undefined
  }
  const base = userWords.size > 0 ? loadLexicon().withWords(userWords) : loadLexicon()
  // TICCL's release lexicon: a word the dictionary lacks but the release uses three times or
  // more (a name, jargon like a new coinage) is a candidate for its damaged variants, unless it
  // is itself a cheap misreading of a listed word.
  const probe = new CandidateGenerator(base, new Map())
  const releaseWords: string[] = []
  for (const [w, n] of release) {
    if (n < 3 || w.length < 4 || _isProtected(w) || base.has(w) || base.isTerm(w) || !_looksLikeWord(w) || /\d/u.test(w)) continue
    if (probe.generate(w, 3).some((c) => c.cost <= 0.6 || (release.get(c.text) ?? 0) >= n)) continue
    releaseWords.push(w)
    if (releaseWords.length >= 5000) break
  }
  const lex = base
  // Release words that the lexicon knows count as clean evidence for candidates.
  const evidence = new Map<string, number>()
  for (const [w, n] of release) if (lex.has(w)) evidence.set(w, n)
  for (const w of releaseWords) evidence.set(w, release.get(w)!)
  const gen = new CandidateGenerator(lex, evidence, new Set(releaseWords))
  const ctx: Context = { lex, gen, release: evidence, counts: release, variants: new Map(), near: new Map(), neighbours }

  const ocrConfidence = _confidenceLookup(options?.pages)
  // Not protected, no term, not known: a fragment (the kind says so, but for a user word).
  // (Asked for the token after every known word: read once per token text.)
  const _fragment = (word: _Word): boolean => {
    if (word.fragment < 0) {
      const kind = kindOf(word)
      const core = word.parts.core
      word.fragment = kind === WORDLIKE || kind === OTHER || (kind === SKIP && !_isProtected(core) && !lex.has(core) && !lex.isTerm(core)) ? 1 : 0
    }
    return word.fragment === 1
  }
  // What a core is does not depend on where it stands: asked once per form.
  const kinds = new Map<string, number>()
  const classify = (core: string): number => {
    let kind = kinds.get(core)
    if (kind === undefined) {
      kind = _isProtected(core) || lex.isTerm(core) || userWords.has(core) || userWords.has(core.toLowerCase()) ? SKIP
        : lex.hasExact(core) ? KNOWN : lex.isCompound(core) ? KNOWN_COMPOUND : _looksLikeWord(core) ? WORDLIKE : OTHER
      kinds.set(core, kind)
    }
    return kind
  }
  const kindOf = (word: _Word): number => (word.kind >= 0 ? word.kind : (word.kind = classify(word.parts.core)))
  // Whether `_decideKnown` leaves a known core alone wherever it stands: asked once per form.
  const quietForms = new Map<string, boolean>()
  const quietOf = (word: _Word, exact: boolean): boolean => {
    if (word.quiet < 0) {
      const core = word.parts.core
      let q = quietForms.get(core)
      if (q === undefined) quietForms.set(core, (q = _knownQuiet(core, ctx, exact)))
      word.quiet = q ? 1 : 0
    }
    return word.quiet === 1
  }
  // The pass below changes nothing at a token of this text (before `next`, the text after it):
  // no glued `!`, no lone `n`, and a core not to be touched, or known, left alone wherever it
  // stands and not before a fragment.
  const keeps = (word: _Word, next: _Word | undefined): boolean => {
    const parts = word.parts
    if (parts.core === 'n' || parts.trail.charCodeAt(0) === 0x21) return false
    const kind = kindOf(word)
    if (kind === SKIP || kind === OTHER) return true
    if (kind !== KNOWN) return false
    return quietOf(word, true) && (next === undefined || !_fragment(next))
  }
  const cache = new Map<string, ReturnType<typeof _decideUnknown>>()
  // What the corrections change in the release's word counts, for deciding again.
  const moved = new Map<string, number>()
  // Unknown words left as they were: decided again once the corrections' own words count as evidence.
  const pending: _Pending[] = []
  let seen = 0
  let blockAt = 0
  const out: Block[][] = docs.map((blocks) =>
    blocks.map((block) => {
      const tokens: Token[] = []
      const cellOf: number[] = []
      // The table cell of each source token (all 0 outside a table).
      const cellAt = block.cells ? _cellIndexes(block.cells, block.tokens.length) : null
      const cellIndex = (i: number): number => (cellAt === null ? 0 : cellAt[i] ?? -1)
      // The block this one becomes, for a later round that splits a word in one of its cells.
      const holder: { block?: Block } = {}
      const src = block.tokens
      // (The blocks come in the order the first pass read them.)
      const srcWords = blockWords[blockAt++]!
      for (let i = 0; i < src.length; i++) {
        const token = src[i]!
        // Most tokens are known words left alone (not before a fragment) or not to be touched: kept as they are.
        if (keeps(srcWords[i]!, srcWords[i + 1])) {
          ++seen
          tokens.push(token)
          if (cellAt !== null) cellOf.push(cellIndex(i))
          continue
        }
        let parts = srcWords[i]!.parts
        // `januar!`: an exclamation mark glued to an unknown word is likelier a misread `i`/`l`.
        if (parts.trail.startsWith('!') && parts.core.length >= 3 && /\p{L}$/u.test(parts.core) && !lex.has(parts.core) && !lex.isTerm(parts.core)) {
          parts = { lead: parts.lead, core: parts.core + '!', trail: parts.trail.slice(1) }
        }
        const core = parts.core
        const prevTok = src[i - 1]
        const sentenceStart = i === 0 || srcWords[i - 1]!.ends
        const nextTok = src[i + 1]
        const nextOk = nextTok && nextTok.page === token.page && cellIndex(i + 1) === cellIndex(i) && parts.trail === ''
        const nextParts = nextOk ? srcWords[i + 1]!.parts : undefined
        let decision: Decision | null = null
        const kind = ++seen <= MAX_TOKENS ? (parts === srcWords[i]!.parts ? kindOf(srcWords[i]!) : classify(core)) : SKIP
        // A lone `n` inside a sentence is a misread `u` (`met n besproken`): Dutch writes the article `'n`
        // with its apostrophe.
        if (core === 'n' && parts.lead === '' && parts.trail === '' && prevTok && nextOk && srcWords[i - 1]!.parts.trail === '' &&
          /^\p{Ll}/u.test(nextParts!.core) && (BEFORE_U.has(srcWords[i - 1]!.lower) || AFTER_U.has(nextParts!.core))) {
          decision = { words: ['u'], rule: 'confusion', confidence: 0.8 }
        } else if (kind !== SKIP) {
          if (kind === KNOWN || kind === KNOWN_COMPOUND) {
            decision = parts === srcWords[i]!.parts && quietOf(srcWords[i]!, kind === KNOWN) ? null : _decideKnown(core, ctx, {
              sentenceStart,
              prev: prevTok ? srcWords[i - 1]!.lower : undefined,
              next: nextTok ? srcWords[i + 1]!.lower : undefined,
            }, kind === KNOWN)
            // A known word followed by a fragment: `informatie` read as `informa` + `tie` keeps the first
            // half known only by accident, so join when the second half is not a word.
            if (!decision && nextParts && nextParts.lead === '' && _fragment(srcWords[i + 1]!)) {
              const joined = core + nextParts.core
              // `de sign alen`: the fragment belongs with the word after it, not before.
              const after = src[i + 2]
              const forward = after && after.page === nextTok!.page && nextParts.trail === '' ? nextParts.core + srcWords[i + 2]!.parts.core : ''
              const forwardKnown = forward !== '' && (lex.hasExact(forward) || (forward.length >= 10 && lex.isCompound(forward)))
              if (!forwardKnown && (lex.hasExact(joined) || (joined.length >= 10 && lex.isCompound(joined))) && (release.get(nextParts.core) ?? 0) <= 1) {
                decision = { words: [joined], rule: 'merge', confidence: 0.8, mergeNext: true }
              }
            }
          } else if (kind === WORDLIKE) {
            const confidence = token.confidence ?? ocrConfidence(token)
            const key = `${core}\u0000${sentenceStart ? 1 : 0}\u0000${nextParts?.core ?? ''}\u0000${confidence === undefined ? '' : confidence < 60 ? 'l' : confidence >= 92 ? 'h' : 'm'}`
            let d = cache.get(key)
            if (d === undefined) {
              d = _decideUnknown(core, ctx, { sentenceStart, next: nextParts, confidence })
              if (cache.size < 100_000) cache.set(key, d)
            }
            const again: _Pending | null = d === null || 'issue' in d
              ? { tokens, at: tokens.length, token, parts, core, info: { sentenceStart, next: nextParts, confidence }, issue: -1, holder, cell: cellIndex(i) }
              : null
            if (again) pending.push(again)
            if (d && 'issue' in d) {
              const letters = core.match(/\p{L}/gu)?.length ?? 0
              if (letters >= 3 && (release.get(core) ?? 0) < 2) {
                if (again) again.issue = issues.length
                issues.push({
                  // Without a suggestion it is most likely a name or a term the lexicon lacks.
                  severity: d.issue.length > 0 ? 'warning' : 'info',
                  source: 'correct',
                  ruleId: 'unknown-word',
                  message: d.issue.length > 0 ? `Unknown word \`${core}\`, did you mean ${d.issue.map((s) => `\`${s}\``).join(', ')}?` : `Unknown word \`${core}\``,
                  page: token.page,
                  start: token.start,
                  end: token.end,
                  actual: core,
                  expected: d.issue,
                })
              }
            } else decision = d
          }
        }
        if (!decision) {
          // (Tokens are never changed in place: an unchanged one is shared with the input.)
          tokens.push(token)
          if (cellAt !== null) cellOf.push(cellIndex(i))
          continue
        }
        if (decision.mergeNext && nextTok && nextParts) {
          const text = parts.lead + decision.words[0]! + nextParts.trail
          const merged: Token = { text, page: token.page, start: token.start, end: nextTok.end }
          const conf = [token.confidence, nextTok.confidence].filter((c): c is number => c !== undefined)
          if (conf.length > 0) merged.confidence = Math.min(...conf)
          tokens.push(merged)
          if (cellAt !== null) cellOf.push(cellIndex(i))
          corrections.push({ page: token.page, start: token.start, end: nextTok.end, before: `${token.text} ${nextTok.text}`, after: text, rule: decision.rule, confidence: decision.confidence })
          _move(moved, [token, nextTok], [merged])
          i++
          continue
        }
        const applied = _apply(token, parts, core, decision)
        _move(moved, [token], applied.tokens)
        tokens.push(...applied.tokens)
        if (cellAt !== null) for (let k = 0; k < applied.tokens.length; k++) cellOf.push(cellIndex(i))
        corrections.push(applied.correction)
      }
      const next: Block = { ...block, tokens }
      holder.block = next
      if (block.cells) {
        const cells = block.cells.map(() => 0)
        for (const c of cellOf) cells[c] = (cells[c] ?? 0) + 1
        next.cells = cells
      }
      return next
    }),
  )
  _decideAgain(out, pending, ctx, corrections, issues, total <= MAX_TOKENS ? moved : null)
  return { blocks: out, corrections, issues }
}

/** A distinct token text as the correction reads it: its parts, its core in small letters, what the core is (-1: not asked yet). */
interface _Word {
  parts: Parts
  lower: string
  kind: number
  /** For a known core: 1 when `_decideKnown` leaves it alone wherever it stands, 0 when it must be asked, -1 not yet known. */
  quiet: number
  /** 1 when the core is a fragment (see `_fragment`), 0 when not, -1 not yet known. */
  fragment: number
  /** A sentence starts after this text. */
  ends: boolean
  /** Its uses in the release (within MAX_TOKENS, with a core), and for a core up to 12 characters the last of their places (-1: none). */
  uses: number
  last: number
}

interface _Pending {
  /** The output tokens of the block, and where this token stands in them. */
  tokens: Token[]
  at: number
  token: Token
  parts: Parts
  core: string
  info: { sentenceStart: boolean; next?: Parts; confidence?: number }
  /** Index of its `unknown-word` issue, or -1. */
  issue: number
  /** The output block and the table cell the token stands in (a split widens that cell). */
  holder: { block?: Block }
  cell: number
}

/** Count the change a correction makes to the release's words: `before` replaced by `after`. */
function _move(moved: Map<string, number>, before: Token[], after: Token[]): void {
  for (const token of before) {
    const c = _coreOf(token.text)
    if (c) moved.set(c, (moved.get(c) ?? 0) - 1)
  }
  for (const token of after) {
    const c = _coreOf(token.text)
    if (c) moved.set(c, (moved.get(c) ?? 0) + 1)
  }
}

/** For each of `count` tokens, the cell it stands in (`cells`: tokens per cell); -1 past the last cell. */
function _cellIndexes(cells: number[], count: number): Int32Array {
  const out = new Int32Array(count).fill(-1)
  let at = 0
  for (let c = 0; c < cells.length; c++) {
    for (let k = 0; k < cells[c]! && at < count; k++) out[at++] = c
  }
  return out
}

/** Apply a one-token decision: a replacement, or a split that divides the source range where the word divides. */
function _apply(token: Token, parts: Parts, core: string, decision: Decision): { tokens: Token[]; correction: Correction } {
  const words = decision.words
  const after = parts.lead + words.join(' ') + parts.trail
  const correction: Correction = { page: token.page, start: token.start, end: token.end, before: token.text, after, rule: decision.rule, confidence: decision.confidence }
  if (words.length === 1) return { tokens: [{ ...token, text: after }], correction }
  const tokens: Token[] = []
  const span = token.end - token.start
  const textLen = token.text.length
  let offset = parts.lead.length
  for (let k = 0; k < words.length; k++) {
    const first = k === 0
    const last = k === words.length - 1
    const text = (first ? parts.lead : '') + words[k]! + (last ? parts.trail : '')
    const coreStart = offset
    // Where this word ends in the OCR core: proportional to the corrected words' lengths.
    const share = words.slice(0, k + 1).join('').length / words.join('').length
    const coreEnd = last ? textLen : parts.lead.length + Math.round(core.length * share)
    const scale = textLen === span ? 1 : span / Math.max(1, textLen)
    const start = token.start + Math.round((first ? 0 : coreStart) * scale)
    const end = last ? token.end : token.start + Math.round(coreEnd * scale)
    tokens.push({ ...token, text, start, end })
    offset = coreEnd
  }
  return { tokens, correction }
}

/** What a token's core is, for the correction pass: not to be touched, a known word, an unknown word, unknown garbage. */
const SKIP = 0
const KNOWN = 1
/** Known as a compound only (not listed as such). */
const KNOWN_COMPOUND = 4
const WORDLIKE = 2
const OTHER = 3

/** A token's core: each round of deciding again reads every token of the release. */
const _coreOf = _memo((text: string) => _splitToken(text).core, 100_000)

/** Rounds of deciding again: each new correction may be evidence for another. */
const MAX_ROUNDS = 3

/**
 * The words corrections bring in are evidence as much as the words the scan read right: the
 * text of a clean-up, cleaned again, would count them. Count them now, and decide again the
 * unknown words whose candidates they touch, so that a second clean-up changes nothing.
 */
function _decideAgain(out: Block[][], pending: _Pending[], ctx: Context, corrections: Correction[], issues: Issue[], moved: Map<string, number> | null): void {
  const made0 = corrections.length
  let made = made0
  const dropIssues = new Set<number>()
  for (let round = 0; round < MAX_ROUNDS && made > 0 && pending.length > 0; round++) {
    // The release's words as the corrected text has them: the counts so far moved by the
    // corrections since (or, past MAX_TOKENS, where the counts so far stop short, counted again).
    const counts = new Map<string, number>()
    if (moved) {
      for (const [w, d] of moved) if (d !== 0) counts.set(w, (ctx.counts.get(w) ?? 0) + d)
      moved.clear()
    } else {
      for (const blocks of out) for (const block of blocks) for (const token of block.tokens) {
        const c = _coreOf(token.text)
        if (c) counts.set(c, (counts.get(c) ?? 0) + 1)
      }
      for (const w of ctx.counts.keys()) if (!counts.has(w)) counts.set(w, 0)
    }
    const changed = new Set<string>()
    for (const [w, n] of counts) {
      if ((ctx.counts.get(w) ?? 0) === n) continue
      ctx.counts.set(w, n)
      if (ctx.lex.has(w) || ctx.release.has(w)) {
        ctx.release.set(w, n)
        changed.add(w)
      }
    }
    if (changed.size === 0) break
    const touched = (p: _Pending): boolean =>
      ctx.gen.generate(p.core, 10).some((c) => c.text.split(' ').some((w) => changed.has(w)))
    const decided: Array<{ p: _Pending; decision: Decision }> = []
    const still: _Pending[] = []
    for (const p of pending) {
      const d = touched(p) ? _decideUnknown(p.core, ctx, p.info) : null
      if (d && !('issue' in d) && !d.mergeNext) decided.push({ p, decision: d })
      else still.push(p)
    }
    // Back to front within each block, so that a split does not move the places still to change.
    decided.reverse()
    for (const { p, decision } of decided) {
      const applied = _apply(p.token, p.parts, p.core, decision)
      const shift = applied.tokens.length - 1
      p.tokens.splice(p.at, 1, ...applied.tokens)
      if (moved) _move(moved, [p.token], applied.tokens)
      const cells = p.holder.block?.cells
      if (cells && shift > 0) cells[p.cell] = (cells[p.cell] ?? 0) + shift
      if (shift > 0) for (const q of still) if (q.tokens === p.tokens && q.at > p.at) q.at += shift
      corrections.push(applied.correction)
      if (p.issue >= 0) dropIssues.add(p.issue)
    }
    made = decided.length
    pending = still
  }
  if (dropIssues.size > 0) {
    const kept = issues.filter((_, k) => !dropIssues.has(k))
    issues.length = 0
    issues.push(...kept)
  }
  // Corrections in source order, as the first round made them.
  if (corrections.length > made0) corrections.sort((a, b) => a.page - b.page || a.start - b.start)
}

/**
 * Correct a plain text (one page, whitespace-separated words). Returns the
 * corrected text with the corrections in offsets of the input.
 */
export function correctText(text: string, options?: CorrectOptions): { value: string; corrections: Correction[]; issues: Issue[] } {
  if (typeof text !== 'string') throw new TypeError(`Expected \`text\` to be a string, got \`${typeof text}\``)
  // Blocks: paragraphs split at blank lines and after short lines (headings), so
  // that the first word of each starts a sentence.
  const blocks: Block[] = []
  let tokens: Token[] = []
  const flush = (): void => {
    if (tokens.length > 0) blocks.push({ kind: 'paragraph', level: 0, tokens })
    tokens = []
  }
  let lineStart = 0
  for (const line of text.split('\n')) {
    for (const m of line.matchAll(/\S+/gu)) tokens.push({ text: m[0], page: 0, start: lineStart + m.index!, end: lineStart + m.index! + m[0].length })
    const trimmed = line.trim()
    if (trimmed === '' || (trimmed.length < 60 && !/[,;-]$/u.test(trimmed))) flush()
    lineStart += line.length + 1
  }
  flush()
  const result = correctBlocks([blocks], options)
  const { corrections, issues } = result
  let value = ''
  let cursor = 0
  for (const token of result.blocks[0]!.flatMap((b) => b.tokens)) {
    const gap = text.slice(cursor, token.start)
    value += gap
    if (gap === '' && value !== '' && !/\s$/u.test(value)) value += ' '
    value += token.text
    cursor = token.end
  }
  value += text.slice(cursor)
  return { value, corrections, issues }
}
