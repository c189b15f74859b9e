// The main job: a whole Woo release in, documents out. Runs the pipeline
// pages -> layout -> segment -> normalize -> correct -> dedupe -> diff, keeping
// every change traceable to its place in the source.
import type {
  Annotation, Block, Correction, Diff, Document, Furniture, Issue, Page, PageLayout, Redaction, Release, Result,
} from './types.js'
import { readText, textToPages } from './pages/index.js'
import { analyzeLayout, type GeometryHint } from './layout/index.js'
import { geometryHints } from './layout/geometry.js'
import { segmentRelease, assignIds } from './segment/index.js'
import { buildBlocks } from './normalize/blocks.js'
import { correctBlocks } from './correct/index.js'
import { loadLexicon } from './correct/lexicon.js'
import { dedupe } from './dedupe/index.js'
import { reconcileStructure } from './dedupe/structure.js'
import { diffDocuments } from "./diff/index.js"
import { _blockTexts, _toMarkdown, blocksToText, emptyMetadata, parseMarkdown } from './parse/markdown.js'
import { _expectKnownOptions, _expectType } from './issue.js'

/** One input of a release: raw bytes or text of a file, markdown in the gold format, or pages from OCR. */
export type ReleaseInput =
  | string
  | { name: string; data: Uint8Array | string }
  | { name: string; markdown: string }
  | { name: string; pages: Array<Pick<Page, 'source' | 'method'> & Partial<Pick<Page, 'confidence' | 'words'>>> }

export interface ReleaseOptions {
  /** Extra lexicon words (a user word list). Default: none. */
  words?: string[]
  /** Correct OCR errors at word level. Default: true. */
  correct?: boolean
  /** Group copies and find version chains. Default: true. */
  dedupe?: boolean
  /** Diff each version chain pair by pair. Default: true. */
  diff?: boolean
  /** Word-alignment similarity (0-1) for two documents to be copies. Default: 0.6. */
  threshold?: number
  /** Geometry hints per page. Default: from the page's OCR word boxes where it has them (sidebar column, letterhead, page number). */
  hints?: (page: Page) => GeometryHint[]
}

const OPTIONS = ['words', 'correct', 'dedupe', 'diff', 'threshold', 'hints'] as const

/** Process a release. Never throws on a document problem: problems are issues. */
export function release(inputs: ReleaseInput | ReleaseInput[], options: ReleaseOptions = {}): Result<Release> {
  _expectKnownOptions(options, OPTIONS, 'release')
  _expectType('threshold', options.threshold, 'number')
  if (options.words !== undefined && !Array.isArray(options.words)) {
    throw new TypeError(`Expected \`words\` to be an array of strings, got \`${typeof options.words}\``)
  }
  const list = Array.isArray(inputs) ? inputs : [inputs]
  const issues: Issue[] = []
  const pages: Page[] = []
  const markdownDocs: Array<{ page: number; markdown: string }> = []
  for (const input of list) {
    if (typeof input === 'string') {
      pages.push(...textToPages(input, undefined, pages.length))
    } else if (input && typeof input === 'object' && 'markdown' in input) {
      pages.push({ index: pages.length, source: input.markdown, method: 'text', file: input.name, document: null, pageOfDocument: null, furniture: [] })
      markdownDocs.push({ page: pages.length - 1, markdown: input.markdown })
    } else if (input && typeof input === 'object' && 'pages' in input) {
      for (const page of input.pages) {
        pages.push({ ...page, index: pages.length, file: input.name, document: null, pageOfDocument: null, furniture: [] })
      }
    } else if (input && typeof input === 'object' && 'data' in input) {
      const bytes = typeof input.data === 'string' ? new TextEncoder().encode(input.data) : input.data
      const read = readText(bytes, input.name, pages.length)
      issues.push(...read.issues)
      pages.push(...read.value)
    } else {
      throw new TypeError(`Expected an input to be a string or { name, data | markdown | pages }, got \`${typeof input}\``)
    }
  }
  const value = _process(pages, markdownDocs, options, issues)
  return { value, issues: [...issues, ...value.issues.filter((issue) => !issues.includes(issue))] }
}

/** The clean-up only: no grouping of copies, no diffs. */
export function clean(inputs: ReleaseInput | ReleaseInput[], options: Omit<ReleaseOptions, 'dedupe' | 'diff'> = {}): Result<Release> {
  _expectKnownOptions(options, OPTIONS, 'clean')
  return release(inputs, { ...options, dedupe: false, diff: false })
}

