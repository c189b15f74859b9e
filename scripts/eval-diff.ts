// Quality of the structured diff, measured on seeded material.
//
// For each note (the gold notes and a few written here), and each seed: apply a
// few real edits (replace a word, insert/delete a sentence, insert/delete a
// bullet, move a paragraph, change a date, change a number, negate), then give
// both sides independent OCR damage (shape confusions, split/merged words, sidebar
// fragments, scan debris, paragraphs broken in two, lost bullet glyphs), and diff.
//   recall       = real edits reported as a (non-noise) change at the edited block
//   false share  = reported changes that match no edit / all reported changes
// Also: two noisy copies of one note must give 0 non-noise changes.
//
// Run: npx tsx scripts/eval-diff.ts [--seeds N] [--verbose]
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { injectOcrNoise, mulberry32 } from './lib/ocr-noise.js'
import { parseMarkdown } from '../src/parse/markdown.js'
import { diffDocuments, diffChain, type DiffInput } from '../src/diff/index.js'
import type { Block, BlockKind, Change, Metadata, Place, Token } from '../src/types.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

export type Rng = () => number

/** A block of plain words, before it is given source offsets. */
export interface PlainBlock {
  kind: BlockKind
  level: number
  words: string[]
  /** Index of the clean block this one came from (for scoring), -1 for inserted furniture. */
  origin: number
  marker?: string
  cells?: number[]
}

export interface Note {
  id: string
  metadata: Metadata
  blocks: PlainBlock[]
}

// Notes of our own, in the same house style as the gold notes but on other subjects.
const OWN_NOTES = [
  `---
id: nota-2023-05-04-subsidieregeling
title: "Wijziging subsidieregeling praktijkleren"
kind: nota
status: "TER BESLISSING"
to: "Minister van OCW"
date: 2023-05-04
organisation: "Ministerie van Onderwijs, Cultuur en Wetenschap"
directorate: null
reference: "2023-0412"
attachments_count: 2
---

## Aanleiding

Op 14 maart 2023 heeft de Tweede Kamer een motie aangenomen die vraagt om de subsidieregeling praktijkleren te verlengen tot en met 2026. In deze nota leggen wij u een wijziging van de regeling voor. Het budget voor het komende jaar bedraagt 215 miljoen euro.

## Geadviseerd besluit

U wordt gevraagd in te stemmen met de wijziging van de regeling en de bijgevoegde brief aan de Kamer te ondertekenen.

## Kernpunten

- De verlenging kost 215 miljoen euro per jaar en wordt gedekt uit de middelen voor het beroepsonderwijs.
- Werkgevers die een leerwerkplek bieden, ontvangen per student maximaal 2.700 euro. Dat bedrag blijft gelijk.
- De uitvoering ligt bij de Rijksdienst voor Ondernemend Nederland. Zij heeft aangegeven dat de verlenging uitvoerbaar is.
- Gemeenten en brancheorganisaties zijn geconsulteerd. Zij steunen de verlenging, maar vragen om minder administratieve lasten.
  - Wij stellen voor de aanvraagtermijn te verlengen van zes naar acht weken.
  - Een accountantsverklaring is niet langer nodig bij aanvragen onder de 25.000 euro.

## Vervolg

Na uw akkoord publiceren wij de regeling in de Staatscourant. De regeling treedt in werking op 1 juli 2023. Wij informeren de Kamer voor het zomerreces over de uitvoering.

| Volgnummer | Naam | Actie |
|---|---|---|
| 1 | Wijzigingsregeling praktijkleren | Ter ondertekening |
| 2 | Brief aan de Tweede Kamer | Verzenden aan TK |
`,
  `---
id: nota-2022-10-21-wateroverlast
title: "Stand van zaken herstel na wateroverlast"
kind: nota
status: "TER INFORMATIE"
to: "Minister van Infrastructuur en Waterstaat"
date: 2022-10-21
organisation: "Ministerie van Infrastructuur en Waterstaat"
directorate: "Directoraat-generaal Water en Bodem"
reference: "IENW/BSK-2022/2231"
attachments_count: 1
---

## Aanleiding

Na de wateroverlast in juli 2021 heeft het kabinet toegezegd de Kamer twee keer per jaar te informeren over het herstel. Deze nota geeft u de stand van zaken voor het debat van 3 november.

## Kernpunten

- Van de 4.800 aanvragen voor een tegemoetkoming zijn er 4.350 afgehandeld. De overige aanvragen zijn nog niet compleet.
- De gemiddelde doorlooptijd is gedaald van 19 naar 11 weken. Dat komt vooral door extra inzet van schade-experts.
- Het waterschap heeft de dijkversterking bij de Maas versneld. De werkzaamheden zijn in september gestart en duren naar verwachting drie jaar.
- Provincie en gemeenten vragen om een vast fonds voor toekomstige rampen. Wij adviseren daar nu geen toezegging over te doen.

## Communicatie

Er is geen persbericht voorzien. Wel wordt de voortgangsrapportage op de website geplaatst. Bij vragen van de media verwijzen wij naar de Kamerbrief.
`,
]

