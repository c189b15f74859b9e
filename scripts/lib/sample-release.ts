// A fake-but-realistic Release for tests and benchmarks of the reports: dossiers of
// notas in version chains, each version released in one or two copies, with page
// furniture, OCR damage recorded as corrections, handwriting, redactions and diffs.
// Every offset is real: `page.source.slice(token.start, token.end)` is what the
// "scan" says. Deterministic: the same options give the same release.
import type {
  Annotation,
  Block,
  BlockKind,
  Change,
  Correction,
  Diff,
  Document,
  Furniture,
  Group,
  Issue,
  Metadata,
  Page,
  Place,
  Redaction,
  Release,
  Token,
  VersionChain,
  WordOp,
} from '../../src/types.js'

export interface SampleOptions {
  /** PRNG seed. Default 1. */
  seed?: number
  /**
   * Stop adding dossiers once the release holds at least this many pages. Default: one
   * dossier of three versions in two copies each (a seed-sized release).
   */
  pages?: number
  /** Put HTML/script payloads into every kind of text the report shows. Default false. */
  hostile?: boolean
}

/** The payloads `hostile` plants; a report that runs any of them sets `window.__pwned`. */
export const HOSTILE_PAYLOADS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '"><svg onload="window.__pwned = 3">',
  "'><iframe srcdoc=\"<script>parent.__pwned = 4</script>\">",
  '</textarea></pre><script>alert(5)</script>',
  'javascript:alert(6)',
]

import { mulberry32 } from './ocr-noise.js'

/** Deterministic PRNG (mulberry32, from ocr-noise.ts): fixtures and benchmarks never use Math.random. */
export { mulberry32 }

type Rng = () => number
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1))

const TOPICS = [
  ['het adviesrapport over de toekomst van de kinderopvang', 'kinderopvang'],
  ['de evaluatie van het inburgeringsstelsel', 'inburgering'],
  ['het onderzoek naar digitale weerbaarheid van gemeenten', 'weerbaarheid'],
  ['de verkenning arbeidsmarkt in de zorg', 'zorgarbeidsmarkt'],
  ['het advies over verduurzaming van rijksgebouwen', 'verduurzaming'],
  ['de beleidsdoorlichting armoede en schulden', 'schulden'],
  ['het rapport over toegankelijkheid van overheidsdiensten', 'toegankelijkheid'],
  ['de tussenevaluatie van de Omgevingswet', 'omgevingswet'],
] as const

const ORGANISATIONS = [
  'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties',
  'Ministerie van Volksgezondheid, Welzijn en Sport',
  'Ministerie van Onderwijs, Cultuur en Wetenschap',
  'Ministerie van Infrastructuur en Waterstaat',
]
const RECIPIENTS = ['Minister van BZK', 'Staatssecretaris van VWS', 'Minister van OCW en Minister voor Primair Onderwijs', 'Minister van IenW']
const STAMPS = ['MBZK', 'SG', 'DGOO', 'PDV', 'MVWS']
const STATUSES = ['TER BESLISSING', 'TER INFORMATIE', 'TER ACCORDERING']
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december']

