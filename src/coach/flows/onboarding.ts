/**
 * First contact: goal → a short self-assessment (sets BKT priors) → minutes
 * per day → daily hour → time zone (proposed from the platform or the
 * machine, confirmed) → the plan and today's task. The step lives in
 * `LearnerRecord.onboarding`; each step takes a button or free text.
 */
import { plural } from '../../core/text/wording.ts';
import type { Reply } from '../../core/chat/messages.ts';
import { SELF_ASSESSMENT_PRIOR, type SelfAssessment } from '../../core/kt/bkt.ts';
import type { SkillLevel } from '../../core/ports/learner-store.port.ts';
import { isValidTimeZone } from '../../core/schedule/daily-time.ts';
import { addClaim, type OnboardingStep } from '../learner.ts';
import { readPending, setPending } from '../pending.ts';
import { button, buttons, merge, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { goalConcepts, goalMenu } from './goal.ts';
import { conceptTitle, planReply, replan } from './planning.ts';
import { scheduleDaily } from './review-schedule.ts';
import { todayReply } from './today.ts';
import { askQuestion, startPlacement } from './quiz.ts';

export const ASSESS = 'setup.assess';
export const SET_MINUTES = 'setup.minutes';
export const SET_HOUR = 'setup.hour';
export const SET_TIMEZONE = 'setup.timezone';

const ASSESS_MAX = 3;
/** The self-check's answers as skill levels in the profile. */
const SELF_REPORTED: Record<SelfAssessment, SkillLevel> = { none: 'none', some: 'overview', solid: 'core' };

export function welcome(ctx: TurnContext): Reply {
  return merge(
    reply(
      say(
        "👋 Hi, I'm Pathwise, your learning coach. Tell me what you want to learn, in your own words " +
          '(e.g. "I want to become a data scientist" or "learn docker"), and I\'ll plan a path of real resources, ' +
          'quiz you as you go, and bring things back for review before you forget them.',
      ),
    ),
    goalMenu(ctx),
  );
}

function setStep(ctx: TurnContext, step: OnboardingStep): void {
  ctx.learner.onboarding = step;
}

/** The foundations of the goal first: the concepts with the fewest prerequisites, easiest first. */
export function startAssessment(ctx: TurnContext): Reply {
  const g = ctx.services.graph;
  const depth = (id: string) => goalConcepts(g, [id]).size;
  const queue = [...goalConcepts(g, ctx.learner.goals)]
    .filter((id) => !ctx.learner.mastery[id])
    .sort((a, b) => depth(a) - depth(b) || g.concepts.get(a)!.difficulty - g.concepts.get(b)!.difficulty || a.localeCompare(b))
    .slice(0, ASSESS_MAX);
  setStep(ctx, 'assess');
  if (queue.length === 0) return askMinutes(ctx);
  setPending(ctx.learner, { kind: 'assess', queue });
  return merge(reply(say(`A quick self-check (${plural(queue.length, 'question')}) so I don't teach you what you already know.`)), askAssessment(ctx, queue[0]!));
}

function askAssessment(ctx: TurnContext, conceptId: string): Reply {
  return reply(
    say(`How well do you know ${conceptTitle(ctx, conceptId)}?`),
    buttons(
      button('Not at all', ASSESS, `${conceptId}|none`),
      button('A bit', ASSESS, `${conceptId}|some`),
      button('Well', ASSESS, `${conceptId}|solid`),
      button('Skip the rest', ASSESS, '|skip'),
    ),
  );
}

export async function answerAssessment(ctx: TurnContext, value: string): Promise<Reply> {
  const p = readPending(ctx.learner);
  if (p?.kind !== 'assess') return reply(say('That self-check is over.'));
  const [conceptId, level] = value.split('|') as [string, string | undefined];
  if (level === 'skip') {
    setPending(ctx.learner, null);
    return askMinutes(ctx);
  }
  if (conceptId !== p.queue[0] || !level || !(level in SELF_ASSESSMENT_PRIOR)) return askAssessment(ctx, p.queue[0]!);
  const prior = SELF_ASSESSMENT_PRIOR[level as SelfAssessment];
  ctx.learner.mastery[conceptId] = { p: prior, attempts: 0, correct: 0, wrongStreak: 0, updatedAt: ctx.now.toISOString() };
  // The answer is also a self-report in the skills profile ("not at all" only replaces an earlier claim, e.g. from a career question).
  const said = SELF_REPORTED[level as SelfAssessment];
  if (said !== 'none' || ctx.learner.claims?.some((c) => c.concept === conceptId && c.source === 'self')) {
    addClaim(ctx.learner, { concept: conceptId, level: said, source: 'self', at: ctx.now.toISOString(), via: 'self-check' });
  }
  const queue = p.queue.slice(1);
  // "A bit" or "Well" is checked: a short placement quiz whose answers set where the learner starts.
  const concept = ctx.services.graph.concepts.get(conceptId);
  if (level !== 'none' && concept && concept.quiz.length > 0) return startPlacement(ctx, conceptId, queue);
  return continueAssessment(ctx, queue);
}

/** The next self-check question, or on to the minutes once none is left. */
export function continueAssessment(ctx: TurnContext, queue: readonly string[]): Reply {
  if (queue.length > 0) {
    setPending(ctx.learner, { kind: 'assess', queue: [...queue] });
    return askAssessment(ctx, queue[0]!);
  }
  setPending(ctx.learner, null);
  return askMinutes(ctx);
}

function askMinutes(ctx: TurnContext): Reply {
  setStep(ctx, 'minutes');
  return reply(
    say('How much time can you give it on a typical day?'),
    buttons(...[15, 30, 45, 60, 90].map((m) => button(`${m} min`, SET_MINUTES, String(m)))),
  );
}

function askHour(ctx: TurnContext): Reply {
  setStep(ctx, 'hour');
  return reply(
    say('At what hour should I send your daily task? Pick one or type an hour (0-23, or like "7pm").'),
    buttons(...[8, 12, 18, 20].map((h) => button(`${String(h).padStart(2, '0')}:00`, SET_HOUR, String(h)))),
  );
}

function askTimezone(ctx: TurnContext): Reply {
  setStep(ctx, 'timezone');
  const tz = ctx.learner.settings.timezone;
  return reply(
    say(`Your time zone looks like ${tz}. Is that right? If not, type yours (e.g. Europe/Berlin, America/New_York).`),
    buttons(button(`Yes, ${tz}`, SET_TIMEZONE, tz, 'primary')),
  );
}

export function parseMinutes(text: string): number | null {
  const m = /^(\d{1,3})\s*(m|min|mins|minutes?)?$/i.exec(text.trim());
  const n = m ? Number(m[1]) : NaN;
  return n >= 5 && n <= 600 ? n : null;
}

export function parseHour(text: string): number | null {
  const m = /^(\d{1,2})(?::00)?\s*(am|pm|h)?$/i.exec(text.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const ampm = m[2]?.toLowerCase();
  if (ampm === 'am' || ampm === 'pm') {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (ampm === 'pm' ? 12 : 0);
  }
  return h >= 0 && h <= 23 ? h : null;
}

export function setMinutes(ctx: TurnContext, value: string): Reply {
  const m = parseMinutes(value);
  if (m === null) return merge(reply(say('Please pick one, or type a number of minutes between 5 and 600.')), askMinutes(ctx));
  ctx.learner.settings.minutesPerDay = m;
  return ctx.learner.onboarding === 'minutes' ? askHour(ctx) : reply(say(`Minutes per day: ${m}.`));
}

export function setHour(ctx: TurnContext, value: string): Reply {
  const h = parseHour(value);
  if (h === null) return merge(reply(say('Please pick one, or type an hour from 0 to 23 (or like "7pm").')), askHour(ctx));
  ctx.learner.settings.dailyHour = h;
  return ctx.learner.onboarding === 'hour' ? askTimezone(ctx) : reply(say(`Daily hour: ${h}:00.`));
}

export function setTimezone(ctx: TurnContext, value: string): Reply {
  const tz = value.trim();
  if (!isValidTimeZone(tz)) {
    return reply(say("I don't know that time zone. Use a name like Europe/Berlin, America/New_York or Asia/Tokyo."), buttons(button(`Keep ${ctx.learner.settings.timezone}`, SET_TIMEZONE, ctx.learner.settings.timezone)));
  }
  ctx.learner.settings.timezone = tz;
  return ctx.learner.onboarding === 'timezone' ? finish(ctx) : reply(say(`Time zone: ${tz}.`));
}

function finish(ctx: TurnContext): Reply {
  setStep(ctx, 'done');
  replan(ctx);
  scheduleDaily(ctx);
  const { dailyHour, timezone } = ctx.learner.settings;
  return merge(
    reply(say(`✅ All set. I'll check in every day at ${String(dailyHour).padStart(2, '0')}:00 (${timezone}).`)),
    planReply(ctx),
    todayReply(ctx),
  );
}

/** Free text while onboarding: read as the answer to the current step, or null when it is not one. */
export function onboardingText(ctx: TurnContext, text: string): Reply | Promise<Reply> | null {
  switch (ctx.learner.onboarding as OnboardingStep) {
    case 'minutes':
      return setMinutes(ctx, text);
    case 'hour':
      return setHour(ctx, text);
    case 'timezone':
      return /^(y|yes|ok|okay|right|correct|yep|sure)\b/i.test(text) ? setTimezone(ctx, ctx.learner.settings.timezone) : setTimezone(ctx, text);
    case 'assess': {
      const p = readPending(ctx.learner);
      const level = /^(no|none|not at all|nothing)\b/i.test(text) ? 'none' : /^(a bit|some|a little|little)\b/i.test(text) ? 'some' : /^(well|solid|good|very well|yes)\b/i.test(text) ? 'solid' : /^skip/i.test(text) ? 'skip' : null;
      if (p?.kind === 'assess' && level) return answerAssessment(ctx, level === 'skip' ? '|skip' : `${p.queue[0]}|${level}`);
      return p?.kind === 'assess' ? merge(reply(say('Pick one of the buttons (or type "none", "a bit", "well" or "skip").')), askAssessment(ctx, p.queue[0]!)) : askMinutes(ctx);
    }
    default:
      return null;
  }
}

/** Where onboarding stands, asked again (e.g. after "help" mid-way). */
export function resumeOnboarding(ctx: TurnContext): Reply {
  switch (ctx.learner.onboarding as OnboardingStep) {
    case 'assess': {
      const p = readPending(ctx.learner);
      if (p?.kind === 'quiz' && p.mode === 'placement') return askQuestion(ctx, p);
      return p?.kind === 'assess' ? askAssessment(ctx, p.queue[0]!) : askMinutes(ctx);
    }
    case 'minutes':
      return askMinutes(ctx);
    case 'hour':
      return askHour(ctx);
    case 'timezone':
      return askTimezone(ctx);
    default:
      // The welcome's menu replaces an offer not answered ("I think you mean X. Is that it?"): a later "yes" must not set it unseen.
      if (readPending(ctx.learner)?.kind === 'goal-choice') setPending(ctx.learner, null);
      return welcome(ctx);
  }
}
