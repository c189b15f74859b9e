import { describe, expect, it } from 'vitest'
import type { Document, Metadata } from '../src/types.js'
import { blocksToText, emptyMetadata, parseMarkdown } from '../src/parse/markdown.js'
import { _extraText, dedupe } from '../src/dedupe/index.js'
import { alignKeys, alignmentSimilarity } from '../src/dedupe/align.js'
import { foldWord } from '../src/dedupe/normalize.js'
import { referencedDates, titleStem } from '../src/dedupe/versions.js'

// Small notes written for these tests: three stages of one decision track, and two unrelated notes.
const TRACK_BODY = [
  '## Aanleiding',
  '',
  'De gemeenteraad heeft gevraagd om een voorstel voor de herinrichting van het stationsplein en de fietsenstalling. De uitvoering ligt bij de afdeling openbare ruimte en de vervoerder.',
  '',
  '## Kernpunten',
  '',
  '- Het ontwerp gaat uit van een autoluw plein met meer groen en een overdekte stalling voor ruim tweeduizend fietsen.',
  '- De kosten worden geraamd op vier miljoen euro, waarvan de provincie de helft bijdraagt uit het mobiliteitsfonds.',
  '- Omwonenden zijn betrokken via drie bijeenkomsten; hun zorgen gaan vooral over parkeren en de bereikbaarheid van winkels.',
  '- De planning voorziet in een start van de werkzaamheden na de zomer en oplevering binnen anderhalf jaar.',
]
const LATER_BODY = [
  '## Aanleiding',
  '',
  'In de nota van 4 maart jl. heeft u het voorstel voor de herinrichting van het stationsplein ontvangen. Wij hebben het ontwerp aangepast na de inspraak van omwonenden en ondernemers.',
  '',
  '## Kernpunten',
  '',
  '- Het aantal parkeerplaatsen voor laden en lossen is verdubbeld, zodat winkels bereikbaar blijven tijdens de markt.',
  '- De bijdrage van de provincie is schriftelijk toegezegd; de gemeentelijke dekking loopt via de reserve voor stedelijke vernieuwing.',
  '- De aanbesteding van de fietsenstalling wordt gesplitst van het plein, om vertraging te voorkomen.',
]
const FINAL_BODY = [
  '## Aanleiding',
  '',
  'In de nota van 20 april jl. heeft u het aangepaste ontwerp ontvangen. De wethouder vroeg om een duidelijker planning en een risicoparagraaf voor de aanbesteding.',
  '',
  '## Kernpunten',
  '',
  '- De planning is opgesplitst in vier fasen met per fase een besluitmoment van het college.',
  '- De grootste risico’s zijn prijsstijgingen van materialen en de beschikbaarheid van aannemers in de regio.',
  '- Wij stellen voor een post onvoorzien van tien procent op te nemen in de begroting van het project.',
]
const OTHER_A = [
  '## Aanleiding',
  '',
  'Het college wil de subsidieregeling voor sportverenigingen vereenvoudigen. Verenigingen klagen over de administratieve lasten van de aanvraag en de verantwoording achteraf.',
  '',
  '## Kernpunten',
  '',
  '- Kleine subsidies onder vijfduizend euro worden voortaan als vaststelling verleend, zonder verantwoording achteraf.',
  '- De sportraad is positief over het voorstel en vraagt om een digitaal loket voor alle aanvragen.',
  '- De regeling treedt in werking per januari, na vaststelling door de raad in december.',
]
const OTHER_B = [
  '## Aanleiding',
  '',
  'De bibliotheek heeft een aanvraag ingediend voor een verhoging van de jaarlijkse bijdrage. De bezoekersaantallen zijn sinds vorig jaar gestegen door de nieuwe vestiging in de wijk.',
  '',
  '## Kernpunten',
  '',
  '- De gevraagde verhoging bedraagt tweehonderdduizend euro per jaar, vooral voor personeel en openingsuren.',
  '- Wij adviseren een verhoging van de helft, gekoppeld aan afspraken over leesbevordering op basisscholen.',
  '- Het besluit past binnen de kaders van de cultuurnota die de raad vorig jaar heeft vastgesteld.',
]

