import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { correctBlocks, correctText, loadLexicon, confusionCost, isOcrVariant, _splitToken } from '../src/correct/index.js'
import type { Block, Page, Token } from '../src/types.js'
import { injectOcrNoise, mulberry32 } from '../scripts/lib/ocr-noise.js'

/** Blocks from plain text: one paragraph, page 0, offsets into the text. */
function blocksOf(text: string): Block[] {
  const tokens: Token[] = [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], page: 0, start: m.index!, end: m.index! + m[0].length }))
  return [{ kind: 'paragraph', level: 0, tokens }]
}

const fix = (text: string, words?: string[]): string => correctText(text, words ? { words } : undefined).value

describe('lexicon', () => {
  const lex = loadLexicon()
  it('knows words in every case a text writes them', () => {
    expect(lex.has('beleid')).toBe(true)
    expect(lex.has('Beleid')).toBe(true)
    expect(lex.has('BELEID')).toBe(true)
    expect(lex.has('bELeid')).toBe(false)
    expect(lex.has('béleid')).toBe(false)
  })
  it('knows compounds built from its parts, with linking s', () => {
    expect(lex.has('kinderopvangtoeslagaffaire')).toBe(true)
    expect(lex.has('arbeidsmarktinfrastructuur')).toBe(true)
    expect(lex.has('Noord-Holland')).toBe(true)
    // A word run together with a function word is no compound.
    expect(lex.has('briefis')).toBe(false)
    expect(lex.has('vandeze')).toBe(false)
  })
  it('knows government terms, case-sensitively for abbreviations', () => {
    expect(lex.isTerm('UWV')).toBe(true)
    expect(lex.isTerm('SZW')).toBe(true)
    expect(lex.isTerm('Woo')).toBe(true)
    expect(lex.isTerm('uwv')).toBe(false)
    expect(lex.isTerm('beleid')).toBe(false)
  })
  it('finds every listed word behind its Bloom filter, and rejects non-words', () => {
    // The filter may only say "maybe": a word it lost would silently become unknown.
    let lost = 0
    let words = 0
    for (const w of lex.entries()) {
      words++
      if (!lex.hasForm(w)) lost++
    }
    expect(words).toBeGreaterThan(100_000)
    expect(lost).toBe(0)
    const rng = mulberry32(5)
    let found = 0
    for (let i = 0; i < 2000; i++) {
      let w = ''
      for (let k = 0; k < 9; k++) w += 'qxzjkvw'[Math.floor(rng() * 7)]
      if (lex.hasForm(w)) found++
    }
    expect(found).toBe(0)
  })
  it('gives frequent words a weight', () => {
    expect(lex.frequency('de')).toBeGreaterThan(lex.frequency('beleid'))
    expect(lex.frequency('zwartekousenkerk')).toBe(0)
  })
})

describe('confusion model', () => {
  it('makes OCR confusions cheap and ordinary edits dear', () => {
    expect(confusionCost('beleid', 'beleid')).toBe(0)
    expect(confusionCost('rnaatregel', 'maatregel')).toBeLessThan(0.5)
    expect(confusionCost('Stlchting', 'Stichting')).toBeLessThan(0.5)
    expect(confusionCost('zorqen', 'zorgen')).toBeLessThan(0.6)
    expect(confusionCost('huis', 'muis')).toBeGreaterThanOrEqual(1)
    expect(confusionCost('kat', 'hond')).toBeGreaterThan(2)
  })
  it('classifies OCR variants', () => {
    expect(isOcrVariant('Cliéntenraad', 'Cliëntenraad')).toBe(true)
    expect(isOcrVariant('VOOR', 'voor')).toBe(true)
    expect(isOcrVariant('werkgeversorganisatie', 'werkgevers organisatie')).toBe(true)
    expect(isOcrVariant('uitvverking', 'uitwerking')).toBe(true)
    expect(isOcrVariant('beleid', 'bereid')).toBe(false)
    expect(isOcrVariant('kabinet', 'kantoor')).toBe(false)
  })
  it('rejects wrong argument types', () => {
    expect(() => confusionCost(1 as unknown as string, 'a')).toThrow(TypeError)
  })
})

