// The structured, noise-aware diff of two documents (or two versions of one):
// metadata field by field, then sections by heading, blocks by similarity
// (with moves), then words inside aligned blocks. Differences that OCR noise
// explains are counted but only listed with `includeNoise`.
import type { Block, Change, Diff, DiffSummary, Metadata, Place, Token, WordOp } from '../types.js'
import { _expectKnownOptions, _expectType } from '../issue.js'
import { align, prepare, type AlignedPair, type BlockInfo, type Prepared } from './align.js'
import { diffMetadata } from './metadata.js'
import { createNoiseContext, furnitureMask, isNoiseBlock, type NoiseContext } from './noise.js'
import { skeleton, tokenKey } from './normalize.js'
import { diffWords, placeOf, type DiffToken, type DiffWordOp, type WordDiff } from './words.js'
import { lowerBound } from '../search.js'

export type { DiffWordOp } from './words.js'

/** What the diff needs of a document (a Document satisfies it). */
export interface DiffInput {
  id: string
  metadata: Metadata
  blocks: Block[]
  /** Metadata fields read from damaged OCR: their changes are marked uncertain. */
  uncertain?: string[]
  /** Handwriting the layout cut out of the text (a Document's `annotations`): words missing right beside it are damage, not an edit. */
  annotations?: Array<{ page: number; start: number; end: number }>
}

export interface DiffOptions {
  /** Also list the changes classified as OCR noise (always counted in `summary.noise`). Default false. */
  includeNoise?: boolean
}

const OPTIONS = ['includeNoise'] as const

function _checkInput(name: string, input: unknown): asserts input is DiffInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError(`Expected \`${name}\` to be a document ({ id, metadata, blocks }), got \`${input === null ? 'null' : typeof input}\``)
  }
  const doc = input as Partial<DiffInput>
  _expectType(`${name}.id`, doc.id, 'string')
  if (!Array.isArray(doc.blocks)) throw new TypeError(`Expected \`${name}.blocks\` to be an array of blocks`)
  if (typeof doc.metadata !== 'object' || doc.metadata === null) throw new TypeError(`Expected \`${name}.metadata\` to be an object`)
  if (doc.uncertain !== undefined && !Array.isArray(doc.uncertain)) throw new TypeError(`Expected \`${name}.uncertain\` to be an array of field names`)
}

/**
 * Diff `a` (old) against `b` (new). `diffDocuments(b, a)` is exactly the mirror of
 * `diffDocuments(a, b)`: to guarantee that whatever tie the alignment meets, the
 * work is always done in one canonical direction (the input whose serialisation
 * sorts first is `old`) and mirrored when the call runs the other way.
 */
export function diffDocuments(a: DiffInput, b: DiffInput, options?: DiffOptions): Diff {
  _checkInput('a', a)
  _checkInput('b', b)
  _expectKnownOptions(options, OPTIONS, 'diffDocuments')
  _expectType('includeNoise', options?.includeNoise, 'boolean')
  const includeNoise = options?.includeNoise ?? false
  if (_canonicalFirst(a, b)) return _diff(a, b, includeNoise)
  return mirrorDiff(_diff(b, a, includeNoise))
}

/**
 * Diffs along a chain of versions: the documents sorted by date (undated last,
 * then by id), each diffed against the next. For the README's "what changed from
 * one nota to the next".
 */
export function diffChain(documents: DiffInput[], options?: DiffOptions): Diff[] {
  if (!Array.isArray(documents)) throw new TypeError('Expected `documents` to be an array of documents')
  documents.forEach((doc, i) => _checkInput(`documents[${i}]`, doc))
  const sorted = [...documents].sort((x, y) => {
    const dx = x.metadata.date ?? '\uffff'
    const dy = y.metadata.date ?? '\uffff'
    return dx < dy ? -1 : dx > dy ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0
  })
  const diffs: Diff[] = []
  for (let i = 0; i + 1 < sorted.length; i++) diffs.push(diffDocuments(sorted[i]!, sorted[i + 1]!, options))
  return diffs
}

/**
 * The same diff seen from the other side: old and new swapped, added and removed
 * exchanged. The ordering rule is symmetric: where removals and additions (or
 * deleted and inserted words) stand next to each other, removals come first.
 */
export function mirrorDiff(diff: Diff): Diff {
  const s = diff.summary
  return {
    old: diff.new,
    new: diff.old,
    summary: { added: s.removed, removed: s.added, changed: s.changed, moved: s.moved, metadata: s.metadata, noise: s.noise },
    changes: _removalsFirst(diff.changes.map(_mirrorChange)),
  }
}

