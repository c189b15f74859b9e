// The `wooscan/ocr` entry (Node only): scans -> pages. A PDF page's own text layer is
// used where it is good, OCR (tesseract.js, Dutch model from node_modules) where it is
// missing or bad; images are OCR-ed. pdf.js and tesseract.js are imported on first use.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import type { Issue, OcrResult, Result } from '../types.js'
import { _expectKnownOptions, _expectType, _valueOrThrow } from '../issue.js'
import { _defaultCacheDir, _hash, _OcrCache } from './cache.js'
import { _imageSize, _sniff, MAX_IMAGE_PIXELS, isOcrInput } from './inputs.js'
import { _openPdf, _pageText, _PdfProblem, _renderForOcr } from './pdf.js'
import { _PdfImages } from './scan-image.js'
import { _sourceFromBlocks } from './source.js'
import { _langData, _OcrPool, _OcrSetupError, PAGE_SEG_MODE, type TessPage } from './tesseract.js'
import { _textLayerQuality } from './text-layer.js'

export { isOcrInput }

/** An input given as bytes; `path` or `name` names it in issues. */
export interface OcrInputData {
  path?: string
  data: Uint8Array
  name?: string
}

export type OcrInput = string | OcrInputData

export interface OcrProgress {
  /** Pages finished (text layer, OCR, cache or failed). */
  done: number
  total: number
  pagesPerMinute: number
  /** Estimate from the OCR rate so far; null before the first page. */
  secondsLeft: number | null
}

export interface OcrOptions {
  /** Tesseract language, its model from `@tesseract.js-data/<lang>`. Default `nld`. */
  lang?: string
  /** OCR workers. Default: CPU cores. */
  jobs?: number
  /** PDF render resolution. Default 300. */
  dpi?: number
  /** `false`: no cache; a string: the cache directory. Default: `$XDG_CACHE_HOME/wooscan` or `~/.cache/wooscan`. */
  cache?: boolean | string
  onProgress?: (progress: OcrProgress) => void
  /** Abort: workers are terminated and `ocr` rejects with the signal's reason. */
  signal?: AbortSignal
}

export type OcrPage = OcrResult['pages'][number]

const KNOWN_OPTIONS = ['lang', 'jobs', 'dpi', 'cache', 'onProgress', 'signal'] as const

/** Pages below this mean word confidence get a warning. */
const LOW_CONFIDENCE = 60
/** Pages a PDF may have. */
const MAX_PDF_PAGES = 10_000

