// A Diff as a markdown change list that a journalist can paste into an article:
// per section, what was added, removed, changed (deleted words struck through,
// inserted words in bold) and moved. OCR noise stays out unless asked for.
import type { Change, Diff, WordOp } from '../types.js'
import { diffSummaryLine } from './diff-text.js'

export interface DiffMarkdownOptions {
  /** Show the word edits that OCR noise explains. Default false. */
  includeNoise?: boolean
}

/** Escape the characters markdown would read as markup. */
function _md(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|~]/g, (c) => '\\' + c).replace(/^(\s*)([-+]|\d+\.)(\s)/, '$1\\$2$3')
}

function _title(side: Diff['old']): string {
  const parts = [side.metadata.title ?? side.id]
  if (side.metadata.date) parts.push(`(${side.metadata.date})`)
  return parts.join(' ')
}

export function renderDiffMarkdown(diff: Diff, options: DiffMarkdownOptions = {}): string {
  if (typeof options !== 'object' || options === null) throw new TypeError('Expected `options` to be an object')
  const includeNoise = options.includeNoise ?? false
  const out: string[] = []
  out.push(`## Changes from ${_md(_title(diff.old))} to ${_md(_title(diff.new))}`)
  out.push('')
  out.push(_md(diffSummaryLine(diff, includeNoise)) + '.')
  const metadata = diff.changes.filter((c) => c.kind === 'metadata')
  if (metadata.length > 0) {
    out.push('', '### Metadata', '')
    for (const c of metadata) out.push(`- **${_md(c.field ?? '')}**: ${_value(c.old)} → ${_value(c.new)}${_flags(c)}`)
  }
  let section: string | undefined
  for (const c of diff.changes) {
    if (c.kind === 'metadata') continue
    const heading = _section(c)
    if (heading !== section) {
      out.push('', `### ${_md(heading)}`, '')
      section = heading
    }
    out.push(`- ${_item(c, includeNoise)}${_flags(c)}`)
  }
  return out.join('\n') + '\n'
}

function _value(value: string | null): string {
  return value === null ? '*none*' : '`' + value.replace(/`/g, "'") + '`'
}

function _flags(c: Change): string {
  const flags: string[] = []
  if (c.noise) flags.push('OCR noise')
  if (c.uncertain) flags.push('uncertain: the scan is damaged here')
  return flags.length > 0 ? ` *(${flags.join('; ')})*` : ''
}

function _section(c: Change): string {
  const { old, new: now } = c.section
  if (old === now || old === null) return now ?? old ?? 'Before the first heading'
  if (now === null) return old
  return `${old} → ${now}`
}

function _item(c: Change, includeNoise: boolean): string {
  switch (c.kind) {
    case 'added':
      return `**Added:** ${_md(c.new ?? '')}`
    case 'removed':
      return `**Removed:** ~~${_md(c.old ?? '')}~~`
    case 'moved': {
      const from = c.section.old !== c.section.new ? ` (from *${_md(c.section.old ?? 'the start')}*)` : ''
      return `**Moved**${from}: ${c.words ? _words(c.words, includeNoise) : _md(c.new ?? '')}`
    }
    default:
      return `**Changed:** ${c.words ? _words(c.words, includeNoise) : `~~${_md(c.old ?? '')}~~ **${_md(c.new ?? '')}**`}`
  }
}

function _words(ops: WordOp[], includeNoise: boolean): string {
  const out: string[] = []
  for (const op of ops) {
    const noise = (op as { noise?: boolean }).noise === true
    if (op.op === 'equal' || (noise && !includeNoise)) {
      if (noise && op.op === 'delete') continue
      out.push(_md(op.text))
    } else if (op.op === 'delete') out.push(`~~${_md(op.text)}~~`)
    else out.push(`**${_md(op.text)}**`)
  }
  return out.join(' ')
}
