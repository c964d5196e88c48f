/**
 * One simulated learner taught one course by one policy: the environment.
 *
 * The coach's side is what the real coach does with answers: a BKT belief
 * per concept traced with {@link observe} and per-item guessing
 * ({@link itemGuess}) under the coach's difficulty-shaped defaults, moved by
 * the coach's study step when a resource is finished (`coachLearn`), and the
 * mastery rule's evidence (distinct right items counted once per session,
 * sittings). The policy sees only that ({@link Observation}); the learner's
 * latent state ({@link SimLearner}) decides the answers.
 *
 * The course is walked in passes: the first pass visits every concept in
 * teaching order; each later pass visits the concepts the coach does not yet
 * judge mastered (every concept again for a policy that revisits `all`), until
 * none is left (the coach says the goal is reached) or the budget is spent.
 *
 * Actions on the current concept c:
 * - `proceed`: the plan's next step: study c's next planned resource not yet
 *   studied (a resource studied for an earlier concept is not paid twice);
 *   when every one is studied, move on to the next concept;
 * - `substitute`: study an alternative resource for c (the learner's stated
 *   format first, then the shortest), or go through the planned one again
 *   (half its minutes, half its effect) when there is none;
 * - `remediate`: go back to c's weakest prerequisite by the coach's belief:
 *   study its planned resource again, then two quiz items on it; without a
 *   prerequisite, as `substitute`;
 * - `skip`: move on now;
 * - `hint`: a worked hint on c ({@link HINT_MINUTES});
 * - `quiz`: one quiz item on c ({@link QUIZ_MINUTES}), with feedback.
 * Moving on costs {@link MOVE_MINUTES}, so no policy can loop for free. A
 * pass in which nothing was studied or asked ends the day: the next pass
 * starts in a new session without spending minutes (the learner waits for
 * tomorrow), and {@link MAX_IDLE_PASSES} such passes in a row end the episode.
 */
import { itemGuess, observe, transition } from '../kt/bkt.ts';
import { DEFAULT_MASTERY_RULE, type MasteryRule } from '../kt/mastery-rule.ts';
import type { Rng } from '../random.ts';
import type { Course, SimResource } from './course.ts';
import { ACTIONS, type Action, type Observation } from './observation.ts';
import { answer, hintLearn, practiceLearn, prereqsKnown, sessionBreak, study, type SimLearner } from './learner.ts';

export { ACTIONS, type Action, type Observation };

export const QUIZ_MINUTES = 1.5;
export const HINT_MINUTES = 2.5;
export const MOVE_MINUTES = 0.5;
/** Passes in a row with nothing done after which the episode ends (the policy has given up). */
export const MAX_IDLE_PASSES = 20;
/** Interactive resource types (hands-on): exercise, project, course. */
const INTERACTIVE = new Set(['exercise', 'project', 'course']);

interface CoachConcept {
  p: number;
  observed: number;
  /** Bit i set: item i answered right while it counted. */
  rightMask: number;
  rightItems: number;
  sittings: number;
  lastSittingSession: number;
  wrongStreak: number;
  recent: number;
  /** Session each item was last asked in (−1: never). */
  askedIn: Int32Array;
  nextItem: number;
  plannedDone: number;
  altUsed: number;
  lastAskedSession: number;
  studied: number;
}

export interface EpisodeOptions {
  budgetMinutes: number;
  revisit: 'unmastered' | 'all';
  rule?: MasteryRule;
}

/** The figures an episode ends with. */
export interface EpisodeResult {
  /** The episode's budget, minutes. */
  budget: number;
  minutes: number;
  steps: number;
  /** Minutes and steps when every concept was first known at once; null when never within the budget. */
  masteryMinutes: number | null;
  masterySteps: number | null;
  /** Share of concepts known at the end. */
  finalMastery: number;
  /** Concepts the coach judges mastered at the end, and how many of them the learner does not know. */
  claimed: number;
  falseClaims: number;
  /** The coach said the goal is reached (every concept judged mastered) before the budget ran out. */
  finished: boolean;
}

export class Episode {
  readonly course: Course;
  readonly learner: SimLearner;
  private readonly rng: Rng;
  private readonly opts: Required<EpisodeOptions>;
  private readonly coach: CoachConcept[];
  private readonly studiedResources = new Set<string>();
  minutes = 0;
  steps = 0;
  wrongs = 0;
  /** First answers on a concept given before studying anything for it, and how many were right. */
  private pretests = 0;
  private pretestsRight = 0;
  /** Answers on concepts studied before, and how many were right. */
  private afterStudy = 0;
  private afterStudyRight = 0;
  session = 0;
  private sessionMinutes = 0;
  private queue: number[];
  private pos = 0;
  pass = 1;
  private visitAttempts = 0;
  private visitHints = 0;
  private visitSubstitutes = 0;
  private visitRemediations = 0;
  private stepsAtPassStart = 0;
  private idlePasses = 0;
  done = false;
  masteryMinutes: number | null = null;
  masterySteps: number | null = null;

