// Structure from the group: copies of one document lose different marks. One
// scan drops the bullet glyphs of a page, another a heading number; where one
// copy shows a mark the other lost, the copy that lost it takes over the kind,
// level or number the mark fixes. The structural counterpart of the metadata a
// copy takes from its group.
//
// 1. Each copy's words are aligned to each other copy's (align.ts); blocks that
//    share most of their words correspond.
// 2. What each block's kind and level rest on is weighed (src/parse/evidence.ts):
//    a printed glyph, number or known name (strong), a line printed without a
//    glyph among items that show theirs (weak), or layout only (none). A `o`
//    glyph shows a bullet but not its level, which follows the block before.
// 3. A block whose correspondent in another copy rests on stronger evidence
//    takes its kind (and level, where the mark fixes it); a block one copy read
//    as one but another copy prints as two, the second opening with a mark, is
//    split where a line of it starts. A sub-bullet glyph's level is then decided again
//    from the restored block before it, and numbers missing from a numbered
//    series of headings are filled in (src/parse/headings.ts).
// Sources that disagree at the same strength change nothing. Every change is
// listed in one issue per document, and a number inserted as text is a
// correction with an empty `before`.
import type { Block, Correction, Issue, Token } from '../types.js'
import { setShown, shownOf, type Shown } from '../parse/evidence.js'
import { numberHeadingSeries } from '../parse/headings.js'
import { subBulletLevel } from '../normalize/blocks.js'
import { alignKeys } from './align.js'
import { foldWord } from './normalize.js'

export interface StructureCopy {
  id: string
  blocks: Block[]
  /** The copy's stamp (`MAPP`), named in the issue. */
  copy?: string | null
  /** First page of the copy, to place its issue. */
  page?: number
}

export interface StructureOptions {
  /** At most this many other copies are consulted for each copy (the first ones given). Default 8. */
  maxSources?: number
}

export interface Restoration {
  document: string
  /** The copy the structure came from; null for a consequence in the copy itself (a level, a series number). */
  from: string | null
  /** Index of the block in the copy's new blocks. */
  block: number
  text: string
  before: string
  after: string
  reason: string
}

export interface StructureResult {
  /** Blocks of each copy, in the order given (a copy nothing changed in keeps its array). */
  blocks: Block[][]
  corrections: Correction[]
  issues: Issue[]
  restorations: Restoration[]
}

/** Share of a block's words that must fall in one block of the other copy for the two to correspond. */
const SAME_BLOCK = 0.6
/** Share of a block's words the blocks of the other copy it is split into must cover. */
const SPLIT_COVER = 0.8
const STRONG = 3
const NUMBER = /^\d{1,2}[a-z]?[.)]$/

interface Claim {
  kind: Block['kind']
  level: number
  /** How firmly the scan fixes the kind: 3 a printed mark or name, 1 printed without a glyph among glyphs, 0 layout only. */
  kindStrength: number
  /** How firmly it fixes the level (a `o` glyph does not: its level follows the block before). */
  levelStrength: number
  /** A heading number as printed (not one inserted). */
  marker: Token | null
  shown: Shown | undefined
  reason: string
}

interface FlatRef {
  block: number
  key: string
}

