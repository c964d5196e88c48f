/**
 * One turn of the conversation: the learner's record as a draft the flows
 * change, the services they may use, and the side effects to run once the
 * draft is saved (attempts, cards, schedules). The coach saves the draft with
 * an optimistic version check first, so a conflicting turn is retried before
 * any effect has happened.
 */
import type { TeachingPolicy } from '../core/sim/policies.ts';
import type { ConversationRef } from '../core/chat/messages.ts';
import type { KnowledgeGraph } from '../core/graph/types.ts';
import type { Clock } from '../core/ports/clock.port.ts';
import type { LearnerRecord, LearnerStore } from '../core/ports/learner-store.port.ts';
import type { CohortStore } from '../core/ports/cohort-store.port.ts';
import type { CareerCatalogue } from '../core/career/occupation.ts';
import type { Scheduler } from '../core/ports/scheduler.port.ts';
import type { Rng } from '../core/random.ts';
import type { CommandDefinition } from './command.ts';
import type { GoalUnderstanding, PlanFn } from './engines.ts';
import type { BktParams } from '../core/kt/bkt.ts';
import type { ChatGateway } from '../core/ports/chat.port.ts';
import type { Logger } from './logger.ts';
import type { MasteryRule } from '../core/kt/mastery-rule.ts';
import type { ReviewParamFitter } from '../core/ports/review-fitter.port.ts';
import type { BanditState } from '../core/bandit/resource-bandit.ts';

export interface CoachServices {
  graph: KnowledgeGraph;
  store: LearnerStore;
  /** Cohorts and memberships; absent on engines without one (cohort commands then say so). */
  cohorts?: CohortStore;
  scheduler: Scheduler;
  /** O*NET occupations and the technology mapping, read on first call; absent: career questions say so. */
  careers?: () => CareerCatalogue;
  clock: Clock;
  rng: Rng;
  plan: PlanFn;
  goals: GoalUnderstanding;
  /** BKT parameters for a concept. */
  bktParams: (conceptId: string) => BktParams;
  masteryThreshold: number;
  /** Evidence the coach needs besides the belief (distinct items, sittings); default: {@link DEFAULT_MASTERY_RULE} at `masteryThreshold`. */
  masteryRule?: MasteryRule;
  /** Wrong answers in a row on one concept before the coach steps in. */
  remediateAfter: number;
  /** The learned teaching policy, asked after a miss (flows/policy-advice.ts); without it the rules alone decide. */
  teachingPolicy?: TeachingPolicy;
  /** Zone to propose at onboarding (the platform's, or the machine's for the terminal). */
  defaultTimezone: (from: ConversationRef) => string;
  /** Where a turn may send a note to someone else (a member a lead assessed), once per key; absent: they see it at their next `profile`. */
  gateway?: ChatGateway;
  /** For what a turn's own effects could not do (a note that did not go out). */
  log?: Logger;
  /** Fits a learner's FSRS parameters once they have 300 answers (flows/review-params.ts); absent: everyone keeps the defaults. */
  reviewFitter?: ReviewParamFitter;
  /** A fit failed (the learner keeps what they had); for the log. */
  onReviewFitFailed?: (learnerId: string, err: unknown) => void;
  /** forget-me: deletes what the platform adapter saved on disk for the learner (exports, charts). */
  forgetFiles?: (learnerId: string) => Promise<void>;
  /** forget-me could not finish (it will on the next start); for the log. */
  onForgetFailed?: (learnerId: string, err: unknown) => void;
}

export class TurnContext {
  private readonly records: (() => Promise<void>)[] = [];
  private readonly effects: (() => Promise<void>)[] = [];
  private readonly finalEffects = new Map<string, () => Promise<void>>();
  /** Set by forget-me: the record is not saved, and effects delete it. */
  deleted = false;
  /** What the platform says about the person this turn (set by the coach from the event). */
  roles: { admin?: boolean } = {};
  /** Said in a shared channel rather than a DM. */
  inChannel = false;
  /** The workspace's resource bandits by concept, read at the start of the turn (flows/resource-evidence.ts); null: not read. */
  bandits: Map<string, BanditState> | null = null;

  constructor(
    readonly services: CoachServices,
    readonly learner: LearnerRecord,
    readonly from: ConversationRef,
    readonly now: Date,
    readonly commands: readonly CommandDefinition[],
  ) {}

  get learnerId(): string {
    return this.learner.learnerId;
  }

  /**
   * Queues a record of what happened (a quiz attempt) to write *before* the
   * learner's record: if it fails, nothing of the turn is saved. It must be
   * safe to write twice (a retried turn writes it again).
   */
  record(write: () => Promise<void>): void {
    this.records.push(write);
  }

  /** Writes the queued records, in order (called by the coach before the learner's record). */
  async runRecords(): Promise<void> {
    for (const w of this.records.splice(0)) await w();
  }

  /** Queues work to run after the learner's record is saved. */
  after(effect: () => Promise<void>): void {
    this.effects.push(effect);
  }

  /** Queues work to run once, after all other effects (e.g. rescheduling the review prompt). */
  afterAll(key: string, effect: () => Promise<void>): void {
    this.finalEffects.set(key, effect);
  }

  /** Runs the queued effects in order, then the final ones (called by the coach). */
  async runEffects(): Promise<void> {
    for (const e of this.effects.splice(0)) await e();
    const final = [...this.finalEffects.values()];
    this.finalEffects.clear();
    for (const e of final) await e();
  }
}
