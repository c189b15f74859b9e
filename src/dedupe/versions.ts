// Version chains: successive documents of one decision track (a first nota,
// the nota that answers the comments on it, the nota with the final changes).
// Two documents are linked when they are of the same kind, to the same
// addressee, with different dates, and one of:
// - a shared title stem once the words that name a stage of the track
//   (Hoofdlijnen, Aanpassingen, Concept, Reactie, Vervolg, …) are set aside;
// - the later one refers to the earlier by date (`In de nota van 19 januari jl.`);
// - their texts are highly similar.
// Linked documents form a chain, oldest first.
import { distance } from 'fastest-levenshtein'
import type { DocumentKind, Metadata, VersionChain } from '../types.js'
import { sameWord } from './align.js'
import { foldWord } from './normalize.js'

/** Words that name a stage or a kind of a document rather than its subject (folded, as the title words are). */
const STAGE_WORDS = _folded([
  'hoofdlijnen', 'hoofdlijn', 'aanpassing', 'aanpassingen', 'aangepaste', 'aangepast', 'concept', 'conceptversie',
  'reactie', 'update', 'vervolg', 'vervolgnota', 'aanvulling', 'aanvullende', 'aanvullend', 'herziening', 'herziene',
  'herzien', 'gewijzigde', 'wijziging', 'wijzigingen', 'definitief', 'definitieve', 'nieuwe', 'tweede', 'derde',
  'eerste', 'versie', 'nadere', 'voorlopige', 'uitwerking', 'stand', 'zaken', 'terugkoppeling', 'voorstel',
  'besluit', 'advies', 'nota', 'memo', 'notitie', 'brief', 'bijlage', 'bespreking', 'toelichting', 'vragen',
  'antwoord', 'antwoorden', 'beantwoording', 'opmerkingen', 'verwerking', 'finale', 'ontwerp',
])
const STOP_WORDS = _folded([
  'de', 'het', 'een', 'en', 'van', 'op', 'over', 'voor', 'bij', 'naar', 'in', 'aan', 'met', 'inzake', 'betreft',
  'te', 'om', 'tot', 'ten', 'ter', 'als', 'of', 'door', 'uit', 'onder', 'nav', 'ivm', 'mbt', 'tbv', 'jl',
])

function _folded(words: string[]): Set<string> {
  return new Set(words.map(foldWord))
}

const MONTHS: Record<string, number> = {
  januari: 1, februari: 2, maart: 3, april: 4, mei: 5, juni: 6, juli: 7, augustus: 8, september: 9, oktober: 10,
  november: 11, december: 12, jan: 1, feb: 2, febr: 2, mrt: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, okt: 10,
  nov: 11, dec: 12,
}
/** Which kind a word in the body names. */
const KIND_WORDS: Record<string, DocumentKind> = {
  nota: 'nota', notitie: 'memo', memo: 'memo', brief: 'letter', mail: 'email', 'e-mail': 'email', email: 'email',
}
// `nota van 19 januari jl.`, `brief van 8 nov. 2023`: the kind word, `van`, a day, a month, an optional year.
const REFERENCE = /\b(nota|notitie|memo|brief|e-?mail|mail)\s+(?:van|d\.d\.|dd)\s+(\d{1,2})\s+([a-z]{3,9})\.?(?:\s+(\d{4}))?/giu

export interface VersionNode {
  id: string
  metadata: Metadata
  /** Earlier documents its (consensus) text refers to by date (referencedDates). */
  references: Array<{ date: string; kind: DocumentKind; phrase: string }>
}

export interface VersionLink {
  from: number
  to: number
  reason: string
}

/** The title stem: folded subject words, stage and stop words set aside. */
export function titleStem(title: string | null): string[] {
  if (!title) return []
  const words = title.split(/[\s/–-]+/).map(foldWord).filter((w) => w.length >= 3 && !STAGE_WORDS.has(w) && !STOP_WORDS.has(w))
  return [...new Set(words)]
}

