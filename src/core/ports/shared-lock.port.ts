/**
 * A lock every process of a deployment shares, held for a lease: work that
 * should run in one process at a time although several may start it. The
 * reconciler is the case: every `pathwise worker` runs it when it starts and
 * every 15 minutes, and `pathwise jobs reconcile` on demand; two rebuilding
 * at once do everything twice. The lease ends by itself when the holder dies
 * and is renewed while the work runs. In Redis: src/engines/redis/redis-lock.ts.
 */
export interface SharedLock {
  /**
   * Runs `work` holding the lock `name` and releases it after (also when
   * `work` throws). When another process holds it, resolves `{ ran: false }`
   * at once without running `work`.
   */
  run<T>(name: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
}
