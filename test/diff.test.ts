import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { diffChain, diffDocuments, mirrorDiff, type DiffInput } from '../src/diff/index.js'
import { parseMarkdown } from '../src/parse/markdown.js'
import { renderDiffMarkdown } from '../src/report/diff-md.js'
import { renderDiffText } from '../src/report/diff-text.js'
import type { Block, Change, Diff, Metadata, Token, WordOp } from '../src/types.js'
import { loadNotes, noisyCopy, toDocument, type Note } from '../scripts/eval-diff.js'
import { mulberry32 } from '../scripts/lib/ocr-noise.js'

const goldDir = join(import.meta.dirname, '..', 'corpus', 'gold')
const goldFiles = readdirSync(goldDir).filter((f) => f.endsWith('.md')).sort()

function gold(file: string): DiffInput & { source: string } {
  const parsed = parseMarkdown(readFileSync(join(goldDir, file), 'utf8'))
  return { id: parsed.id ?? file, metadata: parsed.metadata, blocks: parsed.blocks, source: parsed.source }
}

const META: Metadata = {
  kind: 'nota', title: 'Een nota', to: null, date: '2024-01-19', organisation: 'Ministerie van Sociale Zaken en Werkgelegenheid',
  directorate: null, reference: null, status: 'TER BESLISSING', attachments_count: null, from: null, subject: null,
}

/** A document from lines: `## Heading`, `- bullet`, anything else a paragraph; tokens point into the joined text. */
function doc(id: string, lines: string[], metadata: Metadata = META): DiffInput {
  const blocks: Block[] = []
  let offset = 0
  for (const line of lines) {
    let kind: Block['kind'] = 'paragraph'
    let level = 0
    let body = line
    if (line.startsWith('## ')) {
      kind = 'heading'
      level = 2
      body = line.slice(3)
      offset += 3
    } else if (line.startsWith('- ')) {
      kind = 'bullet'
      level = 1
      body = line.slice(2)
      offset += 2
    }
    const tokens: Token[] = []
    for (const match of body.matchAll(/\S+/g)) tokens.push({ text: match[0], page: 0, start: offset + match.index!, end: offset + match.index! + match[0].length })
    offset += body.length + 1
    blocks.push({ kind, level, tokens })
  }
  return { id, metadata, blocks }
}

const visible = (diff: Diff) => diff.changes.filter((c) => !c.noise)
const body = (diff: Diff) => diff.changes.filter((c) => c.kind !== 'metadata')

const BASE = [
  '## Aanleiding',
  'Op 12 oktober 2023 is het rapport gepubliceerd en de Kamercommissie heeft u verzocht om een reactie op dit rapport.',
  'Met deze nota leggen wij de reactie ter besluitvorming aan u voor.',
  '## Kernpunten',
  '- De bevindingen uit het rapport zijn herkenbaar en sluiten aan bij eerder onderzoek.',
  '- Voor de menselijke maat sluiten we aan bij de definitie van de Kamer en het beleid van het kabinet.',
  '- Het budget bedraagt 215 miljoen euro per jaar en wordt niet verhoogd.',
  '- De uitvoering ligt bij de Rijksdienst voor Ondernemend Nederland.',
  '## Vervolg',
  'Na uw akkoord sturen wij de brief voor het zomerreces naar de Kamer.',
]

