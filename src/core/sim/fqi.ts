/**
 * Fitted Q-iteration (Ernst, Geurts & Wehenkel 2005) with a linear
 * action-value function, trained in the simulator.
 *
 * Data: transitions (s, a, r, s′) from episodes on the training courses and
 * variant, revisiting every concept on later passes as the learned policy does. Round 0 follows the baselines (fixed, mastery, rules) with an
 * ε share of random actions; each later round follows the current greedy
 * policy with ε random actions, and every round's data is kept (replay).
 *
 * Reward for one decision, from the simulator's latent state (the policy
 * never sees it; only the trainer does):
 *   r = K · Δ(concepts known) − Δminutes / 60 − c · Δ(wrong answers)
 * (mastery gain, minus time in hours, minus struggle). The return of an
 * episode is K · (known at the end − known at the start) − hours − c · misses,
 * so K says how many hours one more concept truly known is worth.
 *
 * Iteration: with Q₀ = 0, fit for every action a by ridge regression
 *   w_a = (X_aᵀX_a + λI)⁻¹ X_aᵀ y,  y = r + γ · max_{a′ valid} Q_k(s′, a′)  (y = r at the end)
 * where X_a holds φ(s) of the transitions that took a. X_aᵀX_a does not
 * change between iterations, so it is factored once per round (Cholesky).
 *
 * Ensemble: one training run follows its own data, and which states its
 * greedy policy visits decides what it learns next, so runs with different
 * seeds end far apart (on the held-out variants, one seed's policy needed
 * 0.78 of `mastery`'s minutes in geometric mean and another's 0.86). The
 * shipped weights are the mean of E runs with seeds S, S + 1, …, S + E − 1:
 * Q is linear in w, so that is the mean of their action values,
 *   Q̄(s, a) = (1/E) Σ_e w_a^(e) · φ(s),
 * a bagged estimate with less of any one run's noise.
 */
import { seededRng, type Rng } from '../random.ts';
import type { Course } from './course.ts';
import { ACTIONS, Episode, type Action } from './episode.ts';
import { mixSeed } from './evaluate.ts';
import { FEATURE_COUNT, features, validActions } from './features.ts';
import { drawLearner } from './learner.ts';
import { learnedPolicy } from './learned-policy.ts';
import { fixedPolicy, masteryPolicy, rulesPolicy, type TeachingPolicy } from './policies.ts';
import type { SimVariant } from './variants.ts';

export interface FqiOptions {
  courses: readonly Course[];
  variant: SimVariant;
  seed: number;
  /** Data-collection rounds (the first follows the baselines). */
  rounds: number;
  /** Learners per course per round. */
  learners: number;
  /** Q-iterations per round. */
  iterations: number;
  /** Independent training runs (seeds S … S + E − 1) whose weights are averaged. */
  ensemble: number;
  gamma: number;
  ridge: number;
  epsilon: number;
  masteryReward: number;
  wrongCost: number;
  /** Budget per course, minutes. */
  budget: (c: Course) => number;
  /**
   * End a training episode when every concept is first known at once: the
   * figure the policy is judged by (minutes to true mastery) stops counting
   * there, so the return becomes K · gains − hours to get there.
   */
  stopAtMastery: boolean;
}

export const DEFAULT_FQI: Omit<FqiOptions, 'courses' | 'variant' | 'seed' | 'budget'> = {
  rounds: 4,
  learners: 20,
  iterations: 80,
  ensemble: 3,
  gamma: 0.99,
  ridge: 1,
  epsilon: 0.2,
  masteryReward: 80,
  wrongCost: 0.05,
  stopAtMastery: true,
};

/** Transitions stored flat: φ(s) rows, and per row the action, reward, whether it ended the episode, and the valid actions after it. */
class Replay {
  phi = new Float64Array(0);
  action = new Uint8Array(0);
  reward = new Float64Array(0);
  last = new Uint8Array(0);
  validNext = new Uint8Array(0);
  n = 0;

  push(phi: Float64Array, action: number, reward: number): void {
    if (this.n === this.action.length) this.grow();
    this.phi.set(phi, this.n * FEATURE_COUNT);
    this.action[this.n] = action;
    this.reward[this.n] = reward;
    this.last[this.n] = 0;
    this.n++;
  }

  private grow(): void {
    const cap = Math.max(1024, this.action.length * 2);
    const grow = <T extends Float64Array | Uint8Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.phi = grow(this.phi, cap * FEATURE_COUNT);
    this.action = grow(this.action, cap);
    this.reward = grow(this.reward, cap);
    this.last = grow(this.last, cap);
    this.validNext = grow(this.validNext, cap);
  }
}

/** Runs one episode under `policy` (with ε random actions), appending its transitions. */
function collect(replay: Replay, course: Course, variant: SimVariant, policy: TeachingPolicy, epsilon: number, o: FqiOptions, seed: number, rng: Rng): void {
  const learner = drawLearner(course, variant, seededRng(mixSeed(seed, 1)));
  const ep = new Episode(course, learner, seededRng(mixSeed(seed, 2)), { budgetMinutes: o.budget(course), revisit: 'all' });
  const phi = new Float64Array(FEATURE_COUNT);
  let prev = -1;
  for (let d = 0; d < 20_000 && !ep.done; d++) {
    const obs = ep.observation();
    features(obs, phi);
    const valid = validActions(obs);
    if (prev >= 0) replay.validNext[prev] = maskOf(valid);
    let action: Action = policy.decide(obs);
    if (rng() < epsilon) {
      const choices = ACTIONS.filter((_, k) => valid[k]);
      action = choices[Math.floor(rng() * choices.length)]!;
    }
    const known = learner.knownCount;
    const minutes = ep.minutes;
    const wrongs = ep.wrongs;
    ep.act(action);
    const r = o.masteryReward * (learner.knownCount - known) - (ep.minutes - minutes) / 60 - o.wrongCost * (ep.wrongs - wrongs);
    prev = replay.n;
    replay.push(phi, ACTIONS.indexOf(action), r);
    if (o.stopAtMastery && ep.masteryMinutes !== null) break;
  }
  if (prev >= 0) replay.last[prev] = 1;
}

