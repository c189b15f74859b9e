// A pool of tesseract.js workers behind one scheduler: created once, reused for every
// page, recreated after a few hundred pages (WASM memory only grows), terminated by
// the caller in `finally`. A worker that dies or hangs costs the page it held, not the run.
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { setEnvironmentData } from 'node:worker_threads'
import v8 from 'node:v8'
import path from 'node:path'
import type { _TessBlock } from './source.js'

/** Page segmentation: fully automatic layout analysis (PSM 3) finds the body column and the sidebar as separate blocks. */
export const PAGE_SEG_MODE = '3'

/** What one recognised page gives back. */
export interface TessPage {
  blocks: _TessBlock[] | null
  confidence: number
}

export interface PoolOptions {
  lang: string
  jobs: number
  /** Recreate the workers after this many pages. */
  recycleAfter?: number
  /** A page that takes longer is abandoned and its worker replaced. */
  pageTimeoutMs?: number
}

/** Where the traineddata of a language lives inside node_modules, never a CDN. */
export function _langData(lang: string): { langPath: string; gzip: boolean; model: string } {
  const require = createRequire(import.meta.url)
  let root: string
  try {
    root = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`))
  } catch {
    throw new _OcrSetupError(`no OCR model for language \`${lang}\`: install @tesseract.js-data/${lang}`)
  }
  // The integer "best" LSTM model is smaller and faster to load than the combined one.
  for (const model of ['4.0.0_best_int', '4.0.0']) {
    const dir = path.join(root, model)
    if (existsSync(path.join(dir, `${lang}.traineddata.gz`))) return { langPath: dir, gzip: true, model }
    if (existsSync(path.join(dir, `${lang}.traineddata`))) return { langPath: dir, gzip: false, model }
  }
  throw new _OcrSetupError(`no traineddata found in ${root}`)
}

/** The OCR engine cannot start at all (missing model): reported once, not per page. */
export class _OcrSetupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'OcrSetupError'
  }
}

/** The generation a job ran on died under it (another page's crash, a recycle): safe to retry. */
class _PoolDied extends Error {}

interface _Worker {
  terminate(): Promise<unknown>
  setParameters(params: Record<string, string>): Promise<unknown>
  worker?: { on?(event: string, fn: (...args: unknown[]) => void): void }
}
interface _Scheduler {
  addWorker(worker: _Worker): string
  addJob(action: 'recognize', image: Uint8Array, options: object, output: object): Promise<{ data: TessPage }>
  terminate(): Promise<unknown>
}

class _Generation {
  used = 0
  inFlight = 0
  dead = false
  private killers = new Set<(error: Error) => void>()
  private idleWaiters: Array<() => void> = []

  constructor(
    readonly scheduler: _Scheduler,
    readonly workers: _Worker[],
  ) {}

  /** Run one page; rejects with _PoolDied when the generation dies first. */
  run(image: Uint8Array, timeoutMs: number): Promise<TessPage> {
    this.used++
    this.inFlight++
    let timer: NodeJS.Timeout | undefined
    let kill: ((error: Error) => void) | undefined
    return new Promise<TessPage>((resolve, reject) => {
      kill = reject
      this.killers.add(kill)
      timer = setTimeout(() => {
        reject(new Error(`OCR took longer than ${Math.round(timeoutMs / 1000)} s`))
        this.kill(new _PoolDied('worker replaced after a timeout'))
      }, timeoutMs)
      this.scheduler.addJob('recognize', image, {}, { blocks: true, text: false }).then(
        (result) => resolve(result.data),
        (error: unknown) => reject(new Error(String(error instanceof Error ? error.message : error).replace(/^Error: /, ''))),
      )
    }).finally(() => {
      clearTimeout(timer)
      if (kill) this.killers.delete(kill)
      this.inFlight--
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake()
    })
  }

  /** Reject everything in flight and terminate the workers. */
  kill(error: Error): void {
    if (this.dead) return
    this.dead = true
    for (const kill of this.killers) kill(error)
    this.killers.clear()
    void this.scheduler.terminate().catch(() => {})
  }

  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }
}

/**
 * tesseract.js picks its fastest core (relaxed SIMD, ~25-35% faster on the LSTM) when
 * WebAssembly supports it. Node 22+ ships it; Node 20's V8 has it behind a flag. The
 * flag only allows more instructions (no valid module changes meaning) and must be set
 * before the core is compiled, so it is set here, when OCR first starts, not on import.
 */
