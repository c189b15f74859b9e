import { describe, expect, it } from 'vitest'
import { analyzeLayout } from '../src/layout/index.js'
import type { Page } from '../src/types.js'

const page = (source: string): Page => ({ index: 0, source, method: 'text', document: null, pageOfDocument: null, furniture: [] })
const roles = (source: string) => {
  const layout = analyzeLayout(page(source))
  return { layout, spans: layout.spans.map((s) => ({ role: s.role, kind: s.kind, field: s.field, text: source.slice(s.start, s.end) })) }
}

const NOTA = [
  ' Ministerie van Infrastructuur en',
  '',
  'Waterstaat',
  'Aan Minister van IenW',
  '',
  'nota Gevolgen van de droogte voor de scheepvaart',
  '',
  'Aanleiding',
  'De waterstand in de rivieren is gedaald. Dat raakt de binnenvaart; is Datum',
  'dat te voorkomen? - 3 maart 2025',
  'en vraagt om keuzes van het kabinet. (\\/} W',
  '',
  'MIW',
  '',
  'TER INFORMATIE',
  '',
  'Datum',
  '3 maart 2025',
  '',
  'Onze referentie',
  '2025-0001234',
  '',
  'Opgesteld door',
  '',
  'Bijlage(n)',
  '2',
].join('\n')

