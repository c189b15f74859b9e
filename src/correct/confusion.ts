// An OCR confusion model: a weighted edit distance whose cheap operations are
// the mistakes OCR engines make on printed Dutch (shape-alike glyphs, accents,
// case, dropped or doubled letters, lost or extra spaces), not keyboard typos.
import { _memo } from '../memo.js'
import { _grown } from '../typed.js'

/** OCR reading -> true text, with a cost. Each pair also holds the other way round at the same cost. */
const PAIRS: Array<[string, string, number]> = [
  // Thin vertical strokes.
  ['l', 'i', 0.3],
  ['l', 'I', 0.2],
  ['l', '1', 0.3],
  ['I', '1', 0.3],
  ['i', '1', 0.4],
  ['I', 'i', 0.3],
  ['!', 'l', 0.3],
  ['!', 'i', 0.3],
  ['!', 'I', 0.3],
  ['|', 'l', 0.2],
  ['|', 'I', 0.2],
  ['|', 'i', 0.3],
  ['j', 'i', 0.5],
  ['t', 'l', 0.5],
  ['f', 't', 0.4],
  ['L', 'I', 0.4],
  ['í', 'i', 0.2],
  ['ì', 'i', 0.2],
  ['î', 'i', 0.2],
  // Letters that touch or break apart.
  ['rn', 'm', 0.3],
  ['m', 'rn', 0.3],
  ['rn', 'n', 0.6],
  ['nn', 'rm', 0.4],
  ['cl', 'd', 0.3],
  ['ci', 'd', 0.4],
  ['vv', 'w', 0.3],
  ['VV', 'W', 0.3],
  ['ii', 'ü', 0.3],
  ['ri', 'n', 0.4],
  ['li', 'h', 0.4],
  ['in', 'm', 0.5],
  ['iii', 'm', 0.5],
  ['nn', 'm', 0.5],
  ['ln', 'h', 0.4],
  ['lc', 'k', 0.4],
  ['Iv', 'N', 0.6],
  ['fi', 'fi', 0],
  // Round shapes.
  ['0', 'O', 0.2],
  ['0', 'o', 0.3],
  ['O', 'o', 0.1],
  ['c', 'e', 0.4],
  ['e', 'o', 0.6],
  ['a', 'o', 0.6],
  ['a', 'e', 0.7],
  ['n', 'h', 0.5],
  ['n', 'u', 0.5],
  ['u', 'v', 0.6],
  ['v', 'y', 0.6],
  ['V', 'Y', 0.5],
  ['g', 'q', 0.5],
  ['b', 'h', 0.6],
  ['c', 'o', 0.6],
  ['s', 'e', 0.7],
  ['5', 'S', 0.3],
  ['5', 's', 0.4],
  ['8', 'B', 0.4],
  ['6', 'b', 0.5],
  ['2', 'Z', 0.5],
  ['2', 'z', 0.6],
  ['9', 'g', 0.6],
  ['4', 'A', 0.6],
  // Accents and the euro sign that OCR reads for a diaeresis.
  ['é', 'e', 0.15],
  ['è', 'e', 0.15],
  ['ë', 'e', 0.15],
  ['ê', 'e', 0.2],
  ['ë', 'é', 0.15],
  ['ë', 'è', 0.15],
  ['è', 'é', 0.15],
  ['é', 'a', 0.5],
  ['€', 'ë', 0.3],
  ['€', 'é', 0.35],
  ['€', 'e', 0.35],
  ['€é', 'ë', 0.3],
  ['é€', 'ë', 0.3],
  ['€ë', 'ë', 0.3],
  ['ï', 'i', 0.15],
  ['ü', 'u', 0.15],
  ['ö', 'o', 0.15],
  ['ä', 'a', 0.2],
  ['á', 'a', 0.2],
  ['à', 'a', 0.2],
  ['ó', 'o', 0.2],
  ['ú', 'u', 0.2],
  // Quotes and apostrophes.
  ['’', "'", 0.05],
  ['‘', "'", 0.1],
  ['`', "'", 0.1],
  ['´', "'", 0.1],
  // A word break lost or added by OCR.
  ['_', ' ', 0.2],
  ['.', ',', 0.4],
]

/** Junk characters OCR adds inside words: cheap to delete. */
const JUNK = new Set(['€', '!', '|', '^', '~', '`', '´', '¨', '°', '*', '\\', '/', '"', '“', '”', '‚', '„', '.', ',', ':', ';', '\''])