function _enableRelaxedSimd(): void {
  if (Number(process.versions.node.split('.')[0]) >= 22) return
  try {
    v8.setFlagsFromString('--experimental-wasm-relaxed-simd')
  } catch {
    // Without it the plain SIMD core runs: slower, same text.
  }
}

/** The key under which workers find the shared core (worker_threads environment data). */
const _CORE_KEY = 'wooscan:tesseract-core'

/** The tesseract core every worker runs: its JavaScript glue and its compiled WebAssembly module. */
interface _SharedCore {
  glue: string
  module: WebAssembly.Module
}
let _sharedCore: Promise<_SharedCore | null> | null = null

/**
 * Compile tesseract's LSTM-only WebAssembly core once per process and hand the compiled
 * module to every worker (a WebAssembly.Module crosses threads without a copy): each worker
 * then instantiates it instead of compiling its own, and the optimised code V8 builds for
 * the hot functions as pages run (tier-up) is shared by all workers, and by the next
 * generation after a recycle. The same core file tesseract.js's getCore would pick: relaxed
 * SIMD, SIMD or plain, as WebAssembly supports them (V8's flags are process-wide, so the
 * workers see what this thread sees). Null when the files are not where tesseract.js 7 keeps
 * them: each worker then loads its core as tesseract.js does.
 */
export function _loadSharedCore(): Promise<_SharedCore | null> {
  _sharedCore ??= (async () => {
    try {
      const require = createRequire(_tesseractJsPath())
      const { simd, relaxedSimd } = require('wasm-feature-detect') as { simd(): Promise<boolean>; relaxedSimd(): Promise<boolean> }
      const name = (await relaxedSimd()) ? 'tesseract-core-relaxedsimd-lstm' : (await simd()) ? 'tesseract-core-simd-lstm' : 'tesseract-core-lstm'
      const glue = require.resolve(`tesseract.js-core/${name}.js`)
      const wasm = path.join(path.dirname(glue), `${name}.wasm`)
      if (!existsSync(wasm)) return null
      return { glue, module: await WebAssembly.compile(await readFile(wasm)) }
    } catch {
      return null
    }
  })()
  return _sharedCore
}

/** A path inside tesseract.js, to resolve its own dependencies from (wasm-feature-detect, tesseract.js-core). */
function _tesseractJsPath(): string {
  return createRequire(import.meta.url).resolve('tesseract.js')
}

/**
 * tesseract.js 7's Node worker loads its full core (legacy engine and LSTM) even for an
 * LSTM-only worker: it hands getCore the boolean `lstmOnly` where getCore looks for an OEM
 * number. This worker entry is tesseract.js's own, with that one argument mapped (true ->
 * OEM.LSTM_ONLY, false -> OEM.TESSERACT_ONLY, so a getCore that takes the boolean still
 * works): the LSTM-only core is a smaller module, starts faster and reads a page a little
 * faster, with the same text. When the process shares a compiled core (_loadSharedCore),
 * an LSTM-only worker takes that: its glue, instantiated from the shared module through
 * emscripten's instantiateWasm hook. Null (tesseract.js's default worker) when its files moved.
 */
export function _lstmWorkerUrl(): URL | null {
  try {
    const require = createRequire(import.meta.url)
    const dir = path.join(path.dirname(require.resolve('tesseract.js')), 'worker-script', 'node')
    if (!['index.js', 'getCore.js'].every((file) => existsSync(path.join(dir, file)))) return null
    const code = [
      "import { createRequire } from 'node:module'",
      "import { getEnvironmentData } from 'node:worker_threads'",
      `const require = createRequire(${JSON.stringify(path.join(dir, 'index.js'))})`,
      "const id = require.resolve('./getCore.js')",
      'const getCore = require(id)',
      `const shared = getEnvironmentData(${JSON.stringify(_CORE_KEY)})`,
      'const sharedCore = (Core, module) => (arg = {}) => Core({ ...arg, instantiateWasm: (imports, done) => {',
      '  WebAssembly.instantiate(module, imports).then((instance) => done(instance, module))',
      '  return {}',
      '} })',
      'require.cache[id].exports = async (lstmOnly, corePath, res) => {',
      '  if (lstmOnly && shared && shared.module instanceof WebAssembly.Module) return sharedCore(require(shared.glue), shared.module)',
      '  return getCore(lstmOnly ? 1 : 0, corePath, res)',
      '}',
      "require('./index.js')",
    ].join('\n')
    return new URL(`data:text/javascript,${encodeURIComponent(code)}`)
  } catch {
    return null
  }
}

