// Structure from the marks a scan shows: numbered heading series and lost glyphs in
// one copy (src/parse/headings.ts, src/normalize/blocks.ts), and from the other
// copies of a group (src/dedupe/structure.ts).
import { describe, expect, it } from 'vitest'
import { buildBlocks } from '../src/normalize/blocks.js'
import { analyzeLayout } from '../src/layout/index.js'
import { blockText } from '../src/parse/markdown.js'
import { setShown, shownOf, type Shown } from '../src/parse/evidence.js'
import { reconcileStructure } from '../src/dedupe/structure.js'
import { release } from '../src/release.js'
import type { Block, Page } from '../src/types.js'

const build = (source: string) => {
  const page: Page = { index: 0, source, method: 'text', document: null, pageOfDocument: null, furniture: [] }
  return buildBlocks([page], [analyzeLayout(page)])
}
const summary = (blocks: Block[]) => blocks.map((b) => `${b.kind}${b.level ? b.level : ''}: ${blockText(b)}`)

/** A block of hand-made words, with what the scan showed of it. */
let offset = 0
const block = (kind: Block['kind'], level: number, text: string, shown?: Shown, page = 0): Block => {
  const tokens = text.split(' ').map((word) => {
    const token = { text: word, page, start: offset, end: offset + word.length }
    offset += word.length + 1
    return token
  })
  const out: Block = { kind, level, tokens }
  if (kind === 'heading' && /^\d+\.$/.test(tokens[0]!.text)) out.marker = tokens[0]!.text
  if (shown) setShown(out, shown)
  return out
}
const glyph1: Shown = { glyph: 1, by: 'glyph' }
const glyph2: Shown = { glyph: 2, by: 'glyph', context: true }
const layout: Shown = { glyph: 0, by: 'layout' }
const number: Shown = { glyph: 0, by: 'number' }

describe('parse: a numbered series of sub-headings', () => {
  const attachment = [
    'Bijlage: punten van het plan', '', '1. Algemene inleiding', '', 'e Appreciatie van het plan', 'e Belang van de wijk', '',
    '2. Aanpak in de wijk voor wonen', '', 'e Nieuwe woningen bouwen', '', '3. Aanpak in de wijk voor werken', '', 'e Banen in de zorg', '',
    'Aanpak in de wijk voor leven', '', 'Sport en cultuur', '', 'Zorg dichtbij', '', 'Een centrum voor de buurt', 'Een plein voor de markt', '', 'Afsluiting',
  ].join('\n')

  it('reads a plain line that opens like its parallel sub-headings as one, and a guessed one that does not, amid a list, as a point', () => {
    const { blocks } = build(attachment)
    expect(summary(blocks).slice(8)).toEqual([
      'heading3: 4. Aanpak in de wijk voor leven',
      'bullet1: Sport en cultuur',
      'bullet1: Zorg dichtbij',
      'bullet1: Een centrum voor de buurt',
      'bullet1: Een plein voor de markt',
      'heading3: 5. Afsluiting',
    ])
  })

  it('numbers the sub-headings that lost their number where the printed numbers count them, as corrections of no width', () => {
    const page = attachment
    const { blocks, corrections } = build(page)
    const inserted = corrections.filter((c) => c.before === '')
    expect(inserted).toEqual([
      { page: 0, start: page.indexOf('Aanpak in de wijk voor leven'), end: page.indexOf('Aanpak in de wijk voor leven'), before: '', after: '4.', rule: 'heading-number', confidence: 0.8 },
      { page: 0, start: page.indexOf('Afsluiting'), end: page.indexOf('Afsluiting'), before: '', after: '5.', rule: 'heading-number', confidence: 0.8 },
    ])
    const heading = blocks.find((b) => blockText(b) === '4. Aanpak in de wijk voor leven')!
    expect(heading.marker).toBe('4.')
    expect(heading.tokens[0]).toEqual({ text: '4.', page: 0, start: inserted[0]!.start, end: inserted[0]!.start })
  })

  it('numbers nothing where only one number is printed, or the printed numbers do not count the headings', () => {
    const one = build(attachment.replace('2. Aanpak in de wijk voor wonen', 'Aanpak in de wijk voor wonen').replace('3. Aanpak', 'Aanpak'))
    expect(one.corrections.filter((c) => c.before === '')).toEqual([])
    const skipped = build(attachment.replace('3. Aanpak', '4. Aanpak'))
    expect(skipped.corrections.filter((c) => c.before === '')).toEqual([])
  })
})

