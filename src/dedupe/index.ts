// Copies and versions in a release: which documents are the same, which copy
// is best, what the copies agree on, what each copy adds, and which documents
// are successive versions of one decision track.
//
// 1. Exact copies share the hash of their folded word sequence.
// 2. Near copies are proposed by MinHash/LSH over folded word 2-grams
//    (minhash.ts) and verified by a word alignment (align.ts): the similarity
//    is the share of words on both sides that found their word.
// 3. A verified pair is a copy when the similarity reaches `threshold` and the
//    metadata do not contradict it (two certain dates that differ make
//    versions, not copies; so do two references or kinds that differ). A copy
//    missing its first page (no title or date) is judged by containment.
//    Pairs are merged most similar first, and never into a group whose
//    metadata they contradict: first the documents with a date; then each
//    document without one (a copy that lost its first page) joins the group
//    that holds its text best, only when no other version holds it as well
//    (the sentence two versions differ in may be on the lost page); then the
//    documents without a date among themselves. A copy without a date cannot
//    bridge two versions.
// 4. Per group: the canonical copy (least estimated damage), the consensus
//    text and metadata, and what each copy adds (consensus.ts).
// 5. Version chains between groups and single documents (versions.ts).
// Everything runs on documents sorted by id and content, so the result does
// not depend on the input order.
import type { Block, Document, Group, Issue, Metadata, VersionChain } from '../types.js'
import { _expectKnownOptions } from '../issue.js'
import { blocksToText } from '../parse/markdown.js'
import { loadLexicon } from '../correct/lexicon.js'
import { alignKeys, alignmentSimilarity, keySimilarity, type AlignColumn } from './align.js'
import { buildConsensus, type Member } from './consensus.js'
import { MAX_BUCKET, candidatePairs, dropStopShingles, shingleHashes, signature } from './minhash.js'
import { MAX_TOKENS, documentBlocks, flattenTokens, foldWord, hashString, mix32 } from './normalize.js'
import { DAMAGE_FIELDS, describeDamage, estimateDamage, wordQuality, type WordList } from './quality.js'
import { _versionCompatible, buildChains, foldSender, isStageWord, referencedDates, sameSender, sameStages, stemOverlap, titleStem, versionEvidence, type VersionLink, type VersionNode } from './versions.js'

export { foldWord } from './normalize.js'
export { alignKeys, alignmentSimilarity } from './align.js'
export type { WordList } from './quality.js'

export interface DedupeOptions {
  /** Minimum word-alignment similarity (0-1) for two documents to be copies. Default 0.6. */
  threshold?: number
  /** Minimum similarity that alone links two documents with different dates as versions. Default 0.5. */
  versionSimilarity?: number
  /** Lexicon for the vote and the damage estimate. Default: the shipped Dutch lexicon. */
  lexicon?: WordList
}

export interface DedupeResult {
  groups: Group[]
  versions: VersionChain[]
  /** The input documents in input order, with `copyOf` set and metadata filled from their group. */
  documents: Document[]
  /** Consensus blocks of each group, by canonical id (the markdown of the group renders from them). */
  consensus: Map<string, Block[]>
  issues: Issue[]
}

export const DEFAULT_THRESHOLD = 0.6
export const DEFAULT_VERSION_SIMILARITY = 0.5
/** A copy judged by containment must hold at least this share of the other's words. */
const MIN_PARTIAL = 0.25
/** Scores this close count as a tie between two candidate groups of a copy without a date. */
const AMBIGUOUS_MARGIN = 0.05

interface Item {
  input: number
  doc: Document
  blocks: Block[]
  keys: string[]
  /** Hash of the folded words (empty keys left out): the exact-duplicate key, confirmed by comparing the keys. */
  exact: number
}

interface PairResult {
  i: number
  j: number
  similarity: number
  containment: number
  /** Words in runs of EXTRA_RUN or more that one side has and the other lacks, inside the stretch both cover. */
  extra: number
  /** Of those, the positions on each side (kept only for pairs with a document without a date, see _attachUndated). */
  extraA?: number[]
  extraB?: number[]
  /** Share of the matched words read differently on the two sides (kept with extraA): how poorly the copies are read. */
  readings?: number
}

/** A run of this many unmatched words is text, not OCR noise (which damages words one or two at a time). */
const EXTRA_RUN = 4

