// Outputs are written whole or not at all: a temporary file or folder, then a rename.
// An interrupt removes what is half written and aborts OCR.
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { CliError } from './inputs.js'

const pending = new Set<string>()
const controller = new AbortController()

export function interruptSignal(): AbortSignal {
  return controller.signal
}

let guarded = 0
let release: (() => void) | null = null

/**
 * Run async work that leaves something behind when cut short (temporary files, OCR
 * workers) with SIGINT/SIGTERM handled. Outside such work the default stays: the process
 * ends at once, even in the middle of the synchronous text pipeline, and nothing is half written.
 */
export async function guardInterrupt<T>(work: () => Promise<T>): Promise<T> {
  if (guarded++ === 0) release = onInterrupt()
  try {
    return await work()
  } finally {
    if (--guarded === 0) {
      release?.()
      release = null
    }
  }
}

/** On SIGINT/SIGTERM: remove temporary outputs, abort OCR, exit 130. Returns a function that removes the handler. */
export function onInterrupt(): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    controller.abort(new Error(`interrupted by ${signal}`))
    process.stderr.write(`wooscan: interrupted; no output written\n`)
    // A write already under way may add a file while the folder is removed (ENOTEMPTY):
    // writers stop at the abort, so try again shortly.
    const removeAll = (attempt: number): void => {
      try {
        for (const path of pending) rmSync(path, { recursive: true, force: true })
      } catch {
        if (attempt < 40) {
          setTimeout(() => removeAll(attempt + 1), 25)
          return
        }
      }
      process.exit(130)
    }
    removeAll(0)
  }
  process.once('SIGINT', handler)
  process.once('SIGTERM', handler)
  return () => {
    process.removeListener('SIGINT', handler)
    process.removeListener('SIGTERM', handler)
  }
}

function _temp(path: string): string {
  return `${path}.wooscan-tmp-${process.pid}`
}

export function writeFileAtomic(path: string, text: string): Promise<void> {
  return guardInterrupt(() => _writeFileAtomic(path, text))
}

async function _writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = _temp(path)
  pending.add(temp)
  try {
    await writeFile(temp, text)
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw new CliError(`${path}: cannot write (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the folder exists and is writable`)
  } finally {
    pending.delete(temp)
  }
}

/** Write a folder of files; an existing folder is refused unless `force`. */
export function writeDirAtomic(dir: string, files: Record<string, string>, force: boolean): Promise<void> {
  return guardInterrupt(() => _writeDirAtomic(dir, files, force))
}

async function _writeDirAtomic(dir: string, files: Record<string, string>, force: boolean): Promise<void> {
  const exists = await stat(dir).then(() => true, () => false)
  if (exists && !force) throw new CliError(`${dir}: already exists; pass --force to replace it`)
  const temp = _temp(dir)
  pending.add(temp)
  try {
    await rm(temp, { recursive: true, force: true })
    for (const [name, text] of Object.entries(files)) {
      // Interrupted: write no more and wait for the handler, which removes the folder and exits.
      if (controller.signal.aborted) await new Promise<never>(() => {})
      const path = join(temp, name)
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, text)
    }
    if (exists) await rm(dir, { recursive: true, force: true })
    await mkdir(dirname(dir), { recursive: true })
    await rename(temp, dir)
  } catch (error) {
    await rm(temp, { recursive: true, force: true })
    if (error instanceof CliError) throw error
    throw new CliError(`${dir}: cannot write (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the folder is writable`)
  } finally {
    pending.delete(temp)
  }
}
