import { describe, expect, it } from 'vitest'
import { findRedactions, normaliseGround, GROUNDS } from '../src/segment/redaction.js'

describe('normaliseGround', () => {
  it.each([
    ['5.1.2e', '5.1.2e'],
    ['5.1,2,e', '5.1.2e'],
    ['512e', '5.1.2e'],
    ['S12e', '5.1.2e'],
    ['&t2e', '5.1.2e'],
    ['5.1.2.e', '5.1.2e'],
    ['5.1.2 e', '5.1.2e'],
    ['5.1.2€', '5.1.2e'],
    ['5.1.1c', '5.1.1c'],
    ['5.1.2i', '5.1.2i'],
    ['10.2e', '10.2e'],
    ['10.2.g', '10.2g'],
    ['10.1d', '10.1d'],
    ['1O.2e', '10.2e'],
    ['5.2', '5.2'],
    ['11.1', '11.1'],
    [' 5.1.2e. ', '5.1.2e'],
  ])('%j -> %s', (input, ground) => {
    expect(normaliseGround(input)).toBe(ground)
  })

  it.each(['', 'hello', '5.1.2', '52', '111', '10.2h', '5.1.1f', '10.1e', 'Sie', '5.1.2e extra'])('%j is no ground', (input) => {
    expect(normaliseGround(input)).toBeNull()
  })

  it('knows every Woo and Wob ground', () => {
    expect(GROUNDS).toContain('5.1.1e')
    expect(GROUNDS).toContain('5.1.2h')
    expect(GROUNDS).toContain('10.2g')
    expect(GROUNDS).toContain('10.1a')
    expect(GROUNDS).toContain('5.2')
    expect(GROUNDS).toContain('11.1')
    for (const g of GROUNDS) expect(normaliseGround(g)).toBe(g)
  })

  it('rejects a wrong argument type', () => {
    expect(() => normaliseGround(42 as unknown as string)).toThrow(TypeError)
  })
})

describe('findRedactions', () => {
  it('finds grounds in mail headers with offsets into the text', () => {
    const text = 'Van: 5.1.2e\nAan: 5.1.2e@minszw.nl; 5.1.2e5.1.2e\nCC: S12e'
    const found = findRedactions(text)
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['5.1.2e', '5.1.2e', '5.1.2e', '5.1.2e', 'S12e'])
    expect(found.every((f) => f.ground === '5.1.2e')).toBe(true)
  })

  it('keeps a bare ground only where it stands alone', () => {
    const text = '5.2 Toelichting\nDe kosten stegen met 11.1 procent.\n  11.1\nVan: 5.2\nzie paragraaf 5.2 hierboven'
    const found = findRedactions(text)
    expect(found.map((f) => f.ground)).toEqual(['11.1', '5.2'])
  })

  it('skips citations of the law', () => {
    expect(findRedactions('op grond van artikel 5.1.2e Woo en 10.2e Wob')).toEqual([])
  })

  it('does not match inside words or numbers', () => {
    expect(findRedactions('x5.1.2e 35.1.2e 5.1.2em Sie liet 2024-512')).toEqual([])
  })

  it('is linear on long garbage', () => {
    const text = '5.1.1.1.1.1.1 '.repeat(20000) + 'S.S.S.S'.repeat(10000)
    expect(Array.isArray(findRedactions(text))).toBe(true)
  })
})
