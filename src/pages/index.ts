import type { Issue, Page, Result } from '../types.js'
import { decodeText } from './decode.js'
import { splitPages } from './split.js'

export { decodeText } from './decode.js'
export { splitPages } from './split.js'

/**
 * Longest line a text file may have. No printed page holds a million characters on one
 * line; such a file is a dump, and every stage's work per line would grow with it.
 */
export const MAX_LINE_CHARS = 1_000_000

/** Read the bytes of a text file into pages whose `source` is untouched input text. */
export function readText(bytes: Uint8Array, file = 'input', firstIndex = 0): Result<Page[]> {
  const decoded = decodeText(bytes, file)
  const issues: Issue[] = [...decoded.issues]
  if (issues.some((issue) => issue.severity === 'error')) return { value: [], issues }
  const long = _longestLine(decoded.value)
  if (long.length > MAX_LINE_CHARS) {
    issues.push({
      severity: 'error', source: 'pages', ruleId: 'line-too-long',
      message: `a line of ${long.length} characters without a line break (at offset ${long.start}; at most ${MAX_LINE_CHARS}); ` +
        'break the text into lines, with a form feed between pages',
      file, start: long.start,
    })
    return { value: [], issues }
  }
  return { value: textToPages(decoded.value, file, firstIndex), issues }
}

/** The longest run of text between line feeds or form feeds. */
function _longestLine(text: string): { start: number; length: number } {
  let best = { start: 0, length: 0 }
  let start = 0
  // The next form feed, searched again only once passed: most texts have none.
  let ff = text.indexOf('\f')
  while (start <= text.length) {
    if (ff >= 0 && ff < start) ff = text.indexOf('\f', start)
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    if (ff >= 0 && ff < end) end = ff
    if (end - start > best.length) best = { start, length: end - start }
    start = end + 1
  }
  return best
}

/** Split decoded text into pages. */
export function textToPages(text: string, file?: string, firstIndex = 0): Page[] {
  return splitPages(text).map((range, k) => ({
    index: firstIndex + k,
    source: text.slice(range.start, range.end),
    method: 'text' as const,
    ...(file === undefined ? {} : { file }),
    document: null,
    pageOfDocument: null,
    furniture: [],
  }))
}
