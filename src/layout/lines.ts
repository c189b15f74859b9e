// Text cues shared by the layout stage: what a label, a value, a stamp or
// handwriting residue looks like in OCR of Rijksoverheid documents.
import { distance } from 'fastest-levenshtein'
import { _memo } from '../memo.js'

export { splitLines, type Line } from '../pages/split.js'

/** A word of a line with its offsets in the page. */
export interface Word {
  text: string
  start: number
  end: number
}

export function lineWords(text: string, base: number, from = 0, to = text.length): Word[] {
  const words: Word[] = []
  const pattern = /\S+/g
  pattern.lastIndex = from
  let match: RegExpExecArray | null
  while ((match = pattern.exec(text)) && match.index < to) {
    words.push({ text: match[0], start: base + match.index, end: base + match.index + match[0].length })
  }
  return words
}

/** Sidebar and header labels of Rijksoverheid notes and letters, with the field each names. */
export const SIDEBAR_LABELS: ReadonlyArray<readonly [string, string]> = [
  ['datum', 'date'],
  ['onze referentie', 'reference'],
  ['kenmerk', 'reference'],
  ['ons kenmerk', 'reference'],
  ['uw referentie', 'their-reference'],
  ['uw kenmerk', 'their-reference'],
  ['uw brief', 'their-reference'],
  ['opgesteld door', 'author'],
  ['tweede contactpersoon', 'contact'],
  ['contactpersoon', 'contact'],
  ['bijlage(n)', 'attachments'],
  ['directie', 'directorate'],
  ['kopie aan', 'cc'],
  ['inlichtingen', 'contact'],
  ['behandeld door', 'author'],
  ['doorkiesnummer', 'phone'],
  ['telefoon', 'phone'],
]

function _wordsClose(folded: string, label: string): boolean {
  const a = folded.split(' ')
  const b = label.split(' ')
  if (a.length !== b.length) return true
  return a.every((word, k) => distance(word, b[k]!) <= Math.max(1, Math.floor(b[k]!.length / 4)))
}

/** Letters OCR swaps within labels, folded before a fuzzy comparison. */
function _foldLabel(text: string): string {
  // Plain ASCII needs no decomposition: the common case, and the hot one.
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase().replace(/[|!1]/g, 'l').replace(/\s+/g, ' ').trim()
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[|!1]/g, 'l')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The field a label names, when `text` is (an OCR-damaged form of) a sidebar label. */
export function matchLabel(text: string): string | null {
  // Every body line's last words are tried as a label, and copies repeat their lines: remember.
  // Most are plain words whose letters alone rule every label out, before the memory is asked.
  return text.length > 40 || !_mayBeLabel(text) ? null : _labelMemo(text)
}

/** Each label's letters as a bit set, its length, and the damage it allows (as `_matchLabel` does). */
const LABEL_LETTERS = SIDEBAR_LABELS.map(([label]) => ({ letters: _letterSet(label), length: label.length, allowed: label.length <= 6 ? 1 : 2 }))
/** The labels a folded text of each length (4 to 24) may be. */
const LABELS_BY_LENGTH = Array.from({ length: 25 }, (_, length) => LABEL_LETTERS.filter((label) => Math.abs(length - label.length) <= label.allowed))

/**
 * Could `text` be a label? A label within `allowed` edits is within `allowed` of its folded length,
 * and a letter one side has and the other lacks costs an edit of its own: it has at most that many
 * letters `text` lacks, and the other way round. Only printable ASCII is judged (other text is
 * folded further before comparing): the rest may be a label.
 */
