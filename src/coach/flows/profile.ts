/**
 * `/profile`: the learner's skills with their level and the evidence behind
 * each (quiz-assessed with the date, resources completed, self-reported),
 * and how far they are into each career level of their goals ("3 of 5
 * junior data analyst skills at the level the role needs").
 */
import type { Reply } from '../../core/chat/messages.ts';
import { levelProgress, levelSentence, skillsProfile, type Skill, type SkillSource } from '../../core/career/skills-profile.ts';
import { buttons, commandButton, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';

const MAX_SKILLS = 15;

/** The profile as plain data, for the reply and for `export`. */
export function profileOf(ctx: TurnContext): { skills: Skill[]; levels: ReturnType<typeof levelProgress> } {
  const { services, learner } = ctx;
  const skills = skillsProfile(services.graph, { mastery: learner.mastery, steps: learner.plan?.steps ?? [], masteryThreshold: services.masteryThreshold });
  return { skills, levels: levelProgress(services.graph, learner.goals, skills) };
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'date unknown');

function evidence(s: SkillSource): string {
  switch (s.kind) {
    case 'quiz':
      return `quiz ${Math.round(s.p * 100)}% after ${s.attempts} answer${s.attempts === 1 ? '' : 's'} (${day(s.at)})`;
    case 'resource':
      return `completed "${s.title}" (${s.level}, ${day(s.at)})`;
    case 'self':
      return `self-reported (${s.level}, ${day(s.at)})`;
    case 'lead':
      return `assessed by a lead (${s.level}, ${day(s.at)})`;
  }
}

export function profileReply(ctx: TurnContext): Reply {
  const { skills, levels } = profileOf(ctx);
  if (skills.length === 0) {
    return reply(say('Your skills profile is empty so far: finish a task or answer a quiz and it fills in.'), buttons(commandButton("Today's task", 'today'), commandButton('Quiz me', 'quiz')));
  }
  const lines = skills.slice(0, MAX_SKILLS).map((s) => `• ${s.title}: ${s.level} · ${s.sources.map(evidence).join('; ')}`);
  const more = skills.length > MAX_SKILLS ? [`…and ${skills.length - MAX_SKILLS} more (all of them are in "export").`] : [];
  // Per goal, the first level not yet met in full (or the top one when all are): what to aim for next.
  const byGoal = new Map<string, typeof levels>();
  for (const l of levels) byGoal.set(l.goal, [...(byGoal.get(l.goal) ?? []), l]);
  const roles = [...byGoal.values()].map((ls) => {
    const next = ls.find((l) => l.missing.length > 0) ?? ls[ls.length - 1]!;
    const missing = next.missing.map((m) => `${ctx.services.graph.concepts.get(m.concept)?.title ?? m.concept} (${m.needs})`);
    return `🎯 ${levelSentence(next)}${missing.length > 0 ? `; still to reach: ${missing.join(', ')}` : ''}.`;
  });
  return reply(say(`🧭 Your skills (level · evidence):\n${[...lines, ...more].join('\n')}`), roles.length > 0 ? say(roles.join('\n')) : null, buttons(commandButton('Progress', 'progress'), commandButton("Today's task", 'today')));
}
