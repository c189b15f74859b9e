// `npm run eval`: every quality measurement in scripts/ (against gold, or against seeded test material).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const evals = ['eval-seed.ts', 'eval-structure.ts', 'eval-seed-diff.ts', 'eval-correct.ts', 'eval-segment.ts', 'eval-dedupe.ts', 'eval-diff.ts']
let failed = 0
for (const script of evals) {
  const path = `scripts/${script}`
  if (!existsSync(path)) continue
  console.log(`\n## ${script}`)
  const run = spawnSync(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit' })
  if (run.status !== 0) failed++
}
process.exitCode = failed ? 1 : 0
