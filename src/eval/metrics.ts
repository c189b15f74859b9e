// Character and word error rates, as CONTRACT.md defines them: edit distance over
// the gold length, after front matter and markdown markup are dropped and
// whitespace is collapsed.
import { distance } from 'fastest-levenshtein'
import { parseMarkdown, blockCells, blockText } from '../parse/markdown.js'

/** Collapse whitespace runs to one space and trim. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** The plain text of a gold markdown file: no front matter, no markup. */
export function goldText(markdown: string): string {
  const { blocks } = parseMarkdown(markdown)
  return collapse(blocks.map((block) => (block.kind === 'table-row' ? blockCells(block).join(' ') : blockText(block))).join(' '))
}

/** Character error rate of `hypothesis` against `reference` (both collapsed first). */
export function cer(hypothesis: string, reference: string): number {
  const ref = collapse(reference)
  const hyp = collapse(hypothesis)
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1
  return distance(hyp, ref) / ref.length
}

/** Word error rate: the same, over words (each distinct word becomes one symbol). */
export function wer(hypothesis: string, reference: string): number {
  const ref = collapse(reference).split(' ').filter(Boolean)
  const hyp = collapse(hypothesis).split(' ').filter(Boolean)
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1
  const symbols = new Map<string, string>()
  // One UTF-16 unit per distinct word (above the surrogate range wraps nothing: 60k words fit).
  const encode = (words: string[]): string =>
    words.map((word) => {
      let symbol = symbols.get(word)
      if (symbol === undefined) {
        const code = 0x100 + symbols.size
        symbol = String.fromCharCode(code < 0xd800 ? code : code + 0x800)
        symbols.set(word, symbol)
      }
      return symbol
    }).join('')
  return distance(encode(hyp), encode(ref)) / ref.length
}

/** Share of words in common, for matching a document to its gold. */
export function wordOverlap(a: string, b: string): number {
  const fold = (s: string): Set<string> => new Set(collapse(s).toLowerCase().split(' ').filter((w) => w.length > 3))
  const x = fold(a)
  const y = fold(b)
  if (x.size === 0 || y.size === 0) return 0
  let shared = 0
  for (const word of x) if (y.has(word)) shared++
  return shared / Math.max(x.size, y.size)
}
