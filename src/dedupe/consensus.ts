// Consensus of the copies of one document: a multiple word alignment and a vote.
//
// Progressive alignment around a backbone, as CollateX aligns witnesses: the
// canonical copy's words are the backbone; every other copy is aligned to it
// (align.ts); words a copy has and the backbone lacks go into insertion
// columns, aligned among the copies that have them. Each column is then voted
// on: one vote per copy (a gap votes for nothing), ties broken by how much the
// reading looks like clean print (lexicon word > plausible word > damaged word
// > junk), then by OCR confidence, then for the backbone. Two readings with
// the same folded key (an `l` read for an `i` and the clean word) are one candidate, printed in
// its best surface form. Block structure follows the canonical copy.
import type { Block, Document, Group, GroupSource, Token } from '../types.js'
import { blocksToText } from '../parse/markdown.js'
import { alignKeys, alignmentSimilarity } from './align.js'
import { flattenTokens, foldWord, type FlatToken } from './normalize.js'
import { reconcileStructure } from './structure.js'
import { setShown, shownOf } from '../parse/evidence.js'
import { wordQuality, type WordList } from './quality.js'

export interface Member {
  doc: Document
  blocks: Block[]
  tokens: FlatToken[]
  /** Weight of the copy's vote, 0.5-1: less for a copy with more estimated damage. Default 1. */
  weight?: number
}

export type Addition = NonNullable<Group['additions']>[number]

export interface Consensus {
  blocks: Block[]
  text: string
  sources: GroupSource[]
  additions: Addition[]
  /** Alignment similarity of each member to the canonical copy (members[0] gets 1). */
  similarities: number[]
  /** How many columns the vote took from a copy other than the canonical one. */
  repaired: number
}

/** Quality a gap is given in a backbone column: junk, specks and damaged words lose to it, plausible words win. */
const ABSENT_IN_BACKBONE = 0.5
/**
 * Quality a gap is given in an insertion column. A line one copy alone has
 * (OCR lost it in the other) is kept where its words look like print; a lone
 * word one copy alone has is as often a misplaced or stray word: at a tie it
 * needs a majority.
 */
const ABSENT_IN_INSERTION = 0.65
const ABSENT_LONE_INSERTION = 1.05
/** An inserted run this long is a lost line, not a stray word. */
const LINE_RUN = 3
const W_QUALITY = 0.8
const W_CONFIDENCE = 0.1

interface Reading {
  member: number
  tokens: number[]
  /** True where the copy does not cover this stretch (a lost first or last page): it has no vote. */
  abstain?: boolean
}

interface Column {
  /** Backbone positions this column covers (empty for an insertion column). */
  backbone: number[]
  /** Backbone position the column's words belong after (for blocks): its first position, or the one before an insertion. */
  anchor: number
  readings: Reading[]
  /** For an insertion column: the longest run any copy inserted at this place. */
  run?: number
}