/** Read a gold-format markdown note into plain blocks. */
export function readNote(markdown: string): Note {
  const parsed = parseMarkdown(markdown)
  return {
    id: parsed.id ?? 'note',
    metadata: parsed.metadata,
    blocks: parsed.blocks.map((block, origin) => {
      const plain: PlainBlock = { kind: block.kind, level: block.level, words: block.tokens.map((t) => t.text), origin }
      if (block.marker !== undefined) plain.marker = block.marker
      if (block.cells) plain.cells = [...block.cells]
      return plain
    }),
  }
}

export function loadNotes(): Note[] {
  const dir = join(root, 'corpus', 'gold')
  const gold = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => readNote(readFileSync(join(dir, f), 'utf8')))
  return [...gold, ...OWN_NOTES.map(readNote)]
}

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!
}

const MONTHS_NL = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december']

function _dutchDate(iso: string | null): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null
  if (!m) return '1 januari 2024'
  return `${Number(m[3])} ${MONTHS_NL[Number(m[2]) - 1]} ${m[1]}`
}

// Scan debris of the kind handwriting and stamp edges leave in OCR text.
const DEBRIS = ["(//}'\\/", 'E WM', '\\ m /', '@a “', 'hwpw =', 'L', '),F-/', '~~', '| |', 'ij"', '»', '@', 'rnw', "'/;"]

export interface NoiseOptions {
  /** Share of words damaged by injectOcrNoise. */
  rate: number
  /** Chance per block of a sidebar fragment or debris inside it. */
  furniture: number
  /** Chance per paragraph of being broken in two blocks. */
  split: number
  /** Chance per bullet of losing its glyph (becoming a paragraph) or getting `o` for it. */
  glyph: number
}

export const DEFAULT_NOISE: NoiseOptions = { rate: 0.06, furniture: 0.12, split: 0.06, glyph: 0.1 }

/** One noisy OCR copy of a note's blocks. */
export function noisyCopy(note: Note, blocks: PlainBlock[], rng: Rng, options: NoiseOptions = DEFAULT_NOISE): PlainBlock[] {
  const out: PlainBlock[] = []
  const sidebar = [
    `Datum ${_dutchDate(note.metadata.date)}`,
    `Onze referentie ${note.metadata.reference ?? '2024-'}`,
    `Pagina ${1 + Math.floor(rng() * 3)} van ${2 + Math.floor(rng() * 3)}`,
    note.metadata.status ?? 'TER BESLISSING',
    'Bijlage(n)',
    ...(note.metadata.organisation ? [note.metadata.organisation.split(' ').slice(-1)[0]!] : []),
  ]
  for (const block of blocks) {
    // Headings and table cells keep their words unless OCR damages them.
    const damaged = block.words.length === 0 ? [] : injectOcrNoise(block.words.join(' '), rng, options.rate).text.split(/\s+/).filter(Boolean)
    let words = damaged
    let cells = block.cells
    if (block.kind === 'table-row' && words.length !== block.words.length) cells = undefined
    if (block.kind !== 'heading' && block.kind !== 'table-row' && rng() < options.furniture && words.length > 3) {
      const at = 1 + Math.floor(rng() * (words.length - 1))
      const fragment = (rng() < 0.5 ? pick(rng, sidebar) : pick(rng, DEBRIS)).split(' ')
      words = [...words.slice(0, at), ...fragment, ...words.slice(at)]
    }
    let kind = block.kind
    if (kind === 'bullet' && rng() < options.glyph) {
      if (rng() < 0.5) kind = 'paragraph'
      else words = ['o', ...words]
    }
    const next: PlainBlock = { kind, level: kind === 'paragraph' ? 0 : block.level, words, origin: block.origin }
    if (block.marker !== undefined) next.marker = block.marker
    if (cells) next.cells = cells
    if ((kind === 'paragraph' || kind === 'bullet') && words.length >= 12 && rng() < options.split) {
      const at = 4 + Math.floor(rng() * (words.length - 8))
      out.push({ ...next, words: words.slice(0, at) })
      out.push({ kind: 'paragraph', level: 0, words: words.slice(at), origin: block.origin })
    } else out.push(next)
  }
  return out
}

