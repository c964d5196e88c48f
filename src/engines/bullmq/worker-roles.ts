/**
 * The work a BullMQ worker process takes (no imports, so the CLI can name
 * the roles without loading BullMQ):
 *
 * - `deliveries`: one job per message (daily tasks, review prompts, cohort
 *   summaries), and fan-outs left on the delivery queue by slot schedulers
 *   made before the fan-out queue existed;
 * - `fanout`: a slot's run, which adds the slot's delivery jobs in bulk
 *   (about 37 µs of CPU per delivery it adds, a few times a day), one at a
 *   time.
 *
 * `pathwise worker` takes both; `pathwise worker --only deliveries|fanout`
 * one, so the fan-out can have a process of its own.
 */
export type WorkerRole = 'deliveries' | 'fanout';

export const WORKER_ROLES: readonly WorkerRole[] = ['deliveries', 'fanout'];

export function isWorkerRole(s: unknown): s is WorkerRole {
  return s === 'deliveries' || s === 'fanout';
}
