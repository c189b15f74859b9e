// Candidate corrections for one word: OCR-confusion rewrites, case repair,
// ordinary single edits (Norvig style, checked against the lexicon), edits
// inside one part of a compound, and splits into two words.
import { _memo } from '../memo.js'
import { _grown } from '../typed.js'
import { confusionCost, _REWRITES, _RewriteSites } from './confusion.js'
import { _finish, _foldCode, _foldHash, _polyStep, _powersUpTo, type DutchLexicon } from './lexicon.js'

export interface Candidate {
  /** The corrected word (with a space for a split). */
  text: string
  cost: number
  /** `accent`, `case`, `confusion`, `edit`, `compound`, `split`. */
  kind: string
}

// Accented letters are reached through the confusion rewrites; plain edits use plain letters.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz'
const MAX_GENERATED = 800
/** Work bound for one release: lexicon probes across all candidate searches. */
const MAX_WORK = 6_000_000


/** Apply `pattern`'s case to `word`: all caps stays all caps, a capital stays. */
export function _applyCase(pattern: string, word: string): string {
  const kind = _caseKind(pattern)
  if (kind === 2) return word.toUpperCase()
  if (kind === 1) return word.charAt(0).toUpperCase() + word.slice(1)
  return word
}

/** The case of a damaged word, read once: it is cased against many candidates. 2 all capitals, 1 a capital first, 0 neither. */
const _caseKind = _memo((pattern: string): 0 | 1 | 2 => {
  const letters = pattern.replace(/\P{L}/gu, '')
  const first = pattern.match(/\p{L}/u)?.[0]
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return 2
  return first && first !== first.toLowerCase() ? 1 : 0
}, 50_000)

/** The kind of a correction from what changed. */
function _kindOf(from: string, to: string): string {
  if (to.includes(' ') && !from.includes(' ')) return 'split'
  if (from.toLowerCase() === to.toLowerCase()) return 'case'
  const strip = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
  if (strip(from) === strip(to)) return 'accent'
  return 'confusion'
}

export class CandidateGenerator {
  constructor(
    private readonly lexicon: DutchLexicon,
    /** Words of the release seen in clean context: count per form. */
    private readonly release: Map<string, number>,
    /** Words the release repeats that the lexicon lacks: candidates, but not "known" themselves. */
    private readonly releaseWords: Set<string> = new Set(),
  ) {
    for (const w of releaseWords) {
      const f = _foldHash(w)
      if (f >= 0) this.releaseFolds.add(f)
    }
    for (const f of [...this.releaseFolds, ...lexicon.termFolds()]) {
      this.sideFolds.add(f)
      this.sideBits[(f >>> 5) & 2047]! |= 1 << (f & 31)
    }
  }

  /** Folds of the release words, the terms and the extra words, and a small bit table of them (most folds miss it). */
  private readonly sideFolds = new Set<number>()
  private readonly sideBits = new Uint32Array(2048)

  /** The rewrites seen in one word's search (reused from word to word). */
  private readonly seen = new _SeenStrings()
  /** The last round's rewrites of one word's search, held for the fold filter (reused). */
  private readonly held = new _HeldRewrites(MAX_GENERATED)
  /** Where the rules apply in one word of the search (reused). */
  private readonly sites = new _RewriteSites()
  /** The places in each first-round word of the search, from `sites` (reused). */
  private readonly derived = new _RewriteSites()
  /** The first round's words of the search, the place (in `sites`) that made each, and per place the word it made (reused). */
  private readonly bases: string[] = []
  private placeOf = new Int32Array(64)
  private made = new Int32Array(64)
  /** The same, the hashes and the filter results for the variants of split halves and compound parts (reused). */
  private readonly partSites = new _RewriteSites()
  private readonly partHeld = new _HeldRewrites(64)
  private readonly splicer = new _Splicer()
  /** Hashes and filter results for a word's single edits, and its prefix hashes (reused). */
  private readonly editHeld = new _HeldRewrites(1024)
  private editPre = new Int32Array(64)

  /** Folds of the release words (see `_foldHash`). */
  private readonly releaseFolds = new Set<number>()

  /**
   * False when no form with this fold hash is a listed word, a term, an extra word or a
   * release word: then neither the form, its sentence case nor its capitals are known.
   */
  private mayBeKnown(foldHash: number): boolean {
    if (foldHash < 0) return true
    if ((this.sideBits[(foldHash >>> 5) & 2047]! & (1 << (foldHash & 31))) !== 0 && this.sideFolds.has(foldHash)) return true
    return this.lexicon.mayFoldListed(foldHash)
  }

