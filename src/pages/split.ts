import { distance } from 'fastest-levenshtein'
import { isCopyStamp } from '../layout/lines.js'
import { parseDutchDate } from '../segment/date.js'
import { withoutReplyPrefixes } from '../segment/mail.js'

/** A page as a range of the input text. */
export interface PageRange {
  start: number
  end: number
}

/** A line of a page: its text without the line break, and its offsets. */
export interface Line {
  start: number
  end: number
  text: string
}

/** `Ministerie van …`, `Rijksoverheid`, a lone organisation word: what a letterhead looks like. */
const LETTERHEAD = /^\s*(?:\S{1,2}\s+)?(?:Ministerie\s+van|Rijksoverheid|Directoraat-generaal)\b/
const PAGE_COUNTER = /\bPagina\s+(\d{1,4})\s+van\s+(\d{1,4})\s*$/

/**
 * Split a file into pages. Form feeds separate pages where the file has them;
 * otherwise page starts are detected: OCR exports mark most with a line that begins
 * with a single space; a `Pagina N van M` footer ends a page; a page never ends
 * on a letterhead alone, so a marker right after one continues that page.
 */
export function splitPages(text: string): PageRange[] {
  if (text.length === 0) return []
  if (text.includes('\f')) {
    const pages: PageRange[] = []
    let start = 0
    for (;;) {
      const ff = text.indexOf('\f', start)
      if (ff < 0) {
        pages.push({ start, end: text.length })
        break
      }
      pages.push({ start, end: ff })
      start = ff + 1
    }
    // A trailing form feed closes the last page; it does not open an empty one.
    if (pages.length > 1 && pages[pages.length - 1]!.start === text.length) pages.pop()
    return pages
  }
  const lines = splitLines(text)
  const starts: number[] = [0]
  let page = new PageSoFar()
  let afterCounter = false
  let lastMail: MailHead | null = null
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const isLast = i === lines.length - 1
    // A full mail header block opening on this line, read once for the checks below.
    const mailHead = _mailBlock(lines, i)
    let isStart = false
    if (i > 0) {
      if (/^ \S/.test(line.text)) {
        // Not after a letterhead alone, nor as the value under a sidebar label (`Datum` / ` 21 mei 2025`),
        // nor inside a mail's header block (` Onderwerp: …` under `CC: …`).
        isStart = !page.onlyLetterhead() && !page.afterLabel() &&
          !(MAIL_FIELD.test(line.text) && page.last !== null && MAIL_FIELD.test(page.last.text) && page.lastIndex === i - 1)
      } else if (page.onlyPageNumber() && line.text.trim() !== '') {
        // A page that holds nothing but its number ends there.
        isStart = true
      } else if (isLast && line.text === ' ') {
        // A lone space closing the file is the marker of a last, empty page.
        isStart = true
      } else if (afterCounter && line.text.trim() !== '') {
        isStart = true
      } else if (page.body && mailHead !== null) {
        // A mail header block under running text that holds no mail of its own: a released document
        // starts on a new page. (Where the page is a thread's, segmentation keeps the two together.)
        // Under a mail, it is a message that mail quotes, unless it is of another thread: another
        // subject, or sent later than the message above it (a thread quotes older messages).
        isStart = !page.mail ||
          (lastMail !== null && (_otherSubject(mailHead.subject, lastMail.subject) || (mailHead.sent !== null && lastMail.sent !== null && mailHead.sent > lastMail.sent)))
      } else if (page.body && _opensDocument(lines, i)) {
        // A letterhead or memo head with a title block or mail header under it opens a page,
        // even where the export lost the page marker; one followed by sidebar fields is the
        // sidebar that OCR read after the body.
        isStart = true
        // A copy stamp right above the letterhead is the top of the same page.
        const stamp = page.last !== null && page.count > 1 && isCopyStamp(page.last.text) ? page.lastIndex : -1
        if (stamp > 0) {
          starts.push(lines[stamp]!.start)
          page = new PageSoFar()
          for (let k = stamp; k <= i; k++) page.add(lines[k]!, k)
          afterCounter = false
          continue
        }
      }
    }
    if (isStart && line.start !== starts[starts.length - 1]) {
      starts.push(line.start)
      page = new PageSoFar()
      afterCounter = false
    }
    page.add(line, i)
    if (mailHead !== null) lastMail = mailHead
    // After a page counter the page ends, the last page of a document as much as any other.
    const counter = line.text.includes('Pagina') ? PAGE_COUNTER.exec(line.text) : null
    if (counter && Number(counter[1]) <= Number(counter[2])) afterCounter = true
    else if (line.text.trim() !== '') afterCounter = false
  }
  return starts.map((start, k) => ({ start, end: starts[k + 1] ?? text.length }))
}