describe('correctText', () => {
  it('leaves correct Dutch untouched', () => {
    const text =
      'De staatssecretaris heeft de Tweede Kamer op 3 april 2024 geïnformeerd over de voortgang van de arbeidsmarktinfrastructuur. ' +
      'Het UWV, de SVB en de VNG werken samen aan de kinderopvangtoeslagaffaire (zie Kamerstuk 31 322, nr. 512).'
    const result = correctText(text)
    expect(result.value).toBe(text)
    expect(result.corrections).toEqual([])
  })

  it('leaves an unlisted compound of two listed words alone rather than read it as another compound', () => {
    // `net` carries no compound flag, so the word is unknown; `rietcongestie` is one confusion away.
    const result = correctText('De netcongestie is het grootste knelpunt voor de energietransitie.')
    expect(result.value).toBe('De netcongestie is het grootste knelpunt voor de energietransitie.')
    expect(result.corrections).toEqual([])
    // A real misreading inside a compound is still fixed.
    expect(correctText('De arbeidsrnarkt is krap.').value).toBe('De arbeidsmarkt is krap.')
  })

  it('leaves names, places, loanwords and references alone', () => {
    const text =
      "Op 3 maart sprak wethouder De Vries uit Zoetermeer met Deloitte over de pilot 'Samen Sterk' en de hackathon in Utrecht. " +
      "De dashboards van de Belastingdienst/Toeslagen staan op SharePoint. Mevrouw Yeşilgöz en mw. drs. J.M. Bakker-Smit reageerden op het WODC-rapport. " +
      "De gemeenten Súdwest-Fryslân en 's-Hertogenbosch deden mee. Zie bijlage 2a, 3.1.4 en artikel 5.1, tweede lid, onder e, van de Woo."
    const result = correctText(text)
    expect(result.corrections).toEqual([])
    expect(result.value).toBe(text)
  })

  it('never touches numbers, dates, codes, terms or addresses', () => {
    const text = 'Op 12-03-2024 om 14.30 uur stuurde BZK 2,5 mln euro (ref. 2024-0001234) naar rijksoverheid.nl en info@szw.nl; art. 5.1.2e Woo.'
    expect(correctText(text).corrections).toEqual([])
  })

  it('fixes glyph confusions (l/I/1, rn/m, cl/d, vv/w, c/e)', () => {
    expect(fix('het Stlchting fonds')).toBe('het Stichting fonds')
    expect(fix('een nieuwe rnaatregel voor iedereen')).toBe('een nieuwe maatregel voor iedereen')
    expect(fix('de clirecteur van de school')).toBe('de directeur van de school')
    expect(fix('de uitvverking van het plan')).toBe('de uitwerking van het plan')
    expect(fix('wij hebben dcze week gesproken')).toBe('wij hebben deze week gesproken')
    expect(fix('wij vo0r u')).toBe('wij voor u')
    expect(fix('op 5 januar! 2024, niet later!')).toBe('op 5 januari 2024, niet later!')
  })

  it('fixes stray and misread accents with the lexicon', () => {
    expect(fix('het algemeen bélang van de wet')).toBe('het algemeen belang van de wet')
    expect(fix('een korte péssage over de wet')).toBe('een korte passage over de wet')
    expect(fix('het gemeentelijk armoedebéleid is klaar')).toBe('het gemeentelijk armoedebeleid is klaar')
    expect(fix('de Patiéntenfederatie is positief')).toBe('de Patiëntenfederatie is positief')
    expect(fix('over financi€éle gevolgen')).toBe('over financiële gevolgen')
  })

  it('drops a stray accent on a short function word where the release writes it plain far more often, and keeps één and vóór', () => {
    const prose = Array.from({ length: 25 }, () => 'De minister deelt het rapport met de Kamer en de gemeenten.').join(' ')
    expect(fix(`${prose} Wij bespreken hét rapport mét de gemeenten vóór de zomer, in één overleg.`)).toBe(`${prose} Wij bespreken het rapport met de gemeenten vóór de zomer, in één overleg.`)
    // Without that evidence the accent may be emphasis: it stays.
    expect(fix('Dit is dé oplossing.')).toBe('Dit is dé oplossing.')
    // An e read as c on such a word, listed as an abbreviation (`Dc`), goes the same way.
    expect(fix(`${prose} Dc gemeenten steunen het rapport.`)).toBe(`${prose} De gemeenten steunen het rapport.`)
    expect(fix('Dc gemeenten steunen het rapport.')).toBe('Dc gemeenten steunen het rapport.')
    expect(fix(`${prose} Het overleg was in Washington DC vorige week.`)).toBe(`${prose} Het overleg was in Washington DC vorige week.`)
  })

  it('reports a missing diaeresis instead of adding it: writers drop it, OCR seldom does', () => {
    const result = correctText('zij zijn geinformeerd')
    expect(result.value).toBe('zij zijn geinformeerd')
    expect(result.issues.map((i) => [i.ruleId, i.actual, i.expected])).toEqual([['unknown-word', 'geinformeerd', ['geïnformeerd']]])
  })

  it('fixes case errors from the sentence', () => {
    expect(fix('wij kiezen VOOr een aanpak')).toBe('wij kiezen voor een aanpak')
    expect(fix('Wij mOeten dat doen')).toBe('Wij moeten dat doen')
  })

  it('splits words run together and joins broken ones, keeping punctuation', () => {
    expect(fix('De notais klaar.')).toBe('De nota is klaar.')
    expect(fix('zij werden opgeroepen_door de gemeente')).toBe('zij werden opgeroepen door de gemeente')
    expect(fix('de verantwoorde lijkheid ligt bij ons')).toBe('de verantwoordelijkheid ligt bij ons')
    expect(fix('(zie de evaluatierapporten)')).toBe('(zie de evaluatierapporten)')
  })

  it('splits at a case boundary and keeps each word\'s case', () => {
    expect(fix('zij lazen hetRegeringsbeleid van toen')).toBe('zij lazen het Regeringsbeleid van toen')
    expect(fix('zoals MSZW heeft gezegd: Uwordt gevraagd')).toBe('zoals MSZW heeft gezegd: U wordt gevraagd')
    expect(fix('over de MenSelijke Maat')).toBe('over de Menselijke Maat')
  })

  it('fixes a doubled letter even where the damage reads as a compound', () => {
    expect(loadLexicon().has('vergaderring')).toBe(false)
    expect(fix('na de vergaderring van maandag')).toBe('na de vergadering van maandag')
    expect(fix('het beleidd van de gemeente')).toBe('het beleid van de gemeente')
    expect(fix('de keuzes/middelen en de wet- en regelgeving')).toBe('de keuzes/middelen en de wet- en regelgeving')
  })

  it('keeps two long words together: an unlisted compound is likelier than a lost space', () => {
    const result = correctText('de Conceptbeantwoording is klaar')
    expect(result.value).toBe('de Conceptbeantwoording is klaar')
  })

  it('gives a split two tokens that divide the source range, a merge one that spans both', () => {
    const text = 'De notais klaar en de verantwoorde lijkheid ook.'
    const { blocks, corrections } = correctBlocks([blocksOf(text)])
    const tokens = blocks[0]![0]!.tokens
    const nota = tokens.find((t) => t.text === 'nota')!
    const is = tokens.find((t) => t.text === 'is')!
    expect(nota.start).toBe(text.indexOf('notais'))
    expect(nota.end).toBe(is.start)
    expect(is.end).toBe(text.indexOf('notais') + 'notais'.length)
    const merged = tokens.find((t) => t.text === 'verantwoordelijkheid')!
    expect(text.slice(merged.start, merged.end)).toBe('verantwoorde lijkheid')
    expect(corrections.map((c) => [c.before, c.after, c.rule])).toEqual([
      ['notais', 'nota is', 'split'],
      ['verantwoorde lijkheid', 'verantwoordelijkheid', 'merge'],
    ])
    for (const c of corrections) {
      expect(c.confidence).toBeGreaterThan(0.5)
      expect(c.confidence).toBeLessThanOrEqual(1)
    }
  })

  it('corrects an abbreviation only to a term', () => {
    expect(fix('het besluit van het UWYV volgt, want het UWV beslist')).toBe('het besluit van het UWV volgt, want het UWV beslist')
    // A plain edit away from a term the release does not use is no misreading of it.
    expect(fix('het besluit van het UWYV volgt')).toBe('het besluit van het UWYV volgt')
    expect(fix('het PDV en de WAU')).toBe('het PDV en de WAU')
    // An abbreviation built on a term is no misreading of it.
    expect(fix('de MSZW en de SZW')).toBe('de MSZW en de SZW')
    expect(fix('de rol van ALin het beleid')).toBe('de rol van AI in het beleid')
    // An unknown abbreviation far from any term stays.
    expect(fix('de afdeling KPQR meldt')).toBe('de afdeling KPQR meldt')
  })

  it('changes a known word only when the release shows the other form in the same context', () => {
    const text = 'Het gebruik van AI in de zorg groeit. Ook het gebruik van Al in de zorg groeit. Al met al gaat het goed.'
    const result = correctText(text)
    expect(result.value).toBe('Het gebruik van AI in de zorg groeit. Ook het gebruik van AI in de zorg groeit. Al met al gaat het goed.')
    expect(result.corrections).toHaveLength(1)
    expect(result.corrections[0]!.rule).toBe('release')
    // Without the other form in the release, `al` stays.
    expect(fix('Dat is al met al goed.')).toBe('Dat is al met al goed.')
  })

  it('trusts a word the release uses repeatedly', () => {
    const text = 'De moresprudentie groeit. Over moresprudentie is weinig bekend, maar moresprudentie helpt.'
    expect(correctText(text).corrections).toEqual([])
    expect(correctText(text).issues).toEqual([])
  })

  it('reads a lone n where the formal u belongs as u, and leaves the article and the letter alone', () => {
    expect(fix('zoals eerder met n besproken')).toBe('zoals eerder met u besproken')
    expect(fix('Hierbij wordt n gevraagd akkoord te gaan')).toBe('Hierbij wordt u gevraagd akkoord te gaan')
    expect(fix('In de bijlage vindt n een overzicht')).toBe('In de bijlage vindt u een overzicht')
    expect(fix("dat is 'n goed idee")).toBe("dat is 'n goed idee")
    expect(fix('de letter n is een medeklinker')).toBe('de letter n is een medeklinker')
    // A count in a table or a formula (`met n = 12`) is no pronoun.
    expect(fix('een steekproef met n = 12 gemeenten')).toBe('een steekproef met n = 12 gemeenten')
  })

  it('reads the same misreading twice as one: a document often comes twice in a release', () => {
    expect(fix('Vragen van de pcrs gaan naar de woordvoerder. Vragen van de pcrs gaan naar de woordvoerder.')).toBe('Vragen van de pers gaan naar de woordvoerder. Vragen van de pers gaan naar de woordvoerder.')
  })

  it('splits a word run together with an article or preposition, or across an underscore or a case change, also where the release repeats it', () => {
    expect(fix('Het onderzoek naarfraudeaanpak loopt. Het onderzoek naarfraudeaanpak is af.')).toBe('Het onderzoek naar fraudeaanpak loopt. Het onderzoek naar fraudeaanpak is af.')
    expect(fix('Wij spreken voor_de zomer. Wij spreken voor_de zomer.')).toBe('Wij spreken voor de zomer. Wij spreken voor de zomer.')
    expect(fix('Een meerderheid van deKamer stemt in. Een meerderheid van deKamer stemt in.')).toBe('Een meerderheid van de Kamer stemt in. Een meerderheid van de Kamer stemt in.')
    // Two content words run together twice stay: a compound the lexicon lacks.
    expect(fix('De netcongestie groeit en de netcongestie blijft.')).toBe('De netcongestie groeit en de netcongestie blijft.')
  })

  it('uses words the release repeats as candidates for their damaged copies', () => {
    const text = 'De moresprudentie groeit. Over moresprudentie is weinig bekend. Meer moresprudentie helpt. De moresprudcntie is nieuw.'
    const result = correctText(text)
    expect(result.value).toBe('De moresprudentie groeit. Over moresprudentie is weinig bekend. Meer moresprudentie helpt. De moresprudentie is nieuw.')
    expect(result.corrections.map((c) => c.before)).toEqual(['moresprudcntie'])
  })

  it('accepts a user word list', () => {
    expect(correctText('het Kwetsbaarheidskompas helpt', { words: ['Kwetsbaarheidskompas'] }).issues).toEqual([])
  })

  it('reports an unknown word it cannot fix confidently, without changing it', () => {
    const text = 'Wij spraken over de kanr van het plan.'
    const result = correctText(text)
    expect(result.value).toBe(text)
    expect(result.corrections).toEqual([])
    expect(result.issues).toHaveLength(1)
    const issue = result.issues[0]!
    expect(issue).toMatchObject({ severity: 'warning', source: 'correct', ruleId: 'unknown-word', page: 0, start: 20, end: 24, actual: 'kanr' })
    expect(issue.expected!.length).toBeGreaterThan(1)
  })

  it('rejects wrong arguments', () => {
    expect(() => correctText(42 as unknown as string)).toThrow(TypeError)
    expect(() => correctBlocks([], { colour: 'red' } as never)).toThrow(TypeError)
  })
})

