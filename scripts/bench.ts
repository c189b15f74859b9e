// `npm run bench`: every benchmark in scripts/, one after the other, each in its own process.
// OCR is left out by default (minutes of CPU): `npm run bench -- --ocr` adds it.
import { runScripts } from './lib/run-scripts.js'

const benches = ['bench-clean.ts', 'bench-correct.ts', 'bench-levenshtein.ts', 'bench-segment.ts', 'bench-dedupe.ts', 'bench-diff.ts', 'bench-report.ts', 'bench-robustness.ts']
if (process.argv.includes('--ocr')) benches.push('bench-ocr.ts')
runScripts(benches)