  constructor(course: Course, learner: SimLearner, rng: Rng, opts: EpisodeOptions) {
    this.course = course;
    this.learner = learner;
    this.rng = rng;
    this.opts = { rule: DEFAULT_MASTERY_RULE, ...opts };
    this.coach = course.concepts.map((c) => ({
      p: c.coach.prior,
      observed: 0,
      rightMask: 0,
      rightItems: 0,
      sittings: 0,
      lastSittingSession: -1,
      wrongStreak: 0,
      recent: 0,
      askedIn: new Int32Array(c.items.length).fill(-1),
      nextItem: 0,
      plannedDone: 0,
      altUsed: 0,
      lastAskedSession: -1,
      studied: 0,
    }));
    this.queue = course.concepts.map((_, i) => i);
    this.checkAllKnown();
    if (this.queue.length === 0) this.done = true;
  }

  /** Index of the concept being taught. */
  get current(): number {
    return this.queue[this.pos]!;
  }

  /** The mastery rule's verdict on concept i from the coach's evidence (src/core/kt/mastery-rule.ts, judgeMastery). */
  verdict(i: number): { mastered: boolean; itemsToGo: number; needsSitting: boolean } {
    const cc = this.coach[i]!;
    const c = this.course.concepts[i]!;
    const rule = this.opts.rule;
    const need = Math.min(rule.minDistinctItems, Math.max(1, c.items.length));
    const itemsToGo = Math.max(0, need - cc.rightItems);
    const needsSitting = c.difficulty >= rule.spacedFromDifficulty && cc.sittings < rule.minSittings;
    return { mastered: cc.p >= rule.threshold && itemsToGo === 0 && !needsSitting, itemsToGo, needsSitting };
  }

  /** Concepts the coach judges mastered now. */
  masteredCount(): number {
    let n = 0;
    for (let i = 0; i < this.coach.length; i++) if (this.verdict(i).mastered) n++;
    return n;
  }

  /** The coach's belief in concept i. */
  belief(i: number): number {
    return this.coach[i]!.p;
  }

  observation(): Observation {
    const i = this.current;
    const c = this.course.concepts[i]!;
    const cc = this.coach[i]!;
    const v = this.verdict(i);
    const theta = this.opts.rule.threshold;
    let prereqMin = 1;
    let prereqWeak = 0;
    for (const q of c.prereqs) {
      const p = this.coach[q]!.p;
      if (p < prereqMin) prereqMin = p;
      if (p < theta) prereqWeak++;
    }
    this.skipStudied(i);
    const next = c.planned[cc.plannedDone];
    const alt = this.alternative(i);
    let fresh = 0;
    for (let k = 0; k < cc.askedIn.length; k++) if (cc.askedIn[k] !== this.session) fresh++;
    const stated = this.learner.statedPreferred;
    return {
      concept: i,
      concepts: this.course.concepts.length,
      difficulty: c.difficulty,
      belief: cc.p,
      mastered: v.mastered,
      itemsToGo: v.itemsToGo,
      needsSitting: v.needsSitting,
      attempts: this.visitAttempts,
      wrongStreak: cc.wrongStreak,
      recent: [decode(cc.recent, 0), decode(cc.recent, 1), decode(cc.recent, 2)],
      freshItems: fresh,
      prereqs: c.prereqs.length,
      prereqMin,
      prereqWeak,
      plannedLeft: c.planned.length - cc.plannedDone,
      nextMinutes: next?.minutes ?? 0,
      nextShare: next?.shares.get(i) ?? 0,
      nextPreferred: next !== undefined && next.typeIndex === stated,
      nextInteractive: next !== undefined && INTERACTIVE.has(next.type),
      altLeft: alt !== undefined,
      altPreferred: alt !== undefined && alt.typeIndex === stated,
      ...this.swapOf(i, alt),
      studied: cc.studied,
      visitHints: this.visitHints,
      visitSubstitutes: this.visitSubstitutes,
      visitRemediations: this.visitRemediations,
      pass: this.pass,
      sessionsSinceAsked: cc.lastAskedSession < 0 ? 0 : this.session - cc.lastAskedSession,
      pretestRight: (this.pretestsRight + 1) / (this.pretests + 4),
      studiedRight: (this.afterStudyRight + 1) / (this.afterStudy + 2),
      courseMastered: this.masteredCount() / this.course.concepts.length,
      sessionLeft: 1 - this.sessionMinutes / this.learner.variant.sessionMinutes,
      budgetUsed: this.minutes / this.opts.budgetMinutes,
      oracle: { known: this.learner.known[i] === 1, prereqsKnown: prereqsKnown(this.learner, c) },
    };
  }

