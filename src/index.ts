// The public API of wooscan's core (no Node-only stage here: OCR lives in `wooscan/ocr`).
import type { Diff, Document, Result } from './types.js'
import { _valueOrThrow, _expectKnownOptions, _expectType } from './issue.js'
import { release, clean, type ReleaseInput, type ReleaseOptions } from './release.js'
import { diffDocuments } from './diff/index.js'
import { evaluate, type GoldFile } from './eval/index.js'

export type * from './types.js'
export { WooscanError, formatIssue } from './issue.js'
export { release, clean, type ReleaseInput, type ReleaseOptions } from './release.js'
export { evaluate, cer, wer, goldText, type GoldFile } from './eval/index.js'
export { parseMarkdown, toMarkdown, blockText, blocksToText } from './parse/markdown.js'
export { readText, decodeText, splitPages } from './pages/index.js'
export { analyzeLayout } from './layout/index.js'
export { segmentRelease } from './segment/index.js'
export { correctBlocks, correctText, loadLexicon } from './correct/index.js'
export { dedupe } from './dedupe/index.js'
export { renderHtml, escapeHtml } from './report/html.js'
export { renderDiffText } from './report/diff-text.js'
export { renderDiffMarkdown } from './report/diff-md.js'

export interface DiffOptions {
  /** Also list differences classified as OCR noise. Default: false. */
  includeNoise?: boolean
}

type DiffSide = Pick<Document, 'id' | 'metadata' | 'blocks'> & Partial<Pick<Document, 'uncertain' | 'annotations'>>

/** Structured, noise-aware diff of two documents (or two versions of one). */
export function diff(a: DiffSide, b: DiffSide, options: DiffOptions = {}): Result<Diff> {
  _expectKnownOptions(options, ['includeNoise'], 'diff')
  _expectType('includeNoise', options.includeNoise, 'boolean')
  for (const [name, side] of [['a', a], ['b', b]] as const) {
    if (!side || typeof side !== 'object' || !Array.isArray(side.blocks)) {
      throw new TypeError(`Expected \`${name}\` to be a document with \`blocks\`, got \`${typeof side}\``)
    }
  }
  return { value: diffDocuments(a, b, options), issues: [] }
}

export const releaseOrThrow = (inputs: ReleaseInput | ReleaseInput[], options?: ReleaseOptions) => _valueOrThrow(release(inputs, options))
export const cleanOrThrow = (inputs: ReleaseInput | ReleaseInput[], options?: Omit<ReleaseOptions, 'dedupe' | 'diff'>) => _valueOrThrow(clean(inputs, options))
export const diffOrThrow = (a: DiffSide, b: DiffSide, options?: DiffOptions) => _valueOrThrow(diff(a, b, options))
export const evaluateOrThrow = (...args: Parameters<typeof evaluate>) => _valueOrThrow(evaluate(...args))
void (null as unknown as GoldFile)
