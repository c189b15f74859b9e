// A Diff for the terminal: a summary line, then per section the changes, with
// deleted words in red and inserted words in green (ANSI) or, without colour,
// git's word-diff markers `[-…-]{+…+}`.
import type { Change, Diff, WordOp } from '../types.js'

export interface DiffTextOptions {
  /** ANSI colours. Default false. */
  color?: boolean
  /** Show the word edits that OCR noise explains (as the diff's `includeNoise` lists noise changes). Default false. */
  includeNoise?: boolean
  /** Equal words kept around an edit; longer equal runs are shortened with `…`. Default 8. */
  context?: number
}

const RED = '\u001b[31m'
const GREEN = '\u001b[32m'
const DIM = '\u001b[2m'
const BOLD = '\u001b[1m'
const RESET = '\u001b[0m'

const SYMBOL: Record<Change['kind'], string> = { added: '+', removed: '-', changed: '~', moved: '>', metadata: '=' }

/** `2 added, 1 removed, …; 14 OCR-noise differences hidden`. */
export function diffSummaryLine(diff: Diff, includeNoise = false): string {
  const s = diff.summary
  const parts = [
    `${s.added} added`,
    `${s.removed} removed`,
    `${s.changed} changed`,
    `${s.moved} moved`,
    `${s.metadata} metadata`,
  ]
  const total = s.added + s.removed + s.changed + s.moved + s.metadata
  const noise = s.noise === 0 ? '' : `; ${s.noise} OCR-noise difference${s.noise === 1 ? '' : 's'} ${includeNoise ? 'listed' : 'hidden'}`
  return `${total === 0 ? 'no changes' : `${total} change${total === 1 ? '' : 's'}`} (${parts.join(', ')})${noise}`
}

export function renderDiffText(diff: Diff, options: DiffTextOptions = {}): string {
  if (typeof options !== 'object' || options === null) throw new TypeError('Expected `options` to be an object')
  const color = options.color ?? false
  const includeNoise = options.includeNoise ?? false
  const context = options.context ?? 8
  const paint = (code: string, text: string) => (color ? code + text + RESET : text)
  const lines: string[] = []
  lines.push(paint(BOLD, `${diff.old.id} -> ${diff.new.id}`))
  lines.push(diffSummaryLine(diff, includeNoise))
  let section: string | null | undefined
  for (const change of diff.changes) {
    const heading = change.kind === 'metadata' ? 'Metadata' : _sectionLabel(change)
    if (heading !== section) {
      lines.push('')
      lines.push(paint(BOLD, heading))
      section = heading
    }
    const flags = [change.noise ? 'noise' : '', change.uncertain ? 'uncertain' : ''].filter(Boolean)
    const tail = flags.length > 0 ? ' ' + paint(DIM, `(${flags.join(', ')})`) : ''
    const where = _where(change)
    if (change.kind === 'metadata') {
      lines.push(
        `  ${SYMBOL.metadata} ${change.field}: ${paint(RED, color ? _show(change.old) : `[-${_show(change.old)}-]`)} ${paint(GREEN, color ? _show(change.new) : `{+${_show(change.new)}+}`)}${tail}`,
      )
      continue
    }
    if (change.kind === 'added') {
      lines.push(`  ${paint(GREEN, `${SYMBOL.added} ${color ? change.new ?? '' : `{+${change.new ?? ''}+}`}`)}${tail}${where}`)
      continue
    }
    if (change.kind === 'removed') {
      lines.push(`  ${paint(RED, `${SYMBOL.removed} ${color ? change.old ?? '' : `[-${change.old ?? ''}-]`}`)}${tail}${where}`)
      continue
    }
    const label =
      change.kind === 'moved' && change.section.old !== change.section.new
        ? `moved from ${change.section.old ?? '(start)'}: `
        : change.kind === 'moved'
          ? 'moved: '
          : ''
    const words = change.words && change.words.length > 0 ? _words(change.words, color, includeNoise, context, paint) : `${change.old ?? ''} -> ${change.new ?? ''}`
    lines.push(`  ${SYMBOL[change.kind]} ${label}${words}${tail}${where}`)
  }
  return lines.join('\n') + '\n'
}

function _sectionLabel(change: Change): string {
  const { old, new: now } = change.section
  if (old === now) return old ?? '(before the first heading)'
  if (old === null) return now ?? '(before the first heading)'
  if (now === null) return old
  return `${old} -> ${now}`
}

function _show(value: string | null): string {
  return value === null ? '(none)' : value
}

/** `  (old p. 1, new p. 2)`: where the change stands, 1-based pages. */
function _where(change: Change): string {
  const parts: string[] = []
  if (change.oldPlace) parts.push(`old p. ${change.oldPlace.page + 1}`)
  if (change.newPlace) parts.push(`new p. ${change.newPlace.page + 1}`)
  return parts.length === 0 ? '' : `  (${parts.join(', ')})`
}

function _words(ops: WordOp[], color: boolean, includeNoise: boolean, context: number, paint: (code: string, text: string) => string): string {
  const out: string[] = []
  ops.forEach((op, k) => {
    const noise = (op as { noise?: boolean }).noise === true
    if (op.op === 'equal' || (noise && !includeNoise)) {
      // Hidden noise reads as the new text; a deleted noise word is dropped.
      if (noise && op.op === 'delete') return
      out.push(_shorten(op.text, context, k === 0, k === ops.length - 1))
      return
    }
    const code = op.op === 'delete' ? RED : GREEN
    const text = color ? op.text : op.op === 'delete' ? `[-${op.text}-]` : `{+${op.text}+}`
    out.push(noise ? paint(DIM, text) : paint(code, text))
  })
  return out.filter(Boolean).join(' ')
}

/** Keep `context` words next to an edit; the middle of a long equal run becomes `…`. */
function _shorten(text: string, context: number, first: boolean, last: boolean): string {
  const words = text.split(' ')
  const keepHead = first && !last ? 0 : context
  const keepTail = last && !first ? 0 : context
  if (words.length <= keepHead + keepTail + 1) return text
  const head = words.slice(0, keepHead)
  const tail = keepTail === 0 ? [] : words.slice(-keepTail)
  return [...head, '…', ...tail].join(' ')
}
