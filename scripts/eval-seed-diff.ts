// The two copies of each seed nota, each given as its own file, diffed: how many body changes
// remain (the target is none: the copies differ only by OCR noise and handwriting), and the
// diffs between the versions 8 Nov -> 19 Jan -> 13 Feb.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { clean, diff } from '../src/index.js'
import type { Document } from '../src/types.js'

const text = readFileSync('corpus/000_13cc09d959e3939d.txt', 'utf8')
const lines = text.split('\n')
const rows = readFileSync('corpus/gold/pages.tsv', 'utf8').split('\n').filter((l) => /^\d+\t/.test(l)).map((l) => l.split('\t'))
const copies = new Map<string, string[]>()
for (const [, first, last, doc, copy] of rows) {
  if (doc === '-') continue
  const key = `${doc}.${copy}`
  copies.set(key, [...(copies.get(key) ?? []), lines.slice(Number(first) - 1, Number(last)).join('\n')])
}
mkdirSync('.tmp/seed-copies', { recursive: true })
const docs = new Map<string, Document>()
for (const [key, pages] of copies) {
  // Pages joined by form feeds: each copy as the file a user would cut out of the release.
  const file = `.tmp/seed-copies/${key}.txt`
  writeFileSync(file, pages.join('\f'))
  const result = clean({ name: file, data: readFileSync(file) })
  const main = [...result.value.documents].sort((a, b) => b.blocks.length - a.blocks.length)[0]!
  docs.set(key, main)
}
let total = 0
for (const nota of new Set([...copies.keys()].map((k) => k.split('.')[0]!))) {
  const a = docs.get(`${nota}.MSZW`)!
  const b = docs.get(`${nota}.MAPP`)!
  const d = diff(a, b).value
  const body = d.changes.filter((c) => c.kind !== 'metadata' && !c.noise)
  total += body.length
  const meta = d.changes.filter((c) => c.kind === 'metadata')
  console.log(`${nota}: MSZW vs MAPP: ${body.length} body changes, ${meta.length} metadata (${meta.filter((c) => c.uncertain).length} uncertain), ${d.summary.noise} noise`)
  for (const c of body) console.log(`    ${c.kind}${c.uncertain ? ' (uncertain)' : ''}: ${JSON.stringify(c.old)} -> ${JSON.stringify(c.new)}`)
  for (const c of meta) console.log(`    metadata ${c.field}${c.uncertain ? ' (uncertain)' : ''}: ${JSON.stringify(c.old)} -> ${JSON.stringify(c.new)}`)
}
console.log(`body changes between copies, all three notas: ${total}`)
