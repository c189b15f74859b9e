/**
 * Remember a pure function of a string. Text repeats (the same words, labels and
 * lines on every page), so stages ask the same question many times; the memory
 * is cleared when it holds `limit` answers, so it never grows without bound.
 */
export function _memo<T>(fn: (text: string) => T, limit: number): (text: string) => T {
  const cache = new Map<string, T>()
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
