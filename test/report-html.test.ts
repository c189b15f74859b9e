import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { HOSTILE_PAYLOADS, sampleRelease } from '../scripts/lib/sample-release.js'
import { _align, _wordDiff } from '../src/report/html-diff.js'
import { _cspHash } from '../src/report/html-sha256.js'
import { _ranges, escapeHtml, renderHtml } from '../src/report/html.js'
import type { Release } from '../src/types.js'
import { release } from '../src/release.js'

const sample = sampleRelease({ seed: 3 })
const html = renderHtml(sample)
const hostile = sampleRelease({ seed: 4, hostile: true })
const hostileHtml = renderHtml(hostile)

/** Every start tag of the page, as written. */
function startTags(page: string): string[] {
  return page.match(/<[a-z][a-z0-9]*\b[^>]*>/gi) ?? []
}

function decode(text: string): string {
  return text.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
}

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters and control characters', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;')
    expect(escapeHtml('a\u0000b\tc\nd')).toBe('a\ufffdb\tc\nd')
    expect(escapeHtml(null)).toBe('')
    expect(escapeHtml(42)).toBe('42')
  })
})

describe('_cspHash', () => {
  it('matches node:crypto sha256 for ASCII, multi-byte and block-boundary inputs', () => {
    for (const s of ['', 'abc', 'é€😀'.repeat(40), 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'y'.repeat(3000)]) {
      expect(_cspHash(s)).toBe(`'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`)
    }
  })
})

describe('renderHtml: a self-contained page', () => {
  it('has a CSP meta tag whose hashes match the inline style and script', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!
    expect(csp).toMatch(/^default-src 'none';/)
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!
    expect(csp).toContain(`style-src ${_cspHash(style)}`)
    expect(csp).toContain(`script-src ${_cspHash(script)}`)
    expect(csp).not.toContain('unsafe')
  })

  it('loads nothing: no external URL, stylesheet, image or style attribute', () => {
    expect(html).not.toMatch(/\b(?:src|srcset|action)=/i)
    expect(html).not.toMatch(/<link\b/i)
    expect(html).not.toMatch(/url\(/i)
    expect(html).not.toMatch(/https?:\/\//i)
    // Inline style attributes would need 'unsafe-inline'.
    expect(startTags(html).filter((t) => /\sstyle=/i.test(t))).toEqual([])
    for (const href of html.match(/href="[^"]*"/g) ?? []) expect(href).toMatch(/^href="#[\w-]+"$/)
  })

  it('gives every in-page link a target', () => {
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]))
    for (const m of html.matchAll(/href="#([^"]+)"/g)) expect(ids.has(m[1]), `#${m[1]}`).toBe(true)
    expect(ids.size).toBe([...html.matchAll(/\sid="([^"]+)"/g)].length)
  })

  it('links every anchor and ids each element once in a release of hundreds of pages', () => {
    const big = renderHtml(sampleRelease({ seed: 9, pages: 300 }))
    const all = [...big.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])
    const ids = new Set(all)
    expect(ids.size).toBe(all.length)
    const missing = [...big.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]).filter((h) => !ids.has(h))
    expect(missing).toEqual([])
  })

  it('is deterministic', () => {
    expect(renderHtml(sampleRelease({ seed: 3 }))).toBe(html)
  })
})

