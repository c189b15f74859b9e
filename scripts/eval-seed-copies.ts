// CER/WER of each seed copy cleaned on its own: the copy's lines (corpus/gold/pages.tsv)
// as a file of their own, so that no other copy of the release can help it.
//   npx tsx scripts/eval-seed-copies.ts
import { readFileSync, readdirSync } from 'node:fs'
import { clean } from '../src/release.js'
import { evaluate } from '../src/eval/index.js'
import { formatEvalTable } from '../src/cli/format.js'

const lines = readFileSync('corpus/000_13cc09d959e3939d.txt', 'utf8').split('\n')
const golds = readdirSync('corpus/gold').filter((f) => f.endsWith('.md')).map((f) => ({ name: f, markdown: readFileSync(`corpus/gold/${f}`, 'utf8') }))
const rows = readFileSync('corpus/gold/pages.tsv', 'utf8').split('\n').filter((l) => /^\d+\t/.test(l)).map((l) => l.split('\t'))
// Copies in file order: the pages of one document and copy, first line to last.
const copies = new Map<string, { first: number; last: number }>()
for (const [, first, last, doc, copy] of rows) {
  if (doc === '-') continue
  const key = `${doc} ${copy}`
  const range = copies.get(key)
  if (range) range.last = Number(last)
  else copies.set(key, { first: Number(first), last: Number(last) })
}
const documents = []
for (const [key, { first, last }] of copies) {
  const text = lines.slice(first - 1, last).join('\n')
  const result = clean({ name: `${key}.txt`, data: new TextEncoder().encode(text) }).value
  for (const row of evaluate(result, golds).value.documents) documents.push({ ...row, id: `${key.replace(' ', ' (')})` })
}
process.stdout.write(formatEvalTable({ documents }))
