// Speed of the structured diff on long documents, side by side with jsdiff's
// `diffWords` on the same flat text.
//
// Two 200-page documents are generated from the gold notes (and the notes of
// scripts/eval-diff.ts) with a seeded PRNG: note after note, each with a few real
// edits and OCR noise.
//   similar:    the same notes in the same order on both sides (separately edited and noised)
//   dissimilar: other notes in another order, a third of the words replaced
// Run: npx tsx scripts/bench-diff.ts [--timeout SECONDS] [--pages N]
import { cpus, loadavg } from 'node:os'
import { pathToFileURL } from 'node:url'
import { diffWords } from 'diff'
import { mulberry32 } from './lib/ocr-noise.js'
import { applyEdit, EDIT_KINDS, loadNotes, noisyCopy, toDocument, type Note, type PlainBlock, type Rng } from './eval-diff.js'
import { diffDocuments, type DiffInput } from '../src/diff/index.js'
import { loadLexicon } from '../src/correct/lexicon.js'

const WORDS_PER_PAGE = 300

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!
}

/** A long document: notes one after another until `pages` pages of words. */
export function longDocument(notes: Note[], order: number[], rng: Rng, pages: number, replaceShare: number): { doc: DiffInput; words: number } {
  const blocks: PlainBlock[] = []
  let words = 0
  let origin = 0
  const vocabulary = notes.flatMap((n) => n.blocks.flatMap((b) => b.words))
  for (let k = 0; words < pages * WORDS_PER_PAGE; k++) {
    const note = notes[order[k % order.length]!]!
    const edited = note.blocks.map((b) => ({ ...b, words: [...b.words] }))
    const touched = new Set<number>()
    for (let e = 0; e < 2; e++) applyEdit(edited, pick(rng, EDIT_KINDS), rng, notes.flatMap((n) => n.blocks.map((b) => b.words)), () => 1e6 + origin++, touched)
    if (replaceShare > 0) {
      for (const block of edited) block.words = block.words.map((w) => (rng() < replaceShare ? pick(rng, vocabulary) : w))
    }
    for (const block of noisyCopy(note, edited, rng)) {
      blocks.push({ ...block, origin: origin++ })
      words += block.words.length
    }
  }
  const pageSize = Math.max(1, Math.ceil(blocks.length / pages))
  return { doc: toDocument('long', notes[0]!.metadata, blocks, pageSize).doc, words }
}

function flat(doc: DiffInput): string {
  return doc.blocks.map((b) => b.tokens.map((t) => t.text).join(' ')).join('\n\n')
}

/** Wall time and CPU time (user + system) of one call: on a shared machine the CPU time is the fairer figure. */
function time<T>(fn: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage()
  const start = performance.now()
  const value = fn()
  const used = process.cpuUsage(cpu)
  return { value, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 }
}

function main(): void {
  const args = process.argv.slice(2)
  const timeoutArg = args.indexOf('--timeout')
  const timeoutS = timeoutArg >= 0 ? Number(args[timeoutArg + 1]) : 20
  const pagesArg = args.indexOf('--pages')
  const pages = pagesArg >= 0 ? Number(args[pagesArg + 1]) : 200
  const notes = loadNotes()
  const load = time(() => loadLexicon())
  console.log(`lexicon load (once per process, not counted below): ${load.ms.toFixed(0)} ms`)
  const rng = mulberry32(20240213)
  const orderA = Array.from({ length: 50 }, () => Math.floor(rng() * notes.length))
  const orderB = Array.from({ length: 50 }, () => Math.floor(rng() * notes.length))
  const a = longDocument(notes, orderA, mulberry32(1), pages, 0)
  const similar = longDocument(notes, orderA, mulberry32(2), pages, 0)
  const dissimilar = longDocument(notes, orderB, mulberry32(3), pages, 0.33)
  console.log(`pages: ${pages}, old: ${a.doc.blocks.length} blocks / ${a.words} words`)
  console.log(`load average: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores (wall time; cpu = user+system of this process)`)
  console.log('pair        | ours (structured)          | jsdiff diffWords (flat text)')
  for (const [name, b] of [['similar', similar], ['dissimilar', dissimilar]] as const) {
    // The first run is cold (JIT, the noise model's per-word caches empty); then the best of three.
    const cold = time(() => diffDocuments(a.doc, b.doc))
    let best = Infinity
    let bestCpu = Infinity
    let summary = ''
    for (let run = 0; run < 3; run++) {
      const r = time(() => diffDocuments(a.doc, b.doc))
      best = Math.min(best, r.ms)
      bestCpu = Math.min(bestCpu, r.cpuMs)
      summary = JSON.stringify(r.value.summary)
    }
    const textA = flat(a.doc)
    const textB = flat(b.doc)
    const js = time(() => diffWords(textA, textB, { timeout: timeoutS * 1000 }))
    const jsText =
      js.value === undefined
        ? `did not finish in ${timeoutS} s (cpu ${js.cpuMs.toFixed(0)} ms)`
        : `${js.ms.toFixed(0)} ms (cpu ${js.cpuMs.toFixed(0)} ms), ${js.value.filter((c) => c.added || c.removed).length} changes`
    console.log(`${name.padEnd(11)} | ${`${best.toFixed(0)} ms (cpu ${bestCpu.toFixed(0)} ms)`.padEnd(26)} | ${jsText}`)
    console.log(`            | cold first run: ${cold.ms.toFixed(0)} ms (cpu ${cold.cpuMs.toFixed(0)} ms)`)
    console.log(`            | ${b.doc.blocks.length} new blocks, ${b.words} words; summary ${summary}`)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main()