/** OCR-like damage: shape-alike glyphs in every `every`-th word (deterministic). */
function damage(lines: string[], every: number, offset = 0): string[] {
  let n = offset
  return lines.map((line) =>
    line.replace(/\p{L}{4,}/gu, (word) => {
      n++
      if (n % every !== 0) return word
      if (word.includes('i')) return word.replace('i', 'l')
      if (word.includes('m')) return word.replace('m', 'rn')
      if (word.includes('e')) return word.replace('e', 'c')
      return word
    }),
  )
}

let page = 0
function doc(id: string, lines: string[], meta: Partial<Metadata>, extra: Partial<Document> = {}): Document {
  const parsed = parseMarkdown(lines.join('\n'))
  const p = page++
  const blocks = parsed.blocks.map((block) => ({ ...block, tokens: block.tokens.map((t) => ({ ...t, page: p })) }))
  return {
    id, pages: [p], metadata: { ...emptyMetadata('nota'), ...meta }, uncertain: [], copy: null,
    text: blocksToText(blocks), markdown: '', copyOf: null, annotations: [], redactions: [], blocks, ...extra,
  }
}

const TO = 'Wethouder Mobiliteit'
function release(): Document[] {
  return [
    doc('nota-2024-03-04-hoofdlijnen', TRACK_BODY, { title: 'Hoofdlijnen herinrichting stationsplein', date: '2024-03-04', to: TO, reference: '2024-0101' }),
    doc('nota-2024-03-04-hoofdlijnen~2', damage(TRACK_BODY, 5), { title: 'Hoofdlijnen herinrichting stationsplein', date: '2024-03-04', to: TO, reference: '2024-0101' }),
    doc('nota-2024-04-20-herinrichting', LATER_BODY, { title: 'Herinrichting stationsplein', date: '2024-04-20', to: TO, reference: '2024-0202' }),
    doc('nota-2024-04-20-herinrichting~2', damage(LATER_BODY, 4, 1), { title: 'Herinrichting stationsplein', date: '2024-04-20', to: TO, reference: '2024-0202' }),
    doc('nota-2024-05-13-aanpassingen', FINAL_BODY, { title: 'Aanpassingen herinrichting stationsplein', date: '2024-05-13', to: TO, reference: '2024-0303' }),
    doc('nota-2024-05-13-aanpassingen~2', damage(FINAL_BODY, 3, 2), { title: 'Aanpassingen herinrichting stationsplein', date: '2024-05-13', to: TO, reference: '2024-0303' }),
    // Two unrelated notes from the same department, same day, same addressee.
    doc('nota-2024-06-01-subsidieregeling', OTHER_A, { title: 'Vereenvoudiging subsidieregeling sport', date: '2024-06-01', to: TO }),
    doc('nota-2024-06-01-bibliotheek', OTHER_B, { title: 'Bijdrage openbare bibliotheek', date: '2024-06-01', to: TO }),
  ]
}