  /** Applies one action; returns nothing, the caller reads the counters. */
  act(action: Action): void {
    if (this.done) return;
    const i = this.current;
    const c = this.course.concepts[i]!;
    const cc = this.coach[i]!;
    switch (action) {
      case 'proceed': {
        this.skipStudied(i);
        const next = c.planned[cc.plannedDone];
        if (next) {
          cc.plannedDone++;
          this.studyResource(i, next, false);
        } else this.moveOn();
        break;
      }
      case 'skip':
        this.moveOn();
        break;
      case 'quiz':
        this.quiz(i);
        break;
      case 'hint':
        this.visitHints++;
        this.steps++;
        hintLearn(this.learner, this.course, i, this.rng);
        this.spend(HINT_MINUTES);
        break;
      case 'substitute':
        this.visitSubstitutes++;
        this.substitute(i);
        cc.wrongStreak = 0;
        break;
      case 'remediate': {
        this.visitRemediations++;
        const q = this.weakestPrereq(i);
        if (q < 0) this.substitute(i);
        else {
          const r = this.course.concepts[q]!.planned[0];
          if (r) this.studyResource(q, r, this.studiedResources.has(r.key));
          if (!this.done) this.quiz(q);
          if (!this.done) this.quiz(q);
        }
        cc.wrongStreak = 0;
        break;
      }
    }
    if (!this.done && this.minutes >= this.opts.budgetMinutes) this.done = true;
  }

  /** The figures so far (final once {@link done}). */
  result(): EpisodeResult {
    let claimed = 0;
    let falseClaims = 0;
    for (let i = 0; i < this.coach.length; i++) {
      if (!this.verdict(i).mastered) continue;
      claimed++;
      if (!this.learner.known[i]) falseClaims++;
    }
    const n = this.course.concepts.length;
    return {
      budget: this.opts.budgetMinutes,
      minutes: this.minutes,
      steps: this.steps,
      masteryMinutes: this.masteryMinutes,
      masterySteps: this.masterySteps,
      finalMastery: n === 0 ? 1 : this.learner.knownCount / n,
      claimed,
      falseClaims,
      finished: this.queue.length === 0,
    };
  }

  private quiz(i: number): void {
    const c = this.course.concepts[i]!;
    const cc = this.coach[i]!;
    if (c.items.length === 0) {
      this.spend(QUIZ_MINUTES);
      return;
    }
    // The next item not asked this session, round-robin; all asked: the next one anyway.
    let k = cc.nextItem;
    for (let tries = 0; tries < c.items.length && cc.askedIn[k] === this.session; tries++) k = (k + 1) % c.items.length;
    cc.nextItem = (k + 1) % c.items.length;
    const counted = cc.askedIn[k] !== this.session;
    const item = c.items[k]!;
    const right = answer(this.learner, i, item, !counted, this.rng);
    cc.askedIn[k] = this.session;
    cc.lastAskedSession = this.session;
    this.steps++;
    if (i === this.current) this.visitAttempts++;
    if (cc.observed === 0 && cc.studied === 0) {
      this.pretests++;
      if (right) this.pretestsRight++;
    }
    if (cc.studied > 0) {
      this.afterStudy++;
      if (right) this.afterStudyRight++;
    }
    if (counted) {
      const guess = itemGuess(c.coach.guess, item.options, item.cued);
      cc.p = observe(cc.p, right, { ...c.coach, guess }, cc.observed === 0);
      cc.observed++;
      if (right) {
        if (!(cc.rightMask & (1 << k))) {
          cc.rightMask |= 1 << k;
          cc.rightItems++;
        }
        if (cc.lastSittingSession !== this.session) {
          cc.sittings++;
          cc.lastSittingSession = this.session;
        }
      }
    }
    cc.wrongStreak = right ? 0 : cc.wrongStreak + 1;
    cc.recent = ((cc.recent << 2) | (right ? 1 : 2)) & 0x3f;
    if (!right) this.wrongs++;
    practiceLearn(this.learner, this.course, i, this.rng);
    this.spend(QUIZ_MINUTES);
  }

  private substitute(i: number): void {
    const c = this.course.concepts[i]!;
    const cc = this.coach[i]!;
    const alt = this.alternative(i);
    if (alt) {
      cc.altUsed |= 1 << c.alternatives.indexOf(alt);
      this.studyResource(i, alt, this.studiedResources.has(alt.key));
    } else {
      const r = c.planned[0];
      if (r) this.studyResource(i, r, this.studiedResources.has(r.key));
      else this.spend(HINT_MINUTES);
    }
  }

