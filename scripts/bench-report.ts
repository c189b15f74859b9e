// Size and build time of the HTML report, for a seed-sized release and a 1,000-page
// synthetic one (both from the seeded sample builder), and for the seed itself through
// the pipeline. `--browser` also times opening each report in /usr/bin/chromium.
//
//   npx tsx scripts/bench-report.ts [--browser]
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { renderHtml } from '../src/report/html.js'
import type { Release } from '../src/types.js'
import { sampleRelease } from './lib/sample-release.js'

const browserWanted = process.argv.includes('--browser')
const root = path.join(import.meta.dirname, '..')
const out = mkdtempSync(path.join(os.tmpdir(), 'wooscan-bench-report-'))

interface Case {
  name: string
  release: Release
  runs: number
}

const cases: Case[] = [
  { name: 'seed-sized sample (seed 1)', release: sampleRelease({ seed: 1 }), runs: 30 },
  { name: '1,000-page sample (seed 1)', release: sampleRelease({ seed: 1, pages: 1000 }), runs: 7 },
]
try {
  const { release } = await import('../src/release.js')
  const file = path.join(root, 'corpus', '000_13cc09d959e3939d.txt')
  cases.splice(1, 0, { name: 'seed release (pipeline)', release: release({ name: path.basename(file), data: readFileSync(file) }).value, runs: 30 })
} catch (error) {
  console.log(`(seed through the pipeline skipped: ${(error as Error).message})`)
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const rows: string[][] = [['release', 'pages', 'documents', 'diffs', 'build ms (median)', 'size KiB', 'file']]
const files: string[] = []
for (const c of cases) {
  renderHtml(c.release) // warm-up
  const times: number[] = []
  let html = ''
  for (let i = 0; i < c.runs; i++) {
    const t = performance.now()
    html = renderHtml(c.release)
    times.push(performance.now() - t)
  }
  const file = path.join(out, `${c.name.replace(/[^a-z0-9]+/gi, '-')}.html`)
  writeFileSync(file, html)
  files.push(file)
  const bytes = Buffer.byteLength(html, 'utf8')
  rows.push([c.name, String(c.release.pages.length), String(c.release.documents.length), String(c.release.diffs.length), median(times).toFixed(1), (bytes / 1024).toFixed(0), file])
}

if (browserWanted && existsSync('/usr/bin/chromium')) {
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  rows[0]!.push('open ms (load event)')
  for (let i = 0; i < files.length; i++) {
    const page = await browser.newPage()
    const t = performance.now()
    await page.goto(pathToFileURL(files[i]!).href, { waitUntil: 'load' })
    rows[i + 1]!.push((performance.now() - t).toFixed(0))
    await page.close()
  }
  await browser.close()
}

const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => (r[k] ?? '').length)))
for (const r of rows) console.log(r.map((cell, k) => (k === 0 || k === 6 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!))).join('  '))
