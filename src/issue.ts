import type { Issue, Result } from './types.js'

/** Thrown by the `…OrThrow` siblings: carries the issues that made the result unusable. */
export class WooscanError extends Error {
  readonly issues: Issue[]
  constructor(message: string, issues: Issue[]) {
    super(message)
    this.name = 'WooscanError'
    this.issues = issues
  }
}

/** Throw a WooscanError when a result carries an error-level issue, else return its value. */
export function _valueOrThrow<T>(result: Result<T>): T {
  const errors = result.issues.filter((issue) => issue.severity === 'error')
  if (errors.length > 0) throw new WooscanError(formatIssue(errors[0]!), result.issues)
  return result.value
}

/** `file: page 2, 14-19: warning message [ruleId]`, the printed form of an issue. */
export function formatIssue(issue: Issue): string {
  const where: string[] = []
  if (issue.page !== undefined) where.push(`page ${issue.page + 1}`)
  if (issue.start !== undefined) where.push(`${issue.start}-${issue.end ?? issue.start}`)
  const prefix = [issue.file, where.join(', ')].filter(Boolean).join(': ')
  return `${prefix ? prefix + ': ' : ''}${issue.severity} ${issue.message} [${issue.ruleId}]`
}

/** Reject a wrong argument at once, with a sentence that says what was expected. */
export function _expectType(name: string, value: unknown, type: 'string' | 'number' | 'boolean' | 'object' | 'function'): void {
  if (value === undefined) return
  const actual = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value
  if (actual !== type) {
    throw new TypeError(`Expected \`${name}\` to be a ${type}, got \`${_show(value)}\``)
  }
}

/** Reject options the function does not know. */
export function _expectKnownOptions(options: object | undefined, known: readonly string[], fn: string): void {
  if (options === undefined) return
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`Expected the options of \`${fn}\` to be an object, got \`${_show(options)}\``)
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`Unknown option \`${key}\` for \`${fn}\`; known: ${known.join(', ')}`)
  }
}

function _show(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value)
  } catch {
    return String(value)
  }
}
