/**
 * The learner's record: creating it on first contact, reading mastery with
 * priors, and the activity streak. Pure functions over plain data.
 */
import type { ConversationRef } from '../core/chat/messages.ts';
import type { ConceptMastery, LearnerRecord, PlanStepRecord } from '../core/ports/learner-store.port.ts';
import { localDate, previousDate } from '../core/schedule/daily-time.ts';
import type { CoachServices } from './turn.ts';

/** `${platform}:${workspace}:${user}`: one learner per person per workspace. */
export function learnerIdOf(ref: ConversationRef): string {
  return `${ref.platform}:${ref.workspace}:${ref.user}`;
}

export type OnboardingStep = 'goal' | 'assess' | 'minutes' | 'hour' | 'timezone' | 'done';

export function newLearner(ref: ConversationRef, now: Date, timezone: string): LearnerRecord {
  const at = now.toISOString();
  return {
    learnerId: learnerIdOf(ref),
    conversation: { ...ref },
    createdAt: at,
    updatedAt: at,
    version: 0,
    onboarding: 'goal' satisfies OnboardingStep,
    goals: [],
    settings: { timezone, dailyHour: 9, minutesPerDay: 30, preferredFormats: [], avoidedFormats: [], paused: false },
    mastery: {},
    plan: null,
    pending: null,
    stats: { minutesSpent: 0, streakDays: 0, lastActiveDay: null },
  };
}

/** P(L) for a concept: what was traced, or the concept's prior. */
export function masteryOf(services: CoachServices, learner: LearnerRecord, conceptId: string): number {
  return learner.mastery[conceptId]?.p ?? services.bktParams(conceptId).prior;
}

export function masteryRecord(learner: LearnerRecord, conceptId: string, p: number, at: string): ConceptMastery {
  return learner.mastery[conceptId] ?? { p, attempts: 0, correct: 0, wrongStreak: 0, updatedAt: at };
}

/** Every concept's P(L), for the planner. */
export function masteryMap(services: CoachServices, learner: LearnerRecord): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of services.graph.concepts.keys()) out[id] = masteryOf(services, learner, id);
  return out;
}

/**
 * Counts the learner active today (their local date): the streak grows by one
 * on the day after the last active day and restarts at 1 after a gap.
 */
export function touchActivity(learner: LearnerRecord, now: Date): void {
  const today = localDate(now, learner.settings.timezone);
  const s = learner.stats;
  if (s.lastActiveDay === today) return;
  s.streakDays = s.lastActiveDay === previousDate(today) ? s.streakDays + 1 : 1;
  s.lastActiveDay = today;
}

/** The first step not yet done. */
export function currentStep(learner: LearnerRecord): PlanStepRecord | null {
  return learner.plan?.steps.find((s) => s.status === 'todo') ?? null;
}
