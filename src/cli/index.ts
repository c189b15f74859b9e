// The only place that reads argv, prints or exits. Each command reads its inputs,
// calls the library, and writes its output whole or not at all.
import { Command, CommanderError, Option } from 'commander'
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import type { Diff, Document, Release } from '../types.js'
import { release, clean, diff, evaluate, formatIssue, renderHtml, renderDiffText, renderDiffMarkdown } from '../index.js'
import { CliError, readInputs, readWords, type InputOptions } from './inputs.js'
import { writeFileAtomic, writeDirAtomic } from './output.js'
import { formatEvalTable, formatReleaseSummary } from './format.js'

const version = ((): string => {
  const require = createRequire(import.meta.url)
  for (const path of ['../package.json', '../../package.json']) {
    try {
      return (require(path) as { version: string }).version
    } catch {
      // Built into dist/ or run from src/cli/: one of the two holds.
    }
  }
  return '0.0.0'
})()

interface CommonOptions extends InputOptions {
  format: string
  output?: string
  quiet?: boolean
  progress?: boolean
  debug?: boolean
  words?: string
  /** False with `--no-correct`: no word-level correction. */
  correct?: boolean
}

/** Word correction is on unless `--no-correct` asks for the layout clean-up alone. */
const NO_CORRECT = ['--no-correct', 'no word-level OCR correction: furniture, layout and normalisation only'] as const

function _common(command: Command, formats: string[], fallback = 'text'): Command {
  return command
    .addOption(new Option('--format <format>', 'output format').choices(formats).default(fallback))
    .option('-o, --output <file>', 'write the output to FILE (atomically) instead of stdout')
    .option('--lang <lang>', 'OCR language', 'nld')
    .option('--words <file>', 'extra lexicon, one word a line')
    .option('--jobs <n>', 'OCR workers (default: CPU cores)', _positiveInt)
    .option('--dpi <n>', 'PDF render resolution', _positiveInt, 300)
    .option('--quiet', 'print nothing but the result')
    .option('--no-progress', 'no progress bar')
    .option('--no-cache', 'OCR every page again, without the OCR cache in the user cache folder')
    .option('--debug', 'print stack traces')
}

function _positiveInt(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new CommanderError(2, 'wooscan.usage', `error: expected a positive whole number, got '${value}'`)
  return n
}

async function _emit(text: string, options: { output?: string }): Promise<void> {
  if (options.output) await writeFileAtomic(options.output, text)
  else process.stdout.write(text.endsWith('\n') ? text : text + '\n')
}

function _warn(release: Release, options: CommonOptions): void {
  if (options.quiet) return
  for (const issue of release.issues) {
    if (issue.severity !== 'info' && issue.ruleId !== 'unknown-word') process.stderr.write(`wooscan: ${formatIssue(issue)}\n`)
  }
}