/** Give plain blocks tokens with offsets into a page source; `pageSize` blocks a page. */
export function toDocument(id: string, metadata: Metadata, blocks: PlainBlock[], pageSize = Infinity): { doc: DiffInput; ranges: Map<number, Place[]> } {
  const result: Block[] = []
  const ranges = new Map<number, Place[]>()
  let page = 0
  let offset = 0
  blocks.forEach((plain, i) => {
    if (i > 0 && i % pageSize === 0) {
      page++
      offset = 0
    }
    const tokens: Token[] = plain.words.map((text) => {
      const token = { text, page, start: offset, end: offset + text.length }
      offset += text.length + 1
      return token
    })
    offset += 1
    const block: Block = { kind: plain.kind, level: plain.level, tokens }
    if (plain.marker !== undefined) block.marker = plain.marker
    if (plain.cells && plain.cells.reduce((x, y) => x + y, 0) === tokens.length) block.cells = plain.cells
    result.push(block)
    if (plain.origin >= 0 && tokens.length > 0) {
      const list = ranges.get(plain.origin) ?? []
      list.push({ page, start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end })
      ranges.set(plain.origin, list)
    }
  })
  return { doc: { id, metadata, blocks: result }, ranges }
}

export type EditKind = 'replace-word' | 'insert-sentence' | 'delete-sentence' | 'insert-bullet' | 'delete-bullet' | 'move' | 'date' | 'number' | 'negate'
export const EDIT_KINDS: EditKind[] = ['replace-word', 'insert-sentence', 'delete-sentence', 'insert-bullet', 'delete-bullet', 'move', 'date', 'number', 'negate']

export interface Edit {
  kind: EditKind
  /** Origin index of the edited block in the old note (or -1). */
  old: number
  /** Origin index of the edited block in the new note (or -1). */
  new: number
}

const NEGATIONS = new Set(['niet', 'geen', 'nooit'])
const MONTH_SET = new Set(MONTHS_NL)

function _sentences(words: string[]): number[] {
  // Word indexes where a sentence starts.
  const starts = [0]
  words.forEach((w, i) => {
    if (i + 1 < words.length && /[.?!]$/.test(w) && /^\p{Lu}/u.test(words[i + 1]!)) starts.push(i + 1)
  })
  return starts
}

/**
 * Apply one seeded edit of `kind` to the blocks (in place); null when the note
 * has nothing it applies to. New blocks get origin ids from `nextOrigin`.
 */
