import { describe, expect, it } from 'vitest'
import type { LayoutSpan, Page, PageLayout } from '../src/types.js'
import { assignIds, assignPages, redactionCounts, segmentRelease, _slug, _isOpeningHeading, _isAttachmentHeading, _onlyRedacted, _repairTitleBlock, _letterHeader, _findStatus, _directorateAfterLabel } from '../src/segment/index.js'
import { normaliseStamp } from '../src/segment/copy.js'

/** A line of a hand-built page: body text, or a labelled furniture value. */
type Line = string | { text: string; field?: string; kind?: 'sidebar' | 'title-block' | 'header' | 'stamp' | 'letterhead' | 'page-number'; redaction?: string | null }

interface Spec {
  lines: Line[]
  stamps?: string[]
  pageNumber?: { n: number; of: number }
}

/** Build a page and a layout the way the layout stage reports them. */
function build(specs: Spec[]): { pages: Page[]; layouts: PageLayout[] } {
  const pages: Page[] = []
  const layouts: PageLayout[] = []
  specs.forEach((spec, index) => {
    let source = ''
    const spans: LayoutSpan[] = []
    const fields: Record<string, string> = {}
    for (const line of spec.lines) {
      const l = typeof line === 'string' ? { text: line } : line
      const start = source.length
      source += l.text + '\n'
      const end = start + l.text.length
      if (l.text.trim() === '') continue
      if (l.redaction !== undefined) {
        spans.push({ start, end, role: 'redaction', ground: l.redaction })
      } else if (typeof line === 'string') {
        spans.push({ start, end, role: 'body' })
      } else {
        spans.push({ start, end, role: 'furniture', kind: l.kind ?? 'sidebar', ...(l.field ? { field: l.field, value: true } : {}) })
        if (l.field && !(l.field in fields)) fields[l.field] = l.text.trim()
      }
    }
    pages.push({ index, source, method: 'text', document: null, pageOfDocument: null, furniture: [] })
    layouts.push({
      page: index,
      spans,
      fields,
      stamps: spec.stamps ?? [],
      ...(spec.pageNumber ? { pageNumber: spec.pageNumber } : {}),
      empty: !spans.some((s) => s.role === 'body'),
    })
  })
  return { pages, layouts }
}

const notaFirst = (title: string, date: string, extra: Partial<Spec> = {}): Spec => ({
  lines: [
    { text: 'Ministerie van Financiën', field: 'organisation', kind: 'letterhead' },
    { text: 'TER BESLISSING', field: 'status' },
    { text: date, field: 'date' },
    { text: '2024-0000012345', field: 'reference' },
    { text: '2', field: 'attachments' },
    { text: title, field: 'title', kind: 'title-block' },
    { text: 'Minister van Financiën', field: 'to', kind: 'title-block' },
    'Aanleiding',
    'De Kamer heeft gevraagd om een reactie op het rapport.',
    'Geadviseerd besluit',
    'U wordt gevraagd akkoord te gaan.',
  ],
  ...extra,
})
const notaNext = (date: string, body = 'Kernpunten'): Spec => ({
  lines: [body, 'Dit is de toelichting bij het besluit.', { text: date, field: 'date' }],
})
const noise = (text: string): Spec => ({ lines: [{ text, kind: 'page-number' }] })

