// Planted-duplicate benchmark for src/dedupe: a seeded synthetic release of
// notes in the style of the gold notas (sections, bullets, a Bijlagen table),
// each note released in one to three copies with OCR noise (light to heavy),
// leaked handwriting, stamps, a missing first page (the page kept repeats the
// sidebar's date and reference, as a nota's later pages do) or a damaged date, and
// decision tracks of up to three versions (rewrites, or a single added
// sentence with a new date), plus unrelated notes on the same day to the same
// addressee. Measures pairwise precision/recall of copy groups and of version
// chains, and the CER of the consensus against each copy.
//
// Run: npx tsx scripts/eval-dedupe.ts [--seed N] [--tracks N] [--json]
//      npx tsx scripts/eval-dedupe.ts --seeds 1-16   (one line per seed, and all seeds together)
//      add --no-later-sidebar: copies without their first page show no date or reference at all (the harder, older benchmark)
//      npx tsx scripts/eval-dedupe.ts --seed-release   (the seed release, raw OCR per copy)
//      npx tsx scripts/eval-dedupe.ts --seed N --errors (also print every misgrouped pair and why it may have gone wrong)
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { distance } from 'fastest-levenshtein'
import type { Block, Document, Metadata } from '../src/types.js'
import { blocksToText, emptyMetadata, parseMarkdown, toMarkdown } from '../src/parse/markdown.js'
import { loadLexicon } from '../src/correct/lexicon.js'
import { injectOcrNoise, mulberry32 } from './lib/ocr-noise.js'
import { dedupe } from '../src/dedupe/index.js'
import { alignKeys, alignmentSimilarity } from '../src/dedupe/align.js'
import { documentBlocks, foldWord } from '../src/dedupe/normalize.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

