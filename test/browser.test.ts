// The HTML report in a real browser: Debian's chromium, driven by playwright-core. Never
// downloads a browser; where /usr/bin/chromium is missing the tests report themselves skipped.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HOSTILE_PAYLOADS, sampleRelease } from '../scripts/lib/sample-release.js'
import { renderHtml } from '../src/report/html.js'
import type { Release } from '../src/types.js'

const CHROMIUM = '/usr/bin/chromium'
const missing = !existsSync(CHROMIUM)
if (missing) console.log(`browser tests skipped: ${CHROMIUM} is missing. Install it with: apt-get install -y chromium`)

const dir = mkdtempSync(path.join(os.tmpdir(), 'wooscan-report-'))
let browser: Browser

/** Write a report and open it from disk, recording every request, console error and dialog. */
async function open(name: string, release: Release): Promise<{ page: Page; requests: string[]; errors: string[]; dialogs: string[] }> {
  const file = path.join(dir, `${name}.html`)
  writeFileSync(file, renderHtml(release))
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
  const requests: string[] = []
  const errors: string[] = []
  const dialogs: string[] = []
  page.on('request', (r) => requests.push(r.url()))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' })
  return { page, requests, errors, dialogs }
}

beforeAll(async () => {
  if (missing) return
  const { chromium } = await import('playwright-core')
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
})

afterAll(async () => {
  await browser?.close()
})