/** Group copies, choose canonical copies, build consensus text and metadata, find version chains. */
export function dedupe(documents: Document[], options: DedupeOptions = {}): DedupeResult {
  if (!Array.isArray(documents)) throw new TypeError(`Expected \`documents\` to be an array, got \`${typeof documents}\``)
  _expectKnownOptions(options, ['threshold', 'versionSimilarity', 'lexicon'], 'dedupe')
  for (const name of ['threshold', 'versionSimilarity'] as const) {
    const value = options[name]
    if (value !== undefined && (typeof value !== 'number' || !(value > 0 && value <= 1))) {
      throw new TypeError(`Expected \`${name}\` to be a number in (0, 1], got \`${String(value)}\``)
    }
  }
  documents.forEach((doc, i) => {
    if (typeof doc !== 'object' || doc === null || typeof doc.id !== 'string' || !Array.isArray(doc.blocks)) {
      throw new TypeError(`Expected \`documents[${i}]\` to be a Document`)
    }
  })
  const threshold = options.threshold ?? DEFAULT_THRESHOLD
  const versionSimilarity = options.versionSimilarity ?? DEFAULT_VERSION_SIMILARITY
  const lexicon = options.lexicon ?? loadLexicon()
  const issues: Issue[] = []

  const items = _prepare(documents)
  // Each document's own facts (date, reference, kind, title, sender), read once for every pair that asks.
  const facts = items.map((item) => _facts(item.doc))
  const pairs = _verifiedPairs(items, facts)
  const clusters = _cluster(items, facts, pairs, threshold)

  const groups: Group[] = []
  const consensus = new Map<string, Block[]>()
  const canonicalOf = new Map<number, number>() // item -> canonical item
  const filled = new Map<number, { metadata: Metadata; uncertain: string[] }>()
  const nodes: VersionNode[] = []
  const nodeOf = new Map<number, number>() // item -> version node
  for (const cluster of clusters) {
    if (cluster.length === 1) {
      const item = items[cluster[0]!]!
      nodeOf.set(cluster[0]!, nodes.length)
      nodes.push(_node(item.doc.id, item.doc.metadata, blocksToText(item.blocks)))
      continue
    }
    const { group, blocks, ranked, metadata, changes } = _group(items, cluster, lexicon, issues)
    groups.push(group)
    consensus.set(group.canonical, blocks)
    for (const x of cluster) {
      canonicalOf.set(x, ranked[0]!)
      nodeOf.set(x, nodes.length)
    }
    for (const [x, change] of changes) filled.set(x, change)
    nodes.push(_node(group.canonical, metadata, group.text))
  }
  groups.sort((p, q) => (p.canonical < q.canonical ? -1 : p.canonical > q.canonical ? 1 : 0))

  const versions = _versions(nodes, nodeOf, pairs, versionSimilarity)

  const outDocs: Document[] = new Array(documents.length)
  items.forEach((item, x) => {
    const canonical = canonicalOf.get(x)
    const change = filled.get(x)
    outDocs[item.input] = {
      ...item.doc,
      metadata: change ? change.metadata : item.doc.metadata,
      uncertain: change ? change.uncertain : item.doc.uncertain,
      copyOf: canonical === undefined || canonical === x ? item.doc.copyOf : items[canonical]!.doc.id,
    }
  })
  issues.sort((p, q) => (p.page ?? -1) - (q.page ?? -1) || (p.message < q.message ? -1 : p.message > q.message ? 1 : 0))
  return { groups, versions, documents: outDocs, consensus, issues }
}

/** Documents with their body words, sorted by id, then content: the order everything else runs in. */
function _prepare(documents: Document[]): Item[] {
  const items: Item[] = documents.map((doc, input) => {
    const blocks = documentBlocks(doc)
    // Only the keys are kept for every document; tokens are rebuilt for the members of a group.
    const keys: string[] = []
    for (const block of blocks) for (const token of block.tokens) if (keys.length < MAX_TOKENS) keys.push(foldWord(token.text))
    let exact = 0x811c9dc5
    for (const key of keys) if (key !== '') exact = mix32(exact ^ hashString(key))
    return { input, doc, blocks, keys, exact }
  })
  const tie = (x: Item): string => `${x.exact} ${JSON.stringify(x.doc.metadata)} ${blocksToText(x.blocks)} ${JSON.stringify(x.doc.annotations)}`
  items.sort((x, y) => {
    if (x.doc.id !== y.doc.id) return x.doc.id < y.doc.id ? -1 : 1
    const tx = tie(x)
    const ty = tie(y)
    return tx < ty ? -1 : tx > ty ? 1 : 0
  })
  return items
}