const SENTENCES = [
  'Het rapport is in oktober gepubliceerd en de Kamercommissie heeft verzocht om een reactie van het kabinet.',
  'In de bijlage bij deze nota leggen wij u de opzet van de kabinetsreactie voor.',
  'De bevindingen uit het rapport zijn herkenbaar en sluiten aan bij eerdere signalen uit de uitvoering.',
  'Wij stellen voor om in de reactie aan te sluiten bij de lopende trajecten.',
  'De uitvoeringsorganisaties hebben aangegeven dat de voorgestelde maatregelen uitvoerbaar zijn.',
  'Over de financiële gevolgen wordt u in een afzonderlijke nota geïnformeerd.',
  'Het centraal stellen van de burger in wet- en regelgeving blijft een zaak van lange adem.',
  'De reactie is afgestemd met de betrokken departementen en de koepelorganisaties.',
  'Gemeenten vragen om meer ruimte voor maatwerk bij de toepassing van de regels.',
  'Wij verwachten dat de Tweede Kamer hierover in het commissiedebat vragen zal stellen.',
  'Er is nog geen overeenstemming over de verdeling van de middelen tussen de departementen.',
  'De planning is om de brief voor het zomerreces naar de Kamer te versturen.',
  'Het advies van de Raad van State wordt in de memorie van toelichting verwerkt.',
  'Daarnaast is de reactie breed afgestemd met sociale partners en belangenorganisaties.',
  'Een eerste versie van de brief is besproken in het bewindspersonenoverleg.',
  'De signalen uit de praktijk laten zien dat de regelgeving als complex wordt ervaren.',
  'Wij adviseren u om in te stemmen met de verzending van de brief aan de Kamer.',
  'Het onderzoek noemt drie kennislacunes die nader onderzoek verdienen.',
  'De kosten van de maatregelen worden gedekt binnen de bestaande begroting.',
  'Ook wordt het belang van persoonlijk contact tussen burgers en dienstverleners benadrukt.',
]
const BULLETS = [
  'Meer ruimte voor maatwerk in de uitvoering',
  'Betere informatievoorziening aan burgers en bedrijven',
  'Vereenvoudiging van de regels voor aanvragen',
  'Een vast aanspreekpunt bij de gemeente',
  'Versterking van de samenwerking tussen uitvoeringsorganisaties',
  'Monitoring van de effecten in de komende twee jaar',
  'Aandacht voor digitale toegankelijkheid van formulieren',
  'Een jaarlijkse rapportage aan de Kamer',
]
const EXTRA = [
  'De Kamer heeft inmiddels om een nadere toelichting op de planning gevraagd.',
  'Op verzoek van de uitvoering is een overgangstermijn van een jaar opgenomen.',
  'Na overleg met de koepels is de passage over de bekostiging aangepast.',
  'De minister heeft gevraagd de reactie te verkorten en te verduidelijken.',
  'Wij hebben de opmerkingen uit de vorige nota in deze versie verwerkt.',
]
const HANDWRITING = ["(//}'\\/ (/\"J'MM", 'akk. ok', "E WM \\ m /", 'eens, graag kort', '2 ,F-/ ) hw', '@a “ lL']

// OCR confusions the "scanner" makes: cleaned -> as printed by the OCR.
const CONFUSIONS: Array<[RegExp, string]> = [
  [/i/, 'l'],
  [/e/, 'c'],
  [/rn/, 'm'],
  [/m/, 'rn'],
  [/o/, '0'],
  [/é/, 'e'],
  [/ë/, 'é'],
  [/l/, '1'],
  [/u/, 'ii'],
]

interface BlockSpec {
  key: string
  kind: BlockKind
  level: number
  text: string
  cells?: string[]
  marker?: string
}

interface VersionSpec {
  date: string
  title: string
  status: string
  reference: string
  blocks: BlockSpec[]
  /** Keys of blocks whose cleaned text keeps an uncorrected OCR error (diff noise). */
  noisy: Set<string>
}

interface Laid {
  document: Document
  pages: Page[]
  corrections: Correction[]
  /** Block key -> index into document.blocks. */
  keys: string[]
}

const LINE = 74
const PAGE_LINES = 46

