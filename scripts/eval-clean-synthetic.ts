// Cleaning quality on synthetic releases (scripts/gen-release.ts with its gold bodies):
// each seed's release goes through the whole pipeline (`release()`), each output document
// is matched to the truth instance whose lines it holds most of (the page map of
// gen-<seed>.tsv), and scored against that instance's gold body: CER and WER before (the
// raw OCR text of the instance's pages, furniture and all) and after (the document's
// cleaned text), and block precision / recall (scoreStructure).
//
// Every truth instance counts. Segmentation faults are scored as they are, not left out:
// an instance that no document holds most of scores against an empty text (CER 1, blocks
// recall 0); where several documents hold parts of it, the one with most of its lines is
// scored and the rest of its text counts as lost; a document that also holds another
// instance's text carries that text as insertions. How many of each is reported.
//
//   npx tsx scripts/eval-clean-synthetic.ts [--seeds 1-20] [--noise 0.04] [--json]
//     [--worst N]      list the N documents with the highest CER after
//     [--errors]       classify the residual word errors and block errors, with examples
//     [--examples N]   examples per error class (default 6)
//     [--out DIR]      write DIR/gen-<seed>/<instance>.{gold,out,raw}.md|txt for diffing
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { diffArrays } from 'diff'
import { release } from '../src/release.js'
import { cer, collapse, goldText, wer } from '../src/eval/index.js'
import { blockCells, blockText, parseMarkdown } from '../src/parse/markdown.js'
import { scoreStructure } from '../src/parse/structure.js'
import type { Block, Document } from '../src/types.js'
import { generateRelease, type TruthDocument } from './gen-release.js'

// ---------------------------------------------------------------- arguments

const argv = process.argv.slice(2)
const arg = (name: string): string | undefined => {
  const k = argv.indexOf(name)
  return k >= 0 ? argv[k + 1] : undefined
}
const seedsArg = arg('--seeds') ?? '1-20'
const seedMatch = /^(\d+)(?:-(\d+))?$/.exec(seedsArg)
if (!seedMatch) throw new Error(`--seeds takes A-B or N, got ${seedsArg}`)
const seedFrom = Number(seedMatch[1])
const seedTo = Number(seedMatch[2] ?? seedMatch[1])
const noise = arg('--noise') === undefined ? undefined : Number(arg('--noise'))
const asJson = argv.includes('--json')
const worstN = Number(arg('--worst') ?? 0)
const withErrors = argv.includes('--errors')
const outDir = arg('--out')

// ---------------------------------------------------------------- scoring one release

type Segmentation = 'ok' | 'missed' | 'split' | 'merged' | 'split+merged'

export interface InstanceScore {
  seed: number
  instance: string
  kind: string
  /** The output document scored, or null when none holds most of this instance. */
  document: string | null
  segmentation: Segmentation
  /** Share of the instance's non-blank lines in the scored document. */
  coverage: number
  /** Share of the scored document's non-blank lines that are this instance's. */
  purity: number
  goldChars: number
  goldWords: number
  cerBefore: number
  cerAfter: number
  werBefore: number
  werAfter: number
  blocks: { matched: number; blocks: number; goldBlocks: number }
}

interface Scored {
  score: InstanceScore
  gold: string
  goldBlocks: Block[]
  after: string
  raw: string
  doc: Document | null
  truth: TruthDocument
}

