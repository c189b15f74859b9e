// Word alignment of two OCR readings of (nearly) the same text.
//
// Patience-style: words that occur exactly once in both sequences are anchors,
// kept where they are in order (longest increasing subsequence); between
// anchors the gaps are aligned recursively, and small gaps by a dynamic
// programme whose substitution cost is the character distance of the folded
// keys, with a step for a word OCR split in two or two words it merged. Work
// is bounded: a gap without anchors bigger than DP_MAX_CELLS is left
// unaligned (all deleted, all inserted), which is what it almost surely is.
import { distance } from 'fastest-levenshtein'
import { lowerBound } from '../search.js'

/** One column of an alignment: indexes into `a` and `b` (0, 1 or 2 each). */
export interface AlignColumn {
  a: number[]
  b: number[]
  /** True when the words are the same word (equal, or differing only as OCR readings do). */
  match: boolean
}

/** Gaps up to this many cells are aligned by the dynamic programme at once. */
const DP_CELLS = 2_500
/** A gap without anchors is still aligned by the programme up to this size. */
const DP_MAX_CELLS = 10_000
const MAX_DEPTH = 40
/** Total programme cells one alignment may spend, per word of both texts: unrelated texts give up early. */
const DP_BUDGET_PER_WORD = 40

interface Budget {
  cells: number
}

/** Character similarity of two keys, 0..1. */
export function keySimilarity(x: string, y: string): number {
  if (x === y) return 1
  const len = Math.max(x.length, y.length)
  if (len === 0) return 1
  return 1 - distance(x, y) / len
}

/** True when two keys are one word read twice: equal, one edit in a short word, or 60 % alike. */
export function sameWord(x: string, y: string): boolean {
  if (x === y) return true
  const len = Math.max(x.length, y.length)
  if (len < 3 || Math.min(x.length, y.length) < 0.7 * len) return false
  const d = distance(x, y)
  if (len <= 4) return d <= 1
  return 1 - d / len >= 0.6
}

/** Align two key sequences. Columns come in order and cover every index of both once. */
export function alignKeys(a: string[], b: string[]): AlignColumn[] {
  const out: AlignColumn[] = []
  const budget = { cells: DP_BUDGET_PER_WORD * (a.length + b.length) + DP_MAX_CELLS }
  _alignRange(a, b, 0, a.length, 0, b.length, out, 0, budget)
  return out
}

/** Alignment similarity: the share of non-punctuation words on both sides that found their word. */
export function alignmentSimilarity(a: string[], b: string[], columns: AlignColumn[]): number {
  let matched = 0
  let total = 0
  for (const key of a) if (key !== '') total++
  for (const key of b) if (key !== '') total++
  if (total === 0) return a.length === 0 && b.length === 0 ? 1 : 0
  for (const column of columns) {
    if (!column.match) continue
    for (const i of column.a) if (a[i] !== '') matched++
    for (const j of column.b) if (b[j] !== '') matched++
  }
  return matched / total
}

function _alignRange(a: string[], b: string[], a0: number, a1: number, b0: number, b1: number, out: AlignColumn[], depth: number, budget: Budget): void {
  while (a0 < a1 && b0 < b1 && a[a0] === b[b0]) out.push({ a: [a0++], b: [b0++], match: true })
  let sa = a1
  let sb = b1
  while (sa > a0 && sb > b0 && a[sa - 1] === b[sb - 1]) {
    sa--
    sb--
  }
  _alignMiddle(a, b, a0, sa, b0, sb, out, depth, budget)
  for (let k = 0; sa + k < a1; k++) out.push({ a: [sa + k], b: [sb + k], match: true })
}