export function sampleRelease(options: SampleOptions = {}): Release {
  const rng = mulberry32(options.seed ?? 1)
  const hostile = options.hostile ?? false
  const target = options.pages ?? 0
  const laid: Laid[] = []
  const groups: Group[] = []
  const versions: VersionChain[] = []
  const diffs: Diff[] = []
  const ids = new Set<string>()
  let pageCount = 0
  for (let dossier = 0; dossier === 0 || pageCount < target; dossier++) {
    const single = target === 0
    const chainLength = single ? 3 : int(rng, 1, 3)
    const specs = dossierVersions(rng, dossier, chainLength, hostile)
    const topic = TOPICS[dossier % TOPICS.length]!
    const organisation = pick(rng, ORGANISATIONS)
    const to = pick(rng, RECIPIENTS)
    const canonicals: Laid[] = []
    for (const spec of specs) {
      const copies = single ? 2 : int(rng, 1, 2)
      const stamps = [pick(rng, STAMPS), pick(rng, STAMPS.filter((s) => s !== STAMPS[0]))]
      let id = `nota-${spec.date}-${topic[1]}${dossier >= TOPICS.length ? '-' + (Math.floor(dossier / TOPICS.length) + 1) : ''}`
      if (hostile) id += '-<b>x</b>'
      while (ids.has(id)) id += 'x'
      ids.add(id)
      const members: Laid[] = []
      for (let c = 0; c < copies; c++) {
        const copyId = c === 0 ? id : `${id}~${c + 1}`
        const meta: Metadata = {
          kind: 'nota',
          title: spec.title,
          to,
          date: spec.date,
          organisation,
          directorate: null,
          reference: spec.reference,
          status: spec.status,
          attachments_count: spec.blocks.filter((b) => b.kind === 'table-row').length - 1,
          from: null,
          subject: null,
        }
        const one = layOut(mulberry32((options.seed ?? 1) * 7919 + dossier * 31 + c * 7 + spec.date.length), copyId, meta, spec, copies > 1 ? stamps[c]! : null, c === 0 ? null : id, hostile, c === 1 || rng() < 0.3)
        members.push(one)
      }
      laid.push(...members)
      pageCount += members.reduce((n, m) => n + m.pages.length, 0)
      canonicals.push(members[0]!)
      if (members.length > 1) {
        groups.push({
          canonical: id,
          members: members.map((m) => m.document.id),
          similarity: Math.round((0.9 + rng() * 0.09) * 100) / 100,
          metadata: members[0]!.document.metadata,
          text: members[0]!.document.text,
          sources: [{ start: 0, end: members[0]!.document.text.length, document: id, page: 0, pageStart: 0 }],
          reason: 'the copy with the fewest OCR corrections and no handwriting',
        })
      }
    }
    if (canonicals.length > 1) {
      versions.push({ documents: canonicals.map((c) => c.document.id), reason: 'same subject and recipients; later notas refer to the earlier ones by date' })
      for (let v = 1; v < canonicals.length; v++) diffs.push(diffOf(canonicals[v - 1]!, canonicals[v]!, specs[v - 1]!, specs[v]!))
    }
  }

  // Interleave the documents as releases do (copies are rarely adjacent), keep chains in order.
  const order = laid.map((l, i) => ({ l, k: rng() + (i % 2) }))
  order.sort((a, b) => a.k - b.k)
  const pages: Page[] = []
  const corrections: Correction[] = []
  const documents: Document[] = []
  const issues: Issue[] = []
  for (const { l } of order) {
    if (pages.length > 0 && rng() < 0.15) pages.push(noisePage(pages.length, rng))
    const shift = pages.length
    for (const p of l.pages) pages.push({ ...p, index: p.index + shift })
    const move = <T extends { page: number }>(x: T): T => ({ ...x, page: x.page + shift })
    for (const c of l.corrections) corrections.push(move(c))
    const d = l.document
    documents.push({
      ...d,
      pages: d.pages.map((p) => p + shift),
      annotations: d.annotations.map(move),
      redactions: d.redactions.map(move),
      blocks: d.blocks.map((b) => ({ ...b, tokens: b.tokens.map(move) })),
    })
    if (rng() < 0.5) {
      issues.push({ severity: 'warning', source: 'ocr', ruleId: 'low-confidence', message: `low OCR confidence on page ${shift + 2}${hostile ? ' ' + HOSTILE_PAYLOADS[1] : ''}`, page: shift + Math.min(1, l.pages.length - 1) })
    }
  }
  // Diffs were made on unshifted pages: move their places too.
  const shiftOf = new Map<string, number>()
  for (const d of documents) shiftOf.set(d.id, d.pages[0]!)
  for (const diff of diffs) {
    const so = shiftOf.get(diff.old.id)!
    const sn = shiftOf.get(diff.new.id)!
    for (const ch of diff.changes) {
      if (ch.oldPlace) ch.oldPlace = { ...ch.oldPlace, page: ch.oldPlace.page + so }
      if (ch.newPlace) ch.newPlace = { ...ch.newPlace, page: ch.newPlace.page + sn }
      for (const w of ch.words ?? []) {
        if (w.old) w.old = { ...w.old, page: w.old.page + so }
        if (w.new) w.new = { ...w.new, page: w.new.page + sn }
      }
    }
  }
  pages.push(noisePage(pages.length, rng))
  return { version: 1, pages, documents, groups, versions, diffs, corrections, issues }
}

