// Measure the segment stage: readText -> analyzeLayout -> segmentRelease on
// synthetic releases (scripts/gen-release.ts) and on the seed against
// corpus/gold/pages.tsv and the gold front matter.
//
//   npx tsx scripts/eval-segment.ts [--seeds 50] [--from 1] [--noise 0.04] [--verbose]
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { distance } from 'fastest-levenshtein'
import { loadLexicon } from '../src/correct/lexicon.js'
import { analyzeLayout } from '../src/layout/index.js'
import { readText } from '../src/pages/index.js'
import { parseMarkdown } from '../src/parse/markdown.js'
import { redactionCounts, segmentRelease, type SegmentedDocument } from '../src/segment/index.js'
import type { Metadata, Page } from '../src/types.js'
import { generateRelease } from './gen-release.js'

interface TruthPage {
  page: number
  firstLine: number
  lastLine: number
  /** Copy-level identity: pages with the same instance form one document. Null for noise. */
  instance: string | null
  document: string | null
  copy: string | null
}

interface TruthDoc {
  instance: string
  metadata: Metadata
  copy: string | null
  redactions: Record<string, number> | null
}

const lexicon = loadLexicon()
const FIELDS: Array<keyof Metadata> = ['kind', 'title', 'to', 'date', 'organisation', 'directorate', 'reference', 'status', 'attachments_count', 'from', 'subject']

interface Tally {
  releases: number
  exact: number
  pairTp: number
  pairFp: number
  pairFn: number
  noiseTp: number
  noiseFp: number
  noiseFn: number
  breakTp: number
  breakFp: number
  breakFn: number
  docs: number
  kind: number
  copyN: number
  copySpurious: number
  flagRight: number
  flagWrong: number
  unflaggedWrong: number
  copyOk: number
  redTruth: number
  redBlank: number
  exactCleanBreaks: number
  cleanBreaks: number
  redFound: number
  redMatched: number
  fields: Record<string, { n: number; exact: number; lenient: number; spurious: number; nullTruth: number }>
  breakExamples: string[]
  splitExamples: string[]
  fieldExamples: string[]
}

function _tally(): Tally {
  const fields: Tally['fields'] = {}
  for (const f of FIELDS) fields[f] = { n: 0, exact: 0, lenient: 0, spurious: 0, nullTruth: 0 }
  return {
    releases: 0, exact: 0, pairTp: 0, pairFp: 0, pairFn: 0, noiseTp: 0, noiseFp: 0, noiseFn: 0, breakTp: 0, breakFp: 0, breakFn: 0,
    docs: 0, kind: 0, copyN: 0, copySpurious: 0, flagRight: 0, flagWrong: 0, unflaggedWrong: 0, copyOk: 0, redTruth: 0, redBlank: 0, exactCleanBreaks: 0, cleanBreaks: 0, redFound: 0, redMatched: 0, fields, breakExamples: [], splitExamples: [], fieldExamples: [],
  }
}

const norm = (v: unknown): string => (v === null || v === undefined ? '' : String(v).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim())