describe('segmentRelease', () => {
  it('splits notas on title blocks and keeps noise pages out', () => {
    const { pages, layouts } = build([
      notaFirst('Beleidsreactie op het rapport', '19 januari 2024', { stamps: ['MSZ W'] }),
      noise('4'),
      notaNext('19 januari 2024'),
      notaFirst('Hoofdlijnen van de reactie', '8 november 2023'),
      notaNext('8 november 2023'),
      { lines: [''] },
    ])
    const result = segmentRelease(pages, layouts)
    expect(result.documents.map((d) => d.pages)).toEqual([[0, 2], [3, 4]])
    expect(result.noisePages).toEqual([1, 5])
    expect(result.issues.filter((i) => i.ruleId === 'noise-page').map((i) => i.page)).toEqual([1, 5])
    const [a, b] = result.documents
    expect(a!.id).toBe('nota-2024-01-19-beleidsreactie')
    expect(a!.copy).toBe('MSZW')
    expect(a!.metadata).toEqual({
      kind: 'nota', title: 'Beleidsreactie op het rapport', to: 'Minister van Financiën', date: '2024-01-19',
      organisation: 'Ministerie van Financiën', directorate: null, reference: '2024-0000012345', status: 'TER BESLISSING',
      attachments_count: 2, from: null, subject: null,
    })
    expect(b!.id).toBe('nota-2023-11-08-hoofdlijnen')
    expect(b!.copy).toBeNull()
  })

  it('splits two copies of one nota and numbers them by content', () => {
    const specs = [
      notaFirst('Aanpassingen in de regeling', '13 februari 2024', { stamps: ['MSZW'] }),
      notaNext('13 februari 2024'),
      notaFirst('Aanpassingen in de regeling', '13 februari 2024', { stamps: ['MAep'] }),
      notaNext('13 februari 2024', 'Kernpunten en advies'),
    ]
    const { pages, layouts } = build(specs)
    const result = segmentRelease(pages, layouts)
    expect(result.documents.map((d) => d.pages)).toEqual([[0, 1], [2, 3]])
    expect(result.documents.map((d) => d.copy)).toEqual(['MSZW', 'MAPP'])
    const ids = result.documents.map((d) => d.id).sort()
    expect(ids).toEqual(['nota-2024-02-13-aanpassingen', 'nota-2024-02-13-aanpassingen~2'])
    // Reversed input order: the same copy gets the same id.
    const rev = build([specs[2]!, specs[3]!, specs[0]!, specs[1]!])
    const again = segmentRelease(rev.pages, rev.layouts)
    const byCopy = (r: typeof result) => Object.fromEntries(r.documents.map((d) => [d.copy, d.id]))
    expect(byCopy(again)).toEqual(byCopy(result))
    expect(result.issues.some((i) => i.ruleId === 'damaged-stamp' && i.actual === 'MAep')).toBe(true)
  })

  it('splits a copy without its first page on the opening heading, and on a new date', () => {
    const { pages, layouts } = build([
      { lines: ['Aanleiding', 'Tekst van de eerste nota.'] },
      notaNext('19 januari 2024'),
      { lines: ['Aanleiding', 'Tekst van de tweede kopie.'] },
      notaNext('19 januari 2024'),
      notaNext('3 maart 2024'),
    ])
    const result = segmentRelease(pages, layouts)
    expect(result.documents.map((d) => d.pages)).toEqual([[0, 1], [2, 3], [4]])
    expect(result.documents[0]!.metadata.title).toBeNull()
    expect(result.documents.slice(0, 2).map((d) => d.id).sort()).toEqual(['nota-2024-01-19-untitled', 'nota-2024-01-19-untitled~2'])
    expect(result.issues.some((i) => i.ruleId === 'no-title-block' && i.page === 0)).toBe(true)
  })

  it('keeps an attachment page with its nota and does not split on a damaged date', () => {
    const { pages, layouts } = build([
      notaFirst('Voorstel voor de begroting', '8 november 2023'),
      { lines: ['Bijlage: kernpunten van het voorstel', '1. Algemene inleiding', { text: '8 november 2023', field: 'date' }] },
      { lines: ['Vervolg van de bijlage', { text: '3 november:2023', field: 'date' }] },
    ])
    const result = segmentRelease(pages, layouts)
    expect(result.documents.map((d) => d.pages)).toEqual([[0, 1, 2]])
  })

  it('marks a date read from damaged OCR as uncertain, with an issue', () => {
    const { pages, layouts } = build([
      { lines: ['Aanleiding', 'Tekst.'] },
      { lines: ['Meer tekst.', { text: '13 januari:2024', field: 'date' }] },
    ])
    const result = segmentRelease(pages, layouts)
    const doc = result.documents[0]!
    expect(doc.metadata.date).toBe('2024-01-13')
    expect(doc.uncertain).toEqual(['date'])
    const issue = result.issues.find((i) => i.ruleId === 'uncertain-metadata')!
    expect(issue).toMatchObject({ severity: 'warning', source: 'segment', page: 1, actual: '13 januari:2024' })
    expect(pages[1]!.source.slice(issue.start, issue.end)).toBe('13 januari:2024')
  })

  it('keeps an e-mail thread together and splits on a new thread', () => {
    const header = (from: string, sent: string, subject: string): Line[] => [
      { text: 'Van:', kind: 'header' }, { text: from, field: 'from', kind: 'header' },
      { text: sent, field: 'sent', kind: 'header' },
      { text: 'Aan:', kind: 'header' }, { text: '5.1.2e', redaction: '5.1.2e' },
      { text: subject, field: 'subject', kind: 'header' },
    ]
    const { pages, layouts } = build([
      { lines: [...header('Jansen, P.', 'dinsdag 5 maart 2024 10:12', 'RE: Planning overleg'), 'Prima, dank.', 'Groet'] },
      { lines: [...header('De Vries', 'maandag 4 maart 2024 16:40', 'Planning overleg'), 'Kunnen we dinsdag overleggen?'] },
      { lines: [...header('Bakker', '12 april 2024 09:00', 'Begroting'), 'Zie bijlage.'] },
    ])
    const result = segmentRelease(pages, layouts)
    expect(result.documents.map((d) => d.pages)).toEqual([[0, 1], [2]])
    const [thread, other] = result.documents
    expect(thread!.metadata).toMatchObject({ kind: 'email', from: 'Jansen, P.', subject: 'RE: Planning overleg', title: 'Planning overleg', date: '2024-03-05' })
    expect(thread!.id).toBe('email-2024-03-05-planning')
    expect(other!.id).toBe('email-2024-04-12-begroting')
    expect(redactionCounts(thread!)).toEqual({ '5.1.2e': 2 })
  })

  it('starts memos and letters', () => {
    const { pages, layouts } = build([
      { lines: [{ text: '', field: 'memo' }, { text: 'Memo', kind: 'title-block' }, { text: 'Directeur', field: 'to' }, { text: 'Afdeling', field: 'from' }, { text: '2 mei 2023', field: 'date' }, { text: 'Stand van zaken', field: 'subject' }, 'Inleiding', 'Tekst.'] },
      { lines: ['Vervolg van de memo.'] },
      { lines: [{ text: 'Retouradres Postbus 1 2500 AA Den Haag', field: 'letter', kind: 'letterhead' }, { text: '9 juni 2023', field: 'date' }, { text: 'Antwoord op uw brief', field: 'subject' }, 'Geachte heer,', 'Tekst van de brief.'] },
    ])
    // The memo field carries an empty value: the layout reports it present with ''.
    layouts[0]!.fields.memo = ''
    layouts[2]!.fields.letter = ''
    const result = segmentRelease(pages, layouts)
    expect(result.documents.map((d) => [d.metadata.kind, d.pages])).toEqual([['memo', [0, 1]], ['letter', [2]]])
    expect(result.documents[0]!.metadata).toMatchObject({ to: 'Directeur', from: 'Afdeling', date: '2023-05-02', subject: 'Stand van zaken', title: 'Stand van zaken' })
    expect(result.documents[1]!.id).toBe('letter-2023-06-09-antwoord')
  })

  it('respects printed page numbers', () => {
    const { pages, layouts } = build([
      { lines: ['Aanleiding', 'Tekst.'], pageNumber: { n: 1, of: 2 } },
      { lines: ['Aanleiding', 'Herhaald kopje op pagina twee.'], pageNumber: { n: 2, of: 2 } },
      { lines: ['Nog een stuk zonder kopje.'], pageNumber: { n: 1, of: 1 } },
    ])
    expect(segmentRelease(pages, layouts).documents.map((d) => d.pages)).toEqual([[0, 1], [2]])
  })

  it('handles bad input without throwing', () => {
    expect(segmentRelease([], [])).toEqual({ documents: [], noisePages: [], issues: [] })
    const one = build([{ lines: [''] }])
    const r1 = segmentRelease(one.pages, one.layouts)
    expect(r1.documents).toEqual([])
    expect(r1.noisePages).toEqual([0])
    const single = build([{ lines: ['Een losse pagina met wat tekst.'] }])
    const r2 = segmentRelease(single.pages, single.layouts)
    expect(r2.documents.map((d) => [d.id, d.pages])).toEqual([['other-undated-untitled', [0]]])
    // Missing layouts: split on the raw text, with an issue.
    const r3 = segmentRelease(single.pages, [])
    expect(r3.documents).toHaveLength(1)
    expect(r3.issues.map((i) => i.ruleId)).toEqual(['missing-layout'])
    expect(() => segmentRelease('x' as unknown as Page[], [])).toThrow(TypeError)
  })

  it('collects redactions from layout spans and printed grounds', () => {
    const { pages, layouts } = build([{ lines: ['Aanleiding', 'Overleg met 5.1.2e en S12e.', { text: '', redaction: null }, { text: '███', redaction: null }] }])
    const doc = segmentRelease(pages, layouts).documents[0]!
    expect(redactionCounts(doc)).toEqual({ '5.1.2e': 2, none: 1 })
  })
})

