// Structure of each seed copy against the gold markdown: block-level precision and recall.
import { readFileSync, readdirSync } from 'node:fs'
import { release } from '../src/release.js'
import { parseMarkdown } from '../src/parse/markdown.js'
import { scoreStructure } from '../src/parse/structure.js'

const SEED = 'corpus/000_13cc09d959e3939d.txt'
const golds = readdirSync('corpus/gold').filter((f) => f.endsWith('.md')).map((f) => ({ name: f, ...parseMarkdown(readFileSync(`corpus/gold/${f}`, 'utf8')) }))
const result = release({ name: SEED, data: readFileSync(SEED) })
console.log('document'.padEnd(40), 'copy'.padEnd(6), 'blocks gold  precision  recall')
for (const doc of result.value.documents) {
  const gold = golds.find((g) => g.metadata.date === doc.metadata.date)
  if (!gold) continue
  const s = scoreStructure(doc.blocks, gold.blocks)
  console.log(doc.id.padEnd(40), String(doc.copy ?? '-').padEnd(6), String(s.blocks).padStart(6), String(s.goldBlocks).padStart(4), s.precision.toFixed(3).padStart(10), s.recall.toFixed(3).padStart(7))
}
for (const group of result.value.groups as Array<(typeof result.value.groups)[number] & { blocks?: import('../src/types.js').Block[] }>) {
  const gold = golds.find((g) => g.metadata.date === group.metadata.date)
  if (!gold || !group.blocks) continue
  const s = scoreStructure(group.blocks, gold.blocks)
  console.log(`consensus:${group.canonical}`.padEnd(47), String(s.blocks).padStart(6), String(s.goldBlocks).padStart(4), s.precision.toFixed(3).padStart(10), s.recall.toFixed(3).padStart(7))
}