function _mayBeLabel(text: string): boolean {
  let letters = 0
  // The folded length: from the first letter to the last, a run of spaces as one.
  let at = 0
  let first = -1
  let last = -1
  let space = false
  let brackets = false
  for (let k = 0; k < text.length; k++) {
    let c = text.charCodeAt(k)
    if (c < 0x20 || c > 0x7e) return true
    if (c === 32) {
      if (!space) at++
      space = true
      continue
    }
    space = false
    if (c >= 65 && c <= 90) c += 32
    else if (c === 124 || c === 33 || c === 49) c = 108
    else if (c === 40 || c === 41) brackets = true
    if (c >= 97 && c <= 122) {
      letters |= 1 << (c - 97)
      if (first < 0) first = at
      last = at
    }
    at++
  }
  // (Brackets may stay at either end, as in `bijlage(n)`: their length is not judged.)
  const length = first < 0 ? 0 : last - first + 1
  if (!brackets && (length < 4 || length > 24)) return false
  for (const label of brackets ? LABEL_LETTERS : LABELS_BY_LENGTH[length]!) {
    if (_atMostBits(letters & ~label.letters, label.allowed) && _atMostBits(label.letters & ~letters, label.allowed)) return true
  }
  return false
}

/** The letters a-z of `label` as bits. */
function _letterSet(label: string): number {
  let set = 0
  for (let k = 0; k < label.length; k++) {
    const c = label.charCodeAt(k)
    if (c >= 97 && c <= 122) set |= 1 << (c - 97)
  }
  return set
}

/** At most `n` bits of `x` are set. */
function _atMostBits(x: number, n: number): boolean {
  // Each step clears the lowest bit set.
  for (let k = 0; k < n && x !== 0; k++) x &= x - 1
  return x === 0
}

const _labelMemo = _memo((text: string): string | null => _matchLabel(text), 20_000)

function _matchLabel(text: string): string | null {
  const folded = _foldLabel(text).replace(/^[^a-z(]+|[^a-z)]+$/g, '')
  if (folded.length < 4 || folded.length > 24) return null
  for (const [label, field] of SIDEBAR_LABELS) {
    if (folded === label) return field
    // Damaged labels: a letter or two wrong (`patum`, `referentjg`, `gijage(n)`).
    const allowed = label.length <= 6 ? 1 : 2
    if (Math.abs(folded.length - label.length) <= allowed && distance(folded, label) <= allowed) {
      // Keep short ordinary words apart from short labels (`datum` vs `natuur`).
      if (label.length <= 6 && folded[folded.length - 1] !== label[label.length - 1]) continue
      // Word by word, damage stays within each word: `de brief` is no `uw brief`.
      if (!_wordsClose(folded, label)) continue
      return field
    }
  }
  return null
}

const MONTHS = 'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december'
/** Months as a sidebar abbreviates them (`12 nov. 2019`). */
const MONTHS_SHORT = '(?:jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\\.'
/** A year, an O read for a 0 (`2O23`). */
const YEAR = '[12][0-9Oo]{3}'
/** A Dutch date, tolerant of OCR damage between its parts (`13 januari:2024`). */
export const DATE_TAIL = new RegExp(`(?:^|\\s)(?:[-–]\\s)?(\\d{1,2}\\s?(?:${MONTHS}|${MONTHS_SHORT})[\\s.:,]{0,2}${YEAR}|\\d{1,2}-\\d{1,2}-\\d{4})\\s*$`, 'i')
export const DATE_ONLY = new RegExp(`^\\s*(?:\\p{L}+dag\\s)?\\d{1,2}\\s?(?:${MONTHS}|[a-z]{3,4}\\.)[\\s.:,]{0,2}${YEAR}\\s*$|^\\s*\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{4}\\s*$|^\\s*\\d{4}-\\d{2}-\\d{2}\\s*$`, 'iu')

/** A reference number as printed in a sidebar: digits, dashes, slashes, maybe redacted to a stub (`2024-`). */
export const REFERENCE_VALUE = /^(?:[A-Z]{1,8}[-/])*[A-Z]{0,8}[- ]?\d[\w./-]{0,30}$/
export const ATTACHMENTS_VALUE = /^(?:\d{1,3}|-|geen)$/i

