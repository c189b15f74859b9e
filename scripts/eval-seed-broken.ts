// Correct words broken by the word-level correction on the seed: a correction whose `before`
// is a word of the gold text and whose `after` is not (the gold is the only judge here).
import { readFileSync, readdirSync } from 'node:fs'
import { release } from '../src/release.js'
import { goldText } from '../src/eval/metrics.js'

const SEED = 'corpus/000_13cc09d959e3939d.txt'
const gold = new Set(readdirSync('corpus/gold').filter((f) => f.endsWith('.md'))
  .flatMap((f) => goldText(readFileSync(`corpus/gold/${f}`, 'utf8')).split(/\s+/)).map((w) => w.replace(/^[(‘“'"]+|[)’”'".,;:!?]+$/g, '')))
const core = (w: string): string[] => w.split(/\s+/).map((x) => x.replace(/^[(‘“'"]+|[)’”'".,;:!?]+$/g, ''))
const value = release({ name: SEED, data: readFileSync(SEED) }, { dedupe: false, diff: false }).value
const words = value.documents.reduce((n, doc) => n + doc.blocks.reduce((m, b) => m + b.tokens.length, 0), 0)
const wordRules = value.corrections.filter((c) => !['glyph', 'hyphen'].includes(c.rule))
const broken = wordRules.filter((c) => core(c.before).every((w) => gold.has(w)) && !core(c.after).every((w) => gold.has(w)))
const fixed = wordRules.filter((c) => !core(c.before).every((w) => gold.has(w)) && core(c.after).every((w) => gold.has(w)))
console.log(`seed: ${words} words, ${wordRules.length} word corrections, ${fixed.length} turn a non-gold word into gold words, ${broken.length} turn gold words into non-gold (${(100 * broken.length / words).toFixed(2)}% of words)`)
for (const c of broken) console.log(`  broken: ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)} (${c.rule})`)