/** Candidate pairs (exact copies and LSH candidates), each verified by a word alignment. */
function _verifiedPairs(items: Item[], facts: ClusterFacts[]): PairResult[] {
  const out: PairResult[] = []
  const seen = new Set<number>()
  const n = items.length
  const byExact = new Map<number, number[]>()
  items.forEach((item, x) => {
    if (!item.keys.some((k) => k !== '')) return
    const list = byExact.get(item.exact) ?? []
    list.push(x)
    byExact.set(item.exact, list)
  })
  const same = (x: number, y: number): boolean => {
    const a = items[x]!.keys.filter((k) => k !== '')
    const b = items[y]!.keys.filter((k) => k !== '')
    return a.length === b.length && a.every((k, i) => k === b[i])
  }
  const exact = (i: number, j: number): void => {
    if (!same(i, j)) return
    seen.add(i * n + j)
    out.push({ i, j, similarity: 1, containment: 1, extra: 0 })
  }
  for (const list of byExact.values()) {
    if (list.length <= MAX_BUCKET) {
      for (let p = 0; p < list.length; p++) for (let q = p + 1; q < list.length; q++) exact(list[p]!, list[q]!)
      continue
    }
    // Thousands of one text (mails from one template): every pair would be millions. Documents whose
    // facts agree (one sender, date, reference) are paired in full, up to the bucket size; the first
    // of each kind of facts stands for it among the others.
    const byFacts = new Map<string, number[]>()
    for (const x of list) {
      const f = facts[x]!
      const key = `${f.kind}|${f.date?.iso}|${f.reference}|${f.from}`
      const sub = byFacts.get(key) ?? []
      sub.push(x)
      byFacts.set(key, sub)
    }
    const heads: number[] = []
    for (const sub of byFacts.values()) {
      heads.push(sub[0]!)
      if (sub.length <= MAX_BUCKET) for (let p = 0; p < sub.length; p++) for (let q = p + 1; q < sub.length; q++) exact(sub[p]!, sub[q]!)
      else for (let p = 1; p < sub.length; p++) exact(sub[0]!, sub[p]!)
    }
    heads.sort((a, b) => a - b)
    for (let p = 1; p < heads.length; p++) exact(heads[p - 1]!, heads[p]!)
  }
  const signatures = dropStopShingles(items.map((item) => shingleHashes(item.keys))).map(signature)
  for (const [i, j] of candidatePairs(signatures)) {
    if (seen.has(i * n + j)) continue
    const a = items[i]!.keys
    const b = items[j]!.keys
    const columns = alignKeys(a, b)
    const dateA = items[i]!.doc.metadata.date !== null
    const dateB = items[j]!.doc.metadata.date !== null
    const extra = _extraText(columns, a, b, dateA && !dateB ? 'a' : dateB && !dateA ? 'b' : null)
    const pair: PairResult = { i, j, similarity: alignmentSimilarity(a, b, columns), containment: _containment(a, b, columns), extra: extra.a.length + extra.b.length }
    if (items[i]!.doc.metadata.date === null || items[j]!.doc.metadata.date === null) {
      pair.extraA = extra.a
      pair.extraB = extra.b
      pair.readings = _readings(a, b, columns)
    }
    out.push(pair)
  }
  return out
}

/** Words of one side compared with the end of a gap, and which of them stand there. */
interface Compared {
  side: 'a' | 'b'
  words: number[]
  found: boolean[]
}

/**
 * Words in long unmatched runs inside the stretch both texts cover: text one
 * side adds (positions on side a and on side b). Only words count: a token
 * that is pure punctuation (an empty key) is no text.
 *
 * A copy loses pages at its start (a copy without a date lost its first
 * page), so the stretch begins where both texts do: at the latest gap where
 * one side has a run of text (a lost page) and the other side next to none,
 * and more than all the words matched since the stretch began. The words the
 * short side has before such a gap were matched inside the lost page (`met
 * deze nota leggen wij u` of a lost first page against the first sentence of
 * the full copy) only when they stand again at the end of the gap, where the
 * texts meet, or are too few to tell; otherwise the gap is text that one side
 * adds (a sentence a version has after a first sentence both share). Both
 * texts end where the document ends, so nothing is cut at the end: the stretch
 * runs to the end of both texts, and a sentence one version adds at or near
 * its end (before a short table) is text that version adds.
 *
 * `whole` names a side that has its first page while the other lost it (a
 * dated copy against one without a date): the other side's words before the
 * stretch are text too, unless they stand where the texts meet on the whole
 * side (just before the first matched word, or at the end of the gap cut).
 * Exported for tests.
 */