function scoreRelease(seed: number): { scored: Scored[]; spurious: number; documents: number } {
  const generated = generateRelease(seed, { gold: true, ...(noise === undefined ? {} : { noise }) })
  const text = generated.text
  const lines = text.split('\n')
  const out = release(text).value

  // Line ranges of the pages the pipeline found (pages are slices of the text).
  const pageLines: Array<[number, number]> = []
  let cursor = 0
  let line = 1
  for (const page of out.pages) {
    const at = page.source === '' ? cursor : text.indexOf(page.source, cursor)
    for (let i = cursor; i < at; i++) if (text[i] === '\n') line++
    const first = line
    for (let i = at; i < at + page.source.length; i++) if (text[i] === '\n') line++
    // A page that ends with its line break ends on the line before.
    pageLines.push([first, page.source.endsWith('\n') ? line - 1 : line])
    cursor = at + page.source.length
  }
  // Truth: the instance of each line (the page map of gen-<seed>.tsv).
  const instanceOf = new Array<string | null>(lines.length + 1).fill(null)
  for (const p of generated.pages) for (let l = p.firstLine; l <= p.lastLine; l++) instanceOf[l] = p.instance
  const contentLines = (l: number): boolean => lines[l - 1]!.trim() !== ''
  const truthLines = new Map<string, number>()
  for (let l = 1; l <= lines.length; l++) if (instanceOf[l] && contentLines(l)) truthLines.set(instanceOf[l]!, (truthLines.get(instanceOf[l]!) ?? 0) + 1)

  // Each output document: its non-blank lines per truth instance.
  const docs = out.documents.map((doc) => {
    const byInstance = new Map<string, number>()
    let total = 0
    for (const index of doc.pages) {
      const [a, b] = pageLines[index]!
      for (let l = a; l <= b; l++) {
        if (!contentLines(l)) continue
        total++
        const inst = instanceOf[l]
        if (inst) byInstance.set(inst, (byInstance.get(inst) ?? 0) + 1)
      }
    }
    let best: string | null = null
    for (const [inst, n] of byInstance) if (best === null || n > byInstance.get(best)!) best = inst
    return { doc, byInstance, total, best }
  })
  const spurious = docs.filter((d) => d.best === null).length

  const scored: Scored[] = []
  for (const truth of generated.documents) {
    const mine = docs.filter((d) => d.best === truth.instance).sort((a, b) => b.byInstance.get(truth.instance)! - a.byInstance.get(truth.instance)!)
    const chosen = mine[0] ?? null
    const own = truthLines.get(truth.instance) ?? 0
    const coverage = chosen ? chosen.byInstance.get(truth.instance)! / Math.max(1, own) : 0
    const purity = chosen ? chosen.byInstance.get(truth.instance)! / Math.max(1, chosen.total) : 0
    const split = mine.length > 1 || (chosen !== null && coverage < 0.95)
    const merged = chosen !== null && purity < 0.95
    const segmentation: Segmentation = chosen === null ? 'missed' : split && merged ? 'split+merged' : split ? 'split' : merged ? 'merged' : 'ok'
    scored.push(_score(seed, truth, chosen?.doc ?? null, segmentation, coverage, purity, _rawText(generated.pages, lines, truth.instance)))
  }
  if (outDir) _dump(seed, scored)
  return { scored, spurious, documents: out.documents.length }
}

function _rawText(pages: ReturnType<typeof generateRelease>['pages'], lines: string[], instance: string): string {
  return pages.filter((p) => p.instance === instance).map((p) => lines.slice(p.firstLine - 1, p.lastLine).join('\n')).join('\n')
}

function _score(seed: number, truth: TruthDocument, doc: Document | null, segmentation: Segmentation, coverage: number, purity: number, raw: string): Scored {
  const gold = goldText(truth.gold!)
  const goldBlocks = parseMarkdown(truth.gold!).blocks
  const after = doc ? collapse(doc.text) : ''
  const s = scoreStructure(doc?.blocks ?? [], goldBlocks)
  return {
    score: {
      seed, instance: truth.instance, kind: truth.kind, document: doc?.id ?? null, segmentation, coverage, purity,
      goldChars: gold.length, goldWords: gold.split(' ').filter(Boolean).length,
      cerBefore: cer(collapse(raw), gold), werBefore: wer(collapse(raw), gold), cerAfter: cer(after, gold), werAfter: wer(after, gold),
      blocks: { matched: s.matched, blocks: s.blocks, goldBlocks: s.goldBlocks },
    },
    gold, goldBlocks, after, raw, doc, truth,
  }
}

