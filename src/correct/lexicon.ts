// The Dutch lexicon: OpenTaal's hunspell dictionary expanded at build time
// (scripts/build-lexicon.ts -> data/lexicon-nl.txt.gz), the government term
// list (data/terms-nl.txt) and a short frequency list (data/common-nl.txt).
// Loaded lazily once; a lookup is a hash-table probe behind a Bloom filter, a compound a memoised split.
import { readFileSync, existsSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { isUtf8 } from 'node:buffer'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { _grown } from '../typed.js'

export interface Lexicon {
  /** A known word: exact, sentence-case or all-caps form of a lexicon word, a compound of lexicon words, or a term. */
  has(word: string): boolean
  /** An abbreviation or organisation from the term list (case-sensitive, or as written with a capital). */
  isTerm(word: string): boolean
  /** Relative weight, 0 (unknown or rare) to 1 (most frequent). */
  frequency?(word: string): number
  /** True when the word is in the lexicon as such (no compound split needed). */
  hasExact?(word: string): boolean
  /** True when the word is a compound of lexicon words. */
  isCompound?(word: string): boolean
}

const BEGIN = 1
const MIDDLE = 2
const END = 4
const ONLY_IN_COMPOUND = 8

/**
 * The word list stays one string, the decompressed file: each word is found through an
 * open-addressing hash table of line numbers (filling a Map with 400k new strings was most
 * of the load time), and a Bloom filter in front of it. Candidate search probes thousands of
 * strings per damaged word and nearly all of them miss: a miss is then usually three bit tests
 * in one 64-byte block of a 1 MB table (a blocked Bloom filter: one cache line per probe).
 */
const BLOOM_WORDS = 1 << 18
/** 16 Uint32 = 512 bits = one cache line. */
const BLOOM_BLOCKS = BLOOM_WORDS >>> 4
/**
 * In front of each filter a quarter-size one that stays in the processor's cache: two bits
 * in one 32-bit word per form. It lets about one miss in nine through to the big filter.
 * Stored after the big filter, in the same array.
 */
const SMALL_WORDS = 1 << 16
const FILTER_WORDS = BLOOM_WORDS + SMALL_WORDS
/**
 * Small filters of the forms that may begin a compound and of those that may end one (two
 * bits in one 32-bit word per form, about one miss in thirty let through): most strings asked
 * whether they are compounds have no end part, or no begin part, and these say so in a few reads.
 */
const BEGIN_WORDS = 1 << 15
const END_WORDS = 1 << 14

/**
 * A polynomial hash over `text[from, to)` (see `_polyStep`), spread by Murmur3's finaliser.
 * Polynomial, not FNV: the hash of a string spliced from pieces follows from the pieces'
 * hashes (see `_polyStep`), and candidate search hashes hundreds of one-edit variants per word.
 */
function _hash(text: string, from = 0, to = text.length): number {
  let r = 0
  for (let i = from; i < to; i++) r = (Math.imul(r, HASH_BASE) + text.charCodeAt(i)) | 0
  return _finish(r, to - from)
}

/**
 * Case folding for a fast negative test: per UTF-16 unit, the small letter, or -1 where the
 * mapping is not one unit to one unit both ways (`ß`, `ı`, `ſ`, letters from U+0250 on).
 * Punctuation and symbols of U+2000-U+20CF (`€`, quotes, dashes) have no case and fold to
 * themselves, the curly apostrophe to the straight one (`hasExact` reads it so). Every form
 * `hasExact` accepts for a word folds to the word's own fold (its small letters, sentence
 * case, all capitals), so a fold that no listed word, term or extra word has proves a miss
 * without the lookups.
 */
const FOLD_LIMIT = 0x250
const SYMBOLS_FROM = 0x2000
const SYMBOLS_TO = 0x20d0
const FOLD: Int32Array = (() => {
  const out = new Int32Array(FOLD_LIMIT).fill(-1)
  const ok = (c: number): boolean => {
    const s = String.fromCharCode(c)
    const l = s.toLowerCase()
    const u = s.toUpperCase()
    return l.length === 1 && u.length === 1 && l.charCodeAt(0) < FOLD_LIMIT && u.charCodeAt(0) < FOLD_LIMIT &&
      u.toLowerCase() === l && l.toLowerCase() === l && l.toUpperCase() === u
  }
  for (let c = 0; c < FOLD_LIMIT; c++) {
    if (!ok(c)) continue
    const s = String.fromCharCode(c)
    const l = s.toLowerCase().charCodeAt(0)
    const u = s.toUpperCase().charCodeAt(0)
    if (ok(l) && ok(u)) out[c] = l
  }
  return out
})()
const SYMBOLS: Int32Array = (() => {
  const out = new Int32Array(SYMBOLS_TO - SYMBOLS_FROM).fill(-1)
  for (let c = SYMBOLS_FROM; c < SYMBOLS_TO; c++) {
    const s = String.fromCharCode(c)
    if (s.toLowerCase() === s && s.toUpperCase() === s) out[c - SYMBOLS_FROM] = c
  }
  out[0x2019 - SYMBOLS_FROM] = 0x27
  return out
})()

/** The small letter a unit folds to, or -1 (see FOLD). */
export function _foldCode(code: number): number {
  if (code < FOLD_LIMIT) return FOLD[code]!
  return code >= SYMBOLS_FROM && code < SYMBOLS_TO ? SYMBOLS[code - SYMBOLS_FROM]! : -1
}

/** `_hash` of the fold of `text[from, to)`, or -1 when a unit does not fold (then no test can be made). */
export function _foldHash(text: string, from = 0, to = text.length): number {
  let r = 0
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    const f = c < FOLD_LIMIT ? FOLD[c]! : _foldCode(c)
    if (f < 0) return -1
    r = (Math.imul(r, HASH_BASE) + f) | 0
  }
  return _finish(r, to - from)
}