/**
 * Within each run of neighbouring items of the two opposite kinds, the removing
 * kind first (stable). Applied to both directions, it makes the order symmetric.
 */
function _stablePartition<T>(items: T[], side: (item: T) => 'remove' | 'add' | null): T[] {
  const out: T[] = []
  // The current run's adds wait here while its removes go straight out.
  const adds: T[] = []
  for (let k = 0; k < items.length; k++) {
    const item = items[k]!
    const s = side(item)
    if (s === 'remove') out.push(item)
    else if (s === 'add') adds.push(item)
    else {
      for (let a = 0; a < adds.length; a++) out.push(adds[a]!)
      adds.length = 0
      out.push(item)
    }
  }
  for (let a = 0; a < adds.length; a++) out.push(adds[a]!)
  return out
}

const _changeSide = (c: Change): 'remove' | 'add' | null => (c.kind === 'removed' ? 'remove' : c.kind === 'added' ? 'add' : null)
const _wordSide = (w: WordOp): 'remove' | 'add' | null => (w.op === 'delete' ? 'remove' : w.op === 'insert' ? 'add' : null)

function _removalsFirst(changes: Change[]): Change[] {
  const out = _stablePartition(changes, _changeSide)
  for (let k = 0; k < out.length; k++) {
    const c = out[k]!
    if (c.words) out[k] = { ...c, words: _stablePartition(c.words, _wordSide) }
  }
  return out
}

function _mirrorChange(change: Change): Change {
  const kind = change.kind === 'added' ? 'removed' : change.kind === 'removed' ? 'added' : change.kind
  const out: Change = {
    kind,
    ...(change.field === undefined ? {} : { field: change.field }),
    section: { old: change.section.new, new: change.section.old },
    old: change.new,
    new: change.old,
    noise: change.noise,
    uncertain: change.uncertain,
  }
  if (change.words) out.words = change.words.map(_mirrorWord)
  if (change.newPlace) out.oldPlace = change.newPlace
  if (change.oldPlace) out.newPlace = change.oldPlace
  return out
}

function _mirrorWord(word: WordOp): WordOp {
  const out: WordOp & { noise?: boolean } = { op: word.op === 'insert' ? 'delete' : word.op === 'delete' ? 'insert' : 'equal', text: word.text }
  if (word.new) out.old = word.new
  if (word.old) out.new = word.old
  if ((word as { noise?: boolean }).noise) out.noise = true
  return out
}

/** True when `a` comes first in the canonical order: by a hash of the whole input, then (on a tie) by its serialisation. */
function _canonicalFirst(a: DiffInput, b: DiffInput): boolean {
  const ha = _fingerprint(a)
  const hb = _fingerprint(b)
  if (ha !== hb) return ha < hb
  return JSON.stringify(_plain(a)) <= JSON.stringify(_plain(b))
}

function _plain(doc: DiffInput): unknown {
  return [doc.id, doc.metadata, doc.uncertain ?? [], doc.blocks]
}

/** Two FNV-1a hashes over everything the diff reads, without building one large string (nor one per token). */
function _fingerprint(doc: DiffInput): string {
  const h = new _Fnv()
  // The end of one field: `|` between the parts of a field, 0x1f after it.
  h.text(doc.id)
  h.code(0x1f)
  h.text(JSON.stringify(doc.metadata))
  h.code(0x1f)
  h.text(JSON.stringify(doc.uncertain ?? []))
  h.code(0x1f)
  for (let b = 0; b < doc.blocks.length; b++) {
    const block = doc.blocks[b]!
    h.text(`${block.kind}|${block.level}|${block.marker ?? ''}|${block.cells?.join(',') ?? ''}`)
    h.code(0x1f)
    h.tokens(block.tokens)
  }
  return h.digest()
}

/** The two running hashes of `_fingerprint`, kept in fields (one object, no closures over the state). */
class _Fnv {
  h1 = 0x811c9dc5 | 0
  h2 = 0x01000193
  /** The decimal digits of a number, as String(value) writes them, last first. */
  private readonly digits = new Uint8Array(10)

  code(c: number): void {
    this.h1 = Math.imul(this.h1 ^ c, 0x01000193)
    this.h2 = Math.imul(this.h2 ^ c, 0x5bd1e995)
  }