function _dump(seed: number, scored: Scored[]): void {
  const dir = join(outDir!, `gen-${seed}`)
  mkdirSync(dir, { recursive: true })
  for (const s of scored) {
    const name = s.score.instance.replace('#', '_')
    writeFileSync(join(dir, `${name}.gold.md`), _blocksMarkdown(s.goldBlocks))
    writeFileSync(join(dir, `${name}.out.md`), s.doc ? _blocksMarkdown(s.doc.blocks) : '')
    writeFileSync(join(dir, `${name}.raw.txt`), s.raw + '\n')
  }
}

/** Blocks one a line, with their kind and level, for a line diff of gold against output. */
function _blocksMarkdown(blocks: Block[]): string {
  return blocks.map((b) => `${b.kind === 'heading' ? '#'.repeat(Math.max(2, b.level)) + ' ' : b.kind === 'bullet' ? '  '.repeat(b.level - 1) + '- ' : ''}${b.kind === 'table-row' ? blockCells(b).join(' | ') : blockText(b)}`).join('\n') + '\n'
}

// ---------------------------------------------------------------- error classes

interface ErrorClass {
  events: number
  words: number
  /** Events by a finer label (what the furniture was, which damage was left, which block kinds). */
  detail: Record<string, number>
  examples: string[]
}
const examplesN = Number(arg('--examples') ?? 6)

const CLASSES = [
  'furniture: redaction ground left in body',
  'furniture: sidebar / stamp / page number / header left in body',
  'furniture: mail header / letter head / title block left in body',
  'extra text: bullet glyph kept as a word',
  'extra text (other)',
  'lost text',
  'lost text: punctuation only',
  'left uncorrected: word',
  'left uncorrected: word boundary (merge/split/underscore)',
  'wrongly corrected: a correct word changed',
  'wrongly corrected: an OCR error changed to a wrong word',
  'wrongly corrected: case only',
  'handwriting residue',
  'block: kind or level wrong',
  'block: missing / split / joined (gold side)',
  'block: spurious / split / joined (output side)',
] as const
type ClassName = (typeof CLASSES)[number]

const GROUND = /^(?:5[.,]?1[.,]?2[., ]?e|S12e|&t2e|10[.,]?2[.,]?e|1O\.2e)[.,;]?$/
/** Words that the generator prints only as furniture: sidebar labels and values, stamps, page numbers, mail headers. */
const FURNITURE_WORDS = new Set([
  'datum', 'onze', 'referentie', 'directie', 'opgesteld', 'contactpersoon', 'bijlage(n)', 'pagina', 'postbus', 'retouradres', 'kenmerk',
  'van:', 'aan:', 'verzonden:', 'onderwerp:', 'cc:', 'memo', 'betreft', 'nota',
  'financieel-economische', 'arbeidsmarkt', 'bestuursondersteuning', 'wetgeving', 'juridische', 'internationale', 'begrotingszaken', 'strategie',
  'participatie', 'decentrale', 'voorzieningen', 'kennis', 'verkenning', 'bestuursondersteuning',
])
const CAPS = new Set(['TER', 'BESLISSING', 'INFORMATIE', 'ONDERTEKENING', 'KENNISNAME', 'ADVISERING'])
const STAMPS = new Set(['MFIN', 'STASFIN', 'MBZK', 'STASBZK', 'MVWS', 'MLZS', 'MOCW', 'MPVO', 'MIENW', 'STASIENW', 'MEZK', 'MKE', 'MJENV', 'MRB', 'MSZW', 'MAPP', 'MLNV', 'MNS', 'MDEF', 'STASDEF'])
const MONTH = /^(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|okt|nov|dec)\.?$/i
function _isFurnitureWord(word: string): boolean {
  const w = word.toLowerCase()
  return FURNITURE_WORDS.has(w) || CAPS.has(word) || STAMPS.has(word.toUpperCase()) || /^\d{4}-\d*$/.test(w) || /^\d{1,2}[:-]?$/.test(w) ||
    /^:?\d{4}$/.test(w) || /^\d{2}-\d{2}-\d{4}$/.test(w) || MONTH.test(w)
}