/** OCR scans and PDFs into pages with word boxes. Never throws on a document problem. */
export async function ocr(inputs: OcrInput[], options: OcrOptions = {}): Promise<Result<OcrResult>> {
  _validate(inputs, options)
  const lang = options.lang ?? 'nld'
  const dpi = options.dpi ?? 300
  const jobs = options.jobs ?? Math.max(1, os.availableParallelism())
  const signal = options.signal
  signal?.throwIfAborted()
  const issues: Issue[] = []
  const cacheDir = options.cache === false ? null : typeof options.cache === 'string' ? options.cache : _defaultCacheDir()
  const cache = cacheDir ? new _OcrCache(cacheDir) : null

  // Pass 1: read every input once to know the page total (for progress) and refuse bad files early.
  const plans: Array<{ input: OcrInput; label: string; kind: 'pdf' | 'png' | 'jpeg'; pages: number; data?: Uint8Array }> = []
  for (const [i, input] of inputs.entries()) {
    signal?.throwIfAborted()
    const label = _label(input, i)
    const read = await _read(input)
    if (typeof read === 'string') {
      issues.push(_inputIssue(label, 'read-error', read))
      continue
    }
    if (read.length === 0) {
      issues.push(_inputIssue(label, 'empty-file', 'file is empty'))
      continue
    }
    const kind = _sniff(read)
    if (!kind) {
      issues.push(_inputIssue(label, 'unsupported', 'not a PDF, PNG or JPEG file'))
      continue
    }
    if (kind === 'pdf') {
      try {
        const doc = await _openPdf(read)
        const pages = doc.numPages
        await doc.destroy()
        if (pages > MAX_PDF_PAGES) {
          issues.push(_inputIssue(label, 'too-many-pages', `the PDF has ${pages} pages, more than ${MAX_PDF_PAGES}`))
          continue
        }
        plans.push({ input, label, kind, pages, data: typeof input === 'string' ? undefined : read })
      } catch (error) {
        if (!(error instanceof _PdfProblem)) throw error
        issues.push(_inputIssue(label, error.ruleId, error.message))
      }
      continue
    }
    const size = _imageSize(read, kind)
    if (!size) issues.push(_inputIssue(label, 'corrupt-image', `the ${kind.toUpperCase()} header cannot be read`))
    else if (size.width === 0 || size.height === 0) issues.push(_inputIssue(label, 'empty-image', `the image is ${size.width}x${size.height} pixels`))
    else if (size.width * size.height > MAX_IMAGE_PIXELS) {
      issues.push(_inputIssue(label, 'image-too-large', `the image is ${size.width}x${size.height} pixels, more than ${MAX_IMAGE_PIXELS / 1e6} MP`))
    } else plans.push({ input, label, kind, pages: 1, data: typeof input === 'string' ? undefined : read })
  }

  // Pass 2: page by page. Rendering runs here, ahead of the OCR workers, at most jobs + 1 pages in flight.
  const total = plans.reduce((sum, plan) => sum + plan.pages, 0)
  const results: OcrPage[] = []
  const settings = _settingsKey(lang)
  const started = Date.now()
  let done = 0
  let ocrDone = 0
  let ocrStarted: number | null = null
  let progressError: unknown = null
  let pool: _OcrPool | null = null
  let setupProblem: string | null = null
  let cacheProblem = false
  const slots = new _Slots(jobs + 1)
  const pending: Array<Promise<void>> = []

  const report = (viaOcr: boolean) => {
    done++
    if (viaOcr) ocrDone++
    if (!options.onProgress) return
    const minutes = (Date.now() - started) / 60_000
    const ocrSeconds = ocrStarted === null ? 0 : (Date.now() - ocrStarted) / 1000
    const left = total - done
    let secondsLeft: number | null = null
    if (left === 0) secondsLeft = 0
    // Pages not reached yet may need OCR too: estimate every page left at the OCR rate.
    else if (ocrDone > 0 && ocrSeconds > 0) secondsLeft = Math.round((left * ocrSeconds) / ocrDone)
    try {
      options.onProgress({ done, total, pagesPerMinute: minutes > 0 ? Math.round((done / minutes) * 10) / 10 : 0, secondsLeft })
    } catch (error) {
      progressError ??= error
    }
  }

  const getPool = async (): Promise<_OcrPool | null> => {
    if (pool || setupProblem) return pool
    try {
      _langData(lang)
    } catch (error) {
      if (!(error instanceof _OcrSetupError)) throw error
      setupProblem = error.message
      issues.push({ severity: 'error', source: 'ocr', ruleId: 'ocr-setup', message: error.message })
      return null
    }
    pool = new _OcrPool({ lang, jobs: Math.max(1, Math.min(jobs, total)) })
    return pool
  }

  /** OCR one page image: from the cache, or rendered and recognised by the pool. */
  const ocrPage = async (slot: number, key: string, label: string, page: number, image: () => Promise<Uint8Array>) => {
    const place = { file: label, page: slot }
    // Issue.page is the index in the result; say the page of the file too where they differ.
    const where = page - 1 === slot ? '' : ` (page ${page} of the file)`
    const fail = (ruleId: string, message: string) => {
      issues.push({ severity: 'error', source: 'ocr', ruleId, message: message + where, ...place })
      results[slot] = { index: slot, file: label, source: '', method: 'ocr', confidence: 0, words: [] }
    }
    const cached = cache ? await cache.get(key) : null
    if (cached) {
      results[slot] = { index: slot, file: label, source: cached.source, method: 'ocr', confidence: cached.confidence, words: cached.words }
      report(false)
      return
    }
    await slots.acquire()
    signal?.throwIfAborted()
    let released = false
    const release = () => {
      if (!released) slots.release()
      released = true
    }
    const active = await getPool()
    if (!active) {
      release()
      fail('ocr-failed', `not OCR-ed: ${setupProblem}`)
      report(false)
      return
    }
    active.warm()
    let bytes: Uint8Array
    try {
      bytes = await image()
    } catch (error) {
      release()
      fail('render-failed', `the page cannot be rendered (${_oneLine(error)})`)
      report(false)
      return
    }
    ocrStarted ??= Date.now()
    pending.push(
      active
        .recognize(bytes)
        .then(async (tess: TessPage) => {
          const text = _sourceFromBlocks(tess.blocks)
          const confidence = Math.round(tess.confidence * 100) / 100
          results[slot] = { index: slot, file: label, source: text.source, method: 'ocr', confidence, words: text.words }
          if (text.words.length > 0 && confidence < LOW_CONFIDENCE) {
            issues.push({ severity: 'warning', source: 'ocr', ruleId: 'low-confidence', message: `mean OCR confidence ${Math.round(confidence)}${where}`, ...place })
          }
          if (cache) {
            await cache.set(key, { source: text.source, confidence, words: text.words }).catch((error: unknown) => {
              if (cacheProblem) return
              cacheProblem = true
              issues.push({ severity: 'warning', source: 'ocr', ruleId: 'cache', message: `the OCR cache in ${cache.dir} cannot be written (${_oneLine(error)})` })
            })
          }
        })
        // A failed page (corrupt image, crashed worker, unexpected output) is an issue on that page.
        .catch((error: unknown) => {
          if (!signal?.aborted) fail('ocr-failed', `OCR failed (${_oneLine(error)})`)
        })
        .finally(() => {
          release()
          report(true)
        }),
    )
  }

  /** A page that could not be read keeps its place, empty, so page indexes stay those of the input. */
  const lost = (slot: number, label: string) => {
    results[slot] = { index: slot, file: label, source: '', method: 'ocr', confidence: 0, words: [] }
    report(false)
  }

  const onAbort = () => void pool?.terminate()
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    let slot = 0
    for (const plan of plans) {
      signal?.throwIfAborted()
      const data = plan.data ?? (await _read(plan.input))
      if (typeof data === 'string') {
        // Read in pass 1, gone now: the pages are lost, not the run.
        issues.push(_inputIssue(plan.label, 'read-error', data))
        for (let p = 0; p < plan.pages; p++, slot++) lost(slot, plan.label)
        continue
      }
      if (plan.kind !== 'pdf') {
        await ocrPage(slot, _hash('image', data, settings), plan.label, 1, async () => data)
        slot++
        continue
      }
      let doc
      try {
        doc = await _openPdf(data)
      } catch (error) {
        // Readable in pass 1, not now (the file changed under us): its pages are lost, not the run.
        if (!(error instanceof _PdfProblem)) throw error
        issues.push(_inputIssue(plan.label, error.ruleId, error.message))
        for (let p = 0; p < plan.pages; p++, slot++) lost(slot, plan.label)
        continue
      }
      const fileHash = _hash(data)
      // pdf-lib's reading of the file, for pages that are one JPEG: opened when a page first needs OCR.
      let images: Promise<_PdfImages | null> | null = null
      try {
        for (let p = 1; p <= plan.pages; p++, slot++) {
          signal?.throwIfAborted()
          let page
          try {
            page = await doc.getPage(p)
          } catch (error) {
            issues.push({ severity: 'error', source: 'ocr', ruleId: 'corrupt-page', message: `PDF page ${p} cannot be read (${_oneLine(error)})`, file: plan.label, page: slot })
            lost(slot, plan.label)
            continue
          }
          // A text layer that pdf.js cannot read counts as missing.
          const text = await _pageText(page, dpi).catch(() => null)
          if (text && _textLayerQuality(text.source).ok) {
            results[slot] = { index: slot, file: plan.label, source: text.source, method: 'text-layer', words: text.words }
            page.cleanup()
            report(false)
            continue
          }
          const key = _hash('pdf', fileHash, String(p), String(dpi), settings)
          await ocrPage(slot, key, plan.label, p, async () => {
            images ??= _PdfImages.open(data, plan.pages)
            const { image } = await _renderForOcr(doc, page, dpi, await images)
            // Let the event loop turn: @napi-rs/canvas frees a page's pixel buffers
            // (tens of MB) in finalizers that only run then, or memory grows page by page.
            await new Promise((resolve) => setImmediate(resolve))
            return image
          })
        }
      } finally {
        await doc.destroy().catch(() => {})
      }
    }
    await Promise.all(pending)
    signal?.throwIfAborted()
  } finally {
    signal?.removeEventListener('abort', onAbort)
    await Promise.allSettled(pending)
    await (pool as _OcrPool | null)?.terminate()
  }
  if (progressError) throw progressError
  const pages = results.filter((page): page is OcrPage => page !== undefined)
  return { value: { version: 1, pages }, issues }
}

