// Seeded generator of synthetic Woo releases in the Rijksoverheid house style:
// notas (letterhead, copy stamp, sidebar, `nota <title>`, `Aan …`, sections,
// attachments, `Pagina N van M`), e-mail threads, memos and letters, with OCR
// noise, sidebar bleed, noise pages and second copies. Pages are joined with
// '\n' and no separator, as OCR exports look: most pages start with a line that
// begins with a single space. Templates and vocabulary are written here, not
// taken from any real release.
//
//   npx tsx scripts/gen-release.ts [--seed N] [--count K] [--out DIR]
// writes DIR/gen-<seed>.txt, the truth DIR/gen-<seed>.tsv (pages.tsv format plus
// a kind column) and DIR/gen-<seed>.json (per document: metadata, copy, redactions).
// With --gold it also writes DIR/gen-<seed>.gold/<instance>.md (`#` written `_`): each
// document instance's body as it was before OCR noise, furniture and redaction grounds,
// in the gold markdown format (corpus/gold/*.md). The gold draws no random numbers:
// the release itself is the same with or without it.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { DocumentKind, Metadata } from '../src/types.js'
import { METADATA_KEYS } from '../src/parse/markdown.js'
import { injectOcrNoise, mulberry32 } from './lib/ocr-noise.js'

export interface TruthPage {
  /** 1-based page number in the release. */
  page: number
  firstLine: number
  lastLine: number
  /** Document id, or null for a noise page. */
  document: string | null
  /** Distinguishes copies of one document: `${document}#${copyNumber}`. */
  instance: string | null
  copy: string | null
  pageOfDocument: number | null
  kind: DocumentKind | null
}

export interface TruthDocument {
  id: string
  instance: string
  kind: DocumentKind
  metadata: Metadata
  copy: string | null
  /** Printed redaction grounds per normalised ground. */
  redactions: Record<string, number>
  /** True when this copy lacks its first page (no title block). */
  firstPageMissing: boolean
  /**
   * With `GenerateOptions.gold`: the body a perfect cleaner outputs, in the gold markdown
   * format (front matter, `##`/`###` headings, one paragraph or `-` bullet a line), with no
   * page furniture (letterhead, title block, sidebar, stamps, page numbers, mail headers)
   * and no redaction grounds (those are redactions, not text).
   */
  gold?: string
}

export interface GeneratedRelease {
  seed: number
  text: string
  pages: TruthPage[]
  documents: TruthDocument[]
}

export interface GenerateOptions {
  /** Number of distinct documents (before copies). Default: 3-7. */
  documents?: number
  /** OCR damage rate on body words. Default 0.04. */
  noise?: number
  /** Chance that a line in the body begins with a single space although it starts no page. Default 0.001. */
  falseMarkers?: number
  /** Build each instance's clean body as gold markdown (`TruthDocument.gold`). Draws no random numbers. Default false. */
  gold?: boolean
}

type Rng = () => number

function _shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!
const chance = (rng: Rng, p: number): boolean => rng() < p
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1))

// ---------------------------------------------------------------- vocabulary

