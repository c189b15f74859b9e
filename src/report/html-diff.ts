// One version pair of the HTML report: a side-by-side redline of the whole document
// (old left, new right) with every change of the Diff placed on the blocks it covers,
// a change list per section that links to each change, and an OCR-noise toggle.
import type { Block, Change, Diff, Document, Place, WordOp } from '../types.js'
import { escapeHtml as esc, _blockText, _cellRanges, _formatDate, _plural, _truncate } from './html-util.js'
import { lowerBound } from '../search.js'

/** What the redline needs to know about the release's documents. */
export interface _DocRef {
  doc: Document
  /** The id of the document's section in the report. */
  anchor: string
}

type RowType = 'ctx' | 'plain' | 'change'
interface Row {
  type: RowType
  o?: number
  n?: number
  c?: number
}

const SYMBOL: Record<Change['kind'], string> = { added: '+', removed: '−', changed: '~', moved: '↕', metadata: '≡' }
const KIND_LABEL: Record<Change['kind'], string> = { added: 'added', removed: 'removed', changed: 'changed', moved: 'moved', metadata: 'metadata' }

// One change shows at most this much text (a block is a paragraph; more is garbage).
const MAX_CHANGE_CHARS = 20_000
const MAX_CHANGE_OPS = 3_000
// Above this many block pairs the block alignment falls back to prefix/suffix matching.
const MAX_ALIGN_CELLS = 4_000_000
const MAX_WORD_CELLS = 400_000

/** The anchor id of change `c` of diff `d`. */
export function _changeId(d: number, c: number): string {
  return `d${d}-c${c}`
}