function noisePage(index: number, rng: Rng): Page {
  const source = rng() < 0.5 ? String(int(rng, 2, 9)) + '\n' : ' \n'
  return { index, source, method: 'text', document: null, pageOfDocument: null, furniture: [{ start: 0, end: source.trimEnd().length, kind: 'noise' }] }
}

function isoDate(rng: Rng, after?: string): string {
  const base = after ? new Date(after + 'T00:00:00Z').getTime() : Date.UTC(2022 + int(rng, 0, 2), int(rng, 0, 11), int(rng, 1, 28))
  const d = new Date(base + (after ? int(rng, 20, 80) * 86400000 : 0))
  return d.toISOString().slice(0, 10)
}

function dossierVersions(rng: Rng, dossier: number, n: number, hostile: boolean): VersionSpec[] {
  const topic = TOPICS[dossier % TOPICS.length]![0]
  let key = 0
  const k = (): string => `b${key++}`
  const para = (count: number): BlockSpec => ({ key: k(), kind: 'paragraph', level: 0, text: Array.from({ length: count }, () => pick(rng, SENTENCES)).join(' ') })
  const head = (text: string): BlockSpec => ({ key: k(), kind: 'heading', level: 2, text })
  const blocks: BlockSpec[] = [head('Aanleiding'), para(int(rng, 2, 4)), para(int(rng, 1, 3)), head('Geadviseerd besluit'), para(1), head('Kernpunten')]
  for (let i = int(rng, 3, 6); i > 0; i--) {
    blocks.push({ key: k(), kind: 'bullet', level: 1, text: pick(rng, SENTENCES) + ' ' + pick(rng, SENTENCES) })
    if (rng() < 0.3) for (let j = int(rng, 2, 3); j > 0; j--) blocks.push({ key: k(), kind: 'bullet', level: 2, text: pick(rng, BULLETS) })
  }
  blocks.push(head('Toelichting'))
  for (let i = int(rng, 1, 4 + (dossier % 5)); i > 0; i--) blocks.push(para(int(rng, 2, 5)))
  blocks.push({ key: k(), kind: 'numbered', level: 0, marker: '1.', text: pick(rng, SENTENCES) })
  blocks.push({ key: k(), kind: 'numbered', level: 0, marker: '2.', text: pick(rng, SENTENCES) })
  blocks.push(head('Bijlagen'))
  blocks.push({ key: k(), kind: 'table-row', level: 0, text: '', cells: ['Volgnummer', 'Naam', 'Actie'] })
  for (let i = 1; i <= int(rng, 2, 3); i++) {
    blocks.push({ key: k(), kind: 'table-row', level: 0, text: '', cells: [String(i), i === 1 ? `Brief aan de Kamer over ${topic}` : `Achtergrondnotitie ${i}`, i === 1 ? 'Verzenden aan TK' : 'Ter informatie'] })
  }
  if (hostile) {
    blocks.splice(2, 0, { key: k(), kind: 'paragraph', level: 0, text: `Zie ${HOSTILE_PAYLOADS.join(' en ')} in de bijlage.` })
    blocks.push({ key: k(), kind: 'table-row', level: 0, text: '', cells: ['9', HOSTILE_PAYLOADS[0]!, HOSTILE_PAYLOADS[1]!] })
  }
  for (const b of blocks) if (b.cells) b.text = b.cells.join(' ')

  const capital = topic.charAt(0).toUpperCase() + topic.slice(1)
  const titles = [`Hoofdlijnen kabinetsreactie op ${topic}`, `Kabinetsreactie op ${topic}`, `Aanpassingen kabinetsreactie op ${topic}`]
  if (n === 1) titles[0] = capital
  const out: VersionSpec[] = []
  let date = isoDate(rng)
  const year = date.slice(0, 4)
  let current = blocks
  for (let v = 0; v < n; v++) {
    if (v > 0) {
      date = isoDate(rng, date)
      current = mutate(rng, current, k)
    }
    const noisy = new Set<string>()
    if (v > 0) for (const b of current) if (b.kind === 'paragraph' && rng() < 0.12) noisy.add(b.key)
    if (v > 0 && noisy.size === 0) noisy.add(current.find((b) => b.kind === 'paragraph')!.key)
    out.push({
      date,
      title: (titles[v] ?? titles[2]!) + (hostile ? ' ' + HOSTILE_PAYLOADS[2] : ''),
      status: pick(rng, STATUSES),
      reference: `${year}-${String(int(rng, 1000, 99999)).padStart(7, '0')}`,
      blocks: current,
      noisy,
    })
  }
  return out
}