/** Status stamps printed at the top of a nota. */
/** What a nota is routed for, printed in capitals after `TER` in the sidebar. */
export const ROUTING = 'BESLISSING|INFORMATIE|ONDERTEKENING|KENNISNAME|ADVISERING|BESPREKING|GOEDKEURING|VASTSTELLING|ADVIES|PARAAF'
export const STATUS = new RegExp(`^\\s*(?:TER\\s*(?:${ROUTING})|SPOED|(?:DEPARTEMENTAAL\\s+)?VERTROUWELIJK|CONCEPT)\\s*$`)

/** A status as the metadata writes it: OCR may have lost the space (`TERONDERTEKENING`). */
export function statusValue(text: string): string {
  return text.trim().replace(/^TER\s*/, 'TER ')
}

/** A letterhead line: the organisation's name, maybe after a logo fragment. */
export const LETTERHEAD = /^\s*(?:\S{1,2}\s+)?((?:Ministerie\s+van|Rijksoverheid|Directoraat-generaal|Inspectie|Dienst)\b.*)$/

export const PAGE_COUNTER = /^\s*Pagina\s+(\d{1,4})\s+van\s+(\d{1,4})\s*$/i

/** The line that names the addressee, or its value alone. */
export const ADDRESSEE = /^(?:de\s+)?(?:Minister|Staatssecretaris|Secretaris-generaal|Directeur|Plaatsvervangend|DG|SG|pSG|MT|Bewindspersonen|Kabinet)\b/

/** The `nota` title line, including the OCR split `n Ota`. */
export const NOTA_TITLE = /^\s*(?:\S\s+)?[nN]\s?[oO0]ta\b\s*(\S.*)?$/

/** Section headings that Rijksoverheid notes, memos and letters use. */
export const SECTION_HEADINGS = [
  'aanleiding', 'geadviseerd besluit', 'kernpunten', 'toelichting', 'samenvatting', 'advies', 'beslispunten',
  'besluit', 'context', 'inleiding', 'achtergrond', 'doel', 'bijlagen', 'conclusie', 'conclusies', 'vervolg',
  'vervolgstappen', 'planning', 'communicatie', 'financiën', 'financiele gevolgen', 'financiële gevolgen',
  'juridische aspecten', 'draagvlak', 'standpunt', 'overwegingen', 'risico’s', 'risicos', 'afstemming',
  'voorstel', 'beslispunt', 'kern', 'politieke context', 'uitvoering', 'gevraagd besluit', 'te nemen besluit',
  'korte toelichting', 'aanbeveling', 'aanbevelingen', 'afsluiting', 'tot slot', 'bespreekpunten', 'agenda',
]

const HEADINGS_BARE = SECTION_HEADINGS.map((heading) => heading.replace(/ /g, ''))
const _headingMemo = _memo((text: string) => _isSectionHeading(text), 10_000)

export function isSectionHeading(text: string): boolean {
  // Headings are short: a long line is never one, and short ones repeat, so remember them.
  return text.length <= 40 && _headingMemo(text)
}

function _isSectionHeading(text: string): boolean {
  // A speck or a dash before the heading (`- Kernpunten`) is not part of it.
  // A section number (`1. Aanleiding`) goes before folding, which reads a 1 as an l.
  const folded = _foldLabel(text.replace(/^\s*\d{1,2}[.)]?\s/, '')).replace(/^[^\p{L}]+/u, '').replace(/[:.]$/, '')
  if (SECTION_HEADINGS.includes(folded)) return true
  // A heading split over two lines by OCR (`Ker npunten`), or a letter damaged.
  const joined = folded.replace(/ /g, '')
  // A letter OCR printed as two (`Samerivatting`: `ri` for `n`) is one letter damaged.
  const unsplit = joined.replace(/ri/g, 'n').replace(/rn/g, 'm').replace(/cl/g, 'd').replace(/vv/g, 'w')
  for (const bare of HEADINGS_BARE) {
    if (joined === bare || unsplit === bare) return true
    if (bare.length >= 7 && Math.abs(joined.length - bare.length) <= 1 && distance(joined, bare) <= 1) return true
    if (bare.length >= 7 && unsplit !== joined && Math.abs(unsplit.length - bare.length) <= 1 && distance(unsplit, bare) <= 1) return true
  }
  return false
}