/** Render one diff as a report section. */
export function _renderDiff(diff: Diff, index: number, docs: Map<string, _DocRef>): string {
  const changes = Array.isArray(diff.changes) ? diff.changes : []
  const oldRef = docs.get(diff.old?.id)
  const newRef = docs.get(diff.new?.id)
  const oldBlocks = oldRef?.doc.blocks ?? []
  const newBlocks = newRef?.doc.blocks ?? []

  // 1. Each change claims the blocks its places (or, lacking places, its texts) fall on.
  const oldClaim = new Int32Array(oldBlocks.length).fill(-1)
  const newClaim = new Int32Array(newBlocks.length).fill(-1)
  const oldOf = new Int32Array(changes.length).fill(-1)
  const newOf = new Int32Array(changes.length).fill(-1)
  const oldTexts = oldBlocks.map(_blockText)
  const newTexts = newBlocks.map(_blockText)
  const oldIndex = new _BlockIndex(oldBlocks, oldTexts)
  const newIndex = new _BlockIndex(newBlocks, newTexts)
  changes.forEach((ch, c) => {
    if (ch.kind === 'metadata') return
    if (ch.kind !== 'added') {
      const i = oldIndex.find(ch.oldPlace, oldClaim, ch.old)
      if (i >= 0) {
        oldClaim[i] = c
        oldOf[c] = i
      }
    }
    if (ch.kind !== 'removed') {
      const j = newIndex.find(ch.newPlace, newClaim, ch.new)
      if (j >= 0) {
        newClaim[j] = c
        newOf[c] = j
      }
    }
  })

  // 2. Align the unclaimed blocks by text; claimed ones never match.
  const norm = (t: string): string => t.toLowerCase().replace(/\s+/g, ' ').trim()
  const oldKeys = oldTexts.map((t, i) => (oldClaim[i]! >= 0 ? `\u0000o${i}` : norm(t)))
  const newKeys = newTexts.map((t, j) => (newClaim[j]! >= 0 ? `\u0000n${j}` : norm(t)))
  const pairs = _align(oldKeys, newKeys)

  // 3. Rows: matched pairs as context; between them, changes and unmatched blocks in order.
  const rows: Row[] = []
  const kindOf = (c: number): Change['kind'] => changes[c]!.kind
  let i = 0
  let j = 0
  const gap = (i1: number, j1: number): void => {
    while (i < i1 || j < j1) {
      const oc = i < i1 ? oldClaim[i]! : -1
      const nc = j < j1 ? newClaim[j]! : -1
      if (i < i1 && j < j1 && oc >= 0 && oc === nc && kindOf(oc) !== 'moved') {
        rows.push({ type: 'change', c: oc, o: i++, n: j++ })
      } else if (i < i1 && j < j1 && oc < 0 && nc < 0) {
        rows.push({ type: 'plain', o: i++, n: j++ })
      } else if (i < i1) {
        const partner = oc >= 0 && kindOf(oc) !== 'moved' ? newOf[oc]! : -1
        if (partner >= j && partner < j1) rows.push(nc >= 0 ? { type: 'change', c: nc, n: j++ } : { type: 'plain', n: j++ })
        else rows.push(oc >= 0 ? { type: 'change', c: oc, o: i++ } : { type: 'plain', o: i++ })
      } else {
        rows.push(nc >= 0 ? { type: 'change', c: nc, n: j++ } : { type: 'plain', n: j++ })
      }
    }
  }
  for (const [pi, pj] of pairs) {
    gap(pi, pj)
    rows.push({ type: 'ctx', o: pi, n: pj })
    i = pi + 1
    j = pj + 1
  }
  gap(oldBlocks.length, newBlocks.length)

  // 4. Ids: the first row of a change carries its id; a move's old place gets `-from`.
  const rowId: Array<string | null> = rows.map(() => null)
  const firstRow = new Int32Array(changes.length).fill(-1)
  const fromRow = new Int32Array(changes.length).fill(-1)
  rows.forEach((r, k) => {
    if (r.type !== 'change') return
    const c = r.c!
    if (kindOf(c) === 'moved' && r.n === undefined) {
      fromRow[c] = k
      rowId[k] = `${_changeId(index, c)}-from`
    } else if (firstRow[c]! < 0) {
      firstRow[c] = k
      rowId[k] = _changeId(index, c)
    } else {
      rowId[k] = `${_changeId(index, c)}-${k}`
    }
  })
  // A move seen only at its old place: that row is its anchor.
  changes.forEach((_, c) => {
    if (firstRow[c]! < 0 && fromRow[c]! >= 0) {
      firstRow[c] = fromRow[c]!
      rowId[fromRow[c]!] = _changeId(index, c)
      fromRow[c] = -1
    }
  })
  const unplaced = changes.map((ch, c) => (ch.kind !== 'metadata' && firstRow[c]! < 0 ? c : -1)).filter((c) => c >= 0)

  const noiseCount = changes.filter((ch) => ch.noise).length
  const summary = diff.summary ?? _countSummary(changes)
  const oldMeta = diff.old?.metadata
  const newMeta = diff.new?.metadata
  const oldLabel = _formatDate(oldMeta?.date) ?? diff.old?.id ?? 'old'
  const newLabel = _formatDate(newMeta?.date) ?? diff.new?.id ?? 'new'
  const docLink = (ref: _DocRef | undefined, id: string | undefined): string =>
    ref ? `<a href="#${ref.anchor}"><code>${esc(id)}</code></a>` : `<code>${esc(id)}</code>`

  const out: string[] = []
  out.push(`<section class="card diff" id="diff-${index}" aria-labelledby="diff-${index}-h">`)
  out.push(`<h2 id="diff-${index}-h"><span class="kicker">Versions</span> ${esc(oldLabel)} <span aria-hidden="true">→</span><span class="sr"> to </span> ${esc(newLabel)}</h2>`)
  out.push(
    `<p class="pair"><span class="side-o">${esc(oldMeta?.title ?? '(untitled)')} · ${docLink(oldRef, diff.old?.id)}</span> <span aria-hidden="true">→</span> <span class="side-n">${esc(newMeta?.title ?? '(untitled)')} · ${docLink(newRef, diff.new?.id)}</span></p>`,
  )
  out.push(`<ul class="badges" aria-label="Summary">`)
  for (const kind of ['changed', 'added', 'removed', 'moved', 'metadata'] as const) {
    out.push(`<li class="b k-${kind}" data-count="${kind}"><span aria-hidden="true">${SYMBOL[kind]}</span> <b>${Number(summary[kind]) || 0}</b> ${KIND_LABEL[kind]}</li>`)
  }
  out.push(`<li class="b k-noise" data-count="noise"><b>${Number(summary.noise) || 0}</b> OCR noise</li></ul>`)
  if (noiseCount > 0) {
    out.push(
      `<p class="toolbar"><label class="toggle"><input type="checkbox" class="noise-toggle" id="diff-${index}-noise"> Show OCR noise (${noiseCount} ${noiseCount === 1 ? 'change' : 'changes'} the diff classed as scanning errors)</label></p>`,
    )
  }

  // Change list, grouped by section in document order.
  const order = changes.map((ch, c) => ({ c, rank: ch.kind === 'metadata' ? -1 : firstRow[c]! >= 0 ? firstRow[c]! : 1e9 + c }))
  order.sort((a, b) => a.rank - b.rank)
  const sections = new Map<string, number[]>()
  for (const { c } of order) {
    const ch = changes[c]!
    const name = ch.kind === 'metadata' ? 'Metadata' : (ch.section?.new ?? ch.section?.old ?? '(before the first heading)')
    const list = sections.get(name) ?? []
    list.push(c)
    sections.set(name, list)
  }
  out.push(`<div class="diff-body"><nav class="changelist" aria-label="Changes by section"><h3>Changes by section</h3>`)
  if (changes.length === 0) out.push(`<p class="muted">No changes.</p>`)
  for (const [name, list] of sections) {
    const real = list.filter((c) => !changes[c]!.noise).length
    const noise = list.length - real
    out.push(`<div class="sec${real === 0 ? ' noise-only' : ''}"><h4>${esc(name)} <span class="count" title="changes in this section">${real}</span>`)
    if (noise > 0) out.push(`<span class="count noise-count noise-only" title="OCR noise in this section">+${noise}</span>`)
    out.push(`</h4><ol>`)
    for (const c of list) {
      const ch = changes[c]!
      out.push(
        `<li class="k-${ch.kind}${ch.noise ? ' noise-only' : ''}"><a href="#${_changeId(index, c)}"><span class="sym" aria-hidden="true">${SYMBOL[ch.kind]}</span><span class="sr">${KIND_LABEL[ch.kind]}: </span>${esc(_snippet(ch))}</a></li>`,
      )
    }
    out.push(`</ol></div>`)
  }
  out.push(`</nav><div class="redline-wrap">`)

  // Metadata changes.
  const meta = changes.map((ch, c) => (ch.kind === 'metadata' ? c : -1)).filter((c) => c >= 0)
  if (meta.length > 0) {
    out.push(`<table class="meta-changes"><caption>Metadata</caption><thead><tr><th scope="col">Field</th><th scope="col">${esc(oldLabel)}</th><th scope="col">${esc(newLabel)}</th></tr></thead><tbody>`)
    for (const c of meta) {
      const ch = changes[c]!
      out.push(`<tr id="${_changeId(index, c)}" class="chg${ch.noise ? ' noise' : ''}"><th scope="row">${esc((ch.field ?? 'field').replace(/_/g, ' '))}</th><td><del>${esc(ch.old ?? '—')}</del></td><td><ins>${esc(ch.new ?? '—')}</ins></td></tr>`)
    }
    out.push(`</tbody></table>`)
  }

  // The redline.
  out.push(`<div class="redline" aria-label="Redline: ${esc(oldLabel)} against ${esc(newLabel)}">`)
  out.push(`<div class="rl head" aria-hidden="true"><div class="g"></div><div class="o">${esc(oldLabel)} <code>${esc(diff.old?.id)}</code></div><div class="n">${esc(newLabel)} <code>${esc(diff.new?.id)}</code></div></div>`)
  const renderRow = (r: Row, k: number): string => {
    if (r.type !== 'change') {
      const ob = r.o !== undefined ? oldBlocks[r.o] : undefined
      const nb = r.n !== undefined ? newBlocks[r.n] : undefined
      const cls = r.type === 'ctx' ? 'ctx' : 'plain'
      return `<div class="rl ${cls}"><div class="g"></div><div class="o">${ob ? _blockHtml(ob, esc(_blockText(ob))) : ''}</div><div class="n">${nb ? _blockHtml(nb, esc(_blockText(nb))) : ''}</div></div>`
    }
    return _changeRow(changes[r.c!]!, r, rowId[k]!, index, r.c!, oldBlocks, newBlocks, firstRow[r.c!]! >= 0 && fromRow[r.c!]! >= 0)
  }
  let k = 0
  while (k < rows.length) {
    // Collapse long runs of unchanged non-heading blocks, keeping one row of context each side.
    let end = k
    while (end < rows.length && rows[end]!.type === 'ctx' && oldBlocks[rows[end]!.o!]!.kind !== 'heading') end++
    const run = end - k
    if (run >= 4) {
      const keepHead = k === 0 ? 0 : 1
      const keepTail = end === rows.length ? 0 : 1
      for (let x = k; x < k + keepHead; x++) out.push(renderRow(rows[x]!, x))
      const hidden = run - keepHead - keepTail
      out.push(`<details class="same"><summary>${_plural(hidden, 'unchanged block')}</summary>`)
      for (let x = k + keepHead; x < end - keepTail; x++) out.push(renderRow(rows[x]!, x))
      out.push(`</details>`)
      for (let x = end - keepTail; x < end; x++) out.push(renderRow(rows[x]!, x))
      k = end
    } else if (run > 0) {
      for (let x = k; x < end; x++) out.push(renderRow(rows[x]!, x))
      k = end
    } else {
      out.push(renderRow(rows[k]!, k))
      k++
    }
  }
  if (oldBlocks.length === 0 && newBlocks.length === 0 && unplaced.length === 0) {
    out.push(`<div class="rl plain"><div class="g"></div><div class="o muted">(document text not in this release)</div><div class="n"></div></div>`)
  }
  out.push(`</div>`)
  if (unplaced.length > 0) {
    out.push(`<h3 class="unplaced-h">Changes not located in the document text</h3><div class="redline">`)
    for (const c of unplaced) out.push(_changeRow(changes[c]!, { type: 'change', c }, _changeId(index, c), index, c, oldBlocks, newBlocks, false))
    out.push(`</div>`)
  }
  out.push(`</div></div></section>`)
  return out.join('\n')
}