/** The multiplier of the polynomial hash (odd: every power is invertible mod 2^32). */
const HASH_BASE = 0x5bd1e995

/**
 * The raw polynomial hash of a string with `code` appended to one whose raw hash is `r`:
 * the raw hash of units c0..c(n-1) is the sum of ci * HASH_BASE^(n-1-i), mod 2^32. So the
 * raw hash of `x + y` is raw(x) * HASH_BASE^|y| + raw(y), and that of a stretch `s[i, j)`
 * is raw(s[0, j)) - raw(s[0, i)) * HASH_BASE^(j - i): spliced from prefix hashes.
 */
export function _polyStep(r: number, code: number): number {
  return (Math.imul(r, HASH_BASE) + code) | 0
}

/** Powers of HASH_BASE mod 2^32, grown on demand. */
let _powers = new Int32Array(0)

/** HASH_BASE^k mod 2^32, for every k up to `most` at once (`_powers` afterwards). */
export function _powersUpTo(most: number): Int32Array {
  if (most >= _powers.length) {
    const grown = new Int32Array(Math.max(most + 1, 2 * _powers.length, 64))
    grown[0] = 1
    for (let k = 1; k < grown.length; k++) grown[k] = Math.imul(grown[k - 1]!, HASH_BASE)
    _powers = grown
  }
  return _powers
}

/** The hash of a string (as `_hash` gives it) from its raw polynomial hash and its length. */
export function _finish(r: number, length: number): number {
  return _mix(r ^ Math.imul(length, 0x9e3779b9))
}

/**
 * Murmur3's finaliser, cut to 30 bits: a hash is never negative (-1 can say "no hash") and
 * always a small integer to the engine, which boxes larger numbers passed between functions.
 */
export function _mix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) & 0x3fffffff
}

/** The word of the small filter (`SMALL_WORDS`) for hash `h`, and its two bits. */
function _smallWord(h: number): number {
  return BLOOM_WORDS + (Math.imul(h, 0x85ebca77) >>> 16)
}
function _smallBits(h: number): number {
  const s = Math.imul(h, 0x85ebca77)
  return (1 << (s & 31)) | (1 << ((s >>> 5) & 31))
}

/** Set the two bits of hash `h` in a part filter (see BEGIN_WORDS). */
function _partAdd(bits: Uint32Array, h: number): void {
  bits[h & (bits.length - 1)]! |= (1 << ((h >>> 15) & 31)) | (1 << ((h >>> 20) & 31))
}

/** 1 when both bits of hash `h` are set in a part filter, else 0 (no branch). */
function _partTest(bits: Uint32Array, h: number): number {
  const word = bits[h & (bits.length - 1)]!
  return (word >>> ((h >>> 15) & 31)) & (word >>> ((h >>> 20) & 31)) & 1
}

/** Set (`add`) or test the bits of hash `h`: two in the small filter, then three in its block of the big one; a test is false at the first bit unset. */
function _bloom(bits: Uint32Array, h: number, add: boolean): boolean {
  const small = _smallWord(h)
  const smallBits = _smallBits(h)
  if (add) bits[small]! |= smallBits
  else if ((bits[small]! & smallBits) !== smallBits) return false
  const base = (h & (BLOOM_BLOCKS - 1)) << 4
  // Three 9-bit positions inside the block from the hash's other bits.
  const g = Math.imul(h, 0x9e3779b1) >>> 0
  for (let k = 0; k < 27; k += 9) {
    const b = (g >>> k) & 511
    const at = base + (b >>> 5)
    const bit = 1 << (b & 31)
    if (add) bits[at]! |= bit
    else if (!(bits[at]! & bit)) return false
  }
  return true
}

/**
 * `_bloom` tests of `count` hashes at once: `out[k]` 1 when `hashes[k]` may be there. The
 * filter is too big for the nearer caches and nearly every test misses them: a tight loop
 * without branches lets the processor wait for many of those reads at once.
 */
