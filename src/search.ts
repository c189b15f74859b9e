// Binary search over sorted things, written once.

/**
 * The first index in `[0, n)` where `below(i)` is false, for a `below` that is
 * true up to some index and false from there on (sorted data); `n` if none.
 */
export function lowerBound(n: number, below: (i: number) => boolean): number {
  let lo = 0
  let hi = n
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (below(mid)) lo = mid + 1
    else hi = mid
  }
  return lo
}