function _process(pages: Page[], markdownDocs: Array<{ page: number; markdown: string }>, options: ReleaseOptions, issues: Issue[]): Release {
  const markdownPages = new Set(markdownDocs.map((doc) => doc.page))
  // Loaded on the first word looked up: input that yields no document does not pay for it.
  let lexicon: ReturnType<typeof loadLexicon> | null = null
  const layouts: PageLayout[] = pages.map((page) =>
    markdownPages.has(page.index)
      ? { page: page.index, spans: [{ start: 0, end: page.source.length, role: 'body' }], fields: {}, stamps: [], empty: false }
      : analyzeLayout(page, options.hints ? options.hints(page) : page.words?.length ? geometryHints(page) : []),
  )
  const textPages = pages.filter((page) => !markdownPages.has(page.index))
  const segmentation = segmentRelease(textPages, layouts.filter((layout) => !markdownPages.has(layout.page)), {
    lexicon: { has: (word: string) => (lexicon ??= loadLexicon()).has(word) },
  })
  issues.push(...segmentation.issues)

  const corrections: Correction[] = []
  interface Draft { doc: Omit<Document, 'text' | 'markdown' | 'blocks'>; blocks: Block[]; hash: string }
  const drafts: Draft[] = []
  for (const segmented of segmentation.documents) {
    const docPages = segmented.pages.map((index) => pages[index]!)
    const docLayouts = segmented.pages.map((index) => layouts[index]!)
    const built = buildBlocks(docPages, docLayouts, { isWord: (word) => (lexicon ??= loadLexicon()).has(word) })
    corrections.push(...built.corrections)
    drafts.push({
      doc: {
        id: segmented.id, pages: segmented.pages, metadata: segmented.metadata, uncertain: segmented.uncertain,
        copy: segmented.copy, copyOf: null, annotations: _annotations(docPages, docLayouts),
        redactions: _redactions(segmented.redactions, docPages, docLayouts),
      },
      blocks: built.blocks,
      hash: segmented.hash,
    })
  }
  for (const { page, markdown } of markdownDocs) {
    const parsed = parseMarkdown(markdown)
    const blocks = parsed.blocks.map((block) => ({ ...block, tokens: block.tokens.map((token) => ({ ...token, page })) }))
    drafts.push({
      doc: {
        id: parsed.id ?? '', pages: [page], metadata: { ...emptyMetadata('other'), ...parsed.metadata }, uncertain: [],
        copy: null, copyOf: null, annotations: [], redactions: [],
      },
      blocks,
      hash: String(markdown.length) + ':' + markdown.slice(0, 64),
    })
  }

  if (options.correct !== false && drafts.length > 0) {
    const corrected = correctBlocks(drafts.map((draft) => draft.blocks), { ...(options.words ? { words: options.words } : {}), pages })
    corrected.blocks.forEach((blocks, k) => (drafts[k]!.blocks = blocks))
    corrections.push(...corrected.corrections)
    issues.push(...corrected.issues)
  }

  // Each block's text is read once: for the document's text here, and for its markdown below unless dedupe changes blocks.
  const texts = drafts.map((draft) => _blockTexts(draft.blocks))
  let documents: Document[] = drafts.map((draft, k) => ({
    ...draft.doc,
    text: texts[k]!.join('\n\n'),
    markdown: '',
    blocks: draft.blocks,
  }))
  const release: Release = { version: 1, pages, documents, groups: [], versions: [], diffs: [], corrections: [], issues: [] }
  const deduping = options.dedupe !== false && documents.length > 1
  if (deduping) {
    const deduped = dedupe(documents, options.threshold === undefined ? {} : { threshold: options.threshold })
    documents = deduped.documents
    release.groups = deduped.groups
    release.versions = deduped.versions
    issues.push(...deduped.issues)
    for (const group of release.groups) {
      const blocks = deduped.consensus.get(group.canonical)
      if (blocks) (group as typeof group & { blocks?: Block[] }).blocks = blocks
    }
    _structureFromGroups(release.groups, documents, corrections, issues)
  }
  // Ids come from content: metadata that the group filled in may change them.
  const ids = assignIds(documents.map((doc, k) => ({ metadata: doc.metadata, hash: drafts[k]?.hash ?? doc.id })))
  release.issues = issues
  _renameIds(release, documents, ids)
  documents.forEach((doc, k) => {
    const same = !deduping && doc.blocks === drafts[k]!.blocks
    doc.markdown = _toMarkdown(doc.id, doc.metadata, doc.blocks, same ? texts[k] : undefined)
  })
  release.documents = documents
  for (const doc of documents) {
    doc.pages.forEach((index, k) => {
      pages[index]!.document = doc.id
      pages[index]!.pageOfDocument = k + 1
    })
  }
  pages.forEach((page, k) => (page.furniture = _furniture(layouts[k]!, page)))

  if (options.diff !== false) {
    const byId = new Map(documents.map((doc) => [doc.id, doc]))
    const diffs: Diff[] = []
    for (const chain of release.versions) {
      for (let k = 0; k + 1 < chain.documents.length; k++) {
        const a = byId.get(chain.documents[k]!)
        const b = byId.get(chain.documents[k + 1]!)
        if (a && b) diffs.push(diffDocuments(a, b))
      }
    }
    release.diffs = diffs
  }
  release.corrections = corrections.sort((a, b) => a.page - b.page || a.start - b.start || a.end - b.end)
  release.issues = issues
  return release
}

