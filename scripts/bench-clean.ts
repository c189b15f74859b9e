// Clean-up throughput (MB/s) on a synthetic release of 1,000 pages made by repeating
// the seed with seeded perturbations. Measures `clean()` (pages -> layout -> segment ->
// blocks -> word correction -> markdown) on one core, with word correction and without it
// (the Foundation's stages alone), three ways:
//   warm:   the best of `--runs` runs in one process (the same release again and again);
//   steady: one run in a new process after six other releases of the same kind (the seed's pages in
//           other orders, other perturbations; 6,000 pages: the engine has compiled the hot code by
//           then), the median of `--processes` processes;
//   cold:   one run in a new process, nothing before it but the lexicon load (what one CLI call pays).
// Every timed run starts with the caches emptied (src/memo.ts, the lexicon's compound parses), as a
// release not seen before would.
// It measures the code as users run it: built with tsup (into .tmp) and run by plain node;
// `--source` measures the TypeScript sources under tsx instead.
// Run: npx tsx scripts/bench-clean.ts [--runs N] [--processes N] [--source]   (also part of `npm run bench`)
// `--write FILE` writes the benchmark release to FILE and stops (to time the CLI on it).
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { clean } from '../src/release.js'
import { loadLexicon } from '../src/correct/lexicon.js'
import { splitPages } from '../src/pages/index.js'
import { mulberry32 } from './lib/ocr-noise.js'
import { _clearMemos } from '../src/memo.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The benchmark release: seed pages drawn at random, a few characters of each perturbed. */
export function syntheticRelease(pageCount = 1000, seedNumber = 42): string {
  const seed = readFileSync(join(root, 'corpus/000_13cc09d959e3939d.txt'), 'utf8')
  const pages = splitPages(seed).map((r) => seed.slice(r.start, r.end))
  const rng = mulberry32(seedNumber)
  const SWAPS: Array<[RegExp, string]> = [[/i/g, 'l'], [/e/g, 'é'], [/m/g, 'rn'], [/o/g, '0']]
  const out: string[] = []
  while (out.length < pageCount) {
    let page = pages[Math.floor(rng() * pages.length)]!
    // Perturb a few characters so that the run does not only see the seed's exact words.
    const [pattern, to] = SWAPS[Math.floor(rng() * SWAPS.length)]!
    let n = 0
    page = page.replace(pattern, (m) => (rng() < 0.01 && n++ < 5 ? to : m))
    out.push(page.endsWith('\n') ? page : page + '\n')
  }
  return out.join('')
}

/** One timed run in this process: `steady` warms up on other releases first, `cold` does not. Prints JSON. */
function child(mode: string, correct: boolean): void {
  const data = new TextEncoder().encode(syntheticRelease())
  loadLexicon()
  if (mode === 'steady') {
    for (let other = 1; other <= 6; other++) clean({ name: 'warm-up.txt', data: syntheticRelease(1000, other) }, { correct })
  }
  _clearMemos()
  loadLexicon()._clearCache()
  const start = performance.now()
  clean({ name: 'synthetic.txt', data }, { correct })
  console.log(JSON.stringify({ ms: performance.now() - start }))
}

/** Median wall time of one run over `count` new processes. */
function inProcesses(mode: string, correct: boolean, count: number): number[] {
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', mode, correct ? 'correct' : 'plain'], { encoding: 'utf8' })
    if (run.status !== 0) throw new Error(`bench-clean child failed: ${run.stderr}`)
    times.push((JSON.parse(run.stdout.trim().split('\n').pop()!) as { ms: number }).ms)
  }
  return times.sort((a, b) => a - b)
}

