// Bad input, end to end: each case of the bad-input table through the CLI (one line
// on stderr naming the file, exit 1, no stack trace; or read, with a warning) and
// through the library (issues, never a throw). Outputs are atomic: an interrupted
// run leaves nothing behind. JSON never holds a lone surrogate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { release, clean } from '../src/release.js'
import { readText } from '../src/pages/index.js'
import type { Release } from '../src/types.js'
import {
  adversarialPages, controlCharacterText, encryptedPdf, PROSE, manyPagesText, RTL_EMOJI_TEXT, writeBadInputs, writeOneLine, zeroPagePdf, corruptPdf, type BadInputs,
} from '../scripts/lib/bad-inputs.js'

const ROOT = new URL('..', import.meta.url).pathname
let bad: BadInputs
let tmp: string
/** The CLI file, built once; a build failure fails the CLI tests only, not the library ones. */
let cliReady: Promise<string>

/** The CLI as one file: $WOOSCAN_CLI, or dist/cli.js when it is newer than every source file, else a fresh esbuild bundle. */
async function _cliPath(): Promise<string> {
  if (process.env.WOOSCAN_CLI) return process.env.WOOSCAN_CLI
  const dist = join(ROOT, 'dist/cli.js')
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)))
  if (existsSync(dist) && statSync(dist).mtimeMs > newest(join(ROOT, 'src'))) return dist
  // Inside the repo (node_modules/.cache), so that the bundle finds node_modules and data/ as dist/ does.
  const out = join(ROOT, 'node_modules/.cache/wooscan-robustness/cli.mjs')
  await build({ entryPoints: [join(ROOT, 'src/cli/index.ts')], outfile: out, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'silent' })
  return out
}

interface Run {
  status: number | null
  stdout: string
  stderr: string
  /** stdout as bytes. */
  raw: Buffer
}

async function run(args: string[], options: { timeout?: number } = {}): Promise<Run> {
  const cli = await cliReady
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: tmp, encoding: 'buffer', maxBuffer: 1 << 28, timeout: options.timeout ?? 100_000, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0
      resolve({ status, stdout: stdout.toString('utf8'), stderr: stderr.toString('utf8'), raw: stdout })
    })
  })
}

/** A UTF-16 surrogate without its partner. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** The failure shape CONTRACT.md promises: exit 1, one line naming the file, nothing on stdout, no stack trace. */
function expectOneLineError(result: Run, file: string, problem: RegExp): void {
  expect(result.status).toBe(1)
  expect(result.stdout).toBe('')
  const lines = result.stderr.split('\n').filter(Boolean)
  expect(lines).toHaveLength(1)
  expect(lines[0]!.startsWith(`wooscan: ${file}: `)).toBe(true)
  expect(lines[0]).toMatch(problem)
  expect(result.stderr).not.toMatch(/^\s+at /m)
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'wooscan-robustness-'))
  bad = writeBadInputs(join(tmp, 'in'))
  cliReady = _cliPath()
  cliReady.catch(() => {})
}, 120_000)

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

