/**
 * What a learner says about how it is going (intents.ts {@link Situation}),
 * answered in a line or two with buttons for the moves the coach already
 * has, never with a goal change:
 *
 * - stuck ("I'm stuck", "explain that again", and said as "I need help" or
 *   "I don't know"): another resource for the concept (the adapt flow's
 *   swap), back to its weakest prerequisite when one is below the threshold,
 *   a quiz, or a pause; "I need help" with the plan done lists the commands;
 * - too easy ("I already know this"): a quiz on it at once; saying so credits
 *   nothing, the mastery rule still wants its right answers;
 * - skip: another resource or a quiz to test out, and plainly that skipping
 *   is not learning it;
 * - broken link: sorry, the resource is excluded for this learner and another
 *   takes its place; that counts as a 👎 on it (resource-evidence.ts), once;
 * - thanks: a short reply and the next step;
 * - low energy ("I'm busy", "I'm bored"): shorter daily tasks, a pause, or
 *   today's task.
 *
 * Before a goal, each says what Pathwise does and asks for one; during the
 * set-up questions, the question is asked again.
 */
import type { Button, Reply } from '../../core/chat/messages.ts';
import { FEEDBACK_WEIGHT } from '../../core/bandit/resource-bandit.ts';
import { UserError } from '../../core/errors.ts';
import type { LowEnergy, Situation } from '../intents.ts';
import { currentStep } from '../learner.ts';
import { readPending, setPending } from '../pending.ts';
import { button, buttons, commandButton, merge, pct, reply, say } from '../replies.ts';
import type { TurnContext } from '../turn.ts';
import { goBackTo, QUIZ_CONCEPT, swapOption, swapResource, weakestPrerequisite } from './adapt.ts';
import { goalConcepts, goalMenu, offerGoal } from './goal.ts';
import { helpReply } from './help.ts';
import { nameSaid, namesIn, POINTS_AT_PLAN } from './names-said.ts';
import { onboardingText, resumeOnboarding } from './onboarding.ts';
import { conceptTitle, currentConcept, goalTitles, stepLine } from './planning.ts';
import { startQuiz } from './quiz.ts';
import { workspaceOf } from './resource-evidence.ts';
import { restoreButtons, setAsideFor } from './set-aside.ts';
import { todayReply } from './today.ts';

/** "Another resource for …" (value `<concept>|<resource it replaces>`): the swap, once. */
export const SWAP_RESOURCE = 'adapt.swap';
/** "Back to … first" (value: the concept whose weakest prerequisite to take up again). */
export const GO_BACK = 'adapt.back';

export async function answerSituation(ctx: TurnContext, s: Situation): Promise<Reply> {
  const { learner } = ctx;
  if (learner.onboarding === 'goal' || (learner.onboarding === 'done' && learner.goals.length === 0)) return beforeGoal(ctx, s);
  if (learner.onboarding !== 'done') return duringSetUp(ctx, s);
  switch (s.kind) {
    case 'stuck':
      return stuck(ctx, s.on, s.ask);
    case 'too-easy':
      return tooEasy(ctx, s.on);
    case 'skip':
      return skip(ctx, s.another === true);
    case 'broken-link':
      return brokenLink(ctx);
    case 'thanks':
      return thanks(ctx);
    case 'low-energy':
      return lowEnergy(ctx, s.why);
  }
}

/** What a situation said while a quiz question is open gets, before the question again ("skip this one" skips it, in coach.ts). */
export function duringQuiz(s: Situation): string {
  switch (s.kind) {
    case 'stuck':
      return s.ask === 'help'
        ? 'Happy to help: "idk" shows this question\'s explanation. After the quiz, "help" lists everything I can do.'
        : 'No problem: say "idk" and I\'ll show the explanation. After the quiz, "I\'m stuck" gets you other ways in.';
    case 'too-easy':
      return 'Then these should go quickly.';
    case 'thanks':
      return "You're welcome! Now, this question.";
    case 'broken-link':
      return 'Sorry about that! Once this quiz is over, say "the link is broken" again and I\'ll find you another resource.';
    case 'low-energy':
      return 'No problem: say "skip" to leave a question for another time. After the quiz, "I\'m busy" gets you shorter days or a pause.';
    case 'skip':
      return s.another ? "Once this quiz is over, ask again and I'll find you another resource." : 'Say "skip" to leave this question for another time.';
  }
}