export function _extraText(columns: AlignColumn[], keysA: string[], keysB: string[], whole: 'a' | 'b' | null = null): { a: number[]; b: number[] } {
  // Matched runs as [first column, end column), in order.
  const runs: Array<[number, number]> = []
  columns.forEach((column, k) => {
    if (!column.match) return
    const last = runs[runs.length - 1]
    if (last && last[1] === k) last[1] = k + 1
    else runs.push([k, k + 1])
  })
  const a: number[] = []
  const b: number[] = []
  if (runs.length === 0) return { a, b }
  const wordsOf = (side: 'a' | 'b', from: number, to: number): number[] => {
    const keys = side === 'a' ? keysA : keysB
    const out: number[] = []
    for (let k = from; k < to; k++) for (const x of side === 'a' ? columns[k]!.a : columns[k]!.b) if (keys[x] !== '') out.push(x)
    return out
  }
  const keyOf = (side: 'a' | 'b', x: number): string => (side === 'a' ? keysA : keysB)[x]!
  // Which of the short side's `words` the alignment finds among the long side's `window`.
  const standing = (short: 'a' | 'b', words: number[], window: number[]): boolean[] => {
    const long = short === 'a' ? 'b' : 'a'
    const found = new Array<boolean>(words.length).fill(false)
    const columns = alignKeys(words.map((x) => keyOf(short, x)), window.map((y) => keyOf(long, y)))
    for (const column of columns) if (column.match) for (const i of column.a) found[i] = true
    return found
  }
  let lo = 0
  let since = runs[0]![1] - runs[0]![0]
  // The short side's words compared at the latest cut, and which of them stand at the end of the gap.
  let compared: Compared | null = null
  for (let r = 1; r < runs.length; r++) {
    const gapA = wordsOf('a', runs[r - 1]![1], runs[r]![0])
    const gapB = wordsOf('b', runs[r - 1]![1], runs[r]![0])
    const longSide = gapA.length >= gapB.length ? 'a' : 'b'
    const gapLong = longSide === 'a' ? gapA : gapB
    const few = Math.min(gapA.length, gapB.length)
    let cut = gapLong.length >= EXTRA_RUN && gapLong.length > since && (few <= since || few < EXTRA_RUN)
    let check: Compared | null = null
    if (cut) {
      const short = longSide === 'a' ? 'b' : 'a'
      const before = wordsOf(short, 0, runs[r - 1]![1])
      const k = Math.min(before.length, gapLong.length)
      if (k >= EXTRA_RUN) {
        const words = before.slice(before.length - k)
        const found = standing(short, words, gapLong.slice(Math.max(0, gapLong.length - k - EXTRA_RUN)))
        cut = 2 * found.filter(Boolean).length >= k
        check = { side: short, words, found }
      }
    }
    if (cut) {
      lo = r
      since = 0
      compared = check
    }
    since += runs[r]![1] - runs[r]![0]
  }
  let runA: number[] = []
  let runB: number[] = []
  const close = (): void => {
    if (runA.length >= EXTRA_RUN) a.push(...runA)
    if (runB.length >= EXTRA_RUN) b.push(...runB)
    runA = []
    runB = []
  }
  // Runs of `words` that do not stand where the texts meet (`found` false) are text that side has.
  const unfound = (side: 'a' | 'b', words: number[], found: boolean[]): void => {
    words.forEach((x, i) => {
      if (found[i]) close()
      else (side === 'a' ? runA : runB).push(x)
    })
    close()
  }
  // Before the first matched word: the words of the side that lost its first page, which the whole side should hold.
  if (whole !== null && lo === 0) {
    const part = whole === 'a' ? 'b' : 'a'
    const lead = wordsOf(part, 0, runs[0]![0])
    const window = wordsOf(whole, 0, runs[0]![0])
    unfound(part, lead, standing(part, lead, window.slice(Math.max(0, window.length - lead.length - EXTRA_RUN))))
  }
  // Before a cut: the words of that side that do not stand where the texts meet (a sentence its version adds there).
  if (whole !== null && lo > 0 && compared !== null && compared.side !== whole) unfound(compared.side, compared.words, compared.found)
  for (let k = runs[lo]![0]; k < columns.length; k++) {
    const column = columns[k]!
    if (column.match) {
      close()
      continue
    }
    runA.push(...column.a.filter((i) => keysA[i] !== ''))
    runB.push(...column.b.filter((j) => keysB[j] !== ''))
  }
  close()
  return { a, b }
}

/** Share of the matched columns whose words are different readings (OCR damage on either side). */
function _readings(a: string[], b: string[], columns: AlignColumn[]): number {
  let matched = 0
  let differ = 0
  for (const column of columns) {
    if (!column.match) continue
    matched++
    if (column.a.length !== 1 || column.b.length !== 1 || a[column.a[0]!] !== b[column.b[0]!]) differ++
  }
  return matched === 0 ? 1 : differ / matched
}

/** Share of the shorter text's words that found their word in the longer. */
function _containment(a: string[], b: string[], columns: AlignColumn[]): number {
  let matchedA = 0
  let matchedB = 0
  for (const column of columns) {
    if (!column.match) continue
    for (const i of column.a) if (a[i] !== '') matchedA++
    for (const j of column.b) if (b[j] !== '') matchedB++
  }
  const na = a.filter((k) => k !== '').length
  const nb = b.filter((k) => k !== '').length
  if (na === 0 || nb === 0) return 0
  return na <= nb ? matchedA / na : matchedB / nb
}

function _normRef(ref: string): string {
  return ref.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
}

/** Two references agree when one is the other or a prefix of it (the rest redacted). */
function _refsAgree(a: string, b: string): boolean {
  const x = _normRef(a)
  const y = _normRef(b)
  return x.startsWith(y) || y.startsWith(x)
}

interface ClusterFacts {
  /** ISO date, and whether it was read through OCR damage. */
  date: { iso: string; uncertain: boolean } | null
  reference: string | null
  kind: string | null
  /** Folded title words. */
  title: string[] | null
  /** Folded sender of a mail, memo or letter (null where not printed or blacked out). */
  from: string | null
}

