// Speed of the structured diff on long documents, side by side with jsdiff's
// `diffWords` on the same flat text.
//
// Two 200-page documents are generated from the gold notes (and the notes of
// scripts/eval-diff.ts) with a seeded PRNG: note after note, each with a few real
// edits and OCR noise.
//   similar:    the same notes in the same order on both sides (separately edited and noised)
//   dissimilar: other notes in another order, a third of the words replaced
// Cold figures come from fresh processes (what a CLI user sees: the JIT and every
// per-process cache empty), one per run, the median of `--cold-runs` of them; the
// lexicon load the diff needs is timed there too and reported beside the diff.
// Warm figures are the best of three runs in this process.
// It measures the code as users run it: built with tsup (into .tmp) and run by plain node;
// `--source` measures the TypeScript sources under tsx instead (tsx's transformed copies and
// source maps sit on the heap and slow the first run).
// Run: npx tsx scripts/bench-diff.ts [--timeout SECONDS] [--pages N] [--cold-runs N] [--source]
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
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

/** CPU time of this process's main thread (Linux; NaN elsewhere), in 10 ms ticks: without the JIT's and GC's helper threads. */
function mainThreadMs(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return NaN
  }
}

/** Wall time and CPU time (user + system) of one call: on a shared machine the CPU time is the fairer figure. */
function time<T>(fn: () => T): { value: T; ms: number; cpuMs: number; mainMs: number } {
  const cpu = process.cpuUsage()
  const main = mainThreadMs()
  const start = performance.now()
  const value = fn()
  const used = process.cpuUsage(cpu)
  return { value, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, mainMs: mainThreadMs() - main }
}

type PairName = 'similar' | 'dissimilar'

/** The benchmark's documents: the old one and the two new ones. */
function documents(pages: number): { a: ReturnType<typeof longDocument>; pairs: Record<PairName, ReturnType<typeof longDocument>> } {
  const notes = loadNotes()
  const rng = mulberry32(20240213)
  const orderA = Array.from({ length: 50 }, () => Math.floor(rng() * notes.length))
  const orderB = Array.from({ length: 50 }, () => Math.floor(rng() * notes.length))
  const a = longDocument(notes, orderA, mulberry32(1), pages, 0)
  const similar = longDocument(notes, orderA, mulberry32(2), pages, 0)
  const dissimilar = longDocument(notes, orderB, mulberry32(3), pages, 0.33)
  return { a, pairs: { similar, dissimilar } }
}

interface ColdRun {
  lexiconMs: number
  lexiconCpuMs: number
  ms: number
  cpuMs: number
  mainMs: number
}

