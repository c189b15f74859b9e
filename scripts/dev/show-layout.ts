// Print each page's layout: body lines, and the spans that are not body. For eyeballing only.
import { readFileSync } from 'node:fs'
import { readText } from '../../src/pages/index.js'
import { analyzeLayout } from '../../src/layout/index.js'

const file = process.argv[2] ?? 'corpus/000_13cc09d959e3939d.txt'
const only = process.argv[3] ? Number(process.argv[3]) : null
const pages = readText(readFileSync(file), file).value
for (const page of pages) {
  if (only !== null && page.index + 1 !== only) continue
  const layout = analyzeLayout(page)
  console.log(`=== page ${page.index + 1} fields=${JSON.stringify(layout.fields)} stamps=${JSON.stringify(layout.stamps)} empty=${layout.empty}`)
  for (const span of layout.spans) {
    const text = page.source.slice(span.start, span.end).replace(/\n/g, '⏎')
    if (span.role === 'body') console.log(`  body  ${text}`)
    else console.log(`  ${span.role.padEnd(10)} ${span.kind ?? ''}${span.field ? ':' + span.field : ''}${span.ground !== undefined ? ' ground=' + span.ground : ''}  «${text}»`)
  }
}
