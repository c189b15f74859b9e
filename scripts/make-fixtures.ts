// Make the OCR stage's test fixtures (test/fixtures/ocr) from the project's own text:
// a scanned nota as an image-only PDF (JPEG, /DCTDecode), the same nota as a PDF with a
// text layer, a small PNG, and the text each holds (for CER). Deterministic: seeded PRNG.
//
//   npx tsx scripts/make-fixtures.ts                    # test fixtures
//   npx tsx scripts/make-fixtures.ts --gold --out DIR   # the gold notes as scanned PDFs (CER measurement)
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { createCanvas } from '@napi-rs/canvas'
import {
  SAMPLE_NOTA,
  notaSpecsFromMarkdown,
  notaTextPage,
  renderNotaPage,
  toJpeg,
  writeImagePdf,
  writeTextPdf,
  type RenderedPage,
} from './lib/render-page.js'

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'test/fixtures/ocr' },
    gold: { type: 'boolean', default: false },
    dpi: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
})

const out = values.out!
mkdirSync(out, { recursive: true })
const seed = Number(values.seed)

function goldOf(page: RenderedPage) {
  const r = page.regions
  return {
    width: page.width,
    height: page.height,
    dpi: page.dpi,
    text: page.text,
    regions: { letterhead: r.letterhead, body: r.body, sidebar: r.sidebar, pageLabel: r.pageLabel },
  }
}

if (values.gold) {
  // Every gold note, one scanned PDF each, degraded like a photocopy.
  const dpi = Number(values.dpi ?? 300)
  const goldDir = 'corpus/gold'
  for (const file of readdirSync(goldDir).filter((f) => f.endsWith('.md'))) {
    const specs = notaSpecsFromMarkdown(readFileSync(path.join(goldDir, file), 'utf8'))
    const pages = specs.map((spec, i) => renderNotaPage(spec, { dpi, degrade: { seed: seed + i, blur: 1, noise: 12, speckle: 0.0005, rotate: 0.4 } }))
    const name = file.replace(/\.md$/, '')
    writeFileSync(path.join(out, `${name}.pdf`), writeImagePdf(pages.map((p) => ({ jpeg: toJpeg(p, 75), width: p.width, height: p.height, dpi }))))
    writeFileSync(path.join(out, `${name}.json`), JSON.stringify(pages.map(goldOf), null, 1))
    console.log(`${name}: ${pages.length} pages`)
  }
} else {
  // The test nota, scanned at 150 dpi (small file) with light damage.
  const dpi = Number(values.dpi ?? 150)
  const scan = renderNotaPage(SAMPLE_NOTA, { dpi, degrade: { seed, blur: 0.6, noise: 8, speckle: 0.0003, rotate: 0.3 } })
  writeFileSync(path.join(out, 'nota-scan.pdf'), writeImagePdf([{ jpeg: toJpeg(scan, 60), width: scan.width, height: scan.height, dpi }]))
  writeFileSync(path.join(out, 'nota-scan.json'), JSON.stringify(goldOf(scan), null, 1) + '\n')
  writeFileSync(path.join(out, 'nota-text.pdf'), writeTextPdf([notaTextPage(SAMPLE_NOTA)]))

  // A small PNG: two lines of text, grey on white.
  const canvas = createCanvas(900, 160)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, 900, 160)
  ctx.fillStyle = '#222'
  ctx.font = '30px DejaVu Sans'
  const lines = ['Het overleg met de provincies', 'vindt plaats in het voorjaar.']
  lines.forEach((line, i) => ctx.fillText(line, 30, 60 + i * 50))
  writeFileSync(path.join(out, 'lines.png'), canvas.encodeSync('png'))
  writeFileSync(path.join(out, 'lines.txt'), lines.join('\n') + '\n')
  for (const f of readdirSync(out)) console.log(f, readFileSync(path.join(out, f)).length)
}