  text(text: string): void {
    let h1 = this.h1
    let h2 = this.h2
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      h1 = Math.imul(h1 ^ c, 0x01000193)
      h2 = Math.imul(h2 ^ c, 0x5bd1e995)
    }
    this.h1 = h1
    this.h2 = h2
  }

  number(value: number): void {
    if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff) return this.text(String(value))
    const digits = this.digits
    let n = 0
    do {
      digits[n++] = 48 + (value % 10)
      value = Math.floor(value / 10)
    } while (value > 0)
    let h1 = this.h1
    let h2 = this.h2
    while (n > 0) {
      const c = digits[--n]!
      h1 = Math.imul(h1 ^ c, 0x01000193)
      h2 = Math.imul(h2 ^ c, 0x5bd1e995)
    }
    this.h1 = h1
    this.h2 = h2
  }

  /** Each token as the characters of `${t.text}|${t.page}|${t.start}|${t.end}|${t.confidence ?? ''}`, then 0x1f. */
  tokens(tokens: Token[]): void {
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!
      this.text(t.text)
      this.code(0x7c)
      this.number(t.page)
      this.code(0x7c)
      this.number(t.start)
      this.code(0x7c)
      this.number(t.end)
      this.code(0x7c)
      if (t.confidence !== undefined && t.confidence !== null) this.text(String(t.confidence))
      this.code(0x1f)
    }
  }

  digest(): string {
    return (this.h1 >>> 0).toString(16).padStart(8, '0') + (this.h2 >>> 0).toString(16).padStart(8, '0')
  }
}

function _tokenizer(): (block: Block) => DiffToken[] {
  // Per spelling: its key, skeleton and the key's id (ids number the distinct keys in order of appearance).
  const forms = new Map<string, { key: string; skel: string; id: number }>()
  const ids = new Map<string, number>()
  return (block) => {
    const tokens = block.tokens
    const out: DiffToken[] = []
    for (let k = 0; k < tokens.length; k++) {
      const token = tokens[k]!
      let form = forms.get(token.text)
      if (!form) {
        const key = tokenKey(token.text)
        let id = ids.get(key)
        if (id === undefined) ids.set(key, (id = ids.size))
        forms.set(token.text, (form = { key, skel: skeleton(token.text), id }))
      }
      out.push({ text: token.text, key: form.key, skel: form.skel, token, id: form.id })
    }
    return out
  }
}

/** Does handwriting follow this word in the scan, with nothing but white space between? */
function _handwritingNext(input: DiffInput): (token: Token) => boolean {
  const byPage = new Map<number, number[]>()
  for (const note of input.annotations ?? []) byPage.set(note.page, [...(byPage.get(note.page) ?? []), note.start])
  return (token) => (byPage.get(token.page) ?? []).some((start) => start >= token.end && start - token.end <= 3)
}

function _diff(a: DiffInput, b: DiffInput, includeNoise: boolean): Diff {
  const tokenize = _tokenizer()
  const tokensA = a.blocks.map(tokenize)
  const tokensB = b.blocks.map(tokenize)
  const vocabulary = new Map<string, number>()
  for (const list of [tokensA, tokensB]) {
    for (let b = 0; b < list.length; b++) {
      const tokens = list[b]!
      for (let k = 0; k < tokens.length; k++) {
        const key = tokens[k]!.key
        vocabulary.set(key, (vocabulary.get(key) ?? 0) + 1)
      }
    }
  }
  const ctx = createNoiseContext(vocabulary, [a.metadata, b.metadata])
  ctx.handwritingNext = { old: _handwritingNext(a), new: _handwritingNext(b) }
  const ignore = (tokens: DiffToken[]) => furnitureMask(tokens, ctx)
  const pa = prepare(a.blocks, (_, index) => tokensA[index]!, ignore)
  const pb = prepare(b.blocks, (_, index) => tokensB[index]!, ignore)
  const changes: Change[] = diffMetadata(a.metadata, b.metadata, a.uncertain ?? [], b.uncertain ?? [], ctx)
  for (const change of _bodyChanges(pa, pb, ctx)) changes.push(change)
  const summary: DiffSummary = { added: 0, removed: 0, changed: 0, moved: 0, metadata: 0, noise: 0 }
  for (const change of changes) {
    if (change.noise) summary.noise++
    else summary[change.kind]++
  }
  return {
    old: { id: a.id, metadata: a.metadata },
    new: { id: b.id, metadata: b.metadata },
    summary,
    changes: _removalsFirst(includeNoise ? changes : changes.filter((change) => !change.noise)),
  }
}

function _sectionTitle(p: Prepared, block: number): string | null {
  return p.sections[p.blocks[block]!.section]!.title
}