/** `ocr`, throwing a WooscanError when an input or a page could not be read. */
export async function ocrOrThrow(inputs: OcrInput[], options?: OcrOptions): Promise<OcrResult> {
  return _valueOrThrow(await ocr(inputs, options))
}

/** At most `size` pages rendered and not yet recognised: bounds memory. */
class _Slots {
  private free: number
  private waiters: Array<() => void> = []
  constructor(size: number) {
    this.free = size
  }
  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--
      return Promise.resolve()
    }
    return new Promise((resolve) => this.waiters.push(resolve))
  }
  release(): void {
    const next = this.waiters.shift()
    if (next) next()
    else this.free++
  }
}

function _validate(inputs: unknown, options: OcrOptions): void {
  if (!Array.isArray(inputs)) throw new TypeError(`Expected \`inputs\` to be an array, got \`${typeof inputs}\``)
  for (const [i, input] of inputs.entries()) {
    if (typeof input === 'string') continue
    if (typeof input !== 'object' || input === null || !(input.data instanceof Uint8Array)) {
      throw new TypeError(`Expected \`inputs[${i}]\` to be a path or \`{ data: Uint8Array }\`, got \`${typeof input}\``)
    }
  }
  _expectKnownOptions(options, KNOWN_OPTIONS, 'ocr')
  _expectType('lang', options.lang, 'string')
  _expectType('jobs', options.jobs, 'number')
  _expectType('dpi', options.dpi, 'number')
  _expectType('onProgress', options.onProgress, 'function')
  if (options.lang !== undefined && !/^[a-z_]{2,12}$/.test(options.lang)) {
    throw new TypeError(`Expected \`lang\` to be one tesseract language code such as \`nld\`, got \`${options.lang}\``)
  }
  if (options.jobs !== undefined && !(Number.isInteger(options.jobs) && options.jobs >= 1 && options.jobs <= 64)) {
    throw new TypeError(`Expected \`jobs\` to be a whole number from 1 to 64, got \`${options.jobs}\``)
  }
  if (options.dpi !== undefined && !(Number.isFinite(options.dpi) && options.dpi >= 50 && options.dpi <= 1200)) {
    throw new TypeError(`Expected \`dpi\` to be a number from 50 to 1200, got \`${options.dpi}\``)
  }
  if (options.cache !== undefined && typeof options.cache !== 'boolean' && typeof options.cache !== 'string') {
    throw new TypeError(`Expected \`cache\` to be a boolean or a directory, got \`${typeof options.cache}\``)
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new TypeError('Expected `signal` to be an AbortSignal')
  }
}

function _label(input: OcrInput, i: number): string {
  return typeof input === 'string' ? input : (input.path ?? input.name ?? `input ${i + 1}`)
}

async function _read(input: OcrInput): Promise<Uint8Array | string> {
  if (typeof input !== 'string') return input.data
  try {
    return new Uint8Array(await readFile(input))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return 'file not found'
    if (code === 'EISDIR') return 'is a directory'
    if (code === 'EACCES') return 'permission denied'
    return `cannot be read (${_oneLine(error)})`
  }
}

function _inputIssue(file: string, ruleId: string, problem: string): Issue {
  return { severity: 'error', source: 'ocr', ruleId, message: problem, file }
}

function _oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0]!.slice(0, 200)
}

/** Everything besides the image that changes what OCR returns. */
function _settingsKey(lang: string): string {
  const require = createRequire(import.meta.url)
  let engine = 'unknown'
  try {
    engine = (require('tesseract.js/package.json') as { version: string }).version
  } catch {
    // Without a version the key still separates languages and modes.
  }
  let model = 'unknown'
  try {
    model = _langData(lang).model
  } catch {
    // Reported when OCR is first needed.
  }
  return `tesseract.js@${engine}|${lang}|${model}|psm${PAGE_SEG_MODE}`
}
