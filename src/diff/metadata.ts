// Metadata, field by field. A date or a count that differs is a change; where
// either document marks the field as read from damaged OCR it is `uncertain`.
// Text fields (title, to, …) go through the same noise model as body words.
import { METADATA_KEYS } from '../parse/markdown.js'
import type { Change, Metadata } from '../types.js'
import { classifyHunk, noiseToken, type NoiseContext } from './noise.js'

const FIELDS = ['kind', ...METADATA_KEYS.filter((key) => key !== 'kind')] as const

function _show(value: unknown): string | null {
  if (value === null || value === undefined) return null
  const text = String(value).trim().replace(/\s+/g, ' ')
  return text === '' ? null : text
}

export function diffMetadata(
  a: Metadata,
  b: Metadata,
  uncertainA: readonly string[],
  uncertainB: readonly string[],
  ctx: NoiseContext,
): Change[] {
  const changes: Change[] = []
  for (const field of FIELDS) {
    const oldValue = _show(a[field])
    const newValue = _show(b[field])
    if (oldValue === newValue) continue
    const doubtful = uncertainA.includes(field) || uncertainB.includes(field)
    let noise = false
    let uncertain = doubtful
    if (oldValue !== null && newValue !== null && field !== 'date' && field !== 'attachments_count' && field !== 'kind') {
      const oldTokens = oldValue.split(' ').map(noiseToken)
      const newTokens = newValue.split(' ').map(noiseToken)
      // Trim the common words at both ends: the hunk is what differs.
      let head = 0
      while (head < oldTokens.length && head < newTokens.length && oldTokens[head]!.key === newTokens[head]!.key) head++
      let tail = 0
      while (
        tail < oldTokens.length - head &&
        tail < newTokens.length - head &&
        oldTokens[oldTokens.length - 1 - tail]!.key === newTokens[newTokens.length - 1 - tail]!.key
      ) tail++
      const verdict = classifyHunk(oldTokens.slice(head, oldTokens.length - tail), newTokens.slice(head, newTokens.length - tail), ctx)
      noise = verdict.noise
      uncertain = doubtful || verdict.uncertain
    }
    changes.push({ kind: 'metadata', field, section: { old: null, new: null }, old: oldValue, new: newValue, noise, uncertain })
  }
  return changes
}