type Rng = () => number
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!
const chance = (rng: Rng, p: number): boolean => rng() < p
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1))

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december']
const ORGS = ['UWV', 'de SVB', 'de VNG', 'BZK', 'FIN', 'VWS', 'OCW', 'de Belastingdienst', 'gemeenten', 'sociale partners', 'de Raad van State', 'het CBS', 'het CPB', 'de Inspectie SZW', 'Divosa', 'de Landelijke Cliëntenraad']
const ADDRESSEES = ['Minister van SZW', 'Minister voor APP', 'Minister van SZW en Minister voor APP', 'Staatssecretaris van SZW', 'Minister van BZK', 'Minister van Financiën', 'Staatssecretaris van Financiën']
const ORGANISATIONS = ['Ministerie van Sociale Zaken en Werkgelegenheid', 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties', 'Ministerie van Financiën']
const STAGES = [['Hoofdlijnen', '', 'Aanpassingen'], ['Concept', '', 'Aanvulling'], ['', 'Vervolg', 'Update'], ['Reactie', 'Aanpassingen', 'Vervolg']]
const STAMPS = ['MSZW', 'MAPP', 'SG', 'DGWB', 'PDV']
const HANDWRITING = ['akkoord', 'graag bespreken', 'eens', 'waarom niet eerder?', 'zie opmerking MSZW', 'ok, maar tijdpad?', 'check met FIN', 'ambitie hoger!', 'niet akkoord', 'prima']
const JUNK = ["(//}'\\/", '=;', "/'\"J'", '\\ m /', '@a', '“', ')', 'hwpw', '2 ,F-/', 'L', '|']
const SUFFIX = /^[a-z]{4,12}(heid|ing|beleid|wet|regeling|onderzoek|plan|raad|fonds|programma|dienst|zorg|markt|stelsel|toeslag|uitkering|akkoord|agenda|strategie|aanpak|verordening|rapport|evaluatie|traject)$/

export interface Vocabulary {
  nouns: string[]
  sentences: string[]
}

let _vocabulary: Vocabulary | undefined
/** Nouns from the lexicon (government-like compounds) and sentences from the gold notas, as seeds of style. */
export function vocabulary(): Vocabulary {
  if (_vocabulary) return _vocabulary
  const nouns: string[] = []
  for (const word of loadLexicon().entries()) if (SUFFIX.test(word)) nouns.push(word)
  const sentences: string[] = []
  for (const name of ['nota-2023-11-08-hoofdlijnen.md', 'nota-2024-01-19-kabinetsreactie.md', 'nota-2024-02-13-aanpassingen.md']) {
    const parsed = parseMarkdown(readFileSync(join(root, 'corpus', 'gold', name), 'utf8'))
    for (const block of parsed.blocks) {
      if (block.kind !== 'paragraph' && block.kind !== 'bullet') continue
      const text = block.tokens.map((t) => t.text).join(' ')
      for (const s of text.split(/(?<=[.?!])\s+/)) if (s.split(' ').length >= 8) sentences.push(s)
    }
  }
  _vocabulary = { nouns, sentences }
  return _vocabulary
}

interface Track {
  topic: string
  stem: string
  to: string
  organisation: string
  kind: Metadata['kind']
  stages: string[]
}

function _date(day: number): { iso: string; dutch: string; d: number; m: number; y: number } {
  const date = new Date(Date.UTC(2023, 0, 1) + day * 86_400_000)
  const y = date.getUTCFullYear()
  const m = date.getUTCMonth() + 1
  const d = date.getUTCDate()
  return { iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, dutch: `${d} ${MONTHS[m - 1]} ${y}`, d, m, y }
}

function _sentence(rng: Rng, v: Vocabulary, topic: string): string {
  if (chance(rng, 0.12)) return pick(rng, v.sentences)
  const N = (): string => pick(rng, v.nouns)
  const O = (): string => pick(rng, ORGS)
  const D = (): string => _date(int(rng, 0, 900)).dutch
  const templates = [
    () => `In ${pick(rng, MONTHS)} ${int(rng, 2021, 2024)} heeft de Kamercommissie gevraagd om een reactie op het ${N()} over ${topic}.`,
    () => `Met deze nota leggen wij u de ${N()} over ${topic} ter besluitvorming voor.`,
    () => `U wordt gevraagd akkoord te gaan met de ${N()} en de verzending aan de Kamer.`,
    () => `Het ${N()} is opgesteld in samenwerking met ${O()} en ${O()}.`,
    () => `We streven ernaar om de ${N()} voor ${D()} naar de Kamer te versturen.`,
    () => `De bevindingen over ${topic} zijn herkenbaar, maar vragen om een zorgvuldige afweging tussen ${N()} en ${N()}.`,
    () => `Uit het onderzoek blijkt dat ${int(rng, 3, 90)} procent van de ${N()} te maken heeft met ${N()}.`,
    () => `Daarnaast is afgestemd met ${O()} over de gevolgen voor de ${N()}.`,
    () => `Wij stellen voor om de ${N()} in ${int(rng, 2024, 2027)} te evalueren en de uitkomsten met ${O()} te bespreken.`,
    () => `${O()} heeft aangegeven dat de ${N()} uitvoerbaar is, mits de ${N()} tijdig beschikbaar komt.`,
    () => `De financiële gevolgen van de ${N()} bedragen naar schatting ${int(rng, 2, 400)} miljoen euro per jaar.`,
    () => `Op ${D()} vindt een commissiedebat plaats over ${topic} en de ${N()}.`,
    () => `Wij verwachten dat de ${N()} leidt tot minder ${N()} bij ${O()}.`,
    () => `Het is nog niet duidelijk of de ${N()} voldoende ruimte biedt voor ${N()}.`,
  ]
  const s = pick(rng, templates)()
  return s[0]!.toUpperCase() + s.slice(1)
}

interface Note {
  metadata: Metadata
  sections: Array<{ heading: string; items: Array<{ kind: 'p' | 'b' | 'bb'; text: string }> }>
  table: string[][] | null
}

function _newNote(rng: Rng, v: Vocabulary, track: Track, stage: string, date: ReturnType<typeof _date>, reference: string | null): Note {
  const s = (): string => _sentence(rng, v, track.topic)
  const para = (k: number): string => Array.from({ length: k }, s).join(' ')
  const kern: Note['sections'][number]['items'] = []
  const bullets = int(rng, 3, 7)
  for (let b = 0; b < bullets; b++) {
    kern.push({ kind: 'b', text: para(int(rng, 1, 3)) })
    if (chance(rng, 0.2)) for (let k = int(rng, 2, 3); k > 0; k--) kern.push({ kind: 'bb', text: s() })
  }
  if (chance(rng, 0.4)) kern.push({ kind: 'p', text: para(int(rng, 1, 2)) })
  const title = (stage ? `${stage} ${track.stem}` : track.stem.replace(/^./, (c) => c.toUpperCase())).trim()
  const metadata: Metadata = {
    ...emptyMetadata(track.kind), title, to: track.to, date: date.iso, organisation: track.organisation,
    reference, status: pick(rng, ['TER BESLISSING', 'TER INFORMATIE', 'TER ONDERTEKENING']),
    attachments_count: chance(rng, 0.5) ? int(rng, 0, 3) : null,
  }
  const table = chance(rng, 0.5)
    ? [['Volgnummer', 'Naam', 'Actie'], ...Array.from({ length: int(rng, 1, 3) }, (_, i) => [String(i + 1), `${pick(rng, v.nouns)} ${track.topic}`, pick(rng, ['Ter informatie', 'Verzenden aan TK', 'Ter ondertekening'])])]
    : null
  return {
    metadata,
    sections: [
      { heading: 'Aanleiding', items: [{ kind: 'p', text: para(int(rng, 2, 4)) }, ...(chance(rng, 0.5) ? [{ kind: 'p' as const, text: para(int(rng, 1, 3)) }] : [])] },
      { heading: 'Geadviseerd besluit', items: [{ kind: 'p', text: s() }] },
      { heading: 'Kernpunten', items: kern },
    ],
    table,
  }
}

function _noteMarkdown(note: Note, id: string): string {
  const lines: string[] = []
  for (const section of note.sections) {
    lines.push(`## ${section.heading}`, '')
    for (const item of section.items) lines.push(item.kind === 'p' ? item.text : item.kind === 'b' ? `- ${item.text}` : `  - ${item.text}`, item.kind === 'p' ? '' : '')
  }
  if (note.table) {
    lines.push('## Bijlagen', '')
    note.table.forEach((row, i) => {
      lines.push(`| ${row.join(' | ')} |`)
      if (i === 0) lines.push('|---|---|---|')
    })
  }
  return toMarkdown(id, note.metadata, parseMarkdown(lines.join('\n')).blocks)
}

/** The next version of a note: a rewrite keeping about half, or the same note with one sentence more. */
function _nextVersion(rng: Rng, v: Vocabulary, track: Track, previous: Note, stage: string, date: ReturnType<typeof _date>, reference: string | null, mode: 'rewrite' | 'sentence'): Note {
  const next: Note = JSON.parse(JSON.stringify(previous))
  next.metadata.date = date.iso
  next.metadata.reference = reference
  next.metadata.title = (stage ? `${stage} ${track.stem}` : track.stem.replace(/^./, (c) => c.toUpperCase())).trim()
  const prevDate = previous.metadata.date!
  const [y, m, d] = prevDate.split('-').map(Number) as [number, number, number]
  const items = next.sections.flatMap((section) => section.items)
  if (mode === 'sentence') {
    const item = pick(rng, items)
    item.text += ' ' + _sentence(rng, v, track.topic)
    return next
  }
  for (const item of items) if (chance(rng, 0.5)) item.text = Array.from({ length: int(rng, 1, 3) }, () => _sentence(rng, v, track.topic)).join(' ')
  if (chance(rng, 0.6)) {
    const ref = y === date.y ? `${d} ${MONTHS[m - 1]} jl.` : `${d} ${MONTHS[m - 1]} ${y}`
    next.sections[0]!.items[0]!.text = `In de nota van ${ref} heeft u de ${pick(rng, v.nouns)} over ${track.topic} ontvangen. ` + next.sections[0]!.items[0]!.text
  }
  return next
}

export interface CopyTraits {
  noise: number
  missingFirstPage: boolean
  /**
   * For a copy that lost its first page: what the sidebar of the page it keeps
   * shows. A nota repeats `Datum` and `Onze referentie` on every later page (the
   * seed release shows them on all twelve of its later nota pages, one date
   * misread; scripts/gen-release.ts prints them too), so the segmenter reads the
   * date and reference there (`clean`, or `damaged`: one digit of the day
   * misread, flagged uncertain); now and then OCR loses the sidebar (`lost`: as
   * the first page of the seed's 19 January copy lost its sidebar). Null for a
   * copy that has its first page.
   */
  laterSidebar: 'clean' | 'damaged' | 'lost' | null
  damagedDate: boolean
  junk: boolean
  stamp: string | null
  annotation: string | null
}

export interface PlantedDocument {
  doc: Document
  version: string
  track: string
  traits: CopyTraits
  /**
   * Where the copy starts in its version's clean body, in words (0 unless it lost its first page):
   * the clean text it was made from is the version's words from here on. Recorded while the copy is
   * made, without drawing from the generator: the release is the same with or without it.
   */
  fromWord: number
}

export interface PlantedRelease {
  documents: Document[]
  planted: PlantedDocument[]
  /** Clean body text of each version, by version id. */
  clean: Map<string, string>
  /** Versions that differ from their predecessor by a single sentence. */
  sentenceVersions: Set<string>
  /** Date and reference of each version, by version id (what its first page and sidebars print). */
  printed: Map<string, { date: string | null; reference: string | null }>
}

/** Damage one copy of a note: OCR noise per line, leaked handwriting, a stamp, a missing first page, a misread date. */
function _copy(rng: Rng, md: string, note: Note, id: string, page: number, traits: CopyTraits): { doc: Document; fromWord: number } {
  const parsedClean = parseMarkdown(md)
  const body = md.slice(md.indexOf('\n---\n') + 5)
  const cleanLines = body.split('\n')
  // The clean line each noisy line was made from (lines are lost below; provenance only, no draws).
  let origin = cleanLines.map((_, i) => i)
  let lines = cleanLines.map((line) => {
    if (traits.noise === 0 || line.trim() === '' || /^\|[-| ]+\|$/.test(line)) return line
    const prefix = /^(#{2,3} |\s*- |\| )?/.exec(line)![0]
    return prefix + injectOcrNoise(line.slice(prefix.length), rng, traits.noise).text
  })
  if (traits.noise >= 0.2) {
    // Heavy OCR also loses a line now and then.
    const keep = lines.map((line) => !(line.length > 40 && !line.startsWith('#') && chance(rng, 0.04)))
    lines = lines.filter((_, i) => keep[i])
    origin = origin.filter((_, i) => keep[i])
  }
  if (traits.junk) {
    const at = lines.findIndex((line, i) => i > lines.length / 3 && line.length > 40 && !line.startsWith('|'))
    if (at >= 0) {
      const words = lines[at]!.split(' ')
      const k = int(rng, 1, words.length - 1)
      words.splice(k, 0, ...Array.from({ length: int(rng, 1, 4) }, () => pick(rng, JUNK)))
      lines[at] = words.join(' ')
    }
  }
  if (traits.stamp) {
    const at = lines.findIndex((line) => line.length > 20 && !line.startsWith('#'))
    if (at >= 0) lines[at] = `${traits.stamp} ${lines[at]}`
  }
  let fromWord = 0
  if (traits.missingFirstPage) {
    // The first of two pages is lost: about the first 40 % of the lines.
    const cut = Math.floor(lines.length * 0.4)
    lines = lines.slice(cut)
    const firstLine = origin[cut] ?? cleanLines.length
    fromWord = _words(blocksToText(parseMarkdown(cleanLines.slice(0, firstLine).join('\n')).blocks)).length
  }
  const text = lines.join('\n')
  const parsed = parseMarkdown(text)
  // Two pages: the first half of the blocks on `page`, the rest on `page + 1`.
  const half = Math.ceil(parsed.blocks.length / 2)
  const blocks: Block[] = parsed.blocks.map((block, b) => ({ ...block, tokens: block.tokens.map((t) => ({ ...t, page: page + (b < half ? 0 : 1), confidence: Math.round(96 - 100 * traits.noise * rng()) })) }))
  const metadata: Metadata = { ...note.metadata }
  const uncertain: string[] = []
  if (traits.noise > 0 && metadata.title) metadata.title = injectOcrNoise(metadata.title, rng, traits.noise / 2).text
  // OCR misreads one digit of the day (`13` for `19`, `18` for `16`), as the segmenter then flags.
  const swap: Record<string, string> = { '0': '8', '1': '7', '2': '7', '3': '8', '4': '1', '5': '6', '6': '8', '7': '1', '8': '3', '9': '3' }
  if (traits.missingFirstPage) {
    // Without the first page: no title block or status. The sidebar the kept page repeats
    // gives the date and reference, unless OCR lost it.
    metadata.title = null
    metadata.status = null
    if (traits.laterSidebar === 'lost') {
      metadata.date = null
      metadata.reference = null
    } else if (traits.laterSidebar === 'damaged' && metadata.date) {
      metadata.date = metadata.date.slice(0, 9) + swap[metadata.date[9]!]!
      uncertain.push('date')
    }
  } else if (traits.damagedDate && metadata.date) {
    metadata.date = metadata.date.slice(0, 9) + swap[metadata.date[9]!]!
    uncertain.push('date')
  }
  const annotations = traits.annotation ? [{ page, start: text.length + 1, end: text.length + 1 + traits.annotation.length, text: traits.annotation }] : []
  void parsedClean
  const doc: Document = {
    id, pages: [page, page + 1], metadata, uncertain, copy: traits.stamp, text: blocksToText(blocks), markdown: '',
    copyOf: null, annotations, redactions: [], blocks,
  }
  return { doc, fromWord }
}

/** FNV-1a of a copy's id: the seed of its own draws. */
function _hashId(id: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193)
  return h >>> 0
}

function _words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean)
}