  /** What `substitute` would study on concept i (see {@link Observation.swapMinutes}); `alt` is {@link alternative}(i). */
  private swapOf(i: number, alt: SimResource | undefined): { swapMinutes: number; swapShare: number } {
    if (alt) return { swapMinutes: alt.minutes, swapShare: alt.shares.get(i) ?? 0 };
    const again = this.course.concepts[i]!.planned[0];
    return again ? { swapMinutes: again.minutes / 2, swapShare: (again.shares.get(i) ?? 0) / 2 } : { swapMinutes: 0, swapShare: 0 };
  }

  /** The alternative `substitute` would take: an unused one in the stated format, else the shortest unused. */
  private alternative(i: number): SimResource | undefined {
    const c = this.course.concepts[i]!;
    const used = this.coach[i]!.altUsed;
    let first: SimResource | undefined;
    for (let k = 0; k < c.alternatives.length && k < 30; k++) {
      if (used & (1 << k)) continue;
      const r = c.alternatives[k]!;
      if (r.typeIndex === this.learner.statedPreferred) return r;
      first ??= r;
    }
    return first;
  }

  private weakestPrereq(i: number): number {
    let best = -1;
    for (const q of this.course.concepts[i]!.prereqs) if (best < 0 || this.coach[q]!.p < this.coach[best]!.p) best = q;
    return best;
  }

  /** Planned resources already studied (for another concept) count as studied. */
  private skipStudied(i: number): void {
    const c = this.course.concepts[i]!;
    const cc = this.coach[i]!;
    while (cc.plannedDone < c.planned.length && this.studiedResources.has(c.planned[cc.plannedDone]!.key)) cc.plannedDone++;
  }

  /**
   * Studies r (a repeat: half the minutes and half the effect on the learner).
   * The coach, told it is finished, moves its belief in every concept r
   * teaches by its study step (src/coach/flows/today.ts `studied`), repeat or
   * not: the coach applies it whenever a resource is finished.
   */
  private studyResource(i: number, r: SimResource, repeat: boolean): void {
    this.steps++;
    this.coach[i]!.studied++;
    this.studiedResources.add(r.key);
    for (const [k, learn] of r.coachLearn) {
      const cc = this.coach[k]!;
      cc.p = transition(cc.p, { ...this.course.concepts[k]!.coach, learn, forget: 0 });
    }
    study(this.learner, this.course, r, this.rng, repeat);
    this.spend(repeat ? r.minutes / 2 : r.minutes);
  }

  private moveOn(): void {
    this.spend(MOVE_MINUTES);
    this.visitAttempts = 0;
    this.visitHints = 0;
    this.visitSubstitutes = 0;
    this.visitRemediations = 0;
    this.pos++;
    if (this.pos < this.queue.length) return;
    this.pass++;
    this.pos = 0;
    // A whole pass with nothing studied or asked: nothing more to do today, so the learner comes back tomorrow (no minutes spent).
    if (this.steps === this.stepsAtPassStart) {
      this.idlePasses++;
      this.newSession();
      if (this.idlePasses >= MAX_IDLE_PASSES) this.done = true;
    } else this.idlePasses = 0;
    this.stepsAtPassStart = this.steps;
    this.queue = this.opts.revisit === 'all' ? this.course.concepts.map((_, k) => k) : this.course.concepts.map((_, k) => k).filter((k) => !this.verdict(k).mastered);
    if (this.queue.length === 0) this.done = true;
  }

  private newSession(): void {
    this.session++;
    this.sessionMinutes = 0;
    sessionBreak(this.learner, this.rng);
  }

  /** Spends minutes; crossing into a new session (a new day) lets the learner forget. */
  private spend(minutes: number): void {
    this.minutes += minutes;
    this.sessionMinutes += minutes;
    this.checkAllKnown();
    const len = this.learner.variant.sessionMinutes;
    if (this.sessionMinutes >= len) {
      this.session += Math.floor(this.sessionMinutes / len);
      this.sessionMinutes %= len;
      sessionBreak(this.learner, this.rng);
    }
  }

  private checkAllKnown(): void {
    if (this.masteryMinutes === null && this.learner.knownCount === this.course.concepts.length) {
      this.masteryMinutes = this.minutes;
      this.masterySteps = this.steps;
    }
  }
}

/** The k-th newest answer from the packed two-bit history: 1 right, −1 wrong, 0 none. */
function decode(packed: number, k: number): number {
  const v = (packed >> (2 * k)) & 3;
  return v === 1 ? 1 : v === 2 ? -1 : 0;
}
