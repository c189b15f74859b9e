// Structure first: which block of the old document became which block of the
// new one. Three passes, each bounded:
//  1. sections: level-2 headings aligned (fuzzy on the heading, helped by the
//     section's content), as monotone anchors;
//  2. blocks between two heading anchors: a heaviest increasing chain of similar
//     pairs (all pairs for a small section, index candidates for a large one),
//     then unmatched neighbours that are fragments of a matched block (a paragraph
//     the OCR broke in two) join it;
//  3. what is left on both sides: similar blocks anywhere are `moved`.
// Similarity is Dice over 4-gram shingles of the OCR-folded text, so the cost of
// a pair is linear in the blocks' lengths and no pass compares all blocks with all.
import { distance } from 'fastest-levenshtein'
import { _memo } from '../memo.js'
import type { Block } from '../types.js'
import { blockText } from '../parse/markdown.js'
import { shingles, sketch, skeleton } from './normalize.js'
import type { DiffToken } from './words.js'

export interface BlockInfo {
  index: number
  block: Block
  tokens: DiffToken[]
  shingles: Uint32Array
  /** The shingles as signed integers in the same order (`_orderKeys`), for intersecting without boxed numbers. */
  keys: Int32Array
  /** Token keys joined: equal for blocks that differ only in case, accents, punctuation. */
  hash: string
  /** Token skeletons joined without spaces (furniture and debris left out). */
  skel: string
  /** Tokens similarity ignores (sidebar fragments, debris), when any. */
  ignored?: boolean[]
  section: number
  text: string
}

export interface SectionInfo {
  index: number
  /** Heading text; null for the part before the first heading. */
  title: string | null
  /** Block index of the heading, or null. */
  heading: number | null
  /** Blocks in the section after its heading. */
  first: number
  end: number
  /** Bottom-k sketch of the section's content shingles. */
  sketch: Uint32Array
}

export interface Prepared {
  blocks: BlockInfo[]
  sections: SectionInfo[]
}

export interface AlignedPair {
  old: number[]
  new: number[]
  moved: boolean
}

export interface Alignment {
  pairs: AlignedPair[]
  removed: number[]
  added: number[]
  /** Old section index -> new section index, for sections whose headings align. */
  sections: Map<number, number>
}

const SECTION_SKETCH = 64
const BLOCK_SKETCH = 12
const MATCH_MIN = 0.4
const MOVE_MIN = 0.5
// Above this many block pairs in one gap, candidates come from the shingle index.
const FULL_PAIRS = 4000
const CANDIDATES_PER_BLOCK = 6
// A shingle shared by more blocks than this says nothing about which block is which.
const INDEX_POSTING_MAX = 64

/**
 * Blocks with their comparison forms. `ignore` marks tokens that similarity
 * should not see (sidebar fragments, scan debris): they stay in the block.
 */
/** Scratch list of pieces to join. */
const _parts: string[] = []

export function prepare(blocks: Block[], tokenize: (block: Block, index: number) => DiffToken[], ignore?: (tokens: DiffToken[]) => boolean[]): Prepared {
  const infos: BlockInfo[] = []
  const sections: SectionInfo[] = [{ index: 0, title: null, heading: null, first: 0, end: 0, sketch: new Uint32Array(0) }]
  // (Each step in a function of its own: this loop stays small, and V8's code for it
  // is not compiled again each time a rarer path inside runs for the first time.)
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]!
    if (block.kind === 'heading' && block.level <= 2) _openSection(sections, block, index)
    infos.push(_blockInfo(block, index, tokenize(block, index), ignore, sections.length - 1))
  }
  sections[sections.length - 1]!.end = blocks.length
  for (let s = 0; s < sections.length; s++) _sectionSketch(sections[s]!, infos)
  return { blocks: infos, sections }
}

/** A level-1 or level-2 heading at `index` ends the current section and starts the next. */
function _openSection(sections: SectionInfo[], block: Block, index: number): void {
  sections[sections.length - 1]!.end = index
  sections.push({ index: sections.length, title: blockText(block), heading: index, first: index + 1, end: index + 1, sketch: new Uint32Array(0) })
}