describe('helpers', () => {
  it('assignIds orders copies by content, not input order', () => {
    const meta = { kind: 'nota' as const, title: 'Één voorstel', to: null, date: null, organisation: null, directorate: null, reference: null, status: null, attachments_count: null, from: null, subject: null }
    const a = { metadata: meta, text: 'eerste' }
    const b = { metadata: meta, text: 'tweede' }
    const ab = assignIds([a, b])
    const ba = assignIds([b, a])
    expect(ab).toEqual([ba[1], ba[0]])
    expect(new Set(ab)).toEqual(new Set(['nota-undated-een', 'nota-undated-een~2']))
  })

  it('slugs, headings and stamps', () => {
    expect(_slug('‘Beleidsreactie op het rapport')).toBe('beleidsreactie')
    expect(_slug(null)).toBe('untitled')
    expect(_slug('— …')).toBe('untitled')
    expect(_isOpeningHeading('Aanleiding')).toBe(true)
    expect(_isOpeningHeading('Aanleidinq:')).toBe(true)
    expect(_isOpeningHeading('Inleiding')).toBe(false)
    expect(_isOpeningHeading('Aanleiding voor dit besluit is de brief van de Kamer')).toBe(false)
    expect(_isAttachmentHeading('Bijlage: kernpunten')).toBe(true)
    expect(_isAttachmentHeading('Bijlage 1')).toBe(true)
    expect(_isAttachmentHeading('Bijlagen')).toBe(true)
    expect(_isAttachmentHeading('Bijlagebrief aan de Kamer')).toBe(false)
    expect(normaliseStamp('MSZ W')).toEqual({ label: 'MSZW', damaged: false })
    expect(normaliseStamp('MAep')).toEqual({ label: 'MAPP', damaged: true })
    expect(normaliseStamp('Qx7')).toEqual({ label: 'Qx7', damaged: true })
  })
})