/** Build the consensus of `members` (members[0] is the canonical copy). */
export function buildConsensus(members: Member[], lexicon: WordList): Consensus {
  // The copies' structure first: a mark one copy lost is taken from another (structure.ts), so the
  // consensus follows the canonical copy's structure as the group restores it.
  const structure = reconcileStructure(members.map((member) => ({ id: member.doc.id, blocks: member.blocks })))
  members = members.map((member, m) => {
    const blocks = structure.blocks[m]!
    return blocks === member.blocks ? member : { ...member, blocks, tokens: flattenTokens(blocks) }
  })
  const canon = members[0]!
  const n = canon.tokens.length
  const canonKeys = canon.tokens.map((t) => t.key)
  // Per member: tokens on each backbone position, tokens inserted before position k (k = 0..n), links c -> c+1.
  const onSlot: Array<Array<number[] | null>> = []
  const inserted: Array<Map<number, number[]>> = []
  const linked = new Uint8Array(n + 1)
  const similarities: number[] = [1]
  // The stretch of the backbone each copy covers, from its first to its last matched word.
  const first: number[] = [0]
  const last: number[] = [n - 1]
  onSlot.push(canon.tokens.map((_, i) => [i]))
  inserted.push(new Map())
  for (let m = 1; m < members.length; m++) {
    const keys = members[m]!.tokens.map((t) => t.key)
    const columns = alignKeys(canonKeys, keys)
    similarities.push(alignmentSimilarity(canonKeys, keys, columns))
    const slots: Array<number[] | null> = new Array(n).fill(null)
    const ins = new Map<number, number[]>()
    let next = 0 // backbone position after the last one seen
    let lo = Infinity
    let hi = -Infinity
    for (const column of columns) {
      if (column.match && column.a.length > 0) {
        lo = Math.min(lo, column.a[0]!)
        hi = Math.max(hi, column.a[column.a.length - 1]!)
      }
      if (column.a.length === 0) {
        const list = ins.get(next) ?? []
        list.push(...column.b)
        ins.set(next, list)
        continue
      }
      const first = column.a[0]!
      slots[first] = [...column.b]
      for (let k = 1; k < column.a.length; k++) {
        slots[column.a[k]!] = []
        linked[column.a[k - 1]!] = 1
      }
      next = column.a[column.a.length - 1]! + 1
    }
    onSlot.push(slots)
    inserted.push(ins)
    first.push(lo)
    last.push(hi)
  }

  // Columns in order: insertion columns before backbone position k, then the backbone group starting at k.
  const columns: Column[] = []
  let k = 0
  while (k <= n) {
    _insertionColumns(members, inserted, k, columns, first, last)
    if (k === n) break
    let hi = k
    while (hi + 1 < n && linked[hi]) hi++
    const backbone: number[] = []
    for (let c = k; c <= hi; c++) backbone.push(c)
    const readings: Reading[] = []
    for (let m = 0; m < members.length; m++) {
      const tokens: number[] = []
      for (let c = k; c <= hi; c++) {
        tokens.push(...(onSlot[m]![c] ?? []))
        if (c < hi && m > 0) tokens.push(...(inserted[m]!.get(c + 1) ?? []))
      }
      readings.push({ member: m, tokens, abstain: tokens.length === 0 && (hi < first[m]! || k > last[m]!) })
    }
    columns.push({ backbone, anchor: k, readings })
    k = hi + 1
  }

  // Vote.
  const out: Array<{ token: Token; member: number; anchor: number }> = []
  const used = members.map((member) => new Uint8Array(member.tokens.length))
  let repaired = 0
  for (const column of columns) {
    const winner = _vote(members, column, lexicon)
    if (winner === null) continue
    if (winner.member !== 0) repaired++
    const tokens = winner.tokens
    for (let t = 0; t < tokens.length; t++) {
      const flat = members[winner.member]!.tokens[tokens[t]!]!
      // When the winning reading has as many words as the backbone, each keeps its backbone position (block, cell).
      const anchor = column.backbone.length === tokens.length ? column.backbone[t]! : column.anchor
      out.push({ token: flat.token, member: winner.member, anchor })
    }
    // Readings aligned into a column that kept words are variants of those words (OCR noise), not additions.
    for (const reading of column.readings) for (const t of reading.tokens) used[reading.member]![t] = 1
  }

  const blocks = _blocks(canon, out)
  const text = blocksToText(blocks)
  const sources = _sources(blocks, text, out, members)
  const additions = _additions(members, used)
  return { blocks, text, sources, additions, similarities, repaired }
}

function _insertionColumns(members: Member[], inserted: Array<Map<number, number[]>>, k: number, columns: Column[], first: number[], last: number[]): void {
  // Progressive: the first copy's run makes the columns, later runs are aligned to them.
  let sub: Array<Map<number, number[]>> = []
  let longest = 0
  for (let m = 1; m < members.length; m++) {
    const run = inserted[m]!.get(k)
    if (!run || run.length === 0) continue
    longest = Math.max(longest, run.length)
    const keys = run.map((t) => members[m]!.tokens[t]!.key)
    if (sub.length === 0) {
      sub = run.map((t) => new Map([[m, [t]]]))
      continue
    }
    const repKeys = sub.map((col) => {
      const [member, tokens] = col.entries().next().value as [number, number[]]
      return tokens.map((t) => members[member]!.tokens[t]!.key).join('')
    })
    const aligned = alignKeys(repKeys, keys)
    const next: Array<Map<number, number[]>> = []
    for (const column of aligned) {
      if (column.a.length === 0) {
        next.push(new Map([[m, column.b.map((j) => run[j]!)]]))
        continue
      }
      const first = sub[column.a[0]!]!
      if (column.b.length > 0) first.set(m, column.b.map((j) => run[j]!))
      next.push(first)
      for (let x = 1; x < column.a.length; x++) next.push(sub[column.a[x]!]!)
    }
    sub = next
  }
  for (const col of sub) {
    const readings: Reading[] = []
    for (let m = 0; m < members.length; m++) {
      const tokens = col.get(m) ?? []
      // A copy votes against an insertion only where it covers both sides of it.
      readings.push({ member: m, tokens, abstain: tokens.length === 0 && !(first[m]! < k && k <= last[m]!) })
    }
    columns.push({ backbone: [], anchor: Math.max(0, k - 1), readings, run: longest })
  }
}