/** One block with its comparison forms. */
function _blockInfo(block: Block, index: number, tokens: DiffToken[], ignore: ((tokens: DiffToken[]) => boolean[]) | undefined, section: number): BlockInfo {
  const mask = ignore?.(tokens)
  // The skeletons of the tokens similarity sees (all of them when it would see none), and the keys.
  // (Joined from an array: one flat string, not a chain of pieces per token.)
  const parts = _parts
  parts.length = 0
  let anyIgnored = false
  for (let k = 0; k < tokens.length; k++) {
    if (mask?.[k]) anyIgnored = true
    else parts.push(tokens[k]!.skel)
  }
  let joined = parts.join('')
  if (anyIgnored && joined === '' && mask!.every(Boolean)) joined = _allSkeletons(tokens)
  parts.length = 0
  for (let k = 0; k < tokens.length; k++) parts.push(tokens[k]!.key)
  const hash = parts.join(' ')
  parts.length = 0
  const set = shingles(joined)
  const info: BlockInfo = { index, block, tokens, shingles: set, keys: _orderKeys(set), skel: joined, hash, section, text: blockText(block) }
  if (anyIgnored) info.ignored = mask!
  return info
}

function _allSkeletons(tokens: DiffToken[]): string {
  let out = ''
  for (let k = 0; k < tokens.length; k++) out += tokens[k]!.skel
  return out
}

/** The section's bottom-k sketch: the SECTION_SKETCH smallest distinct shingles of its blocks. */
function _sectionSketch(section: SectionInfo, infos: BlockInfo[]): void {
  let size = 0
  for (let i = section.first; i < section.end; i++) size += Math.min(infos[i]!.shingles.length, SECTION_SKETCH)
  const sorted = new Uint32Array(size)
  size = 0
  for (let i = section.first; i < section.end; i++) {
    const first = sketch(infos[i]!.shingles, SECTION_SKETCH)
    sorted.set(first, size)
    size += first.length
  }
  sorted.sort()
  // Compared through a signed view: the same bits, no boxed numbers above 2^31 before the loop is optimized.
  const bits = new Int32Array(sorted.buffer, sorted.byteOffset, sorted.length)
  let w = 0
  for (let i = 0; i < bits.length && w < SECTION_SKETCH; i++) if (w === 0 || bits[i] !== bits[w - 1]) bits[w++] = bits[i]!
  section.sketch = sorted.slice(0, w)
}

/** Bottom-k estimate of the Jaccard similarity of two sets from their sketches (as `_orderKeys`). */
function _sketchJaccard(a: Int32Array, b: Int32Array, k: number): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0
  // Walk the union in order up to its k smallest values, counting those in both.
  let i = 0
  let j = 0
  let seen = 0
  let both = 0
  while (seen < k && (i < a.length || j < b.length)) {
    if (i < a.length && j < b.length) {
      const x = a[i]!
      const y = b[j]!
      if (x === y) {
        both++
        i++
        j++
      } else if (x < y) i++
      else j++
    } else if (i < a.length) i++
    else j++
    seen++
  }
  return both / seen
}

/**
 * `dice` of two shingle sets given as `_orderKeys`. Its own loop rather than
 * normalize.ts's `intersectSize`: one array type per call site keeps the cold diff
 * faster (sharing it measured 20 to 40 ms slower on the 200-page bench).
 */
function _dice(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 && b.length === 0) return 1
  if (a.length === 0 || b.length === 0) return 0
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
  return (2 * n) / (a.length + b.length)
}

/** Unsigned 32-bit values as signed ones in the same order (the top bit flipped): small integers, no boxed numbers. */
function _orderKeys(values: Uint32Array): Int32Array {
  const out = new Int32Array(values.length)
  for (let i = 0; i < values.length; i++) out[i] = values[i]! ^ 0x80000000
  return out
}