/** The next version: some blocks edited, one added, one removed, one moved. */
function mutate(rng: Rng, blocks: BlockSpec[], k: () => string): BlockSpec[] {
  const next = blocks.map((b) => ({ ...b }))
  const prose = (): number[] => next.map((b, i) => (b.kind === 'paragraph' || (b.kind === 'bullet' && b.level === 1) ? i : -1)).filter((i) => i >= 0)
  for (let e = int(rng, 2, 3); e > 0; e--) {
    const b = next[pick(rng, prose())]!
    const words = b.text.split(' ')
    const at = int(rng, 0, words.length - 1)
    if (rng() < 0.5) words.splice(at, 1, ...pick(rng, EXTRA).replace(/\.$/, '').toLowerCase().split(' ').slice(0, int(rng, 1, 5)))
    else words.splice(at, int(rng, 1, 3))
    b.text = words.join(' ') || 'Vervallen.'
  }
  // Remove a block, never a bullet that carries sub-bullets.
  const removable = prose().filter((i) => next[i + 1]?.level !== 2)
  next.splice(pick(rng, removable), 1)
  const add = pick(rng, prose().filter((i) => next[i + 1]?.level !== 2))
  next.splice(add + 1, 0, { key: k(), kind: next[add]!.kind, level: next[add]!.level, text: pick(rng, EXTRA) + ' ' + pick(rng, SENTENCES) })
  // Move a top-level bullet without sub-bullets out of its list.
  const bullets = next.map((b, i) => (b.kind === 'bullet' && b.level === 1 && next[i + 1]?.level !== 2 ? i : -1)).filter((i) => i >= 0)
  if (bullets.length >= 2) {
    const from = bullets[bullets.length - 1]!
    const [moved] = next.splice(from, 1)
    const to = next.findIndex((b) => b.kind === 'heading' && b.text === 'Toelichting')
    next.splice(to + 1, 0, { ...moved!, kind: 'paragraph', level: 0 })
  }
  return next
}

