// The word diff's edit script: jsdiff's Myers variant (diff/libesm/diff/base.js,
// `diffWithOptionsObj` with `maxEditLength`) step for step, so it finds the very
// same script, but over integer ids in typed arrays: no path or component object
// per step, no comparator call per comparison.

/** One run of the edit script: equal tokens, tokens only the old side has (`removed`), or only the new side (`added`). */
export interface EditRun {
  count: number
  added: boolean
  removed: boolean
}

// Node pool of the search: each node is one edit (or the start) followed by a snake of equal tokens.
let _parent = new Int32Array(1024)
let _edit = new Uint8Array(1024) // 0 start, 1 added, 2 removed
let _common = new Int32Array(1024)
let _oldPos = new Int32Array(1024)

function _grow(size: number): void {
  if (size <= _parent.length) return
  let n = _parent.length
  while (n < size) n *= 2
  const parent = new Int32Array(n)
  const edit = new Uint8Array(n)
  const common = new Int32Array(n)
  const oldPos = new Int32Array(n)
  parent.set(_parent)
  edit.set(_edit)
  common.set(_common)
  oldPos.set(_oldPos)
  _parent = parent
  _edit = edit
  _common = common
  _oldPos = oldPos
}

/** Nodes used in the pool by the search under way. */
let _nodes = 0

/** A new node: one edit (or the start) at `oldPos`, its snake not yet followed. */
function _node(parent: number, edit: number, oldPos: number): number {
  if (_nodes === _parent.length) _grow(_nodes + 1)
  _parent[_nodes] = parent
  _edit[_nodes] = edit
  _common[_nodes] = 0
  _oldPos[_nodes] = oldPos
  return _nodes++
}

/** Follow the diagonal from the node's position while the tokens agree; returns newPos. */
function _snake(id: number, diagonal: number, a: ArrayLike<number>, b: ArrayLike<number>): number {
  const oldLen = a.length
  const newLen = b.length
  let oldPos = _oldPos[id]!
  let newPos = oldPos - diagonal
  let common = 0
  while (newPos + 1 < newLen && oldPos + 1 < oldLen && a[oldPos + 1] === b[newPos + 1]) {
    newPos++
    oldPos++
    common++
  }
  _common[id] = common
  _oldPos[id] = oldPos
  return newPos
}

/**
 * The edit script from `a` (old ids) to `b` (new ids) that jsdiff's `diffArrays`
 * returns with `maxEditLength`, or null when more than `maxEditLength` edits are needed.
 */
export function editScript(a: ArrayLike<number>, b: ArrayLike<number>, maxEditLength: number): EditRun[] | null {
  const oldLen = a.length
  const newLen = b.length
  const maxEdit = Math.min(maxEditLength, oldLen + newLen)
  _nodes = 0
  const root = _node(-1, 0, -1)
  let newPos = _snake(root, 0, a, b)
  if (_oldPos[root]! + 1 >= oldLen && newPos + 1 >= newLen) return _runs(root)
  // bestPath[diagonal + offset]: the node furthest along that diagonal, or -1.
  const offset = maxEdit + 2
  const bestPath = new Int32Array(2 * offset + 1).fill(-1)
  bestPath[offset] = root
  // Bounds of the diagonals still open; beyond any edit length at first (small integers, not infinities).
  let minDiagonal = -(maxEdit + 1)
  let maxDiagonal = maxEdit + 1
  for (let editLength = 1; editLength <= maxEdit; editLength++) {
    for (let diagonal = Math.max(minDiagonal, -editLength); diagonal <= Math.min(maxDiagonal, editLength); diagonal += 2) {
      const removePath = bestPath[offset + diagonal - 1]!
      const addPath = bestPath[offset + diagonal + 1]!
      if (removePath >= 0) bestPath[offset + diagonal - 1] = -1
      let canAdd = false
      if (addPath >= 0) {
        const addPathNewPos = _oldPos[addPath]! - diagonal
        canAdd = 0 <= addPathNewPos && addPathNewPos < newLen
      }
      const canRemove = removePath >= 0 && _oldPos[removePath]! + 1 < oldLen
      if (!canAdd && !canRemove) {
        bestPath[offset + diagonal] = -1
        continue
      }
      const base =
        !canRemove || (canAdd && _oldPos[removePath]! < _oldPos[addPath]!)
          ? _node(addPath, 1, _oldPos[addPath]!)
          : _node(removePath, 2, _oldPos[removePath]! + 1)
      newPos = _snake(base, diagonal, a, b)
      if (_oldPos[base]! + 1 >= oldLen && newPos + 1 >= newLen) return _runs(base)
      bestPath[offset + diagonal] = base
      if (_oldPos[base]! + 1 >= oldLen) maxDiagonal = Math.min(maxDiagonal, diagonal - 1)
      if (newPos + 1 >= newLen) minDiagonal = Math.max(minDiagonal, diagonal + 1)
    }
  }
  return null
}

/** The runs along the path that ends at `end`, merged as jsdiff merges its components. */
function _runs(end: number): EditRun[] {
  const path: number[] = []
  for (let id = end; id >= 0; id = _parent[id]!) path.push(id)
  const runs: EditRun[] = []
  for (let k = path.length - 1; k >= 0; k--) {
    const id = path[k]!
    const edit = _edit[id]!
    if (edit !== 0) {
      const last = runs[runs.length - 1]
      const added = edit === 1
      if (last && last.added === added && last.removed === !added) last.count++
      else runs.push({ count: 1, added, removed: !added })
    }
    const common = _common[id]!
    if (common > 0) runs.push({ count: common, added: false, removed: false })
  }
  return runs
}
