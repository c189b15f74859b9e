// `npm run eval`: every quality measurement in scripts/ (against gold, or against seeded test material).
import { runScripts } from './lib/run-scripts.js'

runScripts(['eval-seed.ts', 'eval-seed-copies.ts', 'eval-seed-broken.ts', 'eval-structure.ts', 'eval-seed-diff.ts', 'eval-correct.ts', 'eval-segment.ts', 'eval-dedupe.ts', 'eval-diff.ts', 'eval-clean-synthetic.ts'])
