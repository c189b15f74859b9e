// Page furniture from word boxes, where OCR (or a PDF text layer) gave them. A
// Rijksoverheid nota prints its body in a column on the left ~2/3 of the page and
// labelled fields (Datum, Onze referentie, Pagina 1 van 3) in a narrower sidebar on the
// right, smaller; the letterhead sits at the top, above a wide gap. OCR often runs a
// body line and a sidebar field into one text line ("… het onderhoud Datum"), so the
// sidebar is found per word, by the empty vertical band (gutter) that separates the
// two columns, not per line.
import type { Page, WordBox } from '../types.js'

export interface GeometryHint {
  start: number
  end: number
  kind: 'sidebar' | 'letterhead' | 'page-number'
}

/** A column gap between x0 and x1 (image pixels): words right of it are the sidebar. */
export interface _Gutter {
  x0: number
  x1: number
}

/** Words a page may have before the geometry is not worth the time. */
const MAX_WORDS = 20_000
const BINS = 200

function _median(values: number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/** Split words into source lines: a new line where the source between two words holds '\n'. */
export function _lines(source: string, words: readonly WordBox[]): WordBox[][] {
  const lines: WordBox[][] = []
  let previous: WordBox | null = null
  for (const word of words) {
    if (!previous || source.slice(previous.end, word.start).includes('\n')) lines.push([])
    lines[lines.length - 1]!.push(word)
    previous = word
  }
  return lines
}

/**
 * The vertical band, in the right part of the page, that no body word crosses and
 * that has a narrow column of words on its right. Null when the page has one column.
 */
export function _findGutter(source: string, words: readonly WordBox[]): _Gutter | null {
  if (words.length < 8) return null
  const x0 = Math.min(...words.map((w) => w.bbox[0]))
  const x1 = Math.max(...words.map((w) => w.bbox[2]))
  const y0 = Math.min(...words.map((w) => w.bbox[1]))
  const y1 = Math.max(...words.map((w) => w.bbox[3]))
  const span = x1 - x0
  if (span <= 0) return null
  // The letterhead is often centred across both columns: leave the top band out.
  const top = y0 + (y1 - y0) * 0.12
  const bin = (x: number) => Math.max(0, Math.min(BINS - 1, Math.floor(((x - x0) / span) * BINS)))
  const cover = new Array<number>(BINS).fill(0)
  let counted = 0
  for (const line of _lines(source, words)) {
    line.forEach((word, i) => {
      if (word.bbox[1] < top) return
      counted++
      let right = word.bbox[2]
      // The space to the next word on the line belongs to the line, unless it is a column gap.
      const next = line[i + 1]
      const height = word.bbox[3] - word.bbox[1]
      if (next && next.bbox[0] - right < height * 1.5) right = next.bbox[0]
      for (let b = bin(word.bbox[0]); b <= bin(right); b++) cover[b]!++
    })
  }
  const tolerance = Math.max(1, Math.floor(counted * 0.01))
  let best: { from: number; to: number } | null = null
  for (let b = Math.floor(BINS * 0.45); b < Math.floor(BINS * 0.92); b++) {
    if (cover[b]! > tolerance) continue
    let e = b
    while (e + 1 < BINS && cover[e + 1]! <= tolerance) e++
    if (!best || e - b > best.to - best.from) best = { from: b, to: e }
    b = e
  }
  // At least 1.5% of the text width: a gap between words is narrower.
  if (!best || best.to - best.from + 1 < BINS * 0.015) return null
  const gutter = { x0: x0 + (best.from / BINS) * span, x1: x0 + ((best.to + 1) / BINS) * span }
  const right = words.filter((w) => w.bbox[1] >= top && (w.bbox[0] + w.bbox[2]) / 2 >= gutter.x1)
  const left = words.filter((w) => w.bbox[1] >= top && (w.bbox[0] + w.bbox[2]) / 2 < gutter.x0)
  // A sidebar has a few words on two or more rows, and the body holds most of the words.
  const rows = new Set(right.map((w) => Math.round(w.bbox[1] / Math.max(1, w.bbox[3] - w.bbox[1]))))
  if (right.length < 3 || rows.size < 2 || left.length < right.length) return null
  return gutter
}

const _PAGE_NUMBER = /^(?:pagina|page|blad|p\.)?\s*\d{1,4}(?:\s*(?:van|of|\/|-)\s*\d{1,4})?$/i

/** Source ranges of sidebar, letterhead and page-number words, in source order, not overlapping. */
export function geometryHints(page: Page): GeometryHint[] {
  const words = (page.words ?? []).filter((w) => w.end > w.start).slice(0, MAX_WORDS)
  if (words.length === 0) return []
  const source = page.source
  const kind = new Map<WordBox, GeometryHint['kind']>()
  const heights = words.map((w) => w.bbox[3] - w.bbox[1])
  const lineHeight = _median(heights) || 1
  const y0 = Math.min(...words.map((w) => w.bbox[1]))
  const y1 = Math.max(...words.map((w) => w.bbox[3]))

  const gutter = _findGutter(source, words)
  const inSidebar = (w: WordBox) => gutter !== null && (w.bbox[0] + w.bbox[2]) / 2 >= gutter.x1

  // Rows of body-side words, top to bottom (OCR lines split at the gutter).
  const rows = _lines(source, words)
    .map((line) => line.filter((w) => !inSidebar(w)))
    .filter((row) => row.length > 0)
    .map((row) => ({ words: row, top: Math.min(...row.map((w) => w.bbox[1])), bottom: Math.max(...row.map((w) => w.bbox[3])) }))
    .sort((a, b) => a.top - b.top)

  // Page number: the last row (or, in the sidebar, any field) reading `Pagina 2 van 5` or `2`, set apart.
  const text = (ws: WordBox[]) => ws.map((w) => w.text).join(' ')
  const last = rows[rows.length - 1]
  const above = rows[rows.length - 2]
  if (last && rows.length > 1 && _PAGE_NUMBER.test(text(last.words)) && above && last.top - above.bottom > lineHeight * 1.5) {
    for (const w of last.words) kind.set(w, 'page-number')
  }
  if (gutter) {
    for (const line of _lines(source, words)) {
      const side = line.filter(inSidebar)
      if (side.length > 0 && /^pagina\s+\d/i.test(text(side)) && _PAGE_NUMBER.test(text(side))) for (const w of side) kind.set(w, 'page-number')
    }
  }

  // Letterhead: the top rows, up to three, above a gap of three line heights, in the top 15% of the page.
  if (rows.length > 3) {
    let end = 0
    while (end + 1 < rows.length && rows[end + 1]!.top - rows[end]!.bottom < lineHeight * 1.5) end++
    const gap = rows[end + 1] ? rows[end + 1]!.top - rows[end]!.bottom : 0
    if (end < 3 && gap >= lineHeight * 3 && rows[end]!.bottom <= y0 + (y1 - y0) * 0.15) {
      for (const row of rows.slice(0, end + 1)) for (const w of row.words) if (!kind.has(w)) kind.set(w, 'letterhead')
    }
  }

  if (gutter) for (const w of words) if (inSidebar(w) && !kind.has(w)) kind.set(w, 'sidebar')

  // Words of one kind, next to each other in the source (only whitespace between), form one range.
  const hints: GeometryHint[] = []
  for (const w of words) {
    const k = kind.get(w)
    if (!k) continue
    const previous = hints[hints.length - 1]
    if (previous && previous.kind === k && previous.end <= w.start && source.slice(previous.end, w.start).trim() === '') previous.end = w.end
    else hints.push({ start: w.start, end: w.end, kind: k })
  }
  // Words are in source order from OCR; sort anyway for words from elsewhere.
  return hints.sort((a, b) => a.start - b.start)
}
