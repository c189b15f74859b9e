// A cheap lower bound of correct/'s OCR confusion cost, so that the diff runs the
// weighted DP only for pairs of spellings that could be within budget.
//
// Both strings are mapped character by character to their comparison letters
// (`φ`: the token key of each character: case, accents and punctuation dropped).
// Every operation of the confusion model rewrites a piece of one string into a
// piece of the other; its image under φ is an edit of the letters at least as
// cheap as the operation itself:
//  - a rewrite of the model (`rn` for `m`, `|` for `l`): its own cost, from `_REWRITES`;
//  - case, accents, punctuation, spaces: nothing changes in the letters (free here);
//  - any other letter dropped or added: 0.45 when it stands beside the same letter
//    (a doubled letter; a doubled character is a doubled letter after φ), 0.75
//    for a thin letter added, 1 otherwise; any other substitution: 1.
// So the weighted edit distance of the letters under these costs is never above
// the confusion cost. test/diff-bound.test.ts checks that against confusionCost.
import { _REWRITES } from '../correct/confusion.js'
import { _memo } from '../memo.js'
import { tokenKey } from './normalize.js'

const DOUBLED = 0.45
const THIN_INSERT = 0.75
const PLAIN = 1
// Letters whose insertion the model prices as a thin glyph (i, l, t, r, f, j and their capitals' keys).
const THIN = new Uint8Array(128)
for (const c of 'iltrfj') THIN[c.charCodeAt(0)] = 1

const _charKeys = new Map<number, string>()

/** φ of one UTF-16 code unit. */
function _charKey(code: number): string {
  let key = _charKeys.get(code)
  if (key === undefined) {
    key = tokenKey(String.fromCharCode(code))
    _charKeys.set(code, key)
  }
  return key
}

/** φ of a string, or null when a character maps to more than one letter (`ĳ`) or is half of a surrogate pair. */
function _lettersUncached(text: string): string | null {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdfff) return null
    const key = _charKey(code)
    if (key.length > 1) return null
    out += key
  }
  return out
}

const _letters = _memo(_lettersUncached, 100_000)

// The rewrites' letters are ASCII: dense tables over ASCII letter codes; other letters take the plain costs.
const A = 128

interface _Tables {
  sub: Float64Array
  ins: Float64Array
  del: Float64Array
  /** Rewrites of more than one letter, by the last letters of both sides. */
  multi: Array<_Multi[] | undefined>
}

/** A rewrite of more than one letter: `p` read as `q`. */
interface _Multi {
  p: string
  q: string
  cost: number
}

let _tables: _Tables | undefined

function _build(): _Tables {
  const t: _Tables = { sub: new Float64Array(A * A).fill(PLAIN), ins: new Float64Array(A).fill(PLAIN), del: new Float64Array(A).fill(PLAIN), multi: new Array(A * A) }
  const least = (table: Float64Array, at: number, cost: number) => {
    if (cost < table[at]!) table[at] = cost
  }
  for (const [from, to, cost] of _REWRITES) {
    const p = _lettersUncached(from)
    const q = _lettersUncached(to)
    // A rewrite whose letters do not map one to one, or not to ASCII, would need its own case: there is none today.
    if (p === null || q === null || [...p, ...q].some((c) => c.charCodeAt(0) >= A)) throw new Error(`wooscan: confusion rewrite ${from} -> ${to} has no ASCII letter image`)
    if (p === q) continue
    if (p.length === 1 && q.length === 1) least(t.sub, p.charCodeAt(0) * A + q.charCodeAt(0), cost)
    else if (p.length === 0 && q.length === 1) least(t.ins, q.charCodeAt(0), cost)
    else if (p.length === 1 && q.length === 0) least(t.del, p.charCodeAt(0), cost)
    else if (p.length > 0 && q.length > 0) {
      const at = p.charCodeAt(p.length - 1) * A + q.charCodeAt(q.length - 1)
      ;(t.multi[at] ??= []).push({ p, q, cost })
    } else throw new Error(`wooscan: confusion rewrite ${from} -> ${to} inserts or drops several letters at once`)
  }
  return t
}

let _cost = new Float64Array(256)
let _add = new Float64Array(64)

/**
 * A lower bound of `confusionCost(a, b)`: 0 when it cannot tell (a character
 * that stands for several letters). Once the bound is sure to exceed `limit`,
 * it stops and returns a value above `limit`.
 */
export function confusionLowerBound(a: string, b: string, limit = Infinity): number {
  const x = _letters(a)
  const y = _letters(b)
  if (x === null || y === null || x === y) return 0
  const t = (_tables ??= _build())
  const n = x.length
  const m = y.length
  const width = m + 1
  if (_cost.length < (n + 1) * width) _cost = new Float64Array(Math.max((n + 1) * width, 2 * _cost.length))
  if (_add.length < width) _add = new Float64Array(Math.max(width, 2 * _add.length))
  const d = _cost
  const add = _add
  // Adding y[j-1]: cheap when the letter is doubled, dearer unless thin.
  for (let j = 1; j <= m; j++) {
    const yj = y.charCodeAt(j - 1)
    let cost = (j > 1 && y.charCodeAt(j - 2) === yj) || (j < m && y.charCodeAt(j) === yj) ? DOUBLED : yj < 128 && THIN[yj] === 1 ? THIN_INSERT : PLAIN
    if (yj < A && t.ins[yj]! < cost) cost = t.ins[yj]!
    add[j] = cost
  }
  d[0] = 0
  for (let j = 1; j <= m; j++) d[j] = d[j - 1]! + add[j]!
  // Every path meets one of any three rows in a row (no rewrite spans more than three letters).
  let rowMin1 = Infinity
  let rowMin2 = Infinity
  for (let i = 1; i <= n; i++) {
    const xi = x.charCodeAt(i - 1)
    // Dropping x[i-1]: cheap when the letter is doubled.
    let drop = (i > 1 && x.charCodeAt(i - 2) === xi) || (i < n && x.charCodeAt(i) === xi) ? DOUBLED : PLAIN
    if (xi < A && t.del[xi]! < drop) drop = t.del[xi]!
    const row = i * width
    let best = d[row - width]! + drop
    d[row] = best
    let rowMin = best
    for (let j = 1; j <= m; j++) {
      const here = row + j
      const yj = y.charCodeAt(j - 1)
      best = d[here - width]! + drop
      const c = d[here - 1]! + add[j]!
      if (c < best) best = c
      let swap = 0
      if (xi !== yj) swap = xi < A && yj < A ? t.sub[xi * A + yj]! : PLAIN
      const diagonal = d[here - width - 1]! + swap
      if (diagonal < best) best = diagonal
      const multi = xi < A && yj < A ? t.multi[xi * A + yj] : undefined
      if (multi) {
        for (let r = 0; r < multi.length; r++) {
          const { p, q, cost } = multi[r]!
          if (p.length > i || q.length > j || !x.endsWith(p, i) || !y.endsWith(q, j)) continue
          const c2 = d[(i - p.length) * width + j - q.length]! + cost
          if (c2 < best) best = c2
        }
      }
      d[here] = best
      if (best < rowMin) rowMin = best
    }
    if (rowMin > limit && rowMin1 > limit && rowMin2 > limit) return rowMin
    rowMin2 = rowMin1
    rowMin1 = rowMin
  }
  return d[n * width + m]!
}
