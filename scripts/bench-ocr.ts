// OCR benchmark: pages per minute of the whole pipeline (PDF render + OCR) for a
// scanned PDF made from the gold notes, wooscan (pdf.js + tesseract.js workers) side by
// side with the native way (poppler `pdftoppm` at the same dpi, then Debian's
// `tesseract`, one process per core, OMP_THREAD_LIMIT=1, the same traineddata), the
// ratio, peak memory, cold vs cached rerun, and CER of both against the rendered text.
//
//   npx tsx scripts/bench-ocr.ts [--pages 20] [--jobs N] [--dpi 300] [--seed 1] [--stages] [--source]
//
// It measures the code as users run it: built with tsup (into .tmp/bench-ocr) and run by
// plain node; --source measures the TypeScript sources under tsx instead (slower: tsx keeps
// transformed copies and source maps of pdf.js on the main thread's heap, ~95 MB more).
//
// --stages adds a per-stage breakdown, one page at a time on one core, in CPU time per page
// (steady state, over the first 6 pages): render (the page's JPEG decoded natively, or
// pdf.js + canvas, vs pdftoppm; pdf.js alone beside it), recognise
// (tesseract.js vs the tesseract CLI), wooscan's post-processing, and the one-off cost of
// starting a worker (WebAssembly compile and tier-up included).
//
// It takes a few minutes. Native tools: apt-get install -y poppler-utils tesseract-ocr.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { gunzipSync } from 'node:zlib'
import { distance } from 'fastest-levenshtein'
import { notaSpecsFromMarkdown, renderNotaPage, toJpeg, writeImagePdf, type Region } from './lib/render-page.js'

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '20' },
    jobs: { type: 'string', default: String(os.availableParallelism()) },
    dpi: { type: 'string', default: '300' },
    seed: { type: 'string', default: '1' },
    // Internal: run wooscan's OCR in this (child) process and print JSON.
    stages: { type: 'boolean', default: false },
    // Measure the TypeScript sources under tsx instead of a build run by plain node.
    source: { type: 'boolean', default: false },
    child: { type: 'string' },
    cache: { type: 'string' },
  },
})
const jobs = Number(values.jobs)
const dpi = Number(values.dpi)

interface Word {
  text: string
  bbox: [number, number, number, number]
}

// The repository root, also when this file runs as the build in .tmp/bench-ocr.
const root = process.env.WOOSCAN_BENCH_ROOT ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..')

// Measure what users run: the code built (tsup, as the package is) and run by plain node.
// Under tsx the main thread's heap holds tsx's transformed copies and source maps of pdf.js
// (about 95 MB more), which makes every garbage collection of that thread dearer.
if (!values.child && !values.source && import.meta.url.endsWith('.ts')) {
  const out = path.join(root, '.tmp', 'bench-ocr')
  const self = fileURLToPath(import.meta.url)
  const build = spawnSync('npx', ['tsup', self, '--no-config', '--format', 'esm', '--target', 'node20', '--out-dir', out, '--silent'], { cwd: root, encoding: 'utf8' })
  if (build.status === 0) {
    const run = spawnSync(process.execPath, [path.join(out, 'bench-ocr.js'), ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, WOOSCAN_BENCH_ROOT: root } })
    process.exit(run.status ?? 1)
  }
  const why = `${build.stderr ?? ''}`.split('\n').find((line) => /error/i.test(line)) ?? `exit ${build.status}`
  console.log(`# the tsup build failed (${why.trim().slice(0, 160)}): measuring the sources under tsx`)
}

