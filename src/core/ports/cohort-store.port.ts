/**
 * The cohort store: cohorts (a team bound to one channel, with leads and an
 * optional shared goal) and who belongs to them. Additive next to the
 * {@link LearnerStore}; the embedded nedb implementation and any production
 * one pass test/contracts/cohort-store.contract.ts.
 *
 * Ids: `cohortId` is opaque and safe in a job key; `channelKey` is
 * `${platform}:${workspace}:${channel}` and unique (one cohort per channel);
 * learner ids are the LearnerStore's. Values are plain data, never query
 * operators.
 */
import type { ConversationRef } from '../chat/messages.ts';

export interface CohortSchedule {
  /** Day of the week for the summary, 0 = Sunday … 6 = Saturday, in `timezone`. */
  weekday: number;
  /** Local hour 0-23. */
  hour: number;
  /** IANA zone name (the lead's when the cohort was created). */
  timezone: string;
}

export interface CohortRecord {
  cohortId: string;
  channelKey: string;
  /** Where the summary is posted (the channel; `user` is the creating lead). */
  channel: ConversationRef;
  name: string;
  /** A graph node id the cohort works toward, or null. */
  goal: string | null;
  /** Learner ids granted the lead role for this cohort (the creator first). */
  leads: string[];
  schedule: CohortSchedule;
  createdAt: string;
}

export interface MembershipRecord {
  cohortId: string;
  learnerId: string;
  joinedAt: string;
  /** Opt-in: the member agrees to be named (milestones) and shown individually to leads. Off by default. */
  shareProgress: boolean;
}

export interface CohortStore {
  /** Creates a cohort; fails with code COHORT_EXISTS when its channel already has one. */
  createCohort(cohort: CohortRecord): Promise<void>;
  getCohort(cohortId: string): Promise<CohortRecord | null>;
  cohortByChannel(channelKey: string): Promise<CohortRecord | null>;
  /** Cohort ids in a stable order, paged (the reconciler re-arms every summary from these). Optional, additive. */
  listCohortIds?(after: string | null, limit: number): Promise<string[]>;
  /** Replaces the cohort's record (leads, goal, schedule). */
  putCohort(cohort: CohortRecord): Promise<void>;
  /** Removes the cohort and all its memberships. */
  deleteCohort(cohortId: string): Promise<void>;

  /** Adds or replaces a membership (one per cohort and learner). */
  putMembership(m: MembershipRecord): Promise<void>;
  getMembership(cohortId: string, learnerId: string): Promise<MembershipRecord | null>;
  /** Returns whether there was one to remove. */
  removeMembership(cohortId: string, learnerId: string): Promise<boolean>;
  /** Members of a cohort in a stable order (by learner id), paged. */
  listMembers(cohortId: string, after: string | null, limit: number): Promise<MembershipRecord[]>;
  /** The learner's memberships, in every cohort. */
  membershipsOf(learnerId: string): Promise<MembershipRecord[]>;

  /** forget-me: removes the learner's memberships and lead grants. Returns how many records changed. */
  forgetLearner(learnerId: string): Promise<number>;
  close(): Promise<void>;
}

export const COHORT_EXISTS = 'COHORT_EXISTS';
