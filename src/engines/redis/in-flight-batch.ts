/**
 * Batches calls to a Redis round trip while one is on its way.
 *
 * A busy worker makes the same kind of call (a token take, a schedule-index
 * read) from many jobs at once. The first call goes out at once and alone;
 * the calls made while it is in flight wait for it, then go out together as
 * the next round trip (at most `max` at a time), and so on. Nothing is
 * cached or held between calls: each call is answered by a round trip that
 * started after it was made, so it sees Redis as fresh as a call of its own
 * would have; an idle process pays no extra latency, and a busy one spends
 * one command on many calls instead of one each.
 */
export function batchWhileInFlight<A, R>(run: (args: A[]) => Promise<R[]>, max = 100): (arg: A) => Promise<R> {
  interface Pending {
    arg: A;
    resolve: (r: R) => void;
    reject: (err: unknown) => void;
  }
  /** Calls waiting for the round trip in flight; null when none is in flight. */
  let line: Pending[] | null = null;
  const go = (batch: Pending[]): void => {
    void run(batch.map((p) => p.arg))
      .then(
        (results) => batch.forEach((p, i) => p.resolve(results[i] as R)),
        (err: unknown) => batch.forEach((p) => p.reject(err)),
      )
      .finally(() => {
        const next = line ?? [];
        if (next.length === 0) return void (line = null);
        line = next.slice(max);
        go(next.slice(0, max));
      });
  };
  return (arg) =>
    new Promise<R>((resolve, reject) => {
      if (line) return void line.push({ arg, resolve, reject });
      line = [];
      go([{ arg, resolve, reject }]);
    });
}
