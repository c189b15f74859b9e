// The data model shared by every stage. Offsets are 0-based UTF-16 code unit
// offsets into one page's `source`, end exclusive (CONTRACT.md).

/** A problem found in the input: a message, never an exception (vfile style). */
export interface Issue {
  severity: 'error' | 'warning' | 'info'
  /** The stage that found it: `pages`, `layout`, `correct`, `segment`, `ocr`, … */
  source: string
  /** Stable machine name of the rule, such as `unknown-word` or `encoding`. */
  ruleId: string
  message: string
  /** The input file, where known. */
  file?: string
  page?: number
  start?: number
  end?: number
  /** What stood there. */
  actual?: string
  /** What was expected or suggested. */
  expected?: string[]
}

/** What every public function returns: never throws on a document problem. */
export interface Result<T> {
  value: T
  issues: Issue[]
}

/** A source range on one page. */
export interface Place {
  page: number
  start: number
  end: number
}

/** One OCR word, with its place in the page source and on the image. */
export interface WordBox {
  text: string
  start: number
  end: number
  /** [x0, y0, x1, y1] in image pixels. */
  bbox: [number, number, number, number]
  /** 0-100. */
  confidence: number
}

export type FurnitureKind =
  | 'letterhead'
  | 'sidebar'
  | 'stamp'
  | 'page-number'
  | 'title-block'
  | 'header'
  | 'noise'
  | 'other'

/** A piece of page furniture: not part of the body text. */
export interface Furniture {
  start: number
  end: number
  kind: FurnitureKind
  /** For a labelled field (sidebar `Datum`, e-mail `Van:`): its normalised name (`date`, `reference`, `from`…). */
  field?: string
}

export type PageMethod = 'text' | 'text-layer' | 'ocr'

export interface Page {
  index: number
  /** The original page text, untouched. */
  source: string
  method: PageMethod
  /** OCR mean confidence (0-100), where OCR ran. */
  confidence?: number
  /** Where OCR ran: every word with its box. */
  words?: WordBox[]
  /** The input file the page came from. */
  file?: string
  /** Id of the document the page belongs to; null for a noise page. */
  document: string | null
  /** 1-based page number inside its document. */
  pageOfDocument: number | null
  furniture: Furniture[]
}

/** What the layout stage decided for one span of a page. */
export type SpanRole = 'body' | 'furniture' | 'annotation' | 'redaction'

export interface LayoutSpan {
  start: number
  end: number
  role: SpanRole
  /** For furniture. */
  kind?: FurnitureKind
  /** For a labelled field: the field name (`date`, `reference`, `to`, `title`, `status`, …). */
  field?: string
  /** For a labelled field: true on the span that holds the value (not the label). */
  value?: boolean
  /** For a redaction: the normalised Woo ground (`5.1.2e`), or null when only a blank field shows it. */
  ground?: string | null
}

/** One page after layout: every non-whitespace character lies in exactly one span. */
export interface PageLayout {
  page: number
  spans: LayoutSpan[]
  /** Labelled fields the page shows (value text as printed, trimmed), first occurrence wins. */
  fields: Record<string, string>
  /** Copy stamps seen on the page, as printed (`MAPP`, `MSZ W`). */
  stamps: string[]
  /** `Pagina N van M` when printed. */
  pageNumber?: { n: number; of: number }
  /** True when the page holds no body text at all. */
  empty: boolean
}

/**
 * One word of body text. `text` is the word as cleaned; `source.slice(start, end)`
 * on page `page` is what the scan said (it may span a line break, for a word joined
 * over a hyphen). Where `text` differs from the source, a Correction records why.
 */
export interface Token {
  text: string
  page: number
  start: number
  end: number
  /** OCR confidence 0-100, where OCR ran. */
  confidence?: number
}

export type BlockKind = 'heading' | 'paragraph' | 'bullet' | 'numbered' | 'table-row'

export interface Block {
  kind: BlockKind
  /** Heading: 2 for a section, 3 for a sub-section. Bullet: 1 or 2. Otherwise 0. */
  level: number
  /** Body words in reading order. For a table row, all cells' words, cell by cell. */
  tokens: Token[]
  /** For a table row: how many tokens each cell has (sums to tokens.length). */
  cells?: number[]
  /** For a numbered item or a numbered heading: the number as printed (`1.`, `3a`). */
  marker?: string
}

export type DocumentKind = 'nota' | 'email' | 'memo' | 'letter' | 'other'

export interface Metadata {
  kind: DocumentKind
  title: string | null
  to: string | null
  date: string | null
  organisation: string | null
  directorate: string | null
  reference: string | null
  status: string | null
  attachments_count: number | null
  from: string | null
  subject: string | null
}

export interface Annotation {
  page: number
  start: number
  end: number
  text: string
}

export interface Redaction {
  page: number
  start: number
  end: number
  /** Normalised Woo/Wob ground, or null where a field is blank without a printed ground. */
  ground: string | null
}

export interface Document {
  id: string
  pages: number[]
  metadata: Metadata
  /** Metadata fields read from damaged OCR. */
  uncertain: string[]
  copy: string | null
  text: string
  markdown: string
  copyOf: string | null
  annotations: Annotation[]
  redactions: Redaction[]
  blocks: Block[]
}

export interface Correction {
  page: number
  start: number
  end: number
  before: string
  after: string
  /** `lexicon`, `confusion`, `split`, `merge`, `accent`, `release`, `glyph`, `hyphen`, … */
  rule: string
  confidence: number
}

export interface GroupSource {
  /** Range in the group's consensus text. */
  start: number
  end: number
  document: string
  page: number
  pageStart: number
}

export interface Group {
  canonical: string
  members: string[]
  similarity: number
  metadata: Metadata
  text: string
  sources: GroupSource[]
  /** Why the canonical copy was chosen. */
  reason?: string
  /** Per non-canonical or canonical member: what it adds beyond the consensus. */
  additions?: Array<{ document: string; page: number; start: number; end: number; text: string; kind: 'annotation' | 'stamp' | 'text' }>
}

export interface VersionChain {
  documents: string[]
  reason: string
}

export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved' | 'metadata'

export interface WordOp {
  op: 'equal' | 'insert' | 'delete'
  text: string
  /** True on an insert or delete that OCR noise explains (a confusion, a split word). */
  noise?: boolean
  old?: Place
  new?: Place
}

export interface Change {
  kind: ChangeKind
  field?: string
  section: { old: string | null; new: string | null }
  old: string | null
  new: string | null
  noise: boolean
  uncertain: boolean
  words?: WordOp[]
  oldPlace?: Place
  newPlace?: Place
}

export interface DiffSummary {
  added: number
  removed: number
  changed: number
  moved: number
  metadata: number
  noise: number
}

export interface Diff {
  old: { id: string; metadata: Metadata }
  new: { id: string; metadata: Metadata }
  summary: DiffSummary
  changes: Change[]
}

export interface Release {
  version: 1
  pages: Page[]
  documents: Document[]
  groups: Group[]
  versions: VersionChain[]
  diffs: Diff[]
  corrections: Correction[]
  issues: Issue[]
}

export interface OcrResult {
  version: 1
  pages: Array<Pick<Page, 'index' | 'source' | 'method' | 'confidence' | 'words'> & { file?: string }>
}

export interface EvalDocument {
  id: string
  gold: string
  cer: number
  wer: number
  cerBefore: number
  werBefore: number
  /** Block-level structure against the gold: headings, paragraphs, bullets with their level, table rows. */
  structure?: { precision: number; recall: number; blocks: number; goldBlocks: number }
}

export interface EvalResult {
  documents: EvalDocument[]
}
