import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { distance } from 'fastest-levenshtein'
import { afterAll, describe, expect, it } from 'vitest'
import { isOcrInput, ocr, ocrOrThrow, type OcrPage, type OcrProgress } from '../src/ocr/index.js'
import { WooscanError } from '../src/issue.js'
import { writeEmptyPdf, writeEncryptedPdf } from '../scripts/lib/render-page.js'
import { _OcrPool } from '../src/ocr/tesseract.js'

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'ocr')
const fixture = (name: string) => path.join(FIXTURES, name)
const temp = mkdtempSync(path.join(tmpdir(), 'wooscan-ocr-test-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

/** Character error rate of `actual` against `expected`, whitespace collapsed. */
function cer(expected: string, actual: string): number {
  const norm = (s: string) => s.split(/\s+/).filter(Boolean).join(' ')
  return distance(norm(expected), norm(actual)) / norm(expected).length
}

function expectExactOffsets(page: OcrPage): void {
  for (const word of page.words ?? []) expect(page.source.slice(word.start, word.end)).toBe(word.text)
}

interface Gold {
  dpi: number
  regions: Record<string, { box: [number, number, number, number]; text: string } | null>
}

/** OCR words whose box centre lies in a region (drawn at `scale` times the OCR resolution), in source order. */
function wordsIn(page: OcrPage, region: [number, number, number, number], scale: number): string {
  const box = region.map((v) => v * scale)
  return (page.words ?? [])
    .filter((w) => {
      const cx = (w.bbox[0] + w.bbox[2]) / 2
      const cy = (w.bbox[1] + w.bbox[3]) / 2
      return cx >= box[0] && cx <= box[2] && cy >= box[1] && cy <= box[3]
    })
    .map((w) => w.text)
    .join(' ')
}

describe('ocr: PDF text layer', () => {
  it('uses a good text layer without OCR, words indexing the source exactly', async () => {
    const { value, issues } = await ocr([fixture('nota-text.pdf')], { cache: false })
    expect(issues).toEqual([])
    expect(value.version).toBe(1)
    expect(value.pages).toHaveLength(1)
    const page = value.pages[0]!
    expect(page).toMatchObject({ index: 0, method: 'text-layer', file: fixture('nota-text.pdf') })
    expect(page.source.split('\n')[0]).toBe('Ministerie van Infrastructuur en Waterstaat')
    expect(page.source).toContain('Onze referentie\nIENW/BSK-2024/81234')
    expectExactOffsets(page)
    expect(page.words!.length).toBe(page.source.split(/\s+/).length)
  })
})

describe('ocr: scanned pages', () => {
  const gold = JSON.parse(readFileSync(fixture('nota-scan.json'), 'utf8')) as Gold
  const cache = path.join(temp, 'cache')
  let first: OcrPage

  it('OCRs an image-only PDF end to end, body and sidebar read', async () => {
    const progress: OcrProgress[] = []
    const { value, issues } = await ocr([fixture('nota-scan.pdf')], { cache, jobs: 1, onProgress: (p) => progress.push(p) })
    expect(issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(value.pages).toHaveLength(1)
    first = value.pages[0]!
    expect(first.method).toBe('ocr')
    expect(first.confidence).toBeGreaterThan(70)
    expectExactOffsets(first)
    // Words keep their place on the scan: body words in the body column, fields in the sidebar.
    // The fixture was drawn at gold.dpi and is rendered at the default 300 dpi.
    const scale = 300 / gold.dpi
    expect(cer(gold.regions.body!.text, wordsIn(first, gold.regions.body!.box, scale))).toBeLessThan(0.05)
    expect(cer(gold.regions.letterhead!.text, wordsIn(first, gold.regions.letterhead!.box, scale))).toBeLessThan(0.1)
    expect(wordsIn(first, gold.regions.sidebar!.box, scale)).toContain('Onze referentie')
    expect(progress.at(-1)).toMatchObject({ done: 1, total: 1, secondsLeft: 0 })
    expect(progress.at(-1)!.pagesPerMinute).toBeGreaterThan(0)
  })

  it('reads a rerun from the cache, not the OCR', async () => {
    const dir = path.join(cache, 'ocr-v1')
    const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.json'))
    expect(files).toHaveLength(1)
    const again = await ocr([fixture('nota-scan.pdf')], { cache })
    expect(again.value.pages[0]).toEqual(first)
    // Prove the page came from the cache: change the cached text and read it back.
    const file = path.join(dir, files[0]!)
    const entry = JSON.parse(readFileSync(file, 'utf8'))
    writeFileSync(file, JSON.stringify({ ...entry, source: 'uit de cache', words: [] }))
    const cached = await ocr([fixture('nota-scan.pdf')], { cache })
    expect(cached.value.pages[0]!.source).toBe('uit de cache')
    // A different resolution is a different page image: not the cached one.
    const other = await ocr([fixture('nota-scan.pdf')], { cache: false, dpi: 100, jobs: 1 })
    expect(other.value.pages[0]!.source).not.toBe('uit de cache')
  })

  it('OCRs a PNG given as bytes, and numbers pages over all inputs', async () => {
    const png = readFileSync(fixture('lines.png'))
    const { value, issues } = await ocr([fixture('nota-text.pdf'), { name: 'lines.png', data: new Uint8Array(png) }], { cache: false })
    expect(issues).toEqual([])
    expect(value.pages.map((p) => [p.index, p.method, p.file])).toEqual([
      [0, 'text-layer', fixture('nota-text.pdf')],
      [1, 'ocr', 'lines.png'],
    ])
    expect(cer(readFileSync(fixture('lines.txt'), 'utf8'), value.pages[1]!.source)).toBeLessThan(0.05)
    expect(value.pages[1]!.source.split('\n')).toHaveLength(2)
    expectExactOffsets(value.pages[1]!)
  })
})

describe('ocr: inputs it cannot read', () => {
  const write = (name: string, data: Uint8Array | string) => {
    const file = path.join(temp, name)
    writeFileSync(file, data)
    return file
  }

  it('turns each bad input into one error issue naming the file, and goes on', async () => {
    const zeroPng = Buffer.from(readFileSync(fixture('lines.png')))
    zeroPng.writeUInt32BE(0, 16)
    const files = {
      corrupt: write('corrupt.pdf', '%PDF-1.4\nthis is not a PDF at all\n%%EOF\n'),
      encrypted: write('encrypted.pdf', writeEncryptedPdf()),
      noPages: write('no-pages.pdf', writeEmptyPdf()),
      zero: write('zero.png', zeroPng),
      text: write('notes.png', 'plain text, not an image'),
      empty: write('empty.jpg', ''),
      missing: path.join(temp, 'missing.pdf'),
    }
    const { value, issues } = await ocr([...Object.values(files), fixture('nota-text.pdf')], { cache: false })
    expect(value.pages.map((p) => p.file)).toEqual([fixture('nota-text.pdf')])
    expect(value.pages[0]!.index).toBe(0)
    const byFile = Object.fromEntries(issues.map((i) => [i.file, i]))
    expect(issues).toHaveLength(7)
    for (const issue of issues) {
      expect(issue).toMatchObject({ severity: 'error', source: 'ocr' })
      expect(issue.message).not.toContain('\n')
    }
    expect(byFile[files.corrupt]!.ruleId).toBe('corrupt-pdf')
    expect(byFile[files.encrypted]).toMatchObject({ ruleId: 'encrypted', message: 'the PDF is encrypted (it needs a password)' })
    expect(byFile[files.noPages]).toMatchObject({ ruleId: 'empty-pdf', message: 'the PDF has no pages' })
    expect(byFile[files.zero]).toMatchObject({ ruleId: 'empty-image', message: 'the image is 0x160 pixels' })
    expect(byFile[files.text]!.ruleId).toBe('unsupported')
    expect(byFile[files.empty]).toMatchObject({ ruleId: 'empty-file', message: 'file is empty' })
    expect(byFile[files.missing]).toMatchObject({ ruleId: 'read-error', message: 'file not found' })
  })

  it('makes a page whose image cannot be decoded an issue on that page', async () => {
    // A PNG with a good header and garbage pixel data.
    const png = Buffer.from(readFileSync(fixture('lines.png')))
    for (let i = 60; i < png.length - 20; i++) png[i] = (i * 7) & 0xff
    const { value, issues } = await ocr([{ name: 'broken.png', data: new Uint8Array(png) }, { name: 'good.png', data: new Uint8Array(readFileSync(fixture('lines.png'))) }], { cache: false, jobs: 1 })
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ severity: 'error', source: 'ocr', ruleId: 'ocr-failed', file: 'broken.png', page: 0 })
    expect(value.pages.map((p) => [p.index, p.file, p.source === ''])).toEqual([
      [0, 'broken.png', true],
      [1, 'good.png', false],
    ])
  })

  it('warns once when the cache cannot be written, and still returns the page', async () => {
    const notADir = write('cache-is-a-file', 'x')
    const { value, issues } = await ocr([fixture('lines.png')], { cache: notADir, jobs: 1 })
    expect(value.pages[0]!.source).toContain('provincies')
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ severity: 'warning', source: 'ocr', ruleId: 'cache' })
    expect(issues[0]!.message).toMatch(/^the OCR cache in .*cache-is-a-file cannot be written \(/)
  })

  it('ocrOrThrow throws a WooscanError carrying the issues', async () => {
    const error = await ocrOrThrow([path.join(temp, 'nope.png')], { cache: false }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WooscanError)
    expect((error as WooscanError).message).toBe(`${path.join(temp, 'nope.png')}: error file not found [read-error]`)
  })
})