describe('analyzeLayout', () => {
  it('reads letterhead, stamps, sidebar fields and the title block as furniture with their values', () => {
    const { layout } = roles(NOTA)
    expect(layout.fields).toMatchObject({
      organisation: 'Ministerie van Infrastructuur en Waterstaat', to: 'Minister van IenW',
      title: 'Gevolgen van de droogte voor de scheepvaart', status: 'TER INFORMATIE', date: '3 maart 2025',
      reference: '2025-0001234', attachments: '2',
    })
    expect(layout.stamps).toEqual(['MIW'])
  })

  it('cuts sidebar bleed and handwriting off body lines', () => {
    const { spans } = roles(NOTA)
    const body = spans.filter((s) => s.role === 'body').map((s) => s.text)
    expect(body).toEqual([
      'Aanleiding',
      'De waterstand in de rivieren is gedaald. Dat raakt de binnenvaart; is',
      'dat te voorkomen?',
      'en vraagt om keuzes van het kabinet.',
    ])
    expect(spans).toContainEqual({ role: 'furniture', kind: 'sidebar', field: 'date', text: 'Datum' })
    expect(spans).toContainEqual({ role: 'furniture', kind: 'sidebar', field: 'date', text: '- 3 maart 2025' })
    expect(spans).toContainEqual({ role: 'annotation', kind: undefined, field: undefined, text: '(\\/} W' })
  })

  it('marks a sidebar field left empty as a redaction without a ground, and printed grounds with theirs', () => {
    const { spans } = roles(NOTA + '\n\nDe contactpersoon is 5.1.2e en de rest is openbaar gemaakt.')
    expect(spans).toContainEqual({ role: 'redaction', kind: undefined, field: 'author', text: '' })
    expect(spans.find((s) => s.role === 'redaction' && s.text === '5.1.2e')).toBeDefined()
  })

  it('keeps a page of body text whole and a lone page number as furniture', () => {
    const { layout, spans } = roles(' 7\n')
    expect(layout.empty).toBe(true)
    expect(spans).toEqual([{ role: 'furniture', kind: 'page-number', field: 'page', text: '7' }])
    const prose = roles('Het kabinet neemt het advies over.\nDe minister informeert de Kamer.')
    expect(prose.spans.every((s) => s.role === 'body')).toBe(true)
  })

  it('reads a letter head: addressee, sender column and subject are furniture, the text starts at the salutation', () => {
    const LETTER = [
      ' Ministerie van Binnenlandse Zaken en',
      'Koninkrijksrelaties',
      '',
      '» Retouradres Postbus 20011 2500 EA Den Haag',
      '',
      'Aan de Voorzitter van de Eerste Kamer',
      'der Staten-Generaal',
      'Binnenhof 22',
      '2513 AA Den Haag',
      '',
      'Turfmarkt 147',
      'Den Haag',
      'Postbus 20011',
      '2500 EA Den Haag',
      'www.rijksoverheid.nl',
      '',
      'Kenmerk',
      '2025-0000099887',
      '',
      'Datum 2 juni 2025',
      'Betreft',
      'Uitvoering van de motie over digitale inclusie',
      '',
      'Geachte voorzitter,',
      '',
      'Hierbij ontvangt u de reactie op de motie.',
    ].join('\n')
    const { layout, spans } = roles(LETTER)
    expect(layout.fields).toMatchObject({ to: 'Aan de Voorzitter van de Eerste Kamer der Staten-Generaal', subject: 'Uitvoering van de motie over digitale inclusie', date: '2 juni 2025' })
    expect(layout.fields.title).toBeUndefined()
    const body = spans.filter((s) => s.role === 'body').map((s) => s.text)
    expect(body).toEqual(['Geachte voorzitter,', 'Hierbij ontvangt u de reactie op de motie.'])
    expect(spans).toContainEqual({ role: 'furniture', kind: 'title-block', field: 'to', text: '2513 AA Den Haag' })
    expect(spans).toContainEqual({ role: 'furniture', kind: 'sidebar', field: 'address', text: 'Turfmarkt 147' })
    expect(spans).toContainEqual({ role: 'furniture', kind: 'header', field: 'subject', text: 'Betreft' })
  })

  it('marks only the addressee of a letter whose salutation is out of reach', () => {
    const { layout, spans } = roles(['Retouradres Postbus 1 1000 AA Amsterdam', '', 'Gemeente Utrecht', 'Postbus 16200', '3500 CE Utrecht', '', 'Hierbij ontvangt u de reactie op de motie.'].join('\n'))
    expect(layout.fields.to).toBe('Gemeente Utrecht')
    expect(spans.filter((s) => s.role === 'body').map((s) => s.text)).toEqual(['Hierbij ontvangt u de reactie op de motie.'])
  })

  it('keeps a short greeting before a redacted name as text, also once cleaned', () => {
    const { spans } = roles('Ha 5.1.2e\n\nZie hieronder de laatste stand van het wetsvoorstel.')
    expect(spans).toContainEqual({ role: 'body', kind: undefined, field: undefined, text: 'Ha' })
    expect(roles('Ha\n\nZie hieronder de stand.').spans[0]).toMatchObject({ role: 'body', text: 'Ha' })
    // Handwriting of two letters is still handwriting.
    expect(roles('E WM\n\nZie hieronder de stand.').spans[0]).toMatchObject({ role: 'annotation' })
  })

  it('takes a name owed to a label from after the last sentence of the next line, and a scribble with its last stroke', () => {
    const text = [
      'Kernpunten',
      'e De provincies voeren de regie goed uit, maar de Directie',
      'kosten zijn hoger dan verwacht. Ruimtelijke Ordening en Wonen',
      'e De leerroute werkt goed. (///) \\ A',
      'e Het budget is ontoereikend.',
    ].join('\n')
    const { layout, spans } = roles(text)
    expect(layout.fields.directorate).toBe('Ruimtelijke Ordening en Wonen')
    const body = spans.filter((s) => s.role === 'body').map((s) => s.text)
    expect(body).toContain('kosten zijn hoger dan verwacht.')
    expect(body).toContain('e De leerroute werkt goed.')
    // A sentence that runs on to the next line keeps its words.
    const runOn = roles(['Kernpunten', 'e De provincies voeren de regie goed uit, maar de Directie', 'kosten zijn hoger dan verwacht. De minister van', 'financien heeft dat erkend.'].join('\n'))
    expect(runOn.layout.fields.directorate).toBeUndefined()
    expect(runOn.spans.filter((s) => s.role === 'body').map((s) => s.text)).toContain('kosten zijn hoger dan verwacht. De minister van')
  })

  it('takes a name owed to a label from after a section heading, after the column gap, or from inside a sentence that runs on', () => {
    const after = (lines: string[]) => {
      const { layout, spans } = roles(lines.join('\n'))
      return { value: layout.fields.directorate, body: spans.filter((s) => s.role === 'body').map((s) => s.text) }
    }
    const heading = after(['De uitvoering is haalbaar, zo meldt de SVB.  Directie', '', 'Advies Arbeidsmarkt', '', 'Wij adviseren u in te stemmen.'])
    expect(heading.value).toBe('Arbeidsmarkt')
    expect(heading.body).toContain('Advies')
    const gap = after(['De uitvoering is haalbaar, zo meldt de SVB.  Directie', 'o Het departement start met ingang van 1  Internationale Zaken', 'maart met de pilot.'])
    expect(gap.value).toBe('Internationale Zaken')
    expect(gap.body).toContain('o Het departement start met ingang van 1')
    const inside = after(['De uitvoering is haalbaar, zo meldt de SVB.  Directie', '', 'Wij stellen voor de regeling uit te stellen binnen de huidige Bestuursondersteuning', 'kaders, zoals eerder besproken.'])
    expect(inside.value).toBe('Bestuursondersteuning')
    // A name inside a sentence that does not run on in lower case stays in the text.
    const name = after(['De uitvoering is haalbaar, zo meldt de SVB.  Directie', '', 'Wij stellen voor dit af te stemmen met de Algemene Rekenkamer', '', 'Datum', '3 maart 2025'])
    expect(name.value).toBeUndefined()
    expect(name.body).toContain('Wij stellen voor dit af te stemmen met de Algemene Rekenkamer')
  })

  it('reads mail headers as header furniture with their fields', () => {
    const { layout } = roles('Van: 5.1.2e\nVerzonden: maandag 4 maart 2024 10:12\nAan: 5.1.2e\nOnderwerp: RE: planning\n\nHoi, zie bijlage.')
    expect(layout.fields).toMatchObject({ sent: 'maandag 4 maart 2024 10:12', subject: 'RE: planning' })
  })
})