const VOWEL = /[aeiouyáéëïóöüèà]/i

/** A token that reads as a word, a number or an abbreviation. */
export function isWordlike(token: string): boolean {
  // A plain word (maybe capitalised, maybe with a full stop or comma) with a vowel: the common case.
  if (/^[A-Za-z][a-z]+[.,;:!?]?$/.test(token) && VOWEL.test(token)) return true
  const core = token.replace(/^[("'‘“([]+|[)"'’”.,;:!?\]]+$/g, '')
  if (core.length === 0) return false
  if (/^\d+(?:[.,:/-]\d+)*[a-z]?-?$/.test(core)) return true
  if (/^\p{Lu}{2,6}s?$/u.test(core)) return /[AEIOUY]/.test(core) || core.length <= 4 && core.length >= 3
  // A combining accent belongs to its letter: decomposed `é` reads like composed `é`.
  const letters = core.match(/\p{L}/gu)?.length ?? 0
  const marks = core.match(/\p{M}/gu)?.length ?? 0
  if (letters < 2) return /^[uaUA]$/.test(core)
  // Any accented vowel counts: test the base letters (`Â` is an `A`).
  return letters >= (core.length - marks) * 0.7 && (VOWEL.test(core) || (/[^\x00-\x7f]/.test(core) && VOWEL.test(core.normalize('NFD'))))
}

/** Handwriting residue: symbols, lone letters, letters without vowels. */
export function isGarbageToken(token: string): boolean {
  // A plain word, maybe with a comma or full stop: the common case.
  if (_plainToken(token) || _asciiWord(token)) return false
  // The others (accents, quotes, OCR residue) are read with Unicode classes, and repeat: remember the short ones.
  return token.length > MEMO_TOKEN ? _isGarbageToken(token) : _garbageMemo(token)
}

/** Tokens up to this length are remembered. */
const MEMO_TOKEN = 64
const _garbageMemo = _memo((token: string) => _isGarbageToken(token), 20_000)

function _isGarbageToken(token: string): boolean {
  if (/[\\{}@%^=<>|~]/.test(token) && !/^[\w.-]+@[\w.-]+\.\w+$/.test(token)) return true
  // Emoji (chat messages and e-mails carry them) are text, not handwriting.
  if (/\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(token)) return false
  if (/^[^\p{L}\p{N}]+$/u.test(token)) return !/^[-–—]$/.test(token)
  // Quotes and punctuation around a clean word (`“zo”.`, `(zie`) do not make it garbage.
  const stripped = _trimChars(token, '("\'‘“„', ')"\'’”.,;:!?')
  const core = /^[\p{L}\p{N}][\p{L}\p{N}’'-]*$/u.test(stripped) ? stripped : token
  const letters = core.match(/\p{L}/gu)?.length ?? 0
  const digits = core.match(/\p{N}/gu)?.length ?? 0
  if (letters + digits < core.length * 0.5) return true
  // Symbols between letters that no word has: a bracket, or three in a row (`JI‘-)J`).
  return /[\p{L}\p{N}][^\p{L}\p{N})\]]*[)\]][^\p{L}\p{N}]*[\p{L}\p{N}]|[\p{L}\p{N}][^\p{L}\p{N}\s]{3,}[\p{L}\p{N}]/u.test(core)
}

/** `/^[A-Za-z]{2,}[.,;:]?$/`, read by character codes. */
function _plainToken(token: string): boolean {
  let end = token.length
  const last = token.charCodeAt(end - 1)
  if (last === 46 || last === 44 || last === 59 || last === 58) end--
  if (end < 2) return false
  for (let k = 0; k < end; k++) {
    const c = token.charCodeAt(k) | 32
    if (c < 97 || c > 122) return false
  }
  return true
}

