// Seeded OCR-noise generator: damages clean text the way OCR does (shape-alike
// glyphs, stray or lost accents, case errors, dropped/doubled letters, lost or
// extra word breaks). Deterministic for a given rng, so measurements repeat.

/** A small, fast, seeded PRNG (public domain, by Tommy Ettinger). Returns [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface InjectedError {
  /** The clean text that was damaged (a word, or two words with the space between them). */
  from: string
  /** What the damaged text says there. */
  to: string
  /** Offset of `to` in the returned text. */
  index: number
  /** Which kind of damage: `glyph`, `accent`, `case`, `drop`, `double`, `merge`, `split`, `underscore`. */
  kind: string
}

// Clean -> OCR reading, for one glyph or a short run.
const GLYPH: Array<[string, string]> = [
  ['i', 'l'],
  ['i', '1'],
  ['i', '!'],
  ['l', 'I'],
  ['l', '1'],
  ['I', 'l'],
  ['m', 'rn'],
  ['d', 'cl'],
  ['w', 'vv'],
  ['ü', 'ii'],
  ['h', 'li'],
  ['n', 'ri'],
  ['e', 'c'],
  ['O', '0'],
  ['o', '0'],
  ['S', '5'],
  ['B', '8'],
  ['g', 'q'],
  ['t', 'f'],
  ['u', 'n'],
]
const ACCENT: Array<[string, string]> = [
  ['e', 'é'],
  ['e', 'è'],
  ['ë', 'é'],
  ['ë', '€é'],
  ['ë', 'e'],
  ['ï', 'i'],
  ['é', 'e'],
  ['a', 'á'],
  ['o', 'ó'],
]

const WORD = /[\p{L}\p{N}’'-]+/gu

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!
}

/** Damage one word; null when no damage of the chosen kind applies. */
function damage(word: string, kind: string, rng: () => number): string | null {
  const letters = [...word].map((c, i) => ({ c, i })).filter(({ c }) => /\p{L}/u.test(c))
  if (letters.length === 0) return null
  if (kind === 'glyph') {
    const options = GLYPH.filter(([from]) => word.includes(from))
    if (options.length === 0) return null
    const [from, to] = pick(rng, options)
    const at = [...word.matchAll(new RegExp(from, 'g'))].map((m) => m.index!)
    const i = pick(rng, at)
    return word.slice(0, i) + to + word.slice(i + from.length)
  }
  if (kind === 'accent') {
    const options = ACCENT.filter(([from]) => word.includes(from))
    if (options.length === 0) return null
    const [from, to] = pick(rng, options)
    const at = [...word.matchAll(new RegExp(from, 'g'))].map((m) => m.index!)
    const i = pick(rng, at)
    return word.slice(0, i) + to + word.slice(i + from.length)
  }
  if (kind === 'case') {
    // OCR mixes case on letters whose capital has the same shape.
    const idx = letters.filter(({ c }) => 'cosuvwxzCOSUVWXZ'.includes(c)).map(({ i }) => i)
    if (idx.length === 0 || word.length < 3) return null
    const chars = [...word]
    const i = pick(rng, idx)
    chars[i] = chars[i] === chars[i]!.toLowerCase() ? chars[i]!.toUpperCase() : chars[i]!.toLowerCase()
    const out = chars.join('')
    // Not a plain sentence-case or all-caps form: those are not errors.
    return out === word || out.slice(1) === out.slice(1).toLowerCase() ? null : out
  }
  if (kind === 'drop') {
    if (letters.length < 5) return null
    const { i } = pick(rng, letters.slice(1))
    return word.slice(0, i) + word.slice(i + 1)
  }
  if (kind === 'double') {
    if (letters.length < 4) return null
    const { c, i } = pick(rng, letters)
    return word.slice(0, i) + c + word.slice(i)
  }
  if (kind === 'split') {
    if (letters.length < 8) return null
    const i = 3 + Math.floor(rng() * (word.length - 6))
    if (!/\p{L}/u.test(word[i - 1]!) || !/\p{L}/u.test(word[i]!)) return null
    return word.slice(0, i) + ' ' + word.slice(i)
  }
  return null
}

const KINDS: Array<[string, number]> = [
  ['glyph', 0.38],
  ['accent', 0.14],
  ['case', 0.08],
  ['drop', 0.08],
  ['double', 0.06],
  ['merge', 0.14],
  ['split', 0.06],
  ['underscore', 0.06],
]

/**
 * Inject OCR damage into about `rate` of the words of `text`. Returns the
 * damaged text and every injected error with its offset in the damaged text.
 */
export function injectOcrNoise(
  text: string,
  rng: () => number,
  rate = 0.05,
): { text: string; errors: InjectedError[] } {
  const errors: InjectedError[] = []
  const matches = [...text.matchAll(WORD)]
  let out = ''
  let last = 0
  for (let w = 0; w < matches.length; w++) {
    const m = matches[w]!
    const word = m[0]
    const start = m.index!
    out += text.slice(last, start)
    last = start + word.length
    // Leave numbers alone: OCR damage to them cannot be undone from a lexicon.
    if (rng() >= rate || /\d/.test(word)) {
      out += word
      continue
    }
    let r = rng()
    let kind = KINDS[KINDS.length - 1]![0]
    for (const [k, p] of KINDS) {
      if (r < p) {
        kind = k
        break
      }
      r -= p
    }
    const next = matches[w + 1]
    if (kind === 'merge' || kind === 'underscore') {
      // Two words on one line, one space between them: drop or garble the space.
      if (next && !/\d/.test(next[0]) && text.slice(last, next.index!) === ' ' && /\p{L}$/u.test(word) && /^\p{L}/u.test(next[0])) {
        const joined = word + (kind === 'merge' ? '' : '_') + next[0]
        errors.push({ from: `${word} ${next[0]}`, to: joined, index: out.length, kind })
        out += joined
        last = next.index! + next[0].length
        w++
        continue
      }
      kind = 'glyph'
    }
    let damaged = damage(word, kind, rng)
    if (damaged === null) {
      kind = "glyph"
      damaged = damage(word, kind, rng)
    }
    if (damaged === null || damaged === word) {
      out += word
      continue
    }
    errors.push({ from: word, to: damaged, index: out.length, kind })
    out += damaged
  }
  out += text.slice(last)
  return { text: out, errors }
}