describe('CLI: input that cannot be read is one line on stderr and exit 1', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['missing file', 'missing', /no such file; check the path$/],
    ['a directory', 'directory', /is a directory; pass the files in it$/],
    ['an empty file', 'empty', /file is empty$/],
    ['a binary file passed as text', 'binary', /not a text file \(binary data at byte \d+\); pass a \.txt, \.md, \.pdf or image file$/],
    ['bytes that are neither UTF-8 nor Windows-1252', 'neither', /neither UTF-8 nor Windows-1252 text \(invalid byte at offset 11\); convert it to UTF-8$/],
    ['a corrupt PDF', 'corruptPdf', /the PDF cannot be read \(.+\); the file may be damaged or cut off; download or export it again$/],
    ['an encrypted PDF', 'encryptedPdf', /the PDF is encrypted \(it needs a password\); remove the password \(for example `qpdf --decrypt in.pdf out.pdf`\) and try again$/],
    ['a PDF with 0 pages', 'zeroPagePdf', /the PDF has no pages; there is nothing to read; check that this is the right file$/],
    ['an image of 0x0 pixels', 'emptyImage', /the image is 0x0 pixels; there is nothing to read; scan or export the page again$/],
    ['an unsupported image format (GIF)', 'unsupportedImage', /not a PDF, PNG or JPEG file; convert it to PDF, PNG or JPEG$/],
    ['a .png that holds no image', 'notAnImage', /not a PDF, PNG or JPEG file; convert it to PDF, PNG or JPEG$/],
    ['a binary file named .md', 'binaryMd', /not a text file \(binary data at byte 0\); pass a \.txt, \.md, \.pdf or image file$/],
  ]
  for (const [name, key, problem] of cases) {
    it.concurrent(`${name}: release`, async () => {
      const file = bad.files[key]!
      expectOneLineError(await run(['release', file, '--no-progress']), file, problem)
    })
  }

  it.concurrent('the same errors from clean, diff, ocr and eval name the file', async () => {
    const file = bad.files.binary!
    expectOneLineError(await run(['clean', file]), file, /not a text file/)
    expectOneLineError(await run(['diff', bad.files.good!, file]), file, /not a text file/)
    expectOneLineError(await run(['ocr', bad.files.encryptedPdf!, '--no-progress']), bad.files.encryptedPdf!, /encrypted/)
    expectOneLineError(await run(['eval', bad.files.good!, '--gold', bad.files.binaryMd!]), bad.files.binaryMd!, /not a text file/)
  })

  it.concurrent('one unreadable file among good ones fails the run, naming it', async () => {
    const file = bad.files.encryptedPdf!
    expectOneLineError(await run(['release', bad.files.textPdf!, file, bad.files.good!, '--no-progress']), file, /the PDF is encrypted/)
  })

  it.concurrent('--debug adds the stack trace', async () => {
    const result = await run(['release', bad.files.missing!, '--debug'])
    expect(result.status).toBe(1)
    expect(result.stderr.split('\n')[0]).toBe(`wooscan: ${bad.files.missing}: no such file; check the path`)
    expect(result.stderr).toMatch(/^\s+at /m)
  })

  it.concurrent('wrong usage exits 2', async () => {
    expect((await run(['release'])).status).toBe(2)
    expect((await run(['release', bad.files.good!, '--format', 'yaml'])).status).toBe(2)
    expect((await run(['frobnicate'])).status).toBe(2)
  })

  it.concurrent('an existing --out folder is refused without --force, and left alone', async () => {
    const out = join(tmp, 'exists')
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'keep.txt'), 'mine')
    expectOneLineError(await run(['release', bad.files.good!, '--out', out]), out, /already exists; pass --force to replace it$/)
    expect(readdirSync(out)).toEqual(['keep.txt'])
  })
})