function _countSummary(changes: Change[]): Diff['summary'] {
  const s = { added: 0, removed: 0, changed: 0, moved: 0, metadata: 0, noise: 0 }
  for (const c of changes) {
    if (c.noise) s.noise++
    else if (c.kind in s) s[c.kind]++
  }
  return s
}

/** A short description of a change for the change list. */
function _snippet(ch: Change): string {
  if (ch.kind === 'metadata') return `${(ch.field ?? 'field').replace(/_/g, ' ')}: ${_truncate(ch.old ?? '—', 30)} → ${_truncate(ch.new ?? '—', 30)}`
  if (ch.kind === 'changed' && ch.words && ch.words.length > 0) {
    const del = ch.words.filter((w) => w.op === 'delete').map((w) => w.text).join(' ')
    const ins = ch.words.filter((w) => w.op === 'insert').map((w) => w.text).join(' ')
    const parts = [del && `“${_truncate(del, 40)}”`, ins && `“${_truncate(ins, 40)}”`].filter(Boolean)
    if (parts.length === 2) return `${parts[0]} → ${parts[1]}`
    if (ins) return `inserted ${parts[0]}`
    if (del) return `deleted ${parts[0]}`
  }
  return _truncate(ch.new ?? ch.old ?? '', 80)
}

/** Where each block's words lie, for finding the block of a place in time linear in the place's size. */
export class _BlockIndex {
  private readonly pages = new Map<number, { starts: number[]; ends: number[]; blocks: number[] }>()
  private readonly byText = new Map<string, number[]>()

