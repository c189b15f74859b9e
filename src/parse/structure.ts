// Block-level structure scores: how many of a document's blocks (headings,
// paragraphs, bullets with their level, table rows) match the gold's, in order.
import { distance } from 'fastest-levenshtein'
import type { Block } from '../types.js'
import { blockCells, blockText } from './markdown.js'

export interface StructureScore {
  precision: number
  recall: number
  matched: number
  blocks: number
  goldBlocks: number
}

/** Text similarity at which two blocks of the same kind and level count as the same block. */
const SAME_BLOCK = 0.85

function _key(block: Block): string {
  return block.kind === 'table-row' ? 'table-row' : `${block.kind}:${block.kind === 'paragraph' || block.kind === 'numbered' ? 0 : block.level}`
}

function _text(block: Block): string {
  const text = block.kind === 'table-row' ? blockCells(block).join(' ') : blockText(block)
  return text.toLowerCase().replace(/\s+/g, ' ').trim()
}

function _similar(a: string, b: string): boolean {
  const longest = Math.max(a.length, b.length)
  if (longest === 0) return true
  // A cheap bound before the edit distance: lengths far apart cannot be similar.
  if (Math.min(a.length, b.length) / longest < SAME_BLOCK) return false
  return 1 - distance(a, b) / longest >= SAME_BLOCK
}

/** Longest common subsequence of blocks, equal when kind, level and most of the text agree. */
export function scoreStructure(blocks: Block[], gold: Block[]): StructureScore {
  const a = blocks.map((b) => ({ key: _key(b), text: _text(b) }))
  const b = gold.map((g) => ({ key: _key(g), text: _text(g) }))
  const n = a.length
  const m = b.length
  const table: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = a[i]!.key === b[j]!.key && _similar(a[i]!.text, b[j]!.text)
        ? table[i + 1]![j + 1]! + 1
        : Math.max(table[i + 1]![j]!, table[i]![j + 1]!)
    }
  }
  const matched = n && m ? table[0]![0]! : 0
  return { precision: n ? matched / n : 1, recall: m ? matched / m : 1, matched, blocks: n, goldBlocks: m }
}