export interface ReleaseOptions {
  tracks: number
  /** Share of tracks that get an unrelated note to the same addressee on the same day. */
  sameDay?: number
  /**
   * False: a copy that lost its first page shows no sidebar on the page it keeps either (no date or
   * reference at all), as this benchmark had it before the later-page sidebar was modelled (flag
   * --no-later-sidebar): the hardest case for copies without a date. Default true.
   */
  laterSidebar?: boolean
  /** Light, for the scale benchmark: fewer costly traits. */
  copiesPerVersion?: [number, number]
}

/** A seeded synthetic release with planted copies and versions. */
export function generateRelease(seed: number, options: ReleaseOptions): PlantedRelease {
  const rng = mulberry32(seed)
  const v = vocabulary()
  const planted: PlantedDocument[] = []
  const clean = new Map<string, string>()
  const sentenceVersions = new Set<string>()
  const printed = new Map<string, { date: string | null; reference: string | null }>()
  let page = 0
  const usedIds = new Set<string>()
  const [minCopies, maxCopies] = options.copiesPerVersion ?? [1, 3]
  const makeTrack = (): Track => {
    const topic = `de ${pick(rng, v.nouns)} en ${pick(rng, v.nouns)}`
    const head = pick(rng, v.nouns)
    return {
      topic, stem: `${head} over ${topic}`, to: pick(rng, ADDRESSEES), organisation: pick(rng, ORGANISATIONS),
      kind: chance(rng, 0.85) ? 'nota' : pick(rng, ['memo', 'letter'] as const), stages: pick(rng, STAGES),
    }
  }
  const release = (trackId: string, versionId: string, note: Note): void => {
    const slug = note.metadata.title!.toLowerCase().split(/\s+/).slice(0, 2).join('-').replace(/[^a-z0-9-]/g, '')
    const baseId = `${note.metadata.kind}-${note.metadata.date}-${slug}`
    const md = _noteMarkdown(note, baseId)
    clean.set(versionId, blocksToText(parseMarkdown(md).blocks))
    printed.set(versionId, { date: note.metadata.date, reference: note.metadata.reference })
    const copies = int(rng, minCopies, maxCopies)
    for (let c = 0; c < copies; c++) {
      const level = rng()
      const traits: CopyTraits = {
        noise: level < 0.1 ? 0 : level < 0.45 ? 0.04 : level < 0.8 ? 0.12 : 0.3,
        missingFirstPage: copies > 1 && c > 0 && chance(rng, 0.1),
        laterSidebar: null,
        damagedDate: chance(rng, 0.1),
        junk: chance(rng, 0.3),
        stamp: chance(rng, 0.3) ? pick(rng, STAMPS) : null,
        annotation: chance(rng, 0.35) ? pick(rng, HANDWRITING) : null,
      }
      let id = traits.missingFirstPage ? `other-${versionId}-p2` : baseId
      for (let k = 2; usedIds.has(id); k++) id = `${traits.missingFirstPage ? `other-${versionId}-p2` : baseId}~${k}`
      usedIds.add(id)
      if (traits.missingFirstPage) {
        // Drawn from a generator of its own (seeded by the release seed and the copy's id), so that
        // the rest of the release is the same as before the later-page sidebar was modelled.
        const side = mulberry32(Math.imul(seed, 0x9e3779b1) ^ _hashId(id))
        const r = side()
        traits.laterSidebar = options.laterSidebar === false || r < 0.1 ? 'lost' : r < 0.19 ? 'damaged' : 'clean'
      }
      const { doc, fromWord } = _copy(rng, md, note, id, page, traits)
      page += 2
      planted.push({ doc, version: versionId, track: trackId, traits, fromWord })
    }
  }
  for (let t = 0; t < options.tracks; t++) {
    const track = makeTrack()
    const trackId = `track${t}`
    let day = int(rng, 0, 700)
    const versions = rng() < 0.5 ? 1 : rng() < 0.6 ? 2 : 3
    let note: Note | null = null
    for (let k = 0; k < versions; k++) {
      const date = _date(day)
      const reference = chance(rng, 0.7) ? `${date.y}-00${int(rng, 10000, 99999)}` : null
      const versionId = `${trackId}v${k}`
      if (note === null) note = _newNote(rng, v, track, track.stages[0]!, date, reference)
      else {
        const mode = chance(rng, 0.3) ? 'sentence' : 'rewrite'
        if (mode === 'sentence') sentenceVersions.add(versionId)
        note = _nextVersion(rng, v, track, note, track.stages[Math.min(k, 2)]!, date, reference, mode)
      }
      release(trackId, versionId, note)
      if (k === 0 && chance(rng, options.sameDay ?? 0.2)) {
        // An unrelated note from the same ministry, to the same addressee, on the same day.
        const other = { ...makeTrack(), to: track.to, organisation: track.organisation, kind: track.kind }
        const otherId = `track${t}x`
        release(otherId, `${otherId}v0`, _newNote(rng, v, other, other.stages[0]!, date, null))
      }
      day += int(rng, 3, 90)
    }
  }
  // Release order is shuffled: copies are not adjacent in a real release.
  for (let i = planted.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[planted[i], planted[j]] = [planted[j]!, planted[i]!]
  }
  return { documents: planted.map((p) => p.doc), planted, clean, sentenceVersions, printed }
}

