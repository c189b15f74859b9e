import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { geometryHints, _findGutter } from '../src/layout/geometry.js'
import type { Page, WordBox } from '../src/types.js'

/** A line of words at (x, y), each word 20 px a character wide, `h` px high. */
interface LineSpec {
  x: number
  y: number
  text: string
  h?: number
}

/** Build a page the way the OCR stage does: words of a line joined by a space, lines by '\n'. */
function page(lines: LineSpec[][]): Page {
  let source = ''
  const words: WordBox[] = []
  lines.forEach((paragraph, p) => {
    if (p > 0) source += '\n\n'
    paragraph.forEach((line, l) => {
      if (l > 0) source += '\n'
      let x = line.x
      const h = line.h ?? 40
      line.text.split(' ').forEach((text, i) => {
        if (i > 0) source += ' '
        const w = text.length * (h / 2)
        words.push({ text, start: source.length, end: source.length + text.length, bbox: [x, line.y, x + w, line.y + h], confidence: 90 })
        source += text
        x += w + h / 2
      })
    })
  })
  return { index: 0, source, method: 'ocr', words, document: null, pageOfDocument: null, furniture: [] }
}

const BODY = [
  'De minister heeft gevraagd om een overzicht van het',
  'onderhoud aan bruggen en sluizen in de komende vier',
  'jaar. Deze nota geeft dat overzicht en doet een voorstel',
  'voor de volgorde van de werkzaamheden in het land.',
  'Wij adviseren u in te stemmen met de planning.',
  'Het budget voor groot onderhoud is volledig belegd.',
  'Vertraging bij twee projecten leidt tot hogere kosten.',
  'Overleg met de provincies vindt plaats in het voorjaar.',
]

/** A nota: letterhead at the top, body at x 260, sidebar at x 1770 in smaller type, page label at the bottom. */
function nota(): Page {
  const body = BODY.map((text, i) => ({ x: 260, y: 650 + i * 60, text }))
  const sidebar = [
    { x: 1770, y: 650, text: 'Datum', h: 30 },
    { x: 1770, y: 690, text: '14 maart 2024', h: 30 },
    { x: 1770, y: 760, text: 'Onze referentie', h: 30 },
    { x: 1770, y: 800, text: 'IENW/BSK-2024/81234', h: 30 },
  ]
  return page([[{ x: 700, y: 220, text: 'Ministerie van Infrastructuur en Waterstaat' }], body, sidebar, [{ x: 1770, y: 3300, text: 'Pagina 1 van 2', h: 30 }]])
}

const slices = (p: Page) => geometryHints(p).map((h) => [h.kind, p.source.slice(h.start, h.end)])

describe('geometryHints', () => {
  it('finds the letterhead, the sidebar fields and the page number of a nota', () => {
    expect(slices(nota())).toEqual([
      ['letterhead', 'Ministerie van Infrastructuur en Waterstaat'],
      ['sidebar', 'Datum\n14 maart 2024\nOnze referentie\nIENW/BSK-2024/81234'],
      ['page-number', 'Pagina 1 van 2'],
    ])
  })

  it('splits a sidebar field out of a body line that OCR ran together with it', () => {
    const p = nota()
    // One OCR line: the body words, then "Datum" far to the right.
    const merged = page([
      [{ x: 700, y: 220, text: 'Ministerie van Infrastructuur en Waterstaat' }],
      [{ x: 260, y: 590, text: 'Nota over de planning' }],
      BODY.map((text, i) => ({ x: 260, y: 650 + i * 60, text })),
      [
        { x: 1770, y: 720, text: 'Onze referentie', h: 30 },
        { x: 1770, y: 760, text: 'IENW/BSK-2024/81234', h: 30 },
      ],
    ])
    const line = merged.words!.filter((w) => w.bbox[1] === 590)
    const datum: WordBox = { text: 'Datum', start: 0, end: 0, bbox: [1770, 590, 1870, 620], confidence: 90 }
    // Insert "Datum" into the source right after the body words of that line.
    const at = line.at(-1)!.end
    const source = merged.source.slice(0, at) + ' Datum' + merged.source.slice(at)
    const words = merged.words!.map((w) => (w.start >= at ? { ...w, start: w.start + 6, end: w.end + 6 } : w))
    words.splice(words.indexOf(line.at(-1)!) + 1, 0, { ...datum, start: at + 1, end: at + 6 })
    const hints = geometryHints({ ...p, source, words })
    expect(hints.map((h) => [h.kind, source.slice(h.start, h.end)])).toEqual([
      ['letterhead', 'Ministerie van Infrastructuur en Waterstaat'],
      ['sidebar', 'Datum'],
      ['sidebar', 'Onze referentie\nIENW/BSK-2024/81234'],
    ])
  })

  it('finds no sidebar on a one-column page, and no letterhead without a gap below it', () => {
    const p = page([BODY.map((text, i) => ({ x: 260, y: 300 + i * 60, text }))])
    expect(_findGutter(p.source, p.words!)).toBeNull()
    expect(geometryHints(p)).toEqual([])
  })

  it('finds no sidebar in a table whose columns are crossed by body lines', () => {
    const rows = Array.from({ length: 6 }, (_, i) => ({ x: 260, y: 300 + i * 60, text: `Volgnummer ${i} naam` }))
    const right = Array.from({ length: 6 }, (_, i) => ({ x: 1500, y: 300 + i * 60, text: 'actie' }))
    const crossing = BODY.map((text, i) => ({ x: 260, y: 700 + i * 60, text: text + ' en verder door tot de rand' }))
    const p = page([rows, right, crossing])
    expect(geometryHints(p).filter((h) => h.kind === 'sidebar')).toEqual([])
  })

  it('reads a page number printed alone on the last line', () => {
    const p = page([BODY.map((text, i) => ({ x: 260, y: 300 + i * 60, text })), [{ x: 1200, y: 3300, text: '4' }]])
    expect(slices(p)).toEqual([['page-number', '4']])
  })

  it('returns nothing for a page without words', () => {
    expect(geometryHints({ ...nota(), words: undefined })).toEqual([])
    expect(geometryHints({ ...nota(), words: [] })).toEqual([])
  })

  it('gives sorted, non-overlapping ranges inside the source for any word layout', () => {
    const line = fc.record({ x: fc.integer({ min: 0, max: 2200 }), y: fc.integer({ min: 0, max: 3400 }), text: fc.constantFrom('a', 'Datum', '12', 'Pagina 1 van 2', 'het onderhoud van', 'bruggen'), h: fc.integer({ min: 10, max: 60 }) })
    fc.assert(
      fc.property(fc.array(fc.array(line, { minLength: 1, maxLength: 6 }), { maxLength: 12 }), (layout) => {
        const p = page(layout)
        const hints = geometryHints(p)
        let last = 0
        for (const h of hints) {
          expect(h.start).toBeGreaterThanOrEqual(last)
          expect(h.end).toBeGreaterThan(h.start)
          expect(h.end).toBeLessThanOrEqual(p.source.length)
          expect(p.source.slice(h.start, h.end).trim()).toBe(p.source.slice(h.start, h.end))
          last = h.end
        }
      }),
      { numRuns: 200 },
    )
  })
})
