// Character-level normalisation of one word: Unicode NFC, ligatures, quotes as
// OCR doubles or straightens them, stray control characters. Word-level repairs
// that need a lexicon belong to the correction stage.
import { _memo } from '../memo.js'

const LIGATURES: Record<string, string> = {
  'ﬀ': 'ff', 'ﬁ': 'fi', 'ﬂ': 'fl', 'ﬃ': 'ffi', 'ﬄ': 'ffl', 'ﬅ': 'st', 'ﬆ': 'st', 'Ĳ': 'IJ', 'ĳ': 'ij',
}

/** Normalise one word as printed. Returns the same string when nothing changed. */
export function normalizeGlyphs(word: string): string {
  // Most words are plain ASCII without quotes: nothing to do, and this is the hot path.
  if (_plain(word)) return word
  // The other words repeat (`één`, `pagina’s`) across pages: each is normalised once.
  return _normalizeMemo(word)
}

/** ASCII units of a plain word (`[\w.,;:!?()/&+-]`): no rule below touches them. */
const PLAIN = new Uint8Array(128)
for (const ch of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.,;:!?()/&+-') PLAIN[ch.charCodeAt(0)] = 1

function _plain(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (!plainGlyph(word.charCodeAt(i))) return false
  return true
}

/** A UTF-16 unit no rule here touches: a word of only these is left as it is (a reader of the page can tell as it scans). */
export function plainGlyph(c: number): boolean {
  return c < 128 && PLAIN[c] === 1
}

const _normalizeMemo = _memo(_normalize, 10_000)

function _normalize(word: string): string {
  let text = word.normalize('NFC')
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\u0000-\u0008\u000B-\u001F\u007F\u00AD\u200B\u200C\uFEFF]/g, '')
  // A zero-width joiner is OCR debris, except inside an emoji sequence (`👩‍💻`).
  text = text.replace(/(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/gu, '')
  text = text.replace(/[ﬀﬁﬂﬃﬄﬅﬆĲĳ]/g, (ch) => LIGATURES[ch] ?? ch)
  // OCR prints an opening quote twice (`'‘De`): one opening quote.
  text = text.replace(/^['’‘`´]{2,}(?=\p{L})/u, '‘')
  // An apostrophe printed twice inside or after a word (`thema'’s`, `maat’'`): one apostrophe.
  text = text.replace(/(?<=\p{L})['’‘`´]{2,}/gu, '’')
  // A straight quote that opens a word is the opening quote, but for the elided `'s`, `'t`, `'n`.
  if (/^['`]\p{L}/u.test(text) && !/^['`](?:s|t|n)(?:\P{L}|$)/u.test(text)) text = '‘' + text.slice(1)
  // Apostrophe inside a word (`pagina's`, `thema's`) as the typographic one the house style prints.
  text = text.replace(/(?<=\p{L})'(?=s\b|t\b|n\b)/gu, '’')
  // Double quotes, normalised to their typographic pairs only where OCR mixed them.
  text = text.replace(/,,(?=\p{L})/gu, '“')
  return text
}

/**
 * Bullet glyphs as OCR prints them: `•` becomes `e`, `«`, `+`, `*`, and the `e` may be read
 * again as `c` or with an accent; `◦` becomes `o`, also with an accent.
 */
const BULLET_LEVEL_1 = new Set(['•', '●', '▪', '■', '·', 'e', '«', '»', '+', '*', '-', '–', '©', '®', '¢', 'o«', '«o', '.<', '<', '>', 'e«', '»»', '.', '*.', 'c', 'è', 'é', 'ê', 'ë'])
const BULLET_LEVEL_2 = new Set(['o', '◦', '○', '0', 'O', '°', 'oO', 'ó', 'ò', 'ô', 'ö'])

/** The glyph class of a token that opens a line, or null when it is a word. */
export function bulletGlyph(token: string): 1 | 2 | null {
  // No glyph is longer than two characters: a word is ruled out before the lookups.
  if (token.length > 2) return null
  if (BULLET_LEVEL_1.has(token)) return 1
  if (BULLET_LEVEL_2.has(token)) return 2
  return null
}