const COST_INSERT = 1
const COST_DELETE = 1
const COST_SUBST = 1
const COST_CASE = 0.1
const COST_SPACE = 0.3
const COST_DOUBLE = 0.45
// Thin glyphs that OCR loses most often.
const THIN = new Set(['i', 'l', 't', 'r', 'f', 'j', 'I', '.', "'", '’'])
const COST_INSERT_THIN = 0.75
const COST_JUNK = 0.4

// Single characters: "xy" -> cost. Longer runs: first OCR character -> [ocr, truth, cost].
const PAIR_COST = new Map<string, number>()
const MULTI = new Map<string, Array<[string, string, number]>>()
function _addPair(x: string, y: string, cost: number): void {
  if (x.length === 1 && y.length === 1) {
    const prev = PAIR_COST.get(x + y)
    if (prev === undefined || cost < prev) PAIR_COST.set(x + y, cost)
    return
  }
  const list = MULTI.get(x[0]!) ?? []
  list.push([x, y, cost])
  MULTI.set(x[0]!, list)
}
for (const [ocr, truth, cost] of PAIRS) {
  for (const [x, y] of [
    [ocr, truth],
    [truth, ocr],
  ] as const) {
    _addPair(x, y, cost)
    // The same confusion with a case error on top (`L` read for `i`, `RN` for `m`).
    for (const [cx, cy] of [
      [x.toUpperCase(), y.toUpperCase()],
      [x.toUpperCase(), y],
      [x, y.toUpperCase()],
      [x.toLowerCase(), y.toLowerCase()],
    ]) {
      if (cx === x && cy === y) continue
      if (cx === cy) continue
      const extra = (cx === x.toUpperCase() && cx !== x ? COST_CASE : 0) + (cy !== y ? COST_CASE : 0)
      _addPair(cx, cy, cost + (cx === x.toLowerCase() && cx !== x ? COST_CASE : 0) + extra)
    }
  }
}

function _substCost(x: string, y: string): number {
  const direct = PAIR_COST.get(x + y)
  if (direct !== undefined) return direct
  if (x.toLowerCase() === y.toLowerCase()) return COST_CASE
  return COST_SUBST
}

/** Substitution costs by UTF-16 unit, one row per unit of the OCR side (NaN where not worked out yet). */
const SUBST_ROWS = new Map<number, Float64Array>()
/** Rows cover the units below this; a pair beyond it is looked up each time. */
const SUBST_LIMIT = 0x250

/** The row of remembered `_substCost`s for OCR unit `x`, or null beyond the rows. */
function _substRow(x: number): Float64Array | null {
  if (x >= SUBST_LIMIT) return null
  let row = SUBST_ROWS.get(x)
  if (row === undefined) {
    row = new Float64Array(SUBST_LIMIT).fill(NaN)
    SUBST_ROWS.set(x, row)
  }
  return row
}

/** `_substCost` of two units (not equal), through `x`'s row (`_substRow`). */
function _substCode(row: Float64Array | null, x: number, y: number): number {
  if (row === null || y >= SUBST_LIMIT) return _substCost(String.fromCharCode(x), String.fromCharCode(y))
  let cost = row[y]!
  if (cost !== cost) row[y] = cost = _substCost(String.fromCharCode(x), String.fromCharCode(y))
  return cost
}

/** Scratch: the runs (`MULTI`) that start at one place of `a`. */
const _runs: Array<[string, string, number]> = []

/** Junk and thin glyphs by UTF-16 unit (all are single units). */
const JUNK_CODES = new Set([...JUNK].map((c) => c.charCodeAt(0)))
const THIN_CODES = new Set([...THIN].map((c) => c.charCodeAt(0)))

/** Scratch for `confusionCost` (strings of at most 80 units): the table, and the cost to delete each unit of `a` and to insert each of `b`. */
const _table = new Float64Array(81 * 81)
const _deleteCost = new Float64Array(81)
const _insertCost = new Float64Array(81)

/**
 * Weighted OCR edit cost of reading `a` where the text says `b` (symmetric in
 * practice): 0 when equal, ~0.1-0.5 per typical OCR confusion, ~1 per ordinary edit.
 */