function _alignMiddle(a: string[], b: string[], a0: number, a1: number, b0: number, b1: number, out: AlignColumn[], depth: number, budget: Budget): void {
  const na = a1 - a0
  const nb = b1 - b0
  if (na === 0 || nb === 0) {
    _gaps(a0, a1, b0, b1, out)
    return
  }
  if (na * nb <= DP_CELLS && na * nb <= budget.cells) {
    budget.cells -= na * nb
    _dp(a, b, a0, a1, b0, b1, out)
    return
  }
  const anchors = depth < MAX_DEPTH ? _uniqueAnchors(a, b, a0, a1, b0, b1) : []
  if (anchors.length === 0) {
    if (na * nb <= DP_MAX_CELLS && na * nb <= budget.cells) {
      budget.cells -= na * nb
      _dp(a, b, a0, a1, b0, b1, out)
    } else _gaps(a0, a1, b0, b1, out)
    return
  }
  let pa = a0
  let pb = b0
  for (const [i, j] of anchors) {
    _alignRange(a, b, pa, i, pb, j, out, depth + 1, budget)
    out.push({ a: [i], b: [j], match: true })
    pa = i + 1
    pb = j + 1
  }
  _alignRange(a, b, pa, a1, pb, b1, out, depth + 1, budget)
}

function _gaps(a0: number, a1: number, b0: number, b1: number, out: AlignColumn[]): void {
  for (let i = a0; i < a1; i++) out.push({ a: [i], b: [], match: false })
  for (let j = b0; j < b1; j++) out.push({ a: [], b: [j], match: false })
}

/** Keys unique in both ranges, as [i, j] pairs kept in order by a longest increasing subsequence. */
function _uniqueAnchors(a: string[], b: string[], a0: number, a1: number, b0: number, b1: number): Array<[number, number]> {
  const inA = new Map<string, number>()
  for (let i = a0; i < a1; i++) {
    const key = a[i]!
    if (key.length < 2) continue
    inA.set(key, inA.has(key) ? -1 : i)
  }
  const inB = new Map<string, number>()
  for (let j = b0; j < b1; j++) {
    const key = b[j]!
    if (!inA.has(key) || inA.get(key) === -1) continue
    inB.set(key, inB.has(key) ? -1 : j)
  }
  const pairs: Array<[number, number]> = []
  for (let i = a0; i < a1; i++) {
    const key = a[i]!
    if (inA.get(key) !== i) continue
    const j = inB.get(key)
    if (j !== undefined && j >= 0) pairs.push([i, j])
  }
  return _dropOutliers(_longestIncreasing(pairs), [a0 - 1, b0 - 1], [a1, b1])
}

/**
 * Drop anchors off the diagonal their neighbours agree on. An OCR error made
 * in both copies in different sentences (`aari` for `aan`) is a unique word
 * in both: kept, it would tie two different sentences together. Such an
 * anchor shifts the offset i - j away from both neighbours' shared offset.
 */
function _dropOutliers(found: Array<[number, number]>, start: [number, number], end: [number, number]): Array<[number, number]> {
  // The range's corners count as neighbours, so the first and last anchor are checked too.
  const anchors = [start, ...found, end]
  const kept: Array<[number, number]> = [start]
  for (let k = 1; k + 1 < anchors.length; k++) {
    const before = kept[kept.length - 1]!
    const here = anchors[k]!
    const after = anchors[k + 1]!
    const dBefore = before[0] - before[1]
    const dHere = here[0] - here[1]
    const dAfter = after[0] - after[1]
    if (Math.abs(dHere - dBefore) > 3 && Math.abs(dHere - dAfter) > 3 && Math.abs(dBefore - dAfter) <= 3) continue
    kept.push(here)
  }
  return kept.slice(1)
}

/** Longest subsequence of pairs (sorted by i) whose j increase: patience sorting, O(n log n). */
function _longestIncreasing(pairs: Array<[number, number]>): Array<[number, number]> {
  if (pairs.length === 0) return pairs
  const tails: number[] = []
  const previous = new Int32Array(pairs.length).fill(-1)
  for (let k = 0; k < pairs.length; k++) {
    const j = pairs[k]![1]
    const lo = lowerBound(tails.length, (i) => pairs[tails[i]!]![1] < j)
    if (lo > 0) previous[k] = tails[lo - 1]!
    tails[lo] = k
  }
  const result: Array<[number, number]> = []
  for (let k = tails[tails.length - 1]!; k >= 0; k = previous[k]!) result.push(pairs[k]!)
  return result.reverse()
}

