// Scale benchmark for src/dedupe: a synthetic release of N documents (5 pages,
// about 1,000 words each) with planted copies; time and peak memory of
// dedupe() (grouping, consensus, versions). Growth should be near-linear.
//
// Run: npx tsx scripts/bench-dedupe.ts [N ...]     (default: 1000 10000)
// For 10,000 documents give Node room: NODE_OPTIONS=--max-old-space-size=8192
import { dedupe } from '../src/dedupe/index.js'
import { loadLexicon } from '../src/correct/lexicon.js'
import { generateLargeRelease } from './eval-dedupe.js'

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0)
loadLexicon() // loaded once, outside the measurement
for (const n of sizes.length > 0 ? sizes : [1000, 10000]) {
  const { documents, planted } = generateLargeRelease(1234, n)
  const words = documents.reduce((sum, d) => sum + d.blocks.reduce((s, b) => s + b.tokens.length, 0), 0)
  const pages = documents.reduce((sum, d) => sum + d.pages.length, 0)
  globalThis.gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  let peak = heapBefore
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed)
  }, 20)
  const t0 = performance.now()
  const result = dedupe(documents)
  const ms = performance.now() - t0
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage().heapUsed)
  const grouped = result.groups.reduce((sum, g) => sum + g.members.length, 0)
  console.log(
    `${n} documents, ${pages} pages, ${words} words: dedupe ${(ms / 1000).toFixed(2)} s (${(ms / n).toFixed(2)} ms/document); ` +
      `${result.groups.length} groups holding ${grouped} documents (planted ${planted}); ${result.versions.length} chains; ` +
      `heap before ${(heapBefore / 2 ** 20).toFixed(0)} MB, peak during ${(peak / 2 ** 20).toFixed(0)} MB (+${((peak - heapBefore) / 2 ** 20).toFixed(0)} MB); ` +
      `max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  )
}
