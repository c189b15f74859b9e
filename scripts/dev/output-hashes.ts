// Fingerprints of what the pipeline makes, to show that a change meant to be faster changes
// nothing: the seed's whole release JSON, `clean` with and without word correction on twelve
// generated releases (scripts/gen-release.ts, seeds 1-12), and `clean` on the benchmark
// release of scripts/bench-clean.ts. Run it at two commits and compare the lines:
//   npx tsx scripts/dev/output-hashes.ts > a.txt; git checkout OTHER; npx tsx scripts/dev/output-hashes.ts > b.txt; diff a.txt b.txt
// (At a commit that lacks this script, copy it there first, with scripts/bench-clean.ts for its
// syntheticRelease; drop that file's two cache-emptying lines where src/memo.ts has no _clearMemos.)
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { clean, release } from '../../src/release.js'
import { generateRelease } from '../gen-release.js'
import { syntheticRelease } from '../bench-clean.js'

const hash = (value: unknown): string => createHash('sha1').update(JSON.stringify(value)).digest('hex').slice(0, 12)

const seed = readFileSync('corpus/000_13cc09d959e3939d.txt')
console.log(`seed release ${hash(release({ name: 'seed.txt', data: new Uint8Array(seed) }))}`)
for (let n = 1; n <= 12; n++) {
  const text = generateRelease(n).text
  console.log(`gen-${n} clean ${hash(clean({ name: `gen-${n}.txt`, data: text }))}`)
  console.log(`gen-${n} clean --no-correct ${hash(clean({ name: `gen-${n}.txt`, data: text }, { correct: false }))}`)
}
console.log(`bench clean ${hash(clean({ name: 'synthetic.txt', data: new TextEncoder().encode(syntheticRelease()) }))}`)
