/**
 * Career conversations, answered from O*NET (the catalogue the coach is
 * given): which occupations fit what the learner knows, how to move from the
 * occupation they have into one the roadmaps prepare for, and, for "I want a
 * better job", a few questions first. Every answer names its source, with
 * the credit O*NET's licence asks for, and offers to set a goal with a button
 * (the goal flow's own GOAL_PICK, so setting it works as everywhere else).
 */
import type { Reply } from '../../core/chat/messages.ts';
import { UserError } from '../../core/errors.ts';
import { careerMove, findOccupations, rankOccupations, technologiesIn, type KnownSkills } from '../../core/career/career-match.ts';
import { ONET_SOURCE, type CareerCatalogue } from '../../core/career/occupation.ts';
import { claimsOf, conceptsAtLeast } from '../../core/career/skills-profile.ts';
import { SELF_ASSESSMENT_PRIOR } from '../../core/kt/bkt.ts';
import { readPending, setPending, type CareerPending } from '../pending.ts';
import { saysUnsure } from '../intents.ts';
import { addClaim } from '../learner.ts';
import { button, buttons, commandButton, MAX_BUTTON_VALUE, merge, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { GOAL_PICK } from './goal.ts';
import { skillsOf } from './profile.ts';

/** Button: the answer to "what do you enjoy?" (value: data, web, ops or unsure). */
export const CAREER_LIKES = 'career-likes';
/** Button: "that's my occupation" among the close ones (value: O*NET-SOC code). */
export const CAREER_FROM = 'career-from';
/** Button: note the skills named in a career question as self-reported (value: `<core|overview|no>|<concept,concept…>`). */
export const CAREER_NOTE = 'career-note';

/** The goals each kind of work leads to, in the order they are offered. */
const FAMILIES: Record<'data' | 'web' | 'ops', { label: string; goals: string[] }> = {
  data: { label: 'Working with data and numbers', goals: ['data-analyst', 'data-scientist', 'machine-learning-engineer'] },
  web: { label: 'Building apps and websites', goals: ['frontend-developer', 'full-stack-developer', 'backend-developer'] },
  ops: { label: 'Keeping systems and servers running', goals: ['devops-engineer'] },
};

function catalogue(ctx: TurnContext): CareerCatalogue {
  const c = ctx.services.careers?.();
  if (!c) throw new UserError('NO_CAREERS', "I can't look at occupations here (no O*NET data is installed). Tell me what you want to learn instead.");
  return c;
}

/** P(L) per concept: the learner's mastery, with the concepts in `also` taken as known. */
function masteryWith(ctx: TurnContext, also: Iterable<string>): Record<string, number> {
  const m: Record<string, number> = Object.fromEntries(Object.entries(ctx.learner.mastery).map(([id, x]) => [id, x.p]));
  for (const c of also) m[c] = 1;
  return m;
}

/** Hours still to learn for a goal, planned by the real planner from what is known; null when no plan reaches it. */
function gapHours(ctx: TurnContext, known: Iterable<string>): (goalId: string) => number | null {
  const mastery = masteryWith(ctx, known);
  const s = ctx.learner.settings;
  return (goalId) => {
    try {
      const r = ctx.services.plan(ctx.services.graph, {
        goals: [goalId],
        mastery,
        masteryThreshold: ctx.services.masteryThreshold,
        preferences: { preferredFormats: s.preferredFormats, avoidedFormats: s.avoidedFormats, minutesPerDay: s.minutesPerDay },
      });
      return Math.round(r.totalMinutes / 6) / 10;
    } catch {
      return null; // No resources reach it from here: the answer says so rather than failing.
    }
  };
}

const hoursText = (h: number | null) => (h === null ? 'no path planned yet' : h === 0 ? 'nothing left to learn' : `about ${h >= 10 ? Math.round(h) : h} h to learn`);

/**
 * What the learner knows for career purposes: the technologies they named now
 * and the concepts those map to, plus every skill their stored profile puts
 * at `core` or above (quiz mastery, a lead's assessment, resources finished,
 * skills they reported), combined as `profile` shows them.
 */
function knownFrom(ctx: TurnContext, cat: CareerCatalogue, technologies: string[]): KnownSkills & { mapped: string[] } {
  const mapped = [...new Set(technologies.flatMap((t) => cat.mapping.concepts.get(t) ?? []).filter((c) => ctx.services.graph.concepts.has(c)))];
  const profiled = conceptsAtLeast(skillsOf(ctx.services, ctx.learner), 'core');
  return { technologies: new Set(technologies), concepts: new Set([...profiled, ...mapped]), mapped };
}

/**
 * After skills were named in a career question: offer to note the concepts
 * they map to as self-reported, at the level the learner picks (as the
 * self-check asks), unless they reported them already or answered quiz
 * questions on them. Null: nothing to ask.
 * A concept noted this way also starts from the belief the self-check's
 * answer would give, so the self-check does not ask about it again.
 */
function offerToNote(ctx: TurnContext, mapped: readonly string[]): Reply | null {
  // Already said, or already measured by quiz answers: nothing to note.
  const reported = new Set(claimsOf(ctx.learner).filter((c) => c.source === 'self').map((c) => c.concept));
  const fresh: string[] = [];
  for (const c of mapped) {
    // Button values are short: the concepts that fit, in the order named.
    if (reported.has(c) || (ctx.learner.mastery[c]?.attempts ?? 0) > 0 || `core|${[...fresh, c].join(',')}`.length > MAX_BUTTON_VALUE) continue;
    fresh.push(c);
  }
  if (fresh.length === 0) return null;
  const titles = fresh.map((c) => ctx.services.graph.concepts.get(c)!.title).join(', ');
  const ids = fresh.join(',');
  return reply(
    say(`Shall I note ${titles} in your skills profile as skills you have (self-reported)? Quizzes can confirm them later.`),
    buttons(button('Yes, I know them well', CAREER_NOTE, `core|${ids}`), button('Yes, a bit', CAREER_NOTE, `overview|${ids}`), button("No, don't note them", CAREER_NOTE, `no|${ids}`)),
  );
}

/** The answer to {@link offerToNote}: keeps each concept as a self-reported claim (via a career question). */
export function careerNote(ctx: TurnContext, value: string): Reply {
  const [level = '', list = ''] = value.split('|');
  const concepts = list.split(',').filter((c) => ctx.services.graph.concepts.has(c));
  if (!['core', 'overview', 'no'].includes(level) || concepts.length === 0) throw new UserError('BAD_ACTION', 'That button is not one of mine.');
  if (level === 'no') return reply(say("OK, I won't note them. Your profile keeps only what you tell me or show me in quizzes."));
  const at = ctx.now.toISOString();
  for (const concept of concepts) {
    addClaim(ctx.learner, { concept, level: level as 'core' | 'overview', source: 'self', at, via: 'career' });
    // What the self-check would have set, for a concept it has not asked about (it then skips it): the plan starts from there.
    ctx.learner.mastery[concept] ??= { p: SELF_ASSESSMENT_PRIOR[level === 'core' ? 'solid' : 'some'], attempts: 0, correct: 0, wrongStreak: 0, updatedAt: at };
  }
  const titles = concepts.map((c) => ctx.services.graph.concepts.get(c)!.title).join(', ');
  return reply(
    say(`Noted in your skills profile as self-reported (${level}): ${titles}. Career answers count them from now on; a quiz can confirm them ("quiz me on ${ctx.services.graph.concepts.get(concepts[0]!)!.title.replace(/\s*\(.*\)$/, '')}").`),
    buttons(commandButton('My profile', 'profile')),
  );
}

function source(): Reply {
  return reply(say(ONET_SOURCE));
}

function setGoalButtons(ctx: TurnContext, ids: readonly string[]): Reply {
  const unique = [...new Set(ids)].filter((id) => ctx.services.graph.goals.has(id)).slice(0, 3);
  return reply(buttons(...unique.map((id, i) => button(`Set goal: ${ctx.services.graph.goals.get(id)!.title}`, GOAL_PICK, id, i === 0 ? 'primary' : undefined))));
}

/** "what jobs can I get with Excel and SQL?" */
export function careerJobs(ctx: TurnContext, skillsText: string): Reply {
  const cat = catalogue(ctx);
  const technologies = technologiesIn(cat, skillsText);
  const known = knownFrom(ctx, cat, technologies);
  if (known.technologies.size === 0 && known.concepts.size === 0) {
    return reply(say(`I couldn't find a technology O*NET lists in "${skillsText.slice(0, 80)}". Name tools or skills, like "Excel and SQL" or "Python and Docker".`));
  }
  const fits = rankOccupations(ctx.services.graph, cat, known, gapHours(ctx, known.concepts), 4);
  if (fits.length === 0) return merge(reply(say('None of the computing and data occupations O*NET lists asks for those yet.')), source());
  const lines = fits.map((f, i) => {
    const goal = f.goals[0];
    const path = goal ? ` → our ${goal.title} goal: ${hoursText(goal.hours)}` : ' (no goal of ours prepares for it yet)';
    return `${i + 1}. ${f.title}: you have ${f.have.length} of its ${f.inDemand} in-demand technologies (${f.have.join(', ')})${path}`;
  });
  const named = technologies.length > 0 ? technologies.join(', ') : 'the skills your profile says you have';
  return merge(
    reply(say(`Occupations that ask for ${named}, closest first:\n${lines.join('\n')}`)),
    source(),
    setGoalButtons(
      ctx,
      fits.flatMap((f) => f.goals.map((g) => g.id)),
    ),
    offerToNote(ctx, known.mapped),
  );
}

/** "I'm a teacher, how do I move into tech?" */
export function careerFrom(ctx: TurnContext, fromText: string): Reply {
  const cat = catalogue(ctx);
  const found = findOccupations(cat, fromText);
  if (found.length === 0) {
    return reply(say(`I couldn't find "${fromText.slice(0, 60)}" among O*NET's occupations. Tell me the tools you use instead: "what jobs can I get with Excel and SQL?"`));
  }
  const [first, ...rest] = found;
  const r = careerMoveFrom(ctx, cat, first!.occupation.code);
  // Said exactly and nothing else said as exactly ("accountant"): no need to ask; "teacher" is many occupations.
  if (rest.length === 0 || (first!.exact && !rest.some((f) => f.exact))) return r;
  return merge(r, reply(say('Not the right occupation? Closest others:'), buttons(...rest.map((f) => button(f.occupation.title, CAREER_FROM, f.occupation.code)))));
}

/** The move from one occupation (by O*NET code), for the text above and the CAREER_FROM button. */
export function careerMoveFrom(ctx: TurnContext, cat: CareerCatalogue, code: string): Reply {
  const from = cat.occupations.get(code) ?? cat.others.get(code);
  if (!from) throw new UserError('BAD_ACTION', 'I no longer know that occupation. Tell me what you do in your own words.');
  const move = careerMove(ctx.services.graph, cat, from, gapHours(ctx, knownFrom(ctx, cat, []).concepts));
  const related = move.related.length > 0 ? `O*NET lists these as related to ${from.title}: ${move.related.map((r) => r.title).join('; ')}.` : '';
  const lines = move.goals.map((g, i) => `${i + 1}. ${g.title}: ${g.carries.length > 0 ? `carries over ${g.carries.join(', ')}` : 'a fresh start'}; ${hoursText(g.hours)}`);
  return merge(
    reply(say(`From ${from.title} into tech. ${related}\nWhere what you already use carries over:\n${lines.join('\n')}`)),
    source(),
    setGoalButtons(
      ctx,
      move.goals.map((g) => g.id),
    ),
  );
}

const QUESTIONS = {
  now: 'Happy to help with your career. First: what do you do now? (your job title, "student", or "skip")',
  likes: 'Which sounds most like you?',
  skills: 'Last one: which tools or skills do you already use? For example "Excel and SQL", or "none".',
} as const;

function askLikes(): Reply {
  return reply(
    say(QUESTIONS.likes),
    buttons(...(Object.entries(FAMILIES) as [keyof typeof FAMILIES, (typeof FAMILIES)[keyof typeof FAMILIES]][]).map(([k, f]) => button(f.label, CAREER_LIKES, k)), button('Not sure yet', CAREER_LIKES, 'unsure')),
  );
}

/** "I want a better job": starts the questions. */
export function careerOpen(ctx: TurnContext): Reply {
  catalogue(ctx);
  setPending(ctx.learner, { kind: 'career', step: 'now' });
  return reply(say(QUESTIONS.now));
}

/** A typed answer to the open question; null when the text is not one (a command passes through). */
export function careerAnswer(ctx: TurnContext, text: string): Reply | null {
  const p = readPending(ctx.learner);
  if (p?.kind !== 'career') return null;
  if (p.step === 'now') {
    // "I don't know", "idk", "no idea" is no job title (it was once kept as one and looked up among O*NET's occupations): a skip.
    const none = /^(skip|none|nothing|no)$/i.test(text.trim()) || saysUnsure(text);
    setPending(ctx.learner, { ...p, step: 'likes', ...(none ? {} : { now: text.slice(0, 200) }) });
    return none && saysUnsure(text) ? merge(reply(say("That's fine, we'll go without it.")), askLikes()) : askLikes();
  }
  if (p.step === 'likes') {
    const t = text.toLowerCase();
    const likes = saysUnsure(text) ? 'unsure' : /data|number|analy|statist|machine|ml|ai\b/.test(t) ? 'data' : /web|app|site|build|front|back|code/.test(t) ? 'web' : /server|system|ops|cloud|infra/.test(t) ? 'ops' : /not sure|unsure|don'?t know|no idea/.test(t) ? 'unsure' : null;
    if (!likes) return askLikes();
    return careerLikes(ctx, likes);
  }
  return proposeGoals(ctx, p, text);
}

/** The answer to "which sounds most like you?" (button or text). */
export function careerLikes(ctx: TurnContext, value: string): Reply {
  const p = readPending(ctx.learner);
  if (p?.kind !== 'career') return reply(say('That question is closed. Say "I want a better job" to start again.'));
  if (!['data', 'web', 'ops', 'unsure'].includes(value)) throw new UserError('BAD_ACTION', 'That button is not one of mine.');
  setPending(ctx.learner, { ...p, step: 'skills', likes: value as CareerPending['likes'] });
  return reply(say(QUESTIONS.skills));
}

/** The proposal: goals of the kind of work they like, ranked by what carries over from their job and tools, with hours. */
function proposeGoals(ctx: TurnContext, p: CareerPending, skillsText: string): Reply {
  const cat = catalogue(ctx);
  setPending(ctx.learner, null);
  const technologies = /^(none|nothing|no|skip)$/i.test(skillsText.trim()) || saysUnsure(skillsText) ? [] : technologiesIn(cat, skillsText);
  const occupation = p.now ? findOccupations(cat, p.now)[0]?.occupation : undefined;
  const uses = new Set([...technologies, ...(occupation ? occupation.technologies.map((t) => (typeof t === 'string' ? t : t.name)) : [])]);
  const known = knownFrom(ctx, cat, [...uses]);
  const family = p.likes && p.likes !== 'unsure' ? FAMILIES[p.likes].goals : Object.values(FAMILIES).flatMap((f) => f.goals);
  const pseudo = { code: occupation?.code ?? '00-0000.00', title: occupation?.title ?? 'you', jobZone: null, alternateTitles: [], technologies: [...uses], related: occupation?.related ?? [] };
  const move = careerMove(ctx.services.graph, cat, pseudo, gapHours(ctx, known.concepts), 10);
  const goals = move.goals.filter((g) => family.includes(g.id)).slice(0, 3);
  if (goals.length === 0) return merge(reply(say('I have no goals for that kind of work yet. Tell me what you want to learn in your own words.')), source());
  const lines = goals.map((g, i) => `${i + 1}. ${g.title}: ${hoursText(g.hours)}${g.carries.length > 0 ? `; what carries over: ${g.carries.join(', ')}` : ''}`);
  const start = occupation ? `Starting from ${occupation.title}` : 'From what you told me';
  const said = knownFrom(ctx, cat, technologies).mapped;
  return merge(reply(say(`${start}, these goals fit best:\n${lines.join('\n')}`)), source(), setGoalButtons(ctx, goals.map((g) => g.id)), offerToNote(ctx, said));
}