describe('the worker pool', () => {
  const png = () => new Uint8Array(readFileSync(fixture('lines.png')))

  it('recreates its workers after `recycleAfter` pages and reads the same text', async () => {
    const pool = new _OcrPool({ lang: 'nld', jobs: 1, recycleAfter: 1 })
    try {
      const a = await pool.recognize(png())
      const b = await pool.recognize(png())
      expect(pool.generations).toBe(2)
      expect(b).toEqual(a)
    } finally {
      await pool.terminate()
    }
    await expect(pool.recognize(png())).rejects.toThrow('terminated')
  })

  it('abandons a page that takes too long, and goes on with new workers', async () => {
    const pool = new _OcrPool({ lang: 'nld', jobs: 1, pageTimeoutMs: 1 })
    try {
      await expect(pool.recognize(png())).rejects.toThrow('OCR took longer than 0 s')
      expect(pool.generations).toBe(1)
      pool.pageTimeoutMs = 60_000
      const page = await pool.recognize(png())
      expect(page.confidence).toBeGreaterThan(80)
      expect(pool.generations).toBe(2)
    } finally {
      await pool.terminate()
    }
  })
})

describe('ocr: arguments', () => {
  it('rejects wrong arguments with a TypeError at once', async () => {
    await expect(ocr('a.pdf' as never)).rejects.toThrow(TypeError)
    await expect(ocr([42 as never])).rejects.toThrow('Expected `inputs[0]` to be a path')
    await expect(ocr([], { jobs: 0 })).rejects.toThrow('Expected `jobs` to be a whole number from 1 to 64, got `0`')
    await expect(ocr([], { dpi: '300' as never })).rejects.toThrow('Expected `dpi` to be a number, got `"300"`')
    await expect(ocr([], { pages: 1 } as never)).rejects.toThrow('Unknown option `pages` for `ocr`')
  })

  it('returns an empty result for no inputs', async () => {
    expect(await ocr([], { cache: false })).toEqual({ value: { version: 1, pages: [] }, issues: [] })
  })

  it('stops when aborted', async () => {
    const before = new AbortController()
    before.abort()
    await expect(ocr([fixture('nota-scan.pdf')], { cache: false, signal: before.signal })).rejects.toThrow(/abort/i)
    const during = new AbortController()
    const run = ocr([fixture('nota-scan.pdf')], { cache: false, jobs: 1, signal: during.signal })
    setTimeout(() => during.abort(), 300)
    const started = Date.now()
    await expect(run).rejects.toThrow(/abort/i)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('knows its input names', () => {
    expect(['a.pdf', 'B.PNG', 'c.jpg', 'd.jpeg', 'e.txt', 'f.tif', 'pdf'].map(isOcrInput)).toEqual([true, true, true, true, false, false, false])
  })
})