describe('renderHtml: overview', () => {
  it('shows the release counts', () => {
    const stat = (key: string): number => Number(new RegExp(`data-stat="${key}">(\\d+)<`).exec(html)![1])
    expect(stat('pages')).toBe(sample.pages.length)
    expect(stat('documents')).toBe(6)
    expect(stat('groups')).toBe(3)
    expect(stat('copies')).toBe(6)
    expect(stat('chains')).toBe(1)
    expect(stat('diffs')).toBe(2)
    expect(stat('corrections')).toBe(sample.corrections.length)
    expect(stat('redactions')).toBe(sample.documents.reduce((n, d) => n + d.redactions.length, 0))
    expect(stat('changes')).toBe(sample.diffs.reduce((n, d) => n + d.changes.filter((c) => !c.noise).length, 0))
  })

  it('draws one box per page, same colour for copies of one document', () => {
    const strip = /<ol class="strip"[^>]*>([\s\S]*?)<\/ol>/.exec(html)![1]!
    const boxes = [...strip.matchAll(/<a class="([^"]*)" href="#([\w-]+)" tabindex="-1"/g)]
    expect(boxes).toHaveLength(sample.pages.length)
    const hueOf = (id: string): string => {
      const doc = sample.documents.find((d) => d.id === id)!
      const box = boxes.find((b) => b[2] === `p${doc.pages[0]}`)!
      return /h\d+/.exec(box[1]!)![0]
    }
    for (const g of sample.groups) {
      expect(new Set(g.members.map(hueOf)).size).toBe(1)
    }
    expect(new Set(sample.groups.map((g) => hueOf(g.canonical))).size).toBe(3)
    expect(boxes.filter((b) => b[1]!.includes('none'))).toHaveLength(sample.pages.filter((p) => p.document === null).length)
  })

  it('lists every document with date, title and its page count, and the chain as a timeline', () => {
    const table = /<table class="doclist[\s\S]*?<\/table>/.exec(html)![0]
    for (const d of sample.documents) {
      expect(table).toContain(escapeHtml(d.id))
      expect(table).toContain(`data-v="${d.metadata.date}"`)
    }
    const chain = /<div class="chain">([\s\S]*?)<\/div><p/.exec(html)![1]!
    const dates = [...chain.matchAll(/<span class="d">([^<]+)<\/span>/g)].map((m) => m[1])
    const want = sample.versions[0]!.documents.map((id) => sample.documents.find((d) => d.id === id)!.metadata.date!)
    expect(dates).toHaveLength(3)
    expect(want).toEqual([...want].sort())
    expect(chain.match(/href="#diff-\d+"/g)).toHaveLength(2)
  })
})