/** Share of stem words the two stems have in common (OCR readings count as the same word). */
export function stemOverlap(a: string[], b: string[]): { shared: number; jaccard: number; unmatchedA: string[]; unmatchedB: string[] } {
  const takenA = new Uint8Array(a.length)
  const takenB = new Uint8Array(b.length)
  let shared = 0
  // Equal words first, then OCR readings, so a near miss cannot take another word's partner.
  for (const pass of [0, 1]) {
    for (let i = 0; i < a.length; i++) {
      if (takenA[i]) continue
      for (let j = 0; j < b.length; j++) {
        if (takenB[j] || (pass === 0 ? a[i] !== b[j] : !sameWord(a[i]!, b[j]!))) continue
        takenA[i] = 1
        takenB[j] = 1
        shared++
        break
      }
    }
  }
  const union = a.length + b.length - shared
  return { shared, jaccard: union === 0 ? 0 : shared / union, unmatchedA: a.filter((_, i) => !takenA[i]), unmatchedB: b.filter((_, j) => !takenB[j]) }
}

/** True for a folded word that names a stage of a track (`aanpassingen`, `concept`), also as an OCR reading. */
export function isStageWord(word: string): boolean {
  if (STAGE_WORDS.has(word)) return true
  if (word.length < 5) return false
  for (const stage of STAGE_WORDS) if (stage.length >= 5 && sameWord(word, stage)) return true
  return false
}

/**
 * True when two folded strings (titles with their words joined) name the same
 * stages: each stage word of five letters or more stands as often in one as
 * in the other, also inside a word OCR merged (`vervolgsporenplan`).
 */
export function sameStages(a: string, b: string): boolean {
  const count = (text: string, word: string): number => {
    let n = 0
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++
    return n
  }
  for (const stage of STAGE_WORDS) if (stage.length >= 5 && count(a, stage) !== count(b, stage)) return false
  return true
}

/** Dates an explicit reference in `text` names, resolved against the document's own date. */
export function referencedDates(text: string, ownDate: string): Array<{ date: string; kind: DocumentKind; phrase: string }> {
  const out: Array<{ date: string; kind: DocumentKind; phrase: string }> = []
  const own = Number(ownDate.slice(0, 4))
  for (const match of text.slice(0, 200_000).matchAll(REFERENCE)) {
    const month = MONTHS[match[3]!.toLowerCase()]
    const day = Number(match[2])
    if (!month || day < 1 || day > 31) continue
    const pad = (x: number): string => String(x).padStart(2, '0')
    let year = match[4] ? Number(match[4]) : own
    // Without a year (`jl.`), the most recent such date not after the document's own.
    if (!match[4] && `${year}-${pad(month)}-${pad(day)}` > ownDate) year--
    const date = `${year}-${pad(month)}-${pad(day)}`
    if (date >= ownDate) continue
    const kindWord = match[1]!.toLowerCase()
    out.push({ date, kind: KIND_WORDS[kindWord] ?? 'other', phrase: match[0] })
  }
  return out
}

function _kindsAgree(a: DocumentKind, b: DocumentKind): boolean {
  return a === b || a === 'other' || b === 'other'
}

/** Same addressee: both unknown, or most of the folded words shared. */
export function sameAddressee(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return true
  const wa = [...new Set(a.split(/\s+/).map(foldWord).filter((w) => w.length > 0))]
  const wb = [...new Set(b.split(/\s+/).map(foldWord).filter((w) => w.length > 0))]
  const { jaccard } = stemOverlap(wa, wb)
  return jaccard >= 0.6
}

/** A sender folded for comparison: lower case, letters and digits; null where none is printed. */
export function foldSender(from: string | null | undefined): string | null {
  if (!from) return null
  const folded = from.toLowerCase().normalize('NFD').replace(/[^\p{L}\p{N}]+/gu, '')
  return folded.length >= 2 ? folded : null
}

