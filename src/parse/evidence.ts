// What the scan itself showed of a block's structure, as the parse stage saw
// it: a bullet glyph, a printed number, a known name, or nothing but layout
// and context. Copies of one document lose different marks; knowing which
// kind and level a copy read from a mark and which it guessed lets the group
// reconcile them (src/dedupe/structure.ts).
//
// Kept under a symbol: it travels with a block through `{ ...block }` copies,
// and stays out of the JSON (JSON.stringify and structuredClone skip symbol keys).
import type { Block } from '../types.js'

export interface Shown {
  /** The bullet glyph the block's first line opened with: 1 (`•` as OCR prints it), 2 (`◦`, `o`), 0 none. */
  glyph: 0 | 1 | 2
  /**
   * What decided the block's kind: a printed mark (`glyph`, `number`), its words (`name`: a known
   * section heading or an attachment title; `table`: a row of the attachment table), or only layout
   * and context (`layout`: a paragraph, or a heading or bullet whose mark the scan may have lost).
   */
  by: 'glyph' | 'number' | 'name' | 'table' | 'layout'
  /** The level came from the blocks before (a sub-bullet under an item that ends in a colon), not from the mark alone. */
  context?: boolean
  /** Where each later line of the block starts: the page and the source offset of its first word. */
  lines?: Array<[number, number]>
  /** Kind, level or marker taken over from another copy of the document (src/dedupe/structure.ts). */
  from?: string
}

const SHOWN: unique symbol = Symbol('wooscan.shown')

type WithShown = Block & { [SHOWN]?: Shown }

/** What the scan showed of this block's structure, where the parse stage recorded it. */
export function shownOf(block: Block): Shown | undefined {
  return (block as WithShown)[SHOWN]
}

/** Record what the scan showed of a block's structure (replaces what was recorded). */
export function setShown(block: Block, shown: Shown): void {
  ;(block as WithShown)[SHOWN] = shown
}
