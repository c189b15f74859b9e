// The HTML report: one self-contained file (inline style and script, no request to any
// server) that an archivist or journalist opens offline. It reads without JavaScript;
// the script only adds sorting, key navigation and print preparation. Every piece of
// document text is escaped, and a Content-Security-Policy forbids anything but the
// two inline blocks, by hash.
import { _expectKnownOptions, _expectType } from '../issue.js'
import type { Annotation, Block, Correction, Diff, Document, Group, Page, Redaction, Release, Token } from '../types.js'
import { CSS, HUE_COUNT, JS } from './html-assets.js'
import { _changeId, _renderDiff, type _DocRef } from './html-diff.js'
import { _cspHash } from './html-sha256.js'
import { escapeHtml as esc, _blockText, _cellRanges, _formatDate, _plural, _truncate } from './html-util.js'
import { lowerBound } from '../search.js'
import { markerApart } from '../parse/markdown.js'

export { escapeHtml } from './html-util.js'

export interface HtmlOptions {
  /** The report's title. Default: `Woo release` and the most common organisation. */
  title?: string
}

const STYLE_HASH = _cspHash(CSS)
const SCRIPT_HASH = _cspHash(JS)
/** The report's Content-Security-Policy: nothing but the inline style and script. */
export const _CSP = `default-src 'none'; style-src ${STYLE_HASH}; script-src ${SCRIPT_HASH}; img-src 'none'; base-uri 'none'; form-action 'none'`

// Issues listed in full up to this many; the rest are counted.
const MAX_ISSUES = 500
// Chains shown open; the rest behind a disclosure.
const MAX_CHAINS_OPEN = 8
// Above this many documents the colour legend is left out (colours repeat anyway).
const MAX_LEGEND = 30

interface DocInfo {
  doc: Document
  index: number
  anchor: string
  hue: number
  group: Group | null
  /** Position among its group's members, 0 for the first. */
  copyIndex: number
  /** A copy other than its group's canonical one: drawn hatched. */
  other: boolean
  /** Position in its version chain (1-based) and the chain's length. */
  version: [number, number] | null
}