/**
 * "I'm stuck on joins in SQL" from someone new: a goal or concept whose
 * title or alias the topic says in full is what they may want to learn (the
 * coach asks first). Only a name said counts: words a description happens to
 * use ("step 3", "the last question", "traffic") are no topic.
 */
export function namedGoalOf(ctx: TurnContext, s: Situation): string | null {
  if (s.kind !== 'stuck' || !s.on) return null;
  return nameSaid(ctx, s.on, 'any');
}

/**
 * "help me with web development" (a topic, but no name said in full): the
 * text for the goal parser, which read any such text before "help" was
 * understood; null when a name is said (the situation answers it) and when
 * the topic says a one-word name only as the everyday word ("help me with
 * the rest please"), which the parser would read as REST, or points at the
 * plan itself ("help with the next step", once Next.js).
 */
export function helpTopicForParser(ctx: TurnContext, s: Situation): string | null {
  if (s.kind !== 'stuck' || s.ask !== 'help' || !s.on || POINTS_AT_PLAN.test(s.on.toLowerCase())) return null;
  const found = namesIn(ctx, s.on, 'any');
  return found.id || found.everyday ? null : s.on;
}


function beforeGoal(ctx: TurnContext, s: Situation): Reply {
  const named = namedGoalOf(ctx, s);
  if (named) return offerGoal(ctx, named);
  // The goals to pick from take the place of an offer not answered ("Is that it?", "Is it one of these?"): a later "yes" or
  // "2" must not pick from a list no longer shown ("I don't know" to "Is that it?" once let a later "yes" set Docker).
  if (readPending(ctx.learner)?.kind === 'goal-choice') setPending(ctx.learner, null);
  const ask = s.kind === 'stuck' ? s.ask : undefined;
  // "I don't know" to "what would you like to learn?": the menu, and the career questions for those who start from a job.
  if (ask === 'unsure') {
    return merge(reply(say('Not sure yet? That\'s fine: pick one of these, or ask "what jobs can I get with Excel?" and I\'ll suggest goals from what you know.')), goalMenu(ctx));
  }
  const first: Record<Situation['kind'], string> = {
    stuck: ask === 'help' ? 'Happy to help.' : "Let's find a way forward together.",
    'too-easy': "Then let's find something that stretches you; a short self-check skips what you know.",
    skip: "There's nothing to skip yet.",
    'broken-link': "I haven't sent you any links yet.",
    thanks: "You're welcome!",
    'low-energy': 'No pressure: it can be as little as 15 minutes a day, and you can pause any time.',
  };
  return merge(
    reply(
      say(
        `${first[s.kind]} I'm Pathwise: tell me what you want to learn and I'll plan a path of real resources, ` +
          'a short task a day, with quizzes that check what stuck. What would you like to learn?' +
          (ask === 'help' ? ' ("help" lists everything I can do.)' : ''),
      ),
    ),
    goalMenu(ctx),
  );
}

function duringSetUp(ctx: TurnContext, s: Situation): Reply | Promise<Reply> {
  // "skip" answers the self-check's "Skip the rest".
  if (s.kind === 'skip' && !s.another && ctx.learner.onboarding === 'assess') {
    const own = onboardingText(ctx, 'skip');
    if (own) return own;
  }
  const assessing = ctx.learner.onboarding === 'assess';
  const ask = s.kind === 'stuck' ? s.ask : undefined;
  // "Not sure" to "how well do you know …?": "a bit" starts a few placement questions, which tell.
  const unsure = assessing ? 'Not sure? Say "a bit", and where I have questions on it a few will tell.' : 'Not sure? Pick what\'s closest; "settings" changes it later.';
  const first: Record<Situation['kind'], string> = {
    stuck:
      ask === 'help'
        ? `Happy to help: ${assessing ? 'I ask how well you know each skill so I start you at your level.' : "answer this and you're set up."} ${unsure}`
        : ask === 'unsure'
          ? unsure
          : "No problem: a couple more questions and I'll start you at your level.",
    'too-easy': "Good to know: the self-check is there so I don't teach you what you already know.",
    skip: "We're nearly set up; I need this one to plan your days.",
    'broken-link': "Once we're set up, tell me if a link doesn't work and I'll find you another.",
    thanks: "You're welcome!",
    'low-energy': 'No problem: 15 minutes a day is fine, and you can pause any time.',
  };
  return merge(reply(say(first[s.kind])), resumeOnboarding(ctx));
}

