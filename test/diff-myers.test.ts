import { describe, expect, it } from 'vitest'
import { diffArrays } from 'diff'
import { editScript } from '../src/diff/myers.js'
import { mulberry32 } from '../scripts/lib/ocr-noise.js'

// A seeded PRNG, so a failure replays.
const rng = mulberry32

function jsdiff(a: number[], b: number[], maxEditLength: number) {
  const out = diffArrays(a, b, { maxEditLength })
  return out === undefined ? null : out.map((c) => ({ count: c.count, added: c.added, removed: c.removed }))
}

describe('editScript (the word diff edit script)', () => {
  it('finds exactly the script jsdiff diffArrays finds', () => {
    const random = rng(7)
    for (let run = 0; run < 3000; run++) {
      const alphabet = 1 + Math.floor(random() * 8)
      const n = Math.floor(random() * 30)
      const a = Array.from({ length: n }, () => Math.floor(random() * alphabet))
      // The new side: an edited copy of the old one, or unrelated.
      const b = random() < 0.3 ? Array.from({ length: Math.floor(random() * 30) }, () => Math.floor(random() * alphabet)) : a.filter(() => random() > 0.2).map((x) => (random() < 0.2 ? Math.floor(random() * alphabet) : x))
      if (random() < 0.3) b.splice(Math.floor(random() * (b.length + 1)), 0, ...Array.from({ length: 3 }, () => Math.floor(random() * alphabet)))
      const max = random() < 0.3 ? Math.floor(random() * 10) : 300
      expect(editScript(Int32Array.from(a), Int32Array.from(b), max)).toEqual(jsdiff(a, b, max))
    }
  })

  it('handles empty sides', () => {
    expect(editScript(new Int32Array(0), new Int32Array(0), 300)).toEqual(jsdiff([], [], 300))
    expect(editScript(Int32Array.of(1, 2), new Int32Array(0), 300)).toEqual(jsdiff([1, 2], [], 300))
    expect(editScript(new Int32Array(0), Int32Array.of(1, 2), 300)).toEqual(jsdiff([], [1, 2], 300))
  })
})
