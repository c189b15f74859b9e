// Word diff inside two aligned blocks: jsdiff's edit script (see myers.ts) over
// the tokens' keys, so every WordOp keeps the source places of its words.
import type { Place, Token, WordOp } from '../types.js'
import { classifyHunk, type NoiseContext, type NoiseToken } from './noise.js'
import { NEGATIONS } from './normalize.js'
import { editScript } from './myers.js'

/** A body token with its comparison forms. */
export interface DiffToken extends NoiseToken {
  token: Token
}

/** A WordOp that OCR noise explains carries `noise: true` (an extension of the contract's WordOp). */
export interface DiffWordOp extends WordOp {
  noise?: boolean
}

export interface WordDiff {
  ops: DiffWordOp[]
  /** Hunks (runs of deletes/inserts between equal words). */
  hunks: number
  /** Hunks that are not noise. */
  realHunks: number
  /** Every real hunk is doubtful. */
  uncertain: boolean
}

// Above this many edits a block pair is treated as rewritten: one delete, one insert.
const MAX_EDIT = 300

const MAX_JUDGED_REAL = 6

// Two hunks with at most this many equal words between them are also judged
// together: Myers may pair a common word (`de`) across an OCR-damaged phrase.
const BRIDGE = 2

interface _Segment {
  equal: boolean
  old: DiffToken[]
  new: DiffToken[]
  noise: boolean
  uncertain: boolean
}

/**
 * Word diff of two aligned blocks (or runs of blocks). `numbered`: the blocks are
 * numbered headings or items, whose number OCR often loses (`2. Planning en budget`
 * against `Planning en budget`): a number missing on one side at the start is noise.
 */
export function diffWords(oldTokens: DiffToken[], newTokens: DiffToken[], ctx: NoiseContext, numbered = false): WordDiff {
  // Keys as small integers: the edit script compares numbers.
  const ids = new Map<string, number>()
  const idsOf = (tokens: DiffToken[]) => {
    const out = new Int32Array(tokens.length)
    for (let k = 0; k < tokens.length; k++) {
      const key = tokens[k]!.key
      let id = ids.get(key)
      if (id === undefined) ids.set(key, (id = ids.size))
      out[k] = id
    }
    return out
  }
  const changes = editScript(idsOf(oldTokens), idsOf(newTokens), MAX_EDIT) ?? [
    { count: oldTokens.length, added: false, removed: true },
    { count: newTokens.length, added: true, removed: false },
  ]
  // Segments: equal runs and hunks (deleted + inserted tokens between equal runs).
  const segments: _Segment[] = []
  let oi = 0
  let ni = 0
  for (const change of changes) {
    const count = change.count
    let last = segments[segments.length - 1]
    if (change.removed || change.added) {
      if (!last || last.equal) segments.push((last = { equal: false, old: [], new: [], noise: false, uncertain: false }))
      if (change.removed) {
        last.old.push(...oldTokens.slice(oi, oi + count))
        oi += count
      } else {
        last.new.push(...newTokens.slice(ni, ni + count))
        ni += count
      }
    } else {
      segments.push({ equal: true, old: oldTokens.slice(oi, oi + count), new: newTokens.slice(ni, ni + count), noise: false, uncertain: false })
      oi += count
      ni += count
    }
  }
  // Bounded work: a block pair with this many real hunks is rewritten; its
  // further hunks are shown as they are, without asking the noise model.
  let real = 0
  for (const segment of segments) {
    if (segment.equal) continue
    if (real >= MAX_JUDGED_REAL) continue
    const verdict = classifyHunk(segment.old, segment.new, ctx)
    segment.noise = verdict.noise
    segment.uncertain = verdict.uncertain
    if (!verdict.noise) real++
  }
  // Words one side lacks right where handwriting covers that side's scan: damage, not an edit.
  const covered = ctx.handwritingNext
  if (covered) {
    segments.forEach((segment, k) => {
      if (segment.equal || segment.noise || (segment.old.length > 0) === (segment.new.length > 0)) return
      const side = segment.old.length === 0 ? 'old' : 'new'
      const before = segments[k - 1]
      const last = before?.equal ? before[side][before[side].length - 1] : undefined
      if (last && covered[side](last.token)) segment.noise = true
    })
  }
  // Real hunks next to another hunk across a short equal run: judge the span as a whole.
  for (let k = 0; k + 2 < segments.length; k++) {
    const a = segments[k]!
    const bridge = segments[k + 1]!
    const b = segments[k + 2]!
    if (a.equal || b.equal || !bridge.equal || bridge.new.length > BRIDGE) continue
    if (a.noise && b.noise) continue
    if (a.old.length + a.new.length + b.old.length + b.new.length > 12) continue
    const verdict = classifyHunk([...a.old, ...bridge.old, ...b.old], [...a.new, ...bridge.new, ...b.new], ctx)
    if (verdict.noise) a.noise = b.noise = true
  }
  _readingOrder(segments)
  const first = segments[0]
  if (numbered && first && !first.equal && !first.noise && (first.old.length === 0) !== (first.new.length === 0)) {
    const only = [...first.old, ...first.new]
    if (only.length === 1 && /^\d{1,2}[a-z]?[.)]?$/.test(only[0]!.text)) first.noise = true
  }
  const ops: DiffWordOp[] = []
  let hunks = 0
  let realHunks = 0
  let uncertainHunks = 0
  for (const segment of segments) {
    if (segment.equal) {
      _pushEqual(ops, segment.old, segment.new)
      continue
    }
    hunks++
    if (!segment.noise) {
      realHunks++
      if (segment.uncertain) uncertainHunks++
    }
    _pushRuns(ops, 'delete', segment.old, segment.noise)
    _pushRuns(ops, 'insert', segment.new, segment.noise)
  }
  return { ops, hunks, realHunks, uncertain: realHunks > 0 && uncertainHunks === realHunks }
}