/** Run the pipeline up to segmentation on a text, and score it against the truth. */
function _score(t: Tally, label: string, text: string, truthPages: TruthPage[], truthDocs: Map<string, TruthDoc>): void {
  const read = readText(new TextEncoder().encode(text), label)
  const pages: Page[] = read.value
  const layouts = pages.map((p) => analyzeLayout(p))
  const seg = segmentRelease(pages, layouts, { lexicon })
  t.releases++

  // Line ranges of detected pages.
  // Pages are slices of the text (a form feed between them, where the text has them).
  const startLine: number[] = []
  let cursor = 0
  let line = 1
  for (const p of pages) {
    const at = p.source === '' ? cursor : text.indexOf(p.source, cursor)
    for (let i = cursor; i < at; i++) if (text[i] === '\n' || text[i] === '\f') line++
    startLine.push(line)
    for (let i = at; i < at + p.source.length; i++) if (text[i] === '\n') line++
    cursor = at + p.source.length
  }
  const lines = text.split(/[\n\f]/)
  const detectedAt = (ln: number): number => {
    let k = 0
    while (k + 1 < startLine.length && startLine[k + 1]! <= ln) k++
    return k
  }

  // Page breaks: truth page starts vs detected page starts.
  const truthStarts = new Set(truthPages.slice(1).map((p) => p.firstLine))
  const foundStarts = new Set(startLine.slice(1))
  for (const s of foundStarts) {
    if (truthStarts.has(s)) t.breakTp++
    else {
      t.breakFp++
      if (t.breakExamples.length < 12) t.breakExamples.push(`${label} l.${s}: extra page start ${JSON.stringify(lines[s - 1]!.slice(0, 60))}`)
    }
  }
  for (const s of truthStarts) {
    if (!foundStarts.has(s)) {
      t.breakFn++
      if (t.breakExamples.length < 12) t.breakExamples.push(`${label} l.${s}: missed page start ${JSON.stringify(lines[s - 1]!.slice(0, 60))} after ${JSON.stringify(lines[s - 2]?.slice(0, 40) ?? '')}`)
    }
  }

  // Each truth page -> the predicted document holding its first content line.
  const docOfPage = new Map<number, number>()
  seg.documents.forEach((d, k) => d.pages.forEach((p) => docOfPage.set(p, k)))
  const noise = new Set(seg.noisePages)
  const predicted: Array<number | 'noise'> = truthPages.map((tp) => {
    let ln = tp.firstLine
    while (ln < tp.lastLine && lines[ln - 1]!.trim() === '') ln++
    const p = pages[detectedAt(ln)]!
    return noise.has(p.index) ? 'noise' : docOfPage.get(p.index) ?? 'noise'
  })
  truthPages.forEach((tp, i) => {
    const isNoise = tp.instance === null
    if (isNoise && predicted[i] === 'noise') t.noiseTp++
    else if (!isNoise && predicted[i] === 'noise') t.noiseFp++
    else if (isNoise) t.noiseFn++
  })

  // Pairwise and exact split over content pages.
  const content = truthPages.map((tp, i) => ({ tp, pred: predicted[i]! })).filter((x) => x.tp.instance !== null)
  let exact = true
  for (let i = 0; i < content.length; i++) {
    for (let j = i + 1; j < content.length; j++) {
      const same = content[i]!.tp.instance === content[j]!.tp.instance
      const samePred = content[i]!.pred !== 'noise' && content[i]!.pred === content[j]!.pred
      if (same && samePred) t.pairTp++
      else if (samePred) t.pairFp++
      else if (same) t.pairFn++
      if (same !== samePred) exact = false
    }
  }
  if (content.some((x) => x.pred === 'noise')) exact = false
  const breaksRight = [...foundStarts].every((x) => truthStarts.has(x)) && [...truthStarts].every((x) => foundStarts.has(x))
  if (breaksRight) {
    t.cleanBreaks++
    if (exact) t.exactCleanBreaks++
  }
  if (exact) t.exact++
  else if (t.splitExamples.length < 10) {
    const letters = new Map<string, string>()
    for (const x of content) if (!letters.has(x.tp.instance!)) letters.set(x.tp.instance!, String.fromCharCode(65 + (letters.size % 26)))
    const truthGroups = content.map((x) => `${x.tp.page}:${letters.get(x.tp.instance!)}`).join(' ')
    const predGroups = content.map((x) => `${x.tp.page}:${x.pred}`).join(' ')
    t.splitExamples.push(`${label}${breaksRight ? '' : ' (page breaks wrong)'}\n    truth ${truthGroups}\n    pred  ${predGroups}`)
  }

  // Per truth document: the predicted document holding its first page.
  for (const [instance, truth] of truthDocs) {
    const first = content.find((x) => x.tp.instance === instance)
    if (!first || first.pred === 'noise') continue
    const doc: SegmentedDocument = seg.documents[first.pred]!
    t.docs++
    if (doc.metadata.kind === truth.metadata.kind) t.kind++
    for (const f of FIELDS) {
      const want = norm(truth.metadata[f])
      const got = norm(doc.metadata[f])
      const tally = t.fields[f]!
      if (want === '') {
        tally.nullTruth++
        if (got !== '') {
          tally.spurious++
          if (t.fieldExamples.length < 200) t.fieldExamples.push(`${label} ${instance.slice(0, 30)} SPURIOUS ${f}: got ${JSON.stringify(got)}`)
        }
        continue
      }
      tally.n++
      const flagged = doc.uncertain.includes(f)
      if (want === got) {
        tally.exact++
        if (flagged) {
          t.flagRight++
          if (t.fieldExamples.length < 200) t.fieldExamples.push(`${label} ${instance.slice(0, 30)} FLAGGED-RIGHT ${f}: ${JSON.stringify(got)}`)
        }
      } else if (flagged) t.flagWrong++
      else if (got !== '') {
        t.unflaggedWrong++
        if (t.fieldExamples.length < 200) t.fieldExamples.push(`${label} ${instance.slice(0, 30)} UNFLAGGED ${f}: want ${JSON.stringify(want)} got ${JSON.stringify(got)}`)
      }
      if (got !== '' && distance(want, got) <= Math.max(1, Math.floor(want.length * 0.1))) tally.lenient++
      else if (t.fieldExamples.length < 200) t.fieldExamples.push(`${label} ${instance.slice(0, 30)} ${f}: want ${JSON.stringify(want)} got ${JSON.stringify(got)}`)
    }
    if (truth.copy === null && doc.copy !== null && !label.startsWith('seed')) t.copySpurious++
    if (truth.copy !== null) {
      t.copyN++
      if (doc.copy === truth.copy) t.copyOk++
      else if (t.fieldExamples.length < 200) t.fieldExamples.push(`${label} ${instance.slice(0, 30)} copy: want ${truth.copy} got ${doc.copy}`)
    }
    if (truth.redactions !== null) {
      const got = redactionCounts(doc)
      for (const [g, n] of Object.entries(truth.redactions)) {
        t.redTruth += n
        t.redMatched += Math.min(n, got[g] ?? 0)
      }
      for (const [g, n] of Object.entries(got)) {
        if (g === 'none') t.redBlank += n
        else t.redFound += n
      }
    }
  }
}

