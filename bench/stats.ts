/** Median of a few rounds: the machine is shared, so single runs swing by 2× either way. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** "a, b, c" rounded, for a row's notes. */
export function listOf(values: readonly number[], digits = 0): string {
  return values.map((v) => v.toFixed(digits)).join(', ');
}