/** Lines that open a document: a letterhead or `Memo` whose next lines hold an addressee, a `nota` title or mail headers. */
function _opensDocument(lines: Line[], i: number): boolean {
  const text = lines[i]!.text
  if (!LETTERHEAD.test(text) && !/^\s*Memo\s*$/i.test(text)) return false
  let seen = 0
  for (let k = i + 1; k < lines.length && seen < 6; k++) {
    const next = lines[k]!.text.trim()
    if (next === '') continue
    seen++
    if (/^(?:Aan|Van|From|Onderwerp|Subject|Betreft)\b/.test(next) || /^[nN]\s?[oO]ta\s+\S/.test(next) || /^Retouradres\b/i.test(next)) return true
    if (/^(?:Datum|Onze referentie|Ons kenmerk|TER\s+\p{Lu}+|Directie|Bijlage\(n\))/u.test(next)) return false
  }
  return false
}

const MAIL_FROM = /^\s*(?:Van|From)\s*:/
/** A line of a mail's header block. */
const MAIL_FIELD = /^\s*(?:Van|From|Verzonden|Sent|Aan|To|CC|Cc|Bcc|Onderwerp|Subject|Datum|Date|Bijlagen|Attachments|Prioriteit|Urgentie|Belang|Importance)\s*:/
/** What a mail holds before a message it quotes: a separator, `… schreef:`, a closing greeting. */
const QUOTE_LINE = /^\s*-{2,}\s*(?:Oorspronkelijk bericht|Original Message|Doorgestuurd bericht|Forwarded message)|(?:schreef|wrote)\s*:\s*$|^\s*_{10,}\s*$|^\s*(?:Met (?:vriendelijke|hartelijke) groet(?:en)?|(?:Vriendelijke )?[Gg]roet(?:en)?|(?:Kind|Best) regards|Regards)\s*(?:,\s*)?$/i

/** A separator or `… schreef:` line holds one of these; a closing greeting starts with one of GREETING_INITIALS. */
const QUOTE_MARK = /[-:_]/
/** First letters of the greetings QUOTE_LINE knows (ASCII, either case: its `i` flag maps no other letter to them). */
const GREETING_INITIALS = 'mvgkbr'

/** False for a line QUOTE_LINE cannot match: most lines, told without its unanchored middle branch. */
function _mayQuote(text: string): boolean {
  if (QUOTE_MARK.test(text)) return true
  const first = text.trimStart().charCodeAt(0) | 32
  return GREETING_INITIALS.includes(String.fromCharCode(first))
}

interface MailHead {
  /** The subject without reply and forward prefixes, folded; null when the block prints none. */
  subject: string | null
  /** Sent date, ISO; null when it cannot be read. */
  sent: string | null
}

/**
 * The mail header block that opens on line `i` (`Van:`, then a sent date and a subject within
 * the next lines), or null where none does.
 */