const pct = (a: number, b: number): string => (b === 0 ? '  n/a' : `${((100 * a) / b).toFixed(1).padStart(5)}%`)

function _report(title: string, t: Tally, verbose: boolean): void {
  console.log(`\n== ${title}`)
  console.log(`releases ${t.releases}; exact document split ${t.exact}/${t.releases} (${pct(t.exact, t.releases).trim()})`)
  console.log(`  of releases whose page breaks src/pages found exactly: ${t.exactCleanBreaks}/${t.cleanBreaks} (${pct(t.exactCleanBreaks, t.cleanBreaks).trim()})`)
  console.log(`pairwise same-document pages: precision ${pct(t.pairTp, t.pairTp + t.pairFp)} recall ${pct(t.pairTp, t.pairTp + t.pairFn)}`)
  console.log(`noise pages: found ${t.noiseTp}, content called noise ${t.noiseFp}, noise missed ${t.noiseFn}`)
  console.log(`page breaks (src/pages): precision ${pct(t.breakTp, t.breakTp + t.breakFp)} recall ${pct(t.breakTp, t.breakTp + t.breakFn)}`)
  console.log(`documents scored ${t.docs}; kind ${pct(t.kind, t.docs)}; copy stamp ${pct(t.copyOk, t.copyN)} of ${t.copyN} stamped (${t.copySpurious} stamps reported on unstamped copies)`)
  if (t.redTruth > 0) console.log(`redaction grounds: recall ${pct(t.redMatched, t.redTruth)} precision ${pct(t.redMatched, t.redFound)} (${t.redTruth} printed; plus ${t.redBlank} blank redacted fields without a ground)`)
  console.log(`uncertain flags: ${t.flagWrong} on wrong values, ${t.flagRight} on right ones; ${t.unflaggedWrong} wrong values (not missing ones) unflagged`)
  console.log('metadata field      n  exact  lenient  spurious/null-truth')
  for (const [f, v] of Object.entries(t.fields)) {
    console.log(`  ${f.padEnd(18)}${String(v.n).padStart(4)} ${pct(v.exact, v.n)} ${pct(v.lenient, v.n)}   ${v.spurious}/${v.nullTruth}`)
  }
  if (verbose) {
    if (t.breakExamples.length) console.log('page-break examples:\n  ' + t.breakExamples.join('\n  '))
    if (t.splitExamples.length) console.log('split failures:\n  ' + t.splitExamples.join('\n  '))
    if (t.fieldExamples.length) console.log('field misses:\n  ' + t.fieldExamples.join('\n  '))
  }
}

