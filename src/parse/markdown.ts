import type { Block, BlockKind, Metadata, Token } from '../types.js'

/** The metadata keys, in the order the gold front matter writes them. */
export const METADATA_KEYS = [
  'title', 'kind', 'status', 'to', 'date', 'organisation', 'directorate', 'reference', 'attachments_count', 'from', 'subject',
] as const

export function emptyMetadata(kind: Metadata['kind'] = 'other'): Metadata {
  return {
    kind, title: null, to: null, date: null, organisation: null, directorate: null, reference: null,
    status: null, attachments_count: null, from: null, subject: null,
  }
}

/** A block's text: its words joined by single spaces (a table row: its cells, in order). */
export function blockText(block: Block): string {
  return block.tokens.map((token) => token.text).join(' ')
}

/**
 * The number to print before a block's words, or `''`: mostly the number is the block's
 * first word already (as printed); only a marker kept apart is written out.
 */
export function markerApart(block: Block): string {
  return block.marker && block.tokens[0]?.text !== block.marker ? block.marker : ''
}

/** A table row's cells as strings. */
export function blockCells(block: Block): string[] {
  if (!block.cells) return [blockText(block)]
  const cells: string[] = []
  let at = 0
  for (const count of block.cells) {
    cells.push(block.tokens.slice(at, at + count).map((token) => token.text).join(' '))
    at += count
  }
  return cells
}

/** The plain text of a document: one block a paragraph, blocks separated by a blank line. */
export function blocksToText(blocks: Block[]): string {
  return _blockTexts(blocks).join('\n\n')
}

/**
 * Each block's plain text, as blocksToText joins them (a table row: its cells that hold words).
 * The same texts write the markdown of blocks left unchanged since (_toMarkdown).
 */
export function _blockTexts(blocks: Block[]): string[] {
  return blocks.map((block) => (block.kind === 'table-row' ? blockCells(block).filter(Boolean).join(' ') : blockText(block)))
}

export interface ParsedMarkdown {
  id: string | null
  metadata: Metadata
  blocks: Block[]
  /** The markdown body after the front matter, as a string the tokens' offsets point into (page 0 = the whole file). */
  source: string
}

/**
 * Read a document in the gold markdown format (CONTRACT.md). Tokens point into the
 * file itself, as page 0, so a markdown input has provenance like any other.
 */
export function parseMarkdown(markdown: string): ParsedMarkdown {
  const metadata = emptyMetadata()
  let id: string | null = null
  let bodyStart = 0
  const lines = _splitLines(markdown)
  let lineIndex = 0
  if (lines.length > 0 && lines[0]!.text.trim() === '---') {
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!
      if (line.text.trim() === '---') {
        lineIndex = i + 1
        bodyStart = lines[i + 1]?.start ?? markdown.length
        break
      }
      const match = /^([a-z_]+):(.*)$/.exec(line.text)
      if (!match) continue
      const key = match[1]!
      const value = _yamlScalar(match[2]!)
      if (key === 'id') id = typeof value === 'string' ? value : null
      else if (key in metadata) {
        if (key === 'attachments_count') metadata.attachments_count = typeof value === 'number' ? value : null
        else if (key === 'kind') metadata.kind = (typeof value === 'string' ? value : 'other') as Metadata['kind']
        else (metadata as unknown as Record<string, unknown>)[key] = value === null ? null : String(value)
      }
    }
  }
  void bodyStart
  const blocks: Block[] = []
  for (let i = lineIndex; i < lines.length; i++) {
    const { text, start } = lines[i]!
    if (text.trim() === '') continue
    let match: RegExpExecArray | null
    if ((match = /^(#{2,6}) +/.exec(text))) {
      const tokens = _tokenize(text, start, match[0].length)
      const marker = /^\d+[a-z]?\.?$/.test(tokens[0]?.text ?? '') ? tokens[0]!.text : undefined
      blocks.push(_block('heading', Math.min(match[1]!.length, 3), tokens, marker))
    } else if ((match = /^( *)[-*+] +/.exec(text))) {
      blocks.push(_block('bullet', Math.floor(match[1]!.length / 2) + 1, _tokenize(text, start, match[0].length)))
    } else if ((match = /^ *(\d+[a-z]?[.)]) +/.exec(text))) {
      blocks.push(_block('numbered', 1, _tokenize(text, start, match[0].length - match[1]!.length - 1), match[1]))
    } else if (text.trimStart().startsWith('|')) {
      if (/^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$/.test(text)) continue
      const tokens: Token[] = []
      const cells: number[] = []
      let cellStart = text.indexOf('|') + 1
      for (;;) {
        const bar = text.indexOf('|', cellStart)
        if (bar < 0) break
        const cellTokens = _tokenize(text.slice(0, bar), start, cellStart)
        tokens.push(...cellTokens)
        cells.push(cellTokens.length)
        cellStart = bar + 1
      }
      blocks.push({ kind: 'table-row', level: 0, tokens, cells })
    } else {
      blocks.push(_block('paragraph', 0, _tokenize(text, start, 0)))
    }
  }
  return { id, metadata, blocks, source: markdown }
}

