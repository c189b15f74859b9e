import type { EvalDocument, EvalResult, Release, Result } from '../types.js'
import { cer, collapse, goldText, wer, wordOverlap } from './metrics.js'
import { parseMarkdown } from '../parse/markdown.js'
import { scoreStructure } from '../parse/structure.js'
import type { Block } from '../types.js'

export { cer, wer, goldText, collapse } from './metrics.js'

export interface GoldFile {
  name: string
  markdown: string
}

/**
 * CER and WER of each cleaned document (and each group's consensus) against the
 * gold it overlaps most, before (the raw page text) and after the clean-up.
 */
export function evaluate(release: Release, golds: GoldFile[]): Result<EvalResult> {
  if (!Array.isArray(golds)) throw new TypeError(`Expected \`golds\` to be an array, got \`${typeof golds}\``)
  const gold = golds.map((file) => {
    const parsed = parseMarkdown(file.markdown)
    return { name: file.name, id: parsed.id ?? file.name, text: goldText(file.markdown), blocks: parsed.blocks }
  })
  // Structure only where the gold has blocks to compare (a gold of front matter alone has none).
  const structure = (blocks: Block[] | undefined, match: (typeof gold)[number]): Pick<EvalDocument, 'structure'> => {
    if (!blocks || match.blocks.length === 0) return {}
    const s = scoreStructure(blocks, match.blocks)
    return { structure: { precision: s.precision, recall: s.recall, blocks: s.blocks, goldBlocks: s.goldBlocks } }
  }
  const documents: EvalDocument[] = []
  if (gold.length === 0) return { value: { documents }, issues: [{ severity: 'warning', source: 'eval', ruleId: 'no-gold', message: 'no gold files given' }] }
  const best = (text: string): (typeof gold)[number] => {
    let top = gold[0]!
    let score = -1
    for (const candidate of gold) {
      const overlap = wordOverlap(text, candidate.text)
      if (overlap > score) {
        score = overlap
        top = candidate
      }
    }
    return top
  }
  for (const doc of release.documents) {
    const after = collapse(doc.text)
    const before = collapse(doc.pages.map((index) => release.pages[index]!.source).join('\n'))
    const match = best(after)
    documents.push({
      id: doc.id, gold: match.name,
      cer: cer(after, match.text), wer: wer(after, match.text),
      cerBefore: cer(before, match.text), werBefore: wer(before, match.text),
      ...structure(doc.blocks, match),
    })
  }
  for (const group of release.groups) {
    const after = collapse(group.text)
    const match = best(after)
    const members = release.documents.filter((doc) => group.members.includes(doc.id))
    const rawBest = Math.min(...members.map((doc) => cer(collapse(doc.pages.map((i) => release.pages[i]!.source).join('\n')), match.text)))
    const rawBestWer = Math.min(...members.map((doc) => wer(collapse(doc.pages.map((i) => release.pages[i]!.source).join('\n')), match.text)))
    documents.push({
      id: `consensus:${group.canonical}`, gold: match.name,
      cer: cer(after, match.text), wer: wer(after, match.text), cerBefore: rawBest, werBefore: rawBestWer,
      ...structure((group as { blocks?: Block[] }).blocks, match),
    })
  }
  return { value: { documents }, issues: [] }
}