function _furnitureKind(words: string[]): string {
  const text = words.join(' ')
  if (words.some((w) => CAPS.has(w))) return 'status'
  if (words.some((w) => STAMPS.has(w.toUpperCase()))) return 'stamp'
  if (/Pagina/i.test(text)) return 'page number'
  if (/\d{4}-\d*/.test(text)) return 'reference'
  if (words.some((w) => MONTH.test(w)) || /\d{2}-\d{2}-\d{4}/.test(text)) return 'date'
  return 'sidebar label / directorate'
}

/** Which OCR damage a word left uncorrected shows. */
function _damageKind(gold: string, out: string): string {
  const bare = (w: string): string => w.normalize('NFD').replace(/\p{M}/gu, '')
  if (bare(gold) === bare(out)) return 'accent'
  if (gold.toLowerCase() === out.toLowerCase()) return 'case'
  if (Math.abs(gold.length - out.length) === 1 && (gold.includes(out.replace(/(.)\1/, '$1')) || out.length < gold.length)) return out.length < gold.length ? 'dropped letter' : 'doubled letter'
  return 'glyph'
}

/** Gold words, and those the raw text prints otherwise (aligned one to one): the OCR damage there was to undo. */
const damage = { goldWords: 0, damaged: 0 }

const join_ = (words: string[]): string => words.join('').replace(/_/g, '')