describe('parse: lines the scan prints without a glyph', () => {
  it('reads a plain line under a heading, above a list whose first point shows its glyph, as the list’s introduction', () => {
    const { blocks } = build('Kernpunten\nAlgemeen: het plan volgt de lijn van de regio\ne Met betrekking tot banen:\no Banen in de zorg\ne Scholing van bewoners')
    expect(summary(blocks)).toEqual([
      'heading2: Kernpunten',
      'paragraph: Algemeen: het plan volgt de lijn van de regio',
      'bullet1: Met betrekking tot banen:',
      'bullet2: Banen in de zorg',
      'bullet1: Scholing van bewoners',
    ])
    expect(blocks.map((b) => shownOf(b)?.by)).toEqual(['name', 'layout', 'glyph', 'glyph', 'glyph'])
  })

  it('still reads such a line as a point where the list below shows no glyph either', () => {
    const list = 'Bijlage: punten van het plan\n\n1. Algemene inleiding\nAlgemeen: het plan volgt de lijn van de regio\ne Met betrekking tot banen\ne Scholing van bewoners'
    expect(summary(build(list).blocks).slice(2, 4)).toEqual(['paragraph: Algemeen: het plan volgt de lijn van de regio', 'bullet1: Met betrekking tot banen'])
    expect(summary(build(list.replace(/\ne /g, '\n')).blocks).slice(2, 4)).toEqual(['bullet1: Algemeen: het plan volgt de lijn van de regio', 'bullet1: Met betrekking tot banen'])
  })

  it('reads `0.a.` as the abbreviation `o.a.`, capitalised where it opens a block or a sentence', () => {
    const source = 'Kernpunten\n\n0.a. de bewoners en 0.a. de raad. 0.a. de wijk.'
    const { blocks, corrections } = build(source)
    expect(blockText(blocks[1]!)).toBe('O.a. de bewoners en o.a. de raad. O.a. de wijk.')
    expect(corrections.filter((c) => c.rule === 'confusion').map((c) => [c.start, c.before, c.after])).toEqual([
      [12, '0.a.', 'O.a.'], [source.indexOf('0.a. de raad'), '0.a.', 'o.a.'], [source.indexOf('0.a. de wijk'), '0.a.', 'O.a.'],
    ])
  })
})

