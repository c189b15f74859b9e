// The CLI as tools and people use it: its JSON validated against the published schemas,
// --out writing the release folder, diff's exit code, eval's table.
import { describe, expect, it, beforeAll, afterAll } from 'vitest'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'

const ROOT = join(import.meta.dirname, '..')
const SEED = join(ROOT, 'corpus/000_13cc09d959e3939d.txt')
const GOLD = readdirSync(join(ROOT, 'corpus/gold')).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, 'corpus/gold', f))

/** dist/cli.js when the build is there (npm test builds first), else the source through tsx. */
const command = (): string[] =>
  existsSync(join(ROOT, 'dist/cli.js')) && statSync(join(ROOT, 'dist/cli.js')).mtimeMs > statSync(join(ROOT, 'src/cli/index.ts')).mtimeMs
    ? [join(ROOT, 'dist/cli.js')]
    : ['--import', 'tsx', join(ROOT, 'src/cli/index.ts')]

function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...command(), ...args], { cwd: ROOT, maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    })
  })
}

const ajv = new Ajv2020({ allErrors: true, strict: false })
const compiled = new Map<string, ReturnType<typeof ajv.compile>>()
const schema = (name: string) => {
  if (!compiled.has(name)) compiled.set(name, ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schema', `${name}.json`), 'utf8'))))
  return compiled.get(name)!
}
const expectValid = (name: string, value: unknown): void => {
  const validate = schema(name)
  const ok = validate(value)
  expect(ok ? [] : validate.errors!.slice(0, 5)).toEqual([])
}

let tmp: string
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'wooscan-cli-'))
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('wooscan CLI', () => {
  it('release --format json matches schema/release.json, with groups, a chain and diffs', async () => {
    const result = await run(['release', SEED, '--format', 'json', '--quiet'])
    expect(result.status).toBe(0)
    const value = JSON.parse(result.stdout)
    expectValid('release', value)
    expect(value.groups).toHaveLength(3)
    expect(value.versions).toHaveLength(1)
    expect(value.versions[0].documents).toHaveLength(3)
    expect(value.diffs).toHaveLength(2)
    for (const diff of value.diffs) expectValid('diff', diff)
  })

  it('clean --format json matches the release schema; text prints bodies with a form feed between documents', async () => {
    const json = await run(['clean', SEED, '--format', 'json', '--quiet'])
    expectValid('release', JSON.parse(json.stdout))
    const text = await run(['clean', SEED, '--quiet'])
    expect(text.status).toBe(0)
    expect(text.stdout.split('\n\f\n')).toHaveLength(6)
    expect(text.stdout.startsWith('Aanleiding\n\n')).toBe(true)
  })

  it('clean --no-correct leaves every word as the scan read it: the same documents, no word-level corrections', async () => {
    const rules = (stdout: string): Set<string> => new Set((JSON.parse(stdout) as { corrections: Array<{ rule: string }> }).corrections.map((c) => c.rule))
    const corrected = await run(['clean', SEED, '--format', 'json', '--quiet'])
    const plain = await run(['clean', SEED, '--format', 'json', '--quiet', '--no-correct'])
    expect(plain.status).toBe(0)
    expectValid('release', JSON.parse(plain.stdout))
    expect(JSON.parse(plain.stdout).documents.map((d: { id: string }) => d.id)).toEqual(JSON.parse(corrected.stdout).documents.map((d: { id: string }) => d.id))
    // The lexicon's rules run only with correction; the clean-up's own (glyphs, heading numbers) in both.
    for (const rule of ['lexicon', 'accent', 'split', 'term', 'release']) expect(rules(plain.stdout).has(rule)).toBe(false)
    expect([...rules(corrected.stdout)].filter((rule) => ['accent', 'split', 'term'].includes(rule))).not.toEqual([])
    expect(rules(plain.stdout).has('glyph')).toBe(true)
  })

  it('eval prints a table and JSON that matches schema/eval.json', async () => {
    const json = await run(['eval', SEED, '--gold', ...GOLD, '--format', 'json', '--quiet'])
    expect(json.status).toBe(0)
    const value = JSON.parse(json.stdout)
    expectValid('eval', value)
    for (const doc of value.documents) {
      expect(doc.cer).toBeLessThan(doc.cerBefore)
      // Every seed document and consensus has blocks to compare with its gold's.
      expect(doc.structure.goldBlocks).toBeGreaterThan(0)
      expect(doc.structure.precision).toBeGreaterThan(0.5)
    }
    const table = await run(['eval', SEED, '--gold', ...GOLD, '--quiet'])
    expect(table.stdout.split('\n')[0]).toMatch(/^document\s+gold\s+CER before\s+CER after\s+WER before\s+WER after\s+blocks P \/ R$/)
  })

  it('release --out writes index.html, release.json and one markdown file per document, and refuses an existing folder', async () => {
    const out = join(tmp, 'seed')
    const first = await run(['release', SEED, '--out', out, '--quiet'])
    expect(first.status).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['documents', 'index.html', 'release.json'])
    expect(readdirSync(join(out, 'documents'))).toHaveLength(6)
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toMatch(/Content-Security-Policy/)
    const again = await run(['release', SEED, '--out', out])
    expect(again.status).toBe(1)
    expect(again.stderr.trim().split('\n')).toHaveLength(1)
    expect(again.stderr).toMatch(/already exists; pass --force/)
  })

  it('diff --format json matches schema/diff.json; --exit-code exits 1 on changes, 0 on none', async () => {
    const [a, b] = GOLD.filter((f) => /2024-01-19|2024-02-13/.test(f))
    const json = await run(['diff', a!, b!, '--format', 'json'])
    expectValid('diff', JSON.parse(json.stdout))
    expect((await run(['diff', a!, b!, '--exit-code', '--quiet'])).status).toBe(1)
    expect((await run(['diff', a!, a!, '--exit-code', '--quiet'])).status).toBe(0)
    const md = await run(['diff', a!, b!, '--format', 'md'])
    expect(md.stdout).toMatch(/^## Changes from /)
  })

  it('ocr --format json on a small image matches schema/ocr.json', async () => {
    const result = await run(['ocr', join(ROOT, 'test/fixtures/ocr/lines.png'), '--format', 'json', '--quiet', '--jobs', '1', '--no-cache'])
    expect(result.status).toBe(0)
    const value = JSON.parse(result.stdout)
    expectValid('ocr', value)
    expect(value.pages[0].method).toBe('ocr')
    expect(value.pages[0].words.length).toBeGreaterThan(3)
  })
})
