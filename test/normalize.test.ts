import { describe, expect, it } from 'vitest'
import { normalizeGlyphs, bulletGlyph } from '../src/normalize/glyphs.js'
import { buildBlocks } from '../src/normalize/blocks.js'
import { analyzeLayout } from '../src/layout/index.js'
import { blockText } from '../src/parse/markdown.js'
import type { Page } from '../src/types.js'

const build = (source: string, isWord?: (w: string) => boolean) => {
  const page: Page = { index: 0, source, method: 'text', document: null, pageOfDocument: null, furniture: [] }
  return buildBlocks([page], [analyzeLayout(page)], isWord ? { isWord } : {})
}
const summary = (source: string, isWord?: (w: string) => boolean) =>
  build(source, isWord).blocks.map((b) => `${b.kind}${b.level ? b.level : ''}: ${blockText(b)}`)

describe('normalizeGlyphs', () => {
  it('composes to NFC, expands ligatures and repairs doubled or straight quotes', () => {
    expect(normalizeGlyphs('e\u0301en')).toBe('één'.slice(0, 1) + 'en')
    expect(normalizeGlyphs('ofﬁcieel')).toBe('officieel')
    expect(normalizeGlyphs("thema'’s")).toBe('thema’s')
    expect(normalizeGlyphs("'regie’")).toBe('‘regie’')
    expect(normalizeGlyphs("pagina's")).toBe('pagina’s')
    expect(normalizeGlyphs('woord')).toBe('woord')
  })

  it('knows the bullet glyphs OCR prints', () => {
    expect(bulletGlyph('e')).toBe(1)
    expect(bulletGlyph('«')).toBe(1)
    expect(bulletGlyph('o')).toBe(2)
    expect(bulletGlyph('Het')).toBeNull()
    // The `e` of a bullet read again: `c`, or with an accent; `o` with an accent.
    expect(['c', 'è', 'é'].map(bulletGlyph)).toEqual([1, 1, 1])
    expect(bulletGlyph('ó')).toBe(2)
  })
})

