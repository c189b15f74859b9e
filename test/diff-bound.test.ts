import { describe, expect, it } from 'vitest'
import { _REWRITES, confusionCost } from '../src/correct/confusion.js'
import { confusionLowerBound } from '../src/diff/bound.js'
import { mulberry32 } from '../scripts/lib/ocr-noise.js'

// A seeded PRNG, so a failure replays.
const rng = mulberry32

const WORDS = [
  'de', 'het', 'een', 'en', 'van', 'in', 'om', 'we', 'onder', 'over', 'beleid', 'besluit', 'Kamer', 'kabinetsreactie', 'moment',
  'aanvraagtermijn', 'Wetenschappelijke', 'Raad', 'overheidsdienstverlening.', 'inrichting', 'geworden', 'worden', 'niet', 'geen',
  'januari', '2023', '19', 'Bijlage(n)', 'ministerie', 'Sociale', 'Zaken', 'Werkgelegenheid', 'ﬁnanciën', 'ĳs', 'coördinatie', 'thema’s',
]
// Characters the model has rewrites for, and others OCR puts in words.
const GLYPHS = [...'lIi1!|jtfLíìîmnrcdvVwWüuhkNO0oeaygqbs5S8B62Z9z4Aéèëê€ïöäáàóú’\'‘`´_ .,:;-()"“”*/\\°¨^~ĳﬁ½ΣΑ']

/** An OCR-like misreading of `word`: a few rewrites of the model, glyphs dropped, doubled or added. */
function misread(word: string, random: () => number): string {
  let out = word
  const steps = 1 + Math.floor(random() * 3)
  for (let s = 0; s < steps; s++) {
    const r = random()
    const at = Math.floor(random() * (out.length + 1))
    if (r < 0.4) {
      const [from, to] = _REWRITES[Math.floor(random() * _REWRITES.length)]!
      const k = out.indexOf(from)
      if (k >= 0) out = out.slice(0, k) + to + out.slice(k + from.length)
      else out = out.slice(0, at) + to + out.slice(at)
    } else if (r < 0.55) out = out.slice(0, at) + out.slice(at + 1)
    else if (r < 0.7) out = out.slice(0, at) + (out[at] ?? '') + out.slice(at)
    else if (r < 0.85) out = out.slice(0, at) + GLYPHS[Math.floor(random() * GLYPHS.length)]! + out.slice(at)
    else out = out.toUpperCase()
  }
  return out
}

describe('confusionLowerBound', () => {
  it('is never above the confusion cost (misreadings, unrelated words, glyph soup)', () => {
    const random = rng(11)
    const pick = () => WORDS[Math.floor(random() * WORDS.length)]!
    let bounded = 0
    for (let run = 0; run < 20000; run++) {
      const kind = run % 3
      const a = kind === 2 ? Array.from({ length: 1 + Math.floor(random() * 8) }, () => GLYPHS[Math.floor(random() * GLYPHS.length)]!).join('') : pick() + (random() < 0.3 ? ' ' + pick() : '')
      const b = kind === 0 ? misread(a, random) : kind === 1 ? pick() : misread(a, random)
      const bound = confusionLowerBound(a, b)
      const cost = confusionCost(a, b)
      if (bound > 0) bounded++
      if (bound > cost + 1e-9) expect({ a, b, bound, cost }).toBe('a bound above the cost')
      // With a limit it may stop early, but only once the cost is surely above the limit.
      const limit = random() * 2.5
      if (confusionLowerBound(a, b, limit) > limit && cost <= limit) expect({ a, b, limit, cost }).toBe('an early stop below the limit')
    }
    // The bound says something for most pairs.
    expect(bounded).toBeGreaterThan(10000)
  })

  it('is tight enough to rule out unrelated short words', () => {
    expect(confusionLowerBound('we', 'om')).toBeGreaterThan(0.8)
    expect(confusionLowerBound('onder', 'over')).toBeGreaterThan(1.05)
    expect(confusionLowerBound('Kamer en', 'Kamer de')).toBeGreaterThan(1.26)
    expect(confusionLowerBound('beleid', 'beIeid')).toBeLessThanOrEqual(confusionCost('beleid', 'beIeid'))
  })
})

describe('token keys of joined texts', () => {
  it('are the tokens keys joined (the hunk alignment relies on it)', async () => {
    const { tokenKey } = await import('../src/diff/normalize.js')
    const random = rng(5)
    const samples = [...WORDS, 'ΟΔΟΣ', 'ΣΑΣ', 'Σ', 'İstanbul', 'ﬁnal', '½', 'e\u0301', '\u0301a', 'Ĳssel', 'straße', 'Å', 'x’s', '(de', 'de)', '—']
    for (let run = 0; run < 5000; run++) {
      const parts = Array.from({ length: 1 + Math.floor(random() * 3) }, () => samples[Math.floor(random() * samples.length)]!)
      expect(tokenKey(parts.join(' '))).toBe(parts.map(tokenKey).join(''))
    }
  })
})
