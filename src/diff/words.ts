// Word diff inside two aligned blocks: jsdiff's `diffArrays` over token objects,
// compared on their key, so every WordOp keeps the source places of its words.
import { diffArrays } from 'diff'
import type { Place, Token, WordOp } from '../types.js'
import { classifyHunk, type NoiseContext, type NoiseToken } from './noise.js'

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

export function diffWords(oldTokens: DiffToken[], newTokens: DiffToken[], ctx: NoiseContext): WordDiff {
  const changes =
    diffArrays(oldTokens, newTokens, { comparator: (a, b) => a.key === b.key, maxEditLength: MAX_EDIT }) ??
    [
      { value: oldTokens, count: oldTokens.length, added: false, removed: true },
      { value: newTokens, count: newTokens.length, added: true, removed: false },
    ]
  const ops: DiffWordOp[] = []
  let hunks = 0
  let realHunks = 0
  let uncertainHunks = 0
  let oi = 0
  let ni = 0
  let pendingOld: DiffToken[] = []
  let pendingNew: DiffToken[] = []
  const flush = () => {
    if (pendingOld.length === 0 && pendingNew.length === 0) return
    hunks++
    const verdict = classifyHunk(pendingOld, pendingNew, ctx)
    if (!verdict.noise) {
      realHunks++
      if (verdict.uncertain) uncertainHunks++
    }
    _pushRuns(ops, 'delete', pendingOld, verdict.noise)
    _pushRuns(ops, 'insert', pendingNew, verdict.noise)
    pendingOld = []
    pendingNew = []
  }
  for (const change of changes) {
    const count = change.count ?? change.value.length
    if (change.removed) {
      pendingOld.push(...oldTokens.slice(oi, oi + count))
      oi += count
    } else if (change.added) {
      pendingNew.push(...newTokens.slice(ni, ni + count))
      ni += count
    } else {
      flush()
      _pushEqual(ops, oldTokens.slice(oi, oi + count), newTokens.slice(ni, ni + count))
      oi += count
      ni += count
    }
  }
  flush()
  return { ops, hunks, realHunks, uncertain: realHunks > 0 && uncertainHunks === realHunks }
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