function _bodyChanges(pa: Prepared, pb: Prepared, ctx: NoiseContext): Change[] {
  const alignment = align(pa, pb)
  const cache: _WordCache = new Map()
  const inverse = new Map<number, number>()
  for (const [s, t] of alignment.sections) inverse.set(t, s)
  // Reading order: the monotone pairs in order; a removed block after the pair
  // before it in the old text, an added or moved block after the pair before it in the new.
  const steady = _joinCrossedSplits(
    alignment.pairs.filter((p) => !p.moved).sort((p, q) => p.old[0]! - q.old[0]!),
    pa,
    pb,
    ctx,
    cache,
  )
  const steadyOld = steady.map((p) => p.old[0]!)
  const steadyNew = steady.map((p) => p.new[0]!)
  const entries: Array<{ rank: number; side: number; at: number; change: Change }> = []
  steady.forEach((pair, rank) => {
    const change = _pairChange(pair, pa, pb, ctx, cache)
    if (change) entries.push({ rank, side: 0, at: 0, change })
  })
  for (const pair of alignment.pairs) {
    if (!pair.moved) continue
    const change = _pairChange(pair, pa, pb, ctx, cache)
    if (change) entries.push({ rank: _before(steadyNew, pair.new[0]!) + 0.5, side: 2, at: pair.new[0]!, change })
  }
  for (const x of alignment.removed) {
    const info = pa.blocks[x]!
    const section = pa.blocks[x]!.section
    const target = alignment.sections.get(section)
    const change: Change = {
      kind: 'removed',
      section: { old: _sectionTitle(pa, x), new: target === undefined ? null : pb.sections[target]!.title },
      old: info.text,
      new: null,
      noise: isNoiseBlock(info.tokens, ctx, info.block.kind === 'heading'),
      uncertain: false,
    }
    const place = placeOf(info.block.tokens)
    if (place) change.oldPlace = place
    entries.push({ rank: _before(steadyOld, x) + 0.5, side: 1, at: x, change })
  }
  for (const y of alignment.added) {
    const info = pb.blocks[y]!
    const source = inverse.get(info.section)
    const change: Change = {
      kind: 'added',
      section: { old: source === undefined ? null : pa.sections[source]!.title, new: _sectionTitle(pb, y) },
      old: null,
      new: info.text,
      noise: isNoiseBlock(info.tokens, ctx, info.block.kind === 'heading'),
      uncertain: false,
    }
    const place = placeOf(info.block.tokens)
    if (place) change.newPlace = place
    entries.push({ rank: _before(steadyNew, y) + 0.5, side: 2, at: y, change })
  }
  entries.sort((p, q) => p.rank - q.rank || p.side - q.side || p.at - q.at)
  return entries.map((entry) => entry.change)
}

/**
 * Two neighbouring pairs whose blocks were broken at different places on the two
 * sides (one paragraph split after word 5 in one copy and after word 15 in the
 * other) show the words in between as deleted from one pair and inserted in the
 * next. Join such pairs when the joined pair explains more of the difference.
 */
type _WordCache = Map<string, WordDiff>

function _pairWords(pair: AlignedPair, pa: Prepared, pb: Prepared, ctx: NoiseContext, cache: _WordCache): WordDiff {
  const key = pair.old.join(',') + '|' + pair.new.join(',')
  let words = cache.get(key)
  if (!words) {
    words = diffWords(_tokensOf(pa, pair.old), _tokensOf(pb, pair.new), ctx, _numbered(pa, pair.old) || _numbered(pb, pair.new))
    cache.set(key, words)
  }
  return words
}

/** Numbered headings or items: their number OCR often loses. */
function _numbered(p: Prepared, list: number[]): boolean {
  const kind = p.blocks[list[0]!]!.block.kind
  return kind === 'heading' || kind === 'numbered'
}

/** The tokens of the listed blocks, one after another (a single block's own list: the word diff only reads it). */
function _tokensOf(p: Prepared, list: number[]): DiffToken[] {
  if (list.length === 1) return p.blocks[list[0]!]!.tokens
  const out: DiffToken[] = []
  for (let b = 0; b < list.length; b++) {
    const tokens = p.blocks[list[b]!]!.tokens
    for (let k = 0; k < tokens.length; k++) out.push(tokens[k]!)
  }
  return out
}