/** Reconcile the block structure of the copies of one document. */
export function reconcileStructure(copies: StructureCopy[], options: StructureOptions = {}): StructureResult {
  const maxSources = options.maxSources ?? 8
  const claims = copies.map((copy) => _claims(copy.blocks))
  const flats = copies.map((copy) => _flatten(copy.blocks))
  const out: StructureResult = { blocks: copies.map((copy) => copy.blocks), corrections: [], issues: [], restorations: [] }
  // Copies that print the same blocks (kind, level, number, length) have nothing to give each other.
  const shape = (blocks: Block[]): string => blocks.map((b) => `${b.kind}:${b.level}:${b.marker ?? ''}:${b.tokens.length}`).join('|')
  const first = copies.length > 0 ? shape(copies[0]!.blocks) : ''
  if (copies.every((copy) => shape(copy.blocks) === first)) return out
  copies.forEach((target, t) => {
    // Blocks given as they are (from markdown, or built by hand) record no evidence: they stay as given.
    if (!target.blocks.some((block) => shownOf(block) !== undefined)) return
    const sources = copies.map((_, s) => s).filter((s) => s !== t && copies[s]!.blocks.length > 0).slice(0, maxSources)
    if (sources.length === 0) return
    // Token maps: target flat token -> source flat token (or -1).
    const maps = sources.map((s) => _tokenMap(flats[t]!, flats[s]!))
    const restorations: Restoration[] = []
    const label = (s: number): string => copies[s]!.id + (copies[s]!.copy ? ` (${copies[s]!.copy})` : '')

    // 1. Splits: a block that a source prints as several, each later one opening with a mark.
    const cuts = new Map<number, string>() // flat token index where a new block starts -> source label
    const parts = new Set<number>() // new blocks split off the block before
    sources.forEach((s, k) => {
      for (const cut of _splits(flats[t]!, flats[s]!, maps[k]!, claims[s]!, copies[t]!)) if (!cuts.has(cut)) cuts.set(cut, label(s))
    })
    const blocks: Block[] = []
    const own: Claim[] = [] // the claim each new block rests on in its own copy
    const blockOf = new Int32Array(flats[t]!.length) // flat token -> new block
    let flat = 0
    target.blocks.forEach((block, b) => {
      let part: Block = _copyBlock(block)
      part.tokens = []
      blocks.push(part)
      own.push(claims[t]![b]!)
      for (let i = 0; i < block.tokens.length; i++, flat++) {
        if (i > 0 && cuts.has(flat) && !block.cells) {
          const from = cuts.get(flat)!
          part = { kind: block.kind, level: block.level, tokens: [] }
          setShown(part, { glyph: 0, by: 'layout', from })
          blocks.push(part)
          own.push({ kind: block.kind, level: block.level, kindStrength: 0, levelStrength: 0, marker: null, shown: shownOf(part), reason: 'layout' })
          parts.add(blocks.length - 1)
        }
        part.tokens.push(block.tokens[i]!)
        blockOf[flat] = blocks.length - 1
      }
    })

    // 2. Kind, level and heading number from the strongest correspondent.
    const changed = new Set<number>()
    // Blocks whose kind changed or whose level rose: a sub-bullet glyph after one follows it (one whose level fell keeps its sub-bullets under it).
    const moved = new Set<number>()
    const pairs = sources.map((s, k) => _pairs(flats[t]!, blockOf, blocks.length, flats[s]!, copies[s]!.blocks.length, maps[k]!))
    blocks.forEach((block, b) => {
      if (block.cells) return
      const mine = own[b]!
      // The strongest claim among the copies; two as strong that disagree leave the block as it is.
      const candidates: Array<{ claim: Claim; source: number }> = []
      sources.forEach((s, k) => {
        const partner = pairs[k]![b]
        if (partner === undefined || partner < 0) return
        const claim = claims[s]![partner]!
        if (claim.kind !== 'table-row') candidates.push({ claim, source: s })
      })
      candidates.sort((x, y) => y.claim.kindStrength - x.claim.kindStrength || y.claim.levelStrength - x.claim.levelStrength)
      const chosen = candidates[0] ?? null
      const conflict = chosen !== null && candidates.some(({ claim }) => claim.kindStrength === chosen.claim.kindStrength &&
        claim.levelStrength === chosen.claim.levelStrength &&
        (claim.kind !== chosen.claim.kind || (claim.levelStrength > 0 && claim.level !== chosen.claim.level)))
      const split = parts.has(b)
      const before = split ? 'part of the block before' : _describe(block)
      if (!chosen || conflict) {
        if (split) restorations.push({ document: target.id, from: shownOf(block)?.from ?? null, block: b, text: _words(block.tokens), before, after: _describe(block), reason: 'the copy prints it apart' })
        return
      }
      const { claim, source } = chosen
      const level = block.level
      if (claim.kindStrength > mine.kindStrength && claim.kind !== block.kind) {
        block.kind = claim.kind
        // A sub-level glyph does not fix the level: it follows the block before, as this copy has it.
        block.level = claim.kind === 'bullet' && claim.levelStrength < STRONG ? subBulletLevel(blocks[b - 1], block.tokens) : claim.level
        if (block.kind !== 'heading' && block.kind !== 'numbered') delete block.marker
      } else if (claim.kind === block.kind && claim.levelStrength > mine.levelStrength && claim.level !== block.level) {
        block.level = claim.level
      }
      if (split || _describe(block) !== before) {
        changed.add(b)
        if (split || block.kind !== mine.kind || block.level > level) moved.add(b)
        setShown(block, { ...(claim.shown ?? { glyph: 0, by: 'layout' }), from: label(source) })
        const reason = split ? `the copy prints it apart, opening with ${claim.reason}` : claim.reason
        restorations.push({ document: target.id, from: label(source), block: b, text: _words(block.tokens), before, after: _describe(block), reason })
      }
      // A heading number one copy prints and this one lost: a token of no width, recorded as a correction.
      if (block.kind === 'heading' && claim.kind === 'heading' && claim.marker && block.tokens.length > 0 && !NUMBER.test(block.tokens[0]!.text)) {
        const first = block.tokens[0]!
        const token: Token = { text: claim.marker.text, page: first.page, start: first.start, end: first.start }
        block.tokens.unshift(token)
        block.marker = token.text
        changed.add(b)
        out.corrections.push({ page: first.page, start: first.start, end: first.start, before: '', after: token.text, rule: 'copy', confidence: 0.9 })
        restorations.push({ document: target.id, from: label(source), block: b, text: _words(block.tokens), before: 'no number', after: `number ${token.text}`, reason: 'the copy prints it' })
      }
    })

    // 3. A sub-bullet glyph's level follows the block before it: decide it again where that block moved.
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b]!
      if (block.kind !== 'bullet' || changed.has(b) || !moved.has(b - 1) || shownOf(block)?.glyph !== 2) continue
      const level = subBulletLevel(blocks[b - 1], block.tokens)
      if (level === block.level) continue
      const before = _describe(block)
      if (level > block.level) moved.add(b)
      block.level = level
      changed.add(b)
      restorations.push({ document: target.id, from: null, block: b, text: _words(block.tokens), before, after: _describe(block), reason: 'its sub-bullet glyph follows the restored block before it' })
    }

    // 4. Heading numbers the series now shows.
    for (const numbered of numberHeadingSeries(blocks)) {
      out.corrections.push(numbered.correction)
      restorations.push({ document: target.id, from: null, block: blocks.indexOf(numbered.block), text: _words(numbered.block.tokens), before: 'no number', after: `number ${numbered.marker}`, reason: 'its place in the numbered series' })
    }

    if (restorations.length === 0) return
    restorations.sort((x, y) => x.block - y.block)
    const kept = blocks.filter((block) => block.tokens.length > 0)
    out.blocks[t] = kept
    const list = restorations.map((r) => `"${r.text}" ${r.before} -> ${r.after} (${r.from ? `from ${r.from}: ` : ''}${r.reason})`)
    const issue: Issue = {
      severity: 'info', source: 'dedupe', ruleId: 'structure-from-copy',
      message: `${target.id}: structure restored from its copies in ${restorations.length} place${restorations.length === 1 ? '' : 's'}: ${list.join('; ')}`,
    }
    if (target.page !== undefined) issue.page = target.page
    out.issues.push(issue)
    out.restorations.push(...restorations)
  })
  return out
}

