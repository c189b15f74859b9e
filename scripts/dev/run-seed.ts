import { readFileSync, readdirSync } from 'node:fs'
import { release } from '../../src/release.js'
import { evaluate } from '../../src/eval/index.js'
const file = 'corpus/000_13cc09d959e3939d.txt'
const t0 = performance.now()
const r = release({ name: file, data: readFileSync(file) }, { dedupe: process.argv.includes('--dedupe'), diff: false, correct: !process.argv.includes('--no-correct') })
console.log('ms', Math.round(performance.now() - t0))
const golds = readdirSync('corpus/gold').filter((f) => f.endsWith('.md')).map((f) => ({ name: f, markdown: readFileSync('corpus/gold/' + f, 'utf8') }))
for (const d of r.value.documents) console.log(d.id, d.pages.map(p=>p+1).join(','), d.copy, JSON.stringify(d.metadata))
const e = evaluate(r.value, golds)
for (const d of e.value.documents) console.log(d.id.padEnd(45), d.gold.padEnd(40), (d.cerBefore*100).toFixed(1), '->', (d.cer*100).toFixed(1), ' wer', (d.werBefore*100).toFixed(1), '->', (d.wer*100).toFixed(1))
if (process.argv.includes('--text')) for (const d of r.value.documents) console.log('\n######', d.id, '\n' + d.markdown)
