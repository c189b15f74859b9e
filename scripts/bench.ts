// `npm run bench`: every benchmark in scripts/, one after the other, each in its own process.
// OCR is left out by default (minutes of CPU): `npm run bench -- --ocr` adds it.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const benches = ['bench-clean.ts', 'bench-correct.ts', 'bench-segment.ts', 'bench-dedupe.ts', 'bench-diff.ts', 'bench-report.ts', 'bench-robustness.ts']
if (process.argv.includes('--ocr')) benches.push('bench-ocr.ts')
let failed = 0
for (const bench of benches) {
  const path = `scripts/${bench}`
  if (!existsSync(path)) continue
  console.log(`\n## ${bench}`)
  const run = spawnSync(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit' })
  if (run.status !== 0) failed++
}
process.exitCode = failed ? 1 : 0