describe('buildBlocks', () => {
  it('reflows hard-wrapped lines, also across a blank line in mid-sentence', () => {
    expect(summary('Toelichting\n\nDe gemeente heeft het plan voor\nde wijk opgesteld en\n\nde raad stemt er in mei over.\n\nEen tweede alinea.')).toEqual([
      'heading2: Toelichting',
      'paragraph: De gemeente heeft het plan voor de wijk opgesteld en de raad stemt er in mei over.',
      'paragraph: Een tweede alinea.',
    ])
  })

  it('keeps every blank line a block break in text that is already reflowed, one paragraph per line', () => {
    // wooscan's own clean text looks like this: reading it again must not join its blocks.
    expect(summary('De gemeente heeft het plan voor de wijk opgesteld en\n\nde raad stemt er in mei over.\n\nDe planning van de\n\nDe uitvoering.')).toEqual([
      'paragraph: De gemeente heeft het plan voor de wijk opgesteld en',
      'paragraph: de raad stemt er in mei over.',
      'paragraph: De planning van de',
      'paragraph: De uitvoering.',
    ])
  })

  it('turns bullet glyphs into levels: `o` under an item that ends in a colon is a sub-bullet', () => {
    expect(summary('Advies\n\ne Wij stellen drie stappen voor:\no eerst de inventarisatie\no dan de keuze\ne Daarna volgt de uitvoering.')).toEqual([
      'heading2: Advies',
      'bullet1: Wij stellen drie stappen voor:',
      'bullet2: eerst de inventarisatie',
      'bullet2: dan de keuze',
      'bullet1: Daarna volgt de uitvoering.',
    ])
  })

  it('gives a point whose glyph the scan lost level 1 mid-page, and the level of the list it goes on at the top of a page', () => {
    const pages = (...sources: string[]) => {
      const list: Page[] = sources.map((source, index) => ({ index, source, method: 'text', document: null, pageOfDocument: null, furniture: [] }))
      return buildBlocks(list, list.map((page) => analyzeLayout(page))).blocks.map((b) => `${b.kind}${b.level ? b.level : ''}: ${blockText(b)}`)
    }
    const first = 'Kernpunten\n\ne Het kabinet maakt de regels voor burgers en bedrijven eenvoudiger, op twee manieren:\no Minder formulieren\no Kortere termijnen\n'
    // Mid-page, OCR drops the solid top-level glyph and keeps `o`: the glyphless line is the next top-level point.
    expect(pages(first + 'Ruimte voor maatwerk\nEen loket voor iedereen\n')).toEqual([
      'heading2: Kernpunten',
      'bullet1: Het kabinet maakt de regels voor burgers en bedrijven eenvoudiger, op twee manieren:',
      'bullet2: Minder formulieren',
      'bullet2: Kortere termijnen',
      'bullet1: Ruimte voor maatwerk',
      'bullet1: Een loket voor iedereen',
    ])
    // At the top of the next page the list goes on where it was: the lost glyph was `o`, and so was its sister's.
    expect(pages(first, 'Heldere brieven\nEen vast aanspreekpunt\n\nDe uitvoering begint in het voorjaar, samen met gemeenten en uitvoeringsorganisaties.\n').slice(4)).toEqual([
      'bullet2: Heldere brieven',
      'bullet2: Een vast aanspreekpunt',
      'paragraph: De uitvoering begint in het voorjaar, samen met gemeenten en uitvoeringsorganisaties.',
    ])
  })

  it('reads an attachment titled without a colon, and its numbered parts as sub-headings, also where a part has a known section name', () => {
    expect(summary('Aanleiding\n\nDe Kamer vraagt om een reactie op het onderzoek.\n\nBijlage 1 overzicht van de reacties\n\n1. Draagvlak\n\ne De gemeenten steunen het voorstel.\n\n2. Geadviseerd besluit\n\ne Wij adviseren in te stemmen.')).toEqual([
      'heading2: Aanleiding',
      'paragraph: De Kamer vraagt om een reactie op het onderzoek.',
      'heading2: Bijlage 1 overzicht van de reacties',
      'heading3: 1. Draagvlak',
      'bullet1: De gemeenten steunen het voorstel.',
      'heading3: 2. Geadviseerd besluit',
      'bullet1: Wij adviseren in te stemmen.',
    ])
    // A sentence that opens with the word is text.
    expect(summary('Aanleiding\n\nBijlage 1 bevat het overzicht van de reacties van de gemeenten.')[1]).toBe('paragraph: Bijlage 1 bevat het overzicht van de reacties van de gemeenten.')
  })

  it('joins a word broken at a line end: a soft hyphen goes, a real one stays, and the change is recorded', () => {
    const isWord = (w: string) => ['uitvoering', 'achterstanden'].includes(w)
    const result = build('Dit raakt de uit-\nvoering en de ICT-\nachterstanden.', isWord)
    expect(blockText(result.blocks[0]!)).toBe('Dit raakt de uitvoering en de ICT-achterstanden.')
    expect(result.corrections).toContainEqual({ page: 0, start: 13, end: 25, before: 'uit- voering', after: 'uitvoering', rule: 'hyphen', confidence: 0.95 })
  })

  it('mends a heading that OCR broke in two and records the merge', () => {
    const result = build('Kern\n\npunten\n\nDe tekst.')
    expect(result.blocks.map((b) => `${b.kind}: ${blockText(b)}`)).toEqual(['heading: Kernpunten', 'paragraph: De tekst.'])
    expect(result.corrections[0]).toMatchObject({ before: 'Kern punten', after: 'Kernpunten', rule: 'merge' })
  })

  it('takes a short capitalised line between blank lines, with running text under it, as a heading it does not know', () => {
    expect(summary('Inleiding.\n\nWaar het om gaat\n\nDe gemeente heeft het plan voor de wijk opgesteld en de raad stemt er in mei over.')).toEqual([
      'paragraph: Inleiding.',
      'heading2: Waar het om gaat',
      'paragraph: De gemeente heeft het plan voor de wijk opgesteld en de raad stemt er in mei over.',
    ])
    // Under a line that goes on, or above a short line, it is text.
    expect(summary('Wij vragen u akkoord\nte gaan met\n\nHet plan van de gemeente\n\nDe gemeente heeft het plan voor de wijk opgesteld en de raad stemt er over.')[0]).toMatch(/^paragraph: Wij vragen u akkoord te gaan met Het plan/)
  })

  it('reads an attachment table into rows with number, name and action cells', () => {
    const blocks = build('Bijlagen\n\nVolgnummer Naam Actie\n\n1 Brief aan de Tweede Kamer over Ter ondertekening\nde planning\n\n2 Rapport van de commissie Ter informatie').blocks
    expect(blocks.filter((b) => b.kind === 'table-row').map((b) => b.cells)).toEqual([[1, 1, 1], [1, 8, 2], [1, 4, 2]])
  })

  it('keeps every token on the source characters it came from', () => {
    const source = 'Aanleiding\n\nHet “plan” is ofﬁcieel vastgesteld.'
    const { blocks, corrections } = build(source)
    for (const token of blocks.flatMap((b) => b.tokens)) {
      const printed = source.slice(token.start, token.end).replace(/\s+/g, '')
      if (printed !== token.text) expect(corrections.some((c) => c.start <= token.start && c.end >= token.end)).toBe(true)
    }
  })
})