/** One copy of one version, laid out on pages with furniture, OCR damage and notes. */
function layOut(rng: Rng, id: string, meta: Metadata, spec: VersionSpec, stamp: string | null, copyOf: string | null, hostile: boolean, annotate: boolean): Laid {
  const pages: Page[] = []
  const corrections: Correction[] = []
  const annotations: Annotation[] = []
  const redactions: Redaction[] = []
  const blocks: Block[] = []
  const keys: string[] = []
  let src = ''
  let furniture: Furniture[] = []
  let lines = 0
  const emit = (text: string, kind?: Furniture['kind'], field?: string): { start: number; end: number } => {
    const start = src.length
    src += text
    if (kind) furniture.push({ start, end: src.length, kind, ...(field ? { field } : {}) })
    src += '\n'
    lines += 1 + Math.floor(text.length / LINE)
    return { start, end: start + text.length }
  }
  const flush = (): void => {
    pages.push({ index: pages.length, source: src, method: 'text', document: id, pageOfDocument: pages.length + 1, furniture })
    src = ''
    furniture = []
    lines = 0
  }
  const [y, m, d] = meta.date!.split('-').map(Number) as [number, number, number]
  // Page 1 furniture: letterhead, sidebar fields, a stamp, the redacted sender.
  emit(' ' + meta.organisation!, 'letterhead')
  emit('')
  emit('> Retouradres Postbus 20011 2500 EA Den Haag', 'letterhead')
  emit('nota', 'title-block')
  emit('')
  emit(meta.status!, 'sidebar', 'status')
  emit('Datum', 'sidebar', 'date')
  emit(`${d} ${MONTHS[m - 1]} ${y}`, 'sidebar', 'date')
  emit('Onze referentie', 'sidebar', 'reference')
  emit(meta.reference!, 'sidebar', 'reference')
  emit('Contactpersoon', 'sidebar', 'from')
  const r1 = emit('5.1.2e')
  redactions.push({ page: 0, ...r1, ground: '5.1.2e' })
  if (stamp) emit(stamp, 'stamp')
  emit('Aan', 'title-block', 'to')
  emit(meta.to!, 'title-block', 'to')
  emit('')
  emit(meta.title!, 'title-block', 'title')
  emit('')

  let section = 0
  for (const bs of spec.blocks) {
    const words = (bs.cells ? bs.cells.join(' ') : bs.text).split(' ').filter(Boolean)
    const estimate = 2 + Math.ceil((words.join(' ').length + 4) / LINE)
    if (lines + estimate > PAGE_LINES && lines > 12) {
      emit(`Pagina ${pages.length + 1}`, 'page-number')
      flush()
      emit(' ' + meta.organisation!.split(' ').slice(0, 2).join(' '), 'header')
      emit('')
    }
    if (bs.kind === 'heading') section++
    if (annotate && section > 0 && rng() < 0.08) {
      const text = hostile ? HOSTILE_PAYLOADS[3]! : pick(rng, HANDWRITING)
      const a = emit(text)
      annotations.push({ page: pages.length, ...a, text })
    }
    if (bs.kind === 'paragraph' && rng() < 0.05) {
      const r = emit('5.1.2e')
      redactions.push({ page: pages.length, ...r, ground: '5.1.2e' })
    }
    const tokens: Token[] = []
    let prefix = ''
    if (bs.kind === 'bullet') prefix = bs.level === 1 ? '• ' : '  o '
    if (bs.kind === 'numbered') prefix = bs.marker + ' '
    src += prefix
    let col = prefix.length
    const cellEnds = new Set<number>()
    if (bs.cells) {
      let n = 0
      for (const c of bs.cells) cellEnds.add((n += c.split(' ').filter(Boolean).length) - 1)
    }
    const cells = bs.cells?.map((c) => c.split(' ').filter(Boolean).length)
    for (let w = 0; w < words.length; w++) {
      const word = words[w]!
      if (w > 0) {
        const sep = bs.cells && cellEnds.has(w - 1) ? '   ' : ' '
        if (col + sep.length + word.length > LINE && !bs.cells) {
          src += '\n'
          lines++
          col = 0
        } else {
          src += sep
          col += sep.length
        }
      }
      let printed = word
      let rule = ''
      const roll = rng()
      if (word.length > 3 && roll < 0.035) {
        printed = damage(rng, word)
        rule = 'confusion'
      } else if (word.length > 8 && roll < 0.045 && !bs.cells) {
        const cut = int(rng, 3, word.length - 4)
        printed = word.slice(0, cut) + '-\n' + word.slice(cut)
        rule = 'hyphen'
      }
      const start = src.length
      src += printed
      col = printed.includes('\n') ? printed.length - printed.indexOf('\n') - 1 : col + printed.length
      tokens.push({ text: word, page: pages.length, start, end: src.length })
      if (rule && printed !== word) {
        corrections.push({ page: pages.length, start, end: src.length, before: printed, after: word, rule, confidence: Math.round((0.7 + rng() * 0.29) * 100) / 100 })
      }
    }
    src += '\n\n'
    lines += 2 + Math.floor(col / LINE)
    const block: Block = { kind: bs.kind, level: bs.level, tokens }
    if (cells) block.cells = cells
    if (bs.marker) block.marker = bs.marker
    blocks.push(block)
    keys.push(bs.key)
  }
  emit(`Pagina ${pages.length + 1}`, 'page-number')
  flush()
  // Uncorrected residual OCR errors in "noisy" blocks: what a diff must class as noise.
  for (let i = 0; i < blocks.length; i++) {
    if (!spec.noisy.has(keys[i]!)) continue
    const t = blocks[i]!.tokens.find((x) => x.text.length > 5 && !/[^a-z]/.test(x.text))
    if (t) t.text = damage(rng, t.text)
  }
  const text = blocks.map(blockText).join('\n\n')
  const document: Document = {
    id,
    pages: pages.map((p) => p.index),
    metadata: meta,
    uncertain: rng() < 0.3 ? ['reference'] : [],
    copy: stamp,
    text,
    markdown: toMarkdown(meta, id, blocks),
    copyOf,
    annotations,
    redactions,
    blocks,
  }
  return { document, pages, corrections, keys }
}