export function buildProgram(): Command {
  const program = new Command('wooscan')
    .description('Clean, split, deduplicate and diff Woo releases (scanned Dutch government documents)')
    .version(version)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .showHelpAfterError(false)

  _common(program.command('release').argument('<input...>').description('the main job: a whole Woo release in, documents out'), ['text', 'md', 'json', 'html'])
    .option('--out <dir>', 'write DIR/index.html, DIR/release.json and DIR/documents/<id>.md')
    .option('--force', 'replace an existing --out directory')
    .option('--threshold <n>', 'similarity (0-1) for two documents to be copies', Number)
    .option(...NO_CORRECT)
    .action(async (inputs: string[], options: CommonOptions & { out?: string; force?: boolean; threshold?: number }) => {
      // Refuse an existing folder before the work, not after minutes of OCR.
      if (options.out && !options.force && existsSync(options.out)) throw new CliError(`${options.out}: already exists; pass --force to replace it`)
      const read = await readInputs(inputs, options)
      const words = options.words ? await readWords(options.words) : undefined
      const result = release(read, { ...(words ? { words } : {}), ...(options.threshold !== undefined ? { threshold: options.threshold } : {}), correct: options.correct !== false })
      _failOnErrors(result.value, result.issues)
      _warn(result.value, options)
      if (options.out) {
        const files: Record<string, string> = {
          'index.html': renderHtml(result.value),
          'release.json': _json(result.value),
        }
        for (const doc of result.value.documents) files[`documents/${doc.id}.md`] = doc.markdown
        await writeDirAtomic(options.out, files, Boolean(options.force))
        if (!options.quiet) process.stderr.write(`wooscan: wrote ${options.out}/index.html, release.json and ${result.value.documents.length} documents\n`)
        if (options.format === 'text' && !options.output) return
      }
      await _emit(_formatRelease(result.value, options.format), options)
    })

  _common(program.command('clean').argument('<input>').description('OCR clean-up only'), ['text', 'md', 'json'])
    .option(...NO_CORRECT)
    .action(async (input: string, options: CommonOptions) => {
      const read = await readInputs([input], options)
      const words = options.words ? await readWords(options.words) : undefined
      const result = clean(read, { ...(words ? { words } : {}), correct: options.correct !== false })
      _failOnErrors(result.value, result.issues)
      _warn(result.value, options)
      const value = result.value
      const text = options.format === 'json' ? _json(value)
        : options.format === 'md' ? value.documents.map((doc) => doc.markdown).join('\f\n')
        : value.documents.filter((doc) => doc.text !== '').map((doc) => doc.text).join('\n\f\n')
      await _emit(text, options)
    })

  _common(program.command('diff').argument('<old>').argument('<new>').description('structured diff of two documents (or two versions)'), ['text', 'md', 'json'])
    .option('--include-noise', 'also list differences classified as OCR noise')
    .option('--exit-code', 'exit 1 when there are changes')
    .action(async (oldPath: string, newPath: string, options: CommonOptions & { includeNoise?: boolean; exitCode?: boolean }) => {
      const sides: Document[] = []
      for (const path of [oldPath, newPath]) {
        const read = await readInputs([path], options)
        const result = clean(read)
        _failOnErrors(result.value, result.issues)
        const doc = _mainDocument(result.value)
        if (!doc) throw new CliError(`${path}: no document text found; pass a text, markdown, PDF or image file that holds a document`)
        sides.push(doc)
      }
      const result = diff(sides[0]!, sides[1]!, { includeNoise: Boolean(options.includeNoise) })
      const value = result.value
      const text = options.format === 'json' ? _json(value)
        : options.format === 'md' ? renderDiffMarkdown(value, { includeNoise: Boolean(options.includeNoise) })
        : renderDiffText(value, { color: Boolean(process.stdout.isTTY) && !options.output && !process.env.NO_COLOR, includeNoise: Boolean(options.includeNoise) })
      await _emit(text, options)
      if (options.exitCode && _hasChanges(value)) process.exitCode = 1
    })

  _common(program.command('ocr').argument('<input...>').description('OCR only (.pdf .png .jpg .jpeg)'), ['text', 'json'])
    .action(async (inputs: string[], options: CommonOptions) => {
      const { runOcr } = await import('./ocr-run.js')
      const result = await runOcr(inputs, options)
      const text = options.format === 'json' ? _json(result) : result.pages.map((page) => page.source).join('\f')
      await _emit(text, options)
    })

  _common(program.command('eval').argument('<input>').description('CER/WER against ground truth'), ['text', 'json'])
    .requiredOption('--gold <gold.md...>', 'gold transcriptions in the markdown format')
    .option(...NO_CORRECT)
    .action(async (input: string, options: CommonOptions & { gold: string[] }) => {
      const read = await readInputs([input], options)
      const words = options.words ? await readWords(options.words) : undefined
      const result = release(read, { diff: false, ...(words ? { words } : {}), correct: options.correct !== false })
      _failOnErrors(result.value, result.issues)
      const golds = []
      for (const file of options.gold) {
        const [gold] = await readInputs([file], { ...options, raw: true })
        const markdown = typeof gold === 'object' && 'markdown' in gold ? gold.markdown : ''
        golds.push({ name: file, markdown })
      }
      const evaluated = evaluate(result.value, golds)
      await _emit(options.format === 'json' ? _json(evaluated.value) : formatEvalTable(evaluated.value), options)
    })
  return program
}

function _formatRelease(value: Release, format: string): string {
  switch (format) {
    case 'json':
      return _json(value)
    case 'md':
      return value.documents.map((doc) => doc.markdown).join('\f\n')
    case 'html':
      return renderHtml(value)
    default:
      return formatReleaseSummary(value)
  }
}

/** JSON without lone surrogates: a scan's bytes must never make invalid JSON text. */
function _json(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? _wellFormed(item) : item), 2)
}

/** Replace lone UTF-16 surrogates by U+FFFD. */
function _wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
}

function _mainDocument(value: Release): Document | undefined {
  return [...value.documents].sort((a, b) => b.blocks.length - a.blocks.length)[0]
}

function _hasChanges(value: Diff): boolean {
  return value.changes.some((change) => !change.noise)
}

function _failOnErrors(value: Release, issues: Release['issues']): void {
  void value
  const error = issues.find((issue) => issue.severity === 'error')
  if (error) throw new CliError(`${error.file ? error.file + ': ' : ''}${error.message}`)
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram()
  const debug = argv.includes('--debug')
  try {
    await program.parseAsync(argv, { from: 'user' })
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0
      if (error.code === 'wooscan.usage') process.stderr.write(`wooscan: ${error.message.replace(/^error: /, '')}\n`)
      return 2
    }
    if (error instanceof CliError) {
      process.stderr.write(`wooscan: ${error.message}\n`)
      if (debug && error.stack) process.stderr.write(error.stack + '\n')
      return 1
    }
    const message = error instanceof Error ? error.message : String(error)
    process.stderr.write(`wooscan: ${message.split('\n')[0]} (run with --debug for details)\n`)
    if (debug && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n')
    return 1
  }
}

// Run when executed as the `wooscan` binary.
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