/** Two senders are one where either is unknown or they read alike (OCR damage aside). */
export function sameSender(a: string | null, b: string | null): boolean {
  if (a === null || b === null || a === b) return true
  // Digits (a number in an address) are no OCR damage to forgive; short names differ by an initial.
  if (a.replace(/\D/g, '') !== b.replace(/\D/g, '')) return false
  return distance(a, b) <= Math.floor(Math.max(a.length, b.length) / 8)
}

/** Whether two documents could be versions of one track at all (before the evidence). */
export function _versionCompatible(a: VersionNode, b: VersionNode): boolean {
  const da = a.metadata.date
  const db = b.metadata.date
  if (!da || !db || da === db) return false
  // A track is one sender's: mails of two senders are no versions of each other.
  return _kindsAgree(a.metadata.kind, b.metadata.kind) && sameAddressee(a.metadata.to, b.metadata.to) &&
    sameSender(foldSender(a.metadata.from), foldSender(b.metadata.from))
}

/**
 * Evidence that `a` and `b` are versions of one track, or null. `similarity`
 * is their text similarity where it was measured.
 */
export function versionEvidence(a: VersionNode, b: VersionNode, similarity: number | null, highSimilarity: number, referenceAllowed = true): string | null {
  if (!_versionCompatible(a, b)) return null
  const [older, newer] = a.metadata.date! < b.metadata.date! ? [a, b] : [b, a]
  const stemA = titleStem(older.metadata.title)
  const stemB = titleStem(newer.metadata.title)
  const { shared, jaccard } = stemOverlap(stemA, stemB)
  if (shared >= 2 && jaccard >= 0.6) return `shared title stem ("${older.metadata.title}", "${newer.metadata.title}")`
  // A reference by date alone is weak (many notes mention an earlier one): it needs a shared
  // title word or some shared text as well.
  const topical = shared >= 1 || (similarity !== null && similarity >= 0.15)
  if (referenceAllowed && topical) for (const ref of newer.references) {
    if (ref.date === older.metadata.date && _kindsAgree(ref.kind, older.metadata.kind)) return `the later text refers to it: "${ref.phrase.trim()}"`
  }
  if (similarity !== null && similarity >= highSimilarity) return `text similarity ${similarity.toFixed(2)} with a later date`
  return null
}

/** Chains (oldest first) from links between nodes. */
export function buildChains(nodes: VersionNode[], links: VersionLink[]): VersionChain[] {
  const parent = nodes.map((_, i) => i)
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!
      x = parent[x]!
    }
    return x
  }
  for (const link of links) {
    const x = find(link.from)
    const y = find(link.to)
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y)
  }
  const members = new Map<number, number[]>()
  nodes.forEach((_, i) => {
    const root = find(i)
    const list = members.get(root) ?? []
    list.push(i)
    members.set(root, list)
  })
  const chains: VersionChain[] = []
  for (const list of members.values()) {
    if (list.length < 2) continue
    list.sort((x, y) => (nodes[x]!.metadata.date! < nodes[y]!.metadata.date! ? -1 : nodes[x]!.metadata.date! > nodes[y]!.metadata.date! ? 1 : nodes[x]!.id < nodes[y]!.id ? -1 : 1))
    const inChain = new Set(list)
    const reasons = links
      .filter((l) => inChain.has(l.from) && inChain.has(l.to))
      .map((l) => {
        const [x, y] = nodes[l.from]!.metadata.date! < nodes[l.to]!.metadata.date! ? [l.from, l.to] : [l.to, l.from]
        return { key: `${nodes[x]!.metadata.date} ${nodes[y]!.metadata.date} ${nodes[x]!.id} ${nodes[y]!.id}`, text: `${nodes[x]!.metadata.date} -> ${nodes[y]!.metadata.date}: ${l.reason}` }
      })
      .sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0))
      .map((r) => r.text)
    chains.push({
      documents: list.map((i) => nodes[i]!.id),
      reason: `same kind and addressee, different dates; ${[...new Set(reasons)].join('; ')}`,
    })
  }
  chains.sort((p, q) => (p.documents[0]! < q.documents[0]! ? -1 : 1))
  return chains
}
