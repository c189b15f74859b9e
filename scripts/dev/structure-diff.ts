import { readFileSync } from 'node:fs'
import { release } from '../../src/release.js'
import { parseMarkdown, blockText } from '../../src/parse/markdown.js'
import { diffArrays } from 'diff'
const r = release({ name: 'x', data: readFileSync('corpus/000_13cc09d959e3939d.txt') })
const id = process.argv[2]!
const doc = r.value.documents.find(d => d.id === id)!
const gold = parseMarkdown(readFileSync(`corpus/gold/${process.argv[3]}.md`, 'utf8'))
const k = (b: any) => `${b.kind}${b.kind==='bullet'||b.kind==='heading'?b.level:''}: ${blockText(b).slice(0, 60)}`
for (const part of diffArrays(doc.blocks.map(k), gold.blocks.map(k))) {
  if (part.added || part.removed) for (const v of part.value) console.log(part.added ? 'GOLD+' : 'OURS-', v)
}
