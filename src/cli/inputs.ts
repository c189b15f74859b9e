import { readFile, stat } from 'node:fs/promises'
import { extname } from 'node:path'
import type { ReleaseInput } from '../release.js'
import { decodeText } from '../pages/decode.js'

/** A problem with the input that the CLI reports on one line, exit status 1. */
export class CliError extends Error {}

export interface InputOptions {
  lang?: string
  jobs?: number
  dpi?: number
  quiet?: boolean
  progress?: boolean
  /** false: no OCR cache. */
  cache?: boolean
  /** Read markdown as plain bytes (for gold files). */
  raw?: boolean
}

const OCR_TYPES = new Set(['.pdf', '.png', '.jpg', '.jpeg', '.tif', '.tiff', '.gif', '.bmp', '.webp'])

/** Read each input file as the library wants it; scans go through OCR. */
export async function readInputs(paths: string[], options: InputOptions): Promise<ReleaseInput[]> {
  const out: ReleaseInput[] = []
  const scans: string[] = []
  for (const path of paths) {
    let info
    try {
      info = await stat(path)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EACCES' || code === 'EPERM') throw new CliError(`${path}: permission denied; check the file's permissions`)
      throw new CliError(`${path}: no such file; check the path`)
    }
    if (info.isDirectory()) throw new CliError(`${path}: is a directory; pass the files in it`)
    if (info.size === 0) throw new CliError(`${path}: file is empty`)
    const ext = extname(path).toLowerCase()
    if (OCR_TYPES.has(ext)) {
      scans.push(path)
      continue
    }
    let data: Buffer
    try {
      data = await readFile(path)
    } catch (error) {
      throw new CliError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the file's permissions`)
    }
    if (ext === '.md') {
      // Markdown is text like any other: the same encodings, the same refusal of binary data.
      const decoded = decodeText(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), path)
      const error = decoded.issues.find((issue) => issue.severity === 'error')
      if (error) throw new CliError(`${path}: ${error.message}`)
      out.push({ name: path, markdown: decoded.value })
    } else out.push({ name: path, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) })
  }
  if (scans.length > 0) {
    const { runOcr } = await import('./ocr-run.js')
    const result = await runOcr(scans, options)
    const byFile = new Map<string, typeof result.pages>()
    for (const page of result.pages) {
      const name = page.file ?? scans[0]!
      byFile.set(name, [...(byFile.get(name) ?? []), page])
    }
    for (const path of scans) {
      const pages = byFile.get(path) ?? []
      out.push({ name: path, pages: pages.map((page) => ({ source: page.source, method: page.method, ...(page.confidence !== undefined ? { confidence: page.confidence } : {}), ...(page.words ? { words: page.words } : {}) })) })
    }
  }
  // Keep the order the user gave.
  return paths.map((path) => out.find((input) => typeof input !== 'string' && input.name === path)!).filter(Boolean)
}

/** A user word list: one word a line, `#` comments. */
export async function readWords(path: string): Promise<string[]> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    throw new CliError(`${path}: cannot read the word list; check the path`)
  }
  return text.split(/\r?\n/).map((line) => line.replace(/#.*$/, '').trim()).filter(Boolean)
}
