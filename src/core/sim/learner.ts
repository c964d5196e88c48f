/**
 * One simulated learner: a latent known / not-known state per concept of a
 * course, and the parameters that move it, drawn from a {@link SimVariant}.
 * Each event is one step of the simulator: studying a resource, answering a
 * quiz item, reading a hint, or a session break. The coach never reads this
 * state; it sees answers only (src/core/sim/episode.ts).
 *
 * Learning from any event with base probability P and exponent x is
 *   P(learn) = 1 − (1 − P)^x,  x = (factors) · ability · (prereqs known ? 1 : gate)
 * so halving the exponent is "half as much teaching", and the gate makes
 * learning much less likely while a prerequisite is not known.
 */
import { RESOURCE_TYPES } from '../graph/types.ts';
import type { Rng } from '../random.ts';
import type { Course, SimConcept, SimItem, SimResource } from './course.ts';
import { beta, normal, pick } from './distributions.ts';
import type { SimVariant } from './variants.ts';

export interface SimLearner {
  variant: SimVariant;
  known: Uint8Array;
  /** Depth shares of the resources studied for each concept (a repeat counts half). */
  exposure: Float64Array;
  /** 1 while learned this session: the next break may take it. */
  fragile: Uint8Array;
  knownCount: number;
  resource: Float64Array;
  practice: Float64Array;
  hint: Float64Array;
  guess: Float64Array;
  slip: Float64Array;
  forget: Float64Array;
  ability: number;
  testWise: boolean;
  preferred: number;
  disliked: number;
  /** What the learner told the coach (a type index). */
  statedPreferred: number;
}

/** Draws a learner for `course` from `variant`; every draw comes from `rng`. */
export function drawLearner(course: Course, variant: SimVariant, rng: Rng): SimLearner {
  const n = course.concepts.length;
  const L: SimLearner = {
    variant,
    known: new Uint8Array(n),
    exposure: new Float64Array(n),
    fragile: new Uint8Array(n),
    knownCount: 0,
    resource: new Float64Array(n),
    practice: new Float64Array(n),
    hint: new Float64Array(n),
    guess: new Float64Array(n),
    slip: new Float64Array(n),
    forget: new Float64Array(n),
    ability: Math.exp(variant.abilitySigma * normal(rng)),
    testWise: rng() < variant.testWise,
    preferred: pick(rng, RESOURCE_TYPES.length),
    disliked: 0,
    statedPreferred: 0,
  };
  L.disliked = (L.preferred + 1 + pick(rng, RESOURCE_TYPES.length - 1)) % RESOURCE_TYPES.length;
  L.statedPreferred = rng() < variant.statedRight ? L.preferred : pick(rng, RESOURCE_TYPES.length);
  course.concepts.forEach((c, i) => {
    const d = Math.min(5, Math.max(1, Math.round(c.difficulty))) - 1;
    // Known from before counts as consolidated: it survived whatever came before.
    if (rng() < beta(rng, variant.prior[d]!)) setKnown(L, i, true, false);
    L.resource[i] = beta(rng, variant.resource[d]!);
    L.practice[i] = beta(rng, variant.practice[d]!);
    L.hint[i] = beta(rng, variant.hint[d]!);
    L.guess[i] = beta(rng, variant.guess);
    L.slip[i] = beta(rng, variant.slip[d]!);
    L.forget[i] = beta(rng, variant.forget);
  });
  return L;
}

function setKnown(L: SimLearner, i: number, known: boolean, fragile: boolean): void {
  if (known && !L.known[i]) {
    L.known[i] = 1;
    L.knownCount++;
    L.fragile[i] = fragile ? 1 : 0;
  } else if (!known && L.known[i]) {
    L.known[i] = 0;
    L.knownCount--;
    L.fragile[i] = 0;
  }
}

/** Whether every prerequisite of concept c is known ("all of", and one member of each "any one of" group). */
export function prereqsKnown(L: SimLearner, c: SimConcept): boolean {
  for (const p of c.requires) if (!L.known[p]) return false;
  for (const g of c.anyOf) {
    let one = false;
    for (const p of g) if (L.known[p]) one = true;
    if (!one) return false;
  }
  return true;
}