describe('dedupe: groups and chains', () => {
  it('finds three groups of two and one chain of three, oldest first', () => {
    const result = dedupe(release())
    expect(result.groups.map((g) => g.members)).toEqual([
      ['nota-2024-03-04-hoofdlijnen', 'nota-2024-03-04-hoofdlijnen~2'],
      ['nota-2024-04-20-herinrichting', 'nota-2024-04-20-herinrichting~2'],
      ['nota-2024-05-13-aanpassingen', 'nota-2024-05-13-aanpassingen~2'],
    ])
    // The clean copy has less damage, so it is canonical, and the reason says why.
    expect(result.groups.map((g) => g.canonical)).toEqual(['nota-2024-03-04-hoofdlijnen', 'nota-2024-04-20-herinrichting', 'nota-2024-05-13-aanpassingen'])
    expect(result.groups[0]!.reason).toMatch(/least estimated damage/)
    for (const group of result.groups) expect(group.similarity).toBeGreaterThan(0.6)
    expect(result.versions).toHaveLength(1)
    expect(result.versions[0]!.documents).toEqual(['nota-2024-03-04-hoofdlijnen', 'nota-2024-04-20-herinrichting', 'nota-2024-05-13-aanpassingen'])
    expect(result.versions[0]!.reason).toMatch(/title stem|refers to it/)
    // copyOf on each non-canonical member only.
    const copyOf = Object.fromEntries(result.documents.map((d) => [d.id, d.copyOf]))
    expect(copyOf['nota-2024-03-04-hoofdlijnen~2']).toBe('nota-2024-03-04-hoofdlijnen')
    expect(copyOf['nota-2024-03-04-hoofdlijnen']).toBeNull()
    expect(copyOf['nota-2024-06-01-bibliotheek']).toBeNull()
  })

  it('does not chain two unrelated notes of one day, nor group them', () => {
    const result = dedupe(release())
    const chained = new Set(result.versions.flatMap((c) => c.documents))
    expect(chained.has('nota-2024-06-01-subsidieregeling')).toBe(false)
    expect(chained.has('nota-2024-06-01-bibliotheek')).toBe(false)
    expect(result.groups.some((g) => g.members.includes('nota-2024-06-01-bibliotheek'))).toBe(false)
  })

  it('keeps a version that adds one sentence under a new date out of the group, and chains it', () => {
    const added = [...TRACK_BODY.slice(0, 3), TRACK_BODY[2]! + ' Het college heeft inmiddels ingestemd met de uitgangspunten.', ...TRACK_BODY.slice(3)]
    added.splice(2, 1)
    const docs = [
      doc('nota-2024-03-04-plein', TRACK_BODY, { title: 'Stationsplein', date: '2024-03-04', to: TO }),
      doc('nota-2024-03-04-plein~2', damage(TRACK_BODY, 6), { title: 'Stationsplein', date: '2024-03-04', to: TO }),
      doc('nota-2024-03-18-plein', added, { title: 'Stationsplein', date: '2024-03-18', to: TO }),
    ]
    const result = dedupe(docs)
    expect(result.groups.map((g) => g.members)).toEqual([['nota-2024-03-04-plein', 'nota-2024-03-04-plein~2']])
    expect(result.versions.map((c) => c.documents)).toEqual([['nota-2024-03-04-plein', 'nota-2024-03-18-plein']])
  })

  it('groups a copy that lost its first page by text, and fills its metadata from the group', () => {
    const docs = [
      doc('nota-2024-03-04-hoofdlijnen', TRACK_BODY, { title: 'Hoofdlijnen herinrichting stationsplein', date: '2024-03-04', to: TO }),
      doc('document-7', damage(TRACK_BODY.slice(5), 5), { title: null, date: null, to: null }),
    ]
    const result = dedupe(docs)
    expect(result.groups).toHaveLength(1)
    const filled = result.documents.find((d) => d.id === 'document-7')!
    expect(filled.copyOf).toBe('nota-2024-03-04-hoofdlijnen')
    expect(filled.metadata.date).toBe('2024-03-04')
    expect(filled.metadata.title).toBe('Hoofdlijnen herinrichting stationsplein')
    expect(result.issues).toContainEqual(expect.objectContaining({ ruleId: 'metadata-from-copy', source: 'dedupe', page: docs[1]!.pages[0], expected: ['2024-03-04'] }))
    expect(result.issues.find((i) => i.expected?.[0] === '2024-03-04')!.message).toMatch(/^document-7: date filled/)
    // The input is not changed.
    expect(docs[1]!.metadata.date).toBeNull()
  })

  it('puts a copy that lost its first page with the version whose text holds it, and with none when the versions differ only on the lost page', () => {
    const sentence = ' Het college heeft inmiddels ingestemd met de uitgangspunten van het ontwerp.'
    const later = TRACK_BODY.map((line, i) => (i === 7 ? line + sentence : line))
    const onFirstPage = TRACK_BODY.map((line, i) => (i === 2 ? line + sentence : line))
    const meta = (date: string) => ({ title: 'Herinrichting stationsplein', date, to: TO })
    const undated = { title: null, date: null, to: TO }
    const docs = [
      doc('nota-2024-03-04-plein', TRACK_BODY, meta('2024-03-04')),
      doc('nota-2024-03-04-plein~2', damage(TRACK_BODY, 6), meta('2024-03-04')),
      doc('nota-2024-03-18-plein', later, meta('2024-03-18')),
      doc('nota-2024-03-18-plein~2', damage(later, 5, 1), meta('2024-03-18')),
      doc('p2-first', damage(TRACK_BODY.slice(5), 7), undated),
      doc('p2-later', damage(later.slice(5), 7, 2), undated),
    ]
    const groups = dedupe(docs).groups.map((g) => g.members)
    expect(groups).toContainEqual(['nota-2024-03-04-plein', 'nota-2024-03-04-plein~2', 'p2-first'])
    expect(groups).toContainEqual(['nota-2024-03-18-plein', 'nota-2024-03-18-plein~2', 'p2-later'])
    // The sentence the versions differ in stood on the lost page: the two copies that lost it fit both
    // versions alike and join neither, but are copies of each other.
    const tied = [
      doc('nota-2024-03-04-plein', TRACK_BODY, meta('2024-03-04')),
      doc('nota-2024-03-18-plein', onFirstPage, meta('2024-03-18')),
      doc('p2-a', damage(TRACK_BODY.slice(5), 7), undated),
      doc('p2-b', damage(TRACK_BODY.slice(5), 5, 1), undated),
    ]
    expect(dedupe(tied).groups.map((g) => g.members)).toEqual([['p2-a', 'p2-b']])
  })

  it('places a copy that lost its first page by the date and reference its later page repeats, where the text fits both versions', () => {
    // The versions differ only on the lost page; the sidebar of the page kept (`Datum`, `Onze
    // referentie`, as a nota prints on every page) tells them apart, also with the day misread.
    const sentence = ' Het college heeft inmiddels ingestemd met de uitgangspunten van het ontwerp.'
    const onFirstPage = TRACK_BODY.map((line, i) => (i === 2 ? line + sentence : line))
    const meta = (date: string, reference: string) => ({ title: 'Herinrichting stationsplein', date, reference, to: TO })
    const docs = [
      doc('nota-2024-03-04-plein', TRACK_BODY, meta('2024-03-04', '2024-0101')),
      doc('nota-2024-03-18-plein', onFirstPage, meta('2024-03-18', '2024-0202')),
      doc('p2-first', damage(TRACK_BODY.slice(5), 7), { title: null, date: '2024-03-04', reference: '2024-0101', to: TO }),
      doc('p2-later', damage(onFirstPage.slice(5), 5, 1), { title: null, date: '2024-03-16', reference: null, to: TO }, { uncertain: ['date'] }),
    ]
    const result = dedupe(docs)
    expect(result.groups.map((g) => g.members)).toEqual([['nota-2024-03-04-plein', 'p2-first'], ['nota-2024-03-18-plein', 'p2-later']])
    expect(result.documents.find((d) => d.id === 'p2-later')!.metadata.date).toBe('2024-03-18')
  })

  /** Two dated versions of a track with two copies each, and of each version a copy without its first `cut` lines: the groups found. */
  const lostPageGroups = (body: string[], later: string[], cut: number): string[][] => {
    const meta = (date: string) => ({ title: 'Herinrichting stationsplein', date, to: TO })
    const undated = { title: null, date: null, to: TO }
    const docs = [
      doc('nota-2024-03-04-plein', body, meta('2024-03-04')),
      doc('nota-2024-03-04-plein~2', damage(body, 6), meta('2024-03-04')),
      doc('nota-2024-03-18-plein', later, meta('2024-03-18')),
      doc('nota-2024-03-18-plein~2', damage(later, 5, 1), meta('2024-03-18')),
      doc('p2-first', damage(body.slice(cut), 7), undated),
      doc('p2-later', damage(later.slice(cut), 7, 2), undated),
    ]
    return dedupe(docs).groups.map((g) => g.members)
  }

  it('places a copy that lost its first page by a sentence one version adds at the very end', () => {
    // Nothing follows the added sentence: both texts end where the document ends, so it is text one version has.
    const sentence = ' Het college heeft inmiddels ingestemd met de uitgangspunten van het ontwerp.'
    const last = TRACK_BODY.length - 1
    const later = TRACK_BODY.map((line, i) => (i === last ? line + sentence : line))
    const groups = lostPageGroups(TRACK_BODY, later, 5)
    expect(groups).toContainEqual(['nota-2024-03-04-plein', 'nota-2024-03-04-plein~2', 'p2-first'])
    expect(groups).toContainEqual(['nota-2024-03-18-plein', 'nota-2024-03-18-plein~2', 'p2-later'])
  })

  it('places a copy that lost its first page by a sentence one version adds right after its first short line', () => {
    // The copy begins with a short line both versions have; the later version continues it with a
    // sentence longer than that line. The short line is matched where the texts meet, not inside the
    // lost page, so the added sentence is text the later version has and the copy lacks.
    const body = [
      '## Aanleiding',
      '',
      'De gemeenteraad heeft gevraagd om een voorstel voor de herinrichting van het stationsplein en de fietsenstalling. De uitvoering ligt bij de afdeling openbare ruimte en de vervoerder.',
      '',
      '## Kernpunten',
      '',
      'Het ontwerp is besproken.',
      '',
      ...TRACK_BODY.slice(6),
    ]
    const sentence = ' De wethouder wil de planning eerst met de ondernemers en bewoners van het centrum bespreken.'
    const later = body.map((line, i) => (i === 6 ? line + sentence : line))
    const groups = lostPageGroups(body, later, 4)
    expect(groups).toContainEqual(['nota-2024-03-04-plein', 'nota-2024-03-04-plein~2', 'p2-first'])
    expect(groups).toContainEqual(['nota-2024-03-18-plein', 'nota-2024-03-18-plein~2', 'p2-later'])
  })

  it('corrects a date misread in one of three copies', () => {
    const meta = { title: 'Herinrichting stationsplein', to: TO }
    const docs = [
      doc('a', LATER_BODY, { ...meta, date: '2024-04-20' }),
      doc('b', damage(LATER_BODY, 5), { ...meta, date: '2024-04-20' }),
      doc('c', damage(LATER_BODY, 4), { ...meta, date: '2024-04-28' }, { uncertain: ['date'] }),
    ]
    const result = dedupe(docs)
    expect(result.groups).toHaveLength(1)
    expect(result.groups[0]!.metadata.date).toBe('2024-04-20')
    expect(result.documents[2]!.metadata.date).toBe('2024-04-20')
    expect(result.issues).toContainEqual(expect.objectContaining({ ruleId: 'metadata-corrected-from-copy', severity: 'warning', page: docs[2]!.pages[0], actual: '2024-04-28' }))
  })
})