describe('diffDocuments', () => {
  it('finds no changes between a document and itself', () => {
    for (const file of goldFiles) {
      const a = gold(file)
      const diff = diffDocuments(a, a, { includeNoise: true })
      expect(diff.changes).toEqual([])
      expect(diff.summary).toEqual({ added: 0, removed: 0, changed: 0, moved: 0, metadata: 0, noise: 0 })
      expect(diff.old.id).toBe(a.id)
    }
  })

  it('reports a replaced word with its places in both sources', () => {
    const a = gold(goldFiles[1]!)
    const b = gold(goldFiles[1]!)
    const block = b.blocks.findIndex((x) => x.kind === 'paragraph' && x.tokens.length > 10)
    const tokens = b.blocks[block]!.tokens
    const at = tokens.findIndex((t) => /^\p{Ll}{5,}$/u.test(t.text))
    const replaced = tokens[at]!
    b.blocks[block] = { ...b.blocks[block]!, tokens: tokens.map((t, k) => (k === at ? { ...t, text: 'ombuigingen' } : t)) }
    const diff = diffDocuments(a, b)
    expect(diff.summary).toEqual({ added: 0, removed: 0, changed: 1, moved: 0, metadata: 0, noise: 0 })
    const change = diff.changes[0]!
    expect(change.kind).toBe('changed')
    const edits = change.words!.filter((w) => w.op !== 'equal')
    expect(edits).toEqual([
      { op: 'delete', text: replaced.text, old: { page: 0, start: replaced.start, end: replaced.end } },
      { op: 'insert', text: 'ombuigingen', new: { page: 0, start: replaced.start, end: replaced.end } },
    ])
    expect(a.source.slice(edits[0]!.old!.start, edits[0]!.old!.end)).toBe(replaced.text)
    // Equal words keep both places too.
    const equal = change.words!.find((w) => w.op === 'equal')!
    expect(a.source.slice(equal.old!.start, equal.old!.end).split(/\s+/).join(' ')).toBe(equal.text)
  })

  it('diffs metadata field by field and marks fields read from damaged OCR uncertain', () => {
    const a = { ...doc('a', BASE), uncertain: ['date'] }
    const b = doc('b', BASE, { ...META, date: '2024-02-13', attachments_count: 2 })
    const diff = diffDocuments(a, b)
    expect(diff.changes).toEqual([
      { kind: 'metadata', field: 'date', section: { old: null, new: null }, old: '2024-01-19', new: '2024-02-13', noise: false, uncertain: true },
      { kind: 'metadata', field: 'attachments_count', section: { old: null, new: null }, old: null, new: '2', noise: false, uncertain: false },
    ])
    expect(diff.summary.metadata).toBe(2)
  })

  it('recognises a moved paragraph, also when it changed on the way', () => {
    const moved = [...BASE]
    const [paragraph] = moved.splice(1, 1)
    moved.splice(8, 0, paragraph!.replace('gepubliceerd', 'uitgebracht'))
    const diff = diffDocuments(doc('a', BASE), doc('b', moved))
    expect(diff.summary).toMatchObject({ added: 0, removed: 0, changed: 0, moved: 1 })
    const change = diff.changes[0]!
    expect(change.kind).toBe('moved')
    expect(change.section).toEqual({ old: 'Aanleiding', new: 'Vervolg' })
    expect(change.words!.filter((w) => w.op !== 'equal').map((w) => [w.op, w.text])).toEqual([
      ['delete', 'gepubliceerd'],
      ['insert', 'uitgebracht'],
    ])
  })

  it('reports added and removed bullets in their section', () => {
    const b = [...BASE]
    b.splice(6, 1)
    b.splice(4, 0, '- Gemeenten vragen om een vast fonds voor toekomstige rampen en om minder administratieve lasten.')
    const diff = diffDocuments(doc('a', BASE), doc('b', b))
    // Neighbouring removals and additions: removals first (the symmetric ordering rule).
    expect(diff.changes.map((c) => [c.kind, c.section.old, c.section.new])).toEqual([
      ['removed', 'Kernpunten', 'Kernpunten'],
      ['added', 'Kernpunten', 'Kernpunten'],
    ])
    expect(diff.changes[0]!.old).toBe(BASE[6]!.slice(2))
  })

  it('aligns sections by heading fuzzily (`Ker npunten` is `Kernpunten`)', () => {
    const b = BASE.map((line) => (line === '## Kernpunten' ? '## Ker npunten' : line))
    const diff = diffDocuments(doc('a', BASE), doc('b', b), { includeNoise: true })
    expect(visible(diff)).toEqual([])
    expect(diff.changes).toHaveLength(1)
    expect(diff.changes[0]).toMatchObject({ kind: 'changed', noise: true, section: { old: 'Kernpunten', new: 'Ker npunten' } })
    // A real bullet change in the fuzzily aligned section keeps its section names.
    b[5] = b[5]!.replace('beleid', 'besluit')
    const changed = diffDocuments(doc('a', BASE), doc('b', b))
    expect(changed.changes).toHaveLength(1)
    expect(changed.changes[0]!.section).toEqual({ old: 'Kernpunten', new: 'Ker npunten' })
  })

  it('keeps OCR noise out of the way: accents, shape-alikes, split words, sidebar bleed, debris', () => {
    const noisy = [...BASE]
    noisy[1] = 'Op 12 oktober 2023 is het rapport gepub liceerd en de Karnercommissie heeft u verzocht om een reactie op dit rapport.'
    noisy[2] = 'Met deze nota leggen wij de reactie ter besluitvorming Datum 19 januari 2024 aan u voor.'
    noisy[5] = '- Voor de menselijke maat sluiten we aan bij de definitie van de Kamer en het béleid van het kabinet. (//}\'\\/ E WM'
    noisy[7] = '- De uitvoering l1gt bij de Rijksdienst voor 0ndernemend Nederland. Werkgelegenheid'
    const diff = diffDocuments(doc('a', BASE), doc('b', noisy), { includeNoise: true })
    expect(visible(diff)).toEqual([])
    expect(diff.summary.noise).toBe(4)
    expect(diff.changes.every((c) => c.noise && c.kind === 'changed')).toBe(true)
    // Hidden by default, but counted.
    const hidden = diffDocuments(doc('a', BASE), doc('b', noisy))
    expect(hidden.changes).toEqual([])
    expect(hidden.summary.noise).toBe(4)
  })

  it('takes a word read out of order and a lost heading number for noise, not a moved number', () => {
    const a = doc('a', ['## 2. Vervolg', 'Met deze nota leggen wij de reactie ter besluitvorming aan u voor.'])
    const b = doc('b', ['## Vervolg', 'Met aan deze nota leggen wij de reactie ter besluitvorming u voor.'])
    const diff = diffDocuments(a, b, { includeNoise: true })
    expect(visible(diff)).toEqual([])
    expect(diff.summary.noise).toBe(2)
    // A number that moves inside a sentence stays visible.
    const moved = diffDocuments(doc('a', ['Het budget van 12 miljoen geldt voor 2024 en later.']), doc('b', ['Het budget van miljoen geldt voor 12 2024 en later.']))
    expect(moved.changes).toHaveLength(1)
  })

  it('never hides a change of number, date or negation as noise', () => {
    const cases: Array<[number, string]> = [
      [6, '- Het budget bedraagt 216 miljoen euro per jaar en wordt niet verhoogd.'],
      [6, '- Het budget bedraagt 215 miljoen euro per jaar en wordt verhoogd.'],
      [1, 'Op 12 november 2023 is het rapport gepubliceerd en de Kamercommissie heeft u verzocht om een reactie op dit rapport.'],
      [1, 'Op 12 oktober 2024 is het rapport gepubliceerd en de Kamercommissie heeft u verzocht om een reactie op dit rapport.'],
      [2, 'Met deze nota leggen wij de reactie niet ter besluitvorming aan u voor.'],
      [4, '- De bevindingen uit het rapport zijn geen herkenbaar en sluiten aan bij eerder onderzoek.'],
    ]
    for (const [line, text] of cases) {
      const b = [...BASE]
      b[line] = text
      const diff = diffDocuments(doc('a', BASE), doc('b', b), { includeNoise: true })
      expect(diff.changes, text).toHaveLength(1)
      expect(diff.changes[0], text).toMatchObject({ kind: 'changed', noise: false })
    }
  })

  it('shows a number change next to OCR damage as uncertain', () => {
    const a = doc('a', ['Het advies is gedateerd 19 januari 2024 en getekend.'])
    const b = doc('b', ['Het advies is gedateerd 13 januari:2024 en getekend.'])
    const diff = diffDocuments(a, b, { includeNoise: true })
    expect(diff.changes).toHaveLength(1)
    expect(diff.changes[0]).toMatchObject({ kind: 'changed', noise: false, uncertain: true })
    // The same number change in clean text is certain.
    const clean = diffDocuments(a, doc('b', ['Het advies is gedateerd 13 januari 2024 en getekend.']))
    expect(clean.changes[0]).toMatchObject({ kind: 'changed', noise: false, uncertain: false })
  })

  it('keeps a noise-only difference of a negation hidden but a real one shown', () => {
    const a = doc('a', ['Wij adviseren u daar nu niet op in te gaan.'])
    expect(visible(diffDocuments(a, doc('b', ['Wij adviseren u daar nu nlet op in te gaan.'])))).toEqual([])
    expect(visible(diffDocuments(a, doc('b', ['Wij adviseren u daar nu wel op in te gaan.'])))).toHaveLength(1)
  })

  it('finds no real changes between two OCR-noised copies of each gold note', () => {
    const notes = loadNotes().slice(0, goldFiles.length)
    let changes = 0
    const seen: string[] = []
    for (const [n, note] of notes.entries()) {
      for (let seed = 1; seed <= 3; seed++) {
        const rng = mulberry32(1000 * seed + n)
        const a = toDocument(note.id, note.metadata, noisyCopy(note, note.blocks, rng)).doc
        const b = toDocument(note.id + '~2', note.metadata, noisyCopy(note, note.blocks, rng)).doc
        const diff = diffDocuments(a, b)
        expect(diff.summary.noise).toBeGreaterThan(0)
        changes += body(diff).length
        for (const c of body(diff)) seen.push(`${note.id}/${seed}: ${c.old} => ${c.new}`)
      }
    }
    // Seeded material: measured 0 here; a regression shows the changes it found.
    expect(seen).toEqual([])
    expect(changes).toBe(0)
  })

  it('mirrors: diff(b, a) is diff(a, b) with old and new swapped', () => {
    const words = ['de', 'het', 'rapport', 'kabinet', 'niet', 'budget', '12', '2024', 'Kamer', 'beleid', 'béleid', 'uitvoering', 'gemeenten', 'Datum', 'maart', 'geen']
    const line = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '))
    const lines = fc.array(
      fc.oneof(line, line.map((l) => '- ' + l), fc.constantFrom('## Aanleiding', '## Kernpunten', '## Ker npunten', '## Vervolg')),
      { minLength: 0, maxLength: 10 },
    )
    fc.assert(
      fc.property(lines, lines, fc.boolean(), (x, y, includeNoise) => {
        const a = doc('a', x)
        const b = doc('b', y, { ...META, date: '2024-02-13' })
        const forward = diffDocuments(a, b, { includeNoise })
        const backward = diffDocuments(b, a, { includeNoise })
        expect(backward).toEqual(_mirror(forward))
        expect(mirrorDiff(forward)).toEqual(backward)
      }),
      { seed: 20240213, numRuns: 300 },
    )
  })

  it('mirrors on real notes with edits and noise', () => {
    const notes: Note[] = loadNotes()
    for (const [n, note] of notes.entries()) {
      const rng = mulberry32(77 + n)
      const a = toDocument(note.id, note.metadata, noisyCopy(note, note.blocks, rng)).doc
      const shuffled = [...note.blocks]
      shuffled.push(shuffled.splice(2, 1)[0]!)
      const b = toDocument(note.id + '-v2', note.metadata, noisyCopy(note, shuffled, rng)).doc
      expect(diffDocuments(b, a, { includeNoise: true })).toEqual(_mirror(diffDocuments(a, b, { includeNoise: true })))
    }
  })

  it('rejects wrong arguments with a TypeError', () => {
    const a = doc('a', BASE)
    expect(() => diffDocuments(null as unknown as DiffInput, a)).toThrow(TypeError)
    expect(() => diffDocuments(a, { id: 'b', metadata: META } as unknown as DiffInput)).toThrow(/blocks/)
    expect(() => diffDocuments(a, a, { includeNoise: 'yes' } as unknown as { includeNoise: boolean })).toThrow(/includeNoise/)
    expect(() => diffDocuments(a, a, { noise: true } as unknown as { includeNoise: boolean })).toThrow(/Unknown option/)
  })

  it('diffs a chain of versions in date order', () => {
    const docs = goldFiles.map(gold)
    const diffs = diffChain([docs[2]!, docs[0]!, docs[1]!])
    const byDate = [...docs].sort((x, y) => (x.metadata.date! < y.metadata.date! ? -1 : 1))
    expect(diffs.map((d) => [d.old.id, d.new.id])).toEqual([
      [byDate[0]!.id, byDate[1]!.id],
      [byDate[1]!.id, byDate[2]!.id],
    ])
    for (const d of diffs) expect(d.summary.metadata).toBeGreaterThan(0)
  })
})

