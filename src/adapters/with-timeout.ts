/**
 * `p`, or null once `ms` have passed: for the reads an adapter makes before a
 * platform deadline (a Slack trigger id or a Discord interaction lives 3 s).
 */
export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
