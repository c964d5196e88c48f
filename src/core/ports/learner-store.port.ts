/**
 * The learner store: everything Pathwise keeps about a learner. Embedded
 * (on-disk) and MongoDB implementations pass one contract suite
 * (test/contracts/learner-store.contract.ts).
 *
 * Ids: `learnerId` is `${platform}:${workspace}:${platformUserId}`, unique.
 * Every method takes plain data; values are never interpreted as query
 * operators (a learner may type `{"$gt": ""}` as their goal).
 */
import type { ConversationRef } from '../chat/messages.ts';
import type { Depth, ResourceType } from '../graph/types.ts';
import type { ReviewParams } from '../review/review-params.ts';

export interface LearnerSettings {
  /** IANA zone name, e.g. "Europe/Berlin" (never an offset: daylight saving). */
  timezone: string;
  /** Local hour 0-23 for the daily task. */
  dailyHour: number;
  minutesPerDay: number;
  preferredFormats: ResourceType[];
  avoidedFormats: ResourceType[];
  paused: boolean;
}

export interface ConceptMastery {
  /** P(L), the BKT belief that the concept is known. */
  p: number;
  attempts: number;
  correct: number;
  /** Consecutive wrong answers, for remediation. */
  wrongStreak: number;
  updatedAt: string;
  /** Answers that counted as mastery evidence (BKT observations); absent on records from before the mastery rule. */
  observed?: number;
  /** Distinct items answered right while they counted as evidence. */
  rightItems?: string[];
  /** Sittings with a right answer that counted, and when the latest began. */
  sittings?: number;
  sittingStartedAt?: string;
}

export interface PlanStepRecord {
  resourceId: string;
  concepts: string[];
  minutes: number;
  reason: string;
  status: 'todo' | 'done' | 'skipped';
  doneAt?: string;
  /** Where the learner is in a long resource (part index, minutes into it); absent before the first day's share. */
  progress?: { part: number; minute: number };
}

/** A skill level as a person states it: a teaching depth, or `none` ("not yet"). */
export type SkillLevel = Depth | 'none';

/**
 * A claim about one of the learner's skills that no quiz measured: the
 * learner's own (`self`: the self-check at setup, or skills they named in a
 * career question and confirmed) or a cohort lead's assessment (`lead`, with
 * the lead's learner id). One per concept, source and lead: a newer claim
 * replaces the older.
 */
export interface SkillClaimRecord {
  /** A concept id of the knowledge graph. */
  concept: string;
  level: SkillLevel;
  source: 'self' | 'lead';
  /** When it was made (ISO). */
  at: string;
  /** `lead`: the assessing lead's learner id. */
  by?: string;
  /** `self`: where it was said. */
  via?: 'self-check' | 'career';
}

export interface LearnerRecord {
  learnerId: string;
  conversation: ConversationRef;
  displayName?: string;
  createdAt: string;
  updatedAt: string;
  /** Incremented on every put; optimistic concurrency. */
  version: number;
  /** Where onboarding stands; "done" once finished. */
  onboarding: string;
  goals: string[];
  settings: LearnerSettings;
  mastery: Record<string, ConceptMastery>;
  plan: {
    createdAt: string;
    steps: PlanStepRecord[];
    totalCost: number;
    optimal: true | number;
    /** Resources the learner should not be given again (one that did not work for them). Optional; added for remediation. */
    excluded?: string[];
  } | null;
  /** Pending interaction state (e.g. goal candidates offered); small plain data. */
  pending: Record<string, unknown> | null;
  stats: { minutesSpent: number; streakDays: number; lastActiveDay: string | null };
  /**
   * The day's task last shown (its slice key and when) and the last "done", so "done" applies once, to what was shown;
   * and the local day a review question was last offered with it, so it is offered once a day.
   */
  today?: { shownKey?: string; shownAt?: string; doneAt?: string; reviewOfferedOn?: string };
  /**
   * Self-reported skills and lead assessments (the skills profile's claims).
   * Absent on records from before they were kept: the self-check is then
   * read back from the belief it left (src/core/career/skills-profile.ts).
   */
  claims?: SkillClaimRecord[];
  /** FSRS weights fitted to this learner's answers once they have 300 (core/review/review-params.ts); absent: the defaults. */
  reviewParams?: ReviewParams;
  /**
   * Concepts whose cohort resource evidence already counts this learner
   * (src/coach/flows/resource-evidence.ts): a second finished resource on one
   * concept adds its gain but not a second learner toward the 20 the bandit
   * waits for. Absent: none yet.
   */
  evidenceConcepts?: string[];
  /**
   * Whether this learner ever recorded a lead assessment of someone else
   * (`cohort assess`): forget-me unnames their assessments in other
   * learners' profiles only then, instead of reading every record. The
   * cohorts cannot tell: they list only current leads (grants go with
   * forget-me) and a workspace admin assesses without being one. New records
   * start with false; absent on records from before it was kept, which count
   * as maybe.
   */
  assessedOthers?: boolean;
}