describe('CLI: odd but readable text is read', () => {
  it.concurrent('UTF-16 with a BOM, little and big endian', async () => {
    const result = await run(['release', bad.files.utf16le!, bad.files.utf16be!, '--format', 'json'])
    expect(result.status).toBe(0)
    const value = JSON.parse(result.stdout) as Release
    expect(value.pages.map((page) => page.file)).toEqual([bad.files.utf16le, bad.files.utf16be])
    for (const page of value.pages) expect(page.source).toBe(PROSE + 'Één oplossing: “zo”.\n')
    const text = value.documents.map((doc) => doc.text).join('\n')
    expect(text).toContain('Het ministerie vraagt u in te stemmen')
    expect(text).toContain('Één oplossing: “zo”.')
  })

  it.concurrent('markdown in UTF-16 with a BOM', async () => {
    const result = await run(['clean', bad.files.utf16Md!, '--format', 'json'])
    expect(result.status).toBe(0)
    const value = JSON.parse(result.stdout) as Release
    expect(value.documents.map((doc) => doc.text)).toEqual(['Aanleiding\n\nÉén regel.'])
  })

  it.concurrent('Windows-1252, with a warning naming the file and byte', async () => {
    const file = bad.files.cp1252!
    const result = await run(['clean', file])
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('Het beleid is én geheel, kosten € 5 miljoen, “zo”.')
    expect(result.stderr).toMatch(/^wooscan: \S+cp1252\.txt: (?:26-26: )?warning not UTF-8 \(byte 26\); read as Windows-1252 \[encoding\]$/m)
  })

  it.concurrent('NUL bytes and control characters: kept in the source, dropped from the text, with a warning', async () => {
    const file = bad.files.controls!
    const result = await run(['clean', file, '--format', 'json'])
    expect(result.status).toBe(0)
    expect(result.stderr).toContain(`wooscan: ${file}: 15-16: warning control character U+0000 at offset 15; dropped from the clean text [control-characters]\n`)
    const value = JSON.parse(result.stdout) as Release
    expect(value.pages.map((p) => p.source).join('\f')).toBe(new TextDecoder().decode(controlCharacterText()))
    // eslint-disable-next-line no-control-regex
    for (const doc of value.documents) expect(doc.text).not.toMatch(/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/)
    expect(value.documents.map((d) => d.text).join(' ')).toContain('Het ministerie vraagt u in te stemmen.')
  })

  it.concurrent('right-to-left script and emoji pass through unchanged', async () => {
    const result = await run(['clean', bad.files.rtlEmoji!, '--format', 'json'])
    expect(result.status).toBe(0)
    const value = JSON.parse(result.stdout) as Release
    expect(value.pages[0]!.source).toBe(RTL_EMOJI_TEXT)
    const text = value.documents.map((d) => d.text).join('\n')
    for (const piece of ['Arabisch: مرحبا بالعالم en Hebreeuws: שלום עולם 👋🏽.', 'Reactie 👍 van de minister 🇳🇱', 'en 👩\u200d💻.']) expect(text).toContain(piece)
  })

  it.concurrent('JSON never holds a lone surrogate (UTF-16 and CESU-8 surrogate bytes)', async () => {
    {
      const result = await run(['release', bad.files.loneSurrogate16!, bad.files.loneSurrogate8!, '--format', 'json'])
      expect(result.status).toBe(0)
      // The bytes are valid UTF-8, no escape writes a lone surrogate, and every string is well-formed UTF-16.
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(result.raw)).not.toThrow()
      expect(result.stdout).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i)
      const strings: string[] = []
      const value = JSON.parse(result.stdout, (_k, v: unknown) => (typeof v === 'string' && strings.push(v), v)) as Release
      expect(strings.length).toBeGreaterThan(50)
      expect(strings.filter((s) => LONE_SURROGATE.test(s))).toEqual([])
      expect(value.pages[0]!.source).toBe('Aanleiding\n\nHet beleid \uFFFDA is helder.\n')
      expect(value.documents.map((d) => d.text).join(' ')).toContain('Het beleid')
    }
  })
})

describe('CLI: big inputs', () => {
  it('a 50 MB file of one line is refused at once, naming the file', async () => {
    const file = join(tmp, 'one-line.txt')
    writeOneLine(file, 50)
    const result = await run(['release', file])
    expectOneLineError(result, file, /a line of 52428800 characters without a line break \(at offset 0; at most 1000000\); break the text into lines, with a form feed between pages$/)
    rmSync(file)
  })

  it('10,000 short pages are read, each page once', async () => {
    const file = join(tmp, 'many-pages.txt')
    writeFileSync(file, manyPagesText(10_000))
    const out = join(tmp, 'many-out')
    const result = await run(['clean', file, '--format', 'json', '-o', out + '.json'])
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const value = JSON.parse(readFileSync(out + '.json', 'utf8')) as Release
    expect(value.pages).toHaveLength(10_000)
    expect(value.pages[9_999]!.source).toContain('Dit is pagina 10000 van de reeks')
    const inDocuments = value.documents.flatMap((doc) => doc.pages)
    expect(new Set(inDocuments).size).toBe(inDocuments.length)
  })
})

