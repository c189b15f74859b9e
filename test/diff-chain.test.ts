import { describe, expect, it } from 'vitest'
import { heaviestChain, _chainOrder } from '../src/diff/align.js'
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

  it('orders the candidates as one stable comparator sort would (by i, then j falling), so it picks the same chain', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = mulberry32(1000 + seed)
      for (const ordered of ['rising', 'mixed', 'none'] as const) {
        const list = candidates(random, ordered)
        const reference = list.map((_, k) => k).sort((x, y) => list[x]!.i - list[y]!.i || list[y]!.j - list[x]!.j)
        expect([..._chainOrder(list, 13)]).toEqual(reference)
      }
    }
  })
})