const MINISTRIES: Array<{ name: string; abbr: string; minister: string; mail: string }> = [
  { name: 'Ministerie van Financiën', abbr: 'FIN', minister: 'Minister van Financiën', mail: 'minfin.nl' },
  { name: 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties', abbr: 'BZK', minister: 'Minister van BZK', mail: 'minbzk.nl' },
  { name: 'Ministerie van Volksgezondheid, Welzijn en Sport', abbr: 'VWS', minister: 'Minister van VWS', mail: 'minvws.nl' },
  { name: 'Ministerie van Onderwijs, Cultuur en Wetenschap', abbr: 'OCW', minister: 'Minister van OCW', mail: 'minocw.nl' },
  { name: 'Ministerie van Infrastructuur en Waterstaat', abbr: 'IENW', minister: 'Minister van IenW', mail: 'minienw.nl' },
  { name: 'Ministerie van Economische Zaken en Klimaat', abbr: 'EZK', minister: 'Minister van EZK', mail: 'minezk.nl' },
  { name: 'Ministerie van Justitie en Veiligheid', abbr: 'JENV', minister: 'Minister van JenV', mail: 'minjenv.nl' },
  { name: 'Ministerie van Sociale Zaken en Werkgelegenheid', abbr: 'SZW', minister: 'Minister van SZW', mail: 'minszw.nl' },
  { name: 'Ministerie van Landbouw, Natuur en Voedselkwaliteit', abbr: 'LNV', minister: 'Minister van LNV', mail: 'minlnv.nl' },
  { name: 'Ministerie van Defensie', abbr: 'DEF', minister: 'Minister van Defensie', mail: 'mindef.nl' },
]
const SECOND_ADDRESSEES = ['Staatssecretaris van Financiën', 'Minister voor Rechtsbescherming', 'Staatssecretaris van BZK', 'Minister voor Primair en Voortgezet Onderwijs', 'Minister voor Klimaat en Energie', 'Minister voor Langdurige Zorg en Sport']
const STAMPS: Record<string, string[]> = {
  FIN: ['MFIN', 'STASFIN'], BZK: ['MBZK', 'STASBZK'], VWS: ['MVWS', 'MLZS'], OCW: ['MOCW', 'MPVO'], IENW: ['MIENW', 'STASIENW'],
  EZK: ['MEZK', 'MKE'], JENV: ['MJENV', 'MRB'], SZW: ['MSZW', 'MAPP'], LNV: ['MLNV', 'MNS'], DEF: ['MDEF', 'STASDEF'],
}
/** Directorate names as the sidebar prints them under the label `Directie`. */
const DIRECTORATES = ['Financieel-Economische Zaken', 'Arbeidsmarkt', 'Bestuursondersteuning', 'Wetgeving en Juridische Zaken', 'Internationale Zaken', 'Communicatie', 'Begrotingszaken', 'Strategie', 'Participatie en Decentrale Voorzieningen', 'Kennis en Verkenning']
const STATUSES = ['TER BESLISSING', 'TER INFORMATIE', 'TER ONDERTEKENING', 'TER KENNISNAME', 'TER ADVISERING']
const TITLE_HEADS = ['Reactie op', 'Voortgangsrapportage', 'Beantwoording Kamervragen over', 'Evaluatie van', 'Wetsvoorstel over', 'Advies over', 'Besluitvorming over', 'Aanbieding van', 'Stand van zaken', 'Plan van aanpak voor', 'Uitwerking van', 'Verkenning naar', 'Toezegging over', 'Beleidsreactie op', 'Planning van']
const TOPICS = [
  'de energietransitie in de gebouwde omgeving', 'het stelsel van kinderopvang', 'de woningbouwopgave', 'de bestaanszekerheid van huishoudens',
  'de digitale dienstverlening van de overheid', 'het programma Toekomst Toezicht', 'de arbeidsmarktkrapte in de zorg', 'de herziening van de Omgevingswet',
  'het lerarentekort', 'de aanpak van ondermijning', 'de stikstofreductie', 'de invoering van het basispakket', 'de pensioenhervorming',
  'het onderzoek naar fraudeaanpak', 'de subsidieregeling voor verduurzaming', 'de informatiehuishouding', 'de uitvoering van de Wet open overheid',
  'de capaciteit bij de rechtspraak', 'het beleid voor laaggeletterdheid', 'de toegankelijkheid van het openbaar vervoer',
]
const ORGS = ['UWV', 'SVB', 'de Belastingdienst', 'de VNG', 'het CBS', 'het CPB', 'de Raad van State', 'de Algemene Rekenkamer', 'het IPO', 'de Nationale ombudsman', 'RVO', 'DUO', 'het Planbureau voor de Leefomgeving']
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december']
const MONTHS_SHORT = ['jan.', 'feb.', 'mrt.', 'apr.', 'mei', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.']
const WEEKDAYS = ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag']
const NAMES = ['Jansen', 'de Vries', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker']
const INITIALS = ['A.', 'B.', 'C.', 'E.', 'H.', 'J.', 'K.', 'L.', 'M.', 'P.', 'R.', 'S.', 'T.', 'W.']
/** OCR-damaged prints of a ground that a reader still recognises. */
const DAMAGED_512E = ['5.1,2,e', 'S12e', '5.1.2.e', '512e', '5.1.2 e', '5.12e', '&t2e']
const DAMAGED_102E = ['10.2.e', '1O.2e', '10,2e', '102e']
const OPENINGS = ['Aanleiding']
const SECTIONS = ['Geadviseerd besluit', 'Kernpunten', 'Toelichting', 'Advies', 'Context', 'Samenvatting', 'Financiële gevolgen', 'Juridische aspecten', 'Communicatie', 'Vervolgstappen', 'Draagvlak', 'Afstemming', 'Risico’s']
const SENTENCES = [
  'In {month} {year} heeft de Tweede Kamer gevraagd om een reactie op {topic}.',
  'Met deze nota leggen wij u een voorstel voor over {topic}.',
  'U wordt gevraagd akkoord te gaan met de verzending van de brief aan de Kamer.',
  'Het voorstel is afgestemd met {org} en {org2}.',
  'De kosten bedragen naar verwachting {n} miljoen euro per jaar.',
  'Wij adviseren u om in te stemmen met de voorgestelde aanpak.',
  'Eerder is met u besproken dat {org} een verkenning uitvoert.',
  'De uitvoering ligt bij {org}, die heeft aangegeven dat dit haalbaar is.',
  'Het rapport verschijnt naar verwachting in {month}.',
  'Er zijn geen juridische bezwaren tegen het voorgestelde besluit.',
  'Over de planning is overleg gevoerd met de griffie van de Tweede Kamer.',
  'Wij stellen voor de Kamer voor het zomerreces te informeren over {topic}.',
  'De regeling treedt op 1 {month} {year} in werking.',
  'Het onderzoek laat zien dat de doelgroep beter bereikt kan worden.',
  'In de bijlage vindt u een overzicht van de belangrijkste reacties.',
  'Daarnaast loopt er een traject met {org} om de gegevensuitwisseling te verbeteren.',
  'Het budget hiervoor is gereserveerd op de begroting van {year}.',
  'Wij verwachten dat de Kamer vragen zal stellen over de uitvoerbaarheid.',
  'Het conceptbesluit is voorgelegd aan {org} voor een uitvoeringstoets.',
  'Voor de middellange termijn werken wij aan een structurele oplossing.',
  'De signalen uit de praktijk onderstrepen de urgentie van dit dossier.',
  'Een woordvoeringslijn is bijgevoegd voor eventuele vragen van de pers.',
]
const MAIL_LINES = [
  'Dank voor je bericht.', 'Hierbij de stukken voor het overleg van {weekday}.', 'Kun je laten weten of dit akkoord is?',
  'Ik heb de tekst aangepast op basis van de opmerkingen van {org}.', 'Zie de bijlage voor de laatste versie.',
  'Wij zouden graag voor het einde van de week een reactie ontvangen.', 'Prima, dan zetten we het zo door.',
  'Kunnen we hier morgen even over bellen?', 'De planning is ongewijzigd.', 'Ter info: de brief gaat vandaag naar de Kamer.',
  'Ik heb nog een paar kleine opmerkingen, zie hieronder.', 'Graag jouw akkoord op de tekst over {topic}.',
]

// ---------------------------------------------------------------- building blocks

interface DocDate {
  y: number
  m: number
  d: number
}

function _randomDate(rng: Rng): DocDate {
  const y = int(rng, 2019, 2025)
  const m = int(rng, 1, 12)
  const d = int(rng, 1, 28)
  return { y, m, d }
}
const _stripPrefix = (subject: string): string => subject.replace(/^(?:RE|Re|FW|Antw): /, '')
const _parseIso = (s: string): DocDate => ({ y: Number(s.slice(0, 4)), m: Number(s.slice(5, 7)), d: Number(s.slice(8, 10)) })
const iso = (t: DocDate): string => `${t.y}-${String(t.m).padStart(2, '0')}-${String(t.d).padStart(2, '0')}`
const weekday = (t: DocDate): string => WEEKDAYS[new Date(Date.UTC(t.y, t.m - 1, t.d)).getUTCDay()]!

/** A printed date, sometimes in a short or numeric form, sometimes OCR-damaged in a way a careful reader still reads. */
function _printDate(rng: Rng, t: DocDate, damage: number): string {
  const r = rng()
  let s = r < 0.75 ? `${t.d} ${MONTHS[t.m - 1]} ${t.y}` : r < 0.9 ? `${t.d} ${MONTHS_SHORT[t.m - 1]} ${t.y}` : `${String(t.d).padStart(2, '0')}-${String(t.m).padStart(2, '0')}-${t.y}`
  if (chance(rng, damage) && r < 0.75) {
    const k = rng()
    if (k < 0.4) s = s.replace(/ (\d{4})$/, ':$1')
    else if (k < 0.7) s = s.replace(/i(?=[^i]*$)/, 'l').replace(/ (\d{4})$/, ' $1')
    else s = s.replace(/0/, 'O')
  }
  return s
}

function _fill(rng: Rng, template: string, topic: string): string {
  const slots: Record<string, () => string> = {
    month: () => pick(rng, MONTHS),
    year: () => String(int(rng, 2020, 2026)),
    topic: () => topic,
    org: () => pick(rng, ORGS),
    org2: () => pick(rng, ORGS),
    n: () => String(int(rng, 2, 90)),
    weekday: () => pick(rng, WEEKDAYS),
  }
  return template.replace(/\{(\w+)\}/g, (m, name: string) => slots[name]?.() ?? m).replace(/^(\p{Ll})/u, (c) => c.toUpperCase())
}

/** Wrap a paragraph to lines of about `width` characters. */
function _wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : line + ' ' + word
  }
  if (line !== '') lines.push(line)
  return lines
}

// Sentences built from parts, so that pages of one document rarely share long word runs.
const SUBJECTS = ['Wij', 'Het kabinet', '{org}', 'De werkgroep', 'Het departement', 'De projectgroep', 'De Kamer', 'Een meerderheid van de Kamer', 'De gemeenten', 'De provincies', 'De uitvoeringsorganisaties', 'Het Adviescollege', 'De stuurgroep', 'Onze directie']
const PREDICATES = [
  'heeft gevraagd om {noun}', 'werkt aan {noun}', 'verwacht {noun}', 'stelt voor {noun} te versnellen', 'heeft zorgen over {noun}',
  'ziet ruimte voor {noun}', 'adviseert om {noun} uit te stellen', 'onderzoekt {noun}', 'heeft ingestemd met {noun}', 'bereidt {noun} voor',
  'wil meer inzicht in {noun}', 'heeft {noun} besproken', 'vraagt aandacht voor {noun}', 'deelt de analyse over {noun}', 'is kritisch over {noun}',
  'heeft toegezegd {noun} te leveren', 'pleit voor {noun}', 'brengt {noun} in kaart', 'ondersteunt {noun}', 'heeft bezwaar tegen {noun}',
]
const NOUNS = [
  'een reactie op {topic}', 'een nieuwe planning', 'de uitvoeringstoets', 'extra middelen voor {topic}', 'een evaluatie van {topic}',
  'de gevolgen voor burgers', 'een wetswijziging', 'de financiële dekking', 'een pilot in {n} gemeenten', 'de administratieve lasten',
  'een integraal plan', 'de regionale verschillen', 'de monitoring van {topic}', 'een kostenraming', 'de rol van {org}',
  'een tijdelijke regeling', 'de privacyaspecten', 'de communicatie richting de Kamer', 'een onafhankelijk onderzoek', 'de aanbevelingen van {org}',
  'de knelpunten in de uitvoering', 'een overgangsregeling', 'de doelgroep van {topic}', 'de gegevensdeling met {org}', 'een vervolgonderzoek',
]
const ADJUNCTS = ['', '', '', ' in {year}', ' voor de zomer', ' na overleg met {org}', ' binnen de huidige kaders', ' op korte termijn', ' in {month}',
  ' in samenhang met {topic}', ' zoals eerder met u besproken', ' voor het einde van het jaar', ' met ingang van 1 {month}', ' in de komende periode']

function _sentence(rng: Rng, topic: string): string {
  if (chance(rng, 0.2)) return _fill(rng, pick(rng, SENTENCES), topic)
  const noun = pick(rng, NOUNS)
  const text = `${pick(rng, SUBJECTS)} ${pick(rng, PREDICATES).replace('{noun}', noun)}${pick(rng, ADJUNCTS)}.`
  return _fill(rng, text.replace('{topic}', pick(rng, [topic, ...TOPICS])), topic)
}

function _paragraph(rng: Rng, topic: string, sentences: number): string {
  const out: string[] = []
  for (let i = 0; i < sentences; i++) out.push(_sentence(rng, topic))
  return out.join(' ')
}

/** Body lines of a section: paragraphs and bullets, blank lines between blocks. */
function _sectionBody(rng: Rng, topic: string, redactions: Record<string, number>): string[] {
  const lines: string[] = []
  const blocks = int(rng, 1, 3)
  for (let b = 0; b < blocks; b++) {
    if (chance(rng, 0.35)) {
      const marker = pick(rng, ['e ', 'o ', '• ', '- ', '« '])
      for (let k = int(rng, 2, 4); k > 0; k--) {
        const wrapped = _wrap(_sentence(rng, topic), int(rng, 70, 82))
        lines.push(marker + wrapped[0], ...wrapped.slice(1), '')
      }
    } else {
      let text = _paragraph(rng, topic, int(rng, 2, 5))
      if (chance(rng, 0.2)) {
        text += ` Contactpersoon bij ${pick(rng, ORGS)} is 5.1.2e.`
        redactions['5.1.2e'] = (redactions['5.1.2e'] ?? 0) + 1
      }
      lines.push(..._wrap(text, int(rng, 70, 82)), '')
    }
  }
  return lines
}

/** OCR damage on body lines; labels, dates and grounds (which hold digits) are left alone by the noise model. */
function _damage(rng: Rng, lines: string[], rate: number): string[] {
  return lines.map((l) => (l.trim() === '' ? l : injectOcrNoise(l, rng, rate).text))
}

/** A stamp as a copy shows it: mostly clean, sometimes spaced, in lower case or with a letter misread. */
function _printStamp(rng: Rng, stamp: string): string {
  const r = rng()
  if (r < 0.6) return stamp
  if (r < 0.75) return stamp.slice(0, -1) + ' ' + stamp.slice(-1)
  if (r < 0.9) return stamp[0] + stamp.slice(1).toLowerCase()
  return stamp.slice(0, 2) + stamp.slice(2, 3).toLowerCase() + stamp.slice(3)
}

// ---------------------------------------------------------------- documents

/** A document before pagination: a first-page header, body lines, and what goes on later pages. */
interface Draft {
  id: string
  kind: DocumentKind
  metadata: Metadata
  /** Lines of each page, without the page-start marker. */
  pages: string[][]
  redactions: Record<string, number>
  /** Copy stamp (canonical) when stamped. */
  stamp: string | null
  /** Gold lines of each page (see GoldPages), in step with `pages`. */
  gold: Array<Array<string | null>>
}

function _metadata(kind: DocumentKind): Metadata {
  return { kind, title: null, to: null, date: null, organisation: null, directorate: null, reference: null, status: null, attachments_count: null, from: null, subject: null }
}

function _slug(title: string): string {
  return title.split(/\s+/)[0]!.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '') || 'untitled'
}