/** Similarity of two skeletons, remembered under `x \0 y`. */
const _skeletonSimilarity = _memo((pair: string): number => {
  const at = pair.indexOf('\u0000')
  const x = pair.slice(0, at)
  const y = pair.slice(at + 1)
  return 1 - distance(x, y) / Math.max(x.length, y.length, 1)
}, 10_000)

/** Fuzzy similarity of two headings: on the folded text without spaces, so `Samen vatting` is `Samenvatting`. */
export function headingSimilarity(a: string, b: string): number {
  const x = skeleton(a)
  const y = skeleton(b)
  if (x === y) return 1
  return _skeletonSimilarity(x + '\u0000' + y)
}

interface Candidate {
  i: number
  j: number
  w: number
}

/**
 * The heaviest chain of candidates increasing in both i and j (a weighted
 * longest common subsequence over sparse pairs), in O(K log K) with a Fenwick tree.
 */
export function heaviestChain(candidates: Candidate[], jSize: number): Candidate[] {
  if (candidates.length === 0) return []
  const order = _chainOrder(candidates, jSize)
  const best = new Float64Array(candidates.length)
  const previous = new Int32Array(candidates.length).fill(-1)
  // Each loop in a function of its own: V8 reuses a loop's on-stack-replaced code on
  // every call, and code compiled before the later loops ran would bail out there each time.
  _chainScores(candidates, order, jSize, best, previous)
  return _chainBack(candidates, best, previous)
}

/**
 * The candidates' indexes by i, then by j from high to low (ties in their given
 * order): the order of one stable comparator sort, found by sorting numbers that
 * pack the three (no comparator calls, and every loop here runs on every call).
 * Exported for tests.
 */
export function _chainOrder(candidates: Candidate[], jSize: number): Int32Array {
  // Each loop in a function of its own (see heaviestChain).
  const count = candidates.length
  const span = jSize + 1
  if ((_maxI(candidates) + 1) * span * count >= Number.MAX_SAFE_INTEGER) return _sortedOrder(candidates)
  const packed = _packed(candidates, jSize)
  packed.sort()
  return _unpacked(packed, count)
}

function _maxI(candidates: Candidate[]): number {
  let maxI = 0
  for (let k = 0; k < candidates.length; k++) if (candidates[k]!.i > maxI) maxI = candidates[k]!.i
  return maxI
}

/** Too many to pack exactly in a double: the comparator sort. */
function _sortedOrder(candidates: Candidate[]): Int32Array {
  return Int32Array.from(candidates.map((_, k) => k).sort((x, y) => candidates[x]!.i - candidates[y]!.i || candidates[y]!.j - candidates[x]!.j))
}

function _packed(candidates: Candidate[], jSize: number): Float64Array {
  const count = candidates.length
  const span = jSize + 1
  const packed = new Float64Array(count)
  for (let k = 0; k < count; k++) {
    const c = candidates[k]!
    packed[k] = (c.i * span + (jSize - c.j)) * count + k
  }
  return packed
}

function _unpacked(packed: Float64Array, count: number): Int32Array {
  const order = new Int32Array(count)
  for (let k = 0; k < count; k++) order[k] = packed[k]! % count
  return order
}

function _chainScores(candidates: Candidate[], order: Int32Array, jSize: number, best: Float64Array, previous: Int32Array): void {
  const treeValue = new Float64Array(jSize + 1)
  const treeIndex = new Int32Array(jSize + 1).fill(-1)
  for (let o = 0; o < order.length; o++) {
    const k = order[o]!
    const c = candidates[k]!
    // Query the best chain ending at j' < c.j.
    let value = 0
    let index = -1
    for (let x = c.j; x > 0; x -= x & -x) {
      if (treeValue[x]! > value) {
        value = treeValue[x]!
        index = treeIndex[x]!
      }
    }
    best[k] = value + c.w
    previous[k] = index
    for (let x = c.j + 1; x <= jSize; x += x & -x) {
      if (best[k]! > treeValue[x]!) {
        treeValue[x] = best[k]!
        treeIndex[x] = k
      }
    }
  }
}