function _copyBlock(block: Block): Block {
  const copy: Block = { ...block }
  const shown = shownOf(block)
  if (shown) setShown(copy, shown)
  return copy
}

function _words(tokens: Token[]): string {
  const words = tokens.filter((token) => token.end > token.start || tokens.length === 1).map((token) => token.text)
  return words.length > 6 ? words.slice(0, 6).join(' ') + '…' : words.join(' ')
}

function _describe(block: Block): string {
  if (block.kind === 'bullet') return `bullet ${block.level}`
  if (block.kind === 'heading') return `heading ${block.level}`
  return block.kind
}

function _flatten(blocks: Block[]): FlatRef[] {
  const out: FlatRef[] = []
  blocks.forEach((block, b) => {
    for (const token of block.tokens) out.push({ block: b, key: foldWord(token.text) })
  })
  return out
}

function _tokenMap(a: FlatRef[], b: FlatRef[]): Int32Array {
  const map = new Int32Array(a.length).fill(-1)
  for (const column of alignKeys(a.map((f) => f.key), b.map((f) => f.key))) {
    if (!column.match || column.b.length === 0) continue
    for (const i of column.a) map[i] = column.b[0]!
  }
  return map
}

/** Words of each block that carry a key (punctuation alone does not count). */
function _sizes(flat: FlatRef[], blockOf: (i: number) => number, count: number): number[] {
  const sizes = new Array<number>(count).fill(0)
  flat.forEach((f, i) => {
    if (f.key !== '') sizes[blockOf(i)]!++
  })
  return sizes
}