export class _OcrPool {
  private current: _Generation | null = null
  private switching: Promise<_Generation> | null = null
  private closed = false
  readonly recycleAfter: number
  pageTimeoutMs: number
  /** How many worker generations were started (for tests and benchmarks). */
  generations = 0

  constructor(private readonly options: PoolOptions) {
    this.recycleAfter = options.recycleAfter ?? 300
    this.pageTimeoutMs = options.pageTimeoutMs ?? 300_000
  }

  /** OCR one encoded image (PNG, JPEG); a crash of another page's worker is retried once. */
  async recognize(image: Uint8Array): Promise<TessPage> {
    for (let attempt = 0; ; attempt++) {
      const generation = await this._generation()
      try {
        return await generation.run(image, this.pageTimeoutMs)
      } catch (error) {
        if (error instanceof _PoolDied && attempt === 0 && !this.closed) continue
        throw error
      }
    }
  }

  async terminate(): Promise<void> {
    this.closed = true
    const generation = this.current ?? (await this.switching?.catch(() => null)) ?? null
    this.current = null
    generation?.kill(new _PoolDied('OCR workers terminated'))
    await generation?.scheduler.terminate().catch(() => {})
  }

  private _generation(): Promise<_Generation> {
    if (this.closed) return Promise.reject(new _PoolDied('OCR workers terminated'))
    const current = this.current
    if (current && !current.dead && current.used < this.recycleAfter) return Promise.resolve(current)
    this.switching ??= (async () => {
      if (current) {
        this.current = null
        if (!current.dead) await current.idle()
        current.kill(new _PoolDied('OCR workers recycled'))
      }
      const next = await this._start()
      if (this.closed) {
        next.kill(new _PoolDied('OCR workers terminated'))
        throw new _PoolDied('OCR workers terminated')
      }
      this.current = next
      return next
    })().finally(() => {
      this.switching = null
    })
    return this.switching
  }

  /** Start the workers now (model loading overlaps the first page render); errors surface in recognize(). */
  warm(): void {
    if (!this.current && !this.closed) void this._generation().catch(() => {})
  }

  private async _start(): Promise<_Generation> {
    _enableRelaxedSimd()
    const { createWorker, createScheduler, OEM } = await import('tesseract.js')
    const { langPath, gzip } = _langData(this.options.lang)
    const scheduler = createScheduler() as unknown as _Scheduler
    const workerPath = _lstmWorkerUrl()
    // Workers read the shared core from the environment data they are started with.
    const core = workerPath ? await _loadSharedCore() : null
    if (core) setEnvironmentData(_CORE_KEY, core)
    const workers = await Promise.all(
      Array.from({ length: this.options.jobs }, async () => {
        const worker = (await createWorker(this.options.lang, OEM.LSTM_ONLY, {
          langPath,
          gzip,
          // Read the model from node_modules, write nothing anywhere (no cache in the working directory).
          cacheMethod: 'none',
          // A URL object: tesseract.js hands it to `new Worker` as is.
          ...(workerPath ? { workerPath: workerPath as unknown as string } : {}),
          // Without a handler tesseract.js throws a failed page out of its message loop.
          errorHandler: () => {},
          logger: () => {},
        })) as unknown as _Worker
        // debug_file: tesseract's own messages ("Estimating resolution as …") would go to our stderr.
        await worker.setParameters({ tessedit_pageseg_mode: PAGE_SEG_MODE, debug_file: '/dev/null' })
        return worker
      }),
    )
    const generation = new _Generation(scheduler, workers)
    for (const worker of workers) {
      scheduler.addWorker(worker)
      // A worker thread that exits (WASM abort, out of memory) would leave its job hanging.
      worker.worker?.on?.('exit', () => generation.kill(new _PoolDied('an OCR worker stopped')))
    }
    this.generations++
    return generation
  }
}
