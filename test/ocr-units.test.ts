import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { _defaultCacheDir } from '../src/ocr/cache.js'
import { _imageSize, _sniff } from '../src/ocr/inputs.js'
import { crc32, inflateSync } from 'node:zlib'
import { Image, createCanvas } from '@napi-rs/canvas'
import { _greyPng, _greyRows } from '../src/ocr/pdf.js'
import { _sourceFromBlocks, type _TessBlock } from '../src/ocr/source.js'
import { _isRealWord, _sourceFromTextItems, _textLayerQuality } from '../src/ocr/text-layer.js'

const word = (text: string, x: number, y: number, confidence = 90) => ({ text, confidence, bbox: { x0: x, y0: y, x1: x + 10 * text.length, y1: y + 20 } })

describe('_sourceFromBlocks', () => {
  it('joins words by a space, lines by a newline, paragraphs and blocks by a blank line', () => {
    const blocks: _TessBlock[] = [
      { paragraphs: [{ lines: [{ words: [word('Aanleiding', 0, 0)] }] }, { lines: [{ words: [word('De', 0, 40), word('minister', 40, 40)] }, { words: [word('heeft', 0, 70, 55.555)] }] }] },
      { paragraphs: [{ lines: [{ words: [] }, { words: [word('Datum', 900, 0), word(' ', 990, 0)] }] }] },
    ]
    const { source, words } = _sourceFromBlocks(blocks)
    expect(source).toBe('Aanleiding\n\nDe minister\nheeft\n\nDatum')
    expect(words.map((w) => [w.text, w.start, w.end])).toEqual([
      ['Aanleiding', 0, 10],
      ['De', 12, 14],
      ['minister', 15, 23],
      ['heeft', 24, 29],
      ['Datum', 31, 36],
    ])
    expect(words[3]).toMatchObject({ bbox: [0, 70, 50, 90], confidence: 55.56 })
  })

  it('gives an empty page for no blocks', () => {
    expect(_sourceFromBlocks(null)).toEqual({ source: '', words: [] })
  })
})

describe('_sourceFromTextItems', () => {
  const identity = (x: number, y: number) => [x, 1000 - y]
  it('breaks lines where the baseline moves or pdf.js says so, and boxes each word', () => {
    const items = [
      { str: 'Nota over', transform: [10, 0, 0, 10, 100, 900], width: 45, height: 10 },
      { str: 'de planning', transform: [10, 0, 0, 10, 150, 900], width: 55, height: 10, hasEOL: true },
      { str: 'Datum', transform: [7, 0, 0, 7, 600, 900], width: 20, height: 7 },
      { str: '', transform: [10, 0, 0, 10, 0, 0], width: 0, height: 0 },
      { str: 'Aanleiding', transform: [10, 0, 0, 10, 100, 870], width: 50, height: 10 },
    ]
    const { source, words } = _sourceFromTextItems(items, identity)
    expect(source).toBe('Nota over de planning\nDatum\nAanleiding')
    for (const w of words) expect(source.slice(w.start, w.end)).toBe(w.text)
    expect(words[0]).toMatchObject({ text: 'Nota', bbox: [100, 92, 120, 102], confidence: 100 })
  })
})

describe('_textLayerQuality', () => {
  it('accepts real text and refuses garbage, stamps and broken fonts', () => {
    const text = 'De minister heeft gevraagd om een overzicht van het onderhoud aan bruggen en sluizen in 2024.'
    expect(_textLayerQuality(text)).toEqual({ tokens: 15, realWords: 15, ok: true })
    expect(_textLayerQuality('5.1.2e Pagina 1 van 4').ok).toBe(false)
    expect(_textLayerQuality('Tl1s !s n0t tExt xkcdq wrtzpl ' .repeat(5)).ok).toBe(false)
    expect(_textLayerQuality('\uFFFD\uFFFD\uFFFD '.repeat(40) + text).ok).toBe(false)
    expect(['Instituut', 'regio’s', 'SZW', 'o.a.', 'bijv', 'xkcdq', 'aB', 'l1l'].map(_isRealWord)).toEqual([true, true, true, false, true, false, false, false])
  })
})