describe('renderDiffText and renderDiffMarkdown', () => {
  const b = [...BASE]
  b[2] = 'Met deze nota leggen wij de reactie ter ondertekening aan u voor.'
  b.splice(9, 0, '- Een nieuwe bullet over de planning.')
  const diff = diffDocuments(doc('a', BASE), doc('b', b, { ...META, date: '2024-02-13' }))

  it('prints word markers without colour', () => {
    const text = renderDiffText(diff, { color: false })
    expect(text).toBe(
      [
        'a -> b',
        '3 changes (1 added, 0 removed, 1 changed, 0 moved, 1 metadata)',
        '',
        'Metadata',
        '  = date: [-2024-01-19-] {+2024-02-13+}',
        '',
        'Aanleiding',
        '  ~ Met deze nota leggen wij de reactie ter [-besluitvorming-] {+ondertekening+} aan u voor.  (old p. 1, new p. 1)',
        '',
        'Vervolg',
        '  + {+Een nieuwe bullet over de planning.+}  (new p. 1)',
        '',
      ].join('\n'),
    )
  })

  it('colours deleted words red and inserted words green', () => {
    const text = renderDiffText(diff, { color: true })
    expect(text).toContain('\u001b[31mbesluitvorming\u001b[0m')
    expect(text).toContain('\u001b[32mondertekening\u001b[0m')
    expect(text).not.toContain('[-')
  })

  it('writes a markdown change list', () => {
    const md = renderDiffMarkdown(diff)
    expect(md).toContain('### Aanleiding\n\n- **Changed:** Met deze nota leggen wij de reactie ter ~~besluitvorming~~ **ondertekening** aan u voor.')
    expect(md).toContain('- **date**: `2024-01-19` → `2024-02-13`')
    expect(md).toContain('### Vervolg\n\n- **Added:** Een nieuwe bullet over de planning.')
  })
})

