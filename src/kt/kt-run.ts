/**
 * The fit and evaluate runs behind `pathwise kt fit` / `pathwise kt eval`
 * and the benchmark: read response CSVs, fit every skill (on worker threads
 * for large inputs), predict held-out answers, and time each phase.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { BktParams } from '../core/kt/bkt.ts';
import type { EmOptions, SkillFit } from '../core/kt/em.ts';
import { evaluate } from '../core/kt/evaluate.ts';
import { groupBySkill } from '../core/kt/sequences.ts';
import { FitPool, fitSkills } from './fit-pool.ts';
import { readResponsesCsv } from './responses-csv.ts';

/**
 * Inputs smaller than this (about 60,000 answers, a ~0.15 s single-threaded
 * fit) are fitted on the calling thread: starting workers (loading tsx and
 * the fitter, ~0.1 s wall and 70 ms CPU each) would cost about what it saves.
 */
export const PARALLEL_MIN_BYTES = 512 * 1024;

export interface KtRunSettings {
  em: EmOptions;
  /**
   * Threads to fit on: 1 fits on the calling thread, N > 1 on N worker
   * threads; 'auto' uses {@link defaultThreads} workers when the input has at
   * least {@link PARALLEL_MIN_BYTES}, else the calling thread.
   */
  threads: number | 'auto';
}

/** Default thread count: two workers (the target machine has two cores), fewer if the machine has fewer. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

export interface FitRun {
  fits: SkillFit[];
  rows: number;
  /** Wall time from opening the file to fitted parameters. */
  seconds: number;
  /** 1 when fitted on the calling thread, else the number of workers. */
  threads: number;
}

/** Reads a response CSV and fits every skill in it. */
export async function fitResponsesFile(path: string, settings: KtRunSettings): Promise<FitRun> {
  const t0 = performance.now();
  // Workers start loading now, while this thread parses the CSV.
  const threads = settings.threads === 'auto' ? (fileSize(path) >= PARALLEL_MIN_BYTES ? defaultThreads() : 1) : settings.threads;
  const pool = threads > 1 ? FitPool.start(threads) : null;
  try {
    const rows = readResponsesCsv(path);
    const skills = groupBySkill(rows);
    const fits = await fitSkills(skills, settings.em, pool);
    return { fits, rows: rows.length, seconds: (performance.now() - t0) / 1000, threads: pool?.size ?? 1 };
  } finally {
    await pool?.close();
  }
}

export interface EvalReport {
  auc: number;
  rmse: number;
  trainRows: number;
  /** Every test row, scored or skipped. */
  testRows: number;
  /** Test rows whose skill never appears in train: left out of AUC and RMSE. */
  skippedRows: number;
  /** Skills fitted on train. */
  skills: number;
  fitSeconds: number;
  evalSeconds: number;
}

/** Fits on `trainPath`, predicts every answer in `testPath` one step ahead, and scores it. */
export async function evaluateResponseFiles(trainPath: string, testPath: string, settings: KtRunSettings): Promise<EvalReport & { fits: SkillFit[] }> {
  const fit = await fitResponsesFile(trainPath, settings);
  const t0 = performance.now();
  const test = readResponsesCsv(testPath);
  const params = new Map<string, BktParams>(fit.fits.map((f) => [f.skill, f.params]));
  const e = evaluate(params, groupBySkill(test));
  return {
    auc: e.auc,
    rmse: e.rmse,
    trainRows: fit.rows,
    testRows: test.length,
    skippedRows: e.skippedRows,
    skills: fit.fits.length,
    fitSeconds: fit.seconds,
    evalSeconds: (performance.now() - t0) / 1000,
    fits: fit.fits,
  };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the reader reports a missing file with its own error
  }
}