  /** `mayBeKnown` for `count` fold hashes at once (none -1): `out[k]` 1 when `hashes[k]` may be known. */
  private mayBeKnownAll(hashes: Uint32Array, count: number, out: Uint8Array): void {
    this.lexicon.mayFoldListedAll(hashes, count, out)
    const bits = this.sideBits
    for (let k = 0; k < count; k++) {
      const f = hashes[k]!
      if (out[k] === 0 && (bits[(f >>> 5) & 2047]! & (1 << (f & 31))) !== 0 && this.sideFolds.has(f)) out[k] = 1
    }
  }

  /** `lexicon.hasExact`, ruling out most misses by the fold filter first. */
  private hasExact(word: string): boolean {
    return this.lexicon.mayKnowFold(_foldHash(word)) && this.lexicon.hasExact(word)
  }

  private known(word: string): boolean {
    return this.lexicon.has(word)
  }

  /** All candidates for an unknown word, cheapest first (at most `limit`). */
  private readonly memo = new Map<string, Candidate[]>()
  /** Rough count of lexicon probes so far: past MAX_WORK the search stops (garbage input). */
  work = 0

  generate(word: string, limit = 8): Candidate[] {
    const key = `${word}\u0000${limit}`
    let out = this.memo.get(key)
    if (!out) {
      if (this.work > MAX_WORK) return []
      // edits1 alone probes about 70 strings per letter.
      this.work += 100 * word.length + 200
      // The search does not depend on the limit: a word asked for again with another limit
      // takes the head of the list already found (the work is counted all the same).
      let all = this.full.get(word)
      if (!all) {
        all = this.generateAll(word)
        this.full.set(word, all)
      }
      out = all.slice(0, limit)
      if (this.memo.size > 20_000) {
        this.memo.clear()
        this.full.clear()
      }
      this.memo.set(key, out)
    }
    return out
  }

  /** Every candidate found for a word, cheapest first, per word. */
  private readonly full = new Map<string, Candidate[]>()

  private generateAll(word: string): Candidate[] {
    const found = new Map<string, Candidate>()
    const add = (text: string, kind?: string): void => {
      if (text === word || found.has(text)) return
      const cost = confusionCost(word, text)
      found.set(text, { text, cost, kind: kind ?? _kindOf(word, text) })
    }
    const lower = word.toLowerCase()
    // Case repair: `VOOr` -> `voor`, `bELEID` -> `beleid`.
    if (lower !== word) {
      if (this.lexicon.hasExact(lower) || this.known(lower)) add(lower, 'case')
      const cap = lower.charAt(0).toUpperCase() + lower.slice(1)
      if (this.lexicon.hasExact(cap)) add(cap, 'case')
    }
    this.confusions(word, add)
    // Ordinary single edits against the listed words.
    if (word.length >= 3 && word.length <= 30) {
      for (const v of this.edits1Known(lower)) {
        if (this.lexicon.hasForm(v)) add(_applyCase(word, v), 'edit')
        else if (this.releaseWords.size > 0 && (this.releaseWords.has(v) || this.releaseWords.has(_applyCase(word, v)))) {
          add(this.releaseWords.has(v) ? v : _applyCase(word, v), 'edit')
        }
        else if (/^\p{Lu}/u.test(word)) {
          // Proper nouns are listed with their capital.
          const cap = v.charAt(0).toUpperCase() + v.slice(1)
          if (this.lexicon.hasForm(cap)) add(_applyCase(word, cap), 'edit')
        }
      }
    }
    // One damaged part inside a compound.
    if (word.length >= 8) for (const v of this.compoundEdits(lower)) add(_applyCase(word, v), 'compound')
    // Two words run together (optionally with a glyph confusion at the join).
    for (const v of this.splits(word)) add(v, 'split')
    return [...found.values()].sort((a, b) => a.cost - b.cost)
  }

  /**
   * OCR-confusion rewrites of `word`, up to two (one for long words) at once: each one's form
   * that is a known word (in the first round also a compound) goes to `add`, in the order found.
   */
  private confusions(word: string, add: (text: string) => void): void {
    const deeper = word.length <= 20
    // The rewrites seen so far (`seen`): a rewrite of the second round is held as its parts and
    // made into a string only when the fold filter lets it through; the first round's are made
    // (the next round rewrites them).
    const seen = this.seen
    seen.reset()
    seen.setBase(word)
    seen.addBase()
    const sites = this.sites
    const count = sites.find(word, _ruleBound(0, 0))
    // The first round's words and the place of each in `sites`, and per place the word it made (-1: none).
    const bases = this.bases
    if (this.made.length < count) {
      this.made = new Int32Array(2 * count)
      this.placeOf = new Int32Array(2 * count)
    }
    const madeBy = this.made
    const placeOf = this.placeOf
    bases.length = 0
    let generated = 0
    for (let q = 0; q < count; q++) {
      madeBy[q] = -1
      const r = sites.rules[q]!
      const at = sites.ats[q]!
      const from = RULE_FROM[r]!
      const to = RULE_TO[r]!
      // A rewrite to nothing is no word.
      if (word.length - from.length + to.length === 0) continue
      if (!seen.addRewrite(at, from.length, r, to)) continue
      if (++generated > MAX_GENERATED) return
      const v = word.slice(0, at) + to + word.slice(at + from.length)
      // Compound lookups cost a parse: only for the cheaper variants.
      const hit = this.checkCase(v, word, true, seen.foldHash)
      if (hit) add(hit)
      if (deeper) {
        madeBy[q] = bases.length
        placeOf[bases.length] = q
        bases.push(v)
      }
    }
    if (bases.length > 0) this.secondRound(word, bases, generated, add)
  }

