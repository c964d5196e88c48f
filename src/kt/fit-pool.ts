/**
 * Fits skills in parallel on worker threads. Each worker runs the pure
 * `fitSkill` (src/core/kt/em.ts) on one skill at a time; skills are handed
 * out largest first, each to whichever worker is free, so two cores stay
 * busy to the end. A skill's random stream depends only on the seed and the
 * skill id, so the result is the same whichever worker (or the main thread,
 * see {@link fitSkills}) fits it.
 *
 * Pathwise runs its TypeScript through tsx with no build step, and Node 20
 * does not apply `--import tsx` from a worker's execArgv to the worker's
 * own module loading. So a worker starts from a one-line bootstrap that
 * registers tsx's CommonJS require hook (tsx/cjs/api) and requires
 * ./fit.worker.ts: synchronous, no loader-hooks thread, about 70 ms of CPU
 * per worker where tsx's ESM hooks cost about 250 ms. The worker's modules
 * (fit.worker.ts → em.ts → forward-backward.ts, random.ts) have no ESM-only
 * dependency and do not use `import.meta`, so they load fine as CommonJS;
 * keep them that way (test/kt/fit-pool.test.ts would catch a break). This works the same from
 * `node bin/pathwise.js` and from inside vitest. Were this file ever
 * compiled to .js, the worker file is started directly.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fitSkill, type EmOptions, type SkillFit } from '../core/kt/em.ts';
import type { SkillSequences } from '../core/kt/sequences.ts';

/** One skill to fit, as posted to a worker. */
export interface FitTask {
  id: number;
  data: SkillSequences;
  options: EmOptions;
}

export type FitReply = { id: number; fit: SkillFit } | { id: number; error: string };

/** A fixed set of worker threads that fit skills; close it when done. */
export class FitPool {
  private readonly workers: Worker[];
  private closed = false;
  private busy = false;
  /** The first worker failure (could not load, crashed, or a fit threw): the pool is unusable after it. */
  private failure: Error | null = null;

  private constructor(workers: Worker[]) {
    this.workers = workers;
    // Without a listener, a worker's error event would crash the process.
    for (const w of workers) w.on('error', (err: Error) => (this.failure ??= err));
  }

  /** Starts `size` workers now (they load while the caller reads its data). */
  static start(size: number): FitPool {
    const n = Math.max(1, Math.floor(size));
    return new FitPool(Array.from({ length: n }, () => startWorker()));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Fits every skill; results come back in the order of `skills`. One call at a time. */
  fitAll(skills: readonly SkillSequences[], options: EmOptions): Promise<SkillFit[]> {
    if (this.closed) return Promise.reject(new Error('FitPool is closed'));
    if (this.busy) return Promise.reject(new Error('FitPool is already fitting; wait for the previous fitAll'));
    if (this.failure) return Promise.reject(new Error(`a fit worker failed: ${this.failure.message}`, { cause: this.failure }));
    const results: SkillFit[] = new Array(skills.length);
    if (skills.length === 0) return Promise.resolve(results);
    this.busy = true;
    // Largest first: the long skills start early and the short ones fill the gaps.
    const order = skills.map((_, i) => i).sort((a, b) => skills[b]!.obs.length - skills[a]!.obs.length || a - b);
    return new Promise((resolveAll, rejectAll) => {
      let next = 0;
      let done = 0;
      let failed = false;
      const cleanups: (() => void)[] = [];
      const finish = (err?: Error): void => {
        if (failed) return;
        for (const c of cleanups) c();
        this.busy = false;
        if (err) {
          // A worker may still be busy with a task of this call: its late reply
          // must never be taken for a later call's, so the pool stays failed.
          failed = true;
          this.failure ??= err;
          rejectAll(err);
        } else resolveAll(results);
      };
      const feed = (w: Worker): void => {
        if (next >= order.length) return;
        const id = order[next++]!;
        const task: FitTask = { id, data: skills[id]!, options };
        w.postMessage(task);
      };
      for (const w of this.workers) {
        const onMessage = (reply: FitReply): void => {
          if ('error' in reply) return finish(new Error(`fitting skill ${skills[reply.id]?.skill ?? reply.id} failed in a worker: ${reply.error}`));
          results[reply.id] = reply.fit;
          done++;
          if (done === skills.length) finish();
          else feed(w);
        };
        const onError = (err: Error): void => finish(new Error(`a fit worker failed: ${err.message}`, { cause: err }));
        const onExit = (code: number): void => finish(new Error(`a fit worker exited early (code ${code})`));
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        cleanups.push(() => {
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
        });
        feed(w);
      }
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Fits every skill, on the pool's workers when one is given, else here on
 * this thread. Both paths call the same `fitSkill` with the same options and
 * return identical results in the order of `skills`.
 */
export async function fitSkills(skills: readonly SkillSequences[], options: EmOptions, pool: FitPool | null): Promise<SkillFit[]> {
  if (pool) return pool.fitAll(skills, options);
  return skills.map((s) => fitSkill(s, options));
}

const WORKER_URL = new URL('./fit.worker' + (import.meta.url.endsWith('.ts') ? '.ts' : '.js'), import.meta.url);

function startWorker(): Worker {
  if (!WORKER_URL.pathname.endsWith('.ts')) return new Worker(WORKER_URL);
  const require = createRequire(fileURLToPath(import.meta.url));
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(fileURLToPath(WORKER_URL))});`;
  return new Worker(bootstrap, { eval: true });
}