function _seed(verbose: boolean): void {
  const root = new URL('../corpus/', import.meta.url).pathname
  const file = readdirSync(root).find((f) => /^\d+_.*\.txt$/.test(f))!
  const text = readFileSync(join(root, file), 'utf8')
  const truthPages: TruthPage[] = readFileSync(join(root, 'gold/pages.tsv'), 'utf8')
    .split('\n')
    .filter((l) => /^\d/.test(l))
    .map((l) => {
      const [page, first, last, document, copy] = l.split('\t')
      const isNoise = document === '-'
      return { page: Number(page), firstLine: Number(first), lastLine: Number(last), document: isNoise ? null : document!, instance: isNoise ? null : `${document}#${copy}`, copy: isNoise ? null : copy! }
    })
  const gold = new Map<string, Metadata>()
  for (const f of readdirSync(join(root, 'gold')).filter((f) => f.endsWith('.md'))) {
    const parsed = parseMarkdown(readFileSync(join(root, 'gold', f), 'utf8'))
    gold.set(parsed.id ?? f.replace(/\.md$/, ''), parsed.metadata)
  }
  const truthDocs = new Map<string, TruthDoc>()
  for (const tp of truthPages) {
    if (tp.instance === null || truthDocs.has(tp.instance)) continue
    const metadata = gold.get(tp.document!)
    if (!metadata) continue
    // pages.tsv labels two copies by inference (no stamp printed): they count as misses here.
    truthDocs.set(tp.instance, { instance: tp.instance, metadata, copy: tp.copy, redactions: null })
  }
  const t = _tally()
  _score(t, 'seed', text, truthPages, truthDocs)
  _report('seed vs corpus/gold (metadata: gold front matter per nota, scored on every copy)', t, verbose)
}

/**
 * With `formFeeds`, the true page breaks are given as form feeds (each page's last
 * newline becomes `\f`), so the score is the segmenter's alone; without, src/pages
 * must find the breaks as in a real OCR export.
 */
function _synthetic(from: number, seeds: number, verbose: boolean, formFeeds: boolean): void {
  const t = _tally()
  for (let s = from; s < from + seeds; s++) {
    const release = generateRelease(s, { noise })
    const truthPages: TruthPage[] = release.pages.map((p) => ({ page: p.page, firstLine: p.firstLine, lastLine: p.lastLine, instance: p.instance, document: p.document, copy: p.copy }))
    const truthDocs = new Map<string, TruthDoc>(release.documents.map((d) => [d.instance, { instance: d.instance, metadata: d.metadata, copy: d.copy, redactions: d.redactions }]))
    let text = release.text
    if (formFeeds) {
      const lines = text.split('\n')
      text = lines.map((l, i) => l + (i === lines.length - 1 ? '' : release.pages.some((p) => p.lastLine === i + 1) ? '\f' : '\n')).join('')
    }
    _score(t, `gen-${s}`, text, truthPages, truthDocs)
  }
  const how = formFeeds ? 'true page breaks given as form feeds' : 'page breaks found by src/pages'
  _report(`synthetic releases, seeds ${from}..${from + seeds - 1} (scripts/gen-release.ts), ${how}`, t, verbose)
}

const argv = process.argv.slice(2)
const arg = (name: string, fallback: string): string => {
  const k = argv.indexOf(name)
  return k >= 0 && argv[k + 1] !== undefined ? argv[k + 1]! : fallback
}
const verbose = argv.includes('--verbose')
/** OCR damage rate on body words of the synthetic releases (gen-release default 0.04). */
const noise = Number(arg('--noise', '0.04'))
_seed(verbose)
_synthetic(Number(arg('--from', '1')), Number(arg('--seeds', '50')), verbose, false)
_synthetic(Number(arg('--from', '1')), Number(arg('--seeds', '50')), verbose, true)