/** For each target block, the source block that holds most of its words and most of whose words it holds, or -1. */
function _pairs(target: FlatRef[], blockOf: Int32Array, count: number, source: FlatRef[], sourceCount: number, map: Int32Array): number[] {
  const targetSizes = _sizes(target, (i) => blockOf[i]!, count)
  const sourceSizes = _sizes(source, (j) => source[j]!.block, sourceCount)
  const shared = new Map<number, number>() // target block * sourceCount + source block -> words
  for (let i = 0; i < map.length; i++) {
    const j = map[i]!
    if (j < 0 || target[i]!.key === '' || source[j]!.key === '') continue
    const code = blockOf[i]! * sourceCount + source[j]!.block
    shared.set(code, (shared.get(code) ?? 0) + 1)
  }
  const best = new Array<number>(count).fill(-1)
  const bestShared = new Array<number>(count).fill(0)
  for (const [code, words] of [...shared].sort((x, y) => x[0] - y[0])) {
    const b = Math.floor(code / sourceCount)
    if (words > bestShared[b]!) {
      bestShared[b] = words
      best[b] = code % sourceCount
    }
  }
  // A source block answers for one target block only: the one that shares most with it.
  const owner = new Map<number, number>()
  best.forEach((s, b) => {
    if (s < 0) return
    const words = bestShared[b]!
    if (words < SAME_BLOCK * targetSizes[b]! || words < SAME_BLOCK * sourceSizes[s]!) {
      best[b] = -1
      return
    }
    const other = owner.get(s)
    if (other === undefined || bestShared[other]! < words) {
      if (other !== undefined) best[other] = -1
      owner.set(s, b)
    } else best[b] = -1
  })
  return best
}

/**
 * Flat token indexes of the target where a source starts a new block inside one
 * target block: the source block there opens with a mark, holds most of its
 * words inside the target block, and the target's word there starts a line.
 */
