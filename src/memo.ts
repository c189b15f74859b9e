/** Every memory `_memo` made, so that a benchmark can empty them all. */
const _caches = new Set<Map<string, unknown>>()

/**
 * Remember a pure function of a string. Text repeats (the same words, labels and
 * lines on every page), so stages ask the same question many times; the memory
 * is cleared when it holds `limit` answers, so it never grows without bound.
 */
export function _memo<T>(fn: (text: string) => T, limit: number): (text: string) => T {
  const cache = new Map<string, T>()
  _caches.add(cache)
  return (text) => {
    let value = cache.get(text)
    if (value === undefined && !cache.has(text)) {
      value = fn(text)
      if (cache.size >= limit) cache.clear()
      cache.set(text, value)
    }
    return value as T
  }
}

/** Forget every remembered answer: a benchmark's next run then pays for them as a new release would. */
export function _clearMemos(): void {
  for (const cache of _caches) cache.clear()
}
