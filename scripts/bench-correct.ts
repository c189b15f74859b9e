// Speed of the correction stage: lexicon load time, words corrected per second,
// and the weighted OCR edit cost against plain Levenshtein (fastest-levenshtein).
//
//   npx tsx scripts/bench-correct.ts [--copies 20]
import { readFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { distance } from 'fastest-levenshtein'
import { DutchLexicon } from '../src/correct/lexicon.js'
import { correctText, confusionCost, isOcrVariant } from '../src/correct/index.js'
import { injectOcrNoise, mulberry32 } from './lib/ocr-noise.js'
import v8 from 'node:v8'
import vm from 'node:vm'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const copies = args.includes('--copies') ? Number(args[args.indexOf('--copies') + 1]) : 20

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

// 1. What one lexicon keeps (measured first, in a fresh process): heap plus the typed arrays' buffers outside it, after a full collection.
v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void
const kept = (): number => {
  gc()
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}
const before = kept()
const lex = new DutchLexicon()
const heapMb = (kept() - before) / 1048576
// Lexicon load: gunzip + parse of the shipped index (fresh instance each time).
const loads: number[] = []
const loadCpu: number[] = []
for (let i = 0; i < 5; i++) {
  const c0 = process.cpuUsage()
  loads.push(new DutchLexicon().loadMs)
  const c = process.cpuUsage(c0)
  loadCpu.push((c.user + c.system) / 1000)
}
console.log(`lexicon: ${lex.size} forms, load ${median(loads).toFixed(0)} ms wall, ${median(loadCpu).toFixed(0)} ms CPU (median of 5), ${heapMb.toFixed(0)} MB kept (heap and array buffers)`)

// 2. Lookups.
const probe = ['beleid', 'Beleid', 'kinderopvangtoeslagaffaire', 'arbeidsmarktinfrastructuur', 'béleid', 'UWV', 'briefis']
let t = performance.now()
let n = 0
for (let r = 0; r < 20000; r++) for (const w of probe) n += lex.has(w + (r % 50 === 0 ? '' : '')) ? 1 : 0
const lookupNs = ((performance.now() - t) * 1e6) / (20000 * probe.length)
console.log(`lookup: ${lookupNs.toFixed(0)} ns per has() (cached compounds)`)

// 3. Whole-stage throughput on noisy text: distinct damage per copy, so caches do not flatter.
const fixture = readFileSync(join(root, 'test', 'correct-ambtelijk-nl.txt'), 'utf8')
let text = ''
for (let c = 0; c < copies; c++) text += injectOcrNoise(fixture, mulberry32(1000 + c), 0.05).text + '\n\n'
const words = text.split(/\s+/).filter(Boolean).length
correctText('warm up het lexicon')
t = performance.now()
const cpu0 = process.cpuUsage()
const result = correctText(text)
const seconds = (performance.now() - t) / 1000
const cpu = process.cpuUsage(cpu0)
const cpuSeconds = (cpu.user + cpu.system) / 1e6
// CPU time as well: on a shared machine wall time mostly measures the neighbours.
console.log(
  `correctText: ${words} words in ${seconds.toFixed(2)} s wall = ${Math.round(words / seconds)} words/s; ` +
    `${cpuSeconds.toFixed(2)} s CPU = ${Math.round(words / cpuSeconds)} words/CPU-s ` +
    `(${result.corrections.length} corrections, ${result.issues.length} issues)`,
)

// 4. Scoring: weighted OCR cost vs plain Levenshtein.
const pairs: Array<[string, string]> = []
const rng = mulberry32(5)
const vocab = fixture.split(/\s+/).filter((w) => w.length > 3)
for (let i = 0; i < 2000; i++) {
  const w = vocab[Math.floor(rng() * vocab.length)]!
  pairs.push([injectOcrNoise(w, rng, 1).text, w])
}
t = performance.now()
let sink = 0
for (let r = 0; r < 10; r++) for (const [a, b] of pairs) sink += confusionCost(a, b)
const weightedUs = ((performance.now() - t) * 1000) / (pairs.length * 10)
t = performance.now()
for (let r = 0; r < 10; r++) for (const [a, b] of pairs) sink += distance(a, b)
const levUs = ((performance.now() - t) * 1000) / (pairs.length * 10)
t = performance.now()
for (let r = 0; r < 10; r++) for (const [a, b] of pairs) sink += isOcrVariant(a, b) ? 1 : 0
const variantUs = ((performance.now() - t) * 1000) / (pairs.length * 10)
console.log(`confusionCost: ${weightedUs.toFixed(2)} µs/pair; fastest-levenshtein distance: ${levUs.toFixed(2)} µs/pair; isOcrVariant: ${variantUs.toFixed(2)} µs/pair`)
// How often each measure ranks the true word first among near candidates: the weighted
// model is what picks `maatregel` over `haatregel` for `rnaatregel`.
const ranks = { weighted: 0, levenshtein: 0, total: 0 }
for (const [a, b] of pairs.slice(0, 400)) {
  if (a === b) continue
  const rivals = vocab.filter((w) => Math.abs(w.length - b.length) <= 2 && w !== b).slice(0, 60)
  ranks.total++
  if (rivals.every((r) => confusionCost(a, b) < confusionCost(a, r))) ranks.weighted++
  if (rivals.every((r) => distance(a, b) < distance(a, r))) ranks.levenshtein++
}
console.log(`true word strictly cheapest among ~60 rivals: weighted ${ranks.weighted}/${ranks.total}, levenshtein ${ranks.levenshtein}/${ranks.total}`)
if (sink < 0) console.log(sink)