function _splits(target: FlatRef[], source: FlatRef[], map: Int32Array, claims: Claim[], copy: StructureCopy): number[] {
  const out: number[] = []
  const tokens: Token[] = []
  for (const block of copy.blocks) tokens.push(...block.tokens)
  const sourceSizes = _sizes(source, (j) => source[j]!.block, claims.length)
  let i = 0
  while (i < target.length) {
    const b = target[i]!.block
    let end = i
    while (end < target.length && target[end]!.block === b) end++
    // Source blocks met inside this target block, with the first target token of each and the words shared.
    const met: Array<{ block: number; first: number; words: number }> = []
    let keyed = 0
    for (let k = i; k < end; k++) {
      if (target[k]!.key !== '') keyed++
      const j = map[k]!
      if (j < 0 || source[j]!.key === '') continue
      const s = source[j]!.block
      const last = met[met.length - 1]
      if (last && last.block === s) last.words++
      else if (!last || s > last.block) met.push({ block: s, first: k, words: 1 })
    }
    const whole = met.filter((m) => m.words >= SAME_BLOCK * sourceSizes[m.block]!)
    const covered = whole.reduce((sum, m) => sum + m.words, 0)
    if (whole.length >= 2 && whole.length === met.length && covered >= SPLIT_COVER * keyed) {
      for (let k = 1; k < whole.length; k++) {
        const m = whole[k]!
        if (m.block !== whole[k - 1]!.block + 1 || claims[m.block]!.kindStrength < STRONG) continue
        if (claims[m.block]!.kind === 'table-row' || !_startsLine(copy.blocks[b]!, tokens[m.first]!)) continue
        out.push(m.first)
      }
    }
    i = end
  }
  return out
}

/** True where the parse stage saw a line of the block start at this token (src/parse/evidence.ts). */
function _startsLine(block: Block, token: Token): boolean {
  return shownOf(block)?.lines?.some(([page, start]) => page === token.page && start === token.start) ?? false
}

/** What each block's kind and level rest on in its own copy. */
function _claims(blocks: Block[]): Claim[] {
  return blocks.map((block, b) => {
    const shown = shownOf(block)
    const first = block.tokens[0]
    const marker = block.kind === 'heading' && first && first.end > first.start && NUMBER.test(first.text) ? first : null
    const base = { kind: block.kind, level: block.level, marker, shown }
    if (!shown) return { ...base, kindStrength: STRONG, levelStrength: STRONG, reason: 'as given' }
    if (shown.by === 'number') return { ...base, kindStrength: STRONG, levelStrength: STRONG, reason: 'a printed number' }
    if (shown.by === 'name') return { ...base, kindStrength: STRONG, levelStrength: STRONG, reason: 'a section name' }
    if (shown.by === 'table') return { ...base, kindStrength: STRONG, levelStrength: STRONG, reason: 'a table row' }
    if (shown.by === 'glyph') {
      return shown.glyph === 1
        ? { ...base, kindStrength: STRONG, levelStrength: STRONG, reason: 'a top-level bullet glyph' }
        : { ...base, kindStrength: STRONG, levelStrength: 0, reason: 'a sub-level bullet glyph' }
    }
    if (block.kind === 'paragraph' && _unmarkedAmidMarks(blocks, b)) {
      return { ...base, kindStrength: 1, levelStrength: 1, reason: 'printed without a glyph among items that show theirs' }
    }
    // A point printed without the sub-level glyph the sub-bullets next to it show is no sub-bullet.
    if (block.kind === 'bullet' && block.level === 1 && _besideSubGlyph(blocks, b)) {
      return { ...base, kindStrength: 0, levelStrength: 1, reason: 'printed without the sub-level glyph of the sub-bullets next to it' }
    }
    return { ...base, kindStrength: 0, levelStrength: 0, reason: 'layout' }
  })
}

function _besideSubGlyph(blocks: Block[], b: number): boolean {
  const sub = (block: Block | undefined): boolean => block?.kind === 'bullet' && block.level === 2 && shownOf(block)?.glyph === 2
  return sub(blocks[b - 1]) || sub(blocks[b + 1])
}

/** A plain block between marked ones (a heading or a bullet with its glyph), at least one of them a bullet with its glyph. */
function _unmarkedAmidMarks(blocks: Block[], b: number): boolean {
  const marked = (block: Block | undefined): 'glyph' | 'heading' | null => {
    if (!block) return null
    const shown = shownOf(block)
    if (block.kind === 'bullet' && shown?.by === 'glyph') return 'glyph'
    if (block.kind === 'heading' && shown !== undefined && shown.by !== 'layout') return 'heading'
    return null
  }
  const before = marked(blocks[b - 1])
  const after = marked(blocks[b + 1])
  return before !== null && after !== null && (before === 'glyph' || after === 'glyph')
}
