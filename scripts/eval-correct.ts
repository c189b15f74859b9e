// Precision and recall of the correction stage on Dutch text with seeded OCR noise.
//
// Main test set: test/correct-ambtelijk-nl.txt (ambtelijk Dutch written for this
// purpose, not the seed). `--gold` adds a sanity check on the seed's gold notas.
//
//   npx tsx scripts/eval-correct.ts [--seeds 5] [--rate 0.05] [--gold] [--verbose]
import { readFileSync, readdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { distance } from 'fastest-levenshtein'
import { correctText } from '../src/correct/index.js'
import { injectOcrNoise, mulberry32, type InjectedError } from './lib/ocr-noise.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const opt = (name: string, dflt: number): number => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : dflt
}
const seeds = opt('--seeds', 5)
const rate = opt('--rate', 0.05)
const verbose = args.includes('--verbose')

interface Tally {
  words: number
  injected: number
  fixed: number
  corrections: number
  right: number
  /** Corrections of words that had no error. */
  broken: number
  reported: number
  cerBefore: number
  cerAfter: number
  chars: number
}

const empty = (): Tally => ({ words: 0, injected: 0, fixed: 0, corrections: 0, right: 0, broken: 0, reported: 0, cerBefore: 0, cerAfter: 0, chars: 0 })

/** The clean text that a range of the damaged text stands for, or null when the range cuts an error. */
function cleanOf(damaged: string, errors: InjectedError[], start: number, end: number): string | null {
  let out = ''
  let pos = start
  for (const e of errors) {
    const eEnd = e.index + e.to.length
    if (eEnd <= start || e.index >= end) continue
    if (e.index < start || eEnd > end) return null
    out += damaged.slice(pos, e.index) + e.from
    pos = eEnd
  }
  return out + damaged.slice(pos, end)
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim()

function evaluate(clean: string, seed: number, tally: Tally, label: string): void {
  const { text: damaged, errors } = injectOcrNoise(clean, mulberry32(seed), rate)
  const result = correctText(damaged)
  tally.words += clean.split(/\s+/).filter(Boolean).length
  tally.injected += errors.length
  tally.chars += clean.length
  tally.cerBefore += distance(clean, damaged)
  tally.cerAfter += distance(clean, result.value)
  const fixedErrors = new Set<InjectedError>()
  for (const c of result.corrections) {
    tally.corrections++
    const hit = errors.filter((e) => e.index < c.end && e.index + e.to.length > c.start)
    const expected = cleanOf(damaged, errors, c.start, c.end)
    const ok = expected !== null && norm(expected) === norm(c.after)
    if (ok) {
      tally.right++
      for (const e of hit) fixedErrors.add(e)
    } else if (hit.length === 0) {
      tally.broken++
      if (verbose) console.log(`  ${label} BROKE ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)} (${c.rule})`)
    } else if (verbose) {
      console.log(`  ${label} WRONG ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}, expected ${JSON.stringify(expected)} (${c.rule})`)
    }
  }
  tally.fixed += fixedErrors.size
  for (const e of errors) {
    if (fixedErrors.has(e)) continue
    const reported = result.issues.some((i) => i.start !== undefined && i.start < e.index + e.to.length && i.end! > e.index)
    if (reported) tally.reported++
    if (verbose) console.log(`  ${label} MISSED ${e.kind} ${JSON.stringify(e.from)} -> ${JSON.stringify(e.to)}${reported ? ' (reported)' : ''}`)
  }
}

function print(name: string, t: Tally): void {
  const pct = (x: number): string => (100 * x).toFixed(2) + '%'
  const undamaged = t.words - t.injected
  console.log(`${name}`)
  console.log(`  words ${t.words}, injected errors ${t.injected}, corrections ${t.corrections}`)
  console.log(`  precision ${(t.right / Math.max(1, t.corrections)).toFixed(3)}  (right ${t.right} of ${t.corrections})`)
  console.log(`  recall    ${(t.fixed / Math.max(1, t.injected)).toFixed(3)}  (fixed ${t.fixed} of ${t.injected}; ${t.reported} more reported as unknown-word)`)
  console.log(`  broken correct words ${pct(t.broken / Math.max(1, undamaged))}  (${t.broken} of ${undamaged})`)
  console.log(`  CER ${pct(t.cerBefore / t.chars)} -> ${pct(t.cerAfter / t.chars)}`)
}

const t0 = performance.now()
// The development text (rules were tuned while reading its failures) and a held-out
// text written separately and only ever scored, never inspected.
const combined = empty()
for (const name of ['correct-ambtelijk-nl.txt', 'correct-heldout-nl.txt']) {
  const fixture = readFileSync(join(root, 'test', name), 'utf8')
  const tally = empty()
  for (let s = 1; s <= seeds; s++) evaluate(fixture, s, tally, `${name} seed ${s}`)
  print(`test/${name}, ${seeds} seeds, rate ${rate}`, tally)
  for (const key of Object.keys(tally) as Array<keyof Tally>) combined[key] += tally[key]
}
print(`both texts`, combined)

if (args.includes('--gold')) {
  const goldDir = join(root, 'corpus', 'gold')
  const gold = empty()
  for (const file of readdirSync(goldDir).filter((f) => f.endsWith('.md')).sort()) {
    // Body text only: drop the front matter and markdown markup.
    const md = readFileSync(join(goldDir, file), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '')
    const body = md.replace(/^#+\s*/gm, '').replace(/^\s*[-*]\s+/gm, '').replace(/^\|.*$/gm, '').replace(/[*_`]/g, '')
    for (let s = 1; s <= seeds; s++) evaluate(body, 100 + s, gold, `${file} seed ${s}`)
  }
  print(`corpus/gold/*.md (sanity check), ${seeds} seeds, rate ${rate}`, gold)
}
console.log(`time ${((performance.now() - t0) / 1000).toFixed(1)} s`)