  /**
   * The second round of `confusions`: rewrites of the first round's words (`bases`, each made
   * by the place `this.placeOf[f]` of `this.sites`), second confusions only from the common classes
   * and at most 1 in all. Without compounds, a rewrite whose fold no known word has is no hit:
   * the round's rewrites are held and filtered at once, then checked in order.
   */
  private secondRound(word: string, bases: string[], generated: number, add: (text: string) => void): void {
    const seen = this.seen
    const held = this.held
    const sites = this.sites
    const madeBy = this.made
    const placeOf = this.placeOf
    const derived = this.derived
    held.count = 0
    for (let f = 0; f < bases.length; f++) {
      const q = placeOf[f]!
      const w = bases[f]!
      const first = sites.rules[q]!
      const c = RULE_COST[first]!
      seen.setBase(w)
      const count = derived.derive(sites, w, sites.ats[q]!, RULE_FROM[first]!.length, RULE_TO[first]!.length, _ruleBound(c, 1))
      // A rewrite at a place of the word clear of the first one is the word with both: made
      // already from an earlier base, the one that place made, when the first rewrite applies
      // there as a second one (cheap enough).
      const swapped = c <= 0.5
      for (let k = 0; k < count; k++) {
        const r = derived.rules[k]!
        const at = derived.ats[k]!
        const from = RULE_FROM[r]!
        const to = RULE_TO[r]!
        if (w.length - from.length + to.length === 0) continue
        if (swapped) {
          const o = derived.origins[k]!
          if (o >= 0 && madeBy[o]! >= 0 && madeBy[o]! < f) continue
        }
        if (!seen.addRewrite(at, from.length, r, to)) continue
        if (++generated > MAX_GENERATED) break
        held.hold(f, at, r, seen.foldHash)
      }
      if (generated > MAX_GENERATED) break
    }
    this.mayBeKnownAll(held.hashes, held.count, held.pass)
    for (let k = 0; k < held.count; k++) {
      if (held.pass[k] === 0 && held.hashes[k] !== _NO_FOLD) continue
      const w = bases[held.bases[k]!]!
      const at = held.ats[k]!
      const r = held.rules[k]!
      const hit = this.checkCase(w.slice(0, at) + RULE_TO[r]! + w.slice(at + RULE_FROM[r]!.length), word, false)
      if (hit) add(hit)
    }
  }

  /** The form of `v` that is a known word, trying the case of `original`. */
  private checkCase(v: string, original: string, compounds = true, foldHash = _foldHash(v)): string | null {
    // A known form of `v` or of its cased form folds as `v` does (compounds aside).
    const maybe = this.mayBeKnown(foldHash)
    if (!compounds && !maybe) return null
    if (this.knownForm(v, maybe, compounds)) return v
    const cased = _applyCase(original, v.toLowerCase())
    if (cased !== v && this.knownForm(cased, maybe, compounds)) return cased
    return null
  }

  /** For `checkCase`: `w` is listed, a release word (when its fold may be known) or a compound. */
  private knownForm(w: string, maybe: boolean, compounds: boolean): boolean {
    return (maybe && (this.lexicon.hasExact(w) || this.releaseWords.has(w))) || (compounds && this.lexicon.isCompound(w))
  }