function _facts(doc: Document): ClusterFacts {
  const title = doc.metadata.title && !doc.uncertain.includes('title') ? doc.metadata.title.split(/\s+/).map(foldWord).filter(Boolean) : null
  return {
    date: doc.metadata.date ? { iso: doc.metadata.date, uncertain: doc.uncertain.includes('date') } : null,
    reference: doc.metadata.reference && !doc.uncertain.includes('reference') ? doc.metadata.reference : null,
    kind: doc.metadata.kind === 'other' ? null : doc.metadata.kind,
    title: title && title.length >= 2 ? title : null,
    from: foldSender(doc.metadata.from),
  }
}

/**
 * Dates of two copies agree when equal; a date read through OCR damage also
 * agrees with one that differs from it in a single character (`13` for `19`).
 */
function _datesAgree(a: ClusterFacts['date'], b: ClusterFacts['date']): boolean {
  if (a === null || b === null || a.iso === b.iso) return true
  if (!a.uncertain && !b.uncertain) return false
  if (a.iso.length !== b.iso.length) return false
  let differ = 0
  for (let i = 0; i < a.iso.length; i++) if (a.iso[i] !== b.iso[i]) differ++
  return differ <= 1
}

/**
 * Titles of copies are one title read twice: most words match (as OCR
 * readings), and no word that names a stage (Concept, Aanpassingen) stands in
 * one title only.
 */
function _titlesAgree(a: string[] | null, b: string[] | null): boolean {
  if (a === null || b === null) return true
  // OCR split or merged words (`Reactiecompensatieregeling` against `React1e compensatieregeling`,
  // `uitre kening` against `uitrekening`, which reads like the stage word `uitwerking`): titles that,
  // their words joined, read alike and name the same stages are one title, whatever words pair up.
  const joinedA = a.join('')
  const joinedB = b.join('')
  if (keySimilarity(joinedA, joinedB) >= 0.9 && sameStages(joinedA, joinedB)) return true
  const { shared, unmatchedA, unmatchedB } = stemOverlap(a, b)
  // Words OCR merged or split (`Vervolgsamensmelting`): the rest, joined, is one reading of the other.
  if (unmatchedA.length > 0 && unmatchedB.length > 0 && keySimilarity(unmatchedA.join(''), unmatchedB.join('')) >= 0.75) return true
  if (shared < 0.6 * Math.max(a.length, b.length)) {
    // OCR merged words (`Sporenplanover degoedwillendheid`) and a near miss took a wrong partner
    // (`sporenplanover` for `sporenplan`): the titles, each joined, are one reading, and name the same
    // stages (`Vervolgsporenplan` is another stage of the track, also with the words merged).
    return keySimilarity(joinedA, joinedB) >= 0.75 && sameStages(joinedA, joinedB)
  }
  return ![...unmatchedA, ...unmatchedB].some(isStageWord)
}

/** Why two sets of facts cannot describe copies of one document, or null. */
function _conflict(a: ClusterFacts, b: ClusterFacts): string | null {
  if (a.kind !== null && b.kind !== null && a.kind !== b.kind) return 'kind'
  if (!_datesAgree(a.date, b.date)) return 'date'
  if (a.reference !== null && b.reference !== null && !_refsAgree(a.reference, b.reference)) return 'reference'
  if (!_titlesAgree(a.title, b.title)) return 'title'
  // Mails from two senders are two mails, however alike their text (one template, a petition).
  if (!sameSender(a.from, b.from)) return 'from'
  return null
}

/**
 * Groups of copies (indexes into items), in three steps, each by constrained
 * merging (never into a group whose metadata a pair contradicts):
 * 1. documents with a date, by their copy pairs, most similar first;
 * 2. each document without a date (mostly a copy that lost its first page,
 *    and with it the title and date) joins the group of dated copies that
 *    holds its text best, when that is unambiguous (_attachUndated);
 * 3. documents without a date among themselves, most similar first. Two that
 *    differ by a run of text (a sentence one version adds) do not merge when
 *    the merge would take one of them into a dated group: a copy left out in
 *    step 2 cannot be carried into a version by a look-alike of another version.
 */