if (values.child) {
  // A fresh process per run: cold start and peak memory are measured honestly.
  const { ocr } = await import('../src/ocr/index.js')
  const base = process.memoryUsage().rss
  // Sample RSS: ru_maxrss would carry the parent's peak over fork+exec.
  let peak = base
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  const started = performance.now()
  const cpu = process.cpuUsage()
  const result = await ocr([values.child], { jobs, dpi, cache: values.cache ?? false })
  const seconds = (performance.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  clearInterval(sampler)
  const pages = result.value.pages.map((p) => ({ method: p.method, words: (p.words ?? []).map((w) => ({ text: w.text, bbox: w.bbox })) }))
  process.stdout.write(JSON.stringify({ seconds, cpuSeconds: (used.user + used.system) / 1e6, maxRssMb: peak / 2 ** 20, baseRssMb: base / 2 ** 20, issues: result.issues.length, pages }), () => process.exit(0))
  await new Promise(() => {})
}

/** CER of `actual` against `expected`, whitespace collapsed. */
function cer(expected: string, actual: string): number {
  const norm = (s: string) => s.split(/\s+/).filter(Boolean).join(' ')
  const e = norm(expected)
  return e.length === 0 ? 0 : distance(e, norm(actual)) / e.length
}

/** Words whose box centre lies in the region, in reading order as OCR gave them. */
function inRegion(words: Word[], region: Region): string {
  const [x0, y0, x1, y1] = region.box
  return words
    .filter((w) => {
      const cx = (w.bbox[0] + w.bbox[2]) / 2
      const cy = (w.bbox[1] + w.bbox[3]) / 2
      return cx >= x0 - 20 && cx <= x1 + 20 && cy >= y0 - 20 && cy <= y1 + 20
    })
    .map((w) => w.text)
    .join(' ')
}

interface Quality {
  body: number
  sidebar: number
}

function quality(golds: Array<{ regions: { body: Region; sidebar: Region } }>, pages: Word[][]): Quality {
  let bodyErr = 0
  let bodyLen = 0
  let sideErr = 0
  let sideLen = 0
  golds.forEach((gold, i) => {
    const words = pages[i] ?? []
    bodyErr += cer(gold.regions.body.text, inRegion(words, gold.regions.body)) * gold.regions.body.text.length
    bodyLen += gold.regions.body.text.length
    sideErr += cer(gold.regions.sidebar.text, inRegion(words, gold.regions.sidebar)) * gold.regions.sidebar.text.length
    sideLen += gold.regions.sidebar.text.length
  })
  return { body: bodyErr / bodyLen, sidebar: sideErr / sideLen }
}

function runChild(pdf: string, cache: string | null): Promise<{ seconds: number; cpuSeconds: number; maxRssMb: number; baseRssMb: number; issues: number; pages: Array<{ method: string; words: Word[] }> }> {
  const self = fileURLToPath(import.meta.url)
  const args = [...(self.endsWith('.ts') ? ['--import', 'tsx'] : []), self, '--child', pdf, '--jobs', String(jobs), '--dpi', String(dpi)]
  if (cache) args.push('--cache', cache)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}`))))
  })
}

/** User + system seconds from the last line of `/usr/bin/time -f '%M %U %S'`. */
function _cpuOf(stderr: string): number {
  const [, user, system] = stderr.trim().split('\n').at(-1)?.split(' ').map(Number) ?? []
  return Number.isFinite(user) && Number.isFinite(system) ? user! + system! : 0
}

/** Per-stage CPU time per page, one page at a time, wooscan's code against the native tools. */
async function stages(pdf: string, tessdata: string, timed: boolean): Promise<void> {
  const { _openPdf, _renderForOcr, _renderPage } = await import('../src/ocr/pdf.js')
  const { _PdfImages } = await import('../src/ocr/scan-image.js')
  const { _OcrPool } = await import('../src/ocr/tesseract.js')
  const { _sourceFromBlocks } = await import('../src/ocr/source.js')
  const cpuMs = () => {
    const used = process.cpuUsage()
    return (used.user + used.system) / 1000
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wooscan-bench-stages-'))
  try {
    const data = new Uint8Array(readFileSync(pdf))
    const doc = await _openPdf(data)
    const n = Math.min(6, doc.numPages)
    const images: Uint8Array[] = []
    let render = 0
    let renderPdfJs = 0
    let open = cpuMs()
    const scans = await _PdfImages.open(data, doc.numPages)
    open = cpuMs() - open
    const via = new Map<string, number>()
    for (let p = 1; p <= n; p++) {
      const page = await doc.getPage(p)
      let c = cpuMs()
      const rendered = await _renderForOcr(doc, page, dpi, scans)
      render += cpuMs() - c
      images.push(rendered.image)
      const how = rendered.via + (rendered.reason ? ` (${rendered.reason})` : '')
      via.set(how, (via.get(how) ?? 0) + 1)
      await new Promise((resolve) => setImmediate(resolve))
      // The same page through pdf.js alone, for comparison.
      c = cpuMs()
      await _renderPage(doc, page, dpi)
      renderPdfJs += cpuMs() - c
      await new Promise((resolve) => setImmediate(resolve))
    }
    await doc.destroy()
    // Only the worker thread works while a page is recognised: process CPU time is its time.
    const pool = new _OcrPool({ lang: 'nld', jobs: 1 })
    let c = cpuMs()
    await pool.recognize(images[0]!)
    const first = cpuMs() - c
    let recognise = 0
    let post = 0
    for (const image of images) {
      c = cpuMs()
      const page = await pool.recognize(image)
      recognise += cpuMs() - c
      const t = performance.now()
      _sourceFromBlocks(page.blocks)
      post += performance.now() - t
    }
    await pool.terminate()
    let nativeRender = 0
    let nativeRecognise = 0
    if (timed) {
      const rendered = spawnSync('/usr/bin/time', ['-f', '%M %U %S', 'pdftoppm', '-r', String(dpi), '-gray', '-l', String(n), pdf, path.join(dir, 'p')], { encoding: 'utf8' })
      nativeRender = _cpuOf(rendered.stderr) * 1000
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.pgm')).sort()) {
        const image = path.join(dir, file)
        const args = [image, image.replace(/\.pgm$/, ''), '--tessdata-dir', tessdata, '-l', 'nld', '--oem', '1', '--psm', '3', '-c', 'tessedit_create_tsv=1', '-c', 'tessedit_create_txt=0']
        const run = spawnSync('/usr/bin/time', ['-f', '%M %U %S', 'tesseract', ...args], { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' } })
        nativeRecognise += _cpuOf(run.stderr) * 1000
      }
    }
    const per = (ms: number) => `${(ms / n).toFixed(0)} ms`
    const vs = (ours: number, native: number) => (timed ? ` vs ${per(native)} native (${(ours / native).toFixed(2)}x)` : '')
    console.log(`stages (CPU per page, 1 worker, ${n} pages, steady state):`)
    console.log(`  render:     ${per(render)} JPEG from the PDF decoded by @napi-rs/canvas, or pdf.js, + grey PNG${timed ? ` vs ${per(nativeRender)} pdftoppm (${(render / nativeRender).toFixed(2)}x)` : ''}; pdf.js alone ${per(renderPdfJs)}`)
    console.log(`              pages: ${[...via].map(([how, count]) => `${count} ${how}`).join(', ')}; reading the file with pdf-lib ${open.toFixed(0)} ms once`)
    console.log(`  recognise:  ${per(recognise)} tesseract.js${vs(recognise, nativeRecognise)}; the native figure includes loading the model in each process`)
    console.log(`  post:       ${(post / n).toFixed(1)} ms tesseract blocks -> page source and words`)
    console.log(`  one-off:    ${(first - recognise / n).toFixed(0)} ms a worker (start, WebAssembly compile and tier-up: the first page's extra time)`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0

// 1. A scanned PDF from the gold notes, degraded like a photocopy, page text kept.
const work = mkdtempSync(path.join(os.tmpdir(), 'wooscan-bench-ocr-'))
try {
  const goldDir = path.join(root, 'corpus', 'gold')
  const specs = readdirSync(goldDir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .flatMap((f) => notaSpecsFromMarkdown(readFileSync(path.join(goldDir, f), 'utf8')))
  const wanted = Number(values.pages)
  const seed = Number(values.seed)
  const rendered = Array.from({ length: wanted }, (_, i) =>
    renderNotaPage(specs[i % specs.length]!, { dpi, degrade: { seed: seed + i, blur: 1, noise: 10, speckle: 0.0004, rotate: ((i % 5) - 2) * 0.25 } }),
  )
  const golds = rendered.map((p) => ({ regions: { body: p.regions.body, sidebar: p.regions.sidebar } }))
  const pdf = path.join(work, 'scan.pdf')
  writeFileSync(pdf, writeImagePdf(rendered.map((p) => ({ jpeg: toJpeg(p, 75), width: p.width, height: p.height, dpi }))))
  const pdfMb = readFileSync(pdf).length / 2 ** 20
  const runtime = import.meta.url.endsWith('.ts') ? 'TypeScript sources under tsx' : 'tsup build, plain node'
  console.log(`# OCR benchmark: ${wanted} scanned pages (A4, ${dpi} dpi JPEG, ${pdfMb.toFixed(1)} MB), jobs ${jobs}, ${os.availableParallelism()} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${runtime}`)

  // 2. wooscan: cold (empty cache), then a rerun from the cache.
  const cache = path.join(work, 'cache')
  const cold = await runChild(pdf, cache)
  const warm = await runChild(pdf, cache)
  const jsPpm = (wanted / cold.seconds) * 60
  const jsQuality = quality(golds, cold.pages.map((p) => p.words))
  const jsCpu = cold.cpuSeconds / wanted
  console.log(`wooscan cold:   ${cold.seconds.toFixed(1)} s, ${jsPpm.toFixed(1)} pages/min, CPU ${jsCpu.toFixed(2)} s/page, CER body ${(jsQuality.body * 100).toFixed(2)}%, sidebar ${(jsQuality.sidebar * 100).toFixed(2)}%, issues ${cold.issues}`)
  console.log(`wooscan memory: peak RSS ${cold.maxRssMb.toFixed(0)} MB for the process (sampled every 50 ms; ${cold.baseRssMb.toFixed(0)} MB before OCR), ~${((cold.maxRssMb - cold.baseRssMb) / jobs).toFixed(0)} MB per worker (incl. rendering)`)
  console.log(`wooscan cached: ${warm.seconds.toFixed(2)} s, ${((wanted / warm.seconds) * 60).toFixed(0)} pages/min (${(cold.seconds / warm.seconds).toFixed(0)}x faster)`)

  // 3. Native: pdftoppm, then one tesseract process per core on the same traineddata.
  const missing = ['pdftoppm', 'tesseract'].filter((t) => !has(t))
  if (missing.length > 0) {
    console.log(`native: skipped: install ${missing.join(', ')} (apt-get install -y poppler-utils tesseract-ocr)`)
  } else {
    const { _langData } = await import('../src/ocr/tesseract.js')
    const lang = _langData('nld')
    const tessdata = path.join(work, 'tessdata')
    mkdirSync(tessdata)
    const model = readFileSync(path.join(lang.langPath, lang.gzip ? 'nld.traineddata.gz' : 'nld.traineddata'))
    writeFileSync(path.join(tessdata, 'nld.traineddata'), lang.gzip ? gunzipSync(model) : model)
    const images = path.join(work, 'png')
    mkdirSync(images)
    const timeTool = has('/usr/bin/time') ? '/usr/bin/time' : null
    const started = performance.now()
    let nativeCpu = 0
    const timed = (tool: string, args: string[]) => (timeTool ? [timeTool, ['-f', '%M %U %S', tool, ...args]] as const : [tool, args] as const)
    const [renderCmd, renderArgs] = timed('pdftoppm', ['-r', String(dpi), '-gray', pdf, path.join(images, 'p')])
    const rendered = spawnSync(renderCmd, renderArgs, { encoding: 'utf8' })
    if (rendered.status !== 0) throw new Error(`pdftoppm failed: ${rendered.stderr}`)
    nativeCpu += _cpuOf(rendered.stderr)
    const renderSeconds = (performance.now() - started) / 1000
    const files = readdirSync(images).filter((f) => f.endsWith('.pgm')).sort()
    const peaks: number[] = []
    let next = 0
    const worker = async () => {
      while (next < files.length) {
        const file = path.join(images, files[next++]!)
        const args = [file, file.replace(/\.pgm$/, ''), '--tessdata-dir', tessdata, '-l', 'nld', '--oem', '1', '--psm', '3', '-c', 'tessedit_create_tsv=1', '-c', 'tessedit_create_txt=0']
        await new Promise<void>((resolve, reject) => {
          const cmd = timeTool ? spawn(timeTool, ['-f', '%M %U %S', 'tesseract', ...args], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'ignore', 'pipe'] }) : spawn('tesseract', args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: 'ignore' })
          let err = ''
          cmd.stderr?.on('data', (d: Buffer) => (err += d.toString()))
          cmd.on('exit', (code) => {
            const kb = Number(err.trim().split('\n').at(-1)?.split(' ')[0])
            if (Number.isFinite(kb)) peaks.push(kb / 1024)
            nativeCpu += _cpuOf(err)
            if (code === 0) resolve()
            else reject(new Error(`tesseract exited ${code}: ${err.slice(0, 200)}`))
          })
        })
      }
    }
    await Promise.all(Array.from({ length: jobs }, worker))
    const nativeSeconds = (performance.now() - started) / 1000
    const nativePages = files.map((f) => {
      const tsv = readFileSync(path.join(images, f.replace(/\.pgm$/, '.tsv')), 'utf8').split('\n').slice(1)
      return tsv
        .map((line) => line.split('\t'))
        .filter((c) => c[0] === '5' && c[11]?.trim())
        .map((c) => ({ text: c[11]!.trim(), bbox: [Number(c[6]), Number(c[7]), Number(c[6]) + Number(c[8]), Number(c[7]) + Number(c[9])] as Word['bbox'] }))
    })
    const nativePpm = (wanted / nativeSeconds) * 60
    const nativeQuality = quality(golds, nativePages)
    const version = execFileSync('tesseract', ['--version']).toString().split('\n')[0]
    const nativeCpuPage = nativeCpu / wanted
    console.log(`native:         ${nativeSeconds.toFixed(1)} s (pdftoppm ${renderSeconds.toFixed(1)} s), ${nativePpm.toFixed(1)} pages/min, CPU ${timeTool ? nativeCpuPage.toFixed(2) : '?'} s/page, CER body ${(nativeQuality.body * 100).toFixed(2)}%, sidebar ${(nativeQuality.sidebar * 100).toFixed(2)}% (${version})`)
    if (peaks.length) console.log(`native memory:  peak RSS ${Math.max(...peaks).toFixed(0)} MB per tesseract process`)
    console.log(`ratio wooscan/native: ${(jsPpm / nativePpm).toFixed(2)} in pages/min (goal >= 0.8)` + (timeTool ? `, ${(nativeCpuPage / jsCpu).toFixed(2)} in CPU time per page (less sensitive to other load)` : ''))
    if (values.stages) await stages(pdf, tessdata, timeTool !== null)
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