/** The first candidate with the best chain score (a loop in a function of its own, see heaviestChain). */
function _chainEnd(best: Float64Array): number {
  let end = -1
  for (let k = 0; k < best.length; k++) if (end < 0 || best[k]! > best[end]!) end = k
  return end
}

function _chainBack(candidates: Candidate[], best: Float64Array, previous: Int32Array): Candidate[] {
  const end = _chainEnd(best)
  const chain: Candidate[] = []
  for (let k = end; k >= 0; k = previous[k]!) chain.push(candidates[k]!)
  return chain.reverse()
}

/** Index of blocks by a few of their shingles: candidates for a block without comparing all. */
class _ShingleIndex {
  private readonly postings = new Map<number, number[]>()
  constructor(infos: BlockInfo[], members: number[]) {
    this.counts = new Uint16Array(infos.length)
    this.touched = new Int32Array(infos.length)
    for (let m = 0; m < members.length; m++) {
      const b = members[m]!
      // The sketch: the first BLOCK_SKETCH shingles, by their order keys (small integers for the map).
      const set = infos[b]!.keys
      const size = Math.min(set.length, BLOCK_SKETCH)
      for (let k = 0; k < size; k++) {
        const h = set[k]!
        let list = this.postings.get(h)
        if (!list) this.postings.set(h, (list = []))
        if (list.length <= INDEX_POSTING_MAX) list.push(b)
      }
    }
  }
  /** Shared shingles per block while one query is counted (zero between queries). */
  private readonly counts: Uint16Array
  /** The blocks one query touched, in order (the first `touchedCount` entries). */
  private readonly touched: Int32Array
  /** Blocks sharing the most sketch shingles with `query`, best first (then by index), at most `k`. */
  candidates(query: BlockInfo, k: number): number[] {
    const counts = this.counts
    const touched = this.touched
    let touchedCount = 0
    const set = query.keys
    const size = Math.min(set.length, BLOCK_SKETCH)
    for (let q = 0; q < size; q++) {
      const list = this.postings.get(set[q]!)
      if (!list || list.length > INDEX_POSTING_MAX) continue
      for (let p = 0; p < list.length; p++) {
        const b = list[p]!
        if (counts[b]!++ === 0) touched[touchedCount++] = b
      }
    }
    // The k best by insertion: the same blocks, in the same order, as sorting all of them.
    const best: number[] = []
    for (let t = 0; t < touchedCount; t++) {
      const b = touched[t]!
      let at = best.length
      while (at > 0 && (counts[b]! > counts[best[at - 1]!]! || (counts[b] === counts[best[at - 1]!] && b < best[at - 1]!))) at--
      if (at < k) {
        best.splice(at, 0, b)
        if (best.length > k) best.pop()
      }
    }
    for (let t = 0; t < touchedCount; t++) counts[touched[t]!] = 0
    return best
  }
}

/**
 * True when `_blockSimilarity(a, b)` is sure to be below `min` by the sizes of the
 * shingle sets alone (Dice is at most 2 min(|A|, |B|) / (|A| + |B|)), so the sets need no walk.
 */
function _surelyBelow(a: BlockInfo, b: BlockInfo, min: number): boolean {
  if (a.hash === b.hash || (a.skel.length <= 32 && b.skel.length <= 32)) return false
  const la = a.keys.length
  const lb = b.keys.length
  if (la + lb === 0) return false
  return (2 * Math.min(la, lb)) / (la + lb) < min
}

function _blockSimilarity(a: BlockInfo, b: BlockInfo): number {
  if (a.hash === b.hash) return 1
  let s = _dice(a.keys, b.keys)
  // Short blocks have too few shingles for one damaged letter not to matter: edit distance.
  if (a.skel.length <= 32 && b.skel.length <= 32) s = Math.max(s, 1 - distance(a.skel, b.skel) / Math.max(a.skel.length, b.skel.length, 1))
  // A heading only pairs with a heading or a paragraph (a heading whose markup was lost).
  if ((a.block.kind === 'heading') !== (b.block.kind === 'heading')) {
    const other = a.block.kind === 'heading' ? b : a
    if (other.block.kind !== 'paragraph' || other.tokens.length > 8) return 0
  }
  return s
}