/** Within each run of neighbouring removals and additions, removals first (stable): the symmetric ordering rule. */
function _removalsFirst<T>(items: T[], side: (item: T) => 'remove' | 'add' | null): T[] {
  const out: T[] = []
  let run: T[] = []
  const flush = () => {
    out.push(...run.filter((x) => side(x) === 'remove'), ...run.filter((x) => side(x) === 'add'))
    run = []
  }
  for (const item of items) {
    if (side(item) === null) {
      flush()
      out.push(item)
    } else run.push(item)
  }
  flush()
  return out
}

/** The mirror as the contract states it (with the symmetric ordering rule), written independently of src/diff. */
function _mirror(diff: Diff): Diff {
  const swap = (w: WordOp): WordOp => {
    const out: WordOp & { noise?: boolean } = { op: w.op === 'insert' ? 'delete' : w.op === 'delete' ? 'insert' : 'equal', text: w.text }
    if (w.new) out.old = w.new
    if (w.old) out.new = w.old
    if ((w as { noise?: boolean }).noise) out.noise = true
    return out
  }
  return {
    old: diff.new,
    new: diff.old,
    summary: { ...diff.summary, added: diff.summary.removed, removed: diff.summary.added },
    changes: _removalsFirst(diff.changes.map((c): Change => {
      const out: Change = {
        kind: c.kind === 'added' ? 'removed' : c.kind === 'removed' ? 'added' : c.kind,
        section: { old: c.section.new, new: c.section.old },
        old: c.new,
        new: c.old,
        noise: c.noise,
        uncertain: c.uncertain,
      }
      if (c.field !== undefined) out.field = c.field
      if (c.words) out.words = _removalsFirst(c.words.map(swap), (w) => (w.op === 'delete' ? 'remove' : w.op === 'insert' ? 'add' : null))
      if (c.newPlace) out.oldPlace = c.newPlace
      if (c.oldPlace) out.newPlace = c.oldPlace
      return out
    }), (c) => (c.kind === 'removed' ? 'remove' : c.kind === 'added' ? 'add' : null)),
  }
}