  constructor(blocks: Block[], texts: string[]) {
    blocks.forEach((block, b) => {
      for (const t of block.tokens) {
        if (typeof t.page !== 'number') continue
        let page = this.pages.get(t.page)
        if (!page) this.pages.set(t.page, (page = { starts: [], ends: [], blocks: [] }))
        page.starts.push(t.start)
        page.ends.push(t.end)
        page.blocks.push(b)
      }
      const list = this.byText.get(texts[b]!) ?? []
      list.push(b)
      this.byText.set(texts[b]!, list)
    })
    for (const page of this.pages.values()) {
      const order = page.starts.map((_, k) => k).sort((x, y) => page.starts[x]! - page.starts[y]!)
      page.starts = order.map((k) => page.starts[k]!)
      page.ends = order.map((k) => page.ends[k]!)
      page.blocks = order.map((k) => page.blocks[k]!)
    }
  }

  /** The block a place falls on (most overlapping words), else an unclaimed block with the same text. */
  find(place: Place | undefined, claimed: Int32Array, text: string | null): number {
    const page = place && typeof place.page === 'number' ? this.pages.get(place.page) : undefined
    if (page && place) {
      // First word starting at or after the place, less the few before it that may overlap.
      const lo = lowerBound(page.starts.length, (i) => page.starts[i]! < place.start)
      let k = lo
      while (k > 0 && page.ends[k - 1]! > place.start && lo - k < 8) k--
      const overlap = new Map<number, number>()
      for (; k < page.starts.length && page.starts[k]! < place.end; k++) {
        if (page.ends[k]! > place.start) overlap.set(page.blocks[k]!, (overlap.get(page.blocks[k]!) ?? 0) + 1)
      }
      let best = -1
      let most = 0
      for (const [b, n] of overlap) {
        if (n > most || (n === most && b < best)) {
          best = b
          most = n
        }
      }
      if (best >= 0) return best
    }
    if (text) {
      for (const b of this.byText.get(text.replace(/\s+/g, ' ').trim()) ?? []) if (claimed[b]! < 0) return b
    }
    return -1
  }
}