function _key(members: Member[], reading: Reading): string {
  return reading.tokens.map((t) => members[reading.member]!.tokens[t]!.key).join('')
}

/** The winning reading of a column, or null when the gap wins. */
function _vote(members: Member[], column: Column, lexicon: WordList): Reading | null {
  interface Candidate {
    votes: number
    best: Reading | null
    bestQuality: number
    bestConfidence: number
  }
  const candidates = new Map<string, Candidate>()
  // At the end of a block, the form that closes the sentence wins a tie: OCR drops a full stop
  // far more often than it prints one where a paragraph ends.
  const canon = members[0]!.tokens
  const lastPos = column.backbone[column.backbone.length - 1]
  const blockEnd = lastPos !== undefined && canon[lastPos] !== undefined && canon[lastPos + 1]?.block !== canon[lastPos]!.block
  for (const reading of column.readings) {
    if (reading.abstain) continue
    const key = reading.tokens.length === 0 ? '\u0000' : _key(members, reading)
    let candidate = candidates.get(key)
    if (!candidate) {
      candidate = { votes: 0, best: null, bestQuality: -1, bestConfidence: -1 }
      candidates.set(key, candidate)
    }
    // A cleaner copy's vote counts more: two damaged copies that share an OCR error do not outvote it.
    candidate.votes += members[reading.member]!.weight ?? 1
    if (reading.tokens.length === 0) continue
    const flats = reading.tokens.map((t) => members[reading.member]!.tokens[t]!)
    let quality = 0
    let confidence = 0
    const stamp = members[reading.member]!.doc.copy
    for (const flat of flats) {
      quality += _quality(flat, column.backbone.length === 0, stamp, lexicon)
      if (blockEnd && flat === flats[flats.length - 1] && /[.!?]$/.test(flat.token.text)) quality += 0.01
      confidence += flat.token.confidence ?? 50
    }
    quality /= flats.length
    confidence /= flats.length
    // Readings are visited backbone first, so on a full tie the backbone's form stays.
    if (quality > candidate.bestQuality || (quality === candidate.bestQuality && confidence > candidate.bestConfidence)) {
      candidate.best = reading
      candidate.bestQuality = quality
      candidate.bestConfidence = confidence
    }
  }
  let winner: Reading | null = null
  let bestScore = -Infinity
  for (const [key, candidate] of candidates) {
    const score =
      key === '\u0000'
        ? candidate.votes + W_QUALITY * _absentQuality(column) + W_CONFIDENCE * 0.5
        : candidate.votes + W_QUALITY * candidate.bestQuality + (W_CONFIDENCE * candidate.bestConfidence) / 100 +
          (candidate.best!.member === 0 ? 0.001 : 0)
    if (score > bestScore) {
      bestScore = score
      winner = key === '\u0000' ? null : candidate.best
    }
  }
  return winner
}

function _absentQuality(column: Column): number {
  if (column.backbone.length > 0) return ABSENT_IN_BACKBONE
  return (column.run ?? 0) >= LINE_RUN ? ABSENT_IN_INSERTION : ABSENT_LONE_INSERTION
}

/**
 * How much a word looks like clean print. In an insertion column (words one
 * copy has and the backbone lacks) a word in capitals alone is more likely a
 * stamp or an initial than printed text, and the copy's own stamp is never text.
 */
function _quality(flat: FlatToken, insertion: boolean, stamp: string | null, lexicon: WordList): number {
  const q = wordQuality(flat.token.text, lexicon)
  if (stamp !== null && flat.key === foldWord(stamp)) return 0
  if (!insertion) return q
  // A section or item number (`2.`, `3a)`) is a mark OCR drops, never one it invents: one copy's is enough.
  if (/^\d{1,2}[a-z]?[.)]$/.test(flat.token.text)) return 1.1
  const letters = flat.token.text.replace(/\P{L}/gu, '')
  if (letters.length >= 2 && letters === letters.toUpperCase()) return Math.min(q, 0.5)
  return q
}