export function confusionCost(a: string, b: string): number {
  if (typeof a !== 'string') throw new TypeError(`Expected \`a\` to be a string, got \`${String(a)}\``)
  if (typeof b !== 'string') throw new TypeError(`Expected \`b\` to be a string, got \`${String(b)}\``)
  if (a === b) return 0
  const n = a.length
  const m = b.length
  // Guard against garbage: long strings fall back to a plain bound.
  if (n > 80 || m > 80) return Math.max(n, m)
  const width = m + 1
  const d = _table
  d.fill(Infinity, 0, (n + 1) * width)
  d[0] = 0
  // What deleting a[i] and inserting b[j] cost depends on the unit and its neighbours only: worked out once each.
  for (let i = 0; i < n; i++) {
    const ai = a.charCodeAt(i)
    let cost = COST_DELETE
    if (ai === 0x20) cost = COST_SPACE
    else if (JUNK_CODES.has(ai)) cost = COST_JUNK
    else if ((i > 0 && a.charCodeAt(i - 1) === ai) || (i + 1 < n && a.charCodeAt(i + 1) === ai)) cost = COST_DOUBLE
    _deleteCost[i] = cost
  }
  for (let j = 0; j < m; j++) {
    const bj = b.charCodeAt(j)
    let cost = THIN_CODES.has(bj) ? COST_INSERT_THIN : COST_INSERT
    if (bj === 0x20) cost = COST_SPACE
    else if ((j > 0 && b.charCodeAt(j - 1) === bj) || (j + 1 < m && b.charCodeAt(j + 1) === bj)) cost = COST_DOUBLE
    _insertCost[j] = cost
  }
  for (let i = 0; i <= n; i++) {
    const ai = i < n ? a.charCodeAt(i) : -1
    const row = ai < 0 ? null : _substRow(ai)
    // The runs whose OCR side stands at a[i] (the same for every j).
    _runs.length = 0
    if (ai >= 0) for (const run of MULTI.get(a[i]!) ?? []) if (a.startsWith(run[0], i)) _runs.push(run)
    for (let j = 0; j <= m; j++) {
      const here = d[i * width + j]!
      if (here === Infinity) continue
      // Delete a[i] (OCR added it).
      if (ai >= 0) {
        const cost = _deleteCost[i]!
        const k = (i + 1) * width + j
        if (here + cost < d[k]!) d[k] = here + cost
      }
      // Insert b[j] (OCR dropped it).
      if (j < m) {
        const cost = _insertCost[j]!
        const k = i * width + j + 1
        if (here + cost < d[k]!) d[k] = here + cost
        if (ai >= 0) {
          const bj = b.charCodeAt(j)
          const cost = ai === bj ? 0 : _substCode(row, ai, bj)
          const k = (i + 1) * width + j + 1
          if (here + cost < d[k]!) d[k] = here + cost
        }
      }
      // Runs: `rn` for `m`, `€é` for `ë`.
      for (let r = 0; r < _runs.length; r++) {
        const [x, y, cost] = _runs[r]!
        if (!b.startsWith(y, j)) continue
        const k = (i + x.length) * width + j + y.length
        if (here + cost < d[k]!) d[k] = here + cost
      }
    }
  }
  return d[n * width + m]!
}

/** Strip accents and case: the skeleton OCR keeps when it only loses diacritics or case. */
export function _fold(word: string): string {
  // Plain ASCII has no accents to strip: the common case.
  let ascii = true
  for (let i = 0; i < word.length && ascii; i++) ascii = word.charCodeAt(i) < 0x80
  if (ascii) return word.toLowerCase()
  return _foldAccented(word)
}

/** Words with accents come back often (each candidate list is folded): remembered. */
const _foldAccented = _memo((word: string): string => word
  .normalize('NFD')
  .replace(/\p{M}/gu, '')
  .toLowerCase(), 20_000)

/**
 * True when `a` and `b` differ only by OCR noise: case or accents, a split or
 * merge of words, or shape confusions that are cheap for the word's length.
 */
export function isOcrVariant(a: string, b: string): boolean {
  if (typeof a !== 'string') throw new TypeError(`Expected \`a\` to be a string, got \`${String(a)}\``)
  if (typeof b !== 'string') throw new TypeError(`Expected \`b\` to be a string, got \`${String(b)}\``)
  if (a === b) return true
  const fa = _fold(a)
  const fb = _fold(b)
  if (fa === fb) return true
  if (fa.replace(/[\s_-]+/g, '') === fb.replace(/[\s_-]+/g, '')) return true
  const len = Math.max(a.length, b.length)
  if (len === 0) return true
  // One cheap confusion in a short word, a few in a long one; ordinary edits
  // (cost 1) only count as noise in long words.
  const budget = len <= 3 ? 0.35 : len <= 6 ? 0.65 : Math.min(2.2, 0.12 * len + 0.3)
  // Every character of length difference costs at least 0.25 (`iii` for `m`): skip the DP.
  if (Math.abs(a.length - b.length) * 0.25 > budget) return false
  return confusionCost(a, b) <= budget
}

