import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { decodeText, readText, splitPages } from '../src/pages/index.js'

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('decodeText', () => {
  it('reads UTF-8 and strips a BOM', () => {
    const result = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('Datum één')]), 'a.txt')
    expect(result).toEqual({ value: 'Datum één', issues: [] })
  })

  it('reads UTF-16 with a BOM, little and big endian', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x4e, 0x00, 0x6f, 0x00, 0x74, 0x00, 0x61, 0x00])
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x4e, 0x00, 0x6f, 0x00, 0x74, 0x00, 0x61])
    expect(decodeText(le).value).toBe('Nota')
    expect(decodeText(be).value).toBe('Nota')
  })

  it('reads Windows-1252 with a warning naming the byte offset', () => {
    const bytes = new Uint8Array([...enc('Het beleid is '), 0xe9, ...enc('n geheel.')])
    const result = decodeText(bytes, 'oud.txt')
    expect(result.value).toBe('Het beleid is én geheel.')
    expect(result.issues).toEqual([
      { severity: 'warning', source: 'pages', ruleId: 'encoding', message: 'not UTF-8 (byte 14); read as Windows-1252', file: 'oud.txt', start: 14 },
    ])
  })

  it('refuses binary data with the offset where it shows', () => {
    const bytes = new Uint8Array(200).map((_, i) => (i % 3 === 0 ? 0 : 65))
    const result = decodeText(bytes, 'x.bin')
    expect(result.value).toBe('')
    expect(result.issues[0]).toMatchObject({ severity: 'error', ruleId: 'binary', file: 'x.bin', start: 0 })
    expect(result.issues[0]!.message).toMatch(/binary data at byte 0/)
  })

  it('refuses bytes that are neither UTF-8 nor Windows-1252', () => {
    const result = decodeText(new Uint8Array([...enc('abc '), 0x81, 0x8d, 0x90, ...enc(' def')]), 'y.txt')
    expect(result.issues[0]).toMatchObject({ severity: 'error', ruleId: 'encoding', start: 4 })
  })

  it('returns an empty result with an issue for an empty file', () => {
    expect(decodeText(new Uint8Array(), 'leeg.txt')).toEqual({
      value: '', issues: [{ severity: 'warning', source: 'pages', ruleId: 'empty-file', message: 'file is empty', file: 'leeg.txt' }],
    })
  })
})

