// Word diff inside two aligned blocks: jsdiff's edit script (see myers.ts) over
// the tokens' keys, so every WordOp keeps the source places of its words.
import type { Place, Token, WordOp } from '../types.js'
import { classifyHunk, type NoiseContext, type NoiseToken } from './noise.js'
import { NEGATIONS } from './normalize.js'
import { editScript, type EditRun } from './myers.js'

/** A body token with its comparison forms. */
export interface DiffToken extends NoiseToken {
  token: Token
  /** The key as a small integer, the same for equal keys within one diff. */
  id: number
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
  // Keys as small integers (given once per diff, see DiffToken.id): the edit script compares numbers.
  const changes = editScript(_ids(oldTokens), _ids(newTokens), MAX_EDIT) ?? [
    { count: oldTokens.length, added: false, removed: true },
    { count: newTokens.length, added: true, removed: false },
  ]
  const segments = _segments(changes, oldTokens, newTokens)
  // Bounded work: a block pair with this many real hunks is rewritten; its
  // further hunks are shown as they are, without asking the noise model.
  let real = 0
  for (let k = 0; k < segments.length && real < MAX_JUDGED_REAL; k++) {
    const segment = segments[k]!
    if (segment.equal) continue
    const verdict = classifyHunk(segment.old, segment.new, ctx)
    segment.noise = verdict.noise
    segment.uncertain = verdict.uncertain
    if (!verdict.noise) real++
  }
  // Words one side lacks right where handwriting covers that side's scan: damage, not an edit.
  if (ctx.handwritingNext) _covered(segments, ctx.handwritingNext, ctx)
  _bridges(segments, ctx)
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
  for (let k = 0; k < segments.length; k++) {
    const segment = segments[k]!
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

function _ids(tokens: DiffToken[]): Int32Array {
  const out = new Int32Array(tokens.length)
  for (let k = 0; k < tokens.length; k++) out[k] = tokens[k]!.id
  return out
}

/** Segments: equal runs and hunks (deleted + inserted tokens between equal runs). */
function _segments(changes: EditRun[], oldTokens: DiffToken[], newTokens: DiffToken[]): _Segment[] {
  const segments: _Segment[] = []
  let oi = 0
  let ni = 0
  let last: _Segment | undefined
  for (let c = 0; c < changes.length; c++) {
    const change = changes[c]!
    const count = change.count
    if (change.removed || change.added) {
      if (!last || last.equal) segments.push((last = { equal: false, old: [], new: [], noise: false, uncertain: false }))
      if (change.removed) {
        for (let k = oi; k < oi + count; k++) last.old.push(oldTokens[k]!)
        oi += count
      } else {
        for (let k = ni; k < ni + count; k++) last.new.push(newTokens[k]!)
        ni += count
      }
    } else {
      segments.push((last = { equal: true, old: oldTokens.slice(oi, oi + count), new: newTokens.slice(ni, ni + count), noise: false, uncertain: false }))
      oi += count
      ni += count
    }
  }
  return segments
}

/**
 * Hunks of words one side lacks right where handwriting covers that side's scan are noise. So is a
 * hunk whose shorter side runs into the handwriting (`dienstverlenerg` + strokes) where the other
 * side reads the same words and then those the pen covered (`dienstverleners benadrukt.`).
 */
function _covered(segments: _Segment[], covered: NonNullable<NoiseContext['handwritingNext']>, ctx: NoiseContext): void {
  segments.forEach((segment, k) => {
    if (segment.equal || segment.noise) return
    if ((segment.old.length > 0) === (segment.new.length > 0)) {
      const side = segment.old.length < segment.new.length ? 'old' : 'new'
      const other = side === 'old' ? 'new' : 'old'
      const short = segment[side]
      const long = segment[other]
      if (short.length >= long.length || short.length > 3 || !covered[side](short[short.length - 1]!.token)) return
      const head = long.slice(0, short.length)
      if (classifyHunk(side === 'old' ? short : head, side === 'old' ? head : short, ctx).noise) segment.noise = true
      return
    }
    const side = segment.old.length === 0 ? 'old' : 'new'
    const before = segments[k - 1]
    const last = before?.equal ? before[side][before[side].length - 1] : undefined
    if (last && covered[side](last.token)) segment.noise = true
  })
}

/** Real hunks next to another hunk across a short equal run: judge the span as a whole. */
function _bridges(segments: _Segment[], ctx: NoiseContext): void {
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
    const wordOp: DiffWordOp = { op, text: _text(tokens, start, i) }
    const place = _placeOfRange(tokens, start, i)
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
    const wordOp: DiffWordOp = { op: 'equal', text: _text(newRun, start, i) }
    const oldPlace = _placeOfRange(oldRun, start, i)
    const newPlace = _placeOfRange(newRun, start, i)
    if (oldPlace) wordOp.old = oldPlace
    if (newPlace) wordOp.new = newPlace
    ops.push(wordOp)
    start = i
  }
}

/** The texts of tokens [from, to), joined with spaces. */
function _text(tokens: DiffToken[], from: number, to: number): string {
  let out = ''
  for (let k = from; k < to; k++) out += k === from ? tokens[k]!.text : ' ' + tokens[k]!.text
  return out
}

/** placeOf the source tokens of [from, to). */
function _placeOfRange(tokens: DiffToken[], from: number, to: number): Place | undefined {
  if (from >= to) return undefined
  const first = tokens[from]!.token
  let start = first.start
  let end = first.end
  for (let k = from; k < to; k++) {
    const token = tokens[k]!.token
    if (token.page !== first.page) continue
    if (token.start < start) start = token.start
    if (token.end > end) end = token.end
  }
  return { page: first.page, start, end }
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