function _bloomAll(bits: Uint32Array, hashes: Uint32Array, count: number, out: Uint8Array): void {
  for (let k = 0; k < count; k++) {
    const h = hashes[k]!
    const smallBits = _smallBits(h)
    out[k] = (bits[_smallWord(h)]! & smallBits) === smallBits ? 1 : 0
  }
  for (let k = 0; k < count; k++) {
    if (out[k] === 0) continue
    const h = hashes[k]!
    const base = (h & (BLOOM_BLOCKS - 1)) << 4
    const g = Math.imul(h, 0x9e3779b1) >>> 0
    const b0 = g & 511
    const b1 = (g >>> 9) & 511
    const b2 = (g >>> 18) & 511
    out[k] = (bits[base + (b0 >>> 5)]! >>> (b0 & 31)) & (bits[base + (b1 >>> 5)]! >>> (b1 & 31)) & (bits[base + (b2 >>> 5)]! >>> (b2 & 31)) & 1
  }
}

/** Set the bits of hash `h` in a filter (as `_bloom` does when adding). */
function _bloomAdd(bits: Uint32Array, h: number): void {
  bits[_smallWord(h)]! |= _smallBits(h)
  const base = (h & (BLOOM_BLOCKS - 1)) << 4
  const g = Math.imul(h, 0x9e3779b1) >>> 0
  const b0 = g & 511
  const b1 = (g >>> 9) & 511
  const b2 = (g >>> 18) & 511
  bits[base + (b0 >>> 5)]! |= 1 << (b0 & 31)
  bits[base + (b1 >>> 5)]! |= 1 << (b1 & 31)
  bits[base + (b2 >>> 5)]! |= 1 << (b2 & 31)
}

/** The flag a letter after a word's tab sets: `b`egin, `m`iddle, `e`nd, `x` (only inside a compound). */
function _flagOf(c: number): number {
  return c === 0x62 ? BEGIN : c === 0x6d ? MIDDLE : c === 0x65 ? END : c === 0x78 ? ONLY_IN_COMPOUND : 0
}

/**
 * The lines of the word list read in one pass: per line with a word (`word` or `word\tflags`),
 * where the word starts and ends, its compound flags, its hash (`_hash`) and its fold hash
 * (`_foldHash`). The arrays grow as lines come.
 */
class _Lines {
  count = 0
  /** The line breaks read. */
  breaks = 0
  starts = new Int32Array(1 << 16)
  ends = new Int32Array(1 << 16)
  flags = new Uint8Array(1 << 16)
  hashes = new Int32Array(1 << 16)
  folds = new Int32Array(1 << 16)

  read(text: string): void {
    const length = text.length
    let pos = 0
    while (pos < length) {
      let raw = 0
      let fold = 0
      let folds = true
      let i = pos
      let c = 0
      for (; i < length; i++) {
        c = text.charCodeAt(i)
        if (c === 0x0a || c === 0x09) break
        raw = (Math.imul(raw, HASH_BASE) + c) | 0
        const f = c < FOLD_LIMIT ? FOLD[c]! : _foldCode(c)
        if (f < 0) folds = false
        else fold = (Math.imul(fold, HASH_BASE) + f) | 0
      }
      const end = i
      let flags = 0
      if (c === 0x09) {
        for (i++; i < length; i++) {
          c = text.charCodeAt(i)
          if (c === 0x0a) break
          flags |= _flagOf(c)
        }
      }
      if (i < length) this.breaks++
      if (end > pos) this.add(pos, end, flags, raw, folds ? fold : null)
      pos = i + 1
    }
  }

  /** Keep the word at `start`..`end` with its flags and its running hashes (`fold` null: it does not fold). */
  private add(start: number, end: number, flags: number, raw: number, fold: number | null): void {
    if (this.count === this.starts.length) this.grow()
    const l = this.count++
    this.starts[l] = start
    this.ends[l] = end
    this.flags[l] = flags
    this.hashes[l] = _finish(raw, end - start)
    this.folds[l] = fold === null ? -1 : _finish(fold, end - start)
  }

