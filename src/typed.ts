/** A copy of the typed array `a` with room for `size` entries (the rest zero): for tables that grow by doubling. */
export function _grown<T extends Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(a: T, size: number): T {
  const out = new (a.constructor as new (n: number) => T)(size)
  out.set(a)
  return out
}