function maskOf(valid: boolean[]): number {
  let m = 0;
  valid.forEach((v, k) => (m |= v ? 1 << k : 0));
  return m;
}

export interface FqiResult {
  weights: number[][];
  transitions: number;
  /** Per round of each run in turn: the run's transitions after it. */
  rounds: { transitions: number }[];
}

/** Trains the linear Q-function: the mean of {@link FqiOptions.ensemble} runs; deterministic for a seed. `log` hears one line per round. */
export function trainFqi(o: FqiOptions, log: (line: string) => void = () => {}): FqiResult {
  const runs = Math.max(1, o.ensemble);
  const results: FqiResult[] = [];
  for (let e = 0; e < runs; e++) results.push(trainOne({ ...o, seed: o.seed + e }, runs > 1 ? (line) => log(`run ${e + 1}/${runs}, ${line}`) : log));
  const weights = results[0]!.weights.map((row, a) => row.map((_, k) => results.reduce((sum, r) => sum + r.weights[a]![k]!, 0) / runs));
  return { weights, transitions: results.reduce((n, r) => n + r.transitions, 0), rounds: results.flatMap((r) => r.rounds) };
}

/** One training run (one seed). */
function trainOne(o: FqiOptions, log: (line: string) => void): FqiResult {
  const replay = new Replay();
  const rng = seededRng(mixSeed(o.seed, 0xf01));
  const baselines = [fixedPolicy, masteryPolicy, rulesPolicy];
  let weights: number[][] = ACTIONS.map(() => new Array<number>(FEATURE_COUNT).fill(0));
  const rounds: FqiResult['rounds'] = [];
  let episode = 0;
  for (let round = 0; round < o.rounds; round++) {
    for (const course of o.courses) {
      for (let k = 0; k < o.learners; k++) {
        const policy = round === 0 ? baselines[k % baselines.length]! : learnedPolicy(weights);
        collect(replay, course, o.variant, policy, round === 0 ? Math.max(o.epsilon, 0.3) : o.epsilon, o, mixSeed(o.seed, episode++), rng);
      }
    }
    weights = iterate(replay, o, weights);
    rounds.push({ transitions: replay.n });
    log(`round ${round + 1}/${o.rounds}: ${replay.n.toLocaleString('en')} transitions`);
  }
  return { weights, transitions: replay.n, rounds };
}

function iterate(replay: Replay, o: FqiOptions, start: number[][]): number[][] {
  const d = FEATURE_COUNT;
  const A = ACTIONS.length;
  const n = replay.n;
  // Gram matrices per action, factored once.
  const chol = ACTIONS.map((_, a) => {
    const G = new Float64Array(d * d);
    for (let t = 0; t < n; t++) {
      if (replay.action[t] !== a) continue;
      const base = t * d;
      for (let i = 0; i < d; i++) {
        const xi = replay.phi[base + i]!;
        if (xi === 0) continue;
        for (let j = 0; j <= i; j++) G[i * d + j]! += xi * replay.phi[base + j]!;
      }
    }
    for (let i = 0; i < d; i++) {
      G[i * d + i]! += o.ridge;
      for (let j = 0; j < i; j++) G[j * d + i] = G[i * d + j]!;
    }
    return cholesky(G, d);
  });
  let w: Float64Array[] = start.map((r) => Float64Array.from(r));
  const qNext = new Float64Array(n);
  for (let it = 0; it < o.iterations; it++) {
    // V(s′) = max over valid actions of Q(s′, a′); s′ of row t is row t + 1 unless t ended its episode.
    for (let t = 0; t + 1 < n; t++) {
      if (replay.last[t]) {
        qNext[t] = 0;
        continue;
      }
      const base = (t + 1) * d;
      let best = -Infinity;
      for (let a = 0; a < A; a++) {
        if (!(replay.validNext[t]! & (1 << a))) continue;
        let q = 0;
        const wa = w[a]!;
        for (let k = 0; k < d; k++) q += wa[k]! * replay.phi[base + k]!;
        if (q > best) best = q;
      }
      qNext[t] = best === -Infinity ? 0 : best;
    }
    const rhs = ACTIONS.map(() => new Float64Array(d));
    for (let t = 0; t < n; t++) {
      const y = replay.reward[t]! + (replay.last[t] ? 0 : o.gamma * qNext[t]!);
      const r = rhs[replay.action[t]!]!;
      const base = t * d;
      for (let k = 0; k < d; k++) r[k]! += y * replay.phi[base + k]!;
    }
    w = rhs.map((b, a) => solveCholesky(chol[a]!, b, d));
  }
  return w.map((r) => Array.from(r));
}

/** Lower-triangular L with G = LLᵀ (G symmetric positive definite, which the ridge term guarantees). */
function cholesky(G: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = G[i * d + j]!;
      for (let k = 0; k < j; k++) s -= L[i * d + k]! * L[j * d + k]!;
      L[i * d + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / L[j * d + j]!;
    }
  }
  return L;
}

/** Solves LLᵀx = b. */
function solveCholesky(L: Float64Array, b: Float64Array, d: number): Float64Array {
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * d + k]! * y[k]!;
    y[i] = s / L[i * d + i]!;
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < d; k++) s -= L[k * d + i]! * x[k]!;
    x[i] = s / L[i * d + i]!;
  }
  return x;
}