describe('CLI: bounded work on hostile lines', () => {
  it('long runs that make careless regexes backtrack are read, every character kept', async () => {
    const pages = adversarialPages(100_000)
    const file = join(tmp, 'hostile.txt')
    writeFileSync(file, pages.join('\f'))
    const result = await run(['clean', file, '--format', 'json', '--quiet', '-o', file + '.json'], { timeout: 90_000 })
    expect(result.status).toBe(0)
    const value = JSON.parse(readFileSync(file + '.json', 'utf8')) as Release
    expect(value.pages.map((p) => p.source)).toEqual(pages)
    // Body text survives (test/properties.test.ts checks every character of these pages, smaller).
    expect(value.documents.map((d) => d.text).join(' ')).toContain('Tekst')
  }, 120_000)
})

describe('CLI: outputs are atomic', () => {
  it('SIGINT during a release leaves no --out folder and no temporary files', async () => {
    const work = join(tmp, 'interrupt')
    mkdirSync(work)
    const file = join(work, 'big.txt')
    writeFileSync(file, manyPagesText(8_000))
    const out = join(work, 'out')
    const child = spawn(process.execPath, [await cliReady, 'release', file, '--out', out, '--no-progress'], { stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal === 'SIGINT' ? 130 : null))))
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    // Let it load and start the pipeline, then interrupt well before it can finish: the
    // text pipeline is synchronous, so the default SIGINT ends it at once.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    child.kill('SIGINT')
    const code = await exited
    expect(stderr).toBe('')
    expect(code).toBe(130)
    expect(existsSync(out)).toBe(false)
    expect(readdirSync(work)).toEqual(['big.txt'])
    expect(stderr).not.toMatch(/^\s+at /m)
  })

  it('SIGINT while the output folder is being written removes the temporary folder', async () => {
    const work = join(tmp, 'interrupt-write')
    mkdirSync(work)
    const out = join(work, 'out')
    // A child that writes 20,000 files atomically and says when it starts.
    const script = [
      `import { writeDirAtomic } from ${JSON.stringify(join(ROOT, 'src/cli/output.ts'))}`,
      'const files = {}',
      "for (let i = 0; i < 20000; i++) files[`documents/d${i}.md`] = 'x'.repeat(2000)",
      "process.stdout.write('writing\\n')",
      `await writeDirAtomic(${JSON.stringify(out)}, files, false)`,
      "process.stdout.write('done\\n')",
    ].join('\n')
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    await Promise.race([exited, new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (stdout.includes('writing')) resolve()
    }))])
    await new Promise((resolve) => setTimeout(resolve, 100))
    child.kill('SIGINT')
    const code = await exited
    expect(stdout).not.toContain('done')
    expect(code).toBe(130)
    expect(stderr).toContain('wooscan: interrupted; no output written')
    expect(readdirSync(work)).toEqual([])
  }, 60_000)

  it('a failed run leaves no -o file behind', async () => {
    const target = join(tmp, 'never.json')
    const result = await run(['release', bad.files.binary!, '--format', 'json', '-o', target])
    expect(result.status).toBe(1)
    expect(existsSync(target)).toBe(false)
    expect(readdirSync(tmp).filter((name) => name.includes('wooscan-tmp'))).toEqual([])
  })
})