/** In a fresh process: load the lexicon, then diff one pair once; print the times as JSON. */
function child(name: PairName, pages: number): void {
  const { a, pairs } = documents(pages)
  const load = time(() => loadLexicon())
  const run = time(() => diffDocuments(a.doc, pairs[name].doc))
  const out: ColdRun = { lexiconMs: load.ms, lexiconCpuMs: load.cpuMs, ms: run.ms, cpuMs: run.cpuMs, mainMs: run.mainMs }
  console.log(JSON.stringify(out))
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

function coldRuns(name: PairName, pages: number, runs: number): ColdRun[] {
  const out: ColdRun[] = []
  for (let k = 0; k < runs; k++) {
    const result = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', name, '--pages', String(pages)], { encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`bench-diff child failed: ${result.stderr}`)
    out.push(JSON.parse(result.stdout.trim().split('\n').pop()!) as ColdRun)
  }
  return out
}

function main(): void {
  const args = process.argv.slice(2)
  const option = (name: string, fallback: number) => {
    const at = args.indexOf(name)
    return at >= 0 ? Number(args[at + 1]) : fallback
  }
  const timeoutS = option('--timeout', 20)
  const pages = option('--pages', 200)
  const childAt = args.indexOf('--child')
  if (childAt >= 0) return child(args[childAt + 1] as PairName, pages)
  const runs = option('--cold-runs', 3)
  const { a, pairs } = documents(pages)
  const load = time(() => loadLexicon())
  console.log(`lexicon load (once per process; in the cold runs below it is timed separately): ${load.ms.toFixed(0)} ms`)
  console.log(`pages: ${pages}, old: ${a.doc.blocks.length} blocks / ${a.words} words`)
  console.log(`runtime: ${import.meta.url.endsWith('.ts') ? 'TypeScript sources under tsx' : 'tsup build, plain node'}`)
  console.log(`load average: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores (wall time; cpu = user+system of the process, JIT and GC threads included; main = the main thread's cpu)`)
  console.log('pair        | ours, warm (best of 3)             | jsdiff diffWords (flat text)          | jsdiff / ours')
  for (const name of ['similar', 'dissimilar'] as const) {
    const b = pairs[name]
    // Warm: one run to warm up, then the best of three.
    let summary = JSON.stringify(diffDocuments(a.doc, b.doc).summary)
    let best = Infinity
    let bestCpu = Infinity
    let bestMain = Infinity
    for (let run = 0; run < 3; run++) {
      const r = time(() => diffDocuments(a.doc, b.doc))
      best = Math.min(best, r.ms)
      bestCpu = Math.min(bestCpu, r.cpuMs)
      bestMain = Math.min(bestMain, r.mainMs)
      summary = JSON.stringify(r.value.summary)
    }
    const textA = flat(a.doc)
    const textB = flat(b.doc)
    const js = time(() => diffWords(textA, textB, { timeout: timeoutS * 1000 }))
    const jsText =
      js.value === undefined
        ? `did not finish in ${timeoutS} s (cpu ${js.cpuMs.toFixed(0)} ms)`
        : `${js.ms.toFixed(0)} ms (cpu ${js.cpuMs.toFixed(0)} ms), ${js.value.filter((c) => c.added || c.removed).length} changes`
    const ratio = js.value === undefined ? `> ${(js.ms / best).toFixed(0)}x` : `${(js.ms / best).toFixed(1)}x`
    console.log(`${name.padEnd(11)} | ${`${best.toFixed(0)} ms (cpu ${bestCpu.toFixed(0)}, main ${bestMain.toFixed(0)})`.padEnd(34)} | ${jsText.padEnd(37)} | ${ratio}`)
    const cold = coldRuns(name, pages, runs)
    const ms = median(cold.map((r) => r.ms))
    const cpu = median(cold.map((r) => r.cpuMs))
    const mainCpu = median(cold.map((r) => r.mainMs))
    const lex = median(cold.map((r) => r.lexiconMs))
    const total = median(cold.map((r) => r.lexiconMs + r.ms))
    console.log(
      `            | cold, fresh process (median of ${runs}): ${ms.toFixed(0)} ms (cpu ${cpu.toFixed(0)}, main ${mainCpu.toFixed(0)}); with the lexicon load before it (${lex.toFixed(0)} ms): ${total.toFixed(0)} ms` +
        `  [runs: ${cold.map((r) => r.ms.toFixed(0)).join(', ')} ms]`,
    )
    console.log(`            | ${b.doc.blocks.length} new blocks, ${b.words} words; summary ${summary}`)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2)
  if (import.meta.url.endsWith('.ts') && !args.includes('--child') && !args.includes('--source')) {
    // Build this script (and the library it imports) as the package is built, into .tmp, one
    // level below the repository root so that it finds corpus/ and data/ as from scripts/.
    const root = join(dirname(fileURLToPath(import.meta.url)), '..')
    const build = spawnSync('npx', ['tsup', fileURLToPath(import.meta.url), '--no-config', '--format', 'esm', '--target', 'node20', '--out-dir', join(root, '.tmp'), '--silent'], { cwd: root, encoding: 'utf8' })
    if (build.status === 0) {
      const run = spawnSync(process.execPath, [join(root, '.tmp', 'bench-diff.js'), ...args], { stdio: 'inherit' })
      process.exit(run.status ?? 1)
    }
    console.log(`# the tsup build failed (exit ${build.status}): measuring the sources under tsx`)
  }
  main()
}