describe('reconcileStructure', () => {
  it('gives a copy the kind, level and heading number another copy shows and it lost', () => {
    offset = 0
    const printed = [
      block('heading', 3, '4. Menselijke maat in regels', number),
      block('paragraph', 0, 'Algemeen: boodschap vereenvoudiging en uitgangspunten', layout),
      block('bullet', 1, 'Met betrekking tot complexiteit:', glyph1),
      block('bullet', 2, 'VIM en IBO Vereenvoudiging', glyph2),
      block('bullet', 2, 'AWB herziening', glyph2),
    ]
    offset = 1000
    const lost = [
      block('heading', 3, 'Menselijke maat in regels', layout, 1),
      block('bullet', 1, 'Algemeen: boodschap vereenvoudiging en uitgangspunten', layout, 1),
      block('paragraph', 0, 'Met betrekking tot complexiteit:', layout, 1),
      block('bullet', 1, 'VIM en IBO Vereenvoudiging', glyph2, 1),
      block('bullet', 1, 'AWB herziening', glyph2, 1),
    ]
    const result = reconcileStructure([{ id: 'a', blocks: printed, copy: 'MSZW' }, { id: 'b', blocks: lost, copy: 'MAPP', page: 1 }])
    expect(result.blocks[0]).toBe(printed)
    expect(summary(result.blocks[1]!)).toEqual([
      'heading3: 4. Menselijke maat in regels',
      'paragraph: Algemeen: boodschap vereenvoudiging en uitgangspunten',
      'bullet1: Met betrekking tot complexiteit:',
      'bullet2: VIM en IBO Vereenvoudiging',
      'bullet2: AWB herziening',
    ])
    // The input blocks are left as they were.
    expect(summary(lost)[2]).toBe('paragraph: Met betrekking tot complexiteit:')
    expect(result.corrections).toEqual([{ page: 1, start: 1000, end: 1000, before: '', after: '4.', rule: 'copy', confidence: 0.9 }])
    expect(result.blocks[1]![0]!.marker).toBe('4.')
    expect(result.issues).toEqual([{
      severity: 'info', source: 'dedupe', ruleId: 'structure-from-copy', page: 1,
      message: 'b: structure restored from its copies in 5 places: ' +
        '"Menselijke maat in regels" no number -> number 4. (from a (MSZW): the copy prints it); ' +
        '"Algemeen: boodschap vereenvoudiging en uitgangspunten" bullet 1 -> paragraph (from a (MSZW): printed without a glyph among items that show theirs); ' +
        '"Met betrekking tot complexiteit:" paragraph -> bullet 1 (from a (MSZW): a top-level bullet glyph); ' +
        '"VIM en IBO Vereenvoudiging" bullet 1 -> bullet 2 (its sub-bullet glyph follows the restored block before it); ' +
        '"AWB herziening" bullet 1 -> bullet 2 (its sub-bullet glyph follows the restored block before it)',
    }])
    expect(shownOf(result.blocks[1]![2]!)).toEqual({ glyph: 1, by: 'glyph', from: 'a (MSZW)' })
  })

  it('takes no level from a sub-level glyph: its level follows the block before, as the copy has it', () => {
    offset = 0
    const a = [block('bullet', 1, 'Belang van maatwerk uitdragen', glyph1), block('bullet', 2, 'Reageren op belangrijkste conclusies', glyph2)]
    const b = [block('bullet', 1, 'Belang van maatwerk uitdragen', layout), block('bullet', 1, 'Reageren op belangrijkste conclusies', layout)]
    const result = reconcileStructure([{ id: 'a', blocks: a }, { id: 'b', blocks: b }])
    expect(result.blocks[0]).toBe(a)
    expect(result.blocks[1]).toBe(b)
    expect(result.issues).toEqual([])
  })

  it('reads a point printed without the sub-level glyph of the sub-bullets beside it as no sub-bullet; the sub-bullets below it stay under it', () => {
    offset = 0
    const a = [
      block('bullet', 2, 'Het vraagt om keuzes', glyph2),
      block('bullet', 2, 'Reageren op belangrijkste conclusies', glyph2),
      block('bullet', 2, 'Minst ervaren krachten staan aan de burgerkant', glyph2),
    ]
    const b = [
      block('bullet', 2, 'Het vraagt om keuzes', glyph2),
      block('bullet', 1, 'Reageren op belangrijkste conclusies', layout),
      block('bullet', 2, 'Minst ervaren krachten staan aan de burgerkant', glyph2),
    ]
    const result = reconcileStructure([{ id: 'a', blocks: a }, { id: 'b', blocks: b }])
    expect(summary(result.blocks[0]!)).toEqual(['bullet2: Het vraagt om keuzes', 'bullet1: Reageren op belangrijkste conclusies', 'bullet2: Minst ervaren krachten staan aan de burgerkant'])
    expect(result.blocks[1]).toBe(b)
    expect(result.restorations.map((r) => [r.document, r.block, r.before, r.after, r.from])).toEqual([['a', 1, 'bullet 2', 'bullet 1', 'b']])
  })

  it('changes nothing where copies disagree at the same strength, or a copy recorded no evidence', () => {
    offset = 0
    const a = [block('heading', 2, 'Kernpunten', { glyph: 0, by: 'name' }), block('bullet', 1, 'Het plan gaat in op de wijk', layout)]
    const b = [block('heading', 2, 'Kernpunten', { glyph: 0, by: 'name' }), block('paragraph', 0, 'Het plan gaat in op de wijk', layout)]
    const given = [block('heading', 2, 'Kernpunten'), block('paragraph', 0, 'Het plan gaat in op de wijk')]
    const marked = [block('heading', 2, 'Kernpunten', { glyph: 0, by: 'name' }), block('bullet', 1, 'Het plan gaat in op de wijk', glyph1)]
    expect(reconcileStructure([{ id: 'a', blocks: a }, { id: 'b', blocks: b }]).issues).toEqual([])
    // Two copies that print different marks on the block a third copy guessed: the guess stays.
    const guessed = [block('heading', 2, 'Kernpunten', { glyph: 0, by: 'name' }), block('paragraph', 0, 'Het plan gaat in op de wijk', layout)]
    const bullet = [block('heading', 2, 'Kernpunten', { glyph: 0, by: 'name' }), block('bullet', 1, 'Het plan gaat in op de wijk', glyph1)]
    const numbered = [block('heading', 2, 'Kernpunten', { glyph: 0, by: 'name' }), block('numbered', 1, 'Het plan gaat in op de wijk', number)]
    const three = reconcileStructure([{ id: 'guessed', blocks: guessed }, { id: 'bullet', blocks: bullet }, { id: 'numbered', blocks: numbered }])
    expect(three.blocks[0]).toBe(guessed)
    expect(reconcileStructure([{ id: 'guessed', blocks: guessed }, { id: 'bullet', blocks: bullet }]).blocks[0]![1]!.kind).toBe('bullet')
    const result = reconcileStructure([{ id: 'given', blocks: given }, { id: 'marked', blocks: marked }])
    expect(result.blocks[0]).toBe(given)
    expect(result.blocks[1]).toBe(marked)
  })

  it('splits a block where another copy prints two, the second opening with a glyph, at a line the parse stage saw start', () => {
    offset = 0
    const a = [block('bullet', 2, 'Rol van AI in de maat.', glyph2), block('bullet', 1, 'In de reactie erkennen we de dilemma’s.', glyph1)]
    offset = 500
    const merged = block('bullet', 2, 'Rol van AI in de maat. In de reactie erkennen we de dilemma’s.', glyph2, 1)
    const b = [merged]
    // Without a line start there, no split.
    expect(reconcileStructure([{ id: 'a', blocks: a }, { id: 'b', blocks: b }]).blocks[1]).toBe(b)
    setShown(merged, { ...glyph2, lines: [[1, merged.tokens[6]!.start]] })
    const result = reconcileStructure([{ id: 'a', blocks: a }, { id: 'b', blocks: b }])
    expect(summary(result.blocks[1]!)).toEqual(['bullet2: Rol van AI in de maat.', 'bullet1: In de reactie erkennen we de dilemma’s.'])
    expect(result.issues[0]!.message).toBe('b: structure restored from its copies in 1 place: "In de reactie erkennen we de…" part of the block before -> bullet 1 (from a: the copy prints it apart, opening with a top-level bullet glyph)')
  })
})