// Words that OCR read in another order (a word from a line end put before the
// next line, `Met aan deze nota`): a few words deleted in one place and the same
// words inserted in another place of the same block are noise. Numbers and
// negations are never moved out of sight this way.
const REORDER_MAX = 3

function _readingOrder(segments: _Segment[]): void {
  const oneSided = segments.filter(
    (s) => !s.equal && !s.noise && (s.old.length === 0) !== (s.new.length === 0) && s.old.length + s.new.length <= REORDER_MAX,
  )
  const keys = (tokens: DiffToken[]) => tokens.map((t) => t.key).join(' ')
  const protectedWord = (tokens: DiffToken[]) => tokens.some((t) => /\d/.test(t.text) || NEGATIONS.has(t.key))
  for (const removal of oneSided) {
    if (removal.old.length === 0 || removal.noise || protectedWord(removal.old)) continue
    const match = oneSided.find((s) => s.new.length > 0 && !s.noise && keys(s.new) === keys(removal.old))
    if (match) removal.noise = match.noise = true
  }
}

/** Deletes or inserts, one op per run of tokens on one page. */
function _pushRuns(ops: DiffWordOp[], op: 'delete' | 'insert', tokens: DiffToken[], noise: boolean): void {
  let start = 0
  for (let i = 1; i <= tokens.length; i++) {
    if (i < tokens.length && tokens[i]!.token.page === tokens[start]!.token.page) continue
    const run = tokens.slice(start, i)
    const place = placeOf(run.map((t) => t.token))
    const wordOp: DiffWordOp = { op, text: run.map((t) => t.text).join(' ') }
    if (place) wordOp[op === 'delete' ? 'old' : 'new'] = place
    if (noise) wordOp.noise = true
    ops.push(wordOp)
    start = i
  }
}

/** Equal words, one op per run that stays on one page on both sides; the text is the new side's. */
function _pushEqual(ops: DiffWordOp[], oldRun: DiffToken[], newRun: DiffToken[]): void {
  let start = 0
  for (let i = 1; i <= newRun.length; i++) {
    if (
      i < newRun.length &&
      newRun[i]!.token.page === newRun[start]!.token.page &&
      oldRun[i]!.token.page === oldRun[start]!.token.page
    ) continue
    const wordOp: DiffWordOp = { op: 'equal', text: newRun.slice(start, i).map((t) => t.text).join(' ') }
    const oldPlace = placeOf(oldRun.slice(start, i).map((t) => t.token))
    const newPlace = placeOf(newRun.slice(start, i).map((t) => t.token))
    if (oldPlace) wordOp.old = oldPlace
    if (newPlace) wordOp.new = newPlace
    ops.push(wordOp)
    start = i
  }
}

/** The source range of some tokens: from the first token to the last one on the same page. */
export function placeOf(tokens: Token[]): Place | undefined {
  const first = tokens[0]
  if (!first) return undefined
  let start = first.start
  let end = first.end
  for (const token of tokens) {
    if (token.page !== first.page) continue
    if (token.start < start) start = token.start
    if (token.end > end) end = token.end
  }
  return { page: first.page, start, end }
}
