// Small helpers shared by the parts of the HTML report.
import type { Block } from '../types.js'

const NEEDS_ESCAPE = /[&<>"'\p{Cc}]/u
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/**
 * Escape text for HTML content and for quoted attribute values. Every piece of document
 * text goes through here: a scan can hold `<script>` or `<img onerror=…>` as text.
 */
export function escapeHtml(text: unknown): string {
  const s = text === null || text === undefined ? '' : String(text)
  // Most words need nothing: one scan to find out.
  if (!NEEDS_ESCAPE.test(s)) return s
  // Control characters other than tab and line breaks are not allowed in HTML: show U+FFFD.
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!).replace(/\p{Cc}/gu, (c) => (c === '\t' || c === '\n' || c === '\r' ? c : '\ufffd'))
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** `2024-01-19` -> `19 Jan 2024`; anything else as given; null -> null. */
export function _formatDate(date: string | null | undefined): string | null {
  if (!date) return null
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return date
  const month = MONTHS[Number(m[2]) - 1]
  return month ? `${Number(m[3])} ${month} ${m[1]}` : date
}

/** A block's words joined by single spaces. */
export function _blockText(block: Block): string {
  return (block.tokens ?? []).map((t) => t.text).join(' ')
}

/** A table row's cells as token ranges [from, to). Tokens beyond the counts go to the last cell. */
export function _cellRanges(block: Block): Array<[number, number]> {
  const n = block.tokens.length
  const counts = block.cells && block.cells.length > 0 ? block.cells : [n]
  const out: Array<[number, number]> = []
  let at = 0
  for (let i = 0; i < counts.length; i++) {
    const to = i === counts.length - 1 ? n : Math.min(n, at + Math.max(0, counts[i]!))
    out.push([at, to])
    at = to
  }
  return out
}

/** Cut text to about `max` characters at a word boundary. */
export function _truncate(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.lastIndexOf(' ', max)
  return text.slice(0, cut > max / 2 ? cut : max) + '…'
}

/** `3 pages`, `1 page`. */
export function _plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`
}