/** Render a release as one self-contained HTML page. */
export function renderHtml(release: Release, options?: HtmlOptions): string {
  if (typeof release !== 'object' || release === null || Array.isArray(release)) {
    throw new TypeError(`Expected \`release\` to be a Release object, got \`${release === null ? 'null' : Array.isArray(release) ? 'array' : typeof release}\``)
  }
  _expectKnownOptions(options, ['title'], 'renderHtml')
  _expectType('title', options?.title, 'string')

  const pages: Page[] = Array.isArray(release.pages) ? release.pages : []
  const documents: Document[] = Array.isArray(release.documents) ? release.documents : []
  const groups: Group[] = Array.isArray(release.groups) ? release.groups : []
  const versions = Array.isArray(release.versions) ? release.versions : []
  const diffs: Diff[] = Array.isArray(release.diffs) ? release.diffs : []
  const corrections: Correction[] = Array.isArray(release.corrections) ? release.corrections : []
  const issues = Array.isArray(release.issues) ? release.issues : []

  // Documents: anchors, colours (copies share their group's hue), group and chain positions.
  const all: DocInfo[] = []
  const infos = new Map<string, DocInfo>()
  const groupOf = new Map<string, Group>()
  for (const g of groups) for (const m of g.members ?? []) if (!groupOf.has(m)) groupOf.set(m, g)
  const hueOfGroup = new Map<Group, number>()
  let hues = 0
  documents.forEach((doc, index) => {
    const group = groupOf.get(doc.id) ?? null
    let hue: number
    if (group) {
      if (!hueOfGroup.has(group)) hueOfGroup.set(group, hues++)
      hue = hueOfGroup.get(group)!
    } else hue = hues++
    const info: DocInfo = { doc, index, anchor: `doc-${index}`, hue: hue % HUE_COUNT, group, copyIndex: group ? Math.max(0, group.members.indexOf(doc.id)) : 0, other: !!group && group.canonical !== doc.id, version: null }
    // Every document is shown; links by id lead to the first of a (contract-breaking) duplicate id.
    all.push(info)
    if (!infos.has(doc.id)) infos.set(doc.id, info)
  })
  for (const chain of versions) {
    const ids = chain.documents ?? []
    ids.forEach((id, k) => {
      const info = infos.get(id)
      if (info && !info.version) info.version = [k + 1, ids.length]
    })
  }
  for (const info of all) {
    const canon = info.group ? infos.get(info.group.canonical) : undefined
    if (!info.version && canon?.version) info.version = canon.version
  }
  const refs = new Map<string, _DocRef>()
  for (const [id, info] of infos) refs.set(id, { doc: info.doc, anchor: info.anchor })
  const corrIndex = _indexCorrections(corrections)
  const pageDoc = new Map<number, DocInfo>()
  for (const info of all) for (const p of info.doc.pages ?? []) if (!pageDoc.has(p)) pageDoc.set(p, info)

  const copies = groups.reduce((n, g) => n + (g.members?.length ?? 0), 0)
  const changeCount = diffs.reduce((n, d) => n + (d.changes ?? []).filter((c) => !c.noise).length, 0)
  const annotationCount = documents.reduce((n, d) => n + (d.annotations?.length ?? 0), 0)
  const redactionCount = documents.reduce((n, d) => n + (d.redactions?.length ?? 0), 0)
  const title = options?.title ?? _defaultTitle(documents)

  const out: string[] = []
  out.push(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="generator" content="wooscan">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<header class="top"><div class="inner"><h1>${esc(title)}</h1>
<p>${_plural(pages.length, 'page')} · ${_plural(documents.length, 'document')} · ${_plural(groups.length, 'group')} of copies · ${_plural(versions.length, 'version chain')}</p></div></header>
<nav class="nav" aria-label="Report"><ul>
<li><a href="#overview">Overview</a></li>
<li><a href="#documents">Documents (${documents.length})</a></li>
${diffs.length > 0 ? `<li><a href="#versions">Changes between versions (${diffs.length})</a></li>` : ''}
${issues.length > 0 ? `<li><a href="#issues">Issues (${issues.length})</a></li>` : ''}
</ul></nav>
<main id="main">`)

  // Overview: counts, the page strip, the document list, copies and version chains.
  out.push(`<section class="card overview" id="overview" aria-labelledby="overview-h"><h2 id="overview-h">Overview</h2>`)
  const stat = (key: string, n: number, label: string): string => `<div><dt>${label}</dt><dd data-stat="${key}">${n}</dd></div>`
  out.push(
    `<dl class="stats">${stat('pages', pages.length, 'Pages')}${stat('documents', documents.length, 'Documents')}${stat('groups', groups.length, 'Groups of copies')}${stat('copies', copies, 'Copies in groups')}${stat('chains', versions.length, 'Version chains')}${stat('diffs', diffs.length, 'Version diffs')}${stat('changes', changeCount, 'Changes')}${stat('corrections', corrections.length, 'OCR corrections')}${stat('annotations', annotationCount, 'Annotations')}${stat('redactions', redactionCount, 'Redactions')}</dl>`,
  )
  out.push(`<h3>Pages of the release</h3><p class="muted">Each box is a page, coloured by document. Copies of one document share a colour: the canonical copy solid, the others hatched. Grey stripes: a page that belongs to no document.</p>`)
  // Out of the tab order: the documents table below leads to the same places by keyboard.
  out.push(`<ol class="strip" aria-label="Pages">`)
  pages.forEach((page, k) => {
    const index = typeof page.index === 'number' ? page.index : k
    const info = page.document ? infos.get(page.document) : pageDoc.get(index)
    if (!info) {
      out.push(`<li><a class="none" href="#scan-${index}" tabindex="-1" title="Page ${index + 1}: no document" aria-label="Page ${index + 1}: no document"></a></li>`)
      return
    }
    const first = page.pageOfDocument === 1 || info.doc.pages?.[0] === index
    const label = `Page ${index + 1}: ${info.doc.id}${page.pageOfDocument ? `, page ${page.pageOfDocument}` : ''}`
    out.push(`<li><a class="h${info.hue}${info.other ? ' k2' : ''}${first && k > 0 ? ' first' : ''}" href="#p${index}" tabindex="-1" title="${esc(label)}" aria-label="${esc(label)}"></a></li>`)
  })
  out.push(`</ol>`)
  if (all.length <= MAX_LEGEND) {
    const seen = new Set<number>()
    out.push(`<ul class="legend" aria-label="Colours">`)
    for (const info of all) {
      const key = info.group ? -1 - groups.indexOf(info.group) : info.index
      if (seen.has(key)) continue
      seen.add(key)
      const n = info.group ? info.group.members.length : 1
      out.push(`<li><span class="sw h${info.hue}"></span>${esc(_formatDate(info.doc.metadata?.date) ?? 'undated')} · ${esc(_truncate(info.doc.metadata?.title ?? info.doc.id, 60))}${n > 1 ? ` (${n} copies)` : ''}</li>`)
    }
    out.push(`</ul>`)
  }

  if (versions.length > 0) {
    out.push(`<h3 id="chains">Version chains</h3><ol class="chains">`)
    versions.forEach((chain, c) => {
      const ids = chain.documents ?? []
      if (c === MAX_CHAINS_OPEN) out.push(`</ol><details class="more"><summary>${_plural(versions.length - c, 'more chain')}</summary><ol class="chains" start="${c + 1}">`)
      out.push(`<li><div class="chain">`)
      ids.forEach((id, k) => {
        if (k > 0) {
          const di = diffs.findIndex((x) => x.old?.id === ids[k - 1] && x.new?.id === id)
          const s = di >= 0 ? diffs[di]!.summary : undefined
          const counts = s
            ? `<span class="mini"><span class="k-changed" title="changed">~${s.changed}</span><span class="k-added" title="added">+${s.added}</span><span class="k-removed" title="removed">−${s.removed}</span><span class="k-moved" title="moved">↕${s.moved}</span></span>`
            : ''
          out.push(`<div class="arrow">${di >= 0 ? `<a href="#diff-${di}">View changes</a>` : '<span class="muted">no diff</span>'}<span class="line" aria-hidden="true"></span>${counts}</div>`)
        }
        const info = infos.get(id)
        const m = info?.doc.metadata
        out.push(`<div class="node"><span class="d">${esc(_formatDate(m?.date) ?? 'undated')}</span><span class="nt">${esc(_truncate(m?.title ?? '', 70))}</span>${info ? `<a href="#${info.anchor}"><code>${esc(id)}</code></a>` : `<code>${esc(id)}</code>`}</div>`)
      })
      out.push(`</div>${chain.reason ? `<p class="why">${esc(chain.reason)}</p>` : ''}</li>`)
    })
    out.push(`</ol>${versions.length > MAX_CHAINS_OPEN ? '</details>' : ''}`)
  }

  out.push(`<h3 id="documents">Documents</h3><div class="tablewrap"><table class="doclist sortable"><thead><tr>`)
  out.push(`<th scope="col" data-sort="text">Date</th><th scope="col" data-sort="text">Document</th><th scope="col" data-sort="num" class="num">Pages</th><th scope="col" data-sort="text">Copies</th><th scope="col" data-sort="text">Version</th><th scope="col" data-sort="num" class="num">Corrections</th><th scope="col" data-sort="num" class="num">Annotations</th><th scope="col" data-sort="num" class="num">Redactions</th>`)
  out.push(`</tr></thead><tbody>`)
  for (const info of all) {
    const d = info.doc
    const m = d.metadata ?? ({} as Document['metadata'])
    const nCorr = _countCorrections(d, corrIndex)
    const group = info.group
    const copyCell = group
      ? `${info.copyIndex + 1} of ${group.members.length}${group.canonical === d.id ? ' <span class="pill canon">canonical</span>' : infos.get(group.canonical) ? ` <a href="#${infos.get(group.canonical)!.anchor}" title="${esc(group.canonical)}">see canonical</a>` : ''}`
      : '<span class="zero">single</span>'
    const num = (n: number): string => `<td class="num${n === 0 ? ' zero' : ''}" data-v="${n}">${n}</td>`
    out.push(
      `<tr><td data-v="${esc(m.date ?? '')}">${esc(_formatDate(m.date) ?? '—')}</td><td><span class="sw h${info.hue}${info.other ? ' k2' : ''}"></span> <a class="t" href="#${info.anchor}">${esc(m.title ?? '(untitled)')}</a> <span class="pill">${esc(m.kind ?? 'other')}</span>${d.copy ? ` <span class="pill">${esc(d.copy)}</span>` : ''}<span class="id"><code>${esc(d.id)}</code></span></td><td class="num" data-v="${d.pages?.length ?? 0}">${d.pages?.length ?? 0} <span class="muted">(${esc(_ranges(d.pages ?? []))})</span></td><td data-v="${group ? group.members.length : 1}">${copyCell}</td><td data-v="${info.version ? info.version[0] : 0}">${info.version ? `${info.version[0]} of ${info.version[1]}` : '<span class="zero">—</span>'}</td>${num(nCorr)}${num(d.annotations?.length ?? 0)}${num(d.redactions?.length ?? 0)}</tr>`,
    )
  }
  out.push(`</tbody></table></div>`)

  if (groups.length > 0) {
    out.push(`<h3 id="copies">Copies</h3><p class="muted">The release holds some documents more than once (a copy for each reader, with its own stamps and handwriting). The canonical copy is the one the diffs use.</p><ul class="groups">`)
    for (const g of groups) {
      const canon = infos.get(g.canonical)
      const gm = g.metadata ?? canon?.doc.metadata
      out.push(`<li class="g"><span class="sw h${canon?.hue ?? 0}"></span><div><span class="gt">${canon ? `<a href="#${canon.anchor}">${esc(gm?.title ?? g.canonical)}</a>` : esc(gm?.title ?? g.canonical)}</span> <span class="muted">· ${esc(_formatDate(gm?.date) ?? 'undated')} · ${_plural(g.members.length, 'copy', 'copies')}${typeof g.similarity === 'number' ? ` · ${Math.round(g.similarity * 100)}% alike` : ''}</span><ul>`)
      for (const id of g.members) {
        const info = infos.get(id)
        const where = info ? ` · pages ${esc(_ranges(info.doc.pages ?? []))}` : ''
        out.push(`<li>${info ? `<a href="#${info.anchor}"><code>${esc(id)}</code></a>` : `<code>${esc(id)}</code>`}${info?.doc.copy ? ` · stamp <b>${esc(info.doc.copy)}</b>` : ''}${where}${id === g.canonical ? ' <span class="pill canon">canonical</span>' : ''}</li>`)
      }
      out.push(`</ul>${g.reason ? `<p class="why">Canonical: ${esc(g.reason)}</p>` : ''}</div></li>`)
    }
    out.push(`</ul>`)
  }

  out.push(`</section>`)

  // Version pairs.
  if (diffs.length > 0) {
    out.push(`<div id="versions"></div>`)
    diffs.forEach((diff, k) => out.push(_renderDiff(diff, k, refs)))
  }

  // Documents.
  const pageByIndex = new Map<number, Page>()
  pages.forEach((p, k) => pageByIndex.set(typeof p.index === 'number' ? p.index : k, p))
  for (const info of all) out.push(_renderDocument(info, infos, pageByIndex, corrIndex, diffs))

  // Pages of no document: their text, so nothing in the release is hidden.
  const loose = [...pageByIndex.entries()].filter(([index, p]) => !(p.document && infos.has(p.document)) && !pageDoc.has(index))
  if (loose.length > 0) {
    out.push(`<section class="card" id="loose" aria-labelledby="loose-h"><h2 id="loose-h">Pages of no document</h2><p class="muted">Noise or empty pages; their scan text as it stands.</p>`)
    for (const [index, p] of loose) {
      out.push(`<div class="pg" id="scan-${index}"><div class="pgno">Scan page ${index + 1}</div><pre class="scan loose-scan">${_scanHtml(p, [], [], corrIndex.get(index))}</pre></div>`)
    }
    out.push(`</section>`)
  }

  if (issues.length > 0) {
    out.push(`<section class="card" id="issues" aria-labelledby="issues-h"><h2 id="issues-h">Issues</h2><p class="muted">What the pipeline noticed in the input: problems to check by hand, not errors of this report.</p><div class="tablewrap"><table class="issues sortable"><thead><tr><th scope="col" data-sort="text">Severity</th><th scope="col" data-sort="num">Page</th><th scope="col" data-sort="text">Message</th><th scope="col" data-sort="text">Rule</th></tr></thead><tbody>`)
    for (const issue of issues.slice(0, MAX_ISSUES)) {
      const page = typeof issue.page === 'number' ? issue.page : null
      const target = page === null ? null : pageDoc.has(page) ? `#p${page}` : pageByIndex.has(page) ? `#scan-${page}` : null
      const sev = ['error', 'warning', 'info'].includes(issue.severity) ? issue.severity : 'info'
      out.push(`<tr><td class="sev-${sev}">${esc(issue.severity)}</td><td data-v="${page ?? -1}">${page === null ? '—' : target ? `<a href="${target}">${page + 1}</a>` : page + 1}</td><td>${_codeSpans(esc(issue.message))}${issue.actual ? ` <span class="muted">(“${esc(_truncate(issue.actual, 60))}”)</span>` : ''}</td><td><code>${esc(issue.source)}/${esc(issue.ruleId)}</code></td></tr>`)
    }
    out.push(`</tbody></table></div>${issues.length > MAX_ISSUES ? `<p class="muted">… and ${issues.length - MAX_ISSUES} more (see release.json).</p>` : ''}</section>`)
  }

  out.push(`</main>
<footer>Made by wooscan. This file is self-contained: it loads nothing from any server. Keys: <kbd>n</kbd>/<kbd>p</kbd> next/previous change.</footer>
<script>${JS}</script>
</body>
</html>
`)
  return out.join('\n')
}

