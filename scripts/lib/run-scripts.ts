import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/** Run each script of scripts/ that exists, one after the other, each in its own process; the exit status counts failures. */
export function runScripts(names: string[]): void {
  let failed = 0
  for (const name of names) {
    const path = `scripts/${name}`
    if (!existsSync(path)) continue
    console.log(`\n## ${name}`)
    const run = spawnSync(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit' })
    if (run.status !== 0) failed++
  }
  process.exitCode = failed ? 1 : 0
}
