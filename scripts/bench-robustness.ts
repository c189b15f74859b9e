// Robustness benchmark: wall time and peak RSS of the pipeline on big bad inputs.
//   npx tsx scripts/bench-robustness.ts            all cases
//   npx tsx scripts/bench-robustness.ts pages10k   one case
// Each case runs in a fresh Node process (so peak RSS is that case's alone), reading a
// file generated into os.tmpdir(). Cases: a 10,000-page text release, a 50 MB file of one
// line (refused with an error issue), and the longest line accepted (just under 1,000,000
// characters). With dist/cli.js built (or $WOOSCAN_CLI set), the same files also go through the CLI.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { manyPagesText, writeOneLine } from './lib/bad-inputs.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

interface Measure {
  case: string
  bytes: number
  wallMs: number
  peakRssMB: number
  pages: number
  documents: number
  tokens: number
  errors: string[]
}

/** In the child: read the file, run release, report. */
async function child(name: string, file: string): Promise<void> {
  const { release } = await import('../src/release.js')
  const data = readFileSync(file)
  const started = performance.now()
  const result = release([{ name: file, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }])
  const wallMs = performance.now() - started
  const measure: Measure = {
    case: name,
    bytes: data.byteLength,
    wallMs: Math.round(wallMs),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    pages: result.value.pages.length,
    documents: result.value.documents.length,
    tokens: result.value.documents.reduce((n, doc) => n + doc.blocks.reduce((m, block) => m + block.tokens.length, 0), 0),
    errors: result.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.ruleId),
  }
  process.stdout.write(JSON.stringify(measure) + '\n')
}

const CASES: Record<string, (file: string) => void> = {
  pages10k: (file) => writeFileSync(file, manyPagesText(10_000)),
  line50mb: (file) => writeOneLine(file, 50),
  line999k: (file) => writeFileSync(file, 'beleid '.repeat(142_857)),
  // A mail export of 40,000 lines with no page marker at all: page detection must stay linear.
  mail40k: (file) => writeFileSync(file, mailExportText(40_000)),
  // 4,000 e-mails from citizens, one page each, all sent from one template (a petition): thousands of near-duplicates.
  petition4k: (file) => writeFileSync(file, petitionText(4_000)),
}

/** `count` one-page e-mails of one template, each from another sender on another day. */
function petitionText(count: number): string {
  const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december']
  const pages: string[] = []
  for (let k = 0; k < count; k++) {
    const sent = new Date(Date.UTC(2024, 0, 1, 9) + k * 5_400_000)
    pages.push([
      ` Van: Burger ${k}`, `Verzonden: ${sent.getUTCDate()} ${MONTHS[sent.getUTCMonth()]} ${sent.getUTCFullYear()} ${sent.getUTCHours()}:00`,
      'Aan: 5.1.2e@minszw.nl', 'Onderwerp: Stop de bezuiniging op de kinderopvangtoeslag', '',
      'Geachte minister,', '',
      'Ik maak mij grote zorgen over de voorgenomen bezuiniging op de kinderopvangtoeslag. Voor veel gezinnen',
      'is de toeslag het verschil tussen werken en thuisblijven. Ik vraag u de bezuiniging te schrappen en',
      'in gesprek te gaan met ouders en kinderopvangorganisaties voordat u een besluit neemt.', '',
      `Met vriendelijke groet,`, `5.1.2e`, '',
    ].join('\n'))
  }
  return pages.join('\n') + '\n'
}

/** `lines` lines of mail: one thread of many short messages, each quoting the older one under it, no page markers. */
function mailExportText(lines: number): string {
  const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december']
  const out: string[] = []
  for (let k = 0; out.length < lines; k++) {
    const sent = new Date(Date.UTC(2025, 2, 28, 12) - k * 3_600_000)
    const when = `${sent.getUTCDate()} ${MONTHS[sent.getUTCMonth()]} ${sent.getUTCFullYear()} ${sent.getUTCHours()}:00`
    out.push(`Van: Medewerker ${k % 40}`, `Verzonden: ${when}`, 'Aan: 5.1.2e@minszw.nl', 'Onderwerp: RE: Planning van het project', '')
    out.push('Dank voor je bericht. De planning is ongewijzigd en wij zouden graag voor het einde van de week een reactie ontvangen.', '', 'Met vriendelijke groet,', '5.1.2e', '')
  }
  return out.slice(0, lines).join('\n') + '\n'
}

function _cli(file: string): { wallMs: number; peakRssMB: number; status: number | null } | null {
  const cli = process.env.WOOSCAN_CLI ?? join(ROOT, 'dist/cli.js')
  if (!existsSync(cli)) return null
  // GNU time gives the child's peak RSS; without it, only wall time.
  const hasTime = spawnSync('/usr/bin/time', ['--version']).status === 0
  const started = performance.now()
  const args = [process.execPath, cli, 'release', file, '--format', 'json', '--quiet', '-o', file + '.json']
  const run = hasTime ? spawnSync('/usr/bin/time', ['-f', '%M', ...args], { encoding: 'utf8' }) : spawnSync(args[0]!, args.slice(1), { encoding: 'utf8' })
  const wallMs = Math.round(performance.now() - started)
  const kb = hasTime ? Number(run.stderr.trim().split('\n').pop()) : NaN
  return { wallMs, peakRssMB: Number.isFinite(kb) ? Math.round(kb / 1024) : NaN, status: run.status }
}

async function main(): Promise<void> {
  const [mode, name, file] = process.argv.slice(2)
  if (mode === '--child') return child(name!, file!)
  const names = mode ? [mode] : Object.keys(CASES)
  const dir = mkdtempSync(join(tmpdir(), 'wooscan-bench-robustness-'))
  try {
    console.log(`node ${process.version}, ${new Date().toISOString()}`)
    console.log('case        input      wall (library)  peak RSS   pages  documents  tokens   errors        | CLI wall  CLI RSS  exit')
    for (const name of names) {
      const make = CASES[name]
      if (!make) throw new Error(`unknown case ${name}; known: ${Object.keys(CASES).join(', ')}`)
      const file = join(dir, `${name}.txt`)
      make(file)
      const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', name, file], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 })
      const m = JSON.parse(out.trim().split('\n').pop()!) as Measure
      const cli = _cli(file)
      const mb = (statSync(file).size / 1048576).toFixed(1)
      console.log(
        `${name.padEnd(11)} ${(mb + ' MB').padStart(8)}   ${(m.wallMs + ' ms').padStart(12)}   ${(m.peakRssMB + ' MB').padStart(8)}  ${String(m.pages).padStart(6)}  ${String(m.documents).padStart(9)}  ${String(m.tokens).padStart(7)}  ${(m.errors.join(',') || '-').padEnd(13)} | ` +
          (cli ? `${(cli.wallMs + ' ms').padStart(8)}  ${(cli.peakRssMB + ' MB').padStart(7)}  ${cli.status}` : 'dist/cli.js not built'),
      )
      rmSync(file, { force: true })
      rmSync(file + '.json', { force: true })
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