describe('dedupe: order, completeness, arguments', () => {
  it('gives the same result for any input order', () => {
    const docs = release()
    const a = dedupe(docs)
    const reversed = dedupe([...docs].reverse())
    const rotated = dedupe([...docs.slice(3), ...docs.slice(0, 3)])
    const byId = (r: ReturnType<typeof dedupe>) => [...r.documents].sort((x, y) => (x.id < y.id ? -1 : 1))
    for (const other of [reversed, rotated]) {
      expect(other.groups).toEqual(a.groups)
      expect(other.versions).toEqual(a.versions)
      expect(byId(other)).toEqual(byId(a))
      expect([...other.consensus.entries()]).toEqual([...a.consensus.entries()])
      expect(other.issues).toEqual(a.issues)
    }
  })

  it('never drops a document, also an empty one, and keeps the input order', () => {
    const docs = [...release(), doc('empty', [], { title: null })]
    const result = dedupe(docs)
    expect(result.documents.map((d) => d.id)).toEqual(docs.map((d) => d.id))
  })

  it('returns empty results for no documents', () => {
    const result = dedupe([])
    expect(result).toEqual({ groups: [], versions: [], documents: [], consensus: new Map(), issues: [] })
  })

  it('rejects wrong arguments with a TypeError', () => {
    expect(() => dedupe('x' as unknown as Document[])).toThrow(TypeError)
    expect(() => dedupe([], { threshold: 2 })).toThrow(TypeError)
    expect(() => dedupe([], { nope: 1 } as never)).toThrow(TypeError)
  })

  it('honours the threshold option', () => {
    // The second copy lost a line: similar, not identical.
    const docs = [release()[0]!, doc('short', TRACK_BODY.slice(0, -1), release()[0]!.metadata)]
    expect(dedupe(docs).groups).toHaveLength(1)
    expect(dedupe(docs, { threshold: 0.99 }).groups).toHaveLength(0)
  })
})