/**
 * A token that the tests of `isGarbageToken` find no garbage, read by character codes: ASCII letters
 * and digits, hyphens and apostrophes between them (never three in a row), at least half of it
 * letters and digits, maybe closed by punctuation (`2024.`, `Woo-verzoek,`). False where unsure.
 */
function _asciiWord(token: string): boolean {
  let end = token.length
  while (end > 0 && ')"\'.,;:!?'.includes(token[end - 1]!)) end--
  if (end === 0 || !_isAsciiAlnum(token.charCodeAt(0))) return false
  let alnum = 0
  let run = 0
  for (let k = 0; k < end; k++) {
    const c = token.charCodeAt(k)
    if (_isAsciiAlnum(c)) {
      alnum++
      run = 0
    } else if (c !== 45 && c !== 39) {
      return false
    } else if (++run >= 3) {
      return false
    }
  }
  return alnum >= end * 0.5
}

/** An ASCII letter or digit. */
function _isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122)
}

/** `/^[A-Za-z][a-z]{2,}[.,;:!?]?$/` with a vowel, on `text` from `start` to `end`, read by character codes. */
function _plainWordAt(text: string, start: number, end: number): boolean {
  const last = text.charCodeAt(end - 1)
  if (last === 46 || last === 44 || last === 59 || last === 58 || last === 33 || last === 63) end--
  if (end - start < 3) return false
  let c = text.charCodeAt(start)
  if ((c | 32) < 97 || (c | 32) > 122) return false
  let vowel = _isVowel(c | 32)
  for (let k = start + 1; k < end; k++) {
    c = text.charCodeAt(k)
    if (c < 97 || c > 122) return false
    vowel ||= _isVowel(c)
  }
  return vowel
}

/** `text` from `start` to `end` is ASCII with fewer than three letters (`De`, `1.`, `5.1.2e`). */
function _fewAsciiLetters(text: string, start: number, end: number): boolean {
  let letters = 0
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k)
    if (c > 0x7f) return false
    if ((c | 32) >= 97 && (c | 32) <= 122 && ++letters >= 3) return false
  }
  return true
}

/** A lower-case ASCII vowel (as `VOWEL` reads ASCII). */
function _isVowel(c: number): boolean {
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121
}

/** The UTF-16 units that `\s` matches (and `trim()` removes). */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d)
  if (c < 0xa0) return false
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
}

/** `text` holds at most `n` words (as `text.trim().split(/\s+/)` counts them, an empty text as one). */
export function atMostWords(text: string, n: number): boolean {
  let words = 0
  let inWord = false
  for (let k = 0; k < text.length; k++) {
    const space = isSpaceCode(text.charCodeAt(k))
    if (!space && !inWord && ++words > n) return false
    inWord = !space
  }
  return true
}

/** `token` without leading characters of `head` and trailing ones of `tail`: a loop, where `/[…]+$/` is quadratic. */
function _trimChars(token: string, head: string, tail: string): string {
  let start = 0
  let end = token.length
  while (start < end && head.includes(token[start]!)) start++
  while (end > start && tail.includes(token[end - 1]!)) end--
  return token.slice(start, end)
}

const SHORT_WORDS = new Set(['de', 'het', 'een', 'en', 'in', 'op', 'te', 'is', 'ik', 'ga', 'wij', 'we', 'u', 'ja', 'nee', 'of', 'om', 'na', 'al', 'zo', 'nu', 'dat', 'die', 'van', 'aan', 'bij', 'met', 'tot', 'uit', 'per', 'ook', 'nog', 'wel', 'er', 'ze', 'hij', 'zij', 'je', 'mij', 'ons', 'uw', 'wat', 'wie', 'hoe', 'als', 'dan', 'maar'])

