// The OCR cache: one JSON file a page, keyed by the page image (or the PDF's bytes
// and page number) and every setting that changes the result, in the user's cache
// directory (never the working directory), so a rerun or an interrupted run resumes
// without OCR-ing a page twice.
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { WordBox } from '../types.js'

/** Bump when the cached shape or the way a page is read changes. */
const CACHE_VERSION = 'ocr-v1'

export interface CachedPage {
  source: string
  confidence: number
  words: WordBox[]
}

/** `$XDG_CACHE_HOME/wooscan`, else `~/.cache/wooscan`; null where there is no home. */
export function _defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'wooscan')
  let home = ''
  try {
    home = os.homedir()
  } catch {
    return null
  }
  return home ? path.join(home, '.cache', 'wooscan') : null
}

export function _hash(...parts: Array<string | Uint8Array>): string {
  const hash = createHash('sha256')
  for (const part of parts) {
    hash.update(part)
    hash.update('\0')
  }
  return hash.digest('hex')
}

export class _OcrCache {
  constructor(readonly dir: string) {}

  private file(key: string): string {
    return path.join(this.dir, CACHE_VERSION, key.slice(0, 2), `${key}.json`)
  }

  /** A cached page, or null (missing, unreadable, or not what we wrote). */
  async get(key: string): Promise<CachedPage | null> {
    try {
      const value = JSON.parse(await readFile(this.file(key), 'utf8')) as CachedPage
      if (typeof value?.source !== 'string' || !Array.isArray(value.words) || typeof value.confidence !== 'number') return null
      return value
    } catch {
      return null
    }
  }

  /** Store a page; write-then-rename, so an interrupted run never leaves half a file. */
  async set(key: string, value: CachedPage): Promise<void> {
    const file = this.file(key)
    await mkdir(path.dirname(file), { recursive: true })
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`
    await writeFile(temp, JSON.stringify(value))
    await rename(temp, file)
  }
}
