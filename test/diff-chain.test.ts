import { describe, expect, it } from 'vitest'
import { heaviestChain } from '../src/diff/align.js'
import { mulberry32 } from '../scripts/lib/ocr-noise.js'

interface Candidate {
  i: number
  j: number
  w: number
}

/** The heaviest chain's weight by plain O(K^2) dynamic programming: strictly increasing in i and j. */
function bestWeight(candidates: Candidate[]): number {
  const sorted = [...candidates].sort((x, y) => x.i - y.i || x.j - y.j)
  const best = sorted.map((c) => c.w)
  for (let k = 0; k < sorted.length; k++) {
    for (let p = 0; p < k; p++) {
      if (sorted[p]!.i < sorted[k]!.i && sorted[p]!.j < sorted[k]!.j) best[k] = Math.max(best[k]!, best[p]! + sorted[k]!.w)
    }
  }
  return best.reduce((x, y) => Math.max(x, y), 0)
}

/** Candidates as the alignment lists them (by i; j rising or in any order), or in no order at all. */
function candidates(random: () => number, ordered: 'rising' | 'mixed' | 'none'): Candidate[] {
  const out: Candidate[] = []
  const size = 1 + Math.floor(random() * 12)
  for (let i = 0; i < size; i++) {
    const js = Array.from({ length: size }, (_, j) => j).filter(() => random() < 0.4)
    if (ordered !== 'rising') js.sort(() => random() - 0.5)
    for (const j of js) out.push({ i, j, w: Math.round(random() * 4) / 4 })
  }
  if (ordered === 'none') out.sort(() => random() - 0.5)
  return out
}

describe('heaviestChain', () => {
  it('finds a chain increasing in i and j of the greatest weight, whatever order the candidates come in', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = mulberry32(seed)
      for (const ordered of ['rising', 'mixed', 'none'] as const) {
        const list = candidates(random, ordered)
        const chain = heaviestChain(list, 13)
        for (let k = 1; k < chain.length; k++) {
          expect(chain[k]!.i).toBeGreaterThan(chain[k - 1]!.i)
          expect(chain[k]!.j).toBeGreaterThan(chain[k - 1]!.j)
        }
        for (const c of chain) expect(list).toContain(c)
        expect(chain.reduce((sum, c) => sum + c.w, 0)).toBeCloseTo(bestWeight(list), 9)
      }
    }
  })

  it('picks the same chain as ordering all candidates with one comparator sort', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = mulberry32(1000 + seed)
      for (const ordered of ['rising', 'mixed', 'none'] as const) {
        const list = candidates(random, ordered)
        expect(heaviestChain(list, 13)).toEqual(referenceChain(list, 13))
      }
    }
  })
})

/** heaviestChain as it was written first: every candidate ordered by one stable comparator sort. */
function referenceChain(candidates: Candidate[], jSize: number): Candidate[] {
  if (candidates.length === 0) return []
  const order = candidates.map((_, k) => k).sort((x, y) => candidates[x]!.i - candidates[y]!.i || candidates[y]!.j - candidates[x]!.j)
  const best = new Float64Array(candidates.length)
  const previous = new Int32Array(candidates.length).fill(-1)
  const treeValue = new Float64Array(jSize + 1)
  const treeIndex = new Int32Array(jSize + 1).fill(-1)
  for (const k of order) {
    const c = candidates[k]!
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
  let end = -1
  for (let k = 0; k < candidates.length; k++) if (end < 0 || best[k]! > best[end]!) end = k
  const chain: Candidate[] = []
  for (let k = end; k >= 0; k = previous[k]!) chain.push(candidates[k]!)
  return chain.reverse()
}