describe('correctBlocks', () => {
  it('builds the release vocabulary from all documents at once', () => {
    const a = blocksOf('Wij sturen het rapport naar de Kamer. Zij lezen het rapport. Het rapport is klaar.')
    const b = blocksOf('Wij sturen hef rapport naar de Kamer.')
    const alone = correctBlocks([b])
    expect(alone.blocks[0]![0]!.tokens.map((t) => t.text)).toContain('hef')
    const together = correctBlocks([a, b])
    expect(together.blocks[1]![0]!.tokens.map((t) => t.text)).toContain('het')
    expect(together.corrections).toEqual([{ page: 0, start: 11, end: 14, before: 'hef', after: 'het', rule: 'release', confidence: expect.any(Number) }])
  })


  it('lets OCR word confidence decide how far a fix may go', () => {
    const text = 'de bref van namen'
    const page = (confidence: number): Page => ({
      index: 0, source: text, method: 'ocr', document: null, pageOfDocument: null, furniture: [],
      words: [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length, bbox: [0, 0, 1, 1] as [number, number, number, number], confidence })),
    })
    const words = (confidence: number): string[] => correctBlocks([blocksOf(text)], { pages: [page(confidence)] }).blocks[0]![0]!.tokens.map((t) => t.text)
    expect(words(40)).toEqual(['de', 'brief', 'van', 'namen'])
    expect(words(75)).toEqual(['de', 'bref', 'van', 'namen'])
  })


  it('is pure and keeps table cells consistent', () => {
    const tokens: Token[] = ['Stlchting', 'rnaatregel', 'notais', 'klaar'].map((text, i) => ({ text, page: 2, start: i * 20, end: i * 20 + text.length }))
    const block: Block = { kind: 'table-row', level: 0, tokens, cells: [2, 2] }
    const before = JSON.stringify(block)
    const { blocks } = correctBlocks([[block]])
    expect(JSON.stringify(block)).toBe(before)
    const row = blocks[0]![0]!
    expect(row.tokens.map((t) => t.text)).toEqual(['Stichting', 'maatregel', 'nota', 'is', 'klaar'])
    expect(row.cells).toEqual([2, 3])
    expect(row.tokens.every((t) => t.page === 2)).toBe(true)
  })
})

