// Speed of segmentRelease (layout excluded): a large synthetic release, and
// hostile input (many tiny pages; one huge page of garbage).
//   npx tsx scripts/bench-segment.ts
import { analyzeLayout } from '../src/layout/index.js'
import { textToPages } from '../src/pages/index.js'
import { segmentRelease } from '../src/segment/index.js'
import type { Page } from '../src/types.js'
import { generateRelease } from './gen-release.js'

function time(label: string, pages: Page[], runs: number): void {
  const layouts = pages.map((p) => analyzeLayout(p))
  segmentRelease(pages, layouts) // warm-up
  const t0 = performance.now()
  let docs = 0
  for (let r = 0; r < runs; r++) docs = segmentRelease(pages, layouts).documents.length
  const ms = (performance.now() - t0) / runs
  console.log(`${label}: ${pages.length} pages, ${docs} documents, ${ms.toFixed(1)} ms per run, ${Math.round((pages.length / ms) * 1000)} pages/s`)
}

// Many releases joined by form feeds: one large release with true page breaks.
const big = Array.from({ length: 60 }, (_, k) => generateRelease(1000 + k))
const bigText = big.map((r) => r.text.split('\n').map((l, i, all) => l + (i === all.length - 1 ? '' : r.pages.some((p) => p.lastLine === i + 1) ? '\f' : '\n')).join('')).join('\f')
time('synthetic release', textToPages(bigText), 5)

// Hostile: 5000 one-line pages, and one 2 MB page of digits, dots and letters.
time('5000 tiny pages', textToPages(Array.from({ length: 5000 }, (_, k) => `5.1.2e ${k}`).join('\f')), 3)
const garbage = Array.from({ length: 200_000 }, (_, k) => '5.1.1.S&t2 Aanleiding l|1 '.charAt(k % 27)).join('').replace(/(.{70})/g, '$1\n')
time('one 200 kB page of garbage', textToPages(garbage), 3)