/** The plan is finished: nothing current to help with. */
function planComplete(first: string): Reply {
  return reply(say(`${first} Your plan is complete: keep up your reviews, or tell me what you want to learn next.`), buttons(commandButton('Reviews', 'review', 'primary'), commandButton('Progress', 'progress')));
}

/** "a, b or c" (or "a, b and c"), skipping what is null. */
function joined(items: readonly (string | null)[], last: 'or' | 'and'): string {
  const l = items.filter((x): x is string => Boolean(x));
  return l.length <= 1 ? (l[0] ?? '') : `${l.slice(0, -1).join(', ')} ${last} ${l.at(-1)}`;
}

const orList = (items: readonly (string | null)[]) => joined(items, 'or');

const hasQuiz = (ctx: TurnContext, conceptId: string) => (ctx.services.graph.concepts.get(conceptId)?.quiz.length ?? 0) > 0;

function quizButton(ctx: TurnContext, conceptId: string, label = `Quiz me on ${conceptTitle(ctx, conceptId)}`): Button | null {
  return hasQuiz(ctx, conceptId) ? button(label, QUIZ_CONCEPT, conceptId) : null;
}

/**
 * "Another resource for …", when one could take the place of what teaches
 * the concept now. The swap is tried on the plan and the plan put back: other
 * resources for the concept may still not make a plan without this one (the
 * PostgreSQL tutorial is the SQL path's only fuller SQL text), and a button
 * that can only answer "no other resource" would be a false offer.
 */
function swapButton(ctx: TurnContext, conceptId: string, style?: 'primary'): Button | null {
  const option = swapOption(ctx, conceptId);
  if (!option || option.alternatives === 0) return null;
  const before = ctx.learner.plan;
  let works = false;
  try {
    works = swapResource(ctx, conceptId) !== null;
  } catch (err) {
    // A plan that cannot be made again at all (a goal the roadmaps no longer have): no swap to offer, and the answer
    // still comes ("I'm stuck" once answered with the planner's error).
    if (!(err instanceof UserError)) throw err;
  }
  ctx.learner.plan = before;
  if (!works) return null;
  return button(`Another resource for ${conceptTitle(ctx, conceptId)}`, SWAP_RESOURCE, `${conceptId}|${option.step.resourceId}`, style);
}

const pauseButton = (ctx: TurnContext): Button | null => (ctx.learner.settings.paused ? null : commandButton('Pause for a while', 'settings paused=yes'));

/**
 * Concepts of the learner's path the goal parser reads `said` as, by name or
 * by meaning, best first (at most three): for help asked on a topic no name
 * says ("help me with joins" is SQL). Only the path's concepts count, so a
 * guess by meaning can point nowhere else. None for a phrase of everyday
 * words only (GoalParser.isEverydayWord): one weak word is no topic.
 */
