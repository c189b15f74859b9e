// Documents beyond the seed's notas, written here in the forms Woo releases hold them:
// a Kamerbrief, a memo, a beslisnota with colon headers, an e-mail thread. Each is read
// on its own and as one release without page separators.
import { describe, expect, it } from 'vitest'
import { release } from '../src/release.js'

const LETTER = [
  ' Ministerie van Volksgezondheid, Welzijn en',
  'Sport',
  '',
  '> Retouradres Postbus 20350 2500 EJ Den Haag',
  '',
  'De Voorzitter van de Tweede Kamer',
  'der Staten-Generaal',
  'Postbus 20018',
  '2500 EA Den Haag',
  '',
  'Parnassusplein 5',
  '2511 VX Den Haag',
  'T 070 340 79 11',
  'www.rijksoverheid.nl',
  '',
  'Kenmerk',
  '3876543-1061234-PG',
  '',
  'Datum 9 september 2024',
  'Betreft Stand van zaken wachttijden in de ggz',
  '',
  'Geachte voorzitter,',
  '',
  'Met deze brief informeer ik uw Kamer over de wachttijden in de ggz. De',
  'wachttijden zijn in het afgelopen jaar licht gedaald.',
  '',
  'Hoogachtend,',
  '',
  'de minister van Volksgezondheid,',
  'Welzijn en Sport,',
].join('\n')

const BESLISNOTA = [
  ' Beslisnota bij Kamerbrief over de voortgang van de warmtetransitie',
  '',
  'Aan: Minister voor Klimaat en Energie',
  'Van: DG Klimaat en Energie',
  'Datum: 3 oktober 2023',
  'Kenmerk: DGKE / 23254031',
  'Bijlagen: 2',
  '',
  '1. Aanleiding',
  'U heeft de Kamer toegezegd om voor het einde van het jaar te rapporteren over de',
  'voortgang. Bijgaand treft u de Kamerbrief aan.',
  '',
  '2. Beslispunten',
  '- Gaat u akkoord met de Kamerbrief?',
  '',
  '3. Kernpunten',
  'Het tempo van de verduurzaming blijft achter. De netcongestie is het grootste knelpunt.',
  '',
  '4. Informatie die niet openbaar gemaakt kan worden',
  'Geen.',
].join('\n')

const MAIL = [
  ' Van: 5.1.2e',
  'Verzonden: dinsdag 12 maart 2024 14:32',
  'Aan: 5.1.2e',
  'Onderwerp: RE: Kamervragen over de uitvoering van de Participatiewet',
  '',
  'Ha 5.1.2e',
  '',
  'Ik heb de antwoorden op de vragen 3 en 4 aangepast naar aanleiding van de',
  'opmerkingen van UWV.',
  '',
  'Groet,',
  '5.1.2e',
].join('\n')

const INVENTORY = [
  ' Inventarislijst bij het besluit op het Woo-verzoek over de warmtetransitie',
  '',
  'Nr.   Datum        Omschrijving                         Beoordeling       Grond',
  '1     03-04-2023   E-mail over de planning              Deels openbaar    5.1.2e',
  '2     11-04-2023   Nota aan de minister                 Deels openbaar    5.1.2e, 5.2',
  '3     20-04-2023   Kamerbrief                           Openbaar',
  '',
  'De documenten zijn in hun geheel beoordeeld.',
].join('\n')

const THREAD = [
  ' Van: 5.1.2e',
  'Verzonden: vrijdag 8 december 2023 10:05',
  'Aan: 5.1.2e',
  'Onderwerp: RE: afstemming Kamerbrief arbeidsmigratie',
  '',
  'Prima, dan zet ik het zo in de planning.',
  '',
  '-----Oorspronkelijk bericht-----',
  'Van: 5.1.2e',
  'Verzonden: donderdag 7 december 2023 17:40',
  'Aan: 5.1.2e',
  'Onderwerp: afstemming Kamerbrief arbeidsmigratie',
  'Urgentie: Hoog',
  '',
  'Kunnen we de Kamerbrief volgende week in het bewindspersonenoverleg bespreken?',
].join('\n')

const read = (text: string) => release({ name: 'test.txt', data: new TextEncoder().encode(text) }).value

describe('a Kamerbrief', () => {
  const doc = read(LETTER).documents[0]!
  it('is a letter named by its subject, addressed to its addressee', () => {
    expect(doc.metadata).toMatchObject({
      kind: 'letter', title: 'Stand van zaken wachttijden in de ggz', subject: 'Stand van zaken wachttijden in de ggz',
      to: 'De Voorzitter van de Tweede Kamer der Staten-Generaal', date: '2024-09-09', reference: '3876543-1061234-PG',
    })
  })
  it('starts its text at the salutation: addresses, telephone and web site are furniture', () => {
    expect(doc.text.startsWith('Geachte voorzitter,')).toBe(true)
    for (const furniture of ['Postbus', '2511 VX', 'rijksoverheid.nl', 'Betreft', 'Retouradres']) expect(doc.text).not.toContain(furniture)
  })
})