  /** Single edits of an all-caps word in capitals (for abbreviations: checked against the terms). */
  *termEdits(w: string): Generator<string> {
    const n = w.length
    const AZ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
    for (let i = 0; i < n; i++) yield w.slice(0, i) + w.slice(i + 1)
    for (let i = 0; i + 1 < n; i++) yield w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2)
    for (let i = 0; i < n; i++) for (const c of AZ) if (c !== w[i]) yield w.slice(0, i) + c + w.slice(i + 1)
  }

  /**
   * The edits of `edits1`, in its order, less those that can be no known form: every
   * lookup the caller makes (the edit, its cased form, its capitalised form) folds as
   * the edit does, so an edit whose fold no known word has is skipped before its string
   * is made.
   */
  private edits1Known(w: string): Iterable<string> {
    const codes = new Int32Array(w.length)
    for (let i = 0; i < w.length; i++) {
      codes[i] = _foldCode(w.charCodeAt(i))
      if (codes[i]! < 0) return this.edits1(w)
    }
    return this.edits1Hashed(w, codes, (hashes, count, out) => this.mayBeKnownAll(hashes, count, out))
  }

  /**
   * The edits of `edits1` in its order, less those whose hash (`_hash`) fails `testAll`
   * (which sets `out[k]` to 1 for each of `hashes[0, count)` that passes). `codes` are the
   * units hashed for each letter of `w` (the letters themselves, or their folds). The hash
   * of each edit is spliced from the word's prefix hashes in a few steps (see `_polyStep`),
   * all are tested at once, and the string is made only for an edit that passes.
   */
  private edits1Hashed(w: string, codes: Int32Array, testAll: (hashes: Uint32Array, count: number, out: Uint8Array) => void): string[] {
    const n = w.length
    const letters = ALPHABET.length
    // Deletions, swaps of neighbours, replacements (a letter by itself too: skipped below), insertions.
    const swaps = Math.max(n - 1, 0)
    const count = n + swaps + letters * n + letters * (n + 1)
    const held = this.editHeld
    held.ensure(count)
    const hashes = held.hashes
    const pass = held.pass
    const pow = _powersUpTo(n + 1)
    if (this.editPre.length <= n) this.editPre = new Int32Array(2 * n + 2)
    const pre = this.editPre
    for (let i = 0; i < n; i++) pre[i + 1] = _polyStep(pre[i]!, codes[i]!)
    // The raw hash of w[j, n).
    const tail = (j: number): number => (pre[n]! - Math.imul(pre[j]!, pow[n - j]!)) | 0
    let k = 0
    for (let i = 0; i < n; i++) hashes[k++] = _finish((Math.imul(pre[i]!, pow[n - 1 - i]!) + tail(i + 1)) | 0, n - 1)
    for (let i = 0; i + 1 < n; i++) {
      const raw = Math.imul(pre[i]!, pow[n - i]!) + Math.imul(codes[i + 1]!, pow[n - i - 1]!) + Math.imul(codes[i]!, pow[n - i - 2]!) + tail(i + 2)
      hashes[k++] = _finish(raw | 0, n)
    }
    for (let i = 0; i < n; i++) {
      const around = Math.imul(pre[i]!, pow[n - i]!) + tail(i + 1)
      const at = pow[n - i - 1]!
      for (let a = 0; a < letters; a++) hashes[k++] = _finish((around + Math.imul(ALPHABET.charCodeAt(a), at)) | 0, n)
    }
    for (let i = 0; i <= n; i++) {
      const around = Math.imul(pre[i]!, pow[n - i + 1]!) + tail(i)
      const at = pow[n - i]!
      for (let a = 0; a < letters; a++) hashes[k++] = _finish((around + Math.imul(ALPHABET.charCodeAt(a), at)) | 0, n + 1)
    }
    testAll(hashes, count, pass)
    const out: string[] = []
    k = 0
    for (let i = 0; i < n; i++) if (pass[k++] === 1) out.push(w.slice(0, i) + w.slice(i + 1))
    for (let i = 0; i + 1 < n; i++) if (pass[k++] === 1) out.push(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2))
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < letters; a++) {
        const c = ALPHABET[a]!
        if (pass[k++] === 1 && c !== w[i]) out.push(w.slice(0, i) + c + w.slice(i + 1))
      }
    }
    for (let i = 0; i <= n; i++) {
      for (let a = 0; a < letters; a++) if (pass[k++] === 1) out.push(w.slice(0, i) + ALPHABET[a]! + w.slice(i))
    }
    return out
  }

  private *edits1(w: string): Generator<string> {
    const n = w.length
    for (let i = 0; i < n; i++) yield w.slice(0, i) + w.slice(i + 1)
    for (let i = 0; i + 1 < n; i++) yield w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2)
    for (let i = 0; i < n; i++) for (const c of ALPHABET) if (c !== w[i]) yield w.slice(0, i) + c + w.slice(i + 1)
    for (let i = 0; i <= n; i++) for (const c of ALPHABET) yield w.slice(0, i) + c + w.slice(i)
  }

  /**
   * Compounds are too many to list, so an edit inside a compound is found by
   * parsing: a known prefix of parts, one damaged chunk, a known suffix of
   * parts; the chunk's single edits are looked up as parts.
   */
  private compoundEdits(w: string): string[] {
    const n = w.length
    const lex = this.lexicon
    // Positions reachable from the start by whole parts, and from which the end is.
    const fromStart = new Set<number>([0])
    for (let i = 0; i < n; i++) {
      if (!fromStart.has(i)) continue
      for (let j = i + 3; j <= n; j++) if (lex.isPartRange(w, i, j, i === 0 ? 'begin' : 'middle')) fromStart.add(j)
    }
    const toEnd = new Set<number>([n])
    for (let j = n; j > 0; j--) {
      if (!toEnd.has(j)) continue
      for (let i = j - 3; i >= 0; i--) if (lex.isPartRange(w, i, j, j === n ? 'end' : 'middle')) toEnd.add(i)
    }
    const out: string[] = []
    // The damaged chunk is short: try the shortest spans first, a bounded number of them.
    const spans: Array<[number, number]> = []
    for (const s of fromStart) for (const e of toEnd) if (e - s >= 3 && e - s <= 16 && !(s === 0 && e === n)) spans.push([s, e])
    spans.sort((p, q) => p[1] - p[0] - (q[1] - q[0]) || p[0] - q[0])
    for (const [s, e] of spans.slice(0, 6)) {
      const chunk = w.slice(s, e)
      const role = s === 0 ? 'begin' : e === n ? 'end' : 'middle'
      // Plain edits first, then OCR rewrites, of this part of the compound.
      // (Variants whose exact hash the lexicon's filter rules out are no listed part: skipped unmade.)
      const codes = new Int32Array(chunk.length)
      for (let i = 0; i < chunk.length; i++) codes[i] = chunk.charCodeAt(i)
      const variants = this.edits1Hashed(chunk, codes, (hashes, count, out) => lex.mayListAll(hashes, count, out))
      this.rewritesListed(chunk, variants)
      for (const v of variants) {
        if (v.length >= 3 && lex.isPart(v, role)) {
          const full = w.slice(0, s) + v + w.slice(e)
          if (lex.has(full)) out.push(full)
        }
      }
      if (out.length > 50) return out
    }
    return out
  }

  /** Two words run together: `briefis` -> `brief is`, `geinformeerd_via` -> `geïnformeerd via`. */
  private splits(word: string): string[] {
    const out: string[] = []
    if (word.length < 4 || word.length > 40) return out
    const underscore = word.indexOf('_')
    if (underscore > 0) {
      const parts = word.split('_').filter((p) => p !== '')
      const fixed = parts.map((p) => (this.known(p) ? p : this.generateSimple(p)))
      if (fixed.every((p) => p !== null)) out.push(fixed.join(' '))
      // An underscore between letters is a lost space even when one half stays unknown.
      else if (parts.length === 2 && fixed.some((p) => p !== null)) out.push(parts.map((p, i) => fixed[i] ?? p).join(' '))
      return out
    }
    for (let i = 1; i < word.length; i++) {
      const left = word.slice(0, i)
      const right = word.slice(i)
      if (!/\p{L}$/u.test(left) || !/^\p{L}/u.test(right)) continue
      const l = this.splitPart(left)
      if (l === null) continue
      const r = this.splitPart(right)
      if (r === null) continue
      // Two nouns side by side are more likely a compound the dictionary lacks
      // (`algoritmeregister`) than two words run together.
      const ll = l.toLowerCase()
      const rl = r.toLowerCase()
      if (ll.length >= 4 && rl.length >= 4 && this.lexicon.isPart(rl, 'end') && (this.lexicon.isPart(ll, 'begin') || this.lexicon.isPart(ll, 'end'))) continue
      // Dutch writes compounds as one word: two long content words together are
      // likelier an unlisted compound than a lost space, unless one is a frequent word.
      if (ll.length >= 5 && rl.length >= 5 && this.lexicon.frequency(ll) === 0 && this.lexicon.frequency(rl) === 0) continue
      out.push(`${l} ${r}`)
    }
    return out
  }

  /** A split half: a listed word (not a compound: too permissive), or one cheap confusion away from one. */
  private splitPart(part: string): string | null {
    // The one one-letter word of running Dutch: `u`.
    if (part.length === 1) return part === 'u' || part === 'U' ? part : null
    // A short all-caps half is an abbreviation: a term, or one glyph away from one (`AL` -> `AI`).
    if (part.length <= 4 && part === part.toUpperCase() && /^\p{Lu}+$/u.test(part)) {
      if (this.lexicon.isTerm(part)) return part
      for (const [from, to, cost] of _REWRITES) {
        if (cost > 0.5) break
        const at = part.indexOf(from)
        if (at < 0) continue
        const v = part.slice(0, at) + to + part.slice(at + from.length)
        if (this.lexicon.isTerm(v)) return v
      }
      return null
    }
    if (this.hasExact(part) && (part.length > 2 || this.release.has(part) || this.lexicon.frequency(part) > 0)) return part
    if (part.length >= 7 && this.lexicon.isCompound(part)) return part
    // A glyph confusion at the join, only for the cheap classes and short halves.
    if (part.length > 12) return null
    // (`_rewriteVariants(part, 0.4)` in its order; a variant whose fold no listed word, term or extra word has is skipped unmade.)
    const held = this.partHeld
    const sites = this.partSites
    const splicer = this.splicer
    splicer.setBase(part)
    const count = sites.find(part, CHEAP_RULES)
    held.ensure(count)
    held.count = 0
    for (let q = 0; q < count; q++) {
      const r = sites.rules[q]!
      const at = sites.ats[q]!
      if (part.length - RULE_FROM[r]!.length + RULE_TO[r]!.length > 1) held.hold(0, at, r, splicer.foldHash(at, RULE_FROM[r]!.length, r))
    }
    this.lexicon.mayKnowFoldAll(held.hashes, held.count, held.pass)
    for (let k = 0; k < held.count; k++) {
      if (held.pass[k] === 0 && held.hashes[k] !== _NO_FOLD) continue
      const at = held.ats[k]!
      const r = held.rules[k]!
      const v = part.slice(0, at) + RULE_TO[r]! + part.slice(at + RULE_FROM[r]!.length)
      if (this.lexicon.hasExact(v) && (v.length > 2 || this.lexicon.isTerm(v) || this.lexicon.frequency(v) > 0)) return v
    }
    return null
  }

  /**
   * Append to `out` the variants of `_rewriteVariants(chunk)` (every rule, in its order) that
   * may be listed forms: a variant whose exact hash the lexicon's filter rules out is skipped unmade.
   */
  private rewritesListed(chunk: string, out: string[]): void {
    const held = this.partHeld
    const sites = this.partSites
    const splicer = this.splicer
    splicer.setBase(chunk)
    const count = sites.find(chunk)
    held.ensure(count)
    held.count = 0
    for (let q = 0; q < count; q++) {
      const at = sites.ats[q]!
      const r = sites.rules[q]!
      held.hold(0, at, r, splicer.hash(at, RULE_FROM[r]!.length, r))
    }
    this.lexicon.mayListAll(held.hashes, held.count, held.pass)
    for (let k = 0; k < held.count; k++) {
      if (held.pass[k] === 0) continue
      const at = held.ats[k]!
      const r = held.rules[k]!
      out.push(chunk.slice(0, at) + RULE_TO[r]! + chunk.slice(at + RULE_FROM[r]!.length))
    }
  }

  /** A cheap correction for a part of an underscore-joined pair. */
  private generateSimple(part: string): string | null {
    const c = this.generate(part, 2)
    return c.length > 0 && c[0]!.cost <= 0.5 && (c.length === 1 || c[1]!.cost - c[0]!.cost >= 0.2) ? c[0]!.text : null
  }
}