describe('HTML report in Chromium', () => {
  const sample = sampleRelease({ seed: 3 })

  it.skipIf(missing)('opens offline: no request, no CSP violation, style and script both run', async () => {
    const { page, requests, errors } = await open('sample', sample)
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([])
    expect(requests).toHaveLength(1)
    expect(errors).toEqual([])
    // The script ran (its hash is in the CSP) and the style applies (its hash too).
    expect(await page.evaluate(() => document.documentElement.classList.contains('js'))).toBe(true)
    expect(await page.$eval('.top', (el) => getComputedStyle(el).backgroundColor)).toBe('rgb(21, 66, 115)')
    const stats = await page.$$eval('[data-stat]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-stat'), Number(e.textContent)])))
    expect(stats).toMatchObject({ documents: 6, groups: 3, copies: 6, chains: 1, diffs: 2, pages: sample.pages.length, corrections: sample.corrections.length })
    expect(await page.locator('.strip a').count()).toBe(sample.pages.length)
    expect(await page.locator('.chain .node').count()).toBe(3)
    await page.close()
  })

  it.skipIf(missing)('jumps to a change from the change list, and with the n key', async () => {
    const { page } = await open('sample', sample)
    const links = page.locator('#diff-1 .changelist li:not(.noise-only) a')
    const href = (await links.last().getAttribute('href'))!
    await page.evaluate(() => window.scrollTo(0, 0))
    await links.last().click()
    await page.waitForFunction((h) => location.hash === h, href)
    const box = await page.$eval(href, (el) => {
      const r = el.getBoundingClientRect()
      return { top: r.top, bottom: r.bottom, height: innerHeight, scrolled: scrollY, target: el.matches(':target') }
    })
    expect(box.target).toBe(true)
    expect(box.scrolled).toBeGreaterThan(0)
    expect(box.top).toBeGreaterThanOrEqual(0)
    expect(box.top).toBeLessThan(box.height)
    // n from the top of the page: the first change of the first diff.
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.locator('body').press('n')
    await page.waitForFunction(() => location.hash.startsWith('#d0-c'))
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).classList.contains('chg'))).toBe(true)
    await page.close()
  })

  it.skipIf(missing)('toggles OCR noise, the scan text and shows what the OCR said on focus', async () => {
    const { page } = await open('sample', sample)
    const d = sample.diffs.findIndex((x) => x.changes.some((c) => c.noise))
    const noiseItem = page.locator(`#diff-${d} .changelist li.noise-only`).first()
    expect(await noiseItem.isVisible()).toBe(false)
    await page.locator(`#diff-${d} label.toggle`).click()
    expect(await noiseItem.isVisible()).toBe(true)
    const scan = page.locator('#doc-0 pre.scan').first()
    expect(await scan.isVisible()).toBe(false)
    await page.locator('#doc-0 .scan-toggle').check()
    expect(await scan.isVisible()).toBe(true)
    // Keyboard: tab to a corrected word; its tip names the OCR reading and the rule.
    const mark = page.locator('#doc-0 .clean mark.fix').first()
    await mark.focus()
    const tip = await mark.evaluate((el) => getComputedStyle(el, '::after').content)
    expect(tip).toContain('OCR read')
    expect(tip).toContain((await mark.getAttribute('data-ocr'))!)
    const shot = path.join(dir, 'report-document.png')
    await page.locator('#doc-0').scrollIntoViewIfNeeded()
    await page.screenshot({ path: shot })
    console.log(`screenshot: ${shot}`)
    await page.close()
  })

  it.skipIf(missing)('reads and toggles without JavaScript', async () => {
    const file = path.join(dir, 'nojs.html')
    writeFileSync(file, renderHtml(sample))
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1400, height: 1000 } })
    const page = await context.newPage()
    await page.goto(pathToFileURL(file).href)
    // The report's own script did not run.
    expect(await page.evaluate(() => document.documentElement.classList.contains('js'))).toBe(false)
    expect(await page.locator('[data-stat="documents"]').textContent()).toBe('6')
    const firstWords = sample.documents[0]!.blocks[1]!.tokens.slice(0, 3).map((t) => t.text).join(' ')
    expect(await page.locator('#doc-0 .clean').first().textContent()).toContain(firstWords)
    await page.locator('#doc-0 .scan-toggle').check()
    expect(await page.locator('#doc-0 pre.scan').first().isVisible()).toBe(true)
    await page.locator('#diff-0 .changelist a').first().click()
    expect(new URL(page.url()).hash).toBe('#d0-c0')
    await context.close()
  })

  it.skipIf(missing)('prints without navigation and toggles', async () => {
    const { page } = await open('sample', sample)
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('nav.nav').isVisible()).toBe(false)
    expect(await page.locator('#doc-0 .toolbar').isVisible()).toBe(false)
    expect(await page.locator('#doc-0 .clean').first().isVisible()).toBe(true)
    await page.close()
  })

  it.skipIf(missing)('runs nothing a document holds as text', async () => {
    const hostile = sampleRelease({ seed: 4, hostile: true })
    const { page, dialogs, requests } = await open('hostile', hostile)
    // Show everything that is hidden, and hover/focus what reacts to it.
    await page.locator('.scan-toggle').evaluateAll((els) => els.forEach((e) => ((e as HTMLInputElement).checked = true)))
    await page.locator('.noise-toggle').evaluateAll((els) => els.forEach((e) => ((e as HTMLInputElement).checked = true)))
    await page.locator('details').evaluateAll((els) => els.forEach((e) => ((e as HTMLDetailsElement).open = true)))
    await page.locator('mark.fix').first().hover()
    await page.waitForTimeout(200)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(dialogs).toEqual([])
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([])
    expect(await page.locator('img, svg, iframe, textarea, object, embed').count()).toBe(0)
    expect(await page.locator('script').count()).toBe(1)
    const text = (await page.locator('main').textContent())!
    expect(text).toContain(HOSTILE_PAYLOADS[0])
    expect(text).toContain(HOSTILE_PAYLOADS[1])
    await page.close()
  })

  it.skipIf(missing)('shows the seed release: 6 copies in 3 groups, one chain of three notas, two diffs', async () => {
    // The pipeline itself (src/index.ts re-exports it).
    const { release } = await import('../src/release.js')
    const seed = path.join(import.meta.dirname, '..', 'corpus', '000_13cc09d959e3939d.txt')
    const result = release({ name: path.basename(seed), data: readFileSync(seed) })
    const { page, errors } = await open('seed', result.value)
    expect(errors).toEqual([])
    const stats = await page.$$eval('[data-stat]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-stat'), Number(e.textContent)])))
    expect(stats).toMatchObject({ documents: 6, groups: 3, copies: 6, chains: 1, diffs: 2 })
    const dates = await page.locator('.chain .node .d').allTextContents()
    expect(dates).toEqual(['8 Nov 2023', '19 Jan 2024', '13 Feb 2024'])
    expect(await page.locator('.diff').count()).toBe(2)
    const shot = path.join(dir, 'report-seed.png')
    await page.screenshot({ path: shot })
    console.log(`screenshot: ${shot}`)
    await page.close()
  })
})