/** Longest common subsequence of two key lists, as index pairs. */
export function _align(a: string[], b: string[]): Array<[number, number]> {
  let lo = 0
  while (lo < a.length && lo < b.length && a[lo] === b[lo]) lo++
  let ea = a.length
  let eb = b.length
  while (ea > lo && eb > lo && a[ea - 1] === b[eb - 1]) {
    ea--
    eb--
  }
  const pairs: Array<[number, number]> = []
  for (let x = 0; x < lo; x++) pairs.push([x, x])
  const n = ea - lo
  const m = eb - lo
  if (n > 0 && m > 0 && n * m <= MAX_ALIGN_CELLS) {
    const dp = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1))
    for (let x = n - 1; x >= 0; x--) {
      for (let y = m - 1; y >= 0; y--) {
        dp[x]![y] = a[lo + x] === b[lo + y] ? dp[x + 1]![y + 1]! + 1 : Math.max(dp[x + 1]![y]!, dp[x]![y + 1]!)
      }
    }
    let x = 0
    let y = 0
    while (x < n && y < m) {
      if (a[lo + x] === b[lo + y]) {
        pairs.push([lo + x, lo + y])
        x++
        y++
      } else if (dp[x + 1]![y]! >= dp[x]![y + 1]!) x++
      else y++
    }
  }
  for (let x = 0; x < a.length - ea; x++) pairs.push([ea + x, eb + x])
  return pairs
}

function _cap(text: string): string {
  return text.length > MAX_CHANGE_CHARS ? `${text.slice(0, MAX_CHANGE_CHARS)} … (${text.length - MAX_CHANGE_CHARS} more characters: see release.json)` : text
}

function _capOps(ops: WordOp[]): WordOp[] {
  return ops.length > MAX_CHANGE_OPS ? [...ops.slice(0, MAX_CHANGE_OPS), { op: 'equal', text: `… (${ops.length - MAX_CHANGE_OPS} more words: see release.json)` }] : ops
}

/** Word operations between two texts, for changes that carry none. */
export function _wordDiff(a: string, b: string): WordOp[] {
  const aw = a.split(/\s+/).filter(Boolean)
  const bw = b.split(/\s+/).filter(Boolean)
  const pairs = aw.length * bw.length <= MAX_WORD_CELLS ? _align(aw, bw) : []
  const ops: WordOp[] = []
  let x = 0
  let y = 0
  for (const [pa, pb] of [...pairs, [aw.length, bw.length] as [number, number]]) {
    while (x < pa) ops.push({ op: 'delete', text: aw[x++]! })
    while (y < pb) ops.push({ op: 'insert', text: bw[y++]! })
    if (pa < aw.length) ops.push({ op: 'equal', text: aw[pa]! })
    x = pa + 1
    y = pb + 1
  }
  return ops
}

/** A block's (already escaped) text dressed by its kind: heading, bullet, number, table row. */
export function _blockHtml(block: Block | undefined, inner: string): string {
  if (!block) return inner
  switch (block.kind) {
    case 'heading':
      return `<span class="bh">${block.marker ? esc(block.marker) + ' ' : ''}${inner}</span>`
    case 'bullet':
      return `<span class="bl l${block.level === 2 ? 2 : 1}">${inner}</span>`
    case 'numbered':
      return `<span class="bn"><span class="mk">${esc(block.marker ?? '')}</span> ${inner}</span>`
    case 'table-row': {
      if (inner !== esc(_blockText(block))) return `<span class="bt">${inner}</span>`
      const cells = _cellRanges(block).map(([from, to]) => esc(block.tokens.slice(from, to).map((t) => t.text).join(' ')))
      return `<span class="bt">${cells.map((c) => `<span class="cell">${c}</span>`).join('')}</span>`
    }
    default:
      return inner
  }
}

