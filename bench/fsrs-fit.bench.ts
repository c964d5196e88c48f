/**
 * FSRS fitted to the learner against FSRS-6's default weights (issue #19,
 * item 7), on simulated learners whose memory follows a known FSRS-6
 * parameter set (src/core/review/review-sim.ts): initial stabilities scaled
 * by a factor (0.25 and 0.5: they forget faster; 1: the default learner;
 * 2 and 4: slower) and the success bonus by its square root. Each learner
 * answers `--cards` items `--reviews` times each (the first `--train` share of
 * the cards to fit on, the rest held out), reviewing when the default
 * schedule says, with lognormal delays. The fit is the one the coach runs
 * (src/engines/fsrs/binding-fitter.ts: fsrs-rs through
 * @open-spaced-repetition/binding); the metrics are fsrs-rs's own
 * (log loss and RMSE over bins of predicted recall), on the held-out cards.
 * "checked" is what the coach uses: the fit only when it beat the defaults on
 * a fifth of the learner's own training cards (core/review/review-params.ts
 * `checkedFit`), the defaults otherwise.
 *
 *   node bin/run-ts.js bench/fsrs-fit.bench.ts [--learners 10] [--cards 100] [--reviews 6] [--seed 1]
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { seededRng } from '../src/core/random.ts';
import { forgetterWeights, simulateReviews } from '../src/core/review/review-sim.ts';
import { checkedFit } from '../src/core/review/review-params.ts';
import { bindingFitter, evaluateWeights } from '../src/engines/fsrs/binding-fitter.ts';

const { values } = parseArgs({ options: { learners: { type: 'string', default: '10' }, cards: { type: 'string', default: '100' }, reviews: { type: 'string', default: '6' }, seed: { type: 'string', default: '1' }, train: { type: 'string', default: '0.5' } } });
const learners = Number(values.learners);
const cards = Number(values.cards);
const reviews = Number(values.reviews);
const trainShare = Number(values.train);
const rng = seededRng(Number(values.seed));
const fitter = bindingFitter({ timeoutMs: 60_000 });

console.log(`machine: ${cpus()[0]?.model} ×${cpus().length}, Node ${process.version}, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`${learners} learners per kind, ${cards} cards × ${reviews} answers each (${Math.round(cards * reviews * trainShare)} answers to fit on, the rest held out), seed ${values.seed}`);
console.log('| forgets (initial stability ×) | log loss fitted | log loss checked | log loss defaults | RMSE(bins) fitted | RMSE(bins) checked | RMSE(bins) defaults | defaults kept | fit ms (median) |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
const all = { lf: 0, lc: 0, ld: 0, rf: 0, rc: 0, rd: 0, kept: 0, n: 0 };
for (const factor of [0.25, 0.5, 1, 2, 4]) {
  let lf = 0, lc = 0, ld = 0, rf = 0, rc = 0, rd = 0, kept = 0;
  const ms: number[] = [];
  for (let l = 0; l < learners; l++) {
    const sim = simulateReviews(forgetterWeights(factor), { cards, reviewsPerCard: reviews, start: new Date('2026-01-01T08:00:00Z') }, rng);
    const cut = Math.round(cards * trainShare);
    const train = sim.histories.slice(0, cut);
    const test = sim.histories.slice(cut);
    const t0 = performance.now();
    const w = await fitter.fit(train);
    ms.push(performance.now() - t0);
    const fitted = await evaluateWeights(test, w);
    const defaults = await evaluateWeights(test);
    const check = await checkedFit(fitter, train);
    const checked = check.keptDefaults ? defaults : await evaluateWeights(test, check.w);
    if (check.keptDefaults) kept++;
    lf += fitted.logLoss; ld += defaults.logLoss; rf += fitted.rmseBins; rd += defaults.rmseBins; lc += checked.logLoss; rc += checked.rmseBins;
  }
  ms.sort((a, b) => a - b);
  all.lf += lf; all.ld += ld; all.rf += rf; all.rd += rd; all.lc += lc; all.rc += rc; all.kept += kept; all.n += learners;
  const f = (x: number) => (x / learners).toFixed(4);
  console.log(`| ${factor} | ${f(lf)} | ${f(lc)} | ${f(ld)} | ${f(rf)} | ${f(rc)} | ${f(rd)} | ${kept}/${learners} | ${ms[Math.floor(ms.length / 2)]!.toFixed(0)} |`);
}
const g = (x: number) => (x / all.n).toFixed(4);
console.log(`| all | ${g(all.lf)} | ${g(all.lc)} | ${g(all.ld)} | ${g(all.rf)} | ${g(all.rc)} | ${g(all.rd)} | ${all.kept}/${all.n} | |`);