/**
 * A large release for the scale benchmark: `documents` documents of `pages`
 * pages (about 200 words a page), built straight as blocks; about a fifth of
 * the notes come in two or three copies with word-level OCR damage.
 */
export function generateLargeRelease(seed: number, documents: number, pages = 5): { documents: Document[]; planted: number } {
  const rng = mulberry32(seed)
  const v = vocabulary()
  const out: Document[] = []
  let page = 0
  let planted = 0
  const glyph: Array<[RegExp, string]> = [[/i/, 'l'], [/m/, 'rn'], [/e/, 'c'], [/d/, 'cl'], [/n/, 'ri'], [/o/, '0']]
  while (out.length < documents) {
    const track = { topic: `de ${pick(rng, v.nouns)} en ${pick(rng, v.nouns)}` }
    const date = _date(int(rng, 0, 900))
    const paragraphs: string[][] = []
    for (let p = 0; p < pages * 4; p++) paragraphs.push(Array.from({ length: int(rng, 2, 4) }, () => _sentence(rng, v, track.topic)).join(' ').split(' '))
    const title = `${pick(rng, v.nouns)} over ${track.topic}`
    const to = pick(rng, ADDRESSEES)
    const copies = Math.min(documents - out.length, rng() < 0.2 ? int(rng, 2, 3) : 1)
    if (copies > 1) planted += copies
    for (let c = 0; c < copies; c++) {
      const noise = c === 0 ? 0.02 : 0.1
      const blocks: Block[] = []
      let offset = 0
      paragraphs.forEach((words, b) => {
        const p = page + Math.floor((b * pages) / paragraphs.length)
        if (b > 0 && Math.floor(((b - 1) * pages) / paragraphs.length) !== p - page) offset = 0
        const tokens = words.map((word) => {
          let text = word
          if (rng() < noise) {
            const [from, to] = pick(rng, glyph)
            text = word.replace(from, to)
          }
          const token = { text, page: p, start: offset, end: offset + text.length }
          offset += text.length + 1
          return token
        })
        blocks.push({ kind: 'paragraph', level: 0, tokens })
      })
      out.push({
        id: `nota-${date.iso}-${out.length}`, pages: Array.from({ length: pages }, (_, k) => page + k),
        metadata: { ...emptyMetadata('nota'), title, date: date.iso, to },
        uncertain: [], copy: null, text: '', markdown: '', copyOf: null, annotations: [], redactions: [], blocks,
      })
      page += pages
    }
  }
  return { documents: out, planted }
}