function main(args: string[]): void {
  const childAt = args.indexOf('--child')
  if (childAt >= 0) return child(args[childAt + 1]!, args[childAt + 2] === 'correct')
  const runsAt = args.indexOf('--runs')
  const runs = runsAt >= 0 ? Math.max(1, Number(args[runsAt + 1])) : 5
  const processesAt = args.indexOf('--processes')
  const processes = processesAt >= 0 ? Math.max(1, Number(args[processesAt + 1])) : 3
  const text = syntheticRelease()
  const writeAt = args.indexOf('--write')
  if (writeAt >= 0) {
    writeFileSync(args[writeAt + 1]!, text)
    console.log(`wrote ${args[writeAt + 1]}: 1000 pages, ${Buffer.byteLength(text)} bytes`)
    return
  }
  const mb = Buffer.byteLength(text) / 1e6
  const data = new TextEncoder().encode(text)

  const t0 = performance.now()
  loadLexicon()
  const lexiconMs = performance.now() - t0

  // Wall clock, and the process's CPU time over the same run (V8 collects garbage on helper threads too).
  const measure = (correct: boolean): { best: number; cpu: number; all: number[]; docs: number; words: number; corrections: number } => {
    const all: number[] = []
    const cpus: number[] = []
    let docs = 0
    let words = 0
    let corrections = 0
    for (let i = 0; i < runs; i++) {
      // Each run starts with empty caches, as a release not seen before would.
      _clearMemos()
      loadLexicon()._clearCache()
      const start = performance.now()
      const cpu = process.cpuUsage()
      const result = clean({ name: 'synthetic.txt', data }, { correct })
      all.push(performance.now() - start)
      const used = process.cpuUsage(cpu)
      cpus.push((used.user + used.system) / 1000)
      docs = result.value.documents.length
      words = result.value.documents.reduce((n, doc) => n + doc.blocks.reduce((m, block) => m + block.tokens.length, 0), 0)
      corrections = result.value.corrections.length
    }
    const best = Math.min(...all)
    return { best, cpu: cpus[all.indexOf(best)]!, all, docs, words, corrections }
  }
  const without = measure(false)
  const withCorrection = measure(true)
  const rate = (ms: number): string => (mb / (ms / 1000)).toFixed(2)
  const list = (all: number[]): string => all.map((ms) => ms.toFixed(0)).join(', ')
  console.log(`clean-up: ${1000} pages, ${mb.toFixed(2)} MB, ${withCorrection.docs} documents, ${withCorrection.words} words (${process.execArgv.length > 0 ? 'TypeScript sources under tsx' : 'tsup build, plain node'}; load average ${loadavg()[0]!.toFixed(2)})`)
  console.log(`  lexicon load: ${lexiconMs.toFixed(0)} ms (once per process)`)
  console.log(`  without word correction (pages, layout, documents, blocks): best of ${runs} ${without.best.toFixed(0)} ms = ${rate(without.best)} MB/s (CPU ${without.cpu.toFixed(0)} ms)  [runs: ${list(without.all)} ms]`)
  console.log(`  whole clean-up (with word correction): best of ${runs} ${withCorrection.best.toFixed(0)} ms = ${rate(withCorrection.best)} MB/s (CPU ${withCorrection.cpu.toFixed(0)} ms)  [runs: ${list(withCorrection.all)} ms]`)
  const correctionMs = withCorrection.best - without.best
  console.log(`  word correction alone: about ${correctionMs.toFixed(0)} ms = ${Math.round(withCorrection.words / (correctionMs / 1000)).toLocaleString('en')} words/s, ${withCorrection.corrections} corrections`)
  const median = (times: number[]): number => times[Math.floor(times.length / 2)]!
  for (const mode of ['steady', 'cold']) {
    const plain = inProcesses(mode, false, processes)
    const corrected = inProcesses(mode, true, processes)
    console.log(`  ${mode} (median of ${processes} processes): without word correction ${median(plain).toFixed(0)} ms = ${rate(median(plain))} MB/s [${list(plain)} ms]; with ${median(corrected).toFixed(0)} ms = ${rate(median(corrected))} MB/s [${list(corrected)} ms]`)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && /bench-clean\.[jt]s$/.test(process.argv[1])) {
  const args = process.argv.slice(2)
  if (import.meta.url.endsWith('.ts') && !args.includes('--source')) {
    // Build this script (and the library it imports) as the package is built, into .tmp, one
    // level below the repository root so that it finds corpus/ and data/ as from scripts/.
    const build = spawnSync('npx', ['tsup', fileURLToPath(import.meta.url), '--no-config', '--format', 'esm', '--target', 'node20', '--out-dir', join(root, '.tmp'), '--silent'], { cwd: root, encoding: 'utf8' })
    if (build.status === 0) {
      const run = spawnSync(process.execPath, [join(root, '.tmp', 'bench-clean.js'), ...args], { stdio: 'inherit' })
      process.exit(run.status ?? 1)
    }
    console.log(`# the tsup build failed (exit ${build.status}): measuring the sources under tsx`)
  }
  main(args)
}