describe('a title block read through OCR damage', () => {
  const head = (...lines: string[]) => roles([' Ministerie van Landbouw,', '', 'Natuur en Voedselkwaliteit', '', ...lines].join('\n')).layout.fields

  it('reads a damaged addressee label and a status that lost its space', () => {
    const fields = head('Aari Minister van LNV', '', 'nota Advies over de woningbouwopgave', '', 'TERONDERTEKENING', '', 'Aanleiding', '', 'De werkgroep onderzoekt de gevolgen voor burgers in de komende periode.')
    expect(fields).toMatchObject({ to: 'Minister van LNV', title: 'Advies over de woningbouwopgave', status: 'TER ONDERTEKENING' })
    expect(head('AanMinister van LNV', '', 'nota Advies over de woningbouwopgave', '', 'Aanleiding', '', 'Tekst.').to).toBe('Minister van LNV')
  })

  it('ends the title where anything else stands after it, also a value the sidebar printed damaged', () => {
    const fields = head('Aan Minister van LNV', '', 'nota Uitwerking van de aanpak', '', 'TER ADVISERING', '', 'Datum', '17 maart 2O23', '', 'Aanleiding', '', 'De werkgroep onderzoekt de gevolgen voor burgers.')
    expect(fields.title).toBe('Uitwerking van de aanpak')
    // A title printed over two lines, a blank line between, is one title.
    expect(head('Aan Minister van LNV', '', 'nota Uitwerking van de aanpak van', '', 'ondermijning', '', 'Aanleiding', '', 'Tekst.').title).toBe('Uitwerking van de aanpak van ondermijning')
  })

  it('knows a section heading with a letter OCR printed as two, and ends the title block there', () => {
    const fields = head('Aan Minister van LNV', '', 'nota Advies over de woningbouwopgave', '', 'Samerivatting', '', 'De werkgroep onderzoekt de gevolgen voor burgers in de komende periode. De')
    expect(fields.title).toBe('Advies over de woningbouwopgave')
  })
})

describe('handwriting run into a word', () => {
  it('keeps the letters of the word the pen ran into and drops the strokes after them', () => {
    const { spans } = roles('Kernpunten\n\nOok wordt het belang van persoonlijk contact tussen mensen en dienstverlenerg%m‘//\n\ne Het budget is ontoereikend.')
    expect(spans).toContainEqual({ role: 'body', kind: undefined, field: undefined, text: 'Ook wordt het belang van persoonlijk contact tussen mensen en dienstverlenerg' })
    expect(spans).toContainEqual({ role: 'annotation', kind: undefined, field: undefined, text: '%m‘//' })
    // Strokes alone after the last word go whole.
    const alone = roles('Kernpunten\n\nOok wordt het belang van persoonlijk contact benadrukt. (//}\'\\/ (/"J\'MM\n\ne Het budget is ontoereikend.')
    expect(alone.spans.filter((s) => s.role === 'body').map((s) => s.text)).toContain('Ook wordt het belang van persoonlijk contact benadrukt.')
  })
})