/**
 * Split body lines into pages of `perPage` lines, never leaving a page empty. With `clean`
 * (gold lines, one for each of `lines`), pushes the gold lines of each page to `clean.pages`.
 */
function _paginate(rng: Rng, lines: string[], firstPageRoom: number, targetPages: number, clean?: GoldPages): string[][] {
  const total = lines.length
  const pages: string[][] = []
  const starts: number[] = []
  let at = 0
  const per = Math.max(12, Math.ceil((total - firstPageRoom) / Math.max(1, targetPages - 1)))
  let room = Math.min(firstPageRoom, total)
  while (at < total) {
    const take = Math.max(4, room + int(rng, -3, 3))
    pages.push(lines.slice(at, at + take))
    starts.push(at)
    at += take
    room = per
  }
  // Drop leading blank lines of a page: a page starts with text.
  const out: string[][] = []
  pages.forEach((p, n) => {
    let k = 0
    while (k < p.length - 1 && p[k]!.trim() === '') k++
    if (!p.some((l) => l.trim() !== '')) return
    out.push(p.slice(k))
    // The gold keeps the blank lines the page drops: they end a block.
    if (clean) clean.pages.push(clean.lines.slice(starts[n]!, starts[n]! + p.length))
  })
  return out
}

// ---------------------------------------------------------------- gold (no random draws)