/**
 * Each copy of a group takes the structure another copy shows and it lost: a bullet
 * glyph, a heading number, a line printed without a glyph (src/dedupe/structure.ts).
 */
function _structureFromGroups(groups: Release['groups'], documents: Document[], corrections: Correction[], issues: Issue[]): void {
  const byId = new Map(documents.map((doc, k) => [doc.id, k]))
  for (const group of groups) {
    // The canonical copy first: it is consulted first where a group has many copies.
    const ids = [group.canonical, ...group.members.filter((id) => id !== group.canonical)]
    const members = ids.map((id) => byId.get(id)).filter((k): k is number => k !== undefined)
    const result = reconcileStructure(members.map((k) => {
      const doc = documents[k]!
      return { id: doc.id, blocks: doc.blocks, copy: doc.copy, ...(doc.pages.length > 0 ? { page: doc.pages[0]! } : {}) }
    }))
    members.forEach((k, m) => {
      const blocks = result.blocks[m]!
      if (blocks === documents[k]!.blocks) return
      documents[k] = { ...documents[k]!, blocks, text: blocksToText(blocks) }
    })
    corrections.push(...result.corrections)
    issues.push(...result.issues)
  }
}

function _renameIds(release: Release, documents: Document[], ids: string[]): void {
  const map = new Map<string, string>()
  documents.forEach((doc, k) => {
    map.set(doc.id, ids[k]!)
  })
  const rename = (id: string): string => map.get(id) ?? id
  documents.forEach((doc, k) => {
    doc.id = ids[k]!
    if (doc.copyOf) doc.copyOf = rename(doc.copyOf)
  })
  for (const group of release.groups) {
    group.canonical = rename(group.canonical)
    group.members = group.members.map(rename)
    for (const source of group.sources) source.document = rename(source.document)
    for (const addition of group.additions ?? []) addition.document = rename(addition.document)
  }
  for (const chain of release.versions) chain.documents = chain.documents.map(rename)
  // Messages written before the rename name the old ids: name the new ones (longest first, so `x~2` is not read as `x`).
  const changed = [...map].filter(([from, to]) => from !== to).sort((a, b) => b[0].length - a[0].length)
  if (changed.length === 0) return
  // An id is matched whole: `nota-…-aanbie` (an id read from a damaged title) is no id inside `nota-…-aanbieding`.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}~_-])(?:${changed.map(([from]) => from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}~_-])`, 'gu')
  const byOld = new Map(changed)
  for (const issue of release.issues) issue.message = issue.message.replace(pattern, (id) => byOld.get(id) ?? id)
}

function _furniture(layout: PageLayout, page: Page): Furniture[] {
  // A page of pure noise joins no document: its text is kept as furniture of kind `noise`, so nothing is lost.
  const noise = page.document === null
  const spans = noise && layout.spans.length === 0 && page.source.trim() !== ''
    ? [{ start: page.source.search(/\S/), end: page.source.trimEnd().length, role: 'body' as const }]
    : layout.spans
  // One pass, no spread per span: every page of the release goes through here.
  const out: Furniture[] = []
  for (const span of spans) {
    if (span.role === 'furniture') {
      const item: Furniture = { start: span.start, end: span.end, kind: span.kind ?? 'other' }
      if (span.field) item.field = span.field
      out.push(item)
    } else if (noise && span.end > span.start) {
      out.push({ start: span.start, end: span.end, kind: 'noise' })
    }
  }
  return out
}

function _annotations(pages: Page[], layouts: PageLayout[]): Annotation[] {
  const out: Annotation[] = []
  layouts.forEach((layout, k) => {
    for (const span of layout.spans) {
      if (span.role === 'annotation') out.push({ page: layout.page, start: span.start, end: span.end, text: pages[k]!.source.slice(span.start, span.end) })
    }
  })
  return out
}

function _redactions(found: Redaction[], pages: Page[], layouts: PageLayout[]): Redaction[] {
  void pages
  if (found.length > 0) return found
  const out: Redaction[] = []
  for (const layout of layouts) {
    for (const span of layout.spans) {
      if (span.role === 'redaction') out.push({ page: layout.page, start: span.start, end: span.end, ground: span.ground ?? null })
    }
  }
  return out
}