function classify(s: Scored, tally: Map<ClassName, ErrorClass>, kindTally: Map<string, Map<ClassName, number>>): void {
  const add = (name: ClassName, words: number, example: () => string, detail = ''): void => {
    const c = tally.get(name)!
    c.events++
    c.words += words
    if (detail) c.detail[detail] = (c.detail[detail] ?? 0) + 1
    if (c.examples.length < examplesN) c.examples.push(example())
    const k = kindTally.get(s.score.kind) ?? new Map()
    k.set(name, (k.get(name) ?? 0) + 1)
    kindTally.set(s.score.kind, k)
  }
  const gold = s.gold.split(' ').filter(Boolean)
  const out = s.after.split(' ').filter(Boolean)
  const raw = collapse(s.raw).split(' ').filter(Boolean)
  const rawLines = s.raw.split('\n')
  // The raw word each gold word was printed as (where gold and raw align one to one).
  const rawOf = new Array<string | null>(gold.length).fill(null)
  {
    let g = 0
    const parts = diffArrays(gold, raw)
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k]!
      if (!p.added && !p.removed) {
        for (const w of p.value) rawOf[g++] = w
      } else if (p.removed) {
        const next = parts[k + 1]
        if (next?.added && next.value.length === p.value.length) {
          p.value.forEach((_, i) => (rawOf[g + i] = next.value[i]!))
          k++
        }
        g += p.value.length
      }
    }
  }
  const ctx = (words: string[], at: number, n: number): string => words.slice(Math.max(0, at - 4), at + n + 4).join(' ')
  const rawLine = (words: string[]): string => {
    let best = ''
    let score = 0
    for (const l of rawLines) {
      const ws = new Set(l.split(/\s+/))
      const hit = words.filter((w) => ws.has(w)).length
      if (hit > score) {
        score = hit
        best = l.trim()
      }
    }
    return best
  }
  damage.goldWords += gold.length
  damage.damaged += rawOf.filter((r, i) => r !== null && r !== gold[i]).length
  const id = `${s.score.seed}:${s.score.instance}`
  const parts = diffArrays(gold, out)
  let g = 0
  let o = 0
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!
    if (!p.added && !p.removed) {
      g += p.value.length
      o += p.value.length
      continue
    }
    const removed = p.removed ? p.value : []
    const next = p.removed && parts[k + 1]?.added ? parts[k + 1]! : null
    const added = p.added ? p.value : next ? next.value : []
    if (next) k++
    const gAt = g
    const oAt = o
    g += removed.length
    o += added.length
    const example = (): string => `${id}\n      gold: …${ctx(gold, gAt, removed.length)}…\n      out:  …${ctx(out, oAt, added.length)}…\n      raw:  ${JSON.stringify(rawLine([...added, ...removed, ...gold.slice(Math.max(0, gAt - 3), gAt)]))}`
    if (removed.length === 0) {
      // Insertions: furniture, redaction grounds, or other text.
      const grounds = added.filter((w) => GROUND.test(w)).length
      const furniture = added.filter((w) => !GROUND.test(w) && _isFurnitureWord(w)).length
      const source = rawLine(added)
      const text = added.join(' ').toLowerCase().replace(/^(?:onderwerp|betreft|aan|nota|datum|ons kenmerk)\s+/, '')
      const md = s.truth.metadata
      const meta = Object.entries(md).filter((e): e is [string, string] => typeof e[1] === 'string').map(([k, v]) => [k, v.toLowerCase()] as const)
      // Words the letterhead and sidebar print: the organisation (on two lines), the directorate, the status.
      const headWords = new Set([md.organisation, md.directorate, md.status].filter((v): v is string => typeof v === 'string').flatMap((v) => v.toLowerCase().split(' ')))
      const fromMeta = meta.find(([, v]) => v.includes(text) && text.length > 12)
      if (grounds > 0 && grounds + furniture >= added.length / 2) add('furniture: redaction ground left in body', added.length, example)
      else if (/^(?:Van|Aan|Verzonden|Onderwerp|CC):/.test(source)) add('furniture: mail header / letter head / title block left in body', added.length, example, 'mail header')
      else if (furniture >= added.length / 2) add('furniture: sidebar / stamp / page number / header left in body', added.length, example, _furnitureKind(added))
      else if (fromMeta || added.every((w) => headWords.has(w.toLowerCase()))) {
        const field = fromMeta?.[0] ?? (added.every((w) => md.directorate?.toLowerCase().split(' ').includes(w.toLowerCase())) ? 'directorate' : 'organisation')
        if (field === 'directorate' || field === 'status') add('furniture: sidebar / stamp / page number / header left in body', added.length, example, field)
        else add('furniture: mail header / letter head / title block left in body', added.length, example, `letter head / title block (${field})`)
      }
      else if (added.length === 1 && /^[^\p{L}\p{N}]$|^\p{L}$/u.test(added[0]!)) add('extra text: bullet glyph kept as a word', 1, example, added[0])
      else add('extra text (other)', added.length, example)
      continue
    }
    if (added.length === 0) {
      if (removed.every((w) => /^\p{P}+$/u.test(w))) add('lost text: punctuation only', removed.length, example)
      else add('lost text', removed.length, example)
      continue
    }
    if (join_(removed) === join_(added) || join_(removed).toLowerCase() === join_(added).toLowerCase()) {
      add('left uncorrected: word boundary (merge/split/underscore)', removed.length, example,
        added.some((w) => w.includes('_')) ? 'underscore' : added.length < removed.length ? 'merged' : 'split')
      continue
    }
    if (removed.length === added.length) {
      removed.forEach((w, i) => {
        const o1 = added[i]!
        if (w === o1) return
        const r = rawOf[gAt + i]
        const one = (): string => `${id}\n      gold: …${ctx(gold, gAt + i, 1)}…\n      out:  …${ctx(out, oAt + i, 1)}…\n      raw word: ${JSON.stringify(r)}; raw line: ${JSON.stringify(rawLine([o1, w, ...gold.slice(Math.max(0, gAt + i - 3), gAt + i)]))}`
        if (/^[eoc«•-]_?/.test(o1) && o1.replace(/^[eoc«•-]_?/, '') === w) add('extra text: bullet glyph kept as a word', 1, one, 'glyph run into the word')
        else if (_isFurnitureWord(o1) && /\d|^[A-Z]{3,}$/.test(o1) && !_isFurnitureWord(w)) add('furniture: sidebar / stamp / page number / header left in body', 1, one, _furnitureKind([o1]))
        else if (o1.toLowerCase() === w.toLowerCase() && r === w) add('wrongly corrected: case only', 1, one)
        else if (r !== null && o1 === r) add('left uncorrected: word', 1, one, _damageKind(w, o1))
        else if (r === w) add('wrongly corrected: a correct word changed', 1, one)
        else if (GROUND.test(o1)) add('furniture: redaction ground left in body', 1, one)
        else if (r === null && raw.includes(o1)) add('left uncorrected: word', 1, one, _damageKind(w, o1))
        else add('wrongly corrected: an OCR error changed to a wrong word', 1, one)
      })
      continue
    }
    // Uneven replacement: the output text as printed is an uncorrected stretch, else a mix.
    const printed = collapse(s.raw).includes(added.join(' '))
    const furniture = added.filter((w) => GROUND.test(w) || _isFurnitureWord(w)).length
    // Sidebar words that are not the gold's: furniture, even where a body word next to them is also damaged.
    const foreign = added.filter((w) => (GROUND.test(w) || _isFurnitureWord(w)) && !removed.includes(w))
    if (furniture >= added.length / 2 && added.length > removed.length || foreign.some((w) => /\d/.test(w) || CAPS.has(w) || STAMPS.has(w.toUpperCase()))) {
      add('furniture: sidebar / stamp / page number / header left in body', added.length, example, _furnitureKind(foreign.length ? foreign : added))
    } else if (removed.length === 1 && added.length === 1 && /^[eoc«•-]_?/.test(added[0]!) && added[0]!.replace(/^[eoc«•-]_?/, '') === removed[0]) {
      add('extra text: bullet glyph kept as a word', 1, example, 'glyph run into the word')
    }
    else if (printed) add('left uncorrected: word', removed.length, example)
    else add('wrongly corrected: an OCR error changed to a wrong word', removed.length, example)
  }
  if (s.doc) _classifyBlocks(s, add)
}