describe('renderHtml: documents', () => {
  const doc = sample.documents[0]!
  const section = new RegExp(`<section class="card doc" id="doc-0"[\\s\\S]*?</section>`).exec(html)![0]

  it('shows each block with its structure', () => {
    const clean = [...section.matchAll(/<div class="clean"[^>]*>([\s\S]*?)<\/div>\n<pre/g)].map((m) => m[1]).join('')
    const count = (kind: string): number => doc.blocks.filter((b) => b.kind === kind).length
    expect(clean.match(/<h3>/g)).toHaveLength(count('heading'))
    expect(clean.match(/<li class="l1">/g)?.length ?? 0).toBe(doc.blocks.filter((b) => b.kind === 'bullet' && b.level === 1).length)
    expect(clean.match(/<li class="l2">/g)?.length ?? 0).toBe(doc.blocks.filter((b) => b.kind === 'bullet' && b.level === 2).length)
    expect(clean.match(/<tr>/g)).toHaveLength(count('table-row'))
    expect(clean.match(/<th scope="col">/g)).toHaveLength(doc.blocks.find((b) => b.kind === 'table-row')!.cells!.length)
    // The cleaned words in order, markers and marks aside.
    const words = decode(clean.replace(/<a class="(?:ref|redact)"[^>]*>[^<]*<\/a>/g, '').replace(/<[^>]*>/g, ' ')).split(/\s+/).filter(Boolean)
    // A heading's number is written once: as its first word where the scan printed it there.
    expect(words).toEqual(doc.blocks.flatMap((b) => [...(b.marker && b.kind !== 'bullet' && b.tokens[0]?.text !== b.marker ? [b.marker] : []), ...b.tokens.map((t) => t.text)]).flatMap((w) => w.split(/\s+/)))
    expect(clean).not.toMatch(/<h[34]>(\d+\.) \1 /)
  })

  it('writes a heading number once', () => {
    // The seed's attachment numbers its sub-headings (`2. Menselijke maat …`).
    const seed = release({ name: 'seed.txt', data: readFileSync(new URL('../corpus/000_13cc09d959e3939d.txt', import.meta.url)) }).value
    expect(seed.documents.some((d) => d.blocks.some((b) => b.kind === 'heading' && b.marker && b.tokens[0]?.text === b.marker))).toBe(true)
    const page = renderHtml(seed)
    expect(page).toMatch(/<h4>2\. Menselijke maat/)
    expect(page).not.toMatch(/<h[34]>(\d+\.) \1 /)
  })

  it('marks each corrected word with what the OCR said and the rule', () => {
    const marks = [...section.matchAll(/<mark class="fix" tabindex="0" data-ocr="([^"]*)" data-rule="([^"]*)" data-conf="[^"]*">([^<]*)<\/mark>/g)]
    const mine = sample.corrections.filter((c) => doc.pages.includes(c.page))
    expect(mine.length).toBeGreaterThan(0)
    expect(marks).toHaveLength(mine.length)
    const seen = marks.map((m) => [decode(m[1]!), m[2], decode(m[3]!)])
    expect(seen).toEqual(mine.map((c) => [c.before, c.rule, c.after]))
  })

  it('puts annotations and redactions in the margin, with a marker in the text', () => {
    const notes = section.match(/<li class="(?:ann|red)" id="doc-0-[ar]\d+">/g) ?? []
    expect(notes).toHaveLength(doc.annotations.length + doc.redactions.length)
    expect(section.match(/<a class="redact" href="#doc-0-r\d+"/g)).toHaveLength(doc.redactions.length)
    expect(section.match(/<a class="ref" href="#doc-0-a\d+"/g)?.length ?? 0).toBe(doc.annotations.length)
    for (const a of doc.annotations) expect(section).toContain(escapeHtml(a.text))
  })

  it('holds each page source for the side-by-side toggle', () => {
    expect(section).toContain('class="scan-toggle"')
    const scans = [...section.matchAll(/<pre class="scan"[^>]*>([\s\S]*?)<\/pre>/g)].map((m) => decode(m[1]!))
    expect(scans).toEqual(doc.pages.map((p) => sample.pages[p]!.source))
  })
})

describe('renderHtml: diffs', () => {
  it('gives each change an anchor, listed by section with counts', () => {
    expect(sample.diffs.some((d) => d.changes.some((c) => c.noise))).toBe(true)
    sample.diffs.forEach((diff, d) => {
      const section = new RegExp(`<section class="card diff" id="diff-${d}"[\\s\\S]*?</section>`).exec(html)![0]
      const links = [...section.matchAll(/<li class="k-(\w+)( noise-only)?"><a href="#(d\d+-c\d+)">/g)]
      expect(links).toHaveLength(diff.changes.length)
      diff.changes.forEach((c, k) => {
        const link = links.find((l) => l[3] === `d${d}-c${k}`)!
        expect(link[1]).toBe(c.kind)
        expect(Boolean(link[2])).toBe(c.noise)
        expect(section).toMatch(new RegExp(`id="d${d}-c${k}"`))
      })
      const counts = [...section.matchAll(/<span class="count" title="changes in this section">(\d+)<\/span>/g)].reduce((n, m) => n + Number(m[1]), 0)
      expect(counts).toBe(diff.changes.filter((c) => !c.noise).length)
      expect(section.includes(`class="noise-toggle"`)).toBe(diff.changes.some((c) => c.noise))
    })
  })

  it('shows a move at both places, linked both ways', () => {
    const d = sample.diffs.findIndex((x) => x.changes.some((c) => c.kind === 'moved'))
    const k = sample.diffs[d]!.changes.findIndex((c) => c.kind === 'moved')
    expect(html).toContain(`id="d${d}-c${k}-from"`)
    expect(html).toContain(`href="#d${d}-c${k}-from"`)
    expect(html).toContain(`href="#d${d}-c${k}"`)
  })

  it('redlines a changed block word by word', () => {
    const d = 0
    const k = sample.diffs[d]!.changes.findIndex((c) => c.kind === 'changed' && !c.noise)
    const c = sample.diffs[d]!.changes[k]!
    const row = new RegExp(`<div class="rl chg k-changed[^"]*" id="d${d}-c${k}"[\\s\\S]*?</div></div>`).exec(html)![0]
    for (const w of c.words!) {
      if (w.op === 'delete') expect(row).toContain(escapeHtml(w.text))
      if (w.op === 'insert') expect(row).toContain(escapeHtml(w.text))
    }
    expect(row).toMatch(/<del>|<ins>/)
  })

  it('still anchors every change when the documents are not in the release', () => {
    const bare: Release = { ...sample, documents: [], groups: [], versions: [] }
    const out = renderHtml(bare)
    sample.diffs[0]!.changes.forEach((_, k) => expect(out).toContain(`id="d0-c${k}"`))
  })
})

describe('renderHtml: hostile text', () => {
  it('escapes every payload wherever it stands', () => {
    expect(startTags(hostileHtml).filter((t) => /^<(?:img|svg|iframe|textarea)\b/i.test(t))).toEqual([])
    expect(startTags(hostileHtml).filter((t) => /\son[a-z]+\s*=/i.test(t))).toEqual([])
    expect(hostileHtml.match(/<script\b/gi)).toHaveLength(1)
    expect(hostileHtml.match(/<\/pre>/g)?.length).toBe(hostileHtml.match(/<pre\b/g)?.length)
    for (const p of HOSTILE_PAYLOADS.slice(0, 2)) expect(hostileHtml).toContain(escapeHtml(p))
  })

  it('escapes the title option', () => {
    const out = renderHtml(sample, { title: '</title><script>alert(1)</script>' })
    expect(out).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>')
    expect(out.match(/<script\b/gi)).toHaveLength(1)
  })
})

describe('renderHtml: arguments and damaged input', () => {
  it('throws TypeError on a wrong argument', () => {
    expect(() => renderHtml(null as unknown as Release)).toThrow(TypeError)
    expect(() => renderHtml(sample, { title: 3 as unknown as string })).toThrow(/Expected `title` to be a string/)
    expect(() => renderHtml(sample, { colour: 'red' } as never)).toThrow(/Unknown option `colour`/)
  })

  it('renders a release with missing parts and a document without blocks', () => {
    const doc = { ...sample.documents[0]!, blocks: [], text: 'Eerste alinea.\n\nTweede <alinea>.' }
    const out = renderHtml({ version: 1, documents: [doc], pages: sample.pages.slice(0, 3) } as unknown as Release)
    expect(out).toContain('<p>Tweede &lt;alinea&gt;.</p>')
    expect(out).toContain('data-stat="diffs">0<')
    expect(renderHtml({ version: 1 } as Release)).toContain('data-stat="documents">0<')
    // Two documents with one id (a broken release): both are shown.
    const twice = renderHtml({ ...sample, documents: [sample.documents[0]!, { ...sample.documents[0]! }] })
    expect(twice.match(/<section class="card doc"/g)).toHaveLength(2)
  })
})

describe('helpers', () => {
  it('_ranges folds page indexes into 1-based ranges', () => {
    expect(_ranges([0, 1, 2, 5, 7, 8])).toBe('1–3, 6, 8–9')
    expect(_ranges([])).toBe('')
  })

  it('_align finds the longest common subsequence', () => {
    expect(_align(['a', 'b', 'c', 'd'], ['b', 'x', 'c', 'd', 'a'])).toEqual([
      [1, 0],
      [2, 2],
      [3, 3],
    ])
  })

  it('_wordDiff keeps equal words and marks the rest', () => {
    expect(_wordDiff('de kat zat hier', 'de hond zat hier nu')).toEqual([
      { op: 'equal', text: 'de' },
      { op: 'delete', text: 'kat' },
      { op: 'insert', text: 'hond' },
      { op: 'equal', text: 'zat' },
      { op: 'equal', text: 'hier' },
      { op: 'insert', text: 'nu' },
    ])
  })
})