describe('damage beside handwriting and lost short words', () => {
  const doc = (id: string, text: string, annotations: Array<{ page: number; start: number; end: number }> = []) => {
    const { blocks } = parseMarkdown(`---\nid: ${id}\nkind: nota\n---\n\n${text}\n`)
    return { id, metadata: parseMarkdown('---\nkind: nota\n---\n').metadata, blocks, annotations }
  }

  it('hides words one copy lacks where handwriting covers its scan, and only there', () => {
    const full = 'Ook wordt het belang van contact tussen mensen en dienstverleners benadrukt.'
    const cut = 'Ook wordt het belang van contact tussen mensen en'
    const a = doc('a', cut)
    const en = a.blocks[0]!.tokens[a.blocks[0]!.tokens.length - 1]!
    const covered = { ...a, annotations: [{ page: en.page, start: en.end + 1, end: en.end + 12 }] }
    const b = doc('b', full)
    expect(diffDocuments(covered, b).summary.changed).toBe(0)
    expect(diffDocuments(b, covered).summary.changed).toBe(0)
    expect(diffDocuments(a, b).summary.changed).toBe(1)
  })

  it('hides a word the pen ran into and the words after it that it covered', () => {
    const full = 'Ook wordt het belang van contact tussen mensen en dienstverleners benadrukt.'
    const a = doc('a', 'Ook wordt het belang van contact tussen mensen en dienstverlenerg')
    const last = a.blocks[0]!.tokens[a.blocks[0]!.tokens.length - 1]!
    const covered = { ...a, annotations: [{ page: last.page, start: last.end, end: last.end + 5 }] }
    const b = doc('b', full)
    expect(diffDocuments(covered, b).summary.changed).toBe(0)
    expect(diffDocuments(b, covered).summary.changed).toBe(0)
    // Without the handwriting it is a change.
    expect(diffDocuments(a, b).summary.changed).toBe(1)
  })

  it('takes `i` for `is er een` as lost ink, but not a lost `niet`', () => {
    const a = doc('a', 'Voor de wet i alinea toegevoegd aan de brief.')
    const b = doc('b', 'Voor de wet is er een alinea toegevoegd aan de brief.')
    expect(diffDocuments(a, b).summary.changed).toBe(0)
    const c = doc('c', 'Voor de wet is niet een alinea toegevoegd aan de brief.')
    expect(diffDocuments(a, c).summary.changed).toBe(1)
  })
})