function _classifyBlocks(s: Scored, add: (name: ClassName, words: number, example: () => string, detail?: string) => void): void {
  const key = (b: Block): string => (b.kind === 'table-row' ? 'table-row' : `${b.kind}:${b.kind === 'paragraph' || b.kind === 'numbered' ? 0 : b.level}`)
  const text = (b: Block): string => collapse(b.kind === 'table-row' ? blockCells(b).join(' ') : blockText(b)).toLowerCase()
  const similar = (a: string, b: string): boolean => {
    const longest = Math.max(a.length, b.length)
    if (longest === 0) return true
    if (Math.min(a.length, b.length) / longest < 0.85) return false
    // Same threshold as scoreStructure, by a cheap word overlap bound.
    const wa = a.split(' ')
    const wb = new Set(b.split(' '))
    return wa.filter((w) => wb.has(w)).length / Math.max(wa.length, wb.size) >= 0.7
  }
  const outBlocks = s.doc!.blocks.map((b) => ({ key: key(b), text: text(b), used: false, b }))
  const goldBlocks = s.goldBlocks.map((b) => ({ key: key(b), text: text(b), used: false, b }))
  const id = `${s.score.seed}:${s.score.instance}`
  for (const gb of goldBlocks) {
    const same = outBlocks.find((ob) => !ob.used && ob.key === gb.key && similar(ob.text, gb.text))
    if (same) {
      same.used = gb.used = true
      continue
    }
  }
  for (const gb of goldBlocks.filter((x) => !x.used)) {
    const other = outBlocks.find((ob) => !ob.used && similar(ob.text, gb.text))
    if (other) {
      other.used = gb.used = true
      add('block: kind or level wrong', 0, () => `${id}  gold ${gb.key} -> out ${other.key}: ${JSON.stringify(gb.text.slice(0, 70))}`, `${gb.key} -> ${other.key}`)
    }
  }
  for (const gb of goldBlocks.filter((x) => !x.used)) add('block: missing / split / joined (gold side)', 0, () => `${id}  gold ${gb.key}: ${JSON.stringify(gb.text.slice(0, 90))}`, gb.key)
  for (const ob of outBlocks.filter((x) => !x.used)) add('block: spurious / split / joined (output side)', 0, () => `${id}  out ${ob.key}: ${JSON.stringify(ob.text.slice(0, 90))}`, ob.key)
}