function damage(rng: Rng, word: string): string {
  const options = CONFUSIONS.filter(([re]) => re.test(word))
  if (options.length === 0) return word.slice(0, -1) + '.'
  const [re, to] = pick(rng, options)
  const out = word.replace(re, to)
  return out === word ? word + 'l' : out
}

export function blockText(b: Block): string {
  return b.tokens.map((t) => t.text).join(' ')
}

function toMarkdown(meta: Metadata, id: string, blocks: Block[]): string {
  const out = ['---', `id: ${id}`, ...Object.entries(meta).map(([k, v]) => `${k}: ${v === null ? 'null' : JSON.stringify(v)}`), '---', '']
  let inTable = false
  for (const b of blocks) {
    const text = blockText(b)
    if (b.kind === 'table-row') {
      let at = 0
      const cells = (b.cells ?? [b.tokens.length]).map((n) => b.tokens.slice(at, (at += n)).map((t) => t.text).join(' '))
      out.push(`| ${cells.join(' | ')} |`)
      if (!inTable) out.push(`|${cells.map(() => '---').join('|')}|`)
      inTable = true
      continue
    }
    if (inTable) out.push('')
    inTable = false
    if (b.kind === 'heading') out.push(`${'#'.repeat(b.level)} ${text}`, '')
    else if (b.kind === 'bullet') out.push(`${b.level === 2 ? '  ' : ''}- ${text}`)
    else if (b.kind === 'numbered') out.push(`${b.marker} ${text}`, '')
    else out.push(text, '')
  }
  return out.join('\n').trimEnd() + '\n'
}

// ---------------------------------------------------------------------------
// Diffs: the builder knows which block became which (by key), so its changes are
// the truth the report must show.