export function cer(text: string, gold: string): number {
  const a = text.replace(/\s+/g, ' ').trim()
  const b = gold.replace(/\s+/g, ' ').trim()
  return b.length === 0 ? (a.length === 0 ? 0 : 1) : distance(a, b) / b.length
}

export function pairwise(predicted: Map<string, string>, gold: Map<string, string>, ids: string[], only?: (a: string, b: string) => boolean) {
  let tp = 0
  let fp = 0
  let fn = 0
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i]!
      const b = ids[j]!
      if (only && !only(a, b)) continue
      const p = predicted.get(a) !== undefined && predicted.get(a) === predicted.get(b)
      const g = gold.get(a) !== undefined && gold.get(a) === gold.get(b)
      if (p && g) tp++
      else if (p) fp++
      else if (g) fn++
    }
  }
  return { tp, fp, fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) }
}

/**
 * The seed release as raw OCR, one document per copy (pages from gold/pages.tsv,
 * no clean-up: furniture and handwriting stay in the body). The 19 Jan copy
 * whose first page lacks the title block gets no title and date. Prints the
 * groups and chains found and the CER of the consensus and of each copy
 * against the gold body.
 */
function evalSeedRelease(): void {
  const raw = readFileSync(join(root, 'corpus', '000_13cc09d959e3939d.txt'), 'utf8').split('\n')
  const rows = readFileSync(join(root, 'corpus', 'gold', 'pages.tsv'), 'utf8').split('\n').filter((l) => /^\d/.test(l)).map((l) => l.split('\t'))
  const golds = new Map<string, ReturnType<typeof parseMarkdown>>()
  const docs = new Map<string, Document>()
  for (const row of rows) {
    const [pageNo, firstLine, lastLine, docId, copy] = row as [string, string, string, string, string]
    if (docId === '-') continue
    if (!golds.has(docId)) golds.set(docId, parseMarkdown(readFileSync(join(root, 'corpus', 'gold', `${docId}.md`), 'utf8')))
    const gold = golds.get(docId)!
    const id = `${docId}/${copy}`
    let doc = docs.get(id)
    if (!doc) {
      const metadata = { ...gold.metadata }
      if (docId.includes('2024-01-19') && copy === 'MSZW') {
        metadata.title = null
        metadata.date = null
      }
      doc = { id, pages: [], metadata, uncertain: [], copy, text: '', markdown: '', copyOf: null, annotations: [], redactions: [], blocks: [] }
      docs.set(id, doc)
    }
    const page = Number(pageNo) - 1
    doc.pages.push(page)
    const source = raw.slice(Number(firstLine) - 1, Number(lastLine)).join('\n')
    for (const para of source.matchAll(/[^\n]+(?:\n[^\n]+)*/g)) {
      const tokens = [...para[0].matchAll(/\S+/g)].map((m) => ({ text: m[0], page, start: para.index! + m.index!, end: para.index! + m.index! + m[0].length }))
      if (tokens.length > 0) doc.blocks.push({ kind: 'paragraph', level: 0, tokens })
    }
  }
  for (const doc of docs.values()) doc.text = blocksToText(doc.blocks)
  const result = dedupe([...docs.values()])
  console.log('groups:')
  for (const group of result.groups) console.log(`  ${group.members.join(" + ")}  similarity ${group.similarity}; canonical ${group.canonical}\n    ${group.reason}`)
  console.log('chains:')
  for (const chain of result.versions) console.log(`  ${chain.documents.join(' -> ')}\n    ${chain.reason}`)
  console.log('CER against the gold body (raw OCR, furniture included):')
  for (const group of result.groups) {
    const gold = blocksToText(golds.get(group.canonical.split('/')[0]!)!.blocks)
    const copies = group.members.map((id) => `${id.split('/')[1]} ${(100 * cer(docs.get(id)!.text, gold)).toFixed(1)} %`).join(', ')
    console.log(`  ${group.canonical.split('/')[0]}: consensus ${(100 * cer(group.text, gold)).toFixed(1)} %; copies ${copies}`)
  }
  for (const issue of result.issues) console.log(`  issue: ${issue.severity} ${issue.ruleId}: ${issue.message}`)
}

