import { describe, expect, it } from 'vitest'
import { _clearMemos, _memo } from '../src/memo.js'
import fc from 'fast-check'
import { lowerBound } from '../src/search.js'

describe('lowerBound', () => {
  it('finds the first element not below the value, as a linear scan does', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: -60, max: 60 }), (raw, value) => {
      const list = [...raw].sort((a, b) => a - b)
      const linear = list.findIndex((x) => x >= value)
      expect(lowerBound(list.length, (i) => list[i]! < value)).toBe(linear < 0 ? list.length : linear)
    }))
  })
})

describe('_memo', () => {
  it('answers a repeated question from memory, and asks again after _clearMemos or past its limit', () => {
    const asked: string[] = []
    const upper = _memo((text: string) => {
      asked.push(text)
      return text.toUpperCase()
    }, 2)
    expect([upper('a'), upper('a'), upper('b')]).toEqual(['A', 'A', 'B'])
    expect(asked).toEqual(['a', 'b'])
    _clearMemos()
    expect(upper('a')).toBe('A')
    expect(asked).toEqual(['a', 'b', 'a'])
    // Full (two answers): the memory is emptied before a third is kept.
    upper('b')
    upper('c')
    upper('a')
    expect(asked).toEqual(['a', 'b', 'a', 'b', 'c', 'a'])
  })
})
