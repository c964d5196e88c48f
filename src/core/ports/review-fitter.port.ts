/**
 * Fits FSRS parameters to one learner's review history. The core owns this
 * interface; the adapter (src/engines/fsrs/binding-fitter.ts) runs the fsrs-rs
 * optimizer through `@open-spaced-repetition/binding`. Tests may hand in
 * another implementation; without one the coach keeps the default parameters.
 */
import type { CardHistory } from '../review/review-params.ts';

export interface ReviewParamFitter {
  /**
   * FSRS-6 weights (21 numbers) fitted to the histories, one per card,
   * oldest review first. Rejects when the fit fails or runs past the
   * fitter's own time bound; the caller then keeps what it had.
   */
  fit(histories: readonly CardHistory[]): Promise<number[]>;
}