/** `quoted` names in an (escaped) message as code. */
function _codeSpans(escaped: string): string {
  return escaped.replace(/`([^`]+)`/g, '<code>$1</code>')
}

function _defaultTitle(documents: Document[]): string {
  const counts = new Map<string, number>()
  for (const d of documents) {
    const o = d.metadata?.organisation
    if (o) counts.set(o, (counts.get(o) ?? 0) + 1)
  }
  let best: string | null = null
  for (const [o, n] of counts) if (!best || n > counts.get(best)!) best = o
  return best ? `Woo release · ${best}` : 'Woo release'
}

/** `[0,1,2,5]` -> `1–3, 6` (1-based scan pages). */
export function _ranges(indexes: number[]): string {
  const sorted = [...indexes].filter((n) => Number.isInteger(n)).sort((a, b) => a - b)
  const parts: string[] = []
  for (let k = 0; k < sorted.length; k++) {
    let e = k
    while (e + 1 < sorted.length && sorted[e + 1] === sorted[e]! + 1) e++
    parts.push(e > k ? `${sorted[k]! + 1}–${sorted[e]! + 1}` : String(sorted[k]! + 1))
    k = e
  }
  return parts.join(', ')
}

interface CorrectionIndex {
  list: Correction[]
  starts: number[]
}

function _indexCorrections(corrections: Correction[]): Map<number, CorrectionIndex> {
  const byPage = new Map<number, Correction[]>()
  for (const c of corrections) {
    if (!c || typeof c.page !== 'number') continue
    const list = byPage.get(c.page) ?? []
    list.push(c)
    byPage.set(c.page, list)
  }
  const out = new Map<number, CorrectionIndex>()
  for (const [page, list] of byPage) {
    list.sort((a, b) => a.start - b.start || a.end - b.end)
    out.set(page, { list, starts: list.map((c) => c.start) })
  }
  return out
}

/** The correction that overlaps a token's source range, if any. */
function _correctionAt(index: Map<number, CorrectionIndex>, t: Token): Correction | null {
  const ix = index.get(t.page)
  if (!ix) return null
  // Last correction starting before the token ends; walk back a few for overlapping ones.
  const lo = lowerBound(ix.starts.length, (i) => ix.starts[i]! < t.end)
  for (let k = lo - 1; k >= 0 && k >= lo - 4; k--) {
    const c = ix.list[k]!
    if (c.end > t.start && c.start < t.end) return c
    if (t.start === t.end && c.start === t.start) return c
  }
  return null
}

function _countCorrections(doc: Document, index: Map<number, CorrectionIndex>): number {
  let n = 0
  for (const p of doc.pages ?? []) n += index.get(p)?.list.length ?? 0
  return n
}

interface Note {
  kind: 'a' | 'r'
  n: number
  id: string
  page: number
  start: number
  end: number
  text?: string
  ground?: string | null
  done: boolean
}

/** Renders tokens with correction marks and the inline markers of notes that fall between them. */
class _TextRenderer {
  private readonly notes = new Map<number, Note[]>()
  private readonly next = new Map<number, number>()

  constructor(
    notes: Note[],
    private readonly corrections: Map<number, CorrectionIndex>,
  ) {
    for (const note of notes) {
      const list = this.notes.get(note.page) ?? []
      list.push(note)
      this.notes.set(note.page, list)
    }
    for (const list of this.notes.values()) list.sort((a, b) => a.start - b.start)
  }

  /** Markers of the notes on `page` that start before `offset` and are not yet shown. */
  markers(page: number, offset: number): string {
    const list = this.notes.get(page)
    if (!list) return ''
    let k = this.next.get(page) ?? 0
    let out = ''
    while (k < list.length && list[k]!.start <= offset) {
      const note = list[k]!
      if (!note.done) out += (out ? ' ' : '') + _marker(note)
      note.done = true
      k++
    }
    this.next.set(page, k)
    return out
  }

  /** Markers of every note on `page` not yet shown. */
  rest(page: number): string {
    return this.markers(page, Number.MAX_SAFE_INTEGER)
  }

  tokens(tokens: Token[]): string {
    const n = tokens.length
    const before: string[] = new Array(n)
    const corr: Array<Correction | null> = new Array(n)
    for (let k = 0; k < n; k++) {
      const t = tokens[k]!
      before[k] = typeof t.page === 'number' ? this.markers(t.page, t.start) : ''
      corr[k] = _correctionAt(this.corrections, t)
    }
    const parts: string[] = []
    for (let k = 0; k < n; k++) {
      const c = corr[k]
      let item = ''
      if (before[k]) parts.push(before[k]!)
      if (c && (k === 0 || corr[k - 1] !== c || before[k])) {
        const conf = typeof c.confidence === 'number' ? ` · ${Math.round(c.confidence <= 1 ? c.confidence * 100 : c.confidence)}%` : ''
        item += `<mark class="fix" tabindex="0" data-ocr="${esc(c.before)}" data-rule="${esc(c.rule)}" data-conf="${esc(conf)}">`
      }
      item += esc(tokens[k]!.text)
      if (c && (k === n - 1 || corr[k + 1] !== c || before[k + 1])) item += '</mark>'
      parts.push(item)
    }
    return parts.join(' ')
  }
}

function _marker(note: Note): string {
  if (note.kind === 'a') return `<a class="ref" href="#${note.id}" aria-label="annotation A${note.n}">A${note.n}</a>`
  const label = note.ground ? `redacted, Woo ground ${note.ground}` : 'redacted'
  return `<a class="redact" href="#${note.id}" aria-label="${esc(label)}" title="${esc(label)}">${esc(note.ground ?? '█████')}</a>`
}

function _renderDocument(info: DocInfo, infos: Map<string, DocInfo>, pageByIndex: Map<number, Page>, corrIndex: Map<number, CorrectionIndex>, diffs: Diff[]): string {
  const d = info.doc
  const m = d.metadata ?? ({} as Document['metadata'])
  const a = info.anchor
  const uncertain = new Set(Array.isArray(d.uncertain) ? d.uncertain : [])
  const out: string[] = []
  const kicker = [m.kind ?? 'document', _formatDate(m.date) ?? 'undated', d.copy ? `copy ${d.copy}` : null].filter(Boolean).join(' · ')
  out.push(`<section class="card doc" id="${a}" aria-labelledby="${a}-h"><div class="doc-h"><h2 id="${a}-h"><span class="kicker">${esc(kicker)}</span>${esc(m.title ?? '(untitled)')}</h2><code>${esc(d.id)}</code></div>`)
  out.push(`<dl class="meta">`)
  const field = (key: string, label: string, value: string | number | null | undefined, html?: string): void => {
    if (value === null || value === undefined || value === '') return
    const unc = uncertain.has(key) ? ` <span class="unc" title="read from damaged OCR: check the scan">?</span>` : ''
    out.push(`<div><dt>${label}</dt><dd>${html ?? esc(value)}${unc}</dd></div>`)
  }
  field('date', 'Date', _formatDate(m.date))
  field('to', 'To', m.to)
  field('from', 'From', m.from)
  field('subject', 'Subject', m.subject)
  field('status', 'Status', m.status)
  field('reference', 'Reference', m.reference)
  field('organisation', 'Organisation', m.organisation)
  field('directorate', 'Directorate', m.directorate)
  field('attachments_count', 'Attachments', m.attachments_count)
  field('pages', 'Scan pages', _ranges(d.pages ?? []))
  const compared = diffs.map((x, k) => ({ x, k })).filter(({ x }) => x.old?.id === d.id || x.new?.id === d.id)
  if (compared.length > 0) {
    field(
      'versions',
      'Compared',
      'yes',
      compared.map(({ x, k }) => `<a href="#diff-${k}">${esc(_formatDate(x.old?.metadata?.date) ?? x.old?.id)} → ${esc(_formatDate(x.new?.metadata?.date) ?? x.new?.id)}</a>`).join(', '),
    )
  }
  if (info.group) {
    const others = info.group.members.filter((x) => x !== d.id)
    field(
      'copies',
      'Other copies',
      others.join(', '),
      others.map((x) => (infos.get(x) ? `<a href="#${infos.get(x)!.anchor}"><code>${esc(x)}</code></a>` : `<code>${esc(x)}</code>`)).join(', '),
    )
  }
  out.push(`</dl>`)

  // Notes: annotations and redactions, numbered in page order.
  const notes: Note[] = []
  const anns = (Array.isArray(d.annotations) ? d.annotations : []).filter((x): x is Annotation => !!x && typeof x.page === 'number')
  const reds = (Array.isArray(d.redactions) ? d.redactions : []).filter((x): x is Redaction => !!x && typeof x.page === 'number')
  const byPlace = (x: { page: number; start: number }, y: { page: number; start: number }): number => x.page - y.page || x.start - y.start
  ;[...anns].sort(byPlace).forEach((x, k) => notes.push({ kind: 'a', n: k + 1, id: `${a}-a${k + 1}`, page: x.page, start: x.start, end: x.end, text: x.text, done: false }))
  ;[...reds].sort(byPlace).forEach((x, k) => notes.push({ kind: 'r', n: k + 1, id: `${a}-r${k + 1}`, page: x.page, start: x.start, end: x.end, ground: x.ground, done: false }))
  const docCorrections = (d.pages ?? []).reduce((n, p) => n + (corrIndex.get(p)?.list.length ?? 0), 0)

  out.push(`<p class="toolbar"><label class="toggle"><input type="checkbox" class="scan-toggle" id="${a}-scan"> Show the scan text side by side</label>`)
  out.push(`<span class="legend-inline"><span><span class="fix-demo">word</span> OCR corrected (${docCorrections}; hover or focus for what the scan said)</span><span><span class="ref">A1</span> annotation (${anns.length})</span><span><span class="redact">5.1.2e</span> redaction (${reds.length})</span></span></p>`)

  // Blocks by the page of their first word; pages without blocks still get a row.
  const docPages = (d.pages ?? []).filter((p) => Number.isInteger(p))
  const blocksOf = new Map<number, Block[]>()
  for (const p of docPages) blocksOf.set(p, [])
  const blocks = (Array.isArray(d.blocks) ? d.blocks : []).filter((b) => b && Array.isArray(b.tokens) && b.tokens.length > 0)
  let lastPage = docPages[0] ?? 0
  for (const b of blocks) {
    const p = typeof b.tokens[0]!.page === 'number' ? b.tokens[0]!.page : lastPage
    if (!blocksOf.has(p)) blocksOf.set(p, [])
    blocksOf.get(p)!.push(b)
    lastPage = p
  }
  const order = [...blocksOf.keys()].sort((x, y) => x - y)
  const text = new _TextRenderer(notes, corrIndex)
  out.push(`<div class="pages">`)
  if (blocks.length === 0 && d.text) {
    // No structure: the cleaned text as paragraphs.
    out.push(`<div class="pg"><div class="clean">${d.text.split(/\n{2,}/).map((p) => `<p>${esc(p)}</p>`).join('')}</div></div>`)
  }
  order.forEach((p, k) => {
    const page = pageByIndex.get(p)
    const pageNotes = notes.filter((x) => x.page === p)
    const nth = page?.pageOfDocument ?? k + 1
    out.push(`<div class="pg" id="p${p}"><div class="pgno">Page ${nth} of ${order.length} · scan page ${p + 1}</div><div class="clean" lang="nl">`)
    // Notes above the first word of the page (sidebar, letterhead): a line of their own.
    const first = blocksOf.get(p)![0]?.tokens.find((t) => t.page === p)
    const lead = first ? text.markers(p, first.start - 1) : ''
    if (lead) out.push(`<p class="lead">${lead}</p>`)
    out.push(_blocksHtml(blocksOf.get(p)!, text))
    const trail = text.rest(p)
    if (trail) out.push(`<p class="trail">${trail}</p>`)
    out.push(`</div>`)
    out.push(`<pre class="scan" lang="nl" aria-label="Scan text of scan page ${p + 1}">${page ? _scanHtml(page, anns.filter((x) => x.page === p), reds.filter((x) => x.page === p), corrIndex.get(p)) : ''}</pre>`)
    out.push(`<aside class="margin" aria-label="Notes on page ${nth}">`)
    if (pageNotes.length === 0) out.push(`<p class="none">No handwriting or redactions.</p>`)
    else {
      out.push(`<ol>`)
      for (const note of pageNotes) {
        if (note.kind === 'a') out.push(`<li class="ann" id="${note.id}"><span class="lbl">A${note.n}</span>Handwriting: <q lang="nl">${esc(_truncate(note.text ?? '', 160))}</q></li>`)
        else out.push(`<li class="red" id="${note.id}"><span class="lbl">R${note.n}</span>Redacted${note.ground ? ` · Woo ground <b>${esc(note.ground)}</b>` : ' · no ground printed'}</li>`)
      }
      out.push(`</ol>`)
    }
    out.push(`</aside></div>`)
  })
  out.push(`</div></section>`)
  return out.join('\n')
}

/** Blocks as HTML: headings, paragraphs, bullet lists, numbered items and tables. */
function _blocksHtml(blocks: Block[], text: _TextRenderer): string {
  const out: string[] = []
  let list = false
  let rows: Block[] = []
  const flushTable = (): void => {
    if (rows.length === 0) return
    const head = rows.length > 1 ? rows[0]! : null
    out.push(`<table>`)
    if (head) out.push(`<thead><tr>${_cellRanges(head).map(([f, t]) => `<th scope="col">${text.tokens(head.tokens.slice(f, t))}</th>`).join('')}</tr></thead>`)
    out.push(`<tbody>`)
    for (const row of head ? rows.slice(1) : rows) out.push(`<tr>${_cellRanges(row).map(([f, t]) => `<td>${text.tokens(row.tokens.slice(f, t))}</td>`).join('')}</tr>`)
    out.push(`</tbody></table>`)
    rows = []
  }
  for (const b of blocks) {
    if (b.kind !== 'bullet' && list) {
      out.push(`</ul>`)
      list = false
    }
    if (b.kind !== 'table-row') flushTable()
    switch (b.kind) {
      case 'heading': {
        const tag = b.level >= 3 ? 'h4' : 'h3'
        const marker = markerApart(b)
        out.push(`<${tag}>${marker ? esc(marker) + ' ' : ''}${text.tokens(b.tokens)}</${tag}>`)
        break
      }
      case 'bullet':
        if (!list) out.push(`<ul>`)
        list = true
        out.push(`<li class="l${b.level === 2 ? 2 : 1}">${text.tokens(b.tokens)}</li>`)
        break
      case 'numbered':
        out.push(`<p class="num"><span class="mk">${esc(markerApart(b))}</span><span>${text.tokens(b.tokens)}</span></p>`)
        break
      case 'table-row':
        rows.push(b)
        break
      default:
        out.push(`<p>${text.tokens(b.tokens)}</p>`)
    }
  }
  if (list) out.push(`</ul>`)
  flushTable()
  return out.join('')
}

/** A page's source with furniture, annotations, redactions and corrected words marked. */
function _scanHtml(page: Page, anns: Annotation[], reds: Redaction[], corr: CorrectionIndex | undefined): string {
  const src = typeof page.source === 'string' ? page.source : ''
  type Mark = { start: number; end: number; open: string }
  const marks: Mark[] = []
  for (const f of Array.isArray(page.furniture) ? page.furniture : []) marks.push({ start: f.start, end: f.end, open: `<span class="f" title="${esc(f.kind)}${f.field ? ': ' + esc(f.field) : ''}">` })
  for (const x of anns) marks.push({ start: x.start, end: x.end, open: `<span class="a" title="handwriting">` })
  for (const x of reds) marks.push({ start: x.start, end: x.end, open: `<span class="r" title="redacted${x.ground ? ' ' + esc(x.ground) : ''}">` })
  for (const c of corr?.list ?? []) marks.push({ start: c.start, end: c.end, open: `<span class="c" title="corrected to “${esc(c.after)}” (${esc(c.rule)})">` })
  marks.sort((x, y) => x.start - y.start || y.end - x.end)
  const out: string[] = []
  let at = 0
  for (const mk of marks) {
    const start = Math.max(at, Math.max(0, mk.start))
    const end = Math.min(src.length, mk.end)
    if (end <= start) continue
    out.push(esc(src.slice(at, start)), mk.open, esc(src.slice(start, end)), '</span>')
    at = end
  }
  out.push(esc(src.slice(at)))
  return out.join('')
}

// Re-exported for the tests.
export { _blockText, _changeId }