function main(): void {
  const args = process.argv.slice(2)
  if (args.includes('--seed-release')) {
    evalSeedRelease()
    return
  }
  const arg = (name: string, fallback: number): number => {
    const i = args.indexOf(name)
    return i >= 0 ? Number(args[i + 1]) : fallback
  }
  const tracks = arg('--tracks', 150)
  const range = args.indexOf('--seeds')
  if (range >= 0) {
    // One line per seed, and the figures over all pairs of all seeds together.
    const [lo, hi] = args[range + 1]!.split('-').map(Number) as [number, number]
    const f = (x: number): string => x.toFixed(4)
    const sum = { all: { tp: 0, fp: 0, fn: 0 }, decidable: { tp: 0, fp: 0, fn: 0 }, chains: { tp: 0, fp: 0, fn: 0 }, undecidablePairs: 0, undecidableFalseMerges: 0 }
    console.log('seed  precision recall  recall-decidable  fp fn undecidable-pairs  chains P R')
    for (let seed = lo; seed <= (hi ?? lo); seed++) {
      const r = evaluate(seed, tracks, args, true)
      for (const [key, m] of [['all', r.grouping], ['decidable', r.groupingDecidable], ['chains', r.chains_]] as const) {
        sum[key].tp += m.tp
        sum[key].fp += m.fp
        sum[key].fn += m.fn
      }
      sum.undecidablePairs += r.groupingDecidable.undecidablePairs
      sum.undecidableFalseMerges += r.groupingDecidable.undecidableFalseMerges
      console.log(`${String(seed).padStart(4)}  ${f(r.grouping.precision)}    ${f(r.grouping.recall)}  ${f(r.groupingDecidable.recall)}            ${String(r.grouping.fp).padStart(2)} ${String(r.grouping.fn).padStart(2)} ${String(r.groupingDecidable.undecidablePairs).padStart(2)}                ${f(r.chains_.precision)} ${f(r.chains_.recall)}`)
    }
    const pr = (m: { tp: number; fp: number; fn: number }): string => `precision ${f(m.tp / Math.max(1, m.tp + m.fp))} recall ${f(m.tp / Math.max(1, m.tp + m.fn))} (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`
    console.log(`all seeds: grouping ${pr(sum.all)}; without the ${sum.undecidablePairs} undecidable pairs ${pr(sum.decidable)} (of its fp, ${sum.undecidableFalseMerges} join two undecidable copies of different versions); chains ${pr(sum.chains)}`)
    return
  }
  evaluate(arg('--seed', 42), tracks, args, false)
}

