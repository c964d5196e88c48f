/**
 * The learner's record: creating it on first contact, reading mastery with
 * priors, and the activity streak. Pure functions over plain data.
 */
import type { ConversationRef } from '../core/chat/messages.ts';
import type { ConceptMastery, LearnerRecord, PlanStepRecord, SkillClaimRecord } from '../core/ports/learner-store.port.ts';
import { claimsOf, withClaim } from '../core/career/skills-profile.ts';
import { localDate, previousDate } from '../core/schedule/daily-time.ts';
import type { CoachServices } from './turn.ts';
import { DEFAULT_MASTERY_RULE, judgeMastery, shownBelief, type MasteryRule, type MasteryVerdict } from '../core/kt/mastery-rule.ts';

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
    assessedOthers: false,
  };
}

/** The mastery rule in force: the configured threshold with the default evidence requirements. */
export function masteryRuleOf(services: CoachServices): MasteryRule {
  return services.masteryRule ?? { ...DEFAULT_MASTERY_RULE, threshold: services.masteryThreshold };
}

/** Whether the concept is mastered by the rule (belief and evidence), and what is missing. */
export function masteryVerdict(services: CoachServices, learner: LearnerRecord, conceptId: string): MasteryVerdict {
  const m = learner.mastery[conceptId];
  const c = services.graph.concepts.get(conceptId);
  const p = m?.p ?? services.bktParams(conceptId).prior;
  return judgeMastery({ p, rightItems: m?.rightItems ?? [], sittings: m?.sittings ?? 0 }, { difficulty: c?.difficulty ?? 3, quizSize: c?.quiz.length ?? 0 }, masteryRuleOf(services));
}

/**
 * P(L) for a concept as the learner is shown it and the planner reads it:
 * the traced belief (or the concept's prior), held under the threshold until
 * the mastery rule's evidence is there (src/core/kt/mastery-rule.ts).
 */
export function masteryOf(services: CoachServices, learner: LearnerRecord, conceptId: string): number {
  const p = learner.mastery[conceptId]?.p ?? services.bktParams(conceptId).prior;
  return shownBelief(p, masteryVerdict(services, learner, conceptId), masteryRuleOf(services));
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
 * on the day after the last active day and restarts at 1 after a gap. A last
 * active day after today (counted in a zone ahead of the learner's new one,
 * e.g. Tokyo's Monday before flying to Los Angeles's Sunday) is already
 * counted: nothing restarts, and the day never goes back.
 */
export function touchActivity(learner: LearnerRecord, now: Date): void {
  const today = localDate(now, learner.settings.timezone);
  const s = learner.stats;
  if (s.lastActiveDay !== null && s.lastActiveDay >= today) return;
  s.streakDays = s.lastActiveDay === previousDate(today) ? s.streakDays + 1 : 1;
  s.lastActiveDay = today;
}

/** The first step not yet done. */
export function currentStep(learner: LearnerRecord): PlanStepRecord | null {
  return learner.plan?.steps.find((s) => s.status === 'todo') ?? null;
}

/**
 * Keeps a claim about one of the learner's skills (self-reported or a lead's),
 * replacing their earlier one of the same source; a record from before
 * claims were kept first gets the ones inferred from its self-check.
 */
export function addClaim(learner: LearnerRecord, claim: SkillClaimRecord): void {
  learner.claims = withClaim(claimsOf(learner), claim);
}
