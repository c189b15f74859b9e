import { describe, expect, it } from 'vitest'
import { parseDutchDate } from '../src/segment/date.js'

describe('parseDutchDate', () => {
  it.each([
    ['19 januari 2024', '2024-01-19'],
    ['8 nov. 2023', '2023-11-08'],
    ['8 november 2023', '2023-11-08'],
    ['19-01-2024', '2024-01-19'],
    ['19/1/2024', '2024-01-19'],
    ['2024-01-19', '2024-01-19'],
    ['maandag 19 januari 2024 10:15', '2024-01-19'],
    ['Friday, January 19, 2024 10:15 AM', '2024-01-19'],
    ['1 mei 2023', '2023-05-01'],
    ['3 mrt 2022', '2022-03-03'],
    ['29 februari 2024', '2024-02-29'],
  ])('%j is a clean read of %s', (text, iso) => {
    expect(parseDutchDate(text)).toEqual({ iso, uncertain: false })
  })

  it.each([
    ['13 januari:2024', '2024-01-13'],
    ['19 januarl 2024', '2024-01-19'],
    ['1g januari 2024', '2024-01-19'],
    ['8 november 2O23', '2023-11-08'],
    ['19 januari.2024', '2024-01-19'],
    ['patum 8 novernber 2023', '2023-11-08'],
  ])('%j is a damaged read of %s', (text, iso) => {
    expect(parseDutchDate(text)).toEqual({ iso, uncertain: true })
  })

  it.each(['', 'geen datum', '31 februari 2024', '29 februari 2023', '45-13-2024', 'is maart'])('%j has no date', (text) => {
    expect(parseDutchDate(text).iso).toBeNull()
  })

  it('skips a false start and finds the date after it', () => {
    expect(parseDutchDate('is maart 2024 en 4 maart 2024').iso).toBe('2024-03-04')
  })

  it('rejects a wrong argument type', () => {
    expect(() => parseDutchDate(undefined as unknown as string)).toThrow(TypeError)
  })
})