describe('splitPages', () => {
  it('splits on form feeds', () => {
    const text = 'een\ftwee\fdrie'
    expect(splitPages(text).map((r) => text.slice(r.start, r.end))).toEqual(['een', 'twee', 'drie'])
  })

  it('starts a page at a line that opens with one space, but not right after a letterhead', () => {
    const text = 'Eerste pagina tekst.\n Ministerie van Financiën\n Aan de Minister\nBody\n Tweede pagina\n'
    const pages = splitPages(text).map((r) => text.slice(r.start, r.end))
    expect(pages).toEqual(['Eerste pagina tekst.\n', ' Ministerie van Financiën\n Aan de Minister\nBody\n', ' Tweede pagina\n'])
  })

  it('starts a page after a `Pagina N van M` footer even without a marker', () => {
    const text = ' Tekst een.\nPagina 1 van 2\n\n\nTekst twee.\n'
    expect(splitPages(text).map((r) => text.slice(r.start, r.end))).toEqual([' Tekst een.\nPagina 1 van 2\n\n\n', 'Tekst twee.\n'])
  })

  it('starts a page at a document head that lost its marker, with the copy stamp printed above it', () => {
    const body = 'De werkgroep heeft de gevolgen voor burgers in kaart gebracht en stelt voor\nde uitvoering in twee stappen te laten verlopen, met een evaluatie na een jaar.\nDe gemeenten en de uitvoeringsorganisaties zijn bij de voorbereiding betrokken.\n\n'
    const head = 'Ministerie van Financiën\n\nAan Minister van Financiën\n\nnota Stand van zaken\n'
    // One letter of the stamp read small (`STaSFIN`) is still a stamp.
    for (const stamp of ['STASFIN', 'STaSFIN']) {
      const text = ` ${body}${stamp}\n\n${head}`
      expect(splitPages(text).map((r) => text.slice(r.start, r.end))).toEqual([` ${body}`, `${stamp}\n\n${head}`])
    }
  })

  it('takes a marked line after a stamped, two-line letterhead as the same page', () => {
    const text = ' Tekst van de vorige pagina.\nPagina 2 van 2\n MEZK\n\nMinisterie van Economische\n\nZaken en Klimaat\n\n Aan Minister van EZK\n\nnota Reactie\n'
    expect(splitPages(text).map((r) => text.slice(r.start, r.end))).toEqual([
      ' Tekst van de vorige pagina.\nPagina 2 van 2\n',
      ' MEZK\n\nMinisterie van Economische\n\nZaken en Klimaat\n\n Aan Minister van EZK\n\nnota Reactie\n',
    ])
    const social = ' Ministerie van Sociale Zaken\n\nen Werkgelegenheid\n\n Aan Minister van SZW\n'
    expect(splitPages(social)).toHaveLength(1)
  })

  it('starts a page at a document head after a page marker that cut a sentence two lines before', () => {
    const text = ' De werkgroep heeft de gevolgen voor burgers in kaart gebracht en stelt voor een\n reactie op de bestaanszekerheid van huishoudens te versnellen.\n\nMemo\n\nAan\tMinister van OCW\nVan\tDirectie Communicatie\n'
    expect(splitPages(text).map((r) => text.slice(r.start, r.end))[2]).toBe('Memo\n\nAan\tMinister van OCW\nVan\tDirectie Communicatie\n')
  })

  it('starts a page at a mail header block under running text, but not at a message a mail quotes', () => {
    const nota = ' De werkgroep heeft de gevolgen voor burgers in kaart gebracht en stelt voor\nde uitvoering in twee stappen te laten verlopen, met een evaluatie na een jaar.\nDe gemeenten en de uitvoeringsorganisaties zijn bij de voorbereiding betrokken.\n\n'
    const mail = 'Van: Jansen, T.\nVerzonden: maandag 3 maart 2025 10:12\nAan: 5.1.2e@minszw.nl\nOnderwerp: Planning\n\nDag allen, zie de bijlage.\n'
    expect(splitPages(nota + mail).map((r) => (nota + mail).slice(r.start, r.end))).toEqual([nota, mail])
    const reply = ' Van: de Vries, H.\nVerzonden: dinsdag 4 maart 2025 09:00\nAan: 5.1.2e@minszw.nl\nOnderwerp: RE: Planning\n\nDank voor je bericht, de planning is ongewijzigd en wij zouden graag\nvoor het einde van de week een reactie van de gemeenten en van het IPO ontvangen.\nKunnen we hier morgen even over bellen met de werkgroep en de directie?\n\nMet vriendelijke groet,\n5.1.2e\n\n'
    expect(splitPages(reply + mail)).toHaveLength(1)
    // Under a mail, a header of another thread, or of a message sent later, opens the next document's page.
    const other = mail.replace('Onderwerp: Planning', 'Onderwerp: Begroting 2026')
    expect(splitPages(reply + other).map((r) => (reply + other).slice(r.start, r.end))).toEqual([reply, other])
    const later = mail.replace('maandag 3 maart', 'vrijdag 7 maart')
    expect(splitPages(reply + later)).toHaveLength(2)
  })

  it('keeps a mail header block together where a line of it opens with a space', () => {
    const text = ' Van: Bos, W.\nVerzonden: zaterdag 11 juni 2022 16:32\nAan: 5.1.2e@minezk.nl\n Onderwerp: Antw: Vraag over de planning\n\nHoi,\n'
    expect(splitPages(text)).toHaveLength(1)
  })

  it('reproduces the page starts of the seed release (corpus/gold/pages.tsv) and covers the input', () => {
    const bytes = readFileSync('corpus/000_13cc09d959e3939d.txt')
    const text = bytes.toString('utf8')
    const pages = readText(bytes, 'seed').value
    const gold = readFileSync('corpus/gold/pages.tsv', 'utf8').split('\n').filter((l) => /^\d+\t/.test(l)).map((l) => Number(l.split('\t')[1]))
    const firstLines: number[] = []
    let offset = 0
    for (const page of pages) {
      firstLines.push(text.slice(0, offset).split('\n').length)
      offset += page.source.length
    }
    expect(firstLines).toEqual(gold)
    expect(pages.map((p) => p.source).join('')).toBe(text)
  })
})
