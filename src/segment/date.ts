// Dutch dates as printed on Woo documents, read through OCR damage:
// `19 januari 2024`, `8 nov. 2023`, `19-01-2024`, `maandag 19 januari 2024 10:15`,
// and English mail headers (`Friday, January 19, 2024`). A read that needed a
// repair (a damaged month name, a letter read as a digit, a stray `:`) is
// returned but marked uncertain.
import { distance } from 'fastest-levenshtein'

const MONTHS: Array<[string, number]> = [
  ['januari', 1], ['februari', 2], ['maart', 3], ['april', 4], ['mei', 5], ['juni', 6],
  ['juli', 7], ['augustus', 8], ['september', 9], ['oktober', 10], ['november', 11], ['december', 12],
  ['january', 1], ['february', 2], ['march', 3], ['may', 5], ['june', 6], ['july', 7],
  ['august', 8], ['october', 10],
]
/** Printed abbreviations, with or without a full stop. */
const ABBREVIATIONS: Record<string, number> = {
  jan: 1, feb: 2, febr: 2, mrt: 3, maa: 3, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8,
  sep: 9, sept: 9, okt: 10, oct: 10, nov: 11, dec: 12,
}
/** Letters OCR prints for digits inside a number. */
const DIGIT_FOR: Record<string, string> = { O: '0', o: '0', Q: '0', D: '0', I: '1', l: '1', i: '1', '|': '1', '!': '1', S: '5', s: '5', B: '8', g: '9', q: '9', Z: '2', z: '2', G: '6', b: '6' }

const MAX_TEXT = 200

export interface DutchDate {
  /** `YYYY-MM-DD`, or null where no date can be read. */
  iso: string | null
  /** True when the read needed a repair of OCR damage. */
  uncertain: boolean
}

function _digits(token: string): { value: number; repaired: boolean } | null {
  let out = ''
  let repaired = false
  for (const ch of token) {
    if (ch >= '0' && ch <= '9') out += ch
    else if (DIGIT_FOR[ch] !== undefined) {
      out += DIGIT_FOR[ch]
      repaired = true
    } else return null
  }
  if (out === '' || !/\d/.test(token)) return null
  return { value: Number(out), repaired }
}

/** Month number of a printed month word, and whether it needed a repair. */
export function _month(word: string): { month: number; repaired: boolean } | null {
  const w = word.toLowerCase().replace(/\.$/, '')
  if (w.length < 3) return null
  if (ABBREVIATIONS[w] !== undefined) return { month: ABBREVIATIONS[w]!, repaired: false }
  for (const [name, m] of MONTHS) if (name === w) return { month: m, repaired: false }
  // A damaged name: within one edit (two for the long names), closest wins.
  let best: { month: number; d: number } | null = null
  for (const [name, m] of MONTHS) {
    const allowed = name.length >= 7 ? 2 : 1
    if (Math.abs(name.length - w.length) > allowed) continue
    const d = distance(name, w)
    if (d <= allowed && (best === null || d < best.d)) best = { month: m, d }
  }
  return best === null ? null : { month: best.month, repaired: true }
}

function _iso(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1) return null
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  if (d > days) return null
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

function _year(token: string): { value: number; repaired: boolean } | null {
  const y = _digits(token)
  if (y === null) return null
  if (token.length === 2) return { value: 2000 + y.value, repaired: y.repaired }
  return token.length === 4 ? y : null
}

/** Characters a damaged day or year may be printed with. */
const NUM = '[0-9OoQDIli|!SsBgqZz]'
// Day, month word, year: `19 januari 2024`, `8 nov. 2023`, `8 maart:2023`.
const DAY_MONTH_YEAR = new RegExp(`(?<![\\p{L}\\p{N}])(${NUM}{1,2})([ .,:'-]{1,3})(\\p{L}{3,10}\\.?)([ .,:;'-]{0,3})(${NUM}{4})(?![\\p{L}\\p{N}])`, 'gu')
// English mail header: `January 19, 2024`.
const MONTH_DAY_YEAR = new RegExp(`(?<!\\p{L})(\\p{L}{3,10}\\.?) (${NUM}{1,2}),? (${NUM}{4})(?![\\p{L}\\p{N}])`, 'gu')
// Numeric: `19-01-2024`, `19/1/24`, `19.01.2024`.
const NUMERIC = /(?<![\p{L}\p{N}])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\p{L}\p{N}])/u
const ISO = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/

/** True when `text` holds at least `n` digits 0-9. */
function _hasDigits(text: string, n: number): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 48 && code <= 57 && --n === 0) return true
  }
  return false
}

/**
 * `text` with one byte per character where it holds only Latin-1 (dates do), read from a page that holds
 * other characters too: the engine compiles a pattern anew for two-byte text, and for these Unicode
 * patterns that costs tens of milliseconds, once per process (a CLI run pays it in full). The same text.
 */
function _oneByte(text: string): string {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return text
  // (A string joined from one-character strings of Latin-1 is stored one byte per character.)
  return text.split('').join('')
}

/** Read a date such as `19 januari 2024` (also damaged) as ISO `2024-01-19`. */
export function parseDutchDate(text: string): DutchDate {
  if (typeof text !== 'string') throw new TypeError(`Expected \`text\` to be a string, got \`${String(text)}\``)
  const t = _oneByte(text.slice(0, MAX_TEXT))
  // Every form needs a real digit in its day and in its year (`_digits`): most text has fewer than two.
  if (!_hasDigits(t, 2)) return { iso: null, uncertain: false }
  // exec over the shared global patterns, not matchAll, which copies the pattern on every call.
  DAY_MONTH_YEAR.lastIndex = 0
  for (let m = DAY_MONTH_YEAR.exec(t); m !== null; m = DAY_MONTH_YEAR.exec(t)) {
    const day = _digits(m[1]!)
    const month = _month(m[3]!)
    const year = _year(m[5]!)
    if (day !== null && month !== null && year !== null) {
      const iso = _iso(year.value, month.month, day.value)
      if (iso !== null) {
        const cleanSeps = m[2] === ' ' && /^ $|^, $|^\. $/.test(m[4]!)
        return { iso, uncertain: day.repaired || month.repaired || year.repaired || !cleanSeps }
      }
    }
  }
  MONTH_DAY_YEAR.lastIndex = 0
  for (let m = MONTH_DAY_YEAR.exec(t); m !== null; m = MONTH_DAY_YEAR.exec(t)) {
    const month = _month(m[1]!)
    const day = _digits(m[2]!)
    const year = _year(m[3]!)
    if (day !== null && month !== null && year !== null) {
      const iso = _iso(year.value, month.month, day.value)
      if (iso !== null) return { iso, uncertain: day.repaired || month.repaired || year.repaired }
    }
  }
  let m = ISO.exec(t)
  if (m !== null) {
    const iso = _iso(Number(m[1]), Number(m[2]), Number(m[3]))
    if (iso !== null) return { iso, uncertain: false }
  }
  m = NUMERIC.exec(t)
  if (m !== null) {
    const y = Number(m[4]!.length === 2 ? '20' + m[4] : m[4])
    const iso = _iso(y, Number(m[3]), Number(m[1]))
    if (iso !== null) return { iso, uncertain: false }
  }
  return { iso: null, uncertain: false }
}
