import { isDeepEqual } from './isDeepEqual.js';

/**
 * Keeps row identities stable across re-runs of a live query. Dexie returns fresh objects every
 * time, so one new message would otherwise hand every memoized bubble "new" props and re-render
 * them all; rows that did not change get their previous object back, and an unchanged result gets
 * the previous array back.
 *
 *   const share = createStructuralSharer<Message>((m) => m.id);
 *   useLiveQuery(async () => share(await query.toArray()), deps);
 */
export function createStructuralSharer<T>(keyOf: (row: T) => string): (rows: readonly T[]) => readonly T[] {
  let previousRows: readonly T[] = [];
  let previousByKey = new Map<string, T>();
  return (rows) => {
    const byKey = new Map<string, T>();
    let isSameList = rows.length === previousRows.length;
    const shared = rows.map((row, index) => {
      const key = keyOf(row);
      const before = previousByKey.get(key);
      const kept = before !== undefined && isDeepEqual(before, row) ? before : row;
      byKey.set(key, kept);
      if (kept !== previousRows[index]) isSameList = false;
      return kept;
    });
    if (isSameList) return previousRows;
    previousRows = shared;
    previousByKey = byKey;
    return shared;
  };
}