function closeOnPath(ctx: TurnContext, said: string): string[] {
  const g = ctx.services.graph;
  // Only everyday words ("numbers", "everything", "my time management"): too weak to guess by (they once read as Data storytelling…).
  const words = said.toLowerCase().match(/[\p{L}\p{N}+#]+/gu) ?? [];
  if (words.every((w) => ctx.services.goals.isEverydayWord?.(w) ?? false)) return [];
  const onPath = goalConcepts(g, ctx.learner.goals);
  const parsed = ctx.services.goals.parse(said);
  const ids = [parsed.match, ...parsed.candidates.map((c) => c.id)].filter((id): id is string => Boolean(id) && onPath.has(id!) && g.concepts.has(id!));
  return [...new Set(ids)].slice(0, 3);
}

function stuck(ctx: TurnContext, on?: string, ask?: 'help' | 'unsure'): Reply {
  const named = on ? nameSaid(ctx, on, 'concept') : null;
  // Help on a topic said without a concept's name: the closest concepts of their path, before "I have no topic by that name".
  const unnamed = ask === 'help' && on && !named && !POINTS_AT_PLAN.test(on.toLowerCase()) ? on : null;
  const close = unnamed && ctx.learner.goals.length > 0 ? closeOnPath(ctx, unnamed) : [];
  const conceptId = named ?? close[0] ?? currentConcept(ctx);
  if (!conceptId) {
    if (ask === 'help') return merge(reply(say('Happy to help. Your plan is complete, so here is everything I can do.')), helpReply(ctx));
    return planComplete(ask === 'unsure' ? "That's OK." : 'Being stuck is part of learning.');
  }
  const title = conceptTitle(ctx, conceptId);
  if (!goalConcepts(ctx.services.graph, ctx.learner.goals).has(conceptId)) {
    // Named, but not on their path: nothing of the plan to change for it.
    return reply(
      say(`${title} isn't on your path to ${goalTitles(ctx)}. A quiz shows what's missing; say "I want to learn ${title}" to add it to your goals.`),
      buttons(quizButton(ctx, conceptId), commandButton("Today's task", 'today')),
    );
  }
  const weak = weakestPrerequisite(ctx, conceptId);
  const swap = swapButton(ctx, conceptId, 'primary');
  const ways = [
    swap ? 'a different resource for it' : null,
    weak ? `going back to ${conceptTitle(ctx, weak.id)} first (you're at ${pct(weak.p)})` : null,
    hasQuiz(ctx, conceptId) ? 'a quiz to find what is missing' : null,
    ctx.learner.settings.paused ? null : 'a break',
  ];
  const alsoClose = close.slice(1).map((id) => conceptTitle(ctx, id));
  const first =
    ask === 'help'
      ? close.length > 0
        ? `I read "${unnamed!.slice(0, 60)}" as ${title}, on your path${alsoClose.length > 0 ? ` (close too: ${joined(alsoClose, 'and')})` : ''}. Happy to help with it.`
        : unnamed
          ? `I have no topic by that name; you're on ${title} now.`
          : `Happy to help with ${title}.`
      : ask === 'unsure'
        ? `Not knowing ${title} yet is fine: that's what your plan is for.`
        : `Being stuck on ${title} is part of learning it, not a sign you can't.`;
  return reply(
    say(`${first} Ways forward: ${orList(ways) || "today's task, one step at a time"}.${ask === 'help' ? ' ("help" lists everything I can do.)' : ''}`),
    buttons(
      swap,
      weak ? button(`Back to ${conceptTitle(ctx, weak.id)} first`, GO_BACK, conceptId) : null,
      quizButton(ctx, conceptId),
      pauseButton(ctx),
      swap ? null : commandButton("Today's task", 'today'),
    ),
  );
}

async function tooEasy(ctx: TurnContext, on?: string): Promise<Reply> {
  const conceptId = (on ? nameSaid(ctx, on, 'concept') : null) ?? currentConcept(ctx);
  if (!conceptId) return planComplete('Good to hear.');
  const title = conceptTitle(ctx, conceptId);
  if (!hasQuiz(ctx, conceptId)) return reply(say(`Good to hear. I have no quiz on ${title} yet to prove it, so say "done" once you've looked it over.`), buttons(commandButton("Today's task", 'today', 'primary')));
  return merge(
    reply(say(`Good sign! Let's prove it: get these right and I'll move you on. Saying so doesn't count on its own; right answers do.`)),
    await startQuiz(ctx, conceptId),
  );
}

/** "skip this", or (`another`) "another resource please" / "this video is boring": the way on is another resource or a quiz, never a free pass. */
function skip(ctx: TurnContext, another: boolean): Reply {
  const step = currentStep(ctx.learner);
  const conceptId = currentConcept(ctx);
  if (!step || !conceptId) return planComplete(another ? "There's no resource on your plan right now." : 'Nothing to skip.');
  const r = ctx.services.graph.resources.get(step.resourceId);
  const title = conceptTitle(ctx, conceptId);
  const swap = swapButton(ctx, conceptId);
  const opening = another
    ? swap
      ? `Sorry ${r?.title ?? 'it'} isn't working for you. Take another resource for ${title}, or test out`
      : `${r?.title ?? 'It'} is the only resource I have for ${title} within your plan. Test out`
    : `Skipping ${r?.title ?? 'it'} without a quiz doesn't count as learning ${title}. ${swap ? 'Take another resource for it, or test out' : 'Test out'}`;
  return reply(
    say(`${opening} with a quiz: right answers move you on.`),
    buttons(quizButton(ctx, conceptId, 'Test out with a quiz'), swap, commandButton("Today's task", 'today')),
  );
}

function brokenLink(ctx: TurnContext): Reply {
  const step = currentStep(ctx.learner);
  const conceptId = currentConcept(ctx);
  if (!step || !conceptId) return planComplete("Sorry about that. There's no link on your plan right now.");
  const { graph, store } = ctx.services;
  const resourceId = step.resourceId;
  const name = graph.resources.get(resourceId)?.title ?? 'that resource';
  const title = conceptTitle(ctx, conceptId);
  const learnerId = ctx.learnerId;
  // For whoever keeps the content: which resource, never what the learner typed.
  ctx.after(async () => ctx.services.log?.log('warn', 'resource.reported_broken', { learnerId, resourceId }));
  const swap = swapResource(ctx, conceptId);
  if (!swap) {
    const aside = setAsideFor(ctx, conceptId, resourceId);
    if (aside.length > 0) return notWithoutSetAside(ctx, conceptId, resourceId, aside, 'Sorry about that! ', `or try ${name} again later`, resourceId);
    return reply(
      say(`Sorry about that! Nothing else I have covers what ${name} teaches (${joined(step.concepts.map((c) => conceptTitle(ctx, c)), 'and')}) within your plan yet. Try it again later, or look it up by name; meanwhile a quiz shows what you know already.`),
      buttons(quizButton(ctx, conceptId), commandButton("Today's task", 'today')),
    );
  }
  // It did not help this learner: a 👎 on it (half weight), once, since it is excluded for them from now on.
  const workspace = workspaceOf(ctx.learner.conversation);
  ctx.after(() => store.addResourceOutcome({ workspace, conceptId, resourceId, uses: 0, n: FEEDBACK_WEIGHT, gain: 0 }));
  return merge(reply(say(`Sorry about that! I won't send you ${name} again. Here's another way in to ${title}:`)), nextAfterSwap(ctx, swap.to));
}

/**
 * No swap, and resources the learner set aside earlier (a broken link, a
 * swap) would make one: says so by title (the planner once said "nothing
 * teaches" the concept) and offers to bring one back.
 */
function notWithoutSetAside(ctx: TurnContext, conceptId: string, current: string, aside: readonly string[], first: string, orElse?: string, broken?: string): Reply {
  const g = ctx.services.graph;
  const title = conceptTitle(ctx, conceptId);
  const titles = aside.map((id) => g.resources.get(id)?.title ?? id).join('; ');
  const others = (g.resourcesByConcept.get(conceptId) ?? []).filter((r) => r.id !== current && !aside.includes(r.id)).length;
  const what = others > 0 ? `The other resources for ${title} don't cover it in full without ${titles}` : `My only other resource for ${title} is ${titles}`;
  return reply(
    say(`${first}${what}, which you set aside earlier. Bring ${aside.length === 1 ? 'it' : 'one'} back to plan with it again${orElse ? `, ${orElse}` : ''}.`),
    buttons(...restoreButtons(g, aside, broken), quizButton(ctx, conceptId)),
  );
}

/** After a swap: today's task when the new resource is up now, else where it went in the plan. */
function nextAfterSwap(ctx: TurnContext, to: ReturnType<typeof currentStep>): Reply {
  if (to && currentStep(ctx.learner) === to) return todayReply(ctx);
  return reply(say(to ? stepLine(ctx, to) : 'It is on your plan.'), buttons(commandButton("Today's task", 'today', 'primary'), commandButton('Plan', 'plan')));
}

function thanks(ctx: TurnContext): Reply {
  const concept = currentConcept(ctx);
  if (!concept) return planComplete("You're welcome! 🙂");
  return reply(say(`You're welcome! 🙂 Next up: ${conceptTitle(ctx, concept)}.`), buttons(commandButton("Today's task", 'today', 'primary')));
}

/** Half the daily minutes, in fives, at least 5; null when already at 5. */
export function shorterMinutes(minutes: number): number | null {
  if (minutes <= 5) return null;
  return Math.max(5, Math.floor(minutes / 2 / 5) * 5);
}

function lowEnergy(ctx: TurnContext, why: LowEnergy): Reply {
  const minutes = ctx.learner.settings.minutesPerDay;
  const shorter = shorterMinutes(minutes);
  const first = { bored: "Fair enough, let's change the pace.", tired: "That's OK; rest is part of learning too.", busy: 'No problem, busy weeks happen.', away: 'Enjoy the time away!' }[why];
  const ways = [shorter ? `shorter daily tasks (${shorter} min instead of ${minutes})` : null, ctx.learner.settings.paused ? null : 'a pause', why === 'bored' ? 'a quiz to move on faster' : null, "just today's task"];
  const concept = currentConcept(ctx);
  return reply(
    say(`${first} You could try ${orList(ways)}.`),
    buttons(
      shorter ? commandButton(`${shorter} min a day`, `settings minutes=${shorter}`) : null,
      pauseButton(ctx),
      why === 'bored' && concept ? quizButton(ctx, concept) : null,
      commandButton("Today's task", 'today', 'primary'),
    ),
  );
}

/** "Another resource for …" pressed: the swap, unless it was done already (a second press changes nothing). */
export function pressSwap(ctx: TurnContext, value: string): Reply {
  const [conceptId = '', resourceId = ''] = value.split('|');
  if (!ctx.services.graph.concepts.has(conceptId)) throw new UserError('UNKNOWN_CONCEPT', 'I have nothing on that any more. Type "today" for your task.');
  const title = conceptTitle(ctx, conceptId);
  const option = swapOption(ctx, conceptId);
  if (!option || option.step.resourceId !== resourceId) return merge(reply(say(`That's already changed. Here's where you are with ${title}:`)), todayReply(ctx));
  const name = ctx.services.graph.resources.get(resourceId)?.title ?? 'that resource';
  const swap = swapResource(ctx, conceptId);
  if (!swap) {
    const aside = setAsideFor(ctx, conceptId, resourceId);
    if (aside.length > 0) return notWithoutSetAside(ctx, conceptId, resourceId, aside, '');
    return reply(say(`I have no other resource for ${title} that fits your plan. A quiz can show what's missing.`), buttons(quizButton(ctx, conceptId), commandButton("Today's task", 'today')));
  }
  return merge(reply(say(`OK, ${name} is off your plan. Here's another way in to ${title}:`)), nextAfterSwap(ctx, swap.to));
}

/** "Back to … first" pressed: the weakest prerequisite below the threshold is taken up again, if one still is. */
export function pressGoBack(ctx: TurnContext, conceptId: string): Reply {
  if (!ctx.services.graph.concepts.has(conceptId)) throw new UserError('UNKNOWN_CONCEPT', 'I have nothing on that any more. Type "today" for your task.');
  const title = conceptTitle(ctx, conceptId);
  const weak = weakestPrerequisite(ctx, conceptId);
  if (!weak || ctx.learner.goals.length === 0) return reply(say(`What ${title} builds on is solid now. A quiz can show what's missing.`), buttons(quizButton(ctx, conceptId), commandButton("Today's task", 'today')));
  goBackTo(ctx, conceptId, weak.id);
  const w = conceptTitle(ctx, weak.id);
  return merge(reply(say(`Let's go back to ${w} (you're at ${pct(weak.p)}), which ${title} builds on.`)), todayReply(ctx));
}