/** One seed: generate, dedupe, measure; prints the report unless `quiet`. */
function evaluate(seed: number, tracks: number, args: string[], quiet: boolean) {
  const release = generateRelease(seed, { tracks, laterSidebar: !args.includes('--no-later-sidebar') })
  const t0 = performance.now()
  const result = dedupe(release.documents)
  const ms = performance.now() - t0
  const ids = release.planted.map((p) => p.doc.id)
  const byId = new Map(release.planted.map((p) => [p.doc.id, p]))

  // Grouping: documents are in one predicted group when they share the canonical.
  const groupOf = new Map<string, string>()
  for (const doc of result.documents) groupOf.set(doc.id, doc.copyOf ?? doc.id)
  const goldVersion = new Map(release.planted.map((p) => [p.doc.id, p.version]))
  const grouping = pairwise(groupOf, goldVersion, ids)
  const heavy = pairwise(groupOf, goldVersion, ids, (a, b) => byId.get(a)!.traits.noise >= 0.3 || byId.get(b)!.traits.noise >= 0.3)
  const partial = pairwise(groupOf, goldVersion, ids, (a, b) => byId.get(a)!.traits.missingFirstPage || byId.get(b)!.traits.missingFirstPage)
  const sentencePairs = pairwise(groupOf, goldVersion, ids, (a, b) => {
    const va = byId.get(a)!.version
    const vb = byId.get(b)!.version
    return va !== vb && byId.get(a)!.track === byId.get(b)!.track && (release.sentenceVersions.has(va) || release.sentenceVersions.has(vb))
  })
  // Chains: documents (through their group) in one predicted chain; gold: same track, different version.
  const chainOf = new Map<string, string>()
  result.versions.forEach((chain, c) => {
    for (const id of chain.documents) chainOf.set(id, `chain${c}`)
  })
  const predictedChain = new Map<string, string>()
  for (const id of ids) {
    const chain = chainOf.get(groupOf.get(id)!)
    if (chain) predictedChain.set(id, chain)
  }
  const goldTrack = new Map<string, string>()
  const versionsPerTrack = new Map<string, Set<string>>()
  for (const p of release.planted) {
    const set = versionsPerTrack.get(p.track) ?? new Set()
    set.add(p.version)
    versionsPerTrack.set(p.track, set)
  }
  for (const p of release.planted) if (versionsPerTrack.get(p.track)!.size > 1) goldTrack.set(p.doc.id, p.track)
  const chains = pairwise(predictedChain, goldTrack, ids, (a, b) => goldVersion.get(a) !== goldVersion.get(b))

  // Consensus CER against the clean note, versus each copy's own CER.
  let groupsMeasured = 0
  let better = 0
  let sumConsensus = 0
  let sumBestCopy = 0
  let sumMeanCopy = 0
  for (const group of result.groups) {
    const versions = new Set(group.members.map((id) => goldVersion.get(id)))
    if (versions.size !== 1) continue
    const gold = release.clean.get([...versions][0]!)!
    const copyCers = group.members.map((id) => cer(byId.get(id)!.doc.text, gold))
    const consensusCer = cer(group.text, gold)
    groupsMeasured++
    sumConsensus += consensusCer
    sumBestCopy += Math.min(...copyCers)
    sumMeanCopy += copyCers.reduce((s, x) => s + x, 0) / copyCers.length
    if (consensusCer < Math.min(...copyCers) || (consensusCer === 0 && Math.min(...copyCers) === 0)) better++
  }
  // Pairs no text can decide (see undecidableCopies), reported apart: recall also without them.
  const undecidable = undecidableCopies(release)
  const tiePairs = undecidablePairs(release, undecidable)
  const decidable = pairwise(groupOf, goldVersion, ids, (a, b) => !tiePairs.has(_pairKey(a, b)))
  // False merges of two undecidable copies of different versions whose kept text fits both: a guess too.
  const fits = (a: string, b: string): boolean => (undecidable.get(a) ?? []).includes(goldVersion.get(b)!) && (undecidable.get(b) ?? []).includes(goldVersion.get(a)!)
  const tieMerges = pairwise(groupOf, goldVersion, ids, fits).fp
  const report = {
    seed, tracks, documents: ids.length, groups: result.groups.length, chains: result.versions.length, ms: Math.round(ms),
    grouping, groupingDecidable: { ...decidable, undecidableCopies: [...undecidable.keys()].sort(), undecidablePairs: tiePairs.size, undecidableFalseMerges: tieMerges }, heavyNoisePairs: heavy, missingFirstPagePairs: partial, singleSentenceVersionPairs: sentencePairs, chains_: chains,
    consensus: {
      groupsMeasured, betterThanEveryCopy: better,
      meanCer: sumConsensus / Math.max(1, groupsMeasured), meanBestCopyCer: sumBestCopy / Math.max(1, groupsMeasured), meanCopyCer: sumMeanCopy / Math.max(1, groupsMeasured),
    },
  }
  if (quiet) return report
  if (args.includes('--json')) {
    console.log(JSON.stringify(report, null, 2))
    return report
  }
  const f = (x: number): string => x.toFixed(4)
  console.log(`seed ${seed}: ${ids.length} documents from ${tracks} tracks; dedupe ${report.ms} ms; ${result.groups.length} groups, ${result.versions.length} chains`)
  console.log(`grouping   pairwise precision ${f(grouping.precision)} recall ${f(grouping.recall)} (tp ${grouping.tp}, fp ${grouping.fp}, fn ${grouping.fn})`)
  console.log(`  heavy-noise pairs        precision ${f(heavy.precision)} recall ${f(heavy.recall)} (tp ${heavy.tp}, fp ${heavy.fp}, fn ${heavy.fn})`)
  console.log(`  missing-first-page pairs precision ${f(partial.precision)} recall ${f(partial.recall)} (tp ${partial.tp}, fp ${partial.fp}, fn ${partial.fn})`)
  console.log(`  single-sentence versions wrongly grouped as copies: ${sentencePairs.fp} of the pairs across such versions`)
  console.log(`chains     pairwise precision ${f(chains.precision)} recall ${f(chains.recall)} (tp ${chains.tp}, fp ${chains.fp}, fn ${chains.fn})`)
  const c = report.consensus
  console.log(`consensus  ${c.groupsMeasured} groups: CER consensus ${(100 * c.meanCer).toFixed(2)} %, best copy ${(100 * c.meanBestCopyCer).toFixed(2)} %, mean copy ${(100 * c.meanCopyCer).toFixed(2)} %; better than every copy in ${c.betterThanEveryCopy}/${c.groupsMeasured}`)
  console.log(`  undecidable: ${undecidable.size} copies that lost their first page keep text that is word for word the end of another version of their track too (the sentence the versions differ in was on the lost page), and no date or reference that tells the two apart (the kept page's sidebar lost, or its date misread to within one character of both); their ${tiePairs.size} pairs with the other copies of their version are decidable by no text or metadata; of the false merges, ${tieMerges} join two such copies of different versions whose kept text fits both`)
  console.log(`grouping without the undecidable pairs: precision ${f(decidable.precision)} recall ${f(decidable.recall)} (tp ${decidable.tp}, fp ${decidable.fp}, fn ${decidable.fn}); with them (above): precision ${f(grouping.precision)} recall ${f(grouping.recall)}`)
  if (args.includes('--errors')) printErrors(release, groupOf, goldVersion, ids, undecidable, tiePairs)
  return report
}