describe('inputs', () => {
  it('knows PDF, PNG and JPEG by their bytes and reads image sizes from headers', () => {
    const png = new Uint8Array(24)
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    new DataView(png.buffer).setUint32(16, 1240)
    new DataView(png.buffer).setUint32(20, 1754)
    expect(_sniff(png)).toBe('png')
    expect(_imageSize(png, 'png')).toEqual({ width: 1240, height: 1754 })
    // SOI, APP0 (length 4), SOF0 with height 300, width 200.
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 1, 44, 0, 200, 1, 1, 0x11, 0, 0, 0, 0])
    expect(_sniff(jpeg)).toBe('jpeg')
    expect(_imageSize(jpeg, 'jpeg')).toEqual({ width: 200, height: 300 })
    expect(_imageSize(new Uint8Array([0xff, 0xd8, 0xff, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 'jpeg')).toBeNull()
    expect(_sniff(new TextEncoder().encode('%PDF-1.7\n'))).toBe('pdf')
    expect(_sniff(new TextEncoder().encode('GIF89a'))).toBeNull()
  })

  it('converts RGBA to grey rows behind PNG filter byte 0, aligned or not', () => {
    const rgba = new Uint8Array([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 128, 128, 128, 255])
    // White, black, red / green, blue, mid grey: each row behind filter byte 0.
    expect([..._greyRows(rgba, 3, 2)]).toEqual([0, 255, 0, 76, 0, 149, 28, 128])
    // A view at an odd offset takes the byte-by-byte path: the same values.
    const shifted = new Uint8Array(rgba.length + 1)
    shifted.set(rgba, 1)
    expect([..._greyRows(shifted.subarray(1), 3, 2)]).toEqual([..._greyRows(rgba, 3, 2)])
  })

  it('writes a grey PNG with stored (uncompressed) pixels that a PNG decoder reads back', () => {
    const width = 3
    const height = 2
    const rgba = new Uint8Array([255, 255, 255, 255, 0, 0, 0, 255, 128, 128, 128, 255, 10, 10, 10, 255, 200, 200, 200, 255, 255, 255, 255, 255])
    const png = _greyPng(rgba, width, height)
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    // IDAT holds the rows as written: deflate level 0.
    const idatAt = Buffer.from(png).indexOf('IDAT')
    const length = Buffer.from(png).readUInt32BE(idatAt - 4)
    expect([...inflateSync(png.subarray(idatAt + 4, idatAt + 4 + length))]).toEqual([0, 255, 0, 128, 0, 10, 200, 255])
    const image = new Image()
    image.src = Buffer.from(png)
    expect([image.width, image.height]).toEqual([width, height])
    const canvas = createCanvas(width, height)
    const ctx = canvas.getContext('2d')
    ctx.drawImage(image, 0, 0)
    expect([...ctx.getImageData(0, 0, width, height).data].filter((_, i) => i % 4 === 0)).toEqual([255, 0, 128, 10, 200, 255])
  })

  it('splits the rows over stored blocks (and rows too wide for one through zlib), readable by inflate', () => {
    for (const [width, height] of [
      [300, 700],
      [70_000, 2],
    ] as const) {
      const rgba = new Uint8Array(width * height * 4)
      for (let i = 0, seed = 7; i < rgba.length; i++) rgba[i] = seed = (seed * 1103515245 + 12345) & 0xff
      const png = Buffer.from(_greyPng(rgba, width, height))
      const idatAt = png.indexOf('IDAT')
      const length = png.readUInt32BE(idatAt - 4)
      expect(inflateSync(png.subarray(idatAt + 4, idatAt + 4 + length)).equals(_greyRows(rgba, width, height))).toBe(true)
      expect(png.readUInt32BE(idatAt + 4 + length)).toBe(crc32(png.subarray(idatAt, idatAt + 4 + length)))
    }
  })

  it('puts the cache in the user cache directory, never the working directory', () => {
    expect(_defaultCacheDir({ XDG_CACHE_HOME: '/x/cache' })).toBe(path.join('/x/cache', 'wooscan'))
    expect(_defaultCacheDir({ XDG_CACHE_HOME: 'relative' })).toMatch(/\.cache[/\\]wooscan$/)
  })
})

describe('_loadSharedCore', () => {
  it('compiles one LSTM-only tesseract core for all workers, once per process', async () => {
    const { _loadSharedCore } = await import('../src/ocr/tesseract.js')
    const core = await _loadSharedCore()
    expect(core?.module).toBeInstanceOf(WebAssembly.Module)
    expect(path.basename(core!.glue)).toMatch(/^tesseract-core-(relaxedsimd-|simd-)?lstm\.js$/)
    expect(await _loadSharedCore()).toBe(core)
  })
})