function _blocks(canon: Member, out: Array<{ token: Token; anchor: number }>): Block[] {
  const canonBlocks = canon.blocks
  const cellOf: number[] = [] // backbone position -> cell index within its block
  for (const block of canonBlocks) {
    if (!block.cells) {
      for (let t = 0; t < block.tokens.length; t++) cellOf.push(0)
      continue
    }
    block.cells.forEach((count, cell) => {
      for (let t = 0; t < count; t++) cellOf.push(cell)
    })
  }
  const blockTokens: Token[][] = canonBlocks.map(() => [])
  const blockCells: number[][] = canonBlocks.map((block) => (block.cells ? block.cells.map(() => 0) : []))
  for (const { token, anchor } of out) {
    const b = canon.tokens[anchor]?.block ?? 0
    if (blockTokens[b] === undefined) continue
    blockTokens[b]!.push({ ...token })
    if (canonBlocks[b]!.cells) blockCells[b]![cellOf[anchor] ?? 0]!++
  }
  const blocks: Block[] = []
  canonBlocks.forEach((block, b) => {
    if (blockTokens[b]!.length === 0) return
    const copy: Block = { kind: block.kind, level: block.level, tokens: blockTokens[b]! }
    if (block.cells) copy.cells = blockCells[b]!
    if (block.marker !== undefined) copy.marker = block.marker
    const shown = shownOf(block)
    if (shown) setShown(copy, shown)
    blocks.push(copy)
  })
  // A section number voted in from another copy lands after the block before it: it opens the next one.
  for (let b = 0; b + 1 < blocks.length; b++) {
    const block = blocks[b]!
    const next = blocks[b + 1]!
    const last = block.tokens[block.tokens.length - 1]
    if (block.cells || next.cells || block.tokens.length < 2 || !last || !/^\d{1,2}[a-z]?[.)]$/.test(last.text)) continue
    if (/^\d{1,2}[a-z]?[.)]$/.test(next.tokens[0]?.text ?? '')) continue
    block.tokens.pop()
    next.tokens.unshift(last)
    if (next.kind === 'heading') next.marker = last.text
  }
  return blocks
}

/** Stretches of the consensus text that come from one page of one copy, in order. */
function _sources(blocks: Block[], text: string, out: Array<{ token: Token; member: number }>, members: Member[]): GroupSource[] {
  const sources: GroupSource[] = []
  let cursor = 0
  let o = 0
  for (const block of blocks) {
    let previous: GroupSource | null = null
    for (const token of block.tokens) {
      const member = out[o++]!.member
      const at = text.indexOf(token.text, cursor)
      if (at < 0) continue
      cursor = at + token.text.length
      const document = members[member]!.doc.id
      if (previous && previous.document === document && sources[sources.length - 1] === previous &&
        _samePage(previous, token)) {
        previous.end = cursor
        continue
      }
      previous = { start: at, end: cursor, document, page: token.page, pageStart: token.start }
      sources.push(previous)
    }
  }
  return sources
}

function _samePage(source: GroupSource, token: Token): boolean {
  return source.page === token.page && token.start >= source.pageStart
}

/** Runs of a copy's words the consensus did not take, that are not variants of a consensus word: what the copy adds. */
function _additions(members: Member[], used: Uint8Array[]): Addition[] {
  const additions: Addition[] = []
  members.forEach((member, m) => {
    const doc = member.doc
    for (const a of doc.annotations) additions.push({ document: doc.id, page: a.page, start: a.start, end: a.end, text: a.text, kind: 'annotation' })
    const stamp = doc.copy ? foldWord(doc.copy) : null
    let run: FlatToken[] = []
    const flush = (): void => {
      if (run.length === 0) return
      const text = run.map((f) => f.token.text).join(' ')
      const letters = (text.match(/\p{L}/gu) ?? []).length
      // A lost bullet glyph or a speck is no addition; a word, or a scribble of signs, is.
      if (letters >= 2 || text.replace(/\s/g, '').length >= 4) {
        const single = run.length === 1 ? run[0]!.token.text.replace(/\P{L}/gu, '') : ''
        const isStamp = (stamp !== null && run.some((f) => f.key === stamp)) || (single.length >= 3 && single.length <= 8 && single === single.toUpperCase())
        additions.push({
          document: doc.id, page: run[0]!.token.page, start: run[0]!.token.start, end: run[run.length - 1]!.token.end,
          text, kind: isStamp ? 'stamp' : 'text',
        })
      }
      run = []
    }
    member.tokens.forEach((flat, t) => {
      if (used[m]![t]) {
        flush()
        return
      }
      if (run.length > 0 && run[run.length - 1]!.token.page !== flat.token.page) flush()
      run.push(flat)
    })
    flush()
  })
  additions.sort((x, y) => (x.document < y.document ? -1 : x.document > y.document ? 1 : x.page - y.page || x.start - y.start))
  return additions
}
