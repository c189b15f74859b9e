// Clean-up throughput (MB/s) on a synthetic release of 1,000 pages made by repeating
// the seed with seeded perturbations. Measures pages -> layout -> segment -> blocks
// -> correction on one core; run with `npm run bench`.
import { readFileSync } from 'node:fs'
import { clean } from '../src/release.js'
import { loadLexicon } from '../src/correct/lexicon.js'
import { splitPages } from '../src/pages/index.js'
import { mulberry32 } from './lib/ocr-noise.js'


const seed = readFileSync('corpus/000_13cc09d959e3939d.txt', 'utf8')
const ranges = splitPages(seed)
const pages = ranges.map((r) => seed.slice(r.start, r.end))
const rng = mulberry32(42)
const SWAPS: Array<[RegExp, string]> = [[/i/g, 'l'], [/e/g, 'é'], [/m/g, 'rn'], [/o/g, '0']]
const out: string[] = []
while (out.length < 1000) {
  let page = pages[Math.floor(rng() * pages.length)]!
  // Perturb a few characters so that the run does not only see the seed's exact words.
  const [pattern, to] = SWAPS[Math.floor(rng() * SWAPS.length)]!
  let n = 0
  page = page.replace(pattern, (m) => (rng() < 0.01 && n++ < 5 ? to : m))
  out.push(page.endsWith('\n') ? page : page + '\n')
}
const text = out.join('')
const mb = Buffer.byteLength(text) / 1e6

const t0 = performance.now()
loadLexicon()
const lexiconMs = performance.now() - t0

const runs = 3
const times: number[] = []
let docs = 0
for (let i = 0; i < runs; i++) {
  const start = performance.now()
  const result = clean({ name: 'synthetic.txt', data: new TextEncoder().encode(text) })
  times.push(performance.now() - start)
  docs = result.value.documents.length
}
const noCorrect = performance.now()
clean({ name: 'synthetic.txt', data: new TextEncoder().encode(text) }, { correct: false })
const layoutMs = performance.now() - noCorrect
const best = Math.min(...times)
console.log(`clean-up: ${out.length} pages, ${mb.toFixed(2)} MB, ${docs} documents`)
console.log(`  lexicon load: ${lexiconMs.toFixed(0)} ms (once per process)`)
console.log(`  whole clean-up (with correction): best of ${runs} ${best.toFixed(0)} ms = ${(mb / (best / 1000)).toFixed(2)} MB/s`)
console.log(`  without word correction: ${layoutMs.toFixed(0)} ms = ${(mb / (layoutMs / 1000)).toFixed(2)} MB/s`)
