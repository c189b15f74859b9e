// The segmenter on whole releases: the seed against corpus/gold/pages.tsv, and
// synthetic releases from scripts/gen-release.ts against their own truth.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { analyzeLayout } from '../src/layout/index.js'
import { readText } from '../src/pages/index.js'
import { segmentRelease } from '../src/segment/index.js'
import { generateRelease } from '../scripts/gen-release.js'

const corpus = new URL('../corpus/', import.meta.url)

/** Page groups as lists of 1-based truth page numbers, noise pages apart. */
function groups(assign: Array<string | null>): { docs: number[][]; noise: number[] } {
  const byKey = new Map<string, number[]>()
  const noise: number[] = []
  assign.forEach((key, i) => {
    if (key === null) noise.push(i + 1)
    else byKey.set(key, [...(byKey.get(key) ?? []), i + 1])
  })
  return { docs: [...byKey.values()], noise }
}

function segmentText(text: string) {
  const pages = readText(new TextEncoder().encode(text), 'test').value
  const seg = segmentRelease(pages, pages.map((p) => analyzeLayout(p)))
  const assign: Array<string | null> = pages.map(() => null)
  seg.documents.forEach((d) => d.pages.forEach((p) => (assign[p] = d.id)))
  return { pages, seg, assign }
}

describe('the seed release', () => {
  it('reproduces the page grouping of corpus/gold/pages.tsv', () => {
    const text = readFileSync(new URL('000_13cc09d959e3939d.txt', corpus), 'utf8')
    const rows = readFileSync(new URL('gold/pages.tsv', corpus), 'utf8').split('\n').filter((l) => /^\d/.test(l)).map((l) => l.split('\t'))
    const truth = rows.map(([, , , doc, copy]) => (doc === '-' ? null : `${doc}#${copy}`))
    const { pages, seg, assign } = segmentText(text)
    expect(pages).toHaveLength(rows.length)
    expect(groups(assign)).toEqual(groups(truth))
    // Every document's date is the gold date or a flagged damaged read.
    for (const d of seg.documents) {
      const gold = truth[d.pages[0]!]!.slice(5, 15)
      if (d.metadata.date !== gold) expect(d.uncertain).toContain('date')
    }
    expect(seg.noisePages.map((p) => p + 1)).toEqual(rows.filter((r) => r[3] === '-').map((r) => Number(r[0])))
  })
})

describe('synthetic releases', () => {
  it('are deterministic per seed', () => {
    expect(generateRelease(7).text).toBe(generateRelease(7).text)
    expect(generateRelease(7).text).not.toBe(generateRelease(8).text)
  })

  it('cover every line with exactly one truth page', () => {
    const r = generateRelease(3)
    const lines = r.text.split('\n').length
    expect(r.pages[0]!.firstLine).toBe(1)
    expect(r.pages.at(-1)!.lastLine).toBe(lines)
    for (let i = 1; i < r.pages.length; i++) expect(r.pages[i]!.firstLine).toBe(r.pages[i - 1]!.lastLine + 1)
  })

  it.each([101, 102, 103, 104, 105, 106])('seed %i: documents match the truth when page breaks are given', (seed) => {
    const r = generateRelease(seed)
    const lines = r.text.split('\n')
    const ends = new Set(r.pages.map((p) => p.lastLine))
    const text = lines.map((l, i) => l + (i === lines.length - 1 ? '' : ends.has(i + 1) ? '\f' : '\n')).join('')
    const { seg, assign } = segmentText(text)
    expect(groups(assign)).toEqual(groups(r.pages.map((p) => p.instance)))
    const kinds = seg.documents.map((d) => d.metadata.kind)
    const truthKinds = [...new Map(r.pages.filter((p) => p.instance).map((p) => [p.instance, p.kind])).values()]
    expect(kinds).toEqual(truthKinds)
  })
})
