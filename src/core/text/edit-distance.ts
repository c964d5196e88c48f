/**
 * Levenshtein distance (insert, delete, substitute, each cost 1), by the
 * two-row dynamic programme:
 *   D[i][j] = min(D[i−1][j] + 1, D[i][j−1] + 1, D[i−1][j−1] + [aᵢ ≠ bⱼ]).
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Names close to `input`: within `max` edits (default: a third of the
 * longer word, at least 2), or starting with it; nearest first.
 */
export function closestNames(input: string, names: readonly string[], max?: number): string[] {
  const q = input.toLowerCase().slice(0, 64);
  return names
    .map((n) => ({ n, d: editDistance(q, n.toLowerCase()) }))
    .filter(({ n, d }) => d <= (max ?? Math.max(2, Math.ceil(Math.max(q.length, n.length) / 3))) || (q.length >= 2 && n.startsWith(q)))
    .sort((a, b) => a.d - b.d || a.n.localeCompare(b.n))
    .map(({ n }) => n);
}