/** The rules of `_REWRITES` by part: OCR side, text side, cost. */
const RULE_FROM = _REWRITES.map(([from]) => from)
const RULE_TO = _REWRITES.map(([, to]) => to)
const RULE_COST = Float64Array.from(_REWRITES, ([, , cost]) => cost)
/** The rules of the glyph confusions tried at the join of a split: those before this index (cost at most 0.4). */
const CHEAP_RULES = RULE_COST.findIndex((cost) => cost > 0.4) < 0 ? RULE_COST.length : RULE_COST.findIndex((cost) => cost > 0.4)

/**
 * The rules a word of round `depth` that cost `c` may be rewritten by: those before the
 * returned index. A second confusion only from the common classes, and at most 1 in all
 * (the rules go cheapest first: none after the first dearer one passes either).
 */
function _ruleBound(c: number, depth: number): number {
  let lo = 0
  let hi = RULE_COST.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const cost = RULE_COST[mid]!
    if (c + cost > 1.0 || (depth > 0 && cost > 0.5)) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** Stands for the fold hash of a rewrite that does not fold (-1, which a filter cannot test), in a Uint32Array. */
const _NO_FOLD = 0xffffffff

/** Rewrites of the confusion search held for one filter pass: the base (its place in the round), where, which rule, the fold hash. */
class _HeldRewrites {
  count = 0
  bases: Int32Array
  ats: Int32Array
  rules: Int32Array
  hashes: Uint32Array
  pass: Uint8Array

  constructor(most: number) {
    this.bases = new Int32Array(most)
    this.ats = new Int32Array(most)
    this.rules = new Int32Array(most)
    this.hashes = new Uint32Array(most)
    this.pass = new Uint8Array(most)
  }

  /** Room for `most` (the held ones are dropped when it grows). */
  ensure(most: number): void {
    if (most <= this.ats.length) return
    const size = Math.max(most, 2 * this.ats.length)
    this.bases = new Int32Array(size)
    this.ats = new Int32Array(size)
    this.rules = new Int32Array(size)
    this.hashes = new Uint32Array(size)
    this.pass = new Uint8Array(size)
    this.count = 0
  }

  hold(base: number, at: number, rule: number, foldHash: number): void {
    const k = this.count++
    this.bases[k] = base
    this.ats[k] = at
    this.rules[k] = rule
    this.hashes[k] = foldHash < 0 ? _NO_FOLD : foldHash
  }
}

/** Per rule of `_REWRITES`: the raw polynomial hash of its text side, of that side's fold, and whether it folds. */
const RULE_RAW = new Int32Array(_REWRITES.length)
const RULE_FOLD_RAW = new Int32Array(_REWRITES.length)
const RULE_FOLDS = new Uint8Array(_REWRITES.length)
_REWRITES.forEach(([, to], r) => {
  let raw = 0
  let fold = 0
  let folds = 1
  for (let k = 0; k < to.length; k++) {
    const code = to.charCodeAt(k)
    raw = _polyStep(raw, code)
    const fc = _foldCode(code)
    if (fc < 0) folds = 0
    else fold = _polyStep(fold, fc)
  }
  RULE_RAW[r] = raw
  RULE_FOLD_RAW[r] = fold
  RULE_FOLDS[r] = folds
})

/**
 * The hashes (`_hash`, `_foldHash`) of the strings one rule away from a base string,
 * `base[0, at) + to + base[at + cut, …)`, each from the base's prefix hashes and the rule's
 * in a few steps (see `_polyStep`), without making the string.
 */
class _Splicer {
  base = ''
  /** Raw prefix hashes of the base's units and of their folds, and its units that do not fold, per prefix. */
  private pre = new Int32Array(64)
  private foldPre = new Int32Array(64)
  private unfolded = new Int32Array(64)

  /** Make `base` the string the next rewrites apply to. */
  setBase(base: string): void {
    const n = base.length
    if (n >= this.pre.length) {
      const size = Math.max(2 * this.pre.length, n + 1)
      this.pre = new Int32Array(size)
      this.foldPre = new Int32Array(size)
      this.unfolded = new Int32Array(size)
    }
    const pre = this.pre
    const foldPre = this.foldPre
    const unfolded = this.unfolded
    for (let k = 0; k < n; k++) {
      const code = base.charCodeAt(k)
      const fc = _foldCode(code)
      pre[k + 1] = _polyStep(pre[k]!, code)
      foldPre[k + 1] = fc < 0 ? foldPre[k]! : _polyStep(foldPre[k]!, fc)
      unfolded[k + 1] = unfolded[k]! + (fc < 0 ? 1 : 0)
    }
    this.base = base
  }

  /** `_hash` of the base. */
  baseHash(): number {
    const n = this.base.length
    return _finish(this.pre[n]!, n)
  }

  /** `_foldHash` of the base. */
  baseFoldHash(): number {
    const n = this.base.length
    return this.unfolded[n] === 0 ? _finish(this.foldPre[n]!, n) : -1
  }

  /** `_hash` of the base rewritten by rule `r` (of `_REWRITES`), whose OCR side (`cut` long) stands at `at`. */
  hash(at: number, cut: number, r: number): number {
    return this.splice(this.pre, RULE_RAW[r]!, at, cut, RULE_TO[r]!.length)
  }

  /** `_foldHash` of the same, or -1 when a unit of it does not fold. */
  foldHash(at: number, cut: number, r: number): number {
    const n = this.base.length
    const unfolded = this.unfolded
    if (RULE_FOLDS[r] === 0 || unfolded[at] !== 0 || unfolded[n] !== unfolded[at + cut]) return -1
    return this.splice(this.foldPre, RULE_FOLD_RAW[r]!, at, cut, RULE_TO[r]!.length)
  }

  /** The hash of `base[0, at) + ins + base[at + cut, …)` from the prefix hashes `pre` and the raw hash of `ins`. */
  private splice(pre: Int32Array, insRaw: number, at: number, cut: number, insLength: number): number {
    const n = this.base.length
    const after = at + cut
    const tail = n - after
    const length = at + insLength + tail
    const pow = _powersUpTo(length)
    const raw = Math.imul(pre[at]!, pow[insLength + tail]!) + Math.imul(insRaw, pow[tail]!) + pre[n]! - Math.imul(pre[after]!, pow[tail]!)
    return _finish(raw | 0, length)
  }
}

/**
 * A set of strings for the confusion search, which makes hundreds of rewrites per word and
 * most of them lead nowhere: a rewrite `base[0, at) + ins + base[at + cut, …)` is hashed from
 * the base's prefix hashes and the rule's (see `_Splicer`) and compared in place, and stored
 * as those parts, so that no string is made to ask whether it was seen. Its fold hash
 * (`_foldHash`) is worked out alongside.
 */
class _SeenStrings {
  /** Entry number + 1 per slot, 0 for an empty slot; a power of two, at most half full. */
  private slots = new Int32Array(2048)
  /** The entries: `bases[e][0, ats[e]) + inserts[e] + bases[e][ats[e] + cuts[e], …)`, hash `hashes[e]`. */
  private count = 0
  private bases: string[] = []
  private ats = new Int32Array(1024)
  private cuts = new Int32Array(1024)
  private inserts: string[] = []
  private hashes = new Int32Array(1024)
  /** The fold hash of the string last offered (-1 when it does not fold). */
  foldHash = -1
  /** The base of the rewrites offered next. */
  private readonly splicer = new _Splicer()

  /** Empty the set (the arrays are kept: a search fills them again). */
  reset(): void {
    if (this.count > 0) {
      this.slots.fill(0)
      this.count = 0
    }
  }

  /** Make `base` the string the next rewrites apply to. */
  setBase(base: string): void {
    this.splicer.setBase(base)
  }

  /** Add the base itself; false when it was there already. */
  addBase(): boolean {
    const base = this.splicer.base
    this.foldHash = this.splicer.baseFoldHash()
    return this.insert(this.splicer.baseHash(), base, base.length, 0, '')
  }

  /** Add `base[0, at) + to + base[at + cut, …)` for rule `r` (of `_REWRITES`, `to` its text side); false when it was there already. */
  addRewrite(at: number, cut: number, r: number, to: string): boolean {
    if (!this.insert(this.splicer.hash(at, cut, r), this.splicer.base, at, cut, to)) return false
    this.foldHash = this.splicer.foldHash(at, cut, r)
    return true
  }

  /** Store the string with hash `h`, `base[0, at) + ins + base[at + cut, …)`, unless it is there. */
  private insert(h: number, base: string, at: number, cut: number, ins: string): boolean {
    const length = base.length - cut + ins.length
    const mask = this.slots.length - 1
    let i = h & mask
    for (; ; i = (i + 1) & mask) {
      const slot = this.slots[i]!
      if (slot === 0) break
      const e = slot - 1
      if (this.hashes[e] === h && this.equals(e, base, at, cut, ins, length)) return false
    }
    const e = this.count++
    if (e === this.ats.length) this.growEntries()
    this.bases[e] = base
    this.ats[e] = at
    this.cuts[e] = cut
    this.inserts[e] = ins
    this.hashes[e] = h
    this.slots[i] = e + 1
    // At most half full.
    if (this.count * 2 > this.slots.length) this.grow()
    return true
  }

  private equals(e: number, base: string, at: number, cut: number, ins: string, length: number): boolean {
    const b2 = this.bases[e]!
    const at2 = this.ats[e]!
    const cut2 = this.cuts[e]!
    const ins2 = this.inserts[e]!
    if (b2.length - cut2 + ins2.length !== length) return false
    // Where both read their bases unchanged: before either insert, and after both.
    const head = Math.min(at, at2)
    const tail = Math.max(at + ins.length, at2 + ins2.length)
    for (let k = 0; k < head; k++) if (base.charCodeAt(k) !== b2.charCodeAt(k)) return false
    for (let k = tail, x = tail - ins.length + cut, y = tail - ins2.length + cut2; k < length; k++, x++, y++) {
      if (base.charCodeAt(x) !== b2.charCodeAt(y)) return false
    }
    for (let k = head; k < tail && k < length; k++) {
      const x = k < at ? base.charCodeAt(k) : k < at + ins.length ? ins.charCodeAt(k - at) : base.charCodeAt(k - ins.length + cut)
      const y = k < at2 ? b2.charCodeAt(k) : k < at2 + ins2.length ? ins2.charCodeAt(k - at2) : b2.charCodeAt(k - ins2.length + cut2)
      if (x !== y) return false
    }
    return true
  }

  private growEntries(): void {
    const size = this.ats.length * 2
    this.ats = _grown(this.ats, size)
    this.cuts = _grown(this.cuts, size)
    this.hashes = _grown(this.hashes, size)
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2)
    const mask = slots.length - 1
    for (let e = 0; e < this.count; e++) {
      let i = this.hashes[e]! & mask
      while (slots[i] !== 0) i = (i + 1) & mask
      slots[i] = e + 1
    }
    this.slots = slots
  }
}