describe('dedupe: consensus and additions', () => {
  const meta = { title: 'Herinrichting stationsplein', date: '2024-04-20', to: TO }
  it('repairs a word damaged in one copy from the other, with sources', () => {
    const clean = LATER_BODY.join('\n')
    // Copy a misreads `parkeerplaatsen`, copy b misreads `aanbesteding`: neither copy is right everywhere.
    const a = doc('a', clean.replace('parkeerplaatsen', 'parkeerpIaatscn').split('\n'), meta)
    const b = doc('b', clean.replace('aanbesteding', 'aanbcsteding').split('\n'), meta)
    const result = dedupe([a, b])
    const group = result.groups[0]!
    expect(group.text).toContain('parkeerplaatsen')
    expect(group.text).toContain('aanbesteding')
    expect(group.text).not.toContain('parkeerpIaatscn')
    expect(group.text).not.toContain('aanbcsteding')
    expect(group.text).toBe(blocksToText(parseMarkdown(clean).blocks))
    // The stretch holding the repaired word comes from the copy that read it right.
    const at = group.text.indexOf(group.canonical === 'a' ? 'parkeerplaatsen' : 'aanbesteding')
    const source = group.sources.find((s) => s.start <= at && at < s.end)!
    expect(source.document).toBe(group.canonical === 'a' ? 'b' : 'a')
    // Blocks follow the canonical copy and render to the same text.
    const blocks = result.consensus.get(group.canonical)!
    expect(blocks.map((block) => block.kind)).toEqual(group.canonical === 'a' ? a.blocks.map((x) => x.kind) : b.blocks.map((x) => x.kind))
    expect(blocksToText(blocks)).toBe(group.text)
  })

  it('lists annotations and leaked handwriting as what a copy adds, and keeps them out of the consensus', () => {
    const clean = LATER_BODY.join('\n')
    const withScribble = clean.replace('verdubbeld,', "verdubbeld, (//}'\\/ =;").split('\n')
    const a = doc('a', LATER_BODY, meta)
    const b = doc('b', withScribble, meta, { annotations: [{ page: 0, start: 900, end: 915, text: 'graag bespreken' }] })
    const result = dedupe([a, b])
    const group = result.groups[0]!
    expect(group.text).not.toContain('(//}')
    expect(group.additions).toContainEqual({ document: 'b', page: 0, start: 900, end: 915, text: 'graag bespreken', kind: 'annotation' })
    expect(group.additions).toContainEqual(expect.objectContaining({ document: 'b', kind: 'text', text: "(//}'\\/ =;" }))
    expect(group.additions!.some((x) => x.document === 'a')).toBe(false)
  })
})