describe('segmentRelease: copies and odd pages', () => {
  const body = (seed: number, n = 60): string[] => {
    // Distinct running text per seed, wrapped in lines of ten words.
    const words = ['overleg', 'regeling', 'planning', 'kosten', 'uitvoering', 'gemeenten', 'advies', 'wetgeving', 'toezicht', 'evaluatie', 'begroting', 'signalen']
    const out: string[] = []
    for (let i = 0; i < n; i++) out.push(words[(seed * 7 + i * 5) % words.length]! + (i % 3 === 0 ? ` ${seed}-${i}` : ''))
    const lines: string[] = []
    for (let i = 0; i < out.length; i += 10) lines.push(out.slice(i, i + 10).join(' '))
    return lines
  }

  it('starts a new copy where a page repeats an earlier page of the current document', () => {
    const p1 = { lines: [...body(1), { text: '2 mei 2023', field: 'date' }] } as Spec
    const p2 = { lines: [...body(2), { text: '2 mei 2023', field: 'date' }] } as Spec
    const { pages, layouts } = build([notaFirst('Voorstel', '2 mei 2023'), p1, p2, p1, p2])
    expect(segmentRelease(pages, layouts).documents.map((d) => d.pages)).toEqual([[0, 1, 2], [3, 4]])
  })

  it('splits where the printed page counter restarts', () => {
    const { pages, layouts } = build([
      { lines: body(3), pageNumber: { n: 1, of: 2 } },
      { lines: body(4), pageNumber: { n: 2, of: 2 } },
      { lines: body(5), pageNumber: { n: 2, of: 3 } },
      { lines: body(6), pageNumber: { n: 3, of: 3 } },
    ])
    expect(segmentRelease(pages, layouts).documents.map((d) => d.pages)).toEqual([[0, 1], [2, 3]])
  })

  it('joins a header-only page to the page after it and keeps a blacked-out page in its document', () => {
    const { pages, layouts } = build([
      { lines: [{ text: 'Ministerie van Defensie', field: 'organisation', kind: 'letterhead' }], stamps: ['MDEF'] },
      notaFirst('Inzet van middelen', '4 april 2024'),
      { lines: [{ text: '5.1.2e', redaction: '5.1.2e' }, { text: '5.1.2e', redaction: '5.1.2e' }] },
      notaNext('4 april 2024'),
    ])
    const result = segmentRelease(pages, layouts)
    expect(result.documents.map((d) => d.pages)).toEqual([[0, 1, 2, 3]])
    expect(result.noisePages).toEqual([])
    expect(result.documents[0]!.copy).toBe('MDEF')
  })

  it('finds a stamp the layout left in the body', () => {
    const { pages, layouts } = build([{ lines: ['Aanleiding', 'Tekst van de nota.', 'Mpvo', 'Meer tekst.'] }])
    expect(segmentRelease(pages, layouts).documents[0]!.copy).toBe('MPVO')
  })

  it('drops values that are only redaction grounds', () => {
    expect(_onlyRedacted('5.1.2e')).toBe(true)
    expect(_onlyRedacted('5.1.2e@minbzk.nl; 10.2e')).toBe(true)
    expect(_onlyRedacted('Jansen, 5.1.2e')).toBe(false)
    expect(_onlyRedacted('Jansen')).toBe(false)
  })

  it('separates a letterhead or stamp read into the title line', () => {
    const meta = (title: string, organisation: string | null) => ({ kind: 'nota' as const, title, to: null, date: null, organisation, directorate: null, reference: null, status: null, attachments_count: null, from: null, subject: null })
    const a = meta('Welzijn en Sport nota Voorstel over de zorg', 'Ministerie van Volksgezondheid,')
    _repairTitleBlock(a, new Set())
    expect([a.title, a.organisation]).toEqual(['Voorstel over de zorg', 'Ministerie van Volksgezondheid, Welzijn en Sport'])
    const b = meta('MJENV n Ota Wetsvoorstel over toezicht', 'Ministerie van Justitie en Veiligheid')
    _repairTitleBlock(b, new Set())
    expect([b.title, b.organisation]).toEqual(['Wetsvoorstel over toezicht', 'Ministerie van Justitie en Veiligheid'])
    const d = meta('Zaken en Klimaat Aari Minister van EZK nota Advies over energie', 'Ministerie van Economische')
    const flags = new Set<string>()
    _repairTitleBlock(d, flags)
    expect([d.title, d.organisation, d.to, [...flags]]).toEqual(['Advies over energie', 'Ministerie van Economische Zaken en Klimaat', 'Minister van EZK', ['to']])
    const c = meta('Reactie op de nota van de Raad', null)
    _repairTitleBlock(c, new Set())
    expect(c.title).toBe('Reactie op de nota van de Raad')
  })
})