function _joinCrossedSplits(steady: AlignedPair[], pa: Prepared, pb: Prepared, ctx: NoiseContext, cache: _WordCache): AlignedPair[] {
  const out: AlignedPair[] = []
  const plain = (p: Prepared, list: number[]) => list.every((i) => p.blocks[i]!.block.kind === 'paragraph' || p.blocks[i]!.block.kind === 'bullet')
  const real = (pair: AlignedPair) => _pairWords(pair, pa, pb, ctx, cache).realHunks
  // The signature of a crossed split: the first pair ends in a real change and the next begins with one.
  const edge = (pair: AlignedPair, at: 'first' | 'last') => {
    const ops = _pairWords(pair, pa, pb, ctx, cache).ops
    for (let k = 0; k < ops.length; k++) {
      const op = ops[at === 'first' ? k : ops.length - 1 - k]!
      if (op.op === 'equal') return false
      if (!(op as DiffWordOp).noise) return true
    }
    return false
  }
  let previousReal = -1
  for (const pair of steady) {
    const last = out[out.length - 1]
    if (
      last &&
      last.old[last.old.length - 1]! + 1 === pair.old[0] &&
      last.new[last.new.length - 1]! + 1 === pair.new[0] &&
      plain(pa, [...last.old, ...pair.old]) &&
      plain(pb, [...last.new, ...pair.new]) &&
      last.old.length + pair.old.length <= 6
    ) {
      if (previousReal < 0) previousReal = real(last)
      const own = real(pair)
      // A block broken by the scan ends mid-sentence on at least one side.
      const openEnd = (p: Prepared, list: number[]) => {
        const tokens = p.blocks[list[list.length - 1]!]!.tokens
        return tokens.length > 0 && !/[.!?:;]["'’”)]*$/.test(tokens[tokens.length - 1]!.text)
      }
      if (
        previousReal > 0 &&
        own > 0 &&
        (openEnd(pa, last.old) || openEnd(pb, last.new)) &&
        edge(last, 'last') &&
        edge(pair, 'first')
      ) {
        const joined: AlignedPair = { old: [...last.old, ...pair.old], new: [...last.new, ...pair.new], moved: false }
        const joinedReal = real(joined)
        if (joinedReal < previousReal + own) {
          out[out.length - 1] = joined
          previousReal = joinedReal
          continue
        }
      }
      out.push(pair)
      previousReal = own
      continue
    }
    out.push(pair)
    previousReal = -1
  }
  return out
}

/** Index of the last element of the sorted `list` below `value`, or -1. */
function _before(list: number[], value: number): number {
  return lowerBound(list.length, (i) => list[i]! < value) - 1
}

/** placeOf the tokens of some blocks, one after another. */
function _placeOfBlocks(infos: BlockInfo[]): Place | undefined {
  let first: Token | undefined
  let start = 0
  let end = 0
  for (let b = 0; b < infos.length; b++) {
    const tokens = infos[b]!.tokens
    for (let k = 0; k < tokens.length; k++) {
      const token = tokens[k]!.token
      if (!first) {
        first = token
        start = token.start
        end = token.end
      }
      if (token.page !== first.page) continue
      if (token.start < start) start = token.start
      if (token.end > end) end = token.end
    }
  }
  return first ? { page: first.page, start, end } : undefined
}

function _pairChange(pair: AlignedPair, pa: Prepared, pb: Prepared, ctx: NoiseContext, cache: _WordCache): Change | null {
  const olds = pair.old.map((x) => pa.blocks[x]!)
  const news = pair.new.map((y) => pb.blocks[y]!)
  const words = _pairWords(pair, pa, pb, ctx, cache)
  const oldText = olds.map((info) => info.text).join(' ')
  const newText = news.map((info) => info.text).join(' ')
  const sameShape =
    olds.length === 1 && news.length === 1 && olds[0]!.block.kind === news[0]!.block.kind && olds[0]!.block.level === news[0]!.block.level
  let kind: Change['kind'] = 'changed'
  let noise = false
  let uncertain = false
  if (pair.moved) kind = 'moved'
  if (words.realHunks > 0) uncertain = words.uncertain
  else if (!pair.moved) {
    if (words.hunks === 0 && oldText === newText && sameShape) return null
    // Case, accents, punctuation, a split paragraph or lost bullet markup only.
    noise = true
  }
  const change: Change = {
    kind,
    section: { old: _sectionTitle(pa, pair.old[0]!), new: _sectionTitle(pb, pair.new[0]!) },
    old: oldText,
    new: newText,
    noise,
    uncertain,
    words: words.ops,
  }
  const oldPlace = _placeOfBlocks(olds)
  const newPlace = _placeOfBlocks(news)
  if (oldPlace) change.oldPlace = oldPlace
  if (newPlace) change.newPlace = newPlace
  return change
}
