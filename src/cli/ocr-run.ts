// OCR for the CLI: progress bar on a TTY, nothing extra otherwise; an interrupt terminates the workers.
import type { OcrResult } from '../types.js'
import { formatIssue } from '../issue.js'
import { CliError, type InputOptions } from './inputs.js'
import { guardInterrupt, interruptSignal } from './output.js'

export async function runOcr(paths: string[], options: InputOptions): Promise<OcrResult> {
  const { ocr } = await import('../ocr/index.js')
  const showBar = Boolean(process.stderr.isTTY) && !options.quiet && options.progress !== false
  let bar: { start(total: number, value: number): void; update(value: number, payload?: object): void; stop(): void } | null = null
  if (showBar) {
    const { default: progress } = await import('cli-progress')
    bar = new progress.SingleBar({ format: 'OCR {bar} {value}/{total} pages | {ppm} pages/min | {eta_formatted} left', stream: process.stderr, hideCursor: true }, progress.Presets.shades_classic)
  }
  let started = false
  try {
    const result = await guardInterrupt(() => ocr(paths, {
      ...(options.lang ? { lang: options.lang } : {}),
      ...(options.jobs ? { jobs: options.jobs } : {}),
      ...(options.dpi ? { dpi: options.dpi } : {}),
      ...(options.cache === false ? { cache: false } : {}),
      signal: interruptSignal(),
      onProgress: (p) => {
        if (!bar) return
        if (!started) {
          bar.start(p.total, 0)
          started = true
        }
        bar.update(p.done, { ppm: p.pagesPerMinute.toFixed(1) })
      },
    }))
    // A file that gave no page at all fails the run (a release must not silently lose a file); a bad page is a warning.
    const error = result.issues.find((issue) => issue.severity === 'error' && !result.value.pages.some((page) => page.file === issue.file))
    if (error) throw new CliError(`${error.file ? error.file + ': ' : ''}${error.message}${_advice(error.ruleId, error.message)}`)
    if (!options.quiet) for (const issue of result.issues) if (issue.severity !== 'info') process.stderr.write(`wooscan: ${formatIssue(issue)}\n`)
    return result.value
  } finally {
    bar?.stop()
  }
}

/** What to do about an input the OCR stage refused: the second half of the one-line error. */
const ADVICE: Record<string, string> = {
  encrypted: 'remove the password (for example `qpdf --decrypt in.pdf out.pdf`) and try again',
  'corrupt-pdf': 'the file may be damaged or cut off; download or export it again',
  'empty-pdf': 'there is nothing to read; check that this is the right file',
  'empty-image': 'there is nothing to read; scan or export the page again',
  'corrupt-image': 'the file may be damaged or cut off; export it again',
  unsupported: 'convert it to PDF, PNG or JPEG',
  'too-many-pages': 'split it into smaller PDFs',
  'image-too-large': 'scale it down (300 dpi is enough)',
  'read-error': 'check the path and the file permissions',
  'empty-file': '',
}

function _advice(ruleId: string, message: string): string {
  const advice = ADVICE[ruleId]
  return advice && !message.includes(';') ? `; ${advice}` : ''
}