/** Write a document in the gold markdown format. */
export function toMarkdown(id: string, metadata: Metadata, blocks: Block[]): string {
  return _toMarkdown(id, metadata, blocks)
}

/**
 * toMarkdown, given the blocks' texts where they were already read (_blockTexts of these
 * very blocks, unchanged since): a document's words are then joined once, not twice.
 */
export function _toMarkdown(id: string, metadata: Metadata, blocks: Block[], texts?: string[]): string {
  const front = ['---', `id: ${id}`]
  for (const key of METADATA_KEYS) {
    const value = metadata[key]
    if ((key === 'from' || key === 'subject') && value === null) continue
    front.push(`${key}: ${_yamlValue(key, value)}`)
  }
  front.push('---', '')
  const out: string[] = []
  let previous: BlockKind | null = null
  let tableColumns = 0
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!
    const tight = (previous === 'bullet' && block.kind === 'bullet') || (previous === 'table-row' && block.kind === 'table-row') ||
      (previous === 'numbered' && block.kind === 'numbered')
    if (out.length > 0 && !tight) out.push('')
    switch (block.kind) {
      case 'heading':
        out.push(`${'#'.repeat(Math.max(2, block.level))} ${texts ? texts[b]! : blockText(block)}`)
        break
      case 'bullet':
        out.push(`${'  '.repeat(Math.max(0, block.level - 1))}- ${texts ? texts[b]! : blockText(block)}`)
        break
      case 'numbered': {
        const marker = markerApart(block)
        const text = texts ? texts[b]! : blockText(block)
        out.push(marker ? `${marker} ${text}` : text)
        break
      }
      case 'table-row': {
        const cells = blockCells(block).map((cell) => cell.replace(/\|/g, '\\|'))
        out.push(`| ${cells.join(' | ')} |`)
        if (previous !== 'table-row') {
          tableColumns = cells.length
          out.push(`|${' --- |'.repeat(tableColumns)}`)
        }
        break
      }
      default:
        out.push(texts ? texts[b]! : blockText(block))
    }
    previous = block.kind
  }
  return front.join('\n') + '\n' + out.join('\n') + '\n'
}

function _block(kind: BlockKind, level: number, tokens: Token[], marker?: string): Block {
  return marker === undefined ? { kind, level, tokens } : { kind, level, tokens, marker }
}

/** Split `text` from `from` on whitespace into tokens whose offsets are `base + index`. */
function _tokenize(text: string, base: number, from: number): Token[] {
  const tokens: Token[] = []
  const pattern = /\S+/g
  pattern.lastIndex = from
  let match: RegExpExecArray | null
  while ((match = pattern.exec(text))) {
    tokens.push({ text: match[0], page: 0, start: base + match.index, end: base + match.index + match[0].length })
  }
  return tokens
}

function _splitLines(text: string): Array<{ text: string; start: number }> {
  const lines: Array<{ text: string; start: number }> = []
  let start = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    const raw = text.slice(start, end)
    lines.push({ text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, start })
    start = end + 1
  }
  return lines
}

function _yamlScalar(raw: string): string | number | null {
  let value = raw.trim()
  if (value.startsWith('"')) {
    const end = value.indexOf('"', 1)
    return end > 0 ? value.slice(1, end) : value.slice(1)
  }
  if (value.startsWith("'")) {
    const end = value.indexOf("'", 1)
    return end > 0 ? value.slice(1, end) : value.slice(1)
  }
  const hash = value.search(/\s#/)
  if (hash >= 0) value = value.slice(0, hash).trim()
  if (value === '' || value === 'null' || value === '~') return null
  if (/^-?\d+$/.test(value)) return Number(value)
  return value
}

function _yamlValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'number') return String(value)
  if (key === 'kind' || key === 'date') return String(value)
  return JSON.stringify(String(value))
}