/** Rewrites from an OCR reading back to the text, cheapest first: [ocr, truth, cost]. For candidate generation. */
export const _REWRITES: ReadonlyArray<readonly [string, string, number]> = (() => {
  const out: Array<[string, string, number]> = []
  for (const [ocr, truth, cost] of PAIRS) {
    out.push([ocr, truth, cost], [truth, ocr, cost])
  }
  for (const c of JUNK) out.push([c, '', COST_JUNK])
  return out.filter(([x, y]) => x !== y).sort((p, q) => p[2] - q[2])
})()

/** Per first UTF-16 unit of a rule's OCR side: the rules (their places in `_REWRITES`, cheapest first). */
const _RULES_BY_FIRST: Map<number, number[]> = (() => {
  const out = new Map<number, number[]>()
  _REWRITES.forEach(([from], r) => {
    if (from === '') throw new Error('wooscan: a confusion rule with an empty OCR side')
    const list = out.get(from.charCodeAt(0)) ?? []
    list.push(r)
    out.set(from.charCodeAt(0), list)
  })
  return out
})()
/** Scratch marks, one per rule, all 0 between calls. */
const _ruleMarks = new Uint8Array(_REWRITES.length)

/**
 * The rules that may apply somewhere in `w`, in the order of `_REWRITES`: those whose OCR
 * side begins with a character `w` has (any other finds no place to apply).
 */
export function _rewritesIn(w: string): number[] {
  let any = false
  for (let i = 0; i < w.length; i++) {
    const rules = _RULES_BY_FIRST.get(w.charCodeAt(i))
    if (rules === undefined) continue
    for (const r of rules) _ruleMarks[r] = 1
    any = true
  }
  const out: number[] = []
  if (!any) return out
  for (let r = 0; r < _ruleMarks.length; r++) {
    if (_ruleMarks[r] === 0) continue
    _ruleMarks[r] = 0
    out.push(r)
  }
  return out
}

/** The rules per first unit of their OCR side, as `_RULES_BY_FIRST`, for units below U+0250 without a map lookup. */
const _RULES_BY_LOW_FIRST: Array<number[] | undefined> = Array.from({ length: 0x250 }, (_, c) => _RULES_BY_FIRST.get(c))

/** The rules whose OCR side begins with the unit `code`, cheapest first (an array read for most letters). */
function _rulesFor(code: number): number[] | undefined {
  return code < 0x250 ? _RULES_BY_LOW_FIRST[code] : _RULES_BY_FIRST.get(code)
}
const _RULE_FROM = _REWRITES.map(([from]) => from)
/** The longest OCR side of a rule. */
const _MAX_FROM = Math.max(..._RULE_FROM.map((from) => from.length))

/**
 * The places in a word where the rules apply: per place the rule (its index in `_REWRITES`)
 * and where its OCR side starts, in the order of the rules and, per rule, from the start of
 * the word (the order of `_rewritesIn` and `indexOf`). Found in one pass over the word
 * instead of a search per rule; the arrays are reused from word to word.
 */
export class _RewriteSites {
  count = 0
  rules = new Int32Array(64)
  ats = new Int32Array(64)
  /** After `derive`: per place, its index in the list it was derived from, or -1. */
  origins = new Int32Array(64)
  /** Per rule, its first and last place found (-1: none yet); per place found, the rule's next place. */
  private readonly firstOf = new Int32Array(_REWRITES.length).fill(-1)
  private readonly lastOf = new Int32Array(_REWRITES.length)
  /** The rules with a place, one bit each. */
  private readonly found = new Int32Array((_REWRITES.length + 31) >>> 5)
  private foundRule = new Int32Array(64)
  private foundAt = new Int32Array(64)
  private foundNext = new Int32Array(64)

  /** Find the places in `w` of the rules before `bound` (an index of `_REWRITES`): their number. */
  find(w: string, bound = _REWRITES.length): number {
    const firstOf = this.firstOf
    const lastOf = this.lastOf
    let found = 0
    for (let i = 0; i < w.length; i++) {
      const list = _rulesFor(w.charCodeAt(i))
      if (list === undefined) continue
      for (let k = 0; k < list.length; k++) {
        const r = list[k]!
        if (r >= bound) break
        const from = _RULE_FROM[r]!
        if (from.length > 1 && !w.startsWith(from, i)) continue
        if (found === this.foundRule.length) this.grow()
        this.foundRule[found] = r
        this.foundAt[found] = i
        this.foundNext[found] = -1
        if (firstOf[r]! < 0) {
          firstOf[r] = found
          this.found[r >>> 5]! |= 1 << (r & 31)
        }
        else this.foundNext[lastOf[r]!] = found
        lastOf[r] = found
        found++
      }
    }
    if (this.rules.length < found) {
      this.rules = new Int32Array(this.foundRule.length)
      this.ats = new Int32Array(this.foundRule.length)
      this.origins = new Int32Array(this.foundRule.length)
    }
    let count = 0
    for (let word = 0; word < this.found.length; word++) {
      // The rules with a place, lowest first.
      for (let bits = this.found[word]!; bits !== 0; bits &= bits - 1) {
        const r = (word << 5) + 31 - Math.clz32(bits & -bits)
        for (let p = firstOf[r]!; p >= 0; p = this.foundNext[p]!) {
          this.rules[count] = r
          this.ats[count++] = this.foundAt[p]!
        }
        firstOf[r] = -1
      }
      this.found[word] = 0
    }
    this.count = count
    return count
  }