export function applyEdit(blocks: PlainBlock[], kind: EditKind, rng: Rng, donor: string[][], nextOrigin: () => number, touched: Set<number>): Edit | null {
  const bodies = blocks.map((b, i) => i).filter((i) => blocks[i]!.kind !== 'heading' && blocks[i]!.kind !== 'table-row' && !touched.has(blocks[i]!.origin))
  const withWords = (min: number) => bodies.filter((i) => blocks[i]!.words.length >= min)
  const rename = (i: number): Edit['new'] => {
    // An edited block keeps its origin on the old side and gets a fresh one on the new side.
    const o = nextOrigin()
    const old = blocks[i]!.origin
    blocks[i] = { ...blocks[i]!, origin: o }
    touched.add(o)
    touched.add(old)
    return old
  }
  switch (kind) {
    case 'replace-word': {
      const list = withWords(6)
      if (list.length === 0) return null
      const i = pick(rng, list)
      const words = blocks[i]!.words
      const at = words.map((w, k) => k).filter((k) => /^\p{Ll}{4,}$/u.test(words[k]!) && !NEGATIONS.has(words[k]!))
      if (at.length === 0) return null
      const k = pick(rng, at)
      const pool = donor.flat().filter((w) => /^\p{Ll}{5,}$/u.test(w) && w !== words[k])
      const nextWords = [...words]
      nextWords[k] = pick(rng, pool)
      const old = rename(i)
      blocks[i]!.words = nextWords
      return { kind, old, new: blocks[i]!.origin }
    }
    case 'insert-sentence': {
      const list = withWords(6).filter((i) => blocks[i]!.kind === 'paragraph' || blocks[i]!.kind === 'bullet')
      if (list.length === 0) return null
      const i = pick(rng, list)
      const source = pick(rng, donor.filter((d) => d.length >= 6))
      const starts = _sentences(source)
      const s = pick(rng, starts)
      const e = starts.find((x) => x > s) ?? source.length
      const sentence = source.slice(s, Math.min(e, s + 25))
      const bounds = [..._sentences(blocks[i]!.words), blocks[i]!.words.length]
      const at = pick(rng, bounds)
      const old = rename(i)
      blocks[i]!.words = [...blocks[i]!.words.slice(0, at), ...sentence, ...blocks[i]!.words.slice(at)]
      return { kind, old, new: blocks[i]!.origin }
    }
    case 'delete-sentence': {
      const list = withWords(6).filter((i) => _sentences(blocks[i]!.words).length >= 2)
      if (list.length === 0) return null
      const i = pick(rng, list)
      const starts = [..._sentences(blocks[i]!.words), blocks[i]!.words.length]
      const k = Math.floor(rng() * (starts.length - 1))
      const old = rename(i)
      blocks[i]!.words = [...blocks[i]!.words.slice(0, starts[k]), ...blocks[i]!.words.slice(starts[k + 1])]
      return { kind, old, new: blocks[i]!.origin }
    }
    case 'insert-bullet': {
      const list = bodies.filter((i) => blocks[i]!.kind === 'bullet')
      const after = list.length > 0 ? pick(rng, list) : pick(rng, bodies)
      const source = pick(rng, donor.filter((d) => d.length >= 6))
      const o = nextOrigin()
      touched.add(o)
      blocks.splice(after + 1, 0, { kind: 'bullet', level: 1, words: source.slice(0, 30), origin: o })
      return { kind, old: -1, new: o }
    }
    case 'delete-bullet': {
      const list = bodies.filter((i) => blocks[i]!.kind === 'bullet' || blocks[i]!.kind === 'paragraph')
      if (list.length === 0) return null
      const i = pick(rng, list)
      const old = blocks[i]!.origin
      touched.add(old)
      blocks.splice(i, 1)
      return { kind, old, new: -1 }
    }
    case 'move': {
      const list = withWords(8)
      if (list.length < 4) return null
      const i = pick(rng, list)
      const [block] = blocks.splice(i, 1)
      const targets = blocks.map((b, k) => k).filter((k) => Math.abs(k - i) >= 3 && blocks[k]!.kind !== 'heading')
      if (targets.length === 0) {
        blocks.splice(i, 0, block!)
        return null
      }
      const to = pick(rng, targets)
      blocks.splice(to, 0, block!)
      touched.add(block!.origin)
      return { kind, old: block!.origin, new: block!.origin }
    }
    case 'date':
    case 'number': {
      const at: Array<[number, number]> = []
      for (const i of bodies) {
        blocks[i]!.words.forEach((w, k) => {
          if (!/^\d{1,4}[.,;:)]?$/.test(w)) return
          const month = MONTH_SET.has((blocks[i]!.words[k + 1] ?? '').toLowerCase().replace(/[^a-z]/g, ''))
          if ((kind === 'date') === month) at.push([i, k])
        })
      }
      if (at.length === 0) return null
      const [i, k] = pick(rng, at)
      const word = blocks[i]!.words[k]!
      const digits = word.replace(/\D/g, '')
      let value = Number(digits) + 1 + Math.floor(rng() * (kind === 'date' ? 8 : 9))
      if (kind === 'date' && digits.length <= 2 && value > 28) value = value - 27
      const old = rename(i)
      const nextWords = [...blocks[i]!.words]
      nextWords[k] = word.replace(digits, String(value))
      blocks[i]!.words = nextWords
      return { kind, old, new: blocks[i]!.origin }
    }
    case 'negate': {
      const list = withWords(6)
      if (list.length === 0) return null
      const i = pick(rng, list)
      const words = blocks[i]!.words
      const neg = words.findIndex((w) => NEGATIONS.has(w.toLowerCase()))
      const old = rename(i)
      if (neg >= 0) blocks[i]!.words = [...words.slice(0, neg), ...words.slice(neg + 1)]
      else {
        const at = Math.min(words.length, 2 + Math.floor(rng() * 4))
        blocks[i]!.words = [...words.slice(0, at), 'niet', ...words.slice(at)]
      }
      return { kind, old, new: blocks[i]!.origin }
    }
  }
}