  /**
   * `read` of the text these bytes (valid UTF-8) decode to, from the bytes: faster than
   * reading the string's units. False (and nothing read) when the units do not come to
   * `units`, the text's length.
   */
  readBytes(bytes: Uint8Array, units: number): boolean {
    const length = bytes.length
    let pos = 0
    // The unit in the text where the byte at `pos` begins.
    let unit = 0
    while (pos < length) {
      let raw = 0
      let fold = 0
      let folds = true
      let i = pos
      let u = unit
      let c = 0
      while (i < length) {
        c = bytes[i]!
        let code = c
        if (c < 0x80) {
          if (c === 0x0a || c === 0x09) break
          i++
        }
        else if (c < 0xe0) {
          code = ((c & 0x1f) << 6) | (bytes[i + 1]! & 0x3f)
          i += 2
        }
        else if (c < 0xf0) {
          code = ((c & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f)
          i += 3
        }
        else {
          // Beyond U+FFFF: two surrogate units, which do not fold.
          const point = (((c & 0x07) << 18) | ((bytes[i + 1]! & 0x3f) << 12) | ((bytes[i + 2]! & 0x3f) << 6) | (bytes[i + 3]! & 0x3f)) - 0x10000
          raw = (Math.imul(raw, HASH_BASE) + (0xd800 + (point >> 10))) | 0
          code = 0xdc00 + (point & 0x3ff)
          folds = false
          i += 4
          u++
        }
        raw = (Math.imul(raw, HASH_BASE) + code) | 0
        const f = code < FOLD_LIMIT ? FOLD[code]! : _foldCode(code)
        if (f < 0) folds = false
        else fold = (Math.imul(fold, HASH_BASE) + f) | 0
        u++
      }
      const start = unit
      const end = u
      let flags = 0
      if (c === 0x09) {
        for (; i < length; i++) {
          c = bytes[i]!
          if (c === 0x0a) break
          // A unit begins at every byte but a continuation byte; four bytes make two.
          if ((c & 0xc0) !== 0x80) u += c >= 0xf0 ? 2 : 1
          flags |= _flagOf(c)
        }
      }
      if (i < length) {
        this.breaks++
        u++
      }
      if (end > start) this.add(start, end, flags, raw, folds ? fold : null)
      pos = i + 1
      unit = u
    }
    if (unit === units) return true
    this.count = 0
    this.breaks = 0
    return false
  }

  private grow(): void {
    const size = 2 * this.starts.length
    this.starts = _grown(this.starts, size)
    this.ends = _grown(this.ends, size)
    this.flags = _grown(this.flags, size)
    this.hashes = _grown(this.hashes, size)
    this.folds = _grown(this.folds, size)
  }
}

/** The listed forms: where each stands in the file's text, its compound flags, the hash table and the filter. */
class WordTable {
  /** The decompressed file: `word` or `word\tflags` lines. */
  readonly text: string
  /** Per word: where it starts in `text`, and where it ends. */
  readonly starts: Int32Array
  readonly ends: Int32Array
  readonly flags: Uint8Array
  /** Per word: its fold hash (`_foldHash`, -1 when it does not fold), for the fold filter. */
  private readonly folds: Int32Array
  /**
   * Word number + 1 per slot, 0 for an empty slot; a power of two, at most half full. Above
   * the word number (`slotBits` bits) the hash's bits above the slot's, so that most slots of
   * other words are passed over without reading the word.
   */
  private readonly slots: Int32Array
  private readonly slotBits: number
  private readonly bloom = new Uint32Array(FILTER_WORDS)
  /** The filters of begin and end parts (see BEGIN_WORDS). */
  readonly beginBits = new Uint32Array(BEGIN_WORDS)
  readonly endBits = new Uint32Array(END_WORDS)
  readonly size: number
  /** What the reads ahead of the table's filling found (kept so that they are made). */
  private touched = 0

  /** `text`, the word list; `bytes`, its UTF-8 encoding when at hand (read faster). */
  constructor(text: string, bytes?: Uint8Array) {
    this.text = text
    // One pass over the text reads each line's word, flags, hash and fold hash; then the
    // filters and the table are filled in tight loops of their own, whose scattered writes
    // the processor can have in flight together.
    const lines = new _Lines()
    if (bytes === undefined || !isUtf8(bytes) || !lines.readBytes(bytes, text.length)) lines.read(text)
    const count = lines.count
    const most = lines.breaks + 1
    this.starts = new Int32Array(most)
    this.ends = new Int32Array(most)
    this.flags = new Uint8Array(most)
    this.folds = new Int32Array(most)
    let size = 1
    let bits = 0
    while (size < most * 2) {
      size <<= 1
      bits++
    }
    this.slots = new Int32Array(size)
    this.slotBits = bits
    const hashes = lines.hashes
    const lineFlags = lines.flags
    for (let l = 0; l < count; l++) _bloomAdd(this.bloom, hashes[l]!)
    for (let l = 0; l < count; l++) {
      const flags = lineFlags[l]!
      if (flags & BEGIN) _partAdd(this.beginBits, hashes[l]!)
      if (flags & END) _partAdd(this.endBits, hashes[l]!)
    }
    const mask = size - 1
    const slots = this.slots
    let n = 0
    let touched = 0
    for (let from = 0; from < count; from += 256) {
      const to = Math.min(count, from + 256)
      // The slots of the next lines read all at once first (the reads wait together), then filled.
      for (let l = from; l < to; l++) touched |= slots[hashes[l]! & mask]!
      for (let l = from; l < to; l++) {
        const h = hashes[l]!
        const top = h >>> bits
        const pos = lines.starts[l]!
        const tab = lines.ends[l]!
        // One probe: an empty slot takes the word; the same word listed twice keeps its last flags, as a Map would.
        for (let i = h & mask; ; i = (i + 1) & mask) {
          const slot = slots[i]!
          if (slot === 0) {
            this.starts[n] = pos
            this.ends[n] = tab
            this.flags[n] = lineFlags[l]!
            this.folds[n] = lines.folds[l]!
            slots[i] = (top << bits) | ++n
            break
          }
          if (slot >>> bits !== top) continue
          const k = (slot & mask) - 1
          if (this.listedAt(k, text, pos, tab - pos)) {
            this.flags[k] = lineFlags[l]!
            break
          }
        }
      }
    }
    this.size = n
    this.touched = touched
  }