function _cluster(items: Item[], own: ClusterFacts[], pairs: PairResult[], threshold: number): number[][] {
  const copies: Array<{ i: number; j: number; score: number; extra: number }> = []
  for (const pair of pairs) {
    const a = items[pair.i]!
    const b = items[pair.j]!
    let score = pair.similarity
    // A copy without its first page (no title or date) holds part of the other: judge it by containment.
    const partial = a.doc.metadata.date === null || b.doc.metadata.date === null || a.doc.metadata.title === null || b.doc.metadata.title === null
    const na = a.keys.length
    const nb = b.keys.length
    if (partial && Math.min(na, nb) >= MIN_PARTIAL * Math.max(na, nb)) score = Math.max(score, pair.containment)
    if (score < threshold) continue
    if (_conflict(own[pair.i]!, own[pair.j]!) !== null) continue
    copies.push({ i: pair.i, j: pair.j, score, extra: pair.extra })
  }
  copies.sort((p, q) => q.score - p.score || p.i - q.i || p.j - q.j)
  const parent = items.map((_, x) => x)
  const facts = own.slice()
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!
      x = parent[x]!
    }
    return x
  }
  const unite = (i: number, j: number): void => {
    const x = find(i)
    const y = find(j)
    if (x === y) return
    const fx = facts[x]!
    const fy = facts[y]!
    if (_conflict(fx, fy) !== null) return
    const root = Math.min(x, y)
    parent[Math.max(x, y)] = root
    facts[root] = {
      date: fx.date && !fx.date.uncertain ? fx.date : fy.date && !fy.date.uncertain ? fy.date : fx.date ?? fy.date,
      title: fx.title ?? fy.title,
      reference: fx.reference !== null && fy.reference !== null ? (fx.reference.length >= fy.reference.length ? fx.reference : fy.reference) : fx.reference ?? fy.reference,
      kind: fx.kind ?? fy.kind,
      from: fx.from ?? fy.from,
    }
  }
  const dated = (x: number): boolean => items[x]!.doc.metadata.date !== null
  for (const { i, j } of copies) if (dated(i) && dated(j)) unite(i, j)
  for (const [x, roots] of _attachUndated(pairs, copies, dated, find, facts)) for (const root of roots) unite(x, root)
  for (const { i, j, extra } of copies) {
    if (dated(i) || dated(j)) continue
    const x = find(i)
    const y = find(j)
    if (x === y) continue
    if (extra >= EXTRA_RUN && (facts[x]!.date !== null || facts[y]!.date !== null)) continue
    unite(i, j)
  }
  const clusters = new Map<number, number[]>()
  items.forEach((_, x) => {
    const root = find(x)
    const list = clusters.get(root) ?? []
    list.push(x)
    clusters.set(root, list)
  })
  return [...clusters.values()]
}

/**
 * Which groups of dated copies each document without a date joins (by the
 * groups' roots). Its evidence for a group: the least text a member and it do
 * not share inside the stretch both cover (`extra`: a sentence one version
 * adds, in whichever of the two it stands; OCR noise alone leaves none), then
 * the best score of a member (for a copy that lost its first page: the share
 * of its words the member holds). Text the document has that a group lacks
 * counts only where every member lacks it (one copy's lost line is no
 * evidence); text a group has that the document lacks is read from the
 * group's best-read copy. The group with the best evidence wins when every
 * rival (a group that contradicts it: another version, with another date or
 * title) is clearly behind: by a run of extra text, or by a score lower by
 * more than the ambiguity margin plus what OCR damage of the rival's
 * best-read copy accounts for. A rival as good means the sentence the
 * versions differ in may be on the lost page: the document joins none (step 3
 * may still make it a copy of other documents without a date). Groups that
 * do not contradict the winner are joined as well (one document the first
 * step left in two groups).
 */
function _attachUndated(
  pairs: PairResult[],
  copies: Array<{ i: number; j: number; score: number; extra: number }>,
  dated: (x: number) => boolean,
  find: (x: number) => number,
  facts: ClusterFacts[],
): Map<number, number[]> {
  const isCopy = new Map<string, number>()
  for (const { i, j, score } of copies) isCopy.set(`${i} ${j}`, score)
  // Per document without a date, per group: the best score, the least text a member has that it
  // lacks, and the positions of its own text that each member lacks (lacking in every member
  // reads as text the version lacks; lacking in one copy only is that copy's loss).
  interface Evidence { score: number; lacks: number; readings: number; members: number; missing: Map<number, number> }
  const evidence = new Map<number, Map<number, Evidence>>()
  for (const pair of pairs) {
    const score = isCopy.get(`${pair.i} ${pair.j}`)
    if (score === undefined) continue
    for (const [x, y, own, other] of [[pair.i, pair.j, pair.extraA, pair.extraB], [pair.j, pair.i, pair.extraB, pair.extraA]] as const) {
      if (dated(x) || !dated(y)) continue
      const root = find(y)
      const byRoot = evidence.get(x) ?? new Map<number, Evidence>()
      evidence.set(x, byRoot)
      let e = byRoot.get(root)
      if (!e) {
        e = { score, lacks: 0, readings: Infinity, members: 0, missing: new Map() }
        byRoot.set(root, e)
      }
      e.score = Math.max(e.score, score)
      // The text a version has and the document lacks is read from its best-read copy: a poor scan loses lines.
      const readings = pair.readings ?? 0
      if (readings < e.readings) {
        e.readings = readings
        e.lacks = other?.length ?? 0
      }
      e.members++
      for (const position of own ?? []) e.missing.set(position, (e.missing.get(position) ?? 0) + 1)
    }
  }
  const out = new Map<number, number[]>()
  for (const x of [...evidence.keys()].sort((p, q) => p - q)) {
    const list = [...evidence.get(x)!].map(([root, e]) => {
      let missing = 0
      for (const count of e.missing.values()) if (count === e.members) missing++
      return { root, score: e.score, extra: e.lacks + missing, readings: e.readings }
    })
    list.sort((p, q) => p.extra - q.extra || q.score - p.score || p.root - q.root)
    const best = list[0]!
    const join = [best.root]
    let ambiguous = false
    for (const other of list.slice(1)) {
      if (_conflict(facts[best.root]!, facts[other.root]!) === null) {
        join.push(other.root)
        continue
      }
      // Clearly behind: clearly less of the document's words than OCR damage of its best-read copy
      // (the share of words read differently) accounts for; or a run of text more that one of the two
      // lacks, without holding clearly more of the words.
      const scoreBehind = best.score - other.score > AMBIGUOUS_MARGIN + other.readings
      const scoreAhead = other.score - best.score > AMBIGUOUS_MARGIN + best.readings
      if (!scoreBehind && (other.extra - best.extra < EXTRA_RUN || scoreAhead)) ambiguous = true
    }
    if (!ambiguous) out.set(x, join)
  }
  return out
}