function _overlaps(place: Place | undefined, list: Place[] | undefined): boolean {
  if (!place || !list) return false
  return list.some((r) => r.page === place.page && r.start < place.end && place.start < r.end)
}

/** Places a change covers on each side (a merged pair can cover more than its first block, so use words too). */
function _places(change: Change, side: 'old' | 'new'): Place[] {
  const out: Place[] = []
  const main = side === 'old' ? change.oldPlace : change.newPlace
  if (main) out.push(main)
  for (const w of change.words ?? []) {
    const p = side === 'old' ? w.old : w.new
    if (p) out.push(p)
  }
  return out
}

export interface EvalCounts {
  edits: number
  found: number
  reported: number
  falseChanges: number
  falseUncertain: number
  copies: number
  copiesWithChanges: number
  copyChanges: number
  byKind: Record<string, { edits: number; found: number }>
  misses: string[]
  falses: string[]
}

export function evaluate(notes: Note[], seeds: number, noise: NoiseOptions = DEFAULT_NOISE): EvalCounts {
  const counts: EvalCounts = {
    edits: 0, found: 0, reported: 0, falseChanges: 0, falseUncertain: 0, copies: 0, copiesWithChanges: 0, copyChanges: 0, byKind: {}, misses: [], falses: [],
  }
  const donorAll = notes.flatMap((n) => n.blocks.filter((b) => b.kind !== 'heading').map((b) => b.words))
  for (const [n, note] of notes.entries()) {
    for (let seed = 1; seed <= seeds; seed++) {
      const rng = mulberry32(seed * 7919 + n * 104729)
      // Two noisy copies of the same note: nothing but the scan differs.
      {
        const a = toDocument(note.id, note.metadata, noisyCopy(note, note.blocks, rng, noise))
        const b = toDocument(note.id + '~2', note.metadata, noisyCopy(note, note.blocks, rng, noise))
        const diff = diffDocuments(a.doc, b.doc)
        const body = diff.changes.filter((c) => c.kind !== 'metadata')
        counts.copies++
        counts.copyChanges += body.length
        if (body.length > 0) {
          counts.copiesWithChanges++
          for (const c of body) counts.falses.push(`copy ${note.id} seed ${seed}: ${c.kind} ${_words(c)}`)
        }
      }
      // Edited version against the original.
      const donor = donorAll.filter((_, k) => k % notes.length !== n)
      const edited = note.blocks.map((b) => ({ ...b }))
      let origin = 10_000
      const touched = new Set<number>()
      const edits: Edit[] = []
      const kinds = [pick(rng, EDIT_KINDS), pick(rng, EDIT_KINDS), EDIT_KINDS[(seed + n) % EDIT_KINDS.length]!]
      for (const kind of kinds) {
        const edit = applyEdit(edited, kind, rng, donor, () => origin++, touched)
        if (edit) edits.push(edit)
      }
      const a = toDocument(note.id, note.metadata, noisyCopy(note, note.blocks, rng, noise))
      const b = toDocument(note.id + '-v2', note.metadata, noisyCopy(note, edited, rng, noise))
      const diff = diffDocuments(a.doc, b.doc)
      const body = diff.changes.filter((c) => c.kind !== 'metadata')
      counts.reported += body.length
      for (const edit of edits) {
        const k = (counts.byKind[edit.kind] ??= { edits: 0, found: 0 })
        k.edits++
        counts.edits++
        const hit = body.some(
          (c) =>
            (edit.kind !== 'move' || c.kind === 'moved') &&
            (_places(c, 'old').some((p) => _overlaps(p, a.ranges.get(edit.old))) || _places(c, 'new').some((p) => _overlaps(p, b.ranges.get(edit.new)))),
        )
        if (hit) {
          k.found++
          counts.found++
        } else counts.misses.push(`${note.id} seed ${seed}: ${edit.kind} old#${edit.old} new#${edit.new}`)
      }
      for (const c of body) {
        const explained = edits.some(
          (edit) => _places(c, 'old').some((p) => _overlaps(p, a.ranges.get(edit.old))) || _places(c, 'new').some((p) => _overlaps(p, b.ranges.get(edit.new))),
        )
        if (!explained) {
          counts.falseChanges++
          if (c.uncertain) counts.falseUncertain++
          counts.falses.push(`edit ${note.id} seed ${seed}: ${c.kind}${c.uncertain ? ' (uncertain)' : ''} ${_words(c)}`)
        }
      }
    }
  }
  return counts
}

