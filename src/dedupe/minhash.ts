// Candidate pairs for near-duplicate detection: MinHash signatures over word
// shingles with LSH banding. LSH only proposes pairs; every pair is verified
// by a token alignment afterwards (group.ts), so a false candidate costs time,
// never a wrong group.
//
// Parameters, and why:
// - Shingles are word 2-grams of OCR-folded keys (normalize.ts). On raw OCR of
//   scanned notes, word 5-shingles of two copies of one nota overlap only
//   0.31-0.68 (Jaccard): every OCR error kills five shingles. Folded 2-grams
//   lose two per error; measured on a scanned release, copies then reach
//   Jaccard 0.80-0.86, versions of one nota 0.05-0.16, unrelated notes less.
// - One-permutation hashing (Li, Owen & Zhang 2012) with K = 256 bins: each
//   shingle is hashed once, so a signature costs O(shingles), not O(K x
//   shingles). Empty bins (short texts) are filled by rotation densification
//   (Shrivastava & Li 2014), so the bin agreement still estimates Jaccard.
// - Banding b = 128 bands of r = 2 rows: P(candidate | Jaccard s) = 1 - (1 - s^2)^128:
//   s = 0.15 -> 0.946, s = 0.2 -> 0.995, s = 0.25 -> 0.9997, s = 0.3 -> 1 - 6e-6;
//   s = 0.05 -> 0.27, s = 0.02 -> 0.05. Two copies with heavy OCR noise (a
//   third of the words damaged) keep only Jaccard 0.2-0.3 after the stop
//   shingles go, and recall of copies matters more than candidate count: a
//   cheap signature estimate (>= MIN_ESTIMATE) filters candidates before the
//   alignment.
// - Stop shingles: a 2-gram found in very many documents (letterhead
//   phrases, section headings, mail disclaimers, house-style sentences) says
//   nothing about which document this is and would make every pair a
//   candidate. Document frequencies are counted in a count-min sketch (two
//   rows of 2^21 saturating 16-bit counters, 8 MB, whatever the release
//   size); shingles in more than max(20, 2 % of the documents) are left out of
//   the signatures. A document left with fewer than MIN_SHINGLES keeps all.
import { hashString, mix32 } from './normalize.js'

export const BINS = 256
export const ROWS_PER_BAND = 2
export const BANDS = BINS / ROWS_PER_BAND
/** Candidate pairs whose signatures agree on fewer bins than this fraction are dropped before alignment. */
export const MIN_ESTIMATE = 0.08
/** A bucket holding more documents than this is boilerplate; its members are chained, not paired all-to-all. */
export const MAX_BUCKET = 64

const EMPTY = 0xffffffff
const SKETCH_BITS = 21
const MIN_SHINGLES = 8

/** The shingles of each document without the stop shingles (see above). */
export function dropStopShingles(all: Uint32Array[]): Uint32Array[] {
  const size = 1 << SKETCH_BITS
  const rowA = new Uint16Array(size)
  const rowB = new Uint16Array(size)
  const distinct = all.map((shingles) => {
    const sorted = Uint32Array.from(shingles).sort()
    let k = 0
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[k++] = sorted[i]!
    return sorted.subarray(0, k)
  })
  for (const shingles of distinct) {
    for (const h of shingles) {
      const a = h & (size - 1)
      const b = mix32(h) & (size - 1)
      if (rowA[a]! < 0xffff) rowA[a]!++
      if (rowB[b]! < 0xffff) rowB[b]!++
    }
  }
  const maxDf = Math.max(20, Math.ceil(0.02 * all.length))
  return distinct.map((shingles) => {
    const kept = shingles.filter((h) => Math.min(rowA[h & (size - 1)]!, rowB[mix32(h) & (size - 1)]!) <= maxDf)
    return kept.length >= MIN_SHINGLES || kept.length === shingles.length ? kept : shingles
  })
}

/** Shingle hashes of a key sequence: word 2-grams (a lone word for a one-word text). */
export function shingleHashes(keys: string[]): Uint32Array {
  const words: number[] = []
  for (const key of keys) if (key !== '') words.push(hashString(key))
  if (words.length === 1) return Uint32Array.of(mix32(words[0]!))
  const out = new Uint32Array(Math.max(0, words.length - 1))
  for (let i = 0; i + 1 < words.length; i++) out[i] = mix32(words[i]! ^ Math.imul(words[i + 1]!, 0x9e3779b1))
  return out
}

/** One-permutation MinHash signature (BINS values) of a set of shingle hashes; null for no shingles. */
export function signature(shingles: Uint32Array): Uint32Array | null {
  if (shingles.length === 0) return null
  const sig = new Uint32Array(BINS).fill(EMPTY)
  for (let i = 0; i < shingles.length; i++) {
    const h = mix32(shingles[i]! ^ 0x5bd1e995)
    const bin = h >>> 24 // top 8 bits: 256 bins
    const value = h & 0xffffff
    if (value < sig[bin]!) sig[bin] = value
  }
  // Rotation densification: an empty bin borrows the next non-empty bin to its right, offset by the distance.
  for (let bin = 0; bin < BINS; bin++) {
    if (sig[bin] !== EMPTY) continue
    for (let step = 1; step < BINS; step++) {
      const from = sig[(bin + step) % BINS]!
      if (from !== EMPTY && from < 0x1000000) {
        sig[bin] = from + step * 0x1000000
        break
      }
    }
  }
  return sig
}

/** Fraction of bins on which two signatures agree: an estimate of the shingle Jaccard. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0
  for (let i = 0; i < BINS; i++) if (a[i] === b[i]) same++
  return same / BINS
}

/**
 * Candidate pairs [i, j] (i < j, indexes into `signatures`) that share at least
 * one LSH band and whose estimate reaches MIN_ESTIMATE. Sorted, without repeats.
 */
export function candidatePairs(signatures: Array<Uint32Array | null>): Array<[number, number]> {
  const seen = new Set<number>()
  const pairs: Array<[number, number]> = []
  const n = signatures.length
  const add = (i: number, j: number): void => {
    const a = Math.min(i, j)
    const b = Math.max(i, j)
    const code = a * n + b
    if (seen.has(code)) return
    seen.add(code)
    if (estimateJaccard(signatures[a]!, signatures[b]!) >= MIN_ESTIMATE) pairs.push([a, b])
  }
  for (let band = 0; band < BANDS; band++) {
    const buckets = new Map<number, number[]>()
    for (let d = 0; d < n; d++) {
      const sig = signatures[d]
      if (!sig) continue
      let h = mix32(band + 1)
      for (let r = 0; r < ROWS_PER_BAND; r++) h = mix32(h ^ sig[band * ROWS_PER_BAND + r]!)
      const bucket = buckets.get(h)
      if (bucket) bucket.push(d)
      else buckets.set(h, [d])
    }
    for (const bucket of buckets.values()) {
      if (bucket.length < 2) continue
      if (bucket.length > MAX_BUCKET) {
        for (let k = 1; k < bucket.length; k++) add(bucket[k - 1]!, bucket[k]!)
        continue
      }
      for (let x = 0; x < bucket.length; x++) for (let y = x + 1; y < bucket.length; y++) add(bucket[x]!, bucket[y]!)
    }
  }
  pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1])
  return pairs
}
