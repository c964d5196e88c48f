/**
 * Which resource works, learned from the cohort (issue #19, item 6), in the
 * conversation. Per workspace (`${platform}:${workspace}`) and concept, a
 * Thompson-sampling bandit over the concept's resources
 * (src/core/bandit/resource-bandit.ts) whose evidence is kept through the
 * store port:
 *
 * - Outcome: when a learner finishes a resource, the quiz that follows it
 *   measures their mastery gain on the quizzed concept,
 *   g = max(0, P_after − P_before) / (1 − P_before), P_before the traced
 *   belief just before the resource's last share was marked done (before the
 *   study credit) and P_after the belief at the end of that quiz. g is added
 *   as one outcome; the bandit weighs it against the resource's minutes
 *   (mastery per minute). A learner counts once per concept toward the 20
 *   learners the bandit waits for (`evidenceConcepts` on their record), however
 *   many of its resources they finish.
 * - 👍/👎: then the coach asks whether the resource helped (buttons on Slack
 *   and Discord, typed in the terminal); an answer counts as a half-weight
 *   observation. Anything else typed moves on without one.
 * - Planner: with 20 or more learners' outcomes on a concept, each of its
 *   resources gets a cost factor p₀/p̃ with p̃ drawn from the posterior
 *   (Thompson sampling; src/core/plan/cost-model.ts k(r)); below 20 the
 *   planner's costs are as without any evidence.
 * - Chat: "learners like you found this one helpful" only when the evidence
 *   is there (20 learners, 10 on this resource, P(best per hour) ≥ 0.9).
 */