describe('library: bad input is an issue, never a throw', () => {
  const enc = (text: string): Uint8Array => new TextEncoder().encode(text)
  const cases: Array<[string, () => Uint8Array, { severity: 'error' | 'warning'; ruleId: string } | null]> = [
    ['empty', () => new Uint8Array(0), { severity: 'warning', ruleId: 'empty-file' }],
    ['binary', () => readFileSync(bad.files.binary!), { severity: 'error', ruleId: 'binary' }],
    ['neither UTF-8 nor Windows-1252', () => readFileSync(bad.files.neither!), { severity: 'error', ruleId: 'encoding' }],
    ['Windows-1252', () => readFileSync(bad.files.cp1252!), { severity: 'warning', ruleId: 'encoding' }],
    ['UTF-16 LE with BOM', () => readFileSync(bad.files.utf16le!), null],
    ['UTF-16 BE with BOM', () => readFileSync(bad.files.utf16be!), null],
    ['NUL and control characters', () => controlCharacterText(), { severity: 'warning', ruleId: 'control-characters' }],
    ['RTL and emoji', () => enc(RTL_EMOJI_TEXT), null],
    ['a lone surrogate in UTF-16', () => readFileSync(bad.files.loneSurrogate16!), null],
    ['a PDF passed as text', () => encryptedPdf(), { severity: 'error', ruleId: 'not-text' }],
    ['a corrupt PDF passed as text', () => corruptPdf(), { severity: 'error', ruleId: 'not-text' }],
    ['a 0-page PDF passed as text', () => zeroPagePdf(), { severity: 'error', ruleId: 'not-text' }],
    ['a PNG passed as text', () => readFileSync(bad.files.emptyImage!), { severity: 'error', ruleId: 'not-text' }],
    ['a 2 MB line', () => enc('woord '.repeat(350_000)), { severity: 'error', ruleId: 'line-too-long' }],
  ]
  for (const [name, bytes, expected] of cases) {
    it(`${name}: release and clean return issues`, () => {
      const data = bytes()
      for (const fn of [release, clean]) {
        const result = fn([{ name: 'in.txt', data }])
        expect(result.value.version).toBe(1)
        if (expected) expect(result.issues).toContainEqual(expect.objectContaining({ ...expected, file: 'in.txt' }))
        else expect(result.issues.filter((issue) => issue.severity === 'error')).toEqual([])
        if (result.issues.some((issue) => issue.severity === 'error')) expect(result.value.documents).toEqual([])
      }
    })
  }

  it('a line over the limit is refused; one just under it is read with every word kept', () => {
    const long = readText(new TextEncoder().encode('x'.repeat(1_000_001)), 'a.txt')
    expect(long.value).toEqual([])
    expect(long.issues[0]).toMatchObject({ severity: 'error', ruleId: 'line-too-long', file: 'a.txt', start: 0 })
    const words = 'beleid '.repeat(20_000)
    const value = clean(words).value
    expect(value.documents.flatMap((d) => d.blocks.flatMap((b) => b.tokens))).toHaveLength(20_000)
  })

  it('wrong argument types throw a TypeError at once', () => {
    expect(() => release([{ name: 'a', data: new Uint8Array(1) }], { threshold: '1' as unknown as number })).toThrow(TypeError)
    expect(() => release([42 as unknown as string])).toThrow(TypeError)
    expect(() => clean('x', { colour: true } as never)).toThrow(TypeError)
  })

  it('OCR: corrupt, encrypted and 0-page PDFs and 0x0 or unknown images are issues, not throws', async () => {
    const { ocr } = await import('../src/ocr/index.js')
    const expected: Record<string, string> = {
      corruptPdf: 'corrupt-pdf', encryptedPdf: 'encrypted', zeroPagePdf: 'empty-pdf', emptyImage: 'empty-image', unsupportedImage: 'unsupported', notAnImage: 'unsupported',
    }
    for (const [key, ruleId] of Object.entries(expected)) {
      const result = await ocr([bad.files[key]!], { cache: false })
      expect(result.value.pages).toEqual([])
      expect(result.issues).toEqual([expect.objectContaining({ severity: 'error', ruleId, file: bad.files[key] })])
    }
  })
})