// Step kinds of the dynamic programme.
const DIAG = 1
const UP = 2 // a[i] alone
const LEFT = 3 // b[j] alone
const MERGE_B = 4 // a[i] ~ b[j] b[j+1]
const MERGE_A = 5 // a[i] a[i+1] ~ b[j]
const GAP = 1
const JOIN_PENALTY = 0.3

function _substCost(x: string, y: string): number {
  if (x === y) return 0
  // Similarity below 0.34 costs as much as two gaps; lengths this far apart cannot reach it.
  const long = Math.max(x.length, y.length)
  if (long - Math.min(x.length, y.length) > 0.66 * long) return 1.9
  const s = keySimilarity(x, y)
  // Two unlike words side by side are still one column (a reading to vote on), rather than two gaps.
  return s < 0.34 ? 1.9 : 2 * (1 - s)
}

/** Needleman-Wunsch over one gap, with split/merge steps. */
function _dp(a: string[], b: string[], a0: number, a1: number, b0: number, b1: number, out: AlignColumn[]): void {
  const na = a1 - a0
  const nb = b1 - b0
  const width = nb + 1
  const cost = new Float64Array((na + 1) * width).fill(Infinity)
  const step = new Uint8Array((na + 1) * width)
  cost[0] = 0
  for (let i = 0; i <= na; i++) {
    for (let j = 0; j <= nb; j++) {
      const here = i * width + j
      if (i === 0 && j === 0) continue
      let best = Infinity
      let kind = 0
      if (i > 0 && cost[here - width]! + GAP < best) {
        best = cost[here - width]! + GAP
        kind = UP
      }
      if (j > 0 && cost[here - 1]! + GAP < best) {
        best = cost[here - 1]! + GAP
        kind = LEFT
      }
      if (i > 0 && j > 0) {
        const c = cost[here - width - 1]! + _substCost(a[a0 + i - 1]!, b[b0 + j - 1]!)
        if (c < best) {
          best = c
          kind = DIAG
        }
      }
      if (i > 0 && j > 1) {
        const c = cost[here - width - 2]! + _substCost(a[a0 + i - 1]!, b[b0 + j - 2]! + b[b0 + j - 1]!) + JOIN_PENALTY
        if (c < best) {
          best = c
          kind = MERGE_B
        }
      }
      if (i > 1 && j > 0) {
        const c = cost[here - 2 * width - 1]! + _substCost(a[a0 + i - 2]! + a[a0 + i - 1]!, b[b0 + j - 1]!) + JOIN_PENALTY
        if (c < best) {
          best = c
          kind = MERGE_A
        }
      }
      cost[here] = best
      step[here] = kind
    }
  }
  const columns: AlignColumn[] = []
  let i = na
  let j = nb
  while (i > 0 || j > 0) {
    const kind = step[i * width + j]
    if (kind === DIAG) {
      const x = a[a0 + i - 1]!
      const y = b[b0 + j - 1]!
      columns.push({ a: [a0 + i - 1], b: [b0 + j - 1], match: sameWord(x, y) })
      i--
      j--
    } else if (kind === UP) {
      columns.push({ a: [a0 + i - 1], b: [], match: false })
      i--
    } else if (kind === LEFT) {
      columns.push({ a: [], b: [b0 + j - 1], match: false })
      j--
    } else if (kind === MERGE_B) {
      const x = a[a0 + i - 1]!
      const y = b[b0 + j - 2]! + b[b0 + j - 1]!
      columns.push({ a: [a0 + i - 1], b: [b0 + j - 2, b0 + j - 1], match: sameWord(x, y) })
      i--
      j -= 2
    } else {
      const x = a[a0 + i - 2]! + a[a0 + i - 1]!
      const y = b[b0 + j - 1]!
      columns.push({ a: [a0 + i - 2, a0 + i - 1], b: [b0 + j - 1], match: sameWord(x, y) })
      i -= 2
      j--
    }
  }
  for (let k = columns.length - 1; k >= 0; k--) out.push(columns[k]!)
}
