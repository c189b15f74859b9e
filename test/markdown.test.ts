// The gold markdown format both ways: what toMarkdown writes, parseMarkdown reads back the same.
import { describe, expect, it } from 'vitest'
import { parseMarkdown, toMarkdown, blockText } from '../src/parse/markdown.js'
import { release } from '../src/release.js'

const MEMO = [
  ' Memo',
  '',
  'Aan         Directeur-Generaal Werk',
  'Datum       15 mei 2024',
  'Betreft     Planning van de uitvoeringstoets',
  '',
  'Planning',
  '1. Het conceptwetsvoorstel gaat op 1 juni naar de uitvoerders.',
  '2. De uitvoeringstoetsen worden half juli verwacht.',
  '',
  'Vervolg',
  'Wij bespreken de planning in het DG-overleg.',
].join('\n')

describe('markdown', () => {
  it('writes a numbered point with its number once', () => {
    const doc = release({ name: 'memo.txt', data: new TextEncoder().encode(MEMO) }).value.documents[0]!
    const lines = doc.markdown.split('\n')
    expect(lines).toContain('1. Het conceptwetsvoorstel gaat op 1 juni naar de uitvoerders.')
    expect(lines).toContain('2. De uitvoeringstoetsen worden half juli verwacht.')
  })

  it('reads back what it writes, block for block', () => {
    const doc = release({ name: 'memo.txt', data: new TextEncoder().encode(MEMO) }).value.documents[0]!
    const parsed = parseMarkdown(doc.markdown)
    expect(parsed.blocks.map((b) => [b.kind, b.level, blockText(b)])).toEqual(doc.blocks.map((b) => [b.kind, b.kind === 'numbered' ? 1 : b.level, blockText(b)]))
    const again = toMarkdown(doc.id, doc.metadata, parsed.blocks)
    expect(again).toBe(doc.markdown)
  })
})
