// Word keys that survive OCR noise: two readings of one printed word should
// get the same key as often as possible, so that shingles, hashes and the
// alignment anchors match across copies. Keys are never shown to a user.
import { _memo } from '../memo.js'
import type { Block, Document, Token } from '../types.js'

/** A body token with the block it sits in. */
export interface FlatToken {
  token: Token
  block: number
  /** OCR-folded comparison key ('' for pure punctuation). */
  key: string
}

/** Longest body we look at per document: garbage input cannot take minutes. */
export const MAX_TOKENS = 60_000

/** Memoised answers kept per function before the memory is cleared. */
const CACHE_LIMIT = 200_000

/**
 * Fold a word to its comparison key: lowercase, no accents, no punctuation,
 * and the shape-alike glyphs OCR swaps (l/1/I/|/! for i, 0 for o, rn for m,
 * vv for w, cl for d, ri for n) collapsed onto one letter. Applied to both sides, so
 * folding a real `cl` to `d` costs nothing.
 */
export const foldWord: (text: string) => string = _memo((text: string) => _fold(text), CACHE_LIMIT)

// Words repeat: a release of 10,000 documents has millions of words but far fewer distinct ones.

function _fold(text: string): string {
  let s = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ĳ/g, 'ij')
  const hasLetter = /\p{L}/u.test(s)
  s = s.replace(/[^\p{L}\p{N}|!]/gu, '')
  if (!hasLetter) return s.replace(/[|!]/g, '')
  // Letter pairs first: `cl` must become `d` before `l` becomes `i`.
  return s
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/cl/g, 'd')
    .replace(/ri/g, 'n')
    .replace(/[l1|!]/g, 'i')
    .replace(/0/g, 'o')
}

/** Body tokens of a document in reading order, with their block index and key. */
export function flattenTokens(blocks: Block[]): FlatToken[] {
  const out: FlatToken[] = []
  for (let b = 0; b < blocks.length; b++) {
    for (const token of blocks[b]!.tokens) {
      if (out.length >= MAX_TOKENS) return out
      out.push({ token, block: b, key: foldWord(token.text) })
    }
  }
  return out
}

/** Blocks of a document; where a producer left them empty, paragraphs from its text. */
export function documentBlocks(doc: Document): Block[] {
  if (doc.blocks.length > 0 || !doc.text) return doc.blocks
  const blocks: Block[] = []
  const pattern = /\S+/g
  let block: Block = { kind: 'paragraph', level: 0, tokens: [] }
  let lastEnd = 0
  let match: RegExpExecArray | null
  while ((match = pattern.exec(doc.text))) {
    if (block.tokens.length > 0 && /\n\s*\n/.test(doc.text.slice(lastEnd, match.index))) {
      blocks.push(block)
      block = { kind: 'paragraph', level: 0, tokens: [] }
    }
    // Text without blocks has no page provenance: the offsets are into `text` itself.
    block.tokens.push({ text: match[0], page: doc.pages[0] ?? 0, start: match.index, end: match.index + match[0].length })
    lastEnd = match.index + match[0].length
  }
  if (block.tokens.length > 0) blocks.push(block)
  return blocks
}

/** True for a token that is surely not a printed word: handwriting and scanner junk. */
export const isJunkToken: (text: string) => boolean = _memo((text: string) => _isJunk(text), CACHE_LIMIT)

function _isJunk(text: string): boolean {
  const letters = (text.match(/\p{L}/gu) ?? []).length
  const digits = (text.match(/\p{N}/gu) ?? []).length
  if (letters + digits === 0) return text.length > 1 || !/^[-–•·.,;:()'"‘’“”%&/]$/.test(text)
  const other = text.length - letters - digits
  return other > letters + digits
}

/** 32-bit FNV-1a of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** A strong 32-bit integer mixer (murmur3 finaliser). */
export function mix32(x: number): number {
  x ^= x >>> 16
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  x ^= x >>> 16
  return x >>> 0
}