  /** The compound flags of a listed form, or undefined. */
  get(word: string): number | undefined {
    return this.getRange(word, 0, word.length)
  }

  /** The compound flags of the listed form `source[from, to)`, or undefined: no string is made. */
  getRange(source: string, from: number, to: number): number | undefined {
    const flags = this.flagsHashed(_hash(source, from, to), source, from, to)
    return flags < 0 ? undefined : flags
  }

  /** The compound flags of the listed form `source[from, to)`, whose hash (`_hash`) is `h`, or -1. */
  flagsHashed(h: number, source: string, from: number, to: number): number {
    if (!_bloom(this.bloom, h, false)) return -1
    const mask = this.slots.length - 1
    const bits = this.slotBits
    const top = h >>> bits
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i]!
      if (slot === 0) return -1
      if (slot >>> bits !== top) continue
      const k = (slot & mask) - 1
      if (this.listedAt(k, source, from, to - from)) return this.flags[k]!
    }
  }

  /** False when no listed form has the hash `h` (`_hash`): the Bloom filter alone. */
  mayHave(h: number): boolean {
    return _bloom(this.bloom, h, false)
  }

  /** `mayHave` for `count` hashes at once (see `_bloomAll`). */
  mayHaveAll(hashes: Uint32Array, count: number, out: Uint8Array): void {
    _bloomAll(this.bloom, hashes, count, out)
  }

  /** A filter over the folds of all listed forms (see FOLD), built on first use. */
  private foldBloom: Uint32Array | null = null

  private foldBits(): Uint32Array {
    if (this.foldBloom === null) {
      const bits = new Uint32Array(FILTER_WORDS)
      for (let k = 0; k < this.size; k++) {
        const f = this.folds[k]!
        if (f >= 0) _bloomAdd(bits, f)
      }
      this.foldBloom = bits
    }
    return this.foldBloom
  }

  /** False when no listed form folds to the fold with hash `h`. */
  mayFold(h: number): boolean {
    return _bloom(this.foldBloom ?? this.foldBits(), h, false)
  }

  /** `mayFold` for `count` hashes at once (see `_bloomAll`). */
  mayFoldAll(hashes: Uint32Array, count: number, out: Uint8Array): void {
    _bloomAll(this.foldBloom ?? this.foldBits(), hashes, count, out)
  }

  /** Word `k` is `source[from, from + length)`: compared in place, no string made. */
  private listedAt(k: number, source: string, from: number, length: number): boolean {
    const start = this.starts[k]!
    if (this.ends[k]! - start !== length) return false
    for (let c = 0; c < length; c++) if (this.text.charCodeAt(start + c) !== source.charCodeAt(from + c)) return false
    return true
  }

  word(k: number): string {
    return this.text.slice(this.starts[k]!, this.ends[k]!)
  }
}

/** Find the shipped data folder both from src/correct and from dist/. */
function _dataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'data', 'lexicon-nl.txt.gz'))) return join(dir, 'data')
    const up = dirname(dir)
    if (up === dir) break
    dir = up
  }
  throw new Error('wooscan: data/lexicon-nl.txt.gz not found (run `npx tsx scripts/build-lexicon.ts`)')
}

function _readList(file: string): string[] {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => {
      // A comment runs from ` #` to the end of the line.
      const hash = line.search(/\s#/)
      return (hash < 0 ? line : line.slice(0, hash)).trim()
    })
    .filter((line) => line !== '' && !line.startsWith('#'))
}

/**
 * How a word is written, for the small letters of it that compounds are read from (a word in
 * lower case, sentence case or all caps): -1 otherwise (no compound), 0 plain ASCII in small
 * letters (the word itself), 1 plain ASCII with capitals (the word in small letters), 2 with
 * other letters (see `_compoundKeyAccented`). Read in one pass without new strings.
 */
function _compoundKeyKind(word: string): number {
  let capitals = false
  let capitalsAfterFirst = false
  let small = false
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i)
    if (c >= 0x80) return 2
    if (c >= 0x41 && c <= 0x5a) {
      capitals = true
      if (i > 0) capitalsAfterFirst = true
    }
    else if (c >= 0x61 && c <= 0x7a) small = true
  }
  // A capital after the first letter is all caps, or no compound.
  if (capitalsAfterFirst && small) return -1
  return capitals ? 1 : 0
}

/** Compound parts are 3-24 units long. */
const PART_MIN = 3
const PART_MAX = 24

/** Scratch: the raw prefix hashes of the string last given to `_prefixHashes`. */
let _pre = new Int32Array(64)

/**
 * Fill `_pre` with the raw polynomial hashes of `text`'s prefixes (see `_polyStep`), for `_rangeHash`;
 * with `smallAscii`, those of its ASCII capitals made small (of `text.toLowerCase()` for plain ASCII).
 */