describe('dedupe: building blocks', () => {
  it('folds OCR look-alikes onto one key', () => {
    expect(foldWord('Instltuut')).toBe(foldWord('Instituut'))
    expect(foldWord('rnaatwerk')).toBe(foldWord('maatwerk'))
    expect(foldWord('cle')).toBe(foldWord('de'))
    expect(foldWord('Kamer.')).toBe(foldWord('kamer'))
    expect(foldWord('2024')).toBe('2024')
  })

  it('aligns a split word and scores near copies high, unrelated text low', () => {
    const a = 'de brief is redelijk lang geworden'.split(' ').map(foldWord)
    const b = 'de briefis redelijk lang geworden'.split(' ').map(foldWord)
    const columns = alignKeys(a, b)
    expect(columns).toContainEqual({ a: [1, 2], b: [1], match: true })
    expect(alignmentSimilarity(a, b, columns)).toBe(1)
    const c = OTHER_A.join(' ').split(/\s+/).map(foldWord)
    const d = OTHER_B.join(' ').split(/\s+/).map(foldWord)
    expect(alignmentSimilarity(c, d, alignKeys(c, d))).toBeLessThan(0.35)
  })

  it('finds text one side adds next to a copy that lost its first page, and not the lost page itself', () => {
    const w = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i + 1}`)
    const col = (a: number[], b: number[], match: boolean) => ({ a, b, match })
    const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i)
    // The whole copy (a) adds a sentence at the very end: both texts end where the document ends.
    {
      const a = [...w('r', 10), ...w('s', 6)]
      const b = w('r', 10)
      const columns = [...range(0, 10).map((i) => col([i], [i], true)), ...range(10, 6).map((i) => col([i], [], false))]
      expect(_extraText(columns, a, b, 'a')).toEqual({ a: range(10, 6), b: [] })
    }
    // The copy begins with a short line both versions have; the whole copy's version continues it with
    // a longer sentence. The short line is where the texts meet, not a match inside the lost page.
    {
      const a = [...w('l', 12), ...w('h', 5), ...w('s', 8), ...w('r', 10)]
      const b = [...w('h', 5), ...w('r', 10)]
      const columns = [
        ...range(0, 12).map((i) => col([i], [], false)),
        ...range(0, 5).map((i) => col([12 + i], [i], true)),
        ...range(17, 8).map((i) => col([i], [], false)),
        ...range(0, 10).map((i) => col([25 + i], [5 + i], true)),
      ]
      expect(_extraText(columns, a, b, 'a')).toEqual({ a: range(17, 8), b: [] })
    }
    // A sentence matched inside the lost page that stands again where the texts meet: the lost page is cut.
    {
      const a = [...w('t', 5), ...w('l', 10), ...w('t', 5), ...w('r', 10)]
      const b = [...w('t', 5), ...w('r', 10)]
      const columns = [
        ...range(0, 5).map((i) => col([i], [i], true)),
        ...range(5, 15).map((i) => col([i], [], false)),
        ...range(0, 10).map((i) => col([20 + i], [5 + i], true)),
      ]
      expect(_extraText(columns, a, b, 'a')).toEqual({ a: [], b: [] })
    }
    // The copy's first words were aligned inside the lost page; most stand again where the texts meet,
    // but the sentence its own version adds there does not: that sentence is text the whole copy lacks.
    {
      const a = [...w('l', 20), ...w('h', 8), ...w('r', 10)]
      const b = [...w('h', 8), ...w('u', 5), ...w('r', 10)]
      const columns = [
        ...range(0, 8).map((i) => col([i], [i], false)),
        ...range(0, 4).map((i) => col([8 + i], [8 + i], false)),
        col([12], [12], true),
        ...range(13, 15).map((i) => col([i], [], false)),
        ...range(0, 10).map((i) => col([28 + i], [13 + i], true)),
      ]
      expect(_extraText(columns, a, b, 'a')).toEqual({ a: [], b: range(8, 5) })
    }
  })

  it('reads a title whose words OCR merged as the same title, and a stage word in one title only as another', () => {
    const body = LATER_BODY
    const docs = [
      doc('a', body, { title: 'Sporenplan over de goedwillendheid en boorspoeling', date: '2024-01-31', to: TO }),
      doc('b', damage(body, 4), { title: 'Sporenplanover degoedwillendheid cn boorspoeling', date: '2024-01-31', to: TO }),
    ]
    expect(dedupe(docs).groups.map((g) => g.members)).toEqual([['a', 'b']])
    const staged = [
      doc('a', body, { title: 'Sporenplan over de goedwillendheid en boorspoeling', date: '2024-01-31', to: TO }),
      doc('b', damage(body, 4), { title: 'Vervolgsporenplanover degoedwillendheid cn boorspoeling', date: '2024-01-37', to: TO }, { uncertain: ['date'] }),
    ]
    expect(dedupe(staged).groups).toEqual([])
  })

  it('reads a title whose words OCR split or merged as the same title, also where a piece reads like a stage word', () => {
    const body = LATER_BODY
    // `uitre kening`: the whole word, standing unmatched in the other title, reads like the stage word `uitwerking`.
    const split = [
      doc('a', body, { title: 'Zuuroplossing over de uitrekening en vrijkoping', date: '2023-08-10', to: TO }),
      doc('b', damage(body, 4), { title: 'Zuuroplossing_over de uitre kening en vrijkoping', date: '2023-08-18', to: TO }, { uncertain: ['date'] }),
    ]
    expect(dedupe(split).groups.map((g) => g.members)).toEqual([['a', 'b']])
    // The stage word `Reactie` merged into the next word in one copy and split off in the other.
    const merged = [
      doc('a', body, { title: 'React1e compensatieregeling over de recrutering en echtheid', date: '2023-07-18', to: TO }),
      doc('b', damage(body, 3), { title: 'Reactiecompensatieregeling 0ver de recrutering enechtheid', date: '2023-07-18', to: TO }),
    ]
    expect(dedupe(merged).groups.map((g) => g.members)).toEqual([['a', 'b']])
    // A stage word one title has and the other lacks still makes another version.
    const staged = [
      doc('a', body, { title: 'Compensatieregeling over de recrutering en echtheid', date: '2023-07-18', to: TO }),
      doc('b', damage(body, 3), { title: 'Reactie compensatieregeling over de recrutering en echtheid', date: '2023-07-13', to: TO }, { uncertain: ['date'] }),
    ]
    expect(dedupe(staged).groups).toEqual([])
  })

  it('reads title stems and explicit references', () => {
    expect(titleStem('Aanpassingen kabinetsreactie op het onderzoek')).toEqual(titleStem('Hoofdlijnen kabinetsreactie onderzoek'))
    expect(referencedDates('In de nota van 19 januari jl. heeft u', '2024-02-13')).toEqual([{ date: '2024-01-19', kind: 'nota', phrase: 'nota van 19 januari' }])
    expect(referencedDates('In de nota van 8 november heeft u', '2024-01-19')[0]!.date).toBe('2023-11-08')
  })
})

describe('dedupe: mails from one template', () => {
  const PETITION = ['Geachte minister,', '', 'Ik maak mij grote zorgen over de bezuiniging op de kinderopvangtoeslag. Voor veel gezinnen is de toeslag het verschil tussen werken en thuisblijven. Ik vraag u de bezuiniging te schrappen.']
  const mail = (k: number, from: string, date: string) => doc(`email-${k}`, PETITION, { kind: 'email', title: 'Stop de bezuiniging', subject: 'Stop de bezuiniging', from, date })

  it('keeps mails of two senders apart, as copies and as versions, however alike their text', () => {
    const result = dedupe([mail(1, 'Jansen, T.', '2024-01-09'), mail(2, 'Bakker, E.', '2024-01-09'), mail(3, 'de Vries, H.', '2024-01-10'), mail(4, 'Jansen, T.', '2024-01-09')])
    expect(result.groups.map((g) => g.members.slice().sort())).toEqual([['email-1', 'email-4']])
    expect(result.versions).toEqual([])
  })

  it('groups the copies among hundreds of mails of one text from as many senders', () => {
    const docs = Array.from({ length: 300 }, (_, k) => mail(k, `Burger ${k}`, '2024-01-09'))
    docs.push(mail(300, 'Burger 7', '2024-01-09'), mail(301, 'Burger 7', '2024-01-09'))
    const result = dedupe(docs)
    expect(result.groups.map((g) => g.members.slice().sort())).toEqual([['email-300', 'email-301', 'email-7']])
  })
})
