/**
 * Held-out evaluation of fitted BKT parameters: predict every answer one
 * step ahead (./forward-backward.ts `predictOneStep`), then score with AUC
 * and RMSE (./metrics.ts). Answers on a skill without parameters cannot be
 * predicted; they are counted, not scored.
 */
import type { BktParams } from './bkt.ts';
import { predictOneStep } from './forward-backward.ts';
import { auc, rmse } from './metrics.ts';
import type { SkillSequences } from './sequences.ts';

export interface Evaluation {
  auc: number;
  rmse: number;
  /** Answers predicted and scored. */
  scoredRows: number;
  /** Answers on skills with no parameters, left out of AUC and RMSE. */
  skippedRows: number;
}

/** Predicts every answer of `test` whose skill has parameters, and scores the predictions. */
export function evaluate(params: ReadonlyMap<string, BktParams>, test: readonly SkillSequences[]): Evaluation {
  let total = 0;
  for (const s of test) if (params.has(s.skill)) total += s.obs.length;
  const pred = new Float64Array(total);
  const label = new Uint8Array(total);
  let at = 0;
  let skipped = 0;
  for (const s of test) {
    const p = params.get(s.skill);
    if (!p) {
      skipped += s.obs.length;
      continue;
    }
    predictOneStep(s, p, pred.subarray(at, at + s.obs.length));
    label.set(s.obs, at);
    at += s.obs.length;
  }
  return { auc: auc(pred, label), rmse: rmse(pred, label), scoredRows: total, skippedRows: skipped };
}