function _prefixHashes(text: string, smallAscii = false): void {
  const n = text.length
  if (n >= _pre.length) _pre = new Int32Array(2 * n + 2)
  const pre = _pre
  _powersUpTo(n)
  for (let k = 0; k < n; k++) {
    const c = text.charCodeAt(k)
    pre[k + 1] = (Math.imul(pre[k]!, HASH_BASE) + (smallAscii && c >= 0x41 && c <= 0x5a ? c + 32 : c)) | 0
  }
}

/** `_hash(text, from, to)` of the text last given to `_prefixHashes`, spliced from its prefix hashes. */
function _rangeHash(from: number, to: number): number {
  return _finish((_pre[to]! - Math.imul(_pre[from]!, _powers[to - from]!)) | 0, to - from)
}

function _compoundKeyAccented(word: string): string | null {
  // Latin-1 letters (the accents of Dutch) are read by their codes: a capital after the first
  // letter with a small letter anywhere is no compound. Other letters take the general test.
  let capitalsAfterFirst = false
  let small = false
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i)
    const letterCase = c < 0x80 ? _asciiCase(c) : c >= 0xc0 && c <= 0xff ? _latin1Case(c) : -1
    if (letterCase < 0) return _compoundKeyGeneral(word)
    if (letterCase === 1 && i > 0) capitalsAfterFirst = true
    else if (letterCase === 2) small = true
  }
  return capitalsAfterFirst && small ? null : word.toLowerCase()
}

/** 1 for a capital, 2 for a small letter, 0 for a code without case. */
function _asciiCase(c: number): number {
  return c >= 0x41 && c <= 0x5a ? 1 : c >= 0x61 && c <= 0x7a ? 2 : 0
}

/** The same for U+00C0-U+00FF (× and ÷ have no case; ß and ÿ are small). */
function _latin1Case(c: number): number {
  return c === 0xd7 || c === 0xf7 ? 0 : c <= 0xde ? 1 : 2
}

function _compoundKeyGeneral(word: string): string | null {
  const rest = word.slice(1)
  if (rest !== rest.toLowerCase() && word !== word.toUpperCase()) return null
  return word.toLowerCase()
}

export class DutchLexicon implements Lexicon {
  /** word as listed -> compound flags. */
  private readonly words: WordTable
  /** Forbidden compound joins: [end of one part, start of the next] (`vergader|ring`). */
  private readonly joins: Array<[string, string]>
  private readonly terms: Set<string>
  private readonly termsLower: Set<string>
  private readonly freq: Map<string, number>
  private readonly extra: Set<string>
  private readonly compoundCache = new Map<string, boolean>()

  /** Forget the compound parses remembered so far (a benchmark's next run then pays for them as a new release would). */
  _clearCache(): void {
    this.compoundCache.clear()
  }
  readonly loadMs: number

  constructor(options: { dataDir?: string; words?: Iterable<string> } = {}) {
    const t0 = performance.now()
    const dir = options.dataDir ?? _dataDir()
    const bytes = gunzipSync(readFileSync(join(dir, 'lexicon-nl.txt.gz')))
    this.words = new WordTable(bytes.toString('utf8'), bytes)
    this.joins = _readList(join(dir, 'compound-patterns-nl.txt'))
      .map((line) => line.split('\t') as [string, string])
      .filter((pair) => pair.length === 2)
    this.terms = new Set(_readList(join(dir, 'terms-nl.txt')))
    this.termsLower = new Set([...this.terms].filter((t) => t !== t.toUpperCase()).map((t) => t.toLowerCase()))
    const common = _readList(join(dir, 'common-nl.txt'))
    this.freq = new Map()
    common.forEach((w, i) => {
      if (!this.freq.has(w)) this.freq.set(w, 1 - i / (common.length + 1))
    })
    this.extra = new Set()
    for (const w of options.words ?? []) this.extra.add(w)
    this.loadMs = performance.now() - t0
  }

  /** A copy of this lexicon that also knows `words` (user list, release words). Shares the big tables. */
  withWords(words: Iterable<string>): DutchLexicon {
    const copy = Object.create(DutchLexicon.prototype) as DutchLexicon
    Object.assign(copy, this)
    ;(copy as unknown as { extra: Set<string> }).extra = new Set([...this.extra, ...words])
    ;(copy as unknown as { compoundCache: Map<string, boolean> }).compoundCache = new Map()
    ;(copy as unknown as { smallFolds: Set<number> | null }).smallFolds = null
    return copy
  }

  isTerm(word: string): boolean {
    if (this.terms.has(word)) return true
    // `Participatiewet` at sentence start, `ministerie` in running text.
    return this.termsLower.has(word.toLowerCase()) && word.slice(1) === word.slice(1).toLowerCase()
  }

  /** The form exactly as listed (fast path for candidate checks). */
  hasForm(word: string): boolean {
    const flags = this.words.get(word)
    return (flags !== undefined && !(flags & ONLY_IN_COMPOUND)) || this.extra.has(word)
  }