/** One group: canonical copy, consensus, metadata, additions, and the metadata each member gets. */
function _group(items: Item[], cluster: number[], lexicon: WordList, issues: Issue[]) {
  const longest = Math.max(...cluster.map((x) => items[x]!.keys.length))
  const knownFields = new Set<string>()
  for (const x of cluster) for (const field of DAMAGE_FIELDS) if (items[x]!.doc.metadata[field] !== null) knownFields.add(field)
  const tokens = new Map(cluster.map((x) => [x, flattenTokens(items[x]!.blocks)]))
  const damage = new Map(cluster.map((x) => [x, estimateDamage(items[x]!.doc, tokens.get(x)!, lexicon, longest, knownFields)]))
  const ranked = [...cluster].sort((x, y) => damage.get(x)!.score - damage.get(y)!.score || x - y)
  const members: Member[] = ranked.map((x) => ({
    doc: items[x]!.doc, blocks: items[x]!.blocks, tokens: tokens.get(x)!,
    weight: Math.min(1, Math.max(0.5, 1 - damage.get(x)!.score)),
  }))
  const result = buildConsensus(members, lexicon)
  const canonical = items[ranked[0]!]!.doc
  const best = damage.get(ranked[0]!)!
  const runnerUp = damage.get(ranked[1]!)!
  const reason =
    `least estimated damage (${best.score.toFixed(3)}: ${describeDamage(best)}); ` +
    `next best copy ${runnerUp.score.toFixed(3)}: ${describeDamage(runnerUp)}`
  const { metadata, changes } = _metadata(items, ranked, lexicon, issues)
  const group: Group = {
    canonical: canonical.id,
    members: ranked.map((x) => items[x]!.doc.id).sort(),
    similarity: Math.round(Math.min(...result.similarities) * 1000) / 1000,
    metadata,
    text: result.text,
    sources: result.sources,
    reason,
    additions: result.additions,
  }
  return { group, blocks: result.blocks, ranked, metadata, changes }
}

const FIELDS: Array<keyof Metadata> = ['kind', 'title', 'to', 'date', 'organisation', 'directorate', 'reference', 'status', 'attachments_count', 'from', 'subject']

/**
 * Consensus metadata: per field, the value most copies read (a certain read
 * counts more than an uncertain one; ties go to the better printed value, then
 * the canonical copy). Fills what a copy lacks and corrects what it misread.
 */
function _metadata(items: Item[], ranked: number[], lexicon: WordList, issues: Issue[]) {
  const metadata = { ...items[ranked[0]!]!.doc.metadata }
  for (const field of FIELDS) {
    const votes = new Map<string, { score: number; value: Metadata[keyof Metadata]; rank: number }>()
    ranked.forEach((x, rank) => {
      const doc = items[x]!.doc
      const value = doc.metadata[field]
      if (value === null || value === undefined || (field === 'kind' && value === 'other')) return
      const key = typeof value === 'string' ? value.split(/\s+/).map(foldWord).join(' ') : String(value)
      const text = String(value)
      const quality = text.split(/\s+/).reduce((sum, w) => sum + wordQuality(w, lexicon), 0) / Math.max(1, text.split(/\s+/).length)
      const weight = (doc.uncertain.includes(field) ? 0.5 : 1) + 0.1 * quality
      const vote = votes.get(key)
      if (!vote) votes.set(key, { score: weight, value, rank })
      else {
        vote.score += weight
        // Keep the best printed form of one key.
        if (typeof value === 'string' && typeof vote.value === 'string' && quality > _quality(vote.value, lexicon)) vote.value = value
      }
    })
    let best: { score: number; value: Metadata[keyof Metadata]; rank: number } | null = null
    for (const vote of votes.values()) if (!best || vote.score > best.score + 1e-9 || (Math.abs(vote.score - best.score) <= 1e-9 && vote.rank < best.rank)) best = vote
    if (best) (metadata as Record<string, unknown>)[field] = best.value
  }
  const changes = new Map<number, { metadata: Metadata; uncertain: string[] }>()
  const source = items[ranked[0]!]!.doc.id
  for (const x of ranked) {
    const doc = items[x]!.doc
    const next = { ...doc.metadata }
    let uncertain = [...doc.uncertain]
    let changed = false
    for (const field of FIELDS) {
      const mine = doc.metadata[field]
      const agreed = metadata[field]
      if (agreed === null || agreed === undefined || mine === agreed) continue
      if (field === 'kind' && agreed === 'other') continue
      if (field === 'kind' && mine !== 'other') continue
      ;(next as Record<string, unknown>)[field] = agreed
      uncertain = uncertain.filter((f) => f !== field)
      changed = true
      const filledIn = mine === null || (field === 'kind' && mine === 'other')
      const issue: Issue = {
        severity: filledIn ? 'info' : 'warning',
        source: 'dedupe',
        ruleId: filledIn ? 'metadata-from-copy' : 'metadata-corrected-from-copy',
        message: filledIn
          ? `${doc.id}: ${field} filled from the consensus of its copies (canonical ${source})`
          : `${doc.id}: ${field} corrected from the consensus of its copies (canonical ${source})`,
        expected: [String(agreed)],
      }
      // The document's first page places the issue; ids can change after dedupe (they depend on metadata).
      if (doc.pages.length > 0) issue.page = doc.pages[0]!
      if (mine !== null) issue.actual = String(mine)
      issues.push(issue)
    }
    if (changed) changes.set(x, { metadata: next, uncertain })
  }
  return { metadata, changes }
}