/** Align two lists of blocks (one gap between anchors) as a monotone chain of similar pairs. */
function _alignRun(oldInfos: BlockInfo[], newInfos: BlockInfo[], olds: number[], news: number[]): Array<[number, number]> {
  if (olds.length === 0 || news.length === 0) return []
  const candidates: Candidate[] = []
  if (olds.length * news.length <= FULL_PAIRS) {
    for (let i = 0; i < olds.length; i++) {
      for (let j = 0; j < news.length; j++) {
        const x = oldInfos[olds[i]!]!
        const y = newInfos[news[j]!]!
        if (_surelyBelow(x, y, MATCH_MIN)) continue
        const w = _blockSimilarity(x, y)
        if (w >= MATCH_MIN) candidates.push({ i, j, w })
      }
    }
  } else {
    const position = new Map<number, number>()
    news.forEach((b, j) => position.set(b, j))
    const index = new _ShingleIndex(newInfos, news)
    // Exact twins first: a block whose keys equal a new block's is a candidate whatever its sketch.
    const byHash = new Map<string, number[]>()
    news.forEach((b, j) => {
      const list = byHash.get(newInfos[b]!.hash)
      if (list) list.push(j)
      else byHash.set(newInfos[b]!.hash, [j])
    })
    for (let i = 0; i < olds.length; i++) {
      const info = oldInfos[olds[i]!]!
      const seen = new Set<number>()
      for (const j of (byHash.get(info.hash) ?? []).slice(0, CANDIDATES_PER_BLOCK)) {
        seen.add(j)
        candidates.push({ i, j, w: 1 })
      }
      for (const b of index.candidates(info, CANDIDATES_PER_BLOCK)) {
        const j = position.get(b)!
        if (seen.has(j)) continue
        const w = _blockSimilarity(info, newInfos[b]!)
        if (w >= MATCH_MIN) candidates.push({ i, j, w })
      }
    }
  }
  return heaviestChain(candidates, news.length).map((c) => [olds[c.i]!, news[c.j]!])
}

/** Align level-2 sections: fuzzy on the heading, with the content deciding between repeated headings. */
function _alignSections(a: Prepared, b: Prepared): Array<[number, number]> {
  const olds = a.sections.filter((s) => s.heading !== null)
  const news = b.sections.filter((s) => s.heading !== null)
  const candidates: Candidate[] = []
  // Documents repeat their headings: the similarity of two distinct headings is computed once.
  const titleIds = new Map<string, number>()
  const titleId = (s: SectionInfo) => {
    let id = titleIds.get(s.title!)
    if (id === undefined) titleIds.set(s.title!, (id = titleIds.size))
    return id
  }
  const oldIds = olds.map(titleId)
  const newIds = news.map(titleId)
  const similarity = new Map<number, number>()
  const heading = (i: number, j: number): number => {
    const key = oldIds[i]! * titleIds.size + newIds[j]!
    let h = similarity.get(key)
    if (h === undefined) similarity.set(key, (h = headingSimilarity(olds[i]!.title!, news[j]!.title!)))
    return h
  }
  const oldKeys = olds.map((x) => _orderKeys(x.sketch))
  const newKeys = news.map((y) => _orderKeys(y.sketch))
  const score = (i: number, j: number): number => {
    const h = heading(i, j)
    if (h < 0.3) return 0
    const c = _sketchJaccard(oldKeys[i]!, newKeys[j]!, SECTION_SKETCH)
    if (h >= 0.8 || c >= 0.6 || (c >= 0.4 && h >= 0.5)) return h + c
    return 0
  }
  if (olds.length * news.length <= 250_000) {
    for (let i = 0; i < olds.length; i++) {
      for (let j = 0; j < news.length; j++) {
        const w = score(i, j)
        if (w > 0) candidates.push({ i, j, w })
      }
    }
  } else {
    // Very many sections: only sections whose folded headings are equal, near the diagonal.
    const byTitle = new Map<string, number[]>()
    news.forEach((s, j) => {
      const k = skeleton(s.title!)
      const list = byTitle.get(k)
      if (list) list.push(j)
      else byTitle.set(k, [j])
    })
    const ratio = news.length / olds.length
    for (let i = 0; i < olds.length; i++) {
      const list = byTitle.get(skeleton(olds[i]!.title!)) ?? []
      const near = list.filter((j) => Math.abs(j - i * ratio) <= 200)
      for (const j of near) {
        const w = score(i, j)
        if (w > 0) candidates.push({ i, j, w })
      }
    }
  }
  return heaviestChain(candidates, news.length).map((c) => [olds[c.i]!.index, news[c.j]!.index])
}