/**
 * Reporting only: copies that lost their first page where the sentence their
 * version adds or lacks stood on the lost page, so that the clean text they
 * were made from (their version's words from where the copy starts, as the
 * generator recorded it) is word for word the end of another version of their
 * track, and where what the kept page's sidebar shows (see `laterSidebar`) does
 * not tell the two versions apart either: no date, or a misread date one
 * character from the other version's date too, and no reference, or one that
 * agrees with the other version's. The copy then holds nothing that tells
 * which of the two versions it is; its pairs with the other copies of its
 * version are misses a grouping that does not guess must leave. Copies that
 * lost a line of the distinguishing text to heavy noise are not counted: they
 * are rare, and counting them would need a judgement.
 */
export function undecidableCopies(release: PlantedRelease): Map<string, string[]> {
  const words = new Map([...release.clean].map(([version, text]) => [version, _words(text)]))
  const out = new Map<string, string[]>()
  for (const p of release.planted) {
    if (!p.traits.missingFirstPage) continue
    const own = words.get(p.version)!
    const kept = own.slice(p.fromWord)
    if (kept.length === 0) continue
    const alike: string[] = []
    for (const [version, other] of words) {
      if (version === p.version || !version.startsWith(`${p.track}v`) || other.length < kept.length) continue
      const tail = other.slice(other.length - kept.length)
      if (tail.every((w, i) => w === kept[i]) && !_metadataTells(p.doc, release.printed.get(version)!)) alike.push(version)
    }
    if (alike.length > 0) out.set(p.doc.id, alike)
  }
  return out
}

/** Whether a copy's date or reference rules out that it is a copy of a version that prints `other`. */
function _metadataTells(doc: Document, other: { date: string | null; reference: string | null }): boolean {
  const date = doc.metadata.date
  if (date !== null && other.date !== null && date !== other.date) {
    if (!doc.uncertain.includes('date')) return true
    let differ = 0
    for (let i = 0; i < date.length; i++) if (date[i] !== other.date[i]) differ++
    if (differ > 1) return true
  }
  const ref = doc.metadata.reference
  return ref !== null && other.reference !== null && !ref.startsWith(other.reference) && !other.reference.startsWith(ref)
}

/**
 * Pairs of copies of one version where one copy is undecidable (see above)
 * and the other is not: the pairs no text can confirm. Two undecidable copies
 * of one version are one text and stay counted.
 */
function undecidablePairs(release: PlantedRelease, undecidable: Map<string, string[]>): Set<string> {
  const out = new Set<string>()
  for (const a of release.planted) {
    if (!undecidable.has(a.doc.id)) continue
    for (const b of release.planted) {
      if (b.version !== a.version || undecidable.has(b.doc.id)) continue
      out.add(_pairKey(a.doc.id, b.doc.id))
    }
  }
  return out
}

function _pairKey(a: string, b: string): string {
  return a < b ? `${a}\t${b}` : `${b}\t${a}`
}

/** Every misgrouped pair (false merge or miss) with the facts the grouping decided on. Reporting only. */
function printErrors(release: PlantedRelease, groupOf: Map<string, string>, goldVersion: Map<string, string>, ids: string[], undecidable: Map<string, string[]>, tiePairs: Set<string>): void {
  const byId = new Map(release.planted.map((p) => [p.doc.id, p]))
  const keys = new Map<string, string[]>()
  const keysOf = (id: string): string[] => {
    let k = keys.get(id)
    if (!k) {
      k = documentBlocks(byId.get(id)!.doc).flatMap((b) => b.tokens.map((t) => foldWord(t.text)))
      keys.set(id, k)
    }
    return k
  }
  const describe = (id: string): string => {
    const p = byId.get(id)!
    const t = p.traits
    const alike = undecidable.get(id)
    const sidebar = t.missingFirstPage ? `, later-page sidebar ${t.laterSidebar}` : ''
    return `${id} [${p.version}${t.missingFirstPage ? `, no first page${alike ? `, text also ends ${alike.join(', ')}` : ''}` : ''}${sidebar}, noise ${t.noise}, date ${p.doc.metadata.date ?? '-'}${p.doc.uncertain.includes('date') ? '?' : ''}, ${keysOf(id).length} words, group ${groupOf.get(id)}]`
  }
  const measure = (a: string, b: string): string => {
    const ka = keysOf(a)
    const kb = keysOf(b)
    const columns = alignKeys(ka, kb)
    let ma = 0
    let mb = 0
    for (const col of columns) if (col.match) {
      for (const i of col.a) if (ka[i] !== '') ma++
      for (const j of col.b) if (kb[j] !== '') mb++
    }
    const na = ka.filter((k) => k !== '').length
    const nb = kb.filter((k) => k !== '').length
    return `similarity ${alignmentSimilarity(ka, kb, columns).toFixed(3)}, share of ${a} in the other ${(ma / Math.max(1, na)).toFixed(3)}, share of ${b} in the other ${(mb / Math.max(1, nb)).toFixed(3)}`
  }
  const rows: string[] = []
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i]!
      const b = ids[j]!
      const predicted = groupOf.get(a) === groupOf.get(b)
      const gold = goldVersion.get(a) === goldVersion.get(b)
      if (predicted === gold) continue
      const [x, y] = a < b ? [a, b] : [b, a]
      const tie = (undecidable.get(x) ?? []).includes(goldVersion.get(y)!) && (undecidable.get(y) ?? []).includes(goldVersion.get(x)!)
      const label = predicted ? (tie ? 'FALSE MERGE (two undecidable copies)' : 'FALSE MERGE') : tiePairs.has(_pairKey(x, y)) ? 'UNDECIDABLE' : 'MISS       '
      rows.push(`${label} ${describe(x)}\n            ${describe(y)}\n            ${measure(x, y)}`)
    }
  }
  rows.sort()
  console.log(`misgrouped pairs: ${rows.length}`)
  for (const row of rows) console.log(row)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()