  /**
   * The places in `w` of the rules before `bound`, as `find` gives them, where `w` is the word
   * of `sites` (found with this bound or a wider one) with the `cut` units at `at` replaced by
   * `insLength` units: the word's places clear of the rewrite are moved, and only the places
   * that touch the inserted units are looked up. `origins[k]` is a moved place's index in
   * `sites`, -1 for a new one.
   */
  derive(sites: _RewriteSites, w: string, at: number, cut: number, insLength: number, bound: number): number {
    // The new places: those that start before the insert's end and end after its start (that
    // straddle `at` when nothing is inserted), found per place and put in the order of the rules.
    let fresh = 0
    let freshRule = this.foundRule
    let freshAt = this.foundAt
    for (let i = Math.max(0, at - _MAX_FROM + 1); i < at + insLength && i < w.length; i++) {
      const list = _rulesFor(w.charCodeAt(i))
      if (list === undefined) continue
      for (let k = 0; k < list.length; k++) {
        const r = list[k]!
        if (r >= bound) break
        const from = _RULE_FROM[r]!
        if (i + from.length <= at || (from.length > 1 && !w.startsWith(from, i))) continue
        if (fresh === freshRule.length) {
          this.grow()
          freshRule = this.foundRule
          freshAt = this.foundAt
        }
        // Insertion by rule, then place: a handful at most.
        let p = fresh++
        for (; p > 0 && freshRule[p - 1]! > r; p--) {
          freshRule[p] = freshRule[p - 1]!
          freshAt[p] = freshAt[p - 1]!
        }
        freshRule[p] = r
        freshAt[p] = i
      }
    }
    const most = sites.count + fresh
    if (this.rules.length < most) {
      const size = Math.max(most, 2 * this.rules.length)
      this.rules = new Int32Array(size)
      this.ats = new Int32Array(size)
      this.origins = new Int32Array(size)
    }
    // Merge the moved places (in the order of `sites`) with the new ones.
    const shift = insLength - cut
    const after = at + cut
    let count = 0
    let f = 0
    for (let q = 0; q < sites.count; q++) {
      const r = sites.rules[q]!
      if (r >= bound) break
      let p = sites.ats[q]!
      if (p >= after) p += shift
      else if (p + _RULE_FROM[r]!.length > at) continue
      for (; f < fresh && (freshRule[f]! < r || (freshRule[f] === r && freshAt[f]! < p)); f++) {
        this.rules[count] = freshRule[f]!
        this.ats[count] = freshAt[f]!
        this.origins[count++] = -1
      }
      this.rules[count] = r
      this.ats[count] = p
      this.origins[count++] = q
    }
    for (; f < fresh; f++) {
      this.rules[count] = freshRule[f]!
      this.ats[count] = freshAt[f]!
      this.origins[count++] = -1
    }
    this.count = count
    return count
  }

  private grow(): void {
    const size = this.foundRule.length * 2
    this.foundRule = _grown(this.foundRule, size)
    this.foundAt = _grown(this.foundAt, size)
    this.foundNext = _grown(this.foundNext, size)
  }
}

/**
 * Every word one OCR rewrite away from `word` (each rule at each place it applies),
 * cheapest rules first, with the rule's cost; rules dearer than `maxCost` are not tried.
 */
export function* _rewriteVariants(word: string, maxCost = Infinity): Generator<[string, number]> {
  for (const r of _rewritesIn(word)) {
    const [from, to, cost] = _REWRITES[r]!
    if (cost > maxCost) return
    let at = word.indexOf(from)
    while (at >= 0) {
      yield [word.slice(0, at) + to + word.slice(at + from.length), cost]
      at = word.indexOf(from, at + 1)
    }
  }
}