describe('segmentRelease: uncertain metadata', () => {
  it('flags short unknown words when given a lexicon, and a name cut off after an adjective', () => {
    const { pages, layouts } = build([notaFirst('Voorstel vari de regeling', '2 mei 2023')])
    layouts[0]!.fields.organisation = 'Ministerie van Economische'
    const known = new Set(['voorstel', 'de', 'regeling', 'van', 'minister', 'financiën'])
    const lexicon = { has: (w: string) => known.has(w.toLowerCase()) }
    const doc = segmentRelease(pages, layouts, { lexicon }).documents[0]!
    expect(doc.uncertain).toEqual(['organisation', 'title'])
    expect(segmentRelease(pages, layouts).documents[0]!.uncertain).toEqual(['organisation'])
    expect(() => segmentRelease(pages, layouts, { lexicon: 1 } as never)).toThrow(TypeError)
    expect(() => segmentRelease(pages, layouts, { other: 1 } as never)).toThrow(TypeError)
  })

  it('completes a two-line letterhead from the first body line', () => {
    const { pages, layouts } = build([{ lines: [{ text: 'Ministerie van Economische', field: 'organisation', kind: 'letterhead' }, 'Zaken en Klimaat', 'Aanleiding', 'Tekst.'] }])
    expect(segmentRelease(pages, layouts).documents[0]!.metadata.organisation).toBe('Ministerie van Economische Zaken en Klimaat')
    const heading = build([{ lines: [{ text: 'Ministerie van Economische', field: 'organisation', kind: 'letterhead' }, 'Aanleiding', 'Tekst.'] }])
    expect(segmentRelease(heading.pages, heading.layouts).documents[0]!.metadata.organisation).toBe('Ministerie van Economische')
  })
})