function _quality(text: string, lexicon: WordList): number {
  const words = text.split(/\s+/)
  return words.reduce((sum, w) => sum + wordQuality(w, lexicon), 0) / Math.max(1, words.length)
}

/** A version node: what the chain search needs of a document or group, without keeping its text. */
function _node(id: string, metadata: Metadata, text: string): VersionNode {
  return { id, metadata, references: metadata.date ? referencedDates(text, metadata.date) : [] }
}

/** Version links between nodes: verified text pairs, shared title words, and explicit references by date. */
function _versions(nodes: VersionNode[], nodeOf: Map<number, number>, pairs: PairResult[], versionSimilarity: number): VersionChain[] {
  const similarity = new Map<number, number>()
  const n = nodes.length
  const code = (x: number, y: number): number => Math.min(x, y) * n + Math.max(x, y)
  for (const pair of pairs) {
    const x = nodeOf.get(pair.i)!
    const y = nodeOf.get(pair.j)!
    if (x === y) continue
    const c = code(x, y)
    similarity.set(c, Math.max(similarity.get(c) ?? 0, pair.similarity))
  }
  const candidates = new Set<number>(similarity.keys())
  // Shared title words: nodes indexed by each stem word (very common words are no evidence by themselves).
  const byWord = new Map<string, number[]>()
  nodes.forEach((node, x) => {
    for (const word of titleStem(node.metadata.title)) {
      const list = byWord.get(word) ?? []
      list.push(x)
      byWord.set(word, list)
    }
  })
  for (const list of byWord.values()) {
    if (list.length > 200) continue
    for (let p = 0; p < list.length; p++) for (let q = p + 1; q < list.length; q++) candidates.add(code(list[p]!, list[q]!))
  }
  // Explicit references: `nota van 19 januari jl.` -> the nodes of that date.
  const byDate = new Map<string, number[]>()
  nodes.forEach((node, x) => {
    if (!node.metadata.date) return
    const list = byDate.get(node.metadata.date) ?? []
    list.push(x)
    byDate.set(node.metadata.date, list)
  })
  // Where several documents of the referenced date fit, the reference counts only for the one whose
  // title shares most with the referring one (then: the most similar text); a tie is no evidence.
  const referenceAllowed = new Set<number>()
  nodes.forEach((node, x) => {
    if (!node.metadata.date) return
    const stem = titleStem(node.metadata.title)
    for (const ref of node.references) {
      const targets = (byDate.get(ref.date) ?? []).filter((y) => y !== x && _versionCompatible(node, nodes[y]!))
      const scored = targets.map((y) => ({ y, stem: stemOverlap(stem, titleStem(nodes[y]!.metadata.title)).jaccard, sim: similarity.get(code(x, y)) ?? 0 }))
      scored.sort((p, q) => q.stem - p.stem || q.sim - p.sim)
      if (scored.length === 0) continue
      if (scored.length > 1 && scored[1]!.stem === scored[0]!.stem && scored[1]!.sim === scored[0]!.sim) continue
      candidates.add(code(x, scored[0]!.y))
      referenceAllowed.add(code(x, scored[0]!.y))
    }
  })
  const links: VersionLink[] = []
  for (const c of [...candidates].sort((p, q) => p - q)) {
    const x = Math.floor(c / n)
    const y = c % n
    const reason = versionEvidence(nodes[x]!, nodes[y]!, similarity.get(c) ?? null, versionSimilarity, referenceAllowed.has(c))
    if (reason !== null) links.push({ from: x, to: y, reason })
  }
  return buildChains(nodes, links)
}