/** Gold lines of a document, one for each printed line (null: not body text), and their split into pages. */
interface GoldPages {
  lines: Array<string | null>
  pages: Array<Array<string | null>>
}

const _goldOf = (lines: Array<string | null>): GoldPages => ({ lines, pages: [] })

/** Clean body lines with markup: `headings` maps a line index to its level; a printed bullet glyph becomes `- `. */
function _markBody(lines: string[], headings: Map<number, number> = new Map()): string[] {
  return lines.map((l, i) => (headings.has(i) ? `${'#'.repeat(headings.get(i)!)} ${l}` : l.replace(/^[eo•«-] /, '- ')))
}

/** Gold markdown body of marked page lines: a heading or bullet starts a block, a blank or null line ends one. */
function _goldBody(pages: Array<Array<string | null>>): string {
  const blocks: string[] = []
  let current: string | null = null
  const flush = (): void => {
    if (current === null) return
    // Redaction grounds are redactions, not text: a perfect cleaner records them and drops them from the body.
    const text = current.replace(/(?<![\p{L}\p{N}])5\.1\.2e(?![\p{L}\p{N}])/gu, '').replace(/\s+/g, ' ').trim()
    if (text !== '' && !/^(?:#+|-)$/.test(text)) blocks.push(text)
    current = null
  }
  for (const line of pages.flat()) {
    if (line === null || line.trim() === '') flush()
    else if (/^#+ /.test(line)) {
      flush()
      current = line
      flush()
    } else if (line.startsWith('- ')) {
      flush()
      current = line
    } else current = current === null ? line : `${current} ${line}`
  }
  flush()
  // Bullets in a row are written tight, as corpus/gold writes them.
  return blocks.map((b, k) => (k === 0 ? '' : b.startsWith('- ') && blocks[k - 1]!.startsWith('- ') ? '\n' : '\n\n') + b).join('') + '\n'
}

function _goldMarkdown(id: string, metadata: Metadata, pages: Array<Array<string | null>>): string {
  const front = ['---', `id: ${id}`]
  for (const key of METADATA_KEYS) {
    const value = metadata[key]
    if ((key === 'from' || key === 'subject') && value === null) continue
    front.push(`${key}: ${value === null ? 'null' : typeof value === 'number' || key === 'kind' || key === 'date' ? String(value) : JSON.stringify(value)}`)
  }
  return [...front, '---', '', _goldBody(pages)].join('\n')
}

/** Put sidebar lines into a page: at the top, in a block mid-page, at the end, or bled onto body line ends. */
function _placeSidebar(rng: Rng, page: string[], sidebar: string[]): string[] {
  if (sidebar.length === 0) return page
  const r = rng()
  if (r < 0.25) return [...sidebar, '', ...page]
  if (r < 0.55 || page.length < 6) return [...page, '', ...sidebar]
  if (r < 0.8) {
    const at = int(rng, 2, page.length - 2)
    return [...page.slice(0, at), '', ...sidebar, '', ...page.slice(at)]
  }
  // Bleed: label/value pairs appended to the ends of consecutive body lines.
  const out = [...page]
  let line = int(rng, 1, Math.max(1, out.length - sidebar.length - 1))
  for (const s of sidebar) {
    while (line < out.length && out[line]!.trim() === '') line++
    if (line >= out.length) out.push(s)
    else out[line] = out[line] + pick(rng, [' ', '  ', ' ']) + s
    line++
  }
  return out
}

function _nota(rng: Rng, noise: number, sameDay: DocDate | null = null): Draft {
  const ministry = pick(rng, MINISTRIES)
  const date = sameDay ?? _randomDate(rng)
  const title = `${pick(rng, TITLE_HEADS)} ${pick(rng, TOPICS)}`
  const topic = pick(rng, TOPICS)
  const meta = _metadata('nota')
  const redactions: Record<string, number> = {}
  const count = (g: string): void => void (redactions[g] = (redactions[g] ?? 0) + 1)
  meta.title = title
  meta.to = chance(rng, 0.6) ? `${ministry.minister} en ${pick(rng, SECOND_ADDRESSEES)}` : ministry.minister
  meta.date = iso(date)
  meta.organisation = ministry.name
  meta.status = chance(rng, 0.85) ? pick(rng, STATUSES) : null
  meta.directorate = chance(rng, 0.5) ? pick(rng, DIRECTORATES) : null
  const fullRef = chance(rng, 0.6)
  meta.reference = fullRef ? `${date.y}-${String(int(rng, 1, 99999999)).padStart(10, '0')}` : `${date.y}-`
  const hasAttachments = chance(rng, 0.3)
  meta.attachments_count = chance(rng, 0.8) ? (hasAttachments ? int(rng, 1, 3) : 0) : null

  // The first page's sidebar and letterhead.
  const sidebar: string[] = []
  if (meta.status) sidebar.push(meta.status, '')
  sidebar.push('Directie')
  if (meta.directorate) sidebar.push(meta.directorate)
  sidebar.push('', 'Datum', _printDate(rng, date, 0.1), '', 'Onze referentie', meta.reference)
  if (!fullRef) count('5.1.2e'), sidebar.push('5.1.2e')
  sidebar.push('', 'Opgesteld door')
  if (chance(rng, 0.6)) count('5.1.2e'), sidebar.push('5.1.2e')
  sidebar.push('', 'Tweede contactpersoon')
  if (meta.attachments_count !== null) sidebar.push('', 'Bijlage(n)', String(meta.attachments_count))

  const org = ministry.name
  const breakAt = org.lastIndexOf(' ', 30)
  const letterhead = org.length > 34 && breakAt > 0 ? [org.slice(0, breakAt), '', org.slice(breakAt + 1)] : [org]
  const titleLines = _wrap(`nota ${title}`, 60)
  if (chance(rng, 0.2)) titleLines[0] = titleLines[0]!.replace(/^nota/, 'n Ota')
  const titleBlock = ['Aan ' + meta.to, '', ...titleLines, '']
  if (chance(rng, 0.4)) titleBlock.unshift(...titleBlock.splice(2, titleLines.length), '')

  // Body: opening heading, then sections.
  const body: string[] = []
  const headings = new Map<number, number>()
  const first = chance(rng, 0.9) ? pick(rng, OPENINGS) : pick(rng, ['Samenvatting', 'Context'])
  const sectionNames = [first, ..._shuffle(rng, SECTIONS).slice(0, int(rng, 1, 5))]
  const targetPages = int(rng, 1, hasAttachments ? 3 : 5)
  for (const name of sectionNames) {
    headings.set(body.length, 2)
    body.push(name, '', ..._sectionBody(rng, topic, redactions))
  }
  while (body.length < targetPages * 30) body.push(..._sectionBody(rng, topic, redactions))
  const damagedBody = _damage(rng, body, noise)

  const gold = _goldOf(_markBody(body, headings))
  let pages = _paginate(rng, damagedBody, int(rng, 22, 36), targetPages, gold)
  // Attachment pages: `Bijlage: …` or `Bijlage 1`, belonging to the nota.
  if (hasAttachments) {
    const att: string[] = [pick(rng, ['Bijlage: ', 'Bijlage 1 ', 'Bijlage bij nota: ']) + `overzicht van ${pick(rng, TOPICS)}`, '']
    // The attachment's title is a section heading, its numbered parts one level down (as corpus/gold writes them).
    const attHeadings = new Map([[0, 2]])
    for (let k = 1; k <= int(rng, 3, 7); k++) {
      attHeadings.set(att.length, 3)
      att.push(`${k}. ${pick(rng, SECTIONS)}`, '')
      for (let b = int(rng, 2, 5); b > 0; b--) att.push(`${pick(rng, ['o', '«', '•', 'e'])} ${_sentence(rng, topic)}`)
      att.push('')
    }
    const attGold = _goldOf(_markBody(att, attHeadings))
    pages = pages.concat(_paginate(rng, _damage(rng, att, noise), 40, 2, attGold))
    gold.pages.push(...attGold.pages)
  }
  const total = pages.length
  const numbered = chance(rng, 0.4)
  const stamp = chance(rng, 0.75) ? pick(rng, STAMPS[ministry.abbr]!) : null
  pages = pages.map((p, k) => {
    let lines = p
    if (k === 0) {
      lines = _placeSidebar(rng, lines, sidebar)
      lines = [...(stamp && chance(rng, 0.4) ? [_printStamp(rng, stamp), ''] : []), ...letterhead, '', ...titleBlock, ...lines]
      if (stamp && !lines.includes(stamp) && !lines.some((l) => l.replace(/\s/g, '').toUpperCase() === stamp)) {
        const at = int(rng, Math.min(lines.length, letterhead.length + titleBlock.length + 2), lines.length)
        lines.splice(at, 0, '', _printStamp(rng, stamp), '')
      }
    } else {
      lines = _placeSidebar(rng, lines, ['Datum', _printDate(rng, date, 0.1), '', 'Onze referentie', meta.reference!])
    }
    if (numbered) lines = [...lines, '', `Pagina ${k + 1} van ${total}`]
    return lines
  })
  return { id: `nota-${meta.date}-${_slug(title)}`, kind: 'nota', metadata: meta, pages, redactions, stamp, gold: gold.pages }
}

/** An e-mail thread; with `follow`, a later reply in the same subject, released as a document of its own. */
function _email(rng: Rng, noise: number, follow: { subject: string; after: DocDate } | null = null): Draft {
  const ministry = pick(rng, MINISTRIES)
  const topic = pick(rng, TOPICS)
  const subject = follow?.subject ?? `${pick(rng, ['Overleg over', 'Stukken voor', 'Vraag over', 'Planning', 'Concept'])} ${topic.replace(/^(de|het) /, '')}`
  const messages = follow ? int(rng, 2, 3) : int(rng, 1, 4)
  const redactions: Record<string, number> = {}
  const count = (g: string, n = 1): void => void (redactions[g] = (redactions[g] ?? 0) + n)
  let t = _randomDate(rng)
  if (follow) {
    const a = follow.after
    t = a.d <= 25 ? { ...a, d: a.d + int(rng, 1, 3) } : { y: a.m === 12 ? a.y + 1 : a.y, m: a.m === 12 ? 1 : a.m + 1, d: int(rng, 1, 3) }
  }
  const dates: DocDate[] = []
  for (let k = 0; k < messages; k++) {
    dates.push(t)
    t = t.d > 2 ? { ...t, d: t.d - int(rng, 0, 2) } : t
  }
  const lines: string[] = []
  // Gold: a message's body; its header, the quote separator and redacted contact lines (`T 5.1.2e`) are no text.
  const goldLines: Array<string | null> = []
  const meta = _metadata('email')
  // A thread quotes older messages: on one day, each quoted message was sent earlier than the one above it.
  let above = Infinity
  for (let k = 0; k < messages; k++) {
    const d = dates[k]!
    const redactFrom = chance(rng, 0.6)
    const from = redactFrom ? '5.1.2e' : `${pick(rng, NAMES)}, ${pick(rng, INITIALS)}`
    if (redactFrom) count('5.1.2e')
    const re = k < messages - 1 ? pick(rng, ['RE: ', 'Re: ', 'FW: ', 'Antw: ']) : ''
    let minute = int(rng, 8, 18) * 60
    minute += int(rng, 0, 59)
    if (k > 0 && iso(d) === iso(dates[k - 1]!)) minute = Math.max(0, Math.min(minute, above - 1 - (minute % 45)))
    above = minute
    const header = [
      `Van: ${from}`,
      `Verzonden: ${weekday(d)} ${d.d} ${MONTHS[d.m - 1]} ${d.y} ${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, '0')}`,
      `Aan: 5.1.2e@${ministry.mail}`,
    ]
    count('5.1.2e')
    if (chance(rng, 0.4)) header.push('CC: 5.1.2e; 5.1.2e'), count('5.1.2e', 2)
    header.push(`Onderwerp: ${re}${subject}`)
    if (k === 0) {
      meta.from = from === '5.1.2e' ? null : from
      meta.date = iso(d)
      meta.subject = `${re}${subject}`
      meta.title = subject
      meta.to = null
    }
    if (k > 0) lines.push('', pick(rng, ['-----Oorspronkelijk bericht-----', '', '________________________________']))
    lines.push(...header, '')
    while (goldLines.length < lines.length) goldLines.push(null)
    const body: string[] = [pick(rng, ['Hoi,', 'Beste collega,', 'Dag allen,', 'Hallo,']), '']
    for (let p = int(rng, 1, 4); p > 0; p--) {
      const para = Array.from({ length: int(rng, 1, 4) }, () => _fill(rng, pick(rng, MAIL_LINES), topic)).join(' ')
      body.push(..._wrap(para, int(rng, 70, 85)), '')
    }
    body.push(pick(rng, ['Groet,', 'Met vriendelijke groet,', 'Gr.']), '5.1.2e', '')
    count('5.1.2e')
    if (chance(rng, 0.5)) body.push(`T 5.1.2e`, `M 5.1.2e`, ''), count('5.1.2e', 2)
    lines.push(..._damage(rng, body, noise))
    goldLines.push(...body.map((l) => (/^[TM] 5\.1\.2e$/.test(l) ? null : l)))
  }
  const gold = _goldOf(goldLines)
  const pages = _paginate(rng, lines, int(rng, 40, 55), Math.ceil(lines.length / 48), gold)
  return { id: `email-${meta.date}-${_slug(subject)}`, kind: 'email', metadata: meta, pages, redactions, stamp: null, gold: gold.pages }
}

function _memo(rng: Rng, noise: number): Draft {
  const ministry = pick(rng, MINISTRIES)
  const topic = pick(rng, TOPICS)
  const date = _randomDate(rng)
  const meta = _metadata('memo')
  const redactions: Record<string, number> = {}
  const subject = `${pick(rng, TITLE_HEADS)} ${topic}`
  meta.to = pick(rng, ['Directeur-generaal', 'Secretaris-generaal', 'MT Directie ' + pick(rng, DIRECTORATES), ministry.minister])
  meta.from = 'Directie ' + pick(rng, DIRECTORATES)
  meta.date = iso(date)
  meta.subject = subject
  meta.title = subject
  const head = ['Memo', '', `Aan\t${meta.to}`, `Van\t${meta.from}`, `Datum\t${_printDate(rng, date, 0.05)}`, `Betreft\t${subject}`, '']
  const body: string[] = []
  const headings = new Map<number, number>()
  for (const name of ['Inleiding', ..._shuffle(rng, SECTIONS).slice(0, int(rng, 1, 3))]) {
    headings.set(body.length, 2)
    body.push(name, '', ..._sectionBody(rng, topic, redactions))
  }
  const gold = _goldOf([...head.map(() => null), ..._markBody(body, headings)])
  const pages = _paginate(rng, [...head, ..._damage(rng, body, noise)], int(rng, 35, 50), 2, gold)
  return { id: `memo-${meta.date}-${_slug(subject)}`, kind: 'memo', metadata: meta, pages, redactions, stamp: null, gold: gold.pages }
}

function _letter(rng: Rng, noise: number): Draft {
  const ministry = pick(rng, MINISTRIES)
  const topic = pick(rng, TOPICS)
  const date = _randomDate(rng)
  const meta = _metadata('letter')
  const redactions: Record<string, number> = {}
  const subject = `${pick(rng, ['Beantwoording vragen over', 'Reactie op uw brief over', 'Verzoek om informatie over', 'Besluit op uw verzoek over'])} ${topic}`
  meta.organisation = ministry.name
  meta.date = iso(date)
  meta.subject = subject
  meta.title = subject
  meta.reference = `${date.y}-${String(int(rng, 1, 99999999)).padStart(10, '0')}`
  meta.to = pick(rng, ['De Voorzitter van de Tweede Kamer der Staten-Generaal', 'De Voorzitter van de Eerste Kamer der Staten-Generaal', '5.1.2e'])
  if (meta.to === '5.1.2e') {
    redactions['5.1.2e'] = 1
    meta.to = null
  }
  const head = [
    ministry.name, '',
    `Retouradres Postbus ${int(rng, 100, 30000)} ${int(rng, 2500, 2599)} ${pick(rng, ['EA', 'EX', 'LV', 'AA'])} Den Haag`, '',
    meta.to ?? '5.1.2e', meta.to ? 'Postbus 20018' : '5.1.2e', meta.to ? '2500 EA  DEN HAAG' : '5.1.2e', '',
    'Datum', _printDate(rng, date, 0.05), '',
    'Onderwerp', subject, '',
    'Ons kenmerk', meta.reference, '',
  ]
  if (!meta.to) redactions['5.1.2e'] = (redactions['5.1.2e'] ?? 0) + 2
  const body = [pick(rng, ['Geachte voorzitter,', 'Geachte heer, mevrouw,', 'Geachte 5.1.2e,']), '']
  if (body[0]!.includes('5.1.2e')) redactions['5.1.2e'] = (redactions['5.1.2e'] ?? 0) + 1
  for (let p = int(rng, 2, 6); p > 0; p--) body.push(..._wrap(_paragraph(rng, topic, int(rng, 2, 5)), 78), '')
  body.push('Hoogachtend,', '', ministry.minister.replace(/^Minister/, 'de minister'), '')
  const gold = _goldOf([...head.map(() => null), ..._markBody(body)])
  let pages = _paginate(rng, [...head, ..._damage(rng, body, noise)], int(rng, 40, 52), 2, gold)
  // Sometimes an enclosure follows on pages of its own.
  if (chance(rng, 0.3)) {
    const att = [`Bijlage ${pick(rng, ['1', 'A', 'bij brief'])} ${pick(rng, ['Overzicht van', 'Tijdlijn van', 'Vragen over'])} ${pick(rng, TOPICS)}`, '']
    for (let k = int(rng, 4, 9); k > 0; k--) att.push(`${pick(rng, ['-', '•', 'o'])} ${_sentence(rng, topic)}`)
    const attGold = _goldOf(_markBody(att, new Map([[0, 2]])))
    pages = pages.concat(_paginate(rng, _damage(rng, att, noise), 45, 1, attGold))
    gold.pages.push(...attGold.pages)
  }
  return { id: `letter-${meta.date}-${_slug(subject)}`, kind: 'letter', metadata: meta, pages, redactions, stamp: null, gold: gold.pages }
}

/** A second copy of a nota: another stamp, fresh placement of the sidebar, sometimes without its first page. */
function _copyOf(rng: Rng, draft: Draft, noise: number): { draft: Draft; missingFirst: boolean } {
  const stamps = Object.values(STAMPS).find((s) => draft.stamp !== null && s.includes(draft.stamp)) ?? Object.values(STAMPS)[0]!
  const stamp = draft.stamp === null ? pick(rng, stamps) : stamps.find((s) => s !== draft.stamp) ?? draft.stamp
  const pages = draft.pages.map((p) =>
    p.map((l) => {
      if (draft.stamp !== null && l.replace(/\s/g, '').toUpperCase() === draft.stamp) return _printStamp(rng, stamp)
      return l.trim() === '' || /\d/.test(l) ? l : injectOcrNoise(l, rng, noise / 2).text
    }),
  )
  const missingFirst = pages.length > 1 && chance(rng, 0.2)
  return { draft: { ...draft, pages: missingFirst ? pages.slice(1) : pages, gold: missingFirst ? draft.gold.slice(1) : draft.gold, stamp: draft.stamp === null ? null : stamp }, missingFirst }
}

// ---------------------------------------------------------------- release

/** Generate one release. Deterministic for a seed. */
export function generateRelease(seed: number, options: GenerateOptions = {}): GeneratedRelease {
  const rng = mulberry32(seed * 2654435761)
  const noise = options.noise ?? 0.04
  const falseMarkers = options.falseMarkers ?? 0.001
  const count = options.documents ?? int(rng, 3, 7)
  const units: Array<{ draft: Draft; instance: string; missingFirst: boolean }> = []
  const used = new Map<string, number>()
  for (let k = 0; k < count; k++) {
    const r = rng()
    // Now and then two notas of one day follow each other: the date cannot tell them apart.
    const prev = units.at(-1)?.draft
    const sameDay = prev?.kind === 'nota' && chance(rng, 0.25) ? _parseIso(prev.metadata.date!) : null
    // Or a reply to the e-mail before it, released as a document of its own.
    const replyTo = prev?.kind === 'email' && chance(rng, 0.3) ? { subject: _stripPrefix(prev.metadata.subject!), after: _parseIso(prev.metadata.date!) } : null
    const draft = replyTo ? _email(rng, noise, replyTo) : r < 0.55 ? _nota(rng, noise, sameDay) : r < 0.75 ? _email(rng, noise) : r < 0.88 ? _memo(rng, noise) : _letter(rng, noise)
    const n = (used.get(draft.id) ?? 0) + 1
    used.set(draft.id, n)
    if (n > 1) draft.id += `-${n}`
    units.push({ draft, instance: `${draft.id}#1`, missingFirst: false })
    if (draft.kind === 'nota' && chance(rng, 0.45)) {
      const copy = _copyOf(rng, draft, noise)
      // The second copy comes right after the first, or later in the release.
      const entry = { draft: copy.draft, instance: `${draft.id}#2`, missingFirst: copy.missingFirst }
      if (chance(rng, 0.5)) units.push(entry)
      else units.splice(int(rng, 0, units.length), 0, entry)
    }
  }

  const lines: string[] = []
  const pages: TruthPage[] = []
  const documents: TruthDocument[] = []
  const addPage = (pageLines: string[], truth: Omit<TruthPage, 'page' | 'firstLine' | 'lastLine'>): void => {
    const firstLine = lines.length + 1
    const out = [...pageLines]
    // The OCR export marks most page starts with a leading space.
    if (chance(rng, 0.95) || pages.length === 0) out[0] = ' ' + out[0]
    for (let k = 1; k < out.length; k++) if (out[k]!.trim() !== '' && chance(rng, falseMarkers)) out[k] = ' ' + out[k]
    lines.push(...out)
    pages.push({ page: pages.length + 1, firstLine, lastLine: lines.length, ...truth })
  }
  // A noise page: a lone page number (or, at the very end, a lone space).
  const noisePage = (last = false): void => {
    lines.push(' ' + (last ? '' : String(int(rng, 2, 9))))
    pages.push({ page: pages.length + 1, firstLine: lines.length, lastLine: lines.length, document: null, instance: null, copy: null, pageOfDocument: null, kind: null })
  }
  for (const unit of units) {
    const { draft } = unit
    // Wob-era documents carry Wob grounds; some grounds print damaged.
    const ground = draft.metadata.date !== null && draft.metadata.date < '2022-05-01' ? '10.2e' : '5.1.2e'
    let grounds = 0
    draft.pages = draft.pages.map((p) =>
      p.map((l) =>
        l.replace(/(?<![\p{L}\p{N}])5\.1\.2e/gu, () => {
          grounds++
          return chance(rng, 0.15) ? pick(rng, ground === '5.1.2e' ? DAMAGED_512E : DAMAGED_102E) : ground
        }),
      ),
    )
    const md = { ...draft.metadata }
    // Without its first page a copy shows no title block, letterhead or first-page sidebar.
    if (unit.missingFirst) Object.assign(md, { title: null, to: null, organisation: null, status: null, directorate: null, attachments_count: null })
    // The stamp sits on the first page: a copy without it shows none.
    documents.push({
      id: draft.id, instance: unit.instance, kind: draft.kind, metadata: md, copy: unit.missingFirst ? null : draft.stamp, redactions: grounds > 0 ? { [ground]: grounds } : {}, firstPageMissing: unit.missingFirst,
      ...(options.gold ? { gold: _goldMarkdown(draft.id, md, draft.gold) } : {}),
    })
    draft.pages.forEach((p, k) => {
      if (k > 0 && chance(rng, 0.05)) noisePage()
      addPage(p, { document: draft.id, instance: unit.instance, copy: unit.missingFirst ? null : draft.stamp, pageOfDocument: k + 1 + (unit.missingFirst ? 1 : 0), kind: draft.kind })
    })
    if (chance(rng, 0.05)) noisePage()
  }
  // OCR exports often end with a lone space: an empty last page.
  if (chance(rng, 0.5)) noisePage(true)
  return { seed, text: lines.join('\n'), pages, documents }
}

/** The truth as TSV, in the format of corpus/gold/pages.tsv plus a kind column. */
export function truthTsv(release: GeneratedRelease): string {
  const rows = ['page\tfirst_line\tlast_line\tdocument\tcopy\tpage_of_document\tinstance\tkind']
  for (const p of release.pages) {
    rows.push([p.page, p.firstLine, p.lastLine, p.document ?? '-', p.copy ?? (p.document ? 'none' : 'unknown'), p.pageOfDocument ?? '-', p.instance ?? '-', p.kind ?? '-'].join('\t'))
  }
  return rows.join('\n') + '\n'
}

function _main(argv: string[]): void {
  const arg = (name: string, fallback: string): string => {
    const k = argv.indexOf(name)
    return k >= 0 && argv[k + 1] !== undefined ? argv[k + 1]! : fallback
  }
  const seed = Number(arg('--seed', '1'))
  const count = Number(arg('--count', '1'))
  const out = arg('--out', 'out/gen')
  const gold = argv.includes('--gold')
  mkdirSync(out, { recursive: true })
  for (let s = seed; s < seed + count; s++) {
    const release = generateRelease(s, gold ? { gold: true } : {})
    writeFileSync(join(out, `gen-${s}.txt`), release.text)
    writeFileSync(join(out, `gen-${s}.tsv`), truthTsv(release))
    writeFileSync(join(out, `gen-${s}.json`), JSON.stringify(release.documents.map(({ gold: _, ...doc }) => doc), null, 2) + '\n')
    if (gold) {
      mkdirSync(join(out, `gen-${s}.gold`), { recursive: true })
      for (const doc of release.documents) writeFileSync(join(out, `gen-${s}.gold`, `${doc.instance.replace('#', '_')}.md`), doc.gold!)
    }
    console.log(`gen-${s}: ${release.pages.length} pages, ${release.documents.length} documents -> ${out}`)
  }
}

// (The name check: a bundle of a script that imports this one shares its import.meta.url.)
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && /gen-release\.[jt]s$/.test(process.argv[1] ?? '')) _main(process.argv.slice(2))