export interface AttemptRecord {
  learnerId: string;
  itemId: string;
  conceptId: string;
  correct: boolean;
  at: string;
}

/** An FSRS card for one learner and one quiz item (fields as ts-fsrs `Card`, dates as ISO strings). */
export interface ReviewCardRecord {
  learnerId: string;
  itemId: string;
  conceptId: string;
  due: string;
  card: Record<string, unknown>;
}

export interface DeliveryRecord {
  /** Idempotency key, e.g. `daily:${learnerId}:${localDate}`. Unique. */
  key: string;
  learnerId: string;
  state: 'sending' | 'sent';
  /** When the send was claimed (ISO). */
  at: string;
  messageId?: string;
  /** `sending` only: until when the claim is held (ISO); past it another worker may settle or take it over. */
  leaseUntil?: string;
}

/**
 * What a workspace's learners got from one resource for one concept: the
 * evidence of the resource bandit (src/core/bandit). Counts only, no learner
 * in it, so forget-me leaves it (nothing in it is about one person).
 */
export interface ResourceOutcomeRecord {
  /** `${platform}:${workspace}`: nothing crosses workspaces. */
  workspace: string;
  conceptId: string;
  resourceId: string;
  /** Distinct learners whose mastery gain was recorded (per concept: a learner counts once over its resources). */
  uses: number;
  /** Weighted observations: a measured gain counts 1, a 👍/👎 its weight. */
  n: number;
  /** Weighted sum of gains, each in [0, 1]. */
  gain: number;
}

export interface LearnerStore {
  getLearner(learnerId: string): Promise<LearnerRecord | null>;
  /**
   * Creates (expectedVersion null) or replaces a learner. Fails with code
   * STORE_CONFLICT when the stored version differs from expectedVersion (or
   * the learner exists on create). Returns the stored record (version bumped).
   */
  putLearner(record: LearnerRecord, expectedVersion: number | null): Promise<LearnerRecord>;
  /** Learner ids in a stable order, paged; for re-scheduling and summaries. */
  listLearnerIds(after: string | null, limit: number): Promise<string[]>;

  /** Keeps one attempt per (learner, item, time): the same answer appended again (a retried turn) is a no-op. */
  appendAttempt(attempt: AttemptRecord): Promise<void>;
  /** The learner's most recent `limit` attempts (all without it), oldest first. */
  listAttempts(learnerId: string, limit?: number): Promise<AttemptRecord[]>;

  /**
   * Attempts made at or after `since` by any of `learnerIds`, in no particular
   * order: one query for a cohort's week (summaries). Optional, additive:
   * callers fall back to {@link listAttempts} per learner when a store lacks it.
   */
  attemptsSince?(since: Date, learnerIds: readonly string[]): Promise<AttemptRecord[]>;

  /** One card per learner and item; replaces. */
  putCard(card: ReviewCardRecord): Promise<void>;
  getCard(learnerId: string, itemId: string): Promise<ReviewCardRecord | null>;
  /** Cards due at or before `now`, earliest first. */
  dueCards(learnerId: string, now: Date, limit: number): Promise<ReviewCardRecord[]>;
  /** Earliest due date among the learner's cards, or null. */
  nextDue(learnerId: string): Promise<Date | null>;

  /** Returns the delivery with this key, or null. */
  getDelivery(key: string): Promise<DeliveryRecord | null>;
  /**
   * Claims a delivery: inserts `claim` (state `sending`, with a lease) only
   * when no record has its key, by an insert that fails on the unique key
   * (never check-then-act). Returns null when this call claimed it, else the
   * record that was there.
   */
  claimDelivery(claim: DeliveryRecord): Promise<DeliveryRecord | null>;
  /**
   * Replaces the `sending` record `seen` with `next` only while the stored
   * one is still `seen` (same state, `at` and `leaseUntil`): taking over an
   * expired claim, or ending one's own lease. Returns whether it did.
   */
  takeOverDelivery(seen: DeliveryRecord, next: DeliveryRecord): Promise<boolean>;
  /** Inserts or replaces a delivery record (state moves sending → sent). */
  putDelivery(delivery: DeliveryRecord): Promise<void>;
  /** Removes a delivery record (a send that failed, so the retry sends again). */
  deleteDelivery(key: string): Promise<void>;

  /**
   * Adds `delta`'s uses, n and gain to the stored counts of its workspace,
   * concept and resource (starting from zero), in one atomic step: two
   * learners finishing at once both count.
   */
  addResourceOutcome(delta: ResourceOutcomeRecord): Promise<void>;
  /** Every resource's counts in one workspace, in no particular order. */
  resourceOutcomes(workspace: string): Promise<ResourceOutcomeRecord[]>;

  /** Deletes everything stored about the learner (forget-me). Returns how many records went. */
  forgetLearner(learnerId: string): Promise<number>;
  close(): Promise<void>;
}