/** P(learn) = 1 − (1 − base)^x, x = factor · ability · gate (see the module comment). */
export function learnChance(L: SimLearner, c: SimConcept, base: number, factor: number): number {
  const x = factor * L.ability * (prereqsKnown(L, c) ? 1 : L.variant.prereqGate);
  return 1 - Math.pow(1 - base, x);
}

/** Format factor of a resource type for this learner. */
export function formatFactor(L: SimLearner, typeIndex: number): number {
  const v = L.variant;
  return v.typeEffect[RESOURCE_TYPES[typeIndex]!] * (typeIndex === L.preferred ? v.preferredFactor : typeIndex === L.disliked ? v.dislikedFactor : 1);
}

/**
 * Studies resource r: every course concept it teaches (share s) may be
 * learned with exponent s · format factor. `repeat` (studied before) halves
 * the exponent: a second read teaches less. Returns how many became known.
 */
export function study(L: SimLearner, course: Course, r: SimResource, rng: Rng, repeat: boolean): number {
  let gained = 0;
  const fmt = formatFactor(L, r.typeIndex) * (repeat ? 0.5 : 1);
  for (const [i, share] of r.shares) {
    L.exposure[i] = L.exposure[i]! + share * (repeat ? 0.5 : 1);
    if (L.known[i]) continue;
    if (rng() < learnChance(L, course.concepts[i]!, L.resource[i]!, share * fmt)) {
      setKnown(L, i, true, true);
      gained++;
    }
  }
  return gained;
}

/**
 * Answers an item of concept i. Known: right unless a slip. Not known: right
 * with P = max(guess, 1/k), 0.5 on a cued item for a test-wise learner, and
 * `recall` when the item's answer was shown earlier this session.
 */
export function answer(L: SimLearner, i: number, item: SimItem, seenThisSession: boolean, rng: Rng): boolean {
  let right: boolean;
  if (L.known[i]) right = rng() >= L.slip[i]!;
  else {
    let p = Math.max(L.guess[i]!, item.options > 0 ? 1 / item.options : 0);
    if (item.cued && L.testWise) p = Math.max(p, 0.5);
    if (seenThisSession) p = Math.max(p, L.variant.recall);
    right = rng() < p;
  }
  return right;
}

/**
 * How much practice and hints can teach, by exposure e (depth shares
 * studied): min(1, 0.1 + e). Feedback on a question about something never
 * taught teaches a tenth of what it does after reading about it.
 */
export function exposureFactor(L: SimLearner, i: number): number {
  return Math.min(1, 0.1 + L.exposure[i]!);
}

/** Learning from an item's feedback (after the answer), scaled by {@link exposureFactor}; returns 1 when it became known. */
export function practiceLearn(L: SimLearner, course: Course, i: number, rng: Rng): number {
  if (L.known[i] || !(rng() < learnChance(L, course.concepts[i]!, L.practice[i]!, exposureFactor(L, i)))) return 0;
  setKnown(L, i, true, true);
  return 1;
}

/** Learning from a worked hint, scaled by {@link exposureFactor}; returns 1 when it became known. */
export function hintLearn(L: SimLearner, course: Course, i: number, rng: Rng): number {
  if (L.known[i] || !(rng() < learnChance(L, course.concepts[i]!, L.hint[i]!, exposureFactor(L, i)))) return 0;
  setKnown(L, i, true, true);
  return 1;
}

/**
 * A session break (a night): each concept learned in the session just ended
 * (fragile) is lost with P(forget), and the ones that survive are
 * consolidated; a consolidated concept is lost with
 * P(forget) · consolidatedForget. Returns how many were lost.
 */
export function sessionBreak(L: SimLearner, rng: Rng): number {
  let lost = 0;
  for (let i = 0; i < L.known.length; i++) {
    if (!L.known[i]) continue;
    const p = L.fragile[i] ? L.forget[i]! : L.forget[i]! * L.variant.consolidatedForget;
    if (rng() < p) {
      setKnown(L, i, false, false);
      lost++;
    } else L.fragile[i] = 0;
  }
  return lost;
}
