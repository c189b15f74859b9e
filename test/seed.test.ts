// The seed release end to end: pages to documents as corpus/gold/pages.tsv says,
// metadata as the gold front matter says, and the clean-up's CER against the gold.
import { describe, expect, it } from 'vitest'
import { readFileSync, readdirSync } from 'node:fs'
import { release } from '../src/release.js'
import { evaluate } from '../src/eval/index.js'
import { parseMarkdown } from '../src/parse/markdown.js'

const SEED = 'corpus/000_13cc09d959e3939d.txt'
const bytes = readFileSync(SEED)
const golds = readdirSync('corpus/gold').filter((f) => f.endsWith('.md')).map((f) => ({ name: f, markdown: readFileSync(`corpus/gold/${f}`, 'utf8') }))
const rows = readFileSync('corpus/gold/pages.tsv', 'utf8').split('\n').filter((l) => /^\d+\t/.test(l)).map((l) => l.split('\t'))
const result = release({ name: SEED, data: bytes })
const value = result.value

describe('seed release', () => {
  it('groups pages into documents exactly as pages.tsv', () => {
    // Each gold copy is a run of pages; compare as sets of page sets.
    const gold = new Map<string, number[]>()
    let copy = 0
    let last = ''
    for (const [page, , , doc, label] of rows) {
      if (doc === '-') continue
      const key = `${doc}|${label}`
      if (key !== last) copy++
      last = key
      gold.set(`${copy}`, [...(gold.get(`${copy}`) ?? []), Number(page) - 1])
    }
    const expected = [...gold.values()].map((pages) => pages.join(',')).sort()
    const actual = value.documents.map((doc) => doc.pages.join(',')).sort()
    expect(actual).toEqual(expected)
    const noise = value.pages.filter((page) => page.document === null).map((page) => page.index + 1)
    expect(noise).toEqual(rows.filter((r) => r[3] === '-').map((r) => Number(r[0])))
  })

  it('reads each copy’s metadata as the gold front matter where the copy shows its title block', () => {
    for (const doc of value.documents) {
      const gold = golds.map((g) => parseMarkdown(g.markdown)).find((g) => g.metadata.date === doc.metadata.date)
      expect(gold, doc.id).toBeDefined()
      for (const key of ['kind', 'title', 'to', 'date', 'status', 'organisation', 'directorate', 'reference', 'attachments_count', 'from', 'subject'] as const) {
        expect(doc.metadata[key], `${doc.id} ${key}`).toBe(gold!.metadata[key])
      }
    }
  })

  it('halves every copy’s CER at least, and stays under 2%', () => {
    const scores = evaluate(value, golds).value.documents.filter((d) => !d.id.startsWith('consensus:'))
    expect(scores).toHaveLength(6)
    for (const score of scores) {
      expect(score.cer, score.id).toBeLessThanOrEqual(score.cerBefore / 2)
      expect(score.cer, score.id).toBeLessThan(0.02)
    }
  })

  it('keeps page sources verbatim and in order, and furniture spans inside them', () => {
    expect(value.pages.map((p) => p.source).join('')).toBe(bytes.toString('utf8'))
    for (const page of value.pages) {
      for (const span of page.furniture) {
        expect(span.end).toBeLessThanOrEqual(page.source.length)
        expect(page.source.slice(span.start, span.end).trim().length).toBeGreaterThan(0)
      }
    }
  })

  it('leaves no sidebar label, date stamp or handwriting residue in any body', () => {
    for (const doc of value.documents) {
      expect(doc.text, doc.id).not.toMatch(/\b(?:Onze referentie|Opgesteld door|Tweede contactpersoon|Bijlage\(n\)|TER BESLISSING|Pagina \d+ van \d+)\b/)
      expect(doc.text, doc.id).not.toMatch(/[\\{}@%|~]/)
      expect(doc.text, doc.id).not.toMatch(/\bDatum\b/)
    }
  })
})