describe('sidebar values at the end of body lines', () => {
  it('cuts a routing status and a date the sidebar abbreviates, and reads a date whose year OCR damaged', () => {
    const page = [
      'Wij stellen voor de regeling uit te stellen. De Kamer  TER BESLISSING',
      'adviseert om de financiële dekking te regelen.  Datum',
      'De uitvoeringsorganisaties ondersteunt de financiële 12 nov. 2019',
      'dekking binnen de huidige kaders.',
    ].join('\n')
    const { layout, spans } = roles(page)
    expect(layout.fields).toMatchObject({ status: 'TER BESLISSING', date: '12 nov. 2019' })
    const body = spans.filter((s) => s.role === 'body').map((s) => s.text)
    expect(body).toContain('Wij stellen voor de regeling uit te stellen. De Kamer')
    expect(body).toContain('De uitvoeringsorganisaties ondersteunt de financiële')
    expect(roles('Kernpunten\n\nDatum\n17 maart 2O23\n\nDe werkgroep onderzoekt de gevolgen.').layout.fields.date).toBe('17 maart 2O23')
    // A numeric date, the page's own, at the end of a body line.
    const numeric = roles('Datum\n17 maart 2023\n\nHet voorstel volgt in de komende periode. 17-03-2023\nDe werkgroep onderzoekt de gevolgen.')
    expect(numeric.spans.filter((s) => s.role === 'body').map((s) => s.text)).toContain('Het voorstel volgt in de komende periode.')
  })
})

describe('short lines and words that end or open a sentence', () => {
  const body = (source: string) => roles(source).spans.filter((s) => s.role === 'body').map((s) => s.text)

  it('keeps the last word of a sentence on a line of its own, a closing greeting, and a word beside a redacted name', () => {
    const text = body('Kernpunten\n\nZie de bijlage voor de laatste versie. Kun je laten weten of dit akkoord\nis?\n\nDe kosten worden verwacht in\n2024.\n\nGr.\n5.1.2e\n\nContactpersoon bij RVO\nis 5.1.2e.')
    expect(text).toEqual(expect.arrayContaining(['is?', '2024.', 'Gr.', 'is']))
  })

  it('reads a sidebar label at a line end as the word that opens the next sentence where the next line goes on in lower case', () => {
    const { layout, spans } = roles('Kernpunten\n\nHet onderzoek start met ingang van 1 maart. Contactpersoon\nbij SVB is 5.1.2e.\n\nDatum\n3 maart 2025')
    expect(spans.filter((s) => s.role === 'body').map((s) => s.text)).toContain('Het onderzoek start met ingang van 1 maart. Contactpersoon')
    expect(layout.fields.contact).toBeUndefined()
  })

  it('reads a letterhead whose name runs on over a line after a comma or an adjective', () => {
    const org = (first: string, second: string) => roles([` ${first}`, '', second, '', 'Aan Minister van VWS', '', 'nota Stand van zaken', '', 'Aanleiding', '', 'Tekst.'].join('\n')).layout.fields.organisation
    expect(org('Ministerie van', 'Volksgezondheid, Welzijn en Sport')).toBe('Ministerie van Volksgezondheid, Welzijn en Sport')
    expect(org('Ministerie van Landbouw,', 'Natuur en Voedselkwaliteit')).toBe('Ministerie van Landbouw, Natuur en Voedselkwaliteit')
    expect(org('Ministerie van Binnenlandse', 'Zaken en Koninkrijksrelaties')).toBe('Ministerie van Binnenlandse Zaken en Koninkrijksrelaties')
    expect(org('Ministerie van Sociale Zaken', 'en Werkgelegenheid')).toBe('Ministerie van Sociale Zaken en Werkgelegenheid')
  })
})

describe('a directorate named like a section', () => {
  it('is the value right under its label where more sidebar follows, and a heading where text follows', () => {
    const sidebar = roles('Het voorstel is afgestemd met de uitvoering.\n\nDirectie\nCommunicatie\n\nDatum\n14 juni 2025\n')
    expect(sidebar.layout.fields.directorate).toBe('Communicatie')
    const heading = roles('Het voorstel is afgestemd met de uitvoering.\n\nTweede contactpersoon\nAanleiding\nIn de nota van 19 januari heeft u de reactie ontvangen.\n')
    expect(heading.spans.filter((s) => s.role === 'body').map((s) => s.text)).toContain('Aanleiding')
  })
})