describe('_splitToken', () => {
  it('separates punctuation from the word', () => {
    expect(_splitToken('(IMI)')).toEqual({ lead: '(', core: 'IMI', trail: ')' })
    expect(_splitToken('‘moresprudentie’')).toEqual({ lead: '‘', core: 'moresprudentie', trail: '’' })
    expect(_splitToken('rapport.')).toEqual({ lead: '', core: 'rapport', trail: '.' })
  })
})

describe('seeded noise', () => {
  it('is deterministic and records every error where it is', () => {
    const clean = 'De minister heeft de Kamer geïnformeerd over de uitvoering van de nieuwe regeling voor werkzoekenden.'
    const a = injectOcrNoise(clean, mulberry32(7), 0.5)
    const b = injectOcrNoise(clean, mulberry32(7), 0.5)
    expect(a).toEqual(b)
    expect(a.errors.length).toBeGreaterThan(0)
    for (const e of a.errors) expect(a.text.slice(e.index, e.index + e.to.length)).toBe(e.to)
  })

  it('most injected errors are fixed and correct words stay', () => {
    const clean =
      'Het kabinet wil dat mensen met schulden sneller worden geholpen. Gemeenten krijgen daarom meer middelen voor vroegsignalering. ' +
      'De uitvoeringsorganisaties werken samen om te voorkomen dat een burger door elke organisatie afzonderlijk wordt aangeschreven. ' +
      'De evaluatie laat zien dat de berekening van de beslagvrije voet eenvoudiger is geworden, maar nog niet overal goed gaat.'
    let injected = 0
    let fixed = 0
    for (let seed = 1; seed <= 6; seed++) {
      const { text, errors } = injectOcrNoise(clean, mulberry32(seed), 0.1)
      injected += errors.length
      const out = correctText(text).value
      const outWords = new Set(out.split(/\s+/))
      for (const e of errors) if (e.from.split(' ').every((w) => outWords.has(w)) && !outWords.has(e.to)) fixed++
    }
    expect(fixed / injected).toBeGreaterThan(0.6)
  })
})

describe('any input', () => {
  it('never throws, and every correction points at what the text said', () => {
    const piece = fc.constantFrom('beleid', 'Instltuut', 'rnaatregel', 'notais', 'UWV', 'AI', 'Al', '12', '€', '!!', 'ALin', 'vo0r', 'x_y', '(zie', 'dé', '’s', 'verantwoorde', 'lijkheid')
    const text = fc.array(fc.oneof(piece, fc.string({ maxLength: 12 })), { maxLength: 30 }).map((words) => words.join(' '))
    fc.assert(
      fc.property(text, (input) => {
        const result = correctText(input)
        for (const c of result.corrections) {
          expect(c.start).toBeGreaterThanOrEqual(0)
          expect(c.end).toBeLessThanOrEqual(input.length)
          // A merge records both tokens with one space; the source may hold more whitespace.
          expect(input.slice(c.start, c.end).replace(/\s+/g, ' ')).toBe(c.before)
        }
        for (const issue of result.issues) expect(input.slice(issue.start, issue.end)).toContain(issue.actual!)
      }),
      { numRuns: 150, seed: 42 },
    )
  })
})
