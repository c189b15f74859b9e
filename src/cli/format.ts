import type { EvalResult, Release } from '../types.js'

const pct = (n: number): string => `${(n * 100).toFixed(1)}%`

/** The eval table: one row a document (and a row per group consensus). */
export function formatEvalTable(result: EvalResult): string {
  const rows = [['document', 'gold', 'CER before', 'CER after', 'WER before', 'WER after', 'blocks P / R']]
  for (const doc of result.documents) {
    const blocks = doc.structure ? `${doc.structure.precision.toFixed(3)} / ${doc.structure.recall.toFixed(3)}` : '-'
    rows.push([doc.id, doc.gold.replace(/^.*\//, ''), pct(doc.cerBefore), pct(doc.cer), pct(doc.werBefore), pct(doc.wer), blocks])
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)))
  return rows.map((row) => row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n') + '\n'
}

/** A short overview of a release for the terminal. */
export function formatReleaseSummary(value: Release): string {
  const lines: string[] = []
  const noise = value.pages.filter((page) => page.document === null).length
  lines.push(`${value.pages.length} pages, ${value.documents.length} documents, ${value.groups.length} groups of copies, ${value.versions.length} version chains, ${value.corrections.length} corrections${noise ? `, ${noise} noise pages` : ''}`)
  lines.push('')
  for (const doc of value.documents) {
    const pages = doc.pages.map((p) => p + 1)
    const range = pages.length > 1 ? `${pages[0]}-${pages[pages.length - 1]}` : String(pages[0] ?? '')
    lines.push(`${doc.id}  pages ${range}  ${doc.metadata.date ?? 'undated'}  ${doc.copy ?? '-'}${doc.copyOf ? `  copy of ${doc.copyOf}` : ''}`)
    lines.push(`    ${doc.metadata.title ?? '(no title)'}`)
  }
  for (const chain of value.versions) {
    lines.push('')
    lines.push(`versions: ${chain.documents.join(' -> ')}`)
    lines.push(`    ${chain.reason}`)
  }
  for (const diff of value.diffs) {
    const s = diff.summary
    lines.push('')
    lines.push(`diff ${diff.old.id} -> ${diff.new.id}: ${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.moved} moved, ${s.metadata} metadata (${s.noise} noise hidden)`)
  }
  return lines.join('\n') + '\n'
}