function diffOf(a: Laid, b: Laid, va: VersionSpec, vb: VersionSpec): Diff {
  const changes: Change[] = []
  const metaKeys: Array<keyof Metadata> = ['title', 'date', 'status', 'reference']
  for (const field of metaKeys) {
    const o = a.document.metadata[field]
    const n = b.document.metadata[field]
    if (o !== n) changes.push({ kind: 'metadata', field, section: { old: null, new: null }, old: String(o), new: String(n), noise: false, uncertain: false })
  }
  const oldIndex = new Map(a.keys.map((k, i) => [k, i]))
  const newIndex = new Map(b.keys.map((k, i) => [k, i]))
  const sectionOf = (doc: Document, i: number): string | null => {
    for (let j = i; j >= 0; j--) if (doc.blocks[j]!.kind === 'heading') return blockText(doc.blocks[j]!)
    return null
  }
  // Removed, in old order.
  for (const [key, i] of oldIndex) {
    if (newIndex.has(key)) continue
    const ob = a.document.blocks[i]!
    changes.push({ kind: 'removed', section: { old: sectionOf(a.document, i), new: null }, old: blockText(ob), new: null, noise: false, uncertain: false, oldPlace: placeOf(ob) })
  }
  // Kept keys in new order: moved when their section changed, else changed when text differs.
  for (const [key, j] of newIndex) {
    const nb = b.document.blocks[j]!
    const i = oldIndex.get(key)
    const section = { old: i === undefined ? null : sectionOf(a.document, i), new: sectionOf(b.document, j) }
    if (i === undefined) {
      changes.push({ kind: 'added', section, old: null, new: blockText(nb), noise: false, uncertain: false, newPlace: placeOf(nb) })
      continue
    }
    const ob = a.document.blocks[i]!
    const ot = blockText(ob)
    const nt = blockText(nb)
    const moved = section.old !== section.new
    if (ot === nt && !moved) continue
    const specChanged = (va.blocks.find((x) => x.key === key)?.text ?? '') !== (vb.blocks.find((x) => x.key === key)?.text ?? '')
    const noise = !moved && !specChanged
    changes.push({
      kind: moved ? 'moved' : 'changed',
      section,
      old: ot,
      new: nt,
      noise,
      uncertain: noise || rng01(ot + nt) < 0.1,
      words: wordOps(ob.tokens, nb.tokens),
      oldPlace: placeOf(ob),
      newPlace: placeOf(nb),
    })
  }
  const summary = { added: 0, removed: 0, changed: 0, moved: 0, metadata: 0, noise: 0 }
  for (const c of changes) {
    if (c.noise) summary.noise++
    else summary[c.kind]++
  }
  return { old: { id: a.document.id, metadata: a.document.metadata }, new: { id: b.document.id, metadata: b.document.metadata }, summary, changes }
}

function rng01(s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return (h >>> 0) / 4294967296
}

function placeOf(b: Block): Place {
  const first = b.tokens[0]!
  const last = [...b.tokens].reverse().find((t) => t.page === first.page) ?? first
  return { page: first.page, start: first.start, end: last.end }
}

function wordOps(a: Token[], b: Token[]): WordOp[] {
  const n = a.length
  const m = b.length
  const dp: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1))
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i]![j] = a[i]!.text === b[j]!.text ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!)
  const ops: WordOp[] = []
  const at = (t: Token): Place => ({ page: t.page, start: t.start, end: t.end })
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && a[i]!.text === b[j]!.text) {
      ops.push({ op: 'equal', text: a[i]!.text, old: at(a[i]!), new: at(b[j]!) })
      i++
      j++
    } else if (j < m && (i >= n || dp[i]![j + 1]! >= dp[i + 1]![j]!)) {
      ops.push({ op: 'insert', text: b[j]!.text, new: at(b[j]!) })
      j++
    } else {
      ops.push({ op: 'delete', text: a[i]!.text, old: at(a[i]!) })
      i++
    }
  }
  return ops
}
