// Tesseract's block tree -> one page `source` string and its words, so that every
// word's start/end indexes the source exactly: words of a line joined by a space,
// lines by '\n', paragraphs and blocks by a blank line.
import type { WordBox } from '../types.js'

interface _TessBox {
  x0: number
  y0: number
  x1: number
  y1: number
}
interface _TessWord {
  text: string
  confidence: number
  bbox: _TessBox
}
interface _TessLine {
  words: _TessWord[]
}
interface _TessParagraph {
  lines: _TessLine[]
}
export interface _TessBlock {
  paragraphs: _TessParagraph[]
}

export interface PageText {
  source: string
  words: WordBox[]
}

/** Build the page source from tesseract blocks, keeping every word's box and confidence. */
export function _sourceFromBlocks(blocks: readonly _TessBlock[] | null | undefined): PageText {
  let source = ''
  const words: WordBox[] = []
  // Separators are written lazily, before the next word, so the source never ends in one.
  let pending = ''
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs ?? []) {
      for (const line of paragraph.lines ?? []) {
        for (const word of line.words ?? []) {
          // Tesseract words hold no spaces; trim anyway so offsets stay exact.
          const text = word.text.replace(/\s+/g, '')
          if (!text) continue
          if (source) source += pending
          pending = ' '
          const start = source.length
          source += text
          words.push({
            text,
            start,
            end: source.length,
            bbox: [Math.round(word.bbox.x0), Math.round(word.bbox.y0), Math.round(word.bbox.x1), Math.round(word.bbox.y1)],
            confidence: Math.round(word.confidence * 100) / 100,
          })
        }
        // Separators only grow: a line without words must not shrink a paragraph break.
        if (pending === ' ') pending = '\n'
      }
      if (pending === ' ' || pending === '\n') pending = '\n\n'
    }
  }
  return { source, words }
}