// ---------------------------------------------------------------- totals

/** Sums over documents: the edit counts and gold lengths of InstanceScore, added up. */
interface Total extends Pick<InstanceScore, 'goldChars' | 'goldWords' | 'cerBefore' | 'cerAfter' | 'werBefore' | 'werAfter'> {
  documents: number
  segmentation: Record<Segmentation, number>
  matched: number
  blocks: number
  goldBlocks: number
}

function _total(rows: InstanceScore[]): Total {
  const t: Total = { documents: 0, segmentation: { ok: 0, missed: 0, split: 0, merged: 0, 'split+merged': 0 }, goldChars: 0, goldWords: 0, cerBefore: 0, cerAfter: 0, werBefore: 0, werAfter: 0, matched: 0, blocks: 0, goldBlocks: 0 }
  for (const r of rows) {
    t.documents++
    t.segmentation[r.segmentation]++
    t.goldChars += r.goldChars
    t.goldWords += r.goldWords
    // Edit distances summed, over the summed gold length (a long document weighs more).
    t.cerBefore += r.cerBefore * r.goldChars
    t.cerAfter += r.cerAfter * r.goldChars
    t.werBefore += r.werBefore * r.goldWords
    t.werAfter += r.werAfter * r.goldWords
    t.matched += r.blocks.matched
    t.blocks += r.blocks.blocks
    t.goldBlocks += r.blocks.goldBlocks
  }
  if (t.goldChars) (t.cerBefore /= t.goldChars), (t.cerAfter /= t.goldChars)
  if (t.goldWords) (t.werBefore /= t.goldWords), (t.werAfter /= t.goldWords)
  return t
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`
const ratio = (a: number, b: number): string => (b === 0 ? '-' : (a / b).toFixed(3))

function _row(label: string, t: Total): string {
  const seg = `${t.segmentation.ok}/${t.documents - t.segmentation.ok}`
  return [
    label.padEnd(16), String(t.documents).padStart(5), seg.padStart(9),
    pct(t.cerBefore).padStart(10), pct(t.cerAfter).padStart(9), pct(t.werBefore).padStart(10), pct(t.werAfter).padStart(9),
    `${ratio(t.matched, t.blocks)} / ${ratio(t.matched, t.goldBlocks)}`.padStart(15),
  ].join('  ')
}

// ---------------------------------------------------------------- main

const rows: InstanceScore[] = []
const all: Scored[] = []
let spurious = 0
let outputDocs = 0
for (let seed = seedFrom; seed <= seedTo; seed++) {
  const r = scoreRelease(seed)
  spurious += r.spurious
  outputDocs += r.documents
  for (const s of r.scored) {
    rows.push(s.score)
    all.push(s)
  }
}
const kinds = [...new Set(rows.map((r) => r.kind))].sort()
const totals = { all: _total(rows), segmentedOk: _total(rows.filter((r) => r.segmentation === 'ok')), byKind: Object.fromEntries(kinds.map((k) => [k, _total(rows.filter((r) => r.kind === k))])) }

let errors: { damage: typeof damage; classes: Record<string, ErrorClass>; byKind: Record<string, Record<string, number>> } | null = null
if (withErrors) {
  const tally = new Map<ClassName, ErrorClass>(CLASSES.map((c) => [c, { events: 0, words: 0, detail: {}, examples: [] }]))
  const kindTally = new Map<string, Map<ClassName, number>>()
  // Worst first, so that the examples come from the documents that cost most.
  for (const s of [...all].sort((a, b) => b.score.cerAfter - a.score.cerAfter)) classify(s, tally, kindTally)
  errors = { damage, classes: Object.fromEntries(tally), byKind: Object.fromEntries([...kindTally].map(([k, m]) => [k, Object.fromEntries(m)])) }
}

if (asJson) {
  process.stdout.write(JSON.stringify({ seeds: [seedFrom, seedTo], outputDocuments: outputDocs, spuriousDocuments: spurious, totals, documents: rows, ...(errors ? { errors } : {}) }, null, 2) + '\n')
} else {
  const lines: string[] = []
  lines.push(`seeds ${seedFrom}-${seedTo}: ${rows.length} truth instances, ${outputDocs} output documents (${spurious} holding no instance's lines)`)
  lines.push(`segmentation of instances: ${Object.entries(totals.all.segmentation).map(([k, v]) => `${k} ${v}`).join(', ')}`)
  lines.push('')
  lines.push(['kind'.padEnd(16), 'docs'.padStart(5), 'seg ok/bad'.padStart(9), 'CER before'.padStart(10), 'CER after'.padStart(9), 'WER before'.padStart(10), 'WER after'.padStart(9), 'blocks P / R'.padStart(15)].join('  '))
  for (const k of kinds) lines.push(_row(k, totals.byKind[k]!))
  lines.push(_row('all', totals.all))
  lines.push(_row('all, seg ok', totals.segmentedOk))
  lines.push('')
  lines.push('CER/WER: edit distance summed over documents / summed gold length; blocks: matched / output blocks, matched / gold blocks (scoreStructure), summed.')
  if (worstN > 0) {
    lines.push('', `worst ${worstN} by CER after:`)
    for (const r of [...rows].sort((a, b) => b.cerAfter - a.cerAfter).slice(0, worstN)) {
      lines.push(`  ${pct(r.cerAfter).padStart(6)}  WER ${pct(r.werAfter).padStart(6)}  blocks ${ratio(r.blocks.matched, r.blocks.blocks)}/${ratio(r.blocks.matched, r.blocks.goldBlocks)}  ${r.segmentation.padEnd(12)} seed ${r.seed} ${r.instance} -> ${r.document ?? '(none)'} (coverage ${r.coverage.toFixed(2)}, purity ${r.purity.toFixed(2)})`)
    }
  }
  if (errors) {
    lines.push('', `gold words ${errors.damage.goldWords}, of which the raw text prints ${errors.damage.damaged} otherwise (aligned one to one; merges and splits not counted)`)
    lines.push('residual errors (events = diff hunks or words; words = gold words affected or output words inserted):')
    for (const [name, c] of Object.entries(errors.classes)) {
      lines.push(`  ${name.padEnd(66)} ${String(c.events).padStart(6)} events ${String(c.words).padStart(6)} words`)
      const detail = Object.entries(c.detail).sort((a, b) => b[1] - a[1])
      if (detail.length > 0) lines.push(`      ${detail.map(([k, v]) => `${k} ${v}`).join('; ')}`)
    }
    lines.push('', 'per kind (events):')
    for (const [kind, m] of Object.entries(errors.byKind)) lines.push(`  ${kind}: ${Object.entries(m).map(([n, v]) => `${n} ${v}`).join('; ')}`)
    lines.push('', 'examples (from the worst documents first):')
    for (const [name, c] of Object.entries(errors.classes)) {
      if (c.examples.length === 0) continue
      lines.push(`  [${name}]`)
      for (const e of c.examples) lines.push(`    ${e}`)
    }
  }
  process.stdout.write(lines.join('\n') + '\n')
}