function _opsHtml(ops: WordOp[], side: 'old' | 'new'): string {
  const out: string[] = []
  for (const w of ops) {
    if (w.op === 'equal') out.push(esc(w.text))
    else if (w.op === 'delete' && side === 'old') out.push(`<del>${esc(w.text)}</del>`)
    else if (w.op === 'insert' && side === 'new') out.push(`<ins>${esc(w.text)}</ins>`)
  }
  // Adjacent marks of one kind read as one: `<del>a</del> <del>b</del>` -> `<del>a b</del>`.
  return out.join(' ').replace(/<\/del> <del>/g, ' ').replace(/<\/ins> <ins>/g, ' ')
}

function _changeRow(ch: Change, r: Row, id: string, d: number, c: number, oldBlocks: Block[], newBlocks: Block[], linked: boolean): string {
  const ob = r.o !== undefined ? oldBlocks[r.o] : undefined
  const nb = r.n !== undefined ? newBlocks[r.n] : undefined
  const oldText = _cap(ch.old ?? (ob ? _blockText(ob) : ''))
  const newText = _cap(ch.new ?? (nb ? _blockText(nb) : ''))
  const tags: string[] = []
  if (ch.noise) tags.push(`<span class="tag t-noise">OCR noise</span>`)
  if (ch.uncertain) tags.push(`<span class="tag t-unc" title="OCR damage makes this difference doubtful">uncertain</span>`)
  const tagHtml = tags.join(' ')
  let o = ''
  let n = ''
  const cls = ['rl', 'chg', `k-${ch.kind}`]
  if (ch.noise) cls.push('noise')
  const key = _changeId(d, c)
  if (ch.kind === 'moved') {
    const words = ch.words && ch.words.length > 0 ? _capOps(ch.words) : null
    const oldHtml = words ? _opsHtml(words, 'old') : esc(oldText)
    const newHtml = words ? _opsHtml(words, 'new') : esc(newText)
    const to = esc(ch.section?.new ?? 'its new place')
    const from = esc(ch.section?.old ?? 'its old place')
    if (r.n === undefined && r.o !== undefined) {
      o = `<div class="mv">${_blockHtml(ob, oldHtml)}</div><p class="mvnote">${linked ? `<a href="#${key}">Moved to ${to} ↓</a>` : `Moved to ${to}`}</p>`
      n = `<p class="gapnote">moved away</p>`
    } else if (r.o === undefined && r.n !== undefined) {
      n = `<div class="mv">${_blockHtml(nb, newHtml)}</div><p class="mvnote">${linked ? `<a href="#${key}-from">Moved from ${from} ↑</a>` : `Moved from ${from}`}</p>`
      o = `<p class="gapnote">moved here</p>`
    } else {
      o = `<div class="mv">${_blockHtml(ob, oldHtml)}</div><p class="mvnote">Moved from ${from}</p>`
      n = `<div class="mv">${_blockHtml(nb, newHtml)}</div><p class="mvnote">Moved to ${to}</p>`
    }
  } else if (ch.kind === 'added' || (r.o === undefined && r.n !== undefined && ch.kind !== 'removed')) {
    n = `<div class="whole ins">${_blockHtml(nb, esc(newText))}</div>`
    cls.push('only-new')
  } else if (ch.kind === 'removed' || (r.n === undefined && r.o !== undefined)) {
    o = `<div class="whole del">${_blockHtml(ob, esc(oldText))}</div>`
    cls.push('only-old')
  } else {
    const ops = _capOps(ch.words && ch.words.length > 0 ? ch.words : _wordDiff(oldText, newText))
    o = _blockHtml(ob, _opsHtml(ops, 'old'))
    n = _blockHtml(nb, _opsHtml(ops, 'new'))
  }
  // Screen readers hear which side each cell is.
  if (o) o = `<span class="sr">Old: </span>${o}`
  if (n) n = `<span class="sr">New: </span>${n}`
  const label = `${KIND_LABEL[ch.kind]}${ch.noise ? ' (OCR noise)' : ''}`
  return `<div class="${cls.join(' ')}" id="${esc(id)}" tabindex="-1"><div class="g"><span class="sym" title="${label}" aria-label="${label}">${SYMBOL[ch.kind]}</span></div><div class="o">${o}</div><div class="n">${n}${tagHtml ? `<p class="tags">${tagHtml}</p>` : ''}</div></div>`
}
