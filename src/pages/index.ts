import type { Issue, Page, Result } from '../types.js'
import { decodeText } from './decode.js'
import { splitPages } from './split.js'

export { decodeText } from './decode.js'
export { splitPages } from './split.js'

/** Read the bytes of a text file into pages whose `source` is untouched input text. */
export function readText(bytes: Uint8Array, file = 'input', firstIndex = 0): Result<Page[]> {
  const decoded = decodeText(bytes, file)
  const issues: Issue[] = [...decoded.issues]
  if (issues.some((issue) => issue.severity === 'error')) return { value: [], issues }
  return { value: textToPages(decoded.value, file, firstIndex), issues }
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