import type { Reply } from '../../core/chat/messages.ts';
import { banditCandidates, banditsFromOutcomes } from '../../core/bandit/candidates.ts';
import { evidenceIsThere, MIN_LEARNERS, sampledCostFactor, FEEDBACK_WEIGHT, type BanditState } from '../../core/bandit/resource-bandit.ts';
import type { ConversationRef } from '../../core/chat/messages.ts';
import type { LearnerStore } from '../../core/ports/learner-store.port.ts';
import { readPending, setPending } from '../pending.ts';
import { button, buttons, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { seededRng, textSeed, type Rng } from '../../core/random.ts';

export const RESOURCE_FEEDBACK = 'resource.feedback';

/** The line the chat adds when the cohort's evidence backs a resource. */
export const HELPFUL_LINE = '👥 Learners like you found this one helpful.';

/** What the quiz after a finished resource carries, to measure the gain at its end. */
export interface FinishedResource {
  resourceId: string;
  conceptId: string;
  /** P(known) of the concept just before the resource was marked finished. */
  before: number;
}

/** The bandit's workspace key: nothing crosses it. */
export function workspaceOf(ref: ConversationRef): string {
  return `${ref.platform}:${ref.workspace}`;
}

/** The workspace's bandits, one per concept with evidence (read once per turn by the coach). */
export async function loadBandits(store: LearnerStore, ref: ConversationRef): Promise<Map<string, BanditState>> {
  return banditsFromOutcomes(await store.resourceOutcomes(workspaceOf(ref)));
}

/**
 * Cost factors for the planner where the evidence is there: per resource,
 * the mean of its Thompson-drawn factor over the concepts it teaches that
 * have {@link MIN_LEARNERS} or more outcomes. Undefined below that.
 */
export function cohortFactors(ctx: TurnContext): Record<string, number> | undefined {
  const { graph } = ctx.services;
  const sums = new Map<string, { q: number; k: number }>();
  for (const [conceptId, state] of ctx.bandits ?? []) {
    if (state.learners < MIN_LEARNERS || !graph.concepts.has(conceptId)) continue;
    for (const c of banditCandidates(graph, conceptId)) {
      const s = sums.get(c.id) ?? { q: 0, k: 0 };
      s.q += sampledCostFactor(state, c, drawFor(ctx, conceptId));
      s.k += 1;
      sums.set(c.id, s);
    }
  }
  if (sums.size === 0) return undefined;
  return Object.fromEntries([...sums].map(([id, s]) => [id, s.q / s.k]));
}

/**
 * The random draws behind a learner's Thompson sample on a concept, the same
 * at every replan (seeded by learner and concept: the same quantiles of a
 * posterior that moves only as evidence comes in): a replan for another
 * reason (new minutes a day) does not move the learner to another resource
 * mid-way, and the "helpful" line does not come and go between two looks.
 * Learners still draw differently, which is what explores.
 */
function drawFor(ctx: TurnContext, conceptId: string): Rng {
  return seededRng(textSeed(`${ctx.learner.learnerId}\u0000${conceptId}`));
}

/** {@link HELPFUL_LINE} when the evidence backs `resourceId` for one of `concepts`, else null. */
export function helpfulLine(ctx: TurnContext, resourceId: string, concepts: readonly string[]): string | null {
  for (const conceptId of concepts) {
    const state = ctx.bandits?.get(conceptId);
    if (!state || state.learners < MIN_LEARNERS) continue;
    if (evidenceIsThere(state, banditCandidates(ctx.services.graph, conceptId), resourceId, drawFor(ctx, conceptId))) return HELPFUL_LINE;
  }
  return null;
}

/**
 * The quiz after a finished resource has ended: records the learner's gain
 * as one outcome (after the learner's record is saved, once per turn) and
 * asks whether the resource helped.
 */
export function resourceQuizEnded(ctx: TurnContext, done: FinishedResource, opts: { ask: boolean } = { ask: true }): Reply | null {
  const { graph, store } = ctx.services;
  const after = ctx.learner.mastery[done.conceptId]?.p ?? done.before;
  const gain = done.before >= 1 ? 0 : Math.min(1, Math.max(0, (after - done.before) / (1 - done.before)));
  const workspace = workspaceOf(ctx.learner.conversation);
  // One learner counts once per concept toward the bandit's 20, however many of its resources they finish; every gain still counts.
  const counted = ctx.learner.evidenceConcepts ?? [];
  const first = !counted.includes(done.conceptId);
  if (first) ctx.learner.evidenceConcepts = [...counted, done.conceptId];
  ctx.after(() => store.addResourceOutcome({ workspace, conceptId: done.conceptId, resourceId: done.resourceId, uses: first ? 1 : 0, n: 1, gain }));
  if (!opts.ask) return null;
  setPending(ctx.learner, { kind: 'resource-feedback', resourceId: done.resourceId, conceptId: done.conceptId });
  const title = graph.resources.get(done.resourceId)?.title ?? 'that resource';
  return reply(
    say(`Did ${title} help you? Your answer helps me pick resources for the people you learn with (👍 or 👎).`),
    buttons(button('👍 Helpful', RESOURCE_FEEDBACK, `${done.resourceId}|up`), button('👎 Not really', RESOURCE_FEEDBACK, `${done.resourceId}|down`)),
  );
}

/** A 👍/👎 answer (button value `<resourceId>|up|down`, or the typed word): recorded once, then thanks. */
export function answerFeedback(ctx: TurnContext, up: boolean, resourceId?: string): Reply {
  const p = readPending(ctx.learner);
  if (p?.kind !== 'resource-feedback' || (resourceId !== undefined && p.resourceId !== resourceId)) {
    return reply(say('Thanks! I already have your answer on that one.'));
  }
  const workspace = workspaceOf(ctx.learner.conversation);
  const { resourceId: r, conceptId } = p;
  ctx.after(() => ctx.services.store.addResourceOutcome({ workspace, conceptId, resourceId: r, uses: 0, n: FEEDBACK_WEIGHT, gain: up ? FEEDBACK_WEIGHT : 0 }));
  setPending(ctx.learner, null);
  return reply(say(up ? 'Thanks! Noted as helpful.' : "Thanks! Noted; I'll weigh that when I pick resources."));
}

/** Reads a typed 👍/👎: true (helpful), false (not), or null when the text is something else. */
export function parseFeedback(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (/^(👍|\+1|up|thumbs ?up|yes|yep|helpful|it helped|good)$/u.test(t)) return true;
  if (/^(👎|-1|down|thumbs ?down|no|nope|not helpful|not really|bad)$/u.test(t)) return false;
  return null;
}
