// Copy stamps: the abbreviation of the official a copy was sent to, stamped or
// written on the first page (`MFIN`, `MBZK`), often OCR-damaged (`MF IN`, `MBzK`, `MFlN`).
import { distance } from 'fastest-levenshtein'

/**
 * Abbreviations Dutch ministries use for their ministers, state secretaries and
 * top officials on routing stamps. Generic house-style knowledge, not a list of
 * what any one release shows.
 */
const DEPARTMENTS = ['SZW', 'FIN', 'BZK', 'VWS', 'OCW', 'IENW', 'EZK', 'EZ', 'JENV', 'LNV', 'DEF', 'BZ', 'AZ', 'KGG', 'VRO']
export const STAMP_TOKENS: readonly string[] = [
  // Minister of …, State Secretary of …, and the long forms (MINFIN).
  ...DEPARTMENTS.flatMap((d) => [`M${d}`, `STAS${d}`, `MIN${d}`]),
  // Ministers for a portfolio: Armoedebeleid/Participatie/Pensioenen, Rechtsbescherming,
  // Primair en Voortgezet Onderwijs, Langdurige Zorg en Sport, Klimaat en Energie,
  // Natuur en Stikstof, Hoger Onderwijs, Volkshuisvesting, Buitenlandse Handel, …
  'MAPP', 'MRB', 'MPVO', 'MLZS', 'MKE', 'MNS', 'MBHO', 'MVRO', 'MVHO', 'MMJD', 'MKO', 'MPO', 'MBHOS', 'MVR', 'MASZ', 'MIGS',
  // State secretaries and officials
  'STAS', 'SSZW', 'SG', 'PSG', 'DG', 'PDG', 'BC',
]

/** A stamp as printed, normalised: spaces dropped, upper case, common OCR confusions undone. */
function _canonical(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\s._'`´-]/g, '')
    .toUpperCase()
    .replace(/0/g, 'O')
    .replace(/5/g, 'S')
    .replace(/2/g, 'Z')
    .replace(/1/g, 'I')
}

/**
 * The copy label for stamps seen on a document's pages: the closest known stamp
 * when the print is near one (`MF IN` -> `MFIN`, `MFlN` -> `MFIN`), else the stamp as
 * printed; null when there is no stamp. `damaged` is true when a repair was needed
 * beyond spacing and case.
 */
export function normaliseStamp(printed: string): { label: string; damaged: boolean } | null {
  const trimmed = printed.trim()
  if (trimmed === '') return null
  const canon = _canonical(trimmed)
  if (canon === '') return null
  const plain = trimmed.replace(/\s+/g, '').toUpperCase()
  if (STAMP_TOKENS.includes(canon)) return { label: canon, damaged: canon !== plain }
  // One edit away from exactly one known stamp (two for long ones): take it.
  let best: string | null = null
  let bestDistance = Infinity
  let tie = false
  for (const token of STAMP_TOKENS) {
    if (Math.abs(token.length - canon.length) > 1) continue
    const d = distance(token, canon)
    if (d < bestDistance) {
      best = token
      bestDistance = d
      tie = false
    } else if (d === bestDistance) {
      tie = true
    }
  }
  const allowed = canon.length >= 6 ? 2 : 1
  if (best !== null && bestDistance <= allowed && !tie && canon.length >= 3) return { label: best, damaged: true }
  return { label: trimmed, damaged: true }
}