function _words(change: Change): string {
  const ops = (change.words ?? []).filter((w) => w.op !== 'equal' && !(w as { noise?: boolean }).noise)
  if (ops.length > 0) return ops.map((w) => (w.op === 'insert' ? `{+${w.text}+}` : `[-${w.text}-]`)).join(' ')
  return `${change.old ?? ''} => ${change.new ?? ''}`.slice(0, 120)
}

function main(): void {
  const args = process.argv.slice(2)
  const seedsArg = args.indexOf('--seeds')
  const seeds = seedsArg >= 0 ? Number(args[seedsArg + 1]) : 40
  const verbose = args.includes('--verbose')
  const notes = loadNotes()
  const started = performance.now()
  const counts = evaluate(notes, seeds)
  const ms = performance.now() - started
  console.log(`notes: ${notes.length} (${notes.length - OWN_NOTES.length} gold + ${OWN_NOTES.length} own), seeds: ${seeds}, noise: ${JSON.stringify(DEFAULT_NOISE)}`)
  console.log(`noisy copy pairs: ${counts.copies}, pairs with a non-noise body change: ${counts.copiesWithChanges}, such changes: ${counts.copyChanges}`)
  console.log(`real edits: ${counts.edits}, found: ${counts.found}, recall: ${(counts.found / counts.edits).toFixed(4)}`)
  for (const [kind, k] of Object.entries(counts.byKind).sort()) console.log(`  ${kind.padEnd(16)} ${k.found}/${k.edits}`)
  console.log(
    `reported changes: ${counts.reported}, false (noise shown as change): ${counts.falseChanges} = ${((100 * counts.falseChanges) / Math.max(1, counts.reported)).toFixed(2)}%` +
      ` (of which uncertain: ${counts.falseUncertain})`,
  )
  console.log(`time: ${(ms / 1000).toFixed(1)} s for ${counts.copies * 2} diffs`)
  if (verbose) {
    for (const line of counts.misses) console.log('MISS', line)
    for (const line of counts.falses) console.log('FALSE', line)
  }
  // The gold chain, as the README shows it: 8 Nov -> 19 Jan -> 13 Feb.
  const dir = join(root, 'corpus', 'gold')
  const gold = readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => {
    const p = parseMarkdown(readFileSync(join(dir, f), 'utf8'))
    return { id: p.id ?? f, metadata: p.metadata, blocks: p.blocks }
  })
  for (const diff of diffChain(gold)) console.log(`gold chain ${diff.old.id} -> ${diff.new.id}: ${JSON.stringify(diff.summary)}`)
}

// Run as a script, not when imported (also not when bundled into another script, as bench-diff is).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && /eval-diff\.[jt]s$/.test(process.argv[1])) main()
