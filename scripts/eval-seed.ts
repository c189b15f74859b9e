// CER/WER of each seed copy (and each group's consensus) against the gold, as `wooscan eval` prints it.
import { readFileSync, readdirSync } from 'node:fs'
import { release } from '../src/release.js'
import { evaluate } from '../src/eval/index.js'
import { formatEvalTable } from '../src/cli/format.js'

const SEED = 'corpus/000_13cc09d959e3939d.txt'
const golds = readdirSync('corpus/gold').filter((f) => f.endsWith('.md')).map((f) => ({ name: f, markdown: readFileSync(`corpus/gold/${f}`, 'utf8') }))
const result = release({ name: SEED, data: readFileSync(SEED) })
process.stdout.write(formatEvalTable(evaluate(result.value, golds).value))
const broken = result.value.corrections.filter((c) => c.rule !== 'glyph' && c.rule !== 'hyphen' && c.rule !== 'merge')
console.log(`word corrections: ${broken.length}`)