describe('assignPages', () => {
  it('fills document and pageOfDocument without changing the input', () => {
    const { pages, layouts } = build([notaFirst('Voorstel', '2 mei 2023'), noise('2'), notaNext('2 mei 2023')])
    const seg = segmentRelease(pages, layouts)
    const out = assignPages(pages, seg.documents)
    expect(out.map((p) => [p.document, p.pageOfDocument])).toEqual([['nota-2023-05-02-voorstel', 1], [null, null], ['nota-2023-05-02-voorstel', 2]])
    expect(pages[0]!.document).toBeNull()
  })
})

describe('title blocks', () => {
  it('does not take a title found below running text for a new title block', () => {
    const { pages, layouts } = build([
      notaFirst('Voorstel over toezicht', '2 mei 2023'),
      { lines: ['Eerste regel tekst.', 'Tweede regel tekst.', 'Derde regel tekst.', 'Vierde regel tekst.', { text: 'leggen wij u voor', field: 'title', kind: 'title-block' }, 'Vijfde regel.'] },
    ])
    expect(segmentRelease(pages, layouts).documents.map((d) => d.pages)).toEqual([[0, 1]])
  })

  it('does not take running text for a title', () => {
    const { pages, layouts } = build([
      notaFirst('Voorstel over toezicht', '2 mei 2023'),
      { lines: [{ text: 'leggen wij u voor. De Kamer heeft gevraagd om een reactie', field: 'title', kind: 'title-block' }, 'Tekst.'] },
    ])
    expect(segmentRelease(pages, layouts).documents.map((d) => d.pages)).toEqual([[0, 1]])
  })
})

describe('references', () => {
  it('splits two notas of one day on their reference numbers, allowing a misread digit', () => {
    const page = (ref: string, text: string): Spec => ({ lines: [text, 'Meer tekst over het onderwerp.', { text: '2 mei 2023', field: 'date' }, { text: ref, field: 'reference' }] })
    const { pages, layouts } = build([
      page('2023-0000123456', 'Tekst van de eerste nota.'),
      page('2023-0000123458', 'Vervolg van de eerste nota.'),
      page('2023-0000987654', 'Tekst van de tweede nota.'),
      page('2023-', 'Vervolg van de tweede nota.'),
    ])
    expect(segmentRelease(pages, layouts).documents.map((d) => d.pages)).toEqual([[0, 1], [2, 3]])
  })
})

describe('letters', () => {
  it('reads the addressee and subject of a letter where the layout gave none', () => {
    const src = 'Ministerie van Financiën\n\nRetouradres Postbus 20201 2500 EE Den Haag\n\nDe Voorzitter van de Tweede Kamer\nPostbus 20018\n\nDatum\n3 maart 2022\n\nBetreft\nAntwoord op vragen\n\nGeachte voorzitter,\n'
    expect(_letterHeader(src)).toEqual({ to: 'De Voorzitter van de Tweede Kamer', subject: 'Antwoord op vragen' })
    expect(_letterHeader('Onderwerp: Besluit op uw verzoek\n')).toEqual({ to: null, subject: 'Besluit op uw verzoek' })
    expect(_letterHeader('Retouradres Postbus 1\n2500 AA Den Haag\n')).toEqual({ to: null, subject: null })
  })
})

describe('nota sidebar fallbacks', () => {
  it('finds a status bled onto a body line and a directorate under its label', () => {
    expect(_findStatus('De Kamer heeft gevraagd om advies.  TER ADVISERING\nTekst')).toBe('TER ADVISERING')
    expect(_findStatus('Ter informatie: de brief')).toBeNull()
    expect(_directorateAfterLabel('Directie\nCommunicatie\n\nDatum\n3 mei 2023')).toBe('Communicatie')
    expect(_directorateAfterLabel('Directie\n\nDatum\n3 mei 2023')).toBeNull()
    expect(_directorateAfterLabel('Directie\n5.1.2e\n')).toBeNull()
    expect(_directorateAfterLabel('Directie\nRisico’s  Datum\n')).toBeNull()
  })
})
