/**
 * `/profile`: the learner's skills with their level and the evidence behind
 * each (quiz-assessed with the date, resources completed, self-reported,
 * assessed by a lead), and how far they are into each career level of their
 * goals ("3 of 5 junior data analyst skills at the level the role needs").
 * How the sources combine into one level: src/core/career/skills-profile.ts.
 */
import { mentionUser, textParts, type Reply, type TextPart } from '../../core/chat/messages.ts';
import { claimsOf, levelProgress, levelSentence, skillsProfile, type LevelProgress, type Skill, type SkillSource } from '../../core/career/skills-profile.ts';
import type { LearnerRecord } from '../../core/ports/learner-store.port.ts';
import { masteryOf } from '../learner.ts';
import { buttons, commandButton, reply, say } from '../replies.ts';
import type { CoachServices, TurnContext } from '../turn.ts';

const MAX_SKILLS = 15;

/**
 * The combined skills profile of a record (mastery, finished steps, claims).
 * Quiz levels read the belief as the learner is shown it, held under the
 * threshold until the mastery rule's evidence is there, so `complete` means
 * mastered as everywhere else.
 */
export function skillsOf(services: CoachServices, learner: LearnerRecord): Skill[] {
  const mastery = Object.fromEntries(Object.entries(learner.mastery).map(([id, m]) => [id, { ...m, p: masteryOf(services, learner, id) }]));
  return skillsProfile(services.graph, { mastery, steps: learner.plan?.steps ?? [], claims: learner.claims, masteryThreshold: services.masteryThreshold });
}

/** The profile as plain data, for the reply and for `export`: skills, the claims behind them, and the goal's career levels. */
export function profileOf(ctx: TurnContext): { skills: Skill[]; claims: ReturnType<typeof claimsOf>; levels: ReturnType<typeof levelProgress> } {
  const skills = skillsOf(ctx.services, ctx.learner);
  return { skills, claims: claimsOf(ctx.learner), levels: levelProgress(ctx.services.graph, ctx.learner.goals, skills) };
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'date unknown');
/** The platform user id in a learner id (`platform:workspace:user`). */
const userOf = (learnerId: string) => learnerId.slice(learnerId.indexOf(':', learnerId.indexOf(':') + 1) + 1);

function evidence(s: SkillSource): TextPart[] {
  switch (s.kind) {
    case 'quiz':
      return [`quiz ${Math.round(s.p * 100)}% after ${s.attempts} answer${s.attempts === 1 ? '' : 's'} (${day(s.at)})`];
    case 'resource':
      return [`completed "${s.title}" (${s.level}, ${day(s.at)})`];
    case 'self':
      return [`self-reported ${s.level} ${s.via === 'career' ? 'in a career question' : 'at the self-check'} (${day(s.at)})`];
    case 'lead':
      return [`assessed ${s.level} by `, s.by ? mentionUser(userOf(s.by)) : 'a lead', ` (${day(s.at)})`];
  }
}

/** One line: the level, the evidence it comes from, then the rest beside it. */
function skillLine(s: Skill): TextPart[] {
  const [first, ...rest] = s.sources;
  const others = rest.flatMap((x, i) => (i === 0 ? evidence(x) : ['; ', ...evidence(x)]));
  return [`• ${s.title}: ${s.level} — `, ...evidence(first!), ...(others.length > 0 ? ['; also ', ...others] : [])];
}

/**
 * Per goal, the first career level not yet met in full (or the top one when
 * all are), as "🎯 3 of 5 junior data analyst skills at the level the role
 * needs", with what is still to reach when `detail`.
 */
export function roleLines(ctx: TurnContext, levels: readonly LevelProgress[], detail: boolean): string[] {
  const byGoal = new Map<string, LevelProgress[]>();
  for (const l of levels) byGoal.set(l.goal, [...(byGoal.get(l.goal) ?? []), l]);
  return [...byGoal.values()].map((ls) => {
    const next = ls.find((l) => l.missing.length > 0) ?? ls[ls.length - 1]!;
    const missing = next.missing.map((m) => `${ctx.services.graph.concepts.get(m.concept)?.title ?? m.concept} (${m.needs}${m.has && m.has !== 'none' ? `, now ${m.has}` : ''})`);
    return `🎯 ${levelSentence(next)}${detail && missing.length > 0 ? `; still to reach: ${missing.join(', ')}` : ''}.`;
  });
}

export function profileReply(ctx: TurnContext): Reply {
  const { skills, levels } = profileOf(ctx);
  if (skills.length === 0) {
    return reply(say('Your skills profile is empty so far: finish a task or answer a quiz and it fills in.'), buttons(commandButton("Today's task", 'today'), commandButton('Quiz me', 'quiz')));
  }
  const lines = skills.slice(0, MAX_SKILLS).flatMap((s) => ['\n', ...skillLine(s)]);
  const more = skills.length > MAX_SKILLS ? [`\n…and ${skills.length - MAX_SKILLS} more (all of them are in "export").`] : [];
  const roles = roleLines(ctx, levels, true);
  return reply(
    textParts(['🧭 Your skills (level — the evidence it comes from, then the rest; quiz answers outrank what was said):', ...lines, ...more]),
    roles.length > 0 ? say(roles.join('\n')) : null,
    buttons(commandButton('Progress', 'progress'), commandButton("Today's task", 'today')),
  );
}