function _mailBlock(lines: Line[], i: number): MailHead | null {
  if (!MAIL_FROM.test(lines[i]!.text)) return null
  let sentLabel = false
  let subjectLabel = false
  let subject: string | null = null
  let sent: string | null = null
  for (let k = i + 1; k < lines.length && k <= i + 6; k++) {
    const text = lines[k]!.text
    if (/^\s*(?:Verzonden|Sent|Datum|Date)\s*:/.test(text)) {
      sentLabel = true
      const date = /^\s*(?:Verzonden|Sent|Datum|Date)\s*:(.*)$/.exec(text)
      if (date && sent === null) sent = parseDutchDate(date[1]!).iso
    } else if (/^\s*(?:Onderwerp|Subject)\s*:/.test(text)) {
      subjectLabel = true
      const about = /^\s*(?:Onderwerp|Subject)\s*:(.*)$/.exec(text)
      if (about && subject === null) subject = withoutReplyPrefixes(about[1]!).toLowerCase().replace(/\s+/g, ' ').trim() || null
    }
  }
  return sentLabel && subjectLabel ? { subject, sent } : null
}

/** Two subjects of different threads: both printed, and more apart than OCR damage makes them. */
function _otherSubject(a: string | null, b: string | null): boolean {
  if (a === null || b === null || a.includes(b) || b.includes(a)) return false
  return distance(a, b) > Math.max(a.length, b.length) * 0.2
}

const LABEL_LINE = /^\s*(?:Datum|Onze referentie|Ons kenmerk|Uw referentie|Uw kenmerk|Kenmerk|Bijlage\(n\)|Bijlagen|Directie|Van:|Aan:|Verzonden:|Onderwerp:)\s*$/

/** A trimmed line of six words or more (the words split at runs of spaces), told without splitting it. */
const SIX_WORDS = /^\S+(?:\s+\S+){5}/

/** Lines with text at the top of a page that may still be a letterhead alone (a stamp, a name over up to four lines). */
const HEAD_LINES = 5

/** What the page read so far holds, kept up to date line by line: no check reads the page again. */
class PageSoFar {
  /** Its first lines with text. */
  readonly head: Line[] = []
  /** Lines with text. */
  count = 0
  /** The last line with text, and its index among the file's lines. */
  last: Line | null = null
  lastIndex = -1
  /** It holds running text: a line of prose, not only furniture or a stamp. */
  body = false
  /** It holds a mail: a sender line, a quote separator or a closing greeting. */
  mail = false

  add(line: Line, index: number): void {
    const text = line.text.trim()
    if (text === '') return
    this.count++
    if (this.head.length < HEAD_LINES + 1) this.head.push(line)
    this.last = line
    this.lastIndex = index
    if (!this.body && SIX_WORDS.test(text)) this.body = true
    if (!this.mail && (MAIL_FROM.test(line.text) || (_mayQuote(line.text) && QUOTE_LINE.test(line.text)))) this.mail = true
  }

  /** The last line with text is a sidebar or header label: what follows is its value. */
  afterLabel(): boolean {
    return this.last !== null && LABEL_LINE.test(this.last.text)
  }

  /** The page so far is a lone page number. */
  onlyPageNumber(): boolean {
    return this.count === 1 && /^\s?\d{1,4}\s*$/.test(this.head[0]!.text)
  }

  /** The page so far is a letterhead, perhaps under a copy stamp. */
  onlyLetterhead(): boolean {
    if (this.count === 0 || this.count > HEAD_LINES) return false
    const content = this.head.slice()
    if (content.length > 1 && isCopyStamp(content[0]!.text)) content.shift()
    if (content.length > 4 || !LETTERHEAD.test(content[0]!.text)) return false
    // Whatever follows the letterhead line is its continuation: a few capitalised words (`en Werkgelegenheid`, `Zaken en Klimaat`).
    return content.slice(1).every((line) => /^\s*(?:(?:en|van|voor)\s+)?\p{Lu}[\p{L}-]*(?:\s+\p{L}[\p{L}-]*|\s+en\s+\p{Lu}[\p{L}-]*)?\s*$/u.test(line.text))
  }
}

/** The lines of a text with their offsets; a `\r` before the line break is not part of the line. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let start = 0
  while (start < text.length) {
    let end = text.indexOf('\n', start)
    const next = end < 0 ? text.length : end + 1
    if (end < 0) end = text.length
    if (end > start && text.charCodeAt(end - 1) === 13) end--
    lines.push({ start, end, text: text.slice(start, end) })
    start = next
  }
  return lines
}