function _keyCounts(infos: BlockInfo[], indexes: number[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (let i = 0; i < indexes.length; i++) {
    const tokens = infos[indexes[i]!]!.tokens
    for (let k = 0; k < tokens.length; k++) {
      const skel = tokens[k]!.skel
      if (skel) counts.set(skel, (counts.get(skel) ?? 0) + 1)
    }
  }
  return counts
}

/**
 * Share of `fragment`'s words that the other side has and this side's pair lacks.
 * A word counts when the other side has it, or a spelling one edit away (OCR).
 */
function _fragmentCover(fragment: BlockInfo, residual: Map<string, number>): number {
  const words = fragment.tokens.filter((t, k) => t.skel.length > 1 && !fragment.ignored?.[k])
  if (words.length === 0) return 0
  const left = new Map<string, number>()
  residual.forEach((n, key) => {
    if (n > 0) left.set(key, n)
  })
  let found = 0
  for (let w = 0; w < words.length; w++) {
    const t = words[w]!
    let key: string | undefined = left.has(t.skel) ? t.skel : undefined
    if (key === undefined && t.skel.length >= 4 && left.size <= 400) {
      for (const candidate of left.keys()) {
        if (Math.abs(candidate.length - t.skel.length) <= 1 && distance(candidate, t.skel) <= 1) {
          key = candidate
          break
        }
      }
    }
    if (key === undefined) continue
    found++
    const n = left.get(key)! - 1
    if (n > 0) left.set(key, n)
    else left.delete(key)
  }
  return found / words.length
}

/**
 * Let unmatched neighbours join a matched pair when they are pieces of the
 * other side's block: OCR breaks paragraphs apart and runs bullets together.
 */
function _absorbFragments(pairs: AlignedPair[], a: Prepared, b: Prepared, oldPair: Int32Array, newPair: Int32Array): void {
  for (let p = 0; p < pairs.length; p++) {
    const pair = pairs[p]!
    for (let guard = 0; guard < 8; guard++) {
      let grew = false
      for (let sideIndex = 0; sideIndex < 2; sideIndex++) {
        const side = sideIndex === 0 ? 'old' : 'new'
        const own = side === 'old' ? a : b
        const other = side === 'old' ? b : a
        const taken = side === 'old' ? oldPair : newPair
        const list = pair[side]
        // The words the other side has and this side lacks: counted only when a neighbour could join.
        let residual: Map<string, number> | null = null
        for (let end = 0; end < 2; end++) {
          const neighbour = end === 0 ? list[0]! - 1 : list[list.length - 1]! + 1
          if (neighbour < 0 || neighbour >= own.blocks.length || taken[neighbour] !== -1) continue
          const info = own.blocks[neighbour]!
          if (info.block.kind === 'heading') continue
          if (!residual) {
            residual = _keyCounts(other.blocks, pair[side === 'old' ? 'new' : 'old'])
            const into = residual
            _keyCounts(own.blocks, list).forEach((n, k) => into.set(k, (into.get(k) ?? 0) - n))
          }
          if (_fragmentCover(info, residual) < 0.55) continue
          taken[neighbour] = p
          if (neighbour < list[0]!) list.unshift(neighbour)
          else list.push(neighbour)
          grew = true
          break
        }
        if (grew) break
      }
      if (!grew) break
    }
  }
}

export function align(a: Prepared, b: Prepared): Alignment {
  const oldPair = new Int32Array(a.blocks.length).fill(-1)
  const newPair = new Int32Array(b.blocks.length).fill(-1)
  const pairs: AlignedPair[] = []
  const addPair = (o: number[], n: number[], moved: boolean) => {
    for (const x of o) oldPair[x] = pairs.length
    for (const y of n) newPair[y] = pairs.length
    pairs.push({ old: o, new: n, moved })
  }
  const sectionAnchors = _alignSections(a, b)
  const sections = new Map<number, number>([[0, 0]])
  for (const [s, t] of sectionAnchors) sections.set(s, t)
  // Gaps between heading anchors: [old from, old to) x [new from, new to).
  let oldFrom = 0
  let newFrom = 0
  const gaps: Array<[number, number, number, number]> = []
  for (const [s, t] of sectionAnchors) {
    const oh = a.sections[s]!.heading!
    const nh = b.sections[t]!.heading!
    gaps.push([oldFrom, oh, newFrom, nh])
    addPair([oh], [nh], false)
    oldFrom = oh + 1
    newFrom = nh + 1
  }
  gaps.push([oldFrom, a.blocks.length, newFrom, b.blocks.length])
  for (const [o0, o1, n0, n1] of gaps) {
    const olds: number[] = []
    const news: number[] = []
    for (let x = o0; x < o1; x++) olds.push(x)
    for (let y = n0; y < n1; y++) news.push(y)
    for (const [x, y] of _alignRun(a.blocks, b.blocks, olds, news)) addPair([x], [y], false)
  }
  pairs.sort((p, q) => p.old[0]! - q.old[0]!)
  oldPair.fill(-1)
  newPair.fill(-1)
  pairs.forEach((pair, p) => {
    for (const x of pair.old) oldPair[x] = p
    for (const y of pair.new) newPair[y] = p
  })
  _absorbFragments(pairs, a, b, oldPair, newPair)
  // Moves: what is left, matched anywhere.
  const leftOld: number[] = []
  const leftNew: number[] = []
  for (let x = 0; x < a.blocks.length; x++) if (oldPair[x] === -1) leftOld.push(x)
  for (let y = 0; y < b.blocks.length; y++) if (newPair[y] === -1) leftNew.push(y)
  if (leftOld.length > 0 && leftNew.length > 0) {
    const found: Candidate[] = []
    const small = leftOld.length * leftNew.length <= FULL_PAIRS
    const index = small ? null : new _ShingleIndex(b.blocks, leftNew)
    for (const x of leftOld) {
      const info = a.blocks[x]!
      if (info.shingles.length < 3) continue
      for (const y of small ? leftNew : index!.candidates(info, CANDIDATES_PER_BLOCK)) {
        const other = b.blocks[y]!
        if (other.shingles.length < 3 || _surelyBelow(info, other, MOVE_MIN)) continue
        const w = _blockSimilarity(info, other)
        if (w >= MOVE_MIN) found.push({ i: x, j: y, w })
      }
    }
    found.sort((p, q) => q.w - p.w || p.i - q.i || p.j - q.j)
    for (const c of found) {
      if (oldPair[c.i] !== -1 || newPair[c.j] !== -1) continue
      addPair([c.i], [c.j], true)
    }
  }
  const removed: number[] = []
  const added: number[] = []
  for (let x = 0; x < a.blocks.length; x++) if (oldPair[x] === -1) removed.push(x)
  for (let y = 0; y < b.blocks.length; y++) if (newPair[y] === -1) added.push(y)
  return { pairs, removed, added, sections }
}