/** A whole line that is handwriting residue rather than text. */
export function isGarbageLine(text: string): boolean {
  // The tokens one by one: a line of text has a word among its first, and need not be split whole.
  let k = 0
  for (;;) {
    while (k < text.length && isSpaceCode(text.charCodeAt(k))) k++
    if (k >= text.length) break
    const start = k
    while (k < text.length && !isSpaceCode(text.charCodeAt(k))) k++
    // (A plain word of three letters or more with a vowel is wordlike: no need to count, nor to cut it out.)
    if (_plainWordAt(text, start, k)) return false
    // (Fewer than three letters, counted in ASCII: no need to ask whether it reads as a word.)
    if (_fewAsciiLetters(text, start, k)) continue
    const token = text.slice(start, k)
    if (isWordlike(token) && token.replace(/[^\p{L}]/gu, '').length >= 3) return false
  }
  // No word among them: the rest reads the tokens whole (few lines come here).
  const tokens = text.match(/\S+/g) ?? []
  if (tokens.length === 0) return false
  // An e-mail's greeting whose name was redacted (`Ha 5.1.2e` cleaned to `Ha`), or its closing (`Gr.`, `Mvg,`).
  if (tokens.length === 1 && /^(?:Ha|Hi|Hoi|Hey|Dag|Hallo|Beste|Goedemorgen|Goedemiddag|Gr\.?|Grt\.?|Mvg|MVG|Vgr|Groet)[,!]?$/.test(tokens[0]!)) return false
  // The end of a sentence the line before began: one short word or a year, and its full stop or question
  // mark (`is?`, `2024.`, `is .` once a redacted name is gone).
  const words = tokens.filter((token) => !/^[.,;:!?]+$/.test(token))
  if (words.length === 1 && /[.!?]$/.test(tokens[tokens.length - 1]!)) {
    const bare = words[0]!.replace(/[.,;:!?]+$/, '')
    if (SHORT_WORDS.has(bare) || /^(?:19|20)\d{2}$/.test(bare)) return false
  }
  // Short Dutch words (`Ik ga.`, `De de.`): a sentence, however short, is no handwriting.
  if (tokens.filter((token) => SHORT_WORDS.has(token.replace(/[.,;:!?]+$/, '').toLowerCase())).length >= 2) return false
  // A few letters and symbols, no word of three letters: `E WM`, `f o`, `) hwpw =`, `L I N |`.
  return true
}

/** A stamp of a copy's owner: a minister's abbreviation (`MSZW`, `MAPP`, OCR `MSZ W`, `Mapp`). */
export function isCopyStamp(text: string): boolean {
  // Every stamp begins with `M`, `S` or `D` (the patterns below): most lines end here, unsplit.
  let first = 0
  while (first < text.length && isSpaceCode(text.charCodeAt(first))) first++
  const c = text[first]
  if (c !== 'M' && c !== 'S' && c !== 'D') return false
  // (A line of more than two words is never split.)
  if (!atMostWords(text, 2)) return false
  const tokens = text.trim().split(/\s+/)
  const joined = tokens.join('')
  // Two words are one stamp broken by OCR (`MSZ W`), not an abbreviation and a word (`DG Wob`, `SZW MAPP`).
  if (tokens.length === 2 && tokens[1]!.length > 2) return false
  // Long stamps are all capitals (`STASIENW`), but for one letter OCR may print small; short ones may be damaged to mixed case (`MAep`).
  if (/^(?:M|S|St|SG|DG)[A-Za-z&]{6,8}$/.test(joined) && joined.length - (joined.match(/[A-Z&]/g)?.length ?? 0) <= 1) return true
  if (!/^(?:M|S|St|SG|DG)[A-Za-z&]{2,5}$/.test(joined) || joined.length < (joined.startsWith("M") ? 3 : 4)) return false
  const upper = joined.match(/\p{Lu}/gu)?.length ?? 0
  // `Memo`, `Maat`: words; a stamp is mostly capitals or printed without vowels in the right places.
  if (upper >= 2) return true
  return upper >= 1 && /^M[a-zA-Z]{3}$/.test(joined) && !VOWEL.test(joined.slice(2)) && /^[A-Z][a-z]{3}$|^M[a-z]?[A-Z]/.test(joined)
}