describe('release: structure from the group', () => {
  const head = 'nota Plan voor de wijk De Hoven\n\nAan Minister van SZW\nDatum 8 november 2023\n\nAanleiding\nDe gemeente heeft een plan voor de wijk De Hoven opgesteld. Het plan is in oktober besproken met de bewoners en de raad.\n\nKernpunten\ne Het plan gaat in op drie thema’s:\no Wonen in de wijk\no Werken in de wijk\no Leven in de wijk\ne De raad besluit in december over het plan en de kosten daarvan.\n\nBijlage: punten van het plan voor de wijk\n\n1. Algemene inleiding\n'
  const marked = head + 'e Appreciatie van het plan\ne Belang van de wijk\n\n2. Aanpak van de wijk in wonen\ne Nieuwe woningen bouwen\ne Oude woningen opknappen\n\n3. Aanpak van de wijk in werken\nAlgemeen: het plan volgt de lijn van de regio (in lijn met\nde afspraken van het overleg)\ne Met betrekking tot banen:\no Banen in de zorg\no Banen in de bouw\ne Scholing van bewoners\n'
  const lost = head + 'Appreciatie van het plan\nBelang van de wijk\n\nAanpak van de wijk in wonen\nNieuwe woningen bouwen\nOude woningen opknappen\n\nAanpak van de wijk in werken\nAlgemeen: het plan volgt de lijn van de regio (in lijn met\nde afspraken van het overleg)\nMet betrekking tot banen:\no Banen in de zorg\no Banen in de bouw\nScholing van bewoners\n'
  const tail = [
    'heading3: 3. Aanpak van de wijk in werken',
    'paragraph: Algemeen: het plan volgt de lijn van de regio (in lijn met de afspraken van het overleg)',
    'bullet1: Met betrekking tot banen:',
    'bullet2: Banen in de zorg',
    'bullet2: Banen in de bouw',
    'bullet1: Scholing van bewoners',
  ]

  it('restores what the copy that lost its marks lost, with an issue and a correction for each number it inserts', () => {
    const alone = release([{ name: 'b.txt', data: lost }]).value.documents[0]!
    expect(summary(alone.blocks).slice(-6)).not.toEqual(tail)
    const { value } = release([{ name: 'a.txt', data: marked }, { name: 'b.txt', data: lost }])
    expect(value.groups).toHaveLength(1)
    for (const doc of value.documents) expect(summary(doc.blocks).slice(-6), doc.id).toEqual(tail)
    const copy = value.documents.find((doc) => doc.copyOf !== null)!
    expect(copy.text).toContain('\n\n3. Aanpak van de wijk in werken\n\n')
    expect(copy.markdown).toContain('### 2. Aanpak van de wijk in wonen\n')
    const issue = value.issues.find((i) => i.ruleId === 'structure-from-copy')!
    expect(issue.message.startsWith(`${copy.id}: structure restored from its copies in 6 places: "Aanpak van de wijk in wonen" no number -> number 2. (from ${copy.copyOf}: the copy prints it)`)).toBe(true)
    const page = value.pages[copy.pages[0]!]!
    expect(value.corrections.filter((c) => c.before === '')).toEqual([
      { page: page.index, start: page.source.indexOf('Aanpak van de wijk in wonen'), end: page.source.indexOf('Aanpak van de wijk in wonen'), before: '', after: '2.', rule: 'copy', confidence: 0.9 },
      { page: page.index, start: page.source.indexOf('Aanpak van de wijk in werken'), end: page.source.indexOf('Aanpak van de wijk in werken'), before: '', after: '3.', rule: 'copy', confidence: 0.9 },
    ])
    // The group's consensus follows the restored structure.
    const group = value.groups[0] as (typeof value.groups)[number] & { blocks: Block[] }
    expect(summary(group.blocks).slice(-6)).toEqual(tail)
    // Nothing of the evidence reaches the JSON.
    expect(JSON.stringify(value)).not.toContain('layout')
  })
})