  hasExact(word: string): boolean {
    if (word === '') return false
    // The dictionary writes the apostrophe straight; texts mostly curly (`thema’s`).
    // The common case first: the form as listed.
    const flags = this.words.get(word)
    if (flags !== undefined && !(flags & ONLY_IN_COMPOUND)) return true
    if (word.includes('’')) return this.hasExact(word.replace(/’/g, "'"))
    if (this.extra.has(word) || this.isTerm(word)) return true
    const lower = word.toLowerCase()
    if (lower === word) return false
    const rest = word.slice(1)
    // Sentence case: `Beleid` for `beleid`.
    if (rest === rest.toLowerCase()) {
      const f = this.words.get(lower)
      if (f !== undefined && !(f & ONLY_IN_COMPOUND)) return true
      return this.extra.has(lower)
    }
    // All caps (headings): the form in small letters, or with a capital (names).
    if (word === word.toUpperCase() && word.length > 1) {
      if (this.hasForm(lower) || this.extra.has(lower)) return true
      return this.hasForm(lower.charAt(0).toUpperCase() + lower.slice(1))
    }
    return false
  }

  has(word: string): boolean {
    if (this.hasExact(word)) return true
    return this.isCompound(word)
  }

  /** Hunspell-style compounding: begin part, middle parts, end part, each a listed form with the right flag. */
  isCompound(word: string): boolean {
    if (word.length < 3 || word.length > 60) return false
    // Hyphenated or slashed: every part a word (`Sociaal-Economische`, `AI-toepassing`, `keuzes/middelen`).
    if (word.includes('-') || word.includes('/')) {
      const parts = word.split(/[-/]/u)
      return parts.length <= 4 && parts.every((p) => p.length > 0 && (this.hasExact(p) || this.isCompound(p)))
    }
    if (word.length < 6) return false
    const keyKind = _compoundKeyKind(word)
    if (keyKind < 0) return false
    // Most strings asked about (candidate rewrites above all) have no end part or no begin part:
    // told from the hashes, before a plain ASCII word with capitals is made small.
    let lower: string | null = keyKind === 2 ? _compoundKeyAccented(word) : word
    if (lower === null) return false
    _prefixHashes(lower, keyKind === 1)
    if (!this.mayEndPart(lower.length) || !this.mayBeginPart(lower.length)) return false
    if (keyKind === 1) lower = word.toLowerCase()
    if (!this.hasEndPart(lower) || !this.hasBeginPart(lower)) return false
    const cached = this.compoundCache.get(lower)
    if (cached !== undefined) return cached
    const result = this.splitCompound(lower) !== null
    if (this.compoundCache.size > 50_000) this.compoundCache.clear()
    this.compoundCache.set(lower, result)
    return result
  }

  /** The end part filter passes a place of the `n` units last given to `_prefixHashes`: all places at once (the reads wait together). */
  private mayEndPart(n: number): boolean {
    const bits = this.words.endBits
    let may = 0
    for (let i = n - PART_MIN; i >= PART_MIN && i >= n - PART_MAX; i--) may |= _partTest(bits, _rangeHash(i, n))
    return may !== 0
  }

  /** The same for the begin parts. */
  private mayBeginPart(n: number): boolean {
    const bits = this.words.beginBits
    let may = 0
    for (let j = Math.min(n - PART_MIN, PART_MAX); j >= PART_MIN; j--) may |= _partTest(bits, _rangeHash(0, j))
    return may !== 0
  }

  /** A listed end part `lower[i, n)` (3-24 letters, after a begin part of 3 at least), from `_prefixHashes(lower)`, once `mayEndPart` passes. */
  private hasEndPart(lower: string): boolean {
    const n = lower.length
    for (let i = n - PART_MIN; i >= PART_MIN && i >= n - PART_MAX; i--) {
      const flags = this.words.flagsHashed(_rangeHash(i, n), lower, i, n)
      if (flags >= 0 && (flags & END) !== 0) return true
    }
    return false
  }

  /** A listed begin part `lower[0, j)` (3-24 letters, 3 at least left), from `_prefixHashes(lower)`, once `mayBeginPart` passes. */
  private hasBeginPart(lower: string): boolean {
    for (let j = Math.min(lower.length - PART_MIN, PART_MAX); j >= PART_MIN; j--) {
      const flags = this.words.flagsHashed(_rangeHash(0, j), lower, 0, j)
      if (flags >= 0 && (flags & BEGIN) !== 0) return true
    }
    return false
  }

