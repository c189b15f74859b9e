// Why wooscan uses fastest-levenshtein, not fast-levenshtein: the same distances, timed on
// the strings wooscan compares (words and labels, and whole documents for CER). Since its
// version 3, fast-levenshtein calls fastest-levenshtein itself (outside its collator mode),
// so the two time alike and wooscan depends on the one that does the work.
import { readFileSync } from 'node:fs'
import { distance as fastest } from 'fastest-levenshtein'
// @ts-expect-error fast-levenshtein ships no types; it is only benchmarked here.
import fastLevenshtein from 'fast-levenshtein'
import { goldText } from '../src/eval/metrics.js'
import { mulberry32, injectOcrNoise } from './lib/ocr-noise.js'

const slow = (a: string, b: string): number => (fastLevenshtein as { get(a: string, b: string): number }).get(a, b)
const gold = goldText(readFileSync('corpus/gold/nota-2023-11-08-hoofdlijnen.md', 'utf8'))
const noisy = injectOcrNoise(gold, mulberry32(7), 0.08).text
const words = gold.split(' ')
const pairs = words.map((w, i) => [w, words[(i * 7919) % words.length]!] as const)

function time(label: string, run: () => number, repeat: number): number {
  run()
  const start = performance.now()
  let check = 0
  for (let i = 0; i < repeat; i++) check += run()
  const ms = (performance.now() - start) / repeat
  console.log(`  ${label.padEnd(26)} ${ms.toFixed(3)} ms  (checksum ${check / repeat})`)
  return ms
}

console.log(`word pairs (${pairs.length} pairs of words from a note)`)
const a1 = time('fastest-levenshtein', () => pairs.reduce((n, [a, b]) => n + fastest(a, b), 0), 3000)
const b1 = time('fast-levenshtein', () => pairs.reduce((n, [a, b]) => n + slow(a, b), 0), 3000)
console.log(`document CER (${gold.length} characters against a noised copy)`)
const a2 = time('fastest-levenshtein', () => fastest(noisy, gold), 60)
const b2 = time('fast-levenshtein', () => slow(noisy, gold), 60)
console.log(`fast-levenshtein takes ${(b1 / a1).toFixed(2)}x the time of fastest-levenshtein on words and ${(b2 / a2).toFixed(2)}x on documents, for the same distances`)
