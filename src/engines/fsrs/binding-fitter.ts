/**
 * The {@link ReviewParamFitter} on the fsrs-rs optimizer, through
 * the binding's prebuilt native module (see {@link Binding}; the fit runs
 * on libuv's thread pool, not on the event loop). The only file in src/ that
 * imports the binding, and only on the first fit, so a platform without the
 * prebuilt module still starts (its learners keep the default parameters).
 *
 * Each card's history becomes one training item per review after the first
 * (the item holds the reviews up to and including it), as fsrs-rs expects.
 * A fit is bounded by `timeoutMs`: past it the coach stops waiting (the
 * binding's own `timeout` option is not used: in 0.5.0 it made a fit of a
 * few milliseconds wait out the whole timeout). It rejects with code
 * REVIEW_FIT_FAILED when it fails, runs past the bound, or returns something
 * other than 21 finite weights.
 */
import { PathwiseError } from '../../core/errors.ts';
import type { ReviewParamFitter } from '../../core/ports/review-fitter.port.ts';
import { FSRS6_WEIGHTS, type CardHistory } from '../../core/review/review-params.ts';

import { createRequire } from 'node:module';

/**
 * What we use of the fsrs-rs binding. Its prebuilt module for Linux x64
 * (glibc) is an optional dependency of its own: the umbrella package
 * `@open-spaced-repetition/binding` only picks the module for the platform,
 * and it lists modules for other platforms that our registry does not serve,
 * so `npm ci` would refuse its lock. On any other platform the load fails and
 * learners keep the default parameters.
 */
interface Binding {
  FSRSBindingReview: new (rating: number, deltaT: number) => unknown;
  FSRSBindingItem: new (reviews: unknown[]) => unknown;
  FSRSBinding: new (w?: number[]) => { evaluate(items: unknown[]): Promise<{ logLoss: number; rmseBins: number }> };
  computeParameters(items: unknown[], opts: { enableShortTerm: boolean }): Promise<number[]>;
}

export const BINDING_MODULE = '@open-spaced-repetition/binding-linux-x64-gnu';

function loadBinding(): Promise<Binding> {
  return Promise.resolve().then(() => createRequire(import.meta.url)(BINDING_MODULE) as Binding);
}

/** Training items: for a history r1…rn, the prefixes r1…rk for k = 2…n. */
export function trainingItems(b: Binding, histories: readonly CardHistory[]): unknown[] {
  const items: unknown[] = [];
  for (const h of histories) {
    const reviews = h.map((r) => new b.FSRSBindingReview(r.rating, r.deltaT));
    for (let k = 2; k <= reviews.length; k++) items.push(new b.FSRSBindingItem(reviews.slice(0, k)));
  }
  return items;
}

export interface BindingFitterOptions {
  /** Bound on one fit (ms); default 5 s. */
  timeoutMs?: number;
}

export function bindingFitter(opts: BindingFitterOptions = {}): ReviewParamFitter {
  let binding: Promise<Binding> | undefined;
  return {
    async fit(histories) {
      let w: number[];
      try {
        const b = await (binding ??= loadBinding());
        let timer: NodeJS.Timeout | undefined;
        const bound = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('the fit ran past its time bound')), opts.timeoutMs ?? 5_000);
        });
        try {
          w = await Promise.race([b.computeParameters(trainingItems(b, histories), { enableShortTerm: false }), bound]);
        } finally {
          clearTimeout(timer);
        }
      } catch (err) {
        throw new PathwiseError('REVIEW_FIT_FAILED', 'the FSRS fit failed', { cause: err });
      }
      if (w.length !== FSRS6_WEIGHTS || !w.every(Number.isFinite)) throw new PathwiseError('REVIEW_FIT_FAILED', `the FSRS fit returned ${w.length} weights`);
      return w;
    },

  };
}

/** Log loss and RMSE(bins) of weights `w` (default: FSRS-6's) on held-out histories; for the benchmark. */
export async function evaluateWeights(histories: readonly CardHistory[], w?: readonly number[]): Promise<{ logLoss: number; rmseBins: number }> {
  const b = await loadBinding();
  return new b.FSRSBinding(w ? [...w] : undefined).evaluate(trainingItems(b, histories));
}