  /** The parts of a compound, or null. Parts are 3-24 letters, at most 4 parts. */
  splitCompound(lower: string): string[] | null {
    const n = lower.length
    const MIN = PART_MIN
    const MAX = PART_MAX
    const words = this.words
    // Every part's hash from the prefix hashes (see `_polyStep`).
    _prefixHashes(lower)
    // parts[i]: fewest parts that read lower[i..n) as middle parts and an end part; next[i]: where the first ends.
    // Worked out only where a reading needs it (most strings have no begin part at all); the parts are
    // looked up in place, without making a string for each.
    const parts = new Array<number>(n + 1).fill(Infinity)
    const next = new Array<number>(n + 1).fill(-1)
    const done = new Uint8Array(n + 1)
    const solve = (i: number): number => {
      if (i < MIN || i > n - MIN) return Infinity
      if (done[i]) return parts[i]!
      done[i] = 1
      for (let j = i + MIN; j <= Math.min(n, i + MAX); j++) {
        const flags = words.flagsHashed(_rangeHash(i, j), lower, i, j)
        if (flags < 0) continue
        if (j < n && solve(j) === Infinity) continue
        if (j < n && this.badJoin(lower.slice(i, j), lower, j)) continue
        const count = j === n ? (flags & END ? 1 : Infinity) : flags & MIDDLE ? parts[j]! + 1 : Infinity
        if (count < parts[i]!) {
          parts[i] = count
          next[i] = j
        }
      }
      return parts[i]!
    }
    // The begin part: longest first, since fewer, longer parts are the likelier reading.
    for (let j = Math.min(n - MIN, MAX); j >= MIN; j--) {
      const flags = words.flagsHashed(_rangeHash(0, j), lower, 0, j)
      if (flags < 0 || !(flags & BEGIN)) continue
      if (solve(j) > 3) continue
      if (this.badJoin(lower.slice(0, j), lower, j)) continue
      const out = [lower.slice(0, j)]
      for (let i = j; i < n; i = next[i]!) out.push(lower.slice(i, next[i]!))
      return out
    }
    return null
  }

  private badJoin(part: string, word: string, at: number): boolean {
    for (const [end, start] of this.joins) if (part.endsWith(end) && word.startsWith(start, at)) return true
    return false
  }

  /** A listed form that may stand at that place in a compound. */
  isPart(part: string, role: 'begin' | 'middle' | 'end'): boolean {
    const flags = this.words.get(part)
    if (flags === undefined) return false
    return (flags & (role === 'begin' ? BEGIN : role === 'middle' ? MIDDLE : END)) !== 0
  }

  /** False when no form is listed whose `_hash` is `h` (then `isPart` and `get` are false for it). */
  mayList(h: number): boolean {
    return this.words.mayHave(h)
  }

  /** `mayList` for `count` hashes at once: `out[k]` 1 when `hashes[k]` may be listed. */
  mayListAll(hashes: Uint32Array, count: number, out: Uint8Array): void {
    this.words.mayHaveAll(hashes, count, out)
  }

  /** `isPart(text.slice(from, to), role)` without making the string. */
  isPartRange(text: string, from: number, to: number, role: 'begin' | 'middle' | 'end'): boolean {
    const flags = this.words.getRange(text, from, to)
    if (flags === undefined) return false
    return (flags & (role === 'begin' ? BEGIN : role === 'middle' ? MIDDLE : END)) !== 0
  }

  /** Folds of the extra words and terms (small sets), for `mayKnowFold`. */
  private smallFolds: Set<number> | null = null

  /**
   * False only when `hasExact` is false for every word whose fold hashes to `h`
   * (see `_foldHash`; -1, a word that does not fold, is never ruled out).
   */
  mayKnowFold(h: number): boolean {
    if (h < 0 || this.words.mayFold(h)) return true
    return this.termFolds().has(h)
  }

  /** `mayKnowFold` for `count` hashes at once (none -1): `out[k]` 1 when `hashes[k]` may be known. */
  mayKnowFoldAll(hashes: Uint32Array, count: number, out: Uint8Array): void {
    this.words.mayFoldAll(hashes, count, out)
    const folds = this.termFolds()
    for (let k = 0; k < count; k++) if (out[k] === 0 && folds.has(hashes[k]!)) out[k] = 1
  }

  /** False when no listed form folds to a fold with hash `h` (the extra words and terms aside). */
  mayFoldListed(h: number): boolean {
    return this.words.mayFold(h)
  }

  /** `mayFoldListed` for `count` hashes at once: `out[k]` 1 when `hashes[k]` may be a listed fold. */
  mayFoldListedAll(hashes: Uint32Array, count: number, out: Uint8Array): void {
    this.words.mayFoldAll(hashes, count, out)
  }

  /** The fold hashes of the extra words and terms. */
  termFolds(): Set<number> {
    if (this.smallFolds === null) {
      const folds = new Set<number>()
      for (const w of [...this.extra, ...this.terms, ...[...this.terms].map((t) => t.toLowerCase())]) {
        const f = _foldHash(w)
        if (f >= 0) folds.add(f)
      }
      this.smallFolds = folds
    }
    return this.smallFolds
  }

  frequency(word: string): number {
    return this.freq.get(word) ?? this.freq.get(word.toLowerCase()) ?? 0
  }

  /** Every listed word (for building candidate indexes). */
  *entries(): IterableIterator<string> {
    for (let k = 0; k < this.words.size; k++) if (!(this.words.flags[k]! & ONLY_IN_COMPOUND)) yield this.words.word(k)
  }

  get size(): number {
    return this.words.size
  }
}

let _cached: DutchLexicon | undefined

/** The shared lexicon, loaded on first use. */
export function loadLexicon(): DutchLexicon {
  _cached ??= new DutchLexicon()
  return _cached
}
