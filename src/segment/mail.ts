// What a mail's subject says once the reply and forward marks are set aside, shared by page
// detection (src/pages: is this a mail of another thread?) and segmentation (threads, titles).

/** `RE:`, `FW:`, `Antw:`, `Doorst:` and the like in front of a subject. */
const REPLY_PREFIX = /^(?:re|fw|fwd|antw|antwoord|doorst|wg|tr|aw)\s?:\s*/i

/** The subject without up to five reply and forward prefixes (`RE: FW: Planning` is `Planning`), trimmed. */
export function withoutReplyPrefixes(subject: string): string {
  let s = subject.trim()
  for (let k = 0; k < 5 && REPLY_PREFIX.test(s); k++) s = s.replace(REPLY_PREFIX, '')
  return s.trim()
}