describe('a beslisnota with colon headers', () => {
  const doc = read(BESLISNOTA).documents[0]!
  it('is a nota, not an e-mail, with its reference and title', () => {
    expect(doc.metadata).toMatchObject({
      kind: 'nota', title: 'Beslisnota bij Kamerbrief over de voortgang van de warmtetransitie',
      to: 'Minister voor Klimaat en Energie', date: '2023-10-03', reference: 'DGKE / 23254031', attachments_count: 2,
    })
  })
  it('keeps its first numbered section heading out of the title and the unlisted compound as printed', () => {
    expect(doc.markdown).toContain('## 1. Aanleiding')
    // The series goes on past the section names it knows: `4.` is a section as 1 to 3 are.
    expect(doc.markdown).toContain('## 4. Informatie die niet openbaar gemaakt kan worden')
    expect(doc.text).toContain('De netcongestie is')
  })
})

describe('an e-mail', () => {
  const doc = read(MAIL).documents[0]!
  it('keeps the greeting before a redacted name', () => {
    expect(doc.metadata.kind).toBe('email')
    expect(doc.text.split('\n\n')[0]).toBe('Ha')
  })
})

describe('one release of all three, without page separators', () => {
  it('splits into three documents of the right kinds', () => {
    const docs = read([LETTER, BESLISNOTA, MAIL].join('\n')).documents
    expect(docs.map((d) => d.metadata.kind)).toEqual(['letter', 'nota', 'email'])
  })
})

describe('an inventory list', () => {
  const doc = read(INVENTORY).documents[0]!
  it('keeps its columns as table rows, the listed grounds as text', () => {
    const rows = doc.blocks.filter((b) => b.kind === 'table-row')
    expect(rows.map((b) => b.cells)).toEqual([[1, 1, 1, 1, 1], [1, 1, 4, 2, 1], [1, 1, 4, 2, 2], [1, 1, 1, 1]])
    expect(doc.markdown).toContain('| 2 | 11-04-2023 | Nota aan de minister | Deels openbaar | 5.1.2e, 5.2 |')
    expect(doc.redactions).toEqual([])
    expect(doc.text).toContain('De documenten zijn in hun geheel beoordeeld.')
  })
})

describe('an e-mail thread', () => {
  const docs = read(THREAD).documents
  it('is one document whose text holds both messages and none of their headers', () => {
    expect(docs).toHaveLength(1)
    expect(docs[0]!.metadata).toMatchObject({ kind: 'email', date: '2023-12-08', subject: 'RE: afstemming Kamerbrief arbeidsmigratie' })
    expect(docs[0]!.text).toBe('Prima, dan zet ik het zo in de planning.\n\nKunnen we de Kamerbrief volgende week in het bewindspersonenoverleg bespreken?')
  })
})

describe('e-mails from one template', () => {
  const mail = (from: string, time: string, subject: string, body: string) =>
    [` Van: ${from}`, `Verzonden: dinsdag 9 januari 2024 ${time}`, 'Aan: 5.1.2e@minszw.nl', `Onderwerp: ${subject}`, '', 'Geachte minister,', '', body, '', 'Met vriendelijke groet,', '5.1.2e', ''].join('\n')
  const petition = 'Ik maak mij grote zorgen over de bezuiniging op de kinderopvangtoeslag en vraag u die te schrappen.'

  it('are documents of their own when sent on one day at later hours, each on its own page', () => {
    const docs = read([mail('Jansen, T.', '10:15', 'Stop de bezuiniging', petition), mail('de Vries, H.', '11:40', 'Stop de bezuiniging', petition), mail('Smit, E.', '14:05', 'Stop de bezuiniging', petition)].join('\n')).documents
    expect(docs).toHaveLength(3)
    expect(docs.map((d) => d.pages)).toEqual([[0], [1], [2]])
  })

  it('stay one thread where the next page quotes a message sent earlier that day', () => {
    const docs = read([mail('Jansen, T.', '11:40', 'RE: Stop de bezuiniging', 'Dank voor uw bericht, wij nemen het mee in de besluitvorming over de toeslag.'), mail('de Vries, H.', '10:15', 'Stop de bezuiniging', petition)].join('\n')).documents
    expect(docs).toHaveLength(1)
  })
})
