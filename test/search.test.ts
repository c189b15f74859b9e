import { describe, expect, it } from 'vitest'
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
