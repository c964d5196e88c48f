/**
 * The coach: one platform-neutral conversation engine. Adapters hand it
 * {@link Incoming} events and render the {@link Reply} values it returns;
 * schedulers hand it jobs ({@link Coach.handleJob}).
 *
 * Each event is one turn, run under a per-learner lock (one turn at a time
 * per learner) and inside one error boundary: it is logged with context (ids,
 * codes, a short prefix of the text, never secrets), the person always gets
 * an answer, and nothing escapes to crash the process. The learner's record
 * is saved with an optimistic version check before any side effect runs; a
 * conflicting write (another process) retries the whole turn.
 */
import type { ConversationRef, Incoming, Reply } from '../core/chat/messages.ts';
import { PathwiseError, UserError } from '../core/errors.ts';
import type { ChatGateway } from '../core/ports/chat.port.ts';
import type { RunningJob } from '../core/ports/scheduler.port.ts';
import { cleanInput } from '../core/text/clean-input.ts';
import { closestNames } from '../core/text/edit-distance.ts';
import { parseArgs, type CommandDefinition, type OptionValue } from './command.ts';
import { learnerIdOf, newLearner, touchActivity } from './learner.ts';
import type { Logger } from './logger.ts';
import { KeyedMutex } from './keyed-mutex.ts';
import { LEADING_NO, LEADING_YES, SHORT_NO, SHORT_YES, SITUATIONS, startTopic, understand, WISH, type Situation } from './intents.ts';
import { readPending, setPending, type Pending } from './pending.ts';
import type { Intent } from './intents.ts';
import { button, buttons, commandButton, merge, reply, say } from './replies.ts';
import { TurnContext, type CoachServices } from './turn.ts';
import { QUIZ_CONCEPT } from './flows/adapt.ts';
import { askForget, cancelForget, confirmForget, FORGET_CANCEL, FORGET_CONFIRM } from './flows/forget.ts';
import { finishForget, isForgotten } from './forget-learner.ts';
import { GOAL_ADD, GOAL_KEEP, GOAL_NONE, GOAL_PICK, GOAL_SWITCH, confirmGoal, confirmGoalText, couldBeGoal, goalFromText, goalMenu, nodeTitle, offerGoal, parseGoal, pickGoal, noneOfThese } from './flows/goal.ts';
import { namesIn, POINTS_AT_PLAN, topicNamed } from './flows/names-said.ts';
import { namedNodeReply } from './flows/start-on.ts';
import { answerAssessment, ASSESS, onboardingText, resumeOnboarding, SET_HOUR, SET_MINUTES, SET_TIMEZONE, setHour, setMinutes, setTimezone, welcome } from './flows/onboarding.ts';
import { QUIZ_ANSWER, QUIZ_REVIEW, answerQuestion, answerTyped, askQuestion, remindAnswer, startQuiz } from './flows/quiz.ts';
import { conceptTitle } from './flows/planning.ts';
import { applySettings } from './flows/settings.ts';
import { markDone, todayReply } from './flows/today.ts';
import { homeReply } from './flows/home.ts';
import { runJob } from './jobs.ts';
import { answerFeedback, loadBandits, parseFeedback, RESOURCE_FEEDBACK } from './flows/resource-evidence.ts';
import { noPathReply, RESTORE, restoreResource } from './flows/set-aside.ts';
import { NoPathError } from '../core/plan/plan-problem.ts';
import { answerSituation, duringQuiz, GO_BACK, helpTopicForParser, namedGoalOf, pressGoBack, pressSwap, SWAP_RESOURCE } from './flows/situations.ts';
import { CAREER_FROM, CAREER_LIKES, CAREER_NOTE, careerAnswer, careerFrom, careerJobs, careerLikes, careerMoveFrom, careerNote, careerOpen } from './flows/career.ts';

export interface CoachDeps extends CoachServices {
  commands: readonly CommandDefinition[];
  /** Where bot-initiated messages (daily tasks, review prompts) go. */
  gateway: ChatGateway;
  log: Logger;
}

const STORE_CONFLICT = 'STORE_CONFLICT';
const TURN_TRIES = 5;
/** Commands that need a finished onboarding (a plan) to make sense. */
const NEEDS_PLAN = new Set(['plan', 'today', 'progress', 'review']);
/** Commands answered on first contact too (a lead may start a cohort before having a goal of their own). */
const BEFORE_ONBOARDING = new Set(['help', 'cohort', 'export']);

/** Intents that leave a pending state alone and run as usual (a command, "pause"). */
const PASSES_THROUGH = new Set<Intent['kind']>(['command', 'unknown-command', 'pause', 'resume']);

/**
 * What typed text does in each conversation state, before anything else.
 * Each entry returns the reply, or null to let the text be read as usual.
 */
const PENDING_TEXT: { [K in Pending['kind']]: (ctx: TurnContext, text: string, intent: Intent) => Promise<Reply | null> } = {
  // A question is open: an answer first; a command passes; anything else asks again (never a goal change).
  quiz: async (ctx, text, intent) => {
    const answered = await answerTyped(ctx, text);
    if (answered) return answered;
    if (PASSES_THROUGH.has(intent.kind)) return null;
    const p = readPending(ctx.learner);
    // Back after a while (or a restart): the question again, as it was.
    if (intent.kind === 'greet' && p?.kind === 'quiz') return merge(reply(say('Welcome back! You were in the middle of a question:')), askQuestion(ctx, p));
    // "skip this one" skips the question; "I'm stuck", "thanks"… get their own line before it.
    if (intent.kind === 'skip' && !intent.another) return answerTyped(ctx, 'skip');
    return SITUATIONS.has(intent.kind) ? remindAnswer(ctx, duringQuiz(intent as Situation)) : remindAnswer(ctx);
  },
  // "Add or switch?": add / switch / keep; a command passes; anything else asks again.
  'goal-confirm': async (ctx, text, intent) => {
    const r = confirmGoalText(ctx, text);
    if (r || PASSES_THROUGH.has(intent.kind)) return r;
    const p = readPending(ctx.learner);
    return p?.kind === 'goal-confirm' ? merge(reply(say('Say "add", "switch" or "keep", or press a button:')), pickGoal(ctx, p.id)) : null;
  },
  // Candidates offered: their number picks one; "none" declines; other text is read as usual (a new description).
  'goal-choice': async (ctx, text, intent) => {
    const p = readPending(ctx.learner);
    if (p?.kind !== 'goal-choice') return null;
    // "Is that it?" (a goal understood by meaning): yes takes the first, no asks again. A list of choices takes no yes.
    // "yes please" counts; "ok, I want to learn python instead" or "no, I want to learn sql" is a new goal, not an answer.
    if (p.confirm && intent.kind === 'goal') {
      setPending(ctx.learner, null);
      return goalFromText(ctx, intent.text);
    }
    if (p.confirm && p.ids[0] && (intent.kind === 'yes' || SHORT_YES.test(text.trim()))) return pickGoal(ctx, p.ids[0]);
    if (p.confirm && (intent.kind === 'no' || SHORT_NO.test(text.trim()))) return noneOfThese(ctx);
    const n = /^(\d)\.?$/.exec(text.trim());
    if (n && Number(n[1]) >= 1 && Number(n[1]) <= p.ids.length) return pickGoal(ctx, p.ids[Number(n[1]) - 1]!);
    if (/^(none|none of these|neither)$/i.test(text.trim())) return noneOfThese(ctx);
    if (!couldBeGoal(text) || intent.kind === 'yes' || intent.kind === 'no') {
      const ask = p.confirm ? 'Say yes, pick one of these, or describe your goal another way.' : `Pick one of these (1–${p.ids.length}), or describe your goal another way.`;
      return merge(reply(say(ask)), goalFromCandidates(ctx, p.ids, p.confirm === true));
    }
    return null;
  },
  // Onboarding's self-check reads its own text (onboarding.ts).
  assess: async () => null,
  // Only an answer right after the question deletes: anything else drops the question, so a later "ok" cannot.
  'forget-confirm': async (ctx, text, intent) => {
    if (intent.kind === 'yes') return confirmForget(ctx);
    if (intent.kind === 'no') return cancelForget(ctx);
    // "yes please", "no thanks": an answer that says more; ask plainly again rather than guess.
    if (LEADING_YES.test(text.trim()) || LEADING_NO.test(text.trim())) return askForget(ctx);
    setPending(ctx.learner, null);
    return null;
  },
  // "I want a better job" asked a question: the text answers it; a command, another career question or "thanks", "I'm stuck"… pass
  // ("skip" skips the question, and "I don't know" answers it: "which sounds most like you?" has "not sure").
  career: async (ctx, text, intent) =>
    PASSES_THROUGH.has(intent.kind) ||
    intent.kind.startsWith('career-') ||
    (SITUATIONS.has(intent.kind) && !(intent.kind === 'skip' && !intent.another) && !(intent.kind === 'stuck' && intent.ask === 'unsure'))
      ? null
      : careerAnswer(ctx, text),
  // "Did it help?": 👍/👎 (or yes/no, up/down) answers it; anything else moves on without an answer.
  'resource-feedback': async (ctx, text) => {
    const up = parseFeedback(text);
    if (up !== null) return answerFeedback(ctx, up);
    setPending(ctx.learner, null);
    return null;
  },
};

/**
 * "where do I start with docker", "what should I learn first for go": when
 * the topic names a goal or concept (flows/names-said.ts `topicNamed`), before
 * a goal it is the goal and with a plan the answer says where it starts; null
 * otherwise, and during set-up, so the message is read as before (today's
 * task, or text for the goal parser).
 */
function startsOn(ctx: TurnContext, text: string, intent: Intent): Reply | null {
  if (!(intent.kind === 'goal' || intent.kind === 'text' || (intent.kind === 'command' && intent.name === 'today'))) return null;
  const topic = startTopic(text);
  if (!topic) return null;
  // "where do I start with the rest", "… the next step", "… my goal": the plan itself, unless a name is said in full ("the rest api").
  const own = /^(?:my|our) /.test(topic.toLowerCase());
  if ((own || POINTS_AT_PLAN.test(topic.toLowerCase())) && !namesIn(ctx, topic, 'any').id) {
    if (ctx.learner.onboarding === 'done' && ctx.learner.goals.length > 0) return todayReply(ctx);
    // Before a goal there is no plan to point at ("the next step" once set Next.js): ask for a goal, as "next" does.
    return ctx.learner.onboarding === 'goal' || ctx.learner.onboarding === 'done' ? noPlanYet(ctx) : null;
  }
  const id = topicNamed(ctx, topic);
  if (!id) return null;
  if (ctx.learner.onboarding === 'goal' || (ctx.learner.onboarding === 'done' && ctx.learner.goals.length === 0)) return pickGoal(ctx, id);
  return ctx.learner.onboarding === 'done' ? namedNodeReply(ctx, id, true) : null;
}

/** Before a goal, a question about the plan ("next", "where do I start with the next step"): there is none yet, so ask for a goal. */
function noPlanYet(ctx: TurnContext): Reply {
  if (readPending(ctx.learner)?.kind === 'goal-choice') setPending(ctx.learner, null);
  return merge(reply(say('There\'s no plan yet: tell me what you want to learn ("learn docker", "become a data analyst") and I\'ll make one, or pick one of these:')), goalMenu(ctx));
}

/** The career intents of intents.ts, answered by flows/career.ts. */
function careerReply(ctx: TurnContext, intent: Intent): Reply | null {
  if (intent.kind === 'career-jobs') return careerJobs(ctx, intent.skills);
  if (intent.kind === 'career-move') return careerFrom(ctx, intent.from);
  if (intent.kind === 'career-open') return careerOpen(ctx);
  return null;
}

/** The goal candidates offered again, as buttons. */
function goalFromCandidates(ctx: TurnContext, ids: readonly string[], confirm = false): Reply {
  setPending(ctx.learner, { kind: 'goal-choice', ids: [...ids], ...(confirm ? { confirm } : {}) });
  return reply(buttons(...ids.map((id) => button(nodeTitle(ctx.services.graph, id) ?? id, GOAL_PICK, id)), button('None of these', GOAL_NONE)));
}

function checkRef(ref: unknown): asserts ref is ConversationRef {
  const r = ref as Partial<ConversationRef> | null;
  const ok = (s: unknown) => typeof s === 'string' && s.length > 0 && s.length <= 200;
  if (!r || !['terminal', 'slack', 'discord'].includes(r.platform as string) || !ok(r.workspace) || !ok(r.channel) || !ok(r.user)) {
    throw new PathwiseError('BAD_EVENT', 'event without a valid conversation reference');
  }
}

export class Coach {
  private readonly mutex = new KeyedMutex();
  /** Recent platform event ids (insertion-ordered), to drop re-sent events. */
  private readonly seenEvents = new Set<string>();

  constructor(private readonly deps: CoachDeps) {}

  get commands(): readonly CommandDefinition[] {
    return this.deps.commands;
  }

  /** One incoming event → the replies to show. Never throws. */
  async handle(event: Incoming): Promise<Reply[]> {
    let learnerId = 'unknown';
    try {
      checkRef(event?.from);
      learnerId = learnerIdOf(event.from);
      if (event.eventId && this.seenBefore(event.eventId)) return [];
      const replies = await this.mutex.run(learnerId, () => this.turnWithRetry(event));
      // Said in a shared channel: answer only the person (their plan and progress are theirs).
      return event.inChannel ? replies.map((r) => ({ ...r, ephemeral: true })) : replies;
    } catch (err) {
      const r = this.failure(err, event, learnerId);
      return [event?.inChannel ? { ...r, ephemeral: true } : r];
    }
  }

  /** Runs a scheduled job (daily task, review prompt): the one entry point for any scheduler's worker. */
  async handleJob(job: RunningJob): Promise<void> {
    const id = 'learnerId' in job.payload ? job.payload.learnerId : job.key;
    await this.mutex.run(id, () => runJob(this.deps, job));
  }

  /**
   * The learner's dashboard (goal, plan next steps first, mastery) for
   * platforms that show one, e.g. Slack's App Home; null before a goal is set.
   * Reads the stored record only; never changes it.
   */
  async home(from: ConversationRef): Promise<Reply | null> {
    checkRef(from);
    const learner = await this.deps.store.getLearner(learnerIdOf(from));
    if (!learner || learner.goals.length === 0) return null;
    const ctx = new TurnContext(this.deps, structuredClone(learner), learner.conversation, this.deps.clock.now(), this.deps.commands);
    return homeReply(ctx);
  }

  /**
   * What the learner has saved for a command's options (e.g. settings: hour,
   * time zone…), as the text a form shows; empty for someone new or a command
   * without saved values. Reads only.
   */
  async currentOptions(from: ConversationRef, command: string): Promise<Record<string, string>> {
    checkRef(from);
    const def = this.deps.commands.find((c) => c.name === command);
    if (!def?.current) return {};
    const learner = await this.deps.store.getLearner(learnerIdOf(from));
    if (!learner) return {};
    return Object.fromEntries(Object.entries(def.current(learner)).map(([k, v]) => [k, String(v)]));
  }

  /** Resolves when every turn and job started so far has finished (for a clean shutdown). */
  idle(): Promise<void> {
    return this.mutex.idle();
  }

  private seenBefore(eventId: string): boolean {
    if (this.seenEvents.has(eventId)) return true;
    this.seenEvents.add(eventId);
    if (this.seenEvents.size > 1000) this.seenEvents.delete(this.seenEvents.values().next().value!);
    return false;
  }

  private async turnWithRetry(event: Incoming): Promise<Reply[]> {
    // One instant for every try of the turn, so a retried turn writes the same attempts (deduplicated by time).
    const now = this.deps.clock.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.turn(event, now);
      } catch (err) {
        if (!(err instanceof PathwiseError && err.code === STORE_CONFLICT) || attempt >= TURN_TRIES) throw err;
        this.deps.log.log('warn', 'turn.conflict', { learnerId: learnerIdOf(event.from), attempt });
      }
    }
  }

  /**
   * One turn. Its writes happen in this order, written down once:
   *   1. the record of what happened (quiz attempts), each written at most
   *      once per turn instant, so a retried turn does not repeat them;
   *   2. the learner's record, with the optimistic version check: the commit
   *      point (a conflict retries the whole turn from the top);
   *   3. what follows from it (review cards, schedules, cohort changes).
   * A failure in 1 saves nothing of the turn; in 3 the committed state stands
   * and the next turn or the reconciler brings the rest in line.
   */
  private async turn(event: Incoming, now: Date): Promise<Reply[]> {
    const { store } = this.deps;
    const id = learnerIdOf(event.from);
    let stored = await store.getLearner(id);
    if (stored && isForgotten(stored)) {
      // A forget-me that did not finish: finish it before anything else, then this is a first contact.
      try {
        await finishForget(this.deps, id);
      } catch (err) {
        this.deps.onForgetFailed?.(id, err);
        return [reply(say("I'm still deleting your data from before; please try again in a little while."))];
      }
      stored = null;
    }
    const learner = stored ? structuredClone(stored) : newLearner(event.from, now, this.deps.defaultTimezone(event.from));
    const before = JSON.stringify(learner);
    const ctx = new TurnContext(this.deps, learner, event.from, now, this.deps.commands);
    ctx.roles = { admin: event.roles?.admin === true };
    ctx.inChannel = event.inChannel === true;
    ctx.bandits = await loadBandits(store, learner.conversation);

    const out = stored ? await this.route(ctx, event) : await this.firstContact(ctx, event);

    await ctx.runRecords();
    if (!ctx.deleted && (!stored || JSON.stringify(learner) !== before)) {
      learner.updatedAt = now.toISOString();
      await store.putLearner(learner, stored ? stored.version : null);
    }
    await ctx.runEffects();
    return [out];
  }

  private async firstContact(ctx: TurnContext, event: Incoming): Promise<Reply> {
    const intro = welcome(ctx);
    // A first `/goal <text>` carries the goal itself: take it rather than ask again.
    if (event.kind === 'command' && event.name === 'goal') {
      const given = cleanInput(String(event.options?.['text'] ?? event.text ?? ''));
      return given.ok ? merge(reply(intro.blocks[0]!), goalFromText(ctx, given.text)) : intro;
    }
    if (event.kind !== 'text') return event.kind === 'command' && BEFORE_ONBOARDING.has(event.name) ? merge(intro, await this.route(ctx, event)) : intro;
    const clean = cleanInput(event.text);
    if (!clean.ok) return intro;
    const intent = understand(clean.text, this.deps.commands);
    const career = careerReply(ctx, intent);
    if (career) return merge(reply(intro.blocks[0]!), career);
    // "I'm stuck", "thanks": the welcome says what Pathwise does; "I'm stuck on SQL" names what they want to learn.
    if (SITUATIONS.has(intent.kind)) {
      // "help me with web development": no name said, so the goal parser reads it, as it did before help was understood.
      if (helpTopicForParser(ctx, intent as Situation)) return merge(reply(intro.blocks[0]!), goalFromText(ctx, clean.text));
      const named = namedGoalOf(ctx, intent as Situation);
      return named ? merge(reply(intro.blocks[0]!), offerGoal(ctx, named)) : intro;
    }
    const start = startsOn(ctx, clean.text, intent);
    if (start) return merge(reply(intro.blocks[0]!), start);
    if (intent.kind === 'goal' || intent.kind === 'text') {
      return merge(reply(intro.blocks[0]!), goalFromText(ctx, intent.text));
    }
    return intro;
  }

  private async route(ctx: TurnContext, event: Incoming): Promise<Reply> {
    // "Delete everything?" is answered at once or not at all: a command or another button drops it (a later "ok" must not delete).
    if (readPending(ctx.learner)?.kind === 'forget-confirm' && event.kind !== 'text' && !(event.kind === 'action' && (event.action === FORGET_CONFIRM || event.action === FORGET_CANCEL))) {
      setPending(ctx.learner, null);
    }
    const before = ctx.learner.pending;
    const out = await this.routeEvent(ctx, event);
    // With a plan, a goal offer ("Do you want to make Docker your goal?", "Is it one of these?") that the turn did not answer,
    // repeat or replace closes: the learner moved on, and a much later "ok" or "yes" (after a quiz, today's task…) once took it.
    // Before a goal the goal parser's own rules keep it ("okay let me think about it", then "yep, that is it").
    if (ctx.learner.onboarding === 'done' && ctx.learner.pending === before && readPending(ctx.learner)?.kind === 'goal-choice') setPending(ctx.learner, null);
    return out;
  }

  private async routeEvent(ctx: TurnContext, event: Incoming): Promise<Reply> {
    switch (event.kind) {
      case 'action':
        return this.action(ctx, String(event.action), String(event.value ?? ''));
      case 'command':
        return this.command(ctx, String(event.name).toLowerCase(), String(event.text ?? ''), event.options);
      case 'text':
        return this.text(ctx, String(event.text ?? ''));
    }
  }

  private async command(ctx: TurnContext, name: string, text: string, options?: Record<string, OptionValue>): Promise<Reply> {
    if (name === 'done') return this.done(ctx);
    const def = this.deps.commands.find((c) => c.name === name);
    if (!def) return this.unknownCommand(name);
    if (ctx.learner.onboarding !== 'done' && (NEEDS_PLAN.has(name) || (name === 'quiz' && !text && !options))) {
      // No goal yet ("next", "what now?" from someone new): nothing to set up until they say what to learn.
      if (ctx.learner.onboarding === 'goal') return noPlanYet(ctx);
      return merge(reply(say("Let's finish setting you up first; it takes a minute.")), resumeOnboarding(ctx));
    }
    if (text.length > 500) throw new UserError('TOO_LONG', 'That is too long for a command. Keep it short, e.g. "/quiz python".');
    return def.handler(ctx, parseArgs(def, text, options));
  }

  private unknownCommand(name: string): Reply {
    const names = this.deps.commands.map((c) => c.name);
    const close = closestNames(name, names).slice(0, 3);
    const shown = name.replace(/[^\p{L}\p{N}-]/gu, '').slice(0, 32);
    return reply(
      say(close.length > 0 ? `I don't know /${shown}. Did you mean ${close.map((c) => `/${c}`).join(' or ')}?` : `I don't know /${shown}. Type "help" to see what I can do.`),
      buttons(...(close.length > 0 ? close : ['help']).map((c) => commandButton(`/${c}`, c))),
    );
  }

  private async done(ctx: TurnContext): Promise<Reply> {
    if (ctx.learner.onboarding !== 'done') return merge(reply(say("Let's finish setting you up first.")), resumeOnboarding(ctx));
    return markDone(ctx);
  }

  private async action(ctx: TurnContext, action: string, value: string): Promise<Reply> {
    if (value.length > 200) throw new UserError('BAD_ACTION', 'That button is not one of mine.');
    touchActivity(ctx.learner, ctx.now);
    switch (action) {
      case 'cmd': {
        const [name = '', ...rest] = value.split(' ');
        return this.command(ctx, name, rest.join(' '));
      }
      case GOAL_PICK:
      case GOAL_NONE: {
        // An offer's buttons act while it is open; an old one pressed later must not undo a goal or a self-check.
        const p = readPending(ctx.learner);
        const open = p?.kind === 'goal-choice' && (action === GOAL_NONE || p.ids.includes(value));
        const settingUp = ctx.learner.onboarding !== 'done' && ctx.learner.onboarding !== 'goal';
        if (!open && ctx.learner.goals.length > 0 && (action === GOAL_NONE || (settingUp && ctx.learner.goals.includes(value)))) return reply(say('That question is no longer open.'));
        return action === GOAL_PICK ? pickGoal(ctx, value) : noneOfThese(ctx);
      }
      case ASSESS:
        return answerAssessment(ctx, value);
      case SET_MINUTES:
        return setMinutes(ctx, value);
      case SET_HOUR:
        return setHour(ctx, value);
      case SET_TIMEZONE:
        return setTimezone(ctx, value);
      case QUIZ_ANSWER: {
        // The result and explanation take the question's place (Slack chat.update, Discord update);
        // a second press of an answered question changes nothing and leaves the message alone.
        const r = await answerQuestion(ctx, value);
        return r.stale ? r.reply : { ...r.reply, replaceOriginal: true };
      }
      case GOAL_ADD:
        return confirmGoal(ctx, 'add', value);
      case GOAL_SWITCH:
        return confirmGoal(ctx, 'switch', value);
      case GOAL_KEEP:
        return confirmGoal(ctx, 'keep');
      case QUIZ_REVIEW:
        if (!ctx.services.graph.concepts.has(value)) throw new UserError('UNKNOWN_CONCEPT', 'I have no quiz on that any more. Type "quiz" for one on your current concept.');
        return startQuiz(ctx, value, 1, `🔁 One review question on ${conceptTitle(ctx, value)}.`);
      case QUIZ_CONCEPT:
        if (!ctx.services.graph.concepts.has(value)) throw new UserError('UNKNOWN_CONCEPT', 'I have no quiz on that any more. Type "quiz" for one on your current concept.');
        return startQuiz(ctx, value);
      case CAREER_LIKES:
        return careerLikes(ctx, value);
      case CAREER_NOTE:
        return careerNote(ctx, value);
      case CAREER_FROM: {
        const cat = ctx.services.careers?.();
        if (!cat) throw new UserError('NO_CAREERS', "I can't look at occupations here.");
        return careerMoveFrom(ctx, cat, value);
      }
      case SWAP_RESOURCE:
        return pressSwap(ctx, value);
      case RESTORE:
        return restoreResource(ctx, value);
      case GO_BACK:
        return pressGoBack(ctx, value);
      case RESOURCE_FEEDBACK: {
        const [resourceId = '', how = ''] = value.split('|');
        if (how !== 'up' && how !== 'down') throw new UserError('BAD_ACTION', 'That button is not one of mine.');
        return answerFeedback(ctx, how === 'up', resourceId);
      }
      case FORGET_CONFIRM:
        return confirmForget(ctx);
      case FORGET_CANCEL:
        return cancelForget(ctx);
      default:
        return reply(say('That button is no longer active.'), buttons(commandButton('Help', 'help')));
    }
  }

  private async text(ctx: TurnContext, raw: string): Promise<Reply> {
    // A bare 👍/👎 has no words for cleanInput, but answers "did it help?".
    const thumb = readPending(ctx.learner)?.kind === 'resource-feedback' ? parseFeedback(raw) : null;
    if (thumb !== null) return answerFeedback(ctx, thumb);
    const clean = cleanInput(raw);
    if (!clean.ok) {
      const why =
        clean.reason === 'too-long'
          ? 'That message is too long for me (keep it under 2,000 characters).'
          : clean.reason === 'empty'
            ? 'I got an empty message.'
            : "I couldn't find any words in that.";
      return reply(say(`${why} Tell me what you want to learn, or type "help" to see what I can do.`), buttons(commandButton('Help', 'help')));
    }
    const text = clean.text;
    const intent = understand(text, this.deps.commands);
    const pending = readPending(ctx.learner);
    // "where do I start with pandas" answers no "Is that it?" offer: it asks about pandas (read as a goal, it was "Add pandas?").
    const startFirst = pending?.kind === 'goal-choice' ? startsOn(ctx, text, intent) : null;
    if (startFirst) return startFirst;
    // The conversation's state reads the text first (a pending question takes "b" as an answer, never as a goal).
    if (pending) {
      const own = await PENDING_TEXT[pending.kind](ctx, text, intent);
      if (own) return own;
    }
    const start = startsOn(ctx, text, intent);
    if (start) return start;
    switch (intent.kind) {
      case 'command':
        return this.command(ctx, intent.name, intent.text);
      case 'unknown-command':
        return this.unknownCommand(intent.name);
      case 'done':
        return this.done(ctx);
      case 'greet':
        if (ctx.learner.onboarding === 'goal') return welcome(ctx);
        if (ctx.learner.onboarding !== 'done') return merge(reply(say('Hi again!')), resumeOnboarding(ctx));
        return merge(reply(say('Hi again! 👋')), todayReply(ctx));
      case 'pause':
      case 'resume':
        return applySettings(ctx, { paused: intent.kind === 'pause' });
      case 'career-jobs':
      case 'career-move':
      case 'career-open':
        return careerReply(ctx, intent)!;
      case 'stuck':
      case 'too-easy':
      case 'skip':
      case 'broken-link':
      case 'thanks':
      case 'low-energy': {
        // During set-up, "ok thanks" answers "Is Europe/Berlin right?" (as "ok" did before "thanks" was read).
        const own = intent.kind === 'thanks' && ctx.learner.onboarding === 'timezone' && LEADING_YES.test(text.trim()) ? onboardingText(ctx, text) : null;
        if (own) return own;
        // "help me with web development" (no name said): before a goal the goal parser reads it and with a plan a goal it
        // names is offered, as when it was plain text; otherwise it is help with the current concept.
        if (helpTopicForParser(ctx, intent)) {
          if (ctx.learner.onboarding === 'goal') return goalFromText(ctx, text);
          const offer = ctx.learner.onboarding === 'done' ? this.goalNamed(ctx, text) : null;
          if (offer) return offer;
        }
        return answerSituation(ctx, intent);
      }
      default:
        break;
    }
    if (ctx.learner.onboarding === 'goal') return goalFromText(ctx, text);
    if (ctx.learner.onboarding !== 'done' && intent.kind !== 'goal') {
      const r = onboardingText(ctx, text);
      if (r) return r;
    }
    if (intent.kind === 'goal') return goalFromText(ctx, intent.text);
    if (intent.kind === 'yes' || intent.kind === 'no') return reply(say('Yes or no to what? Type "help" to see what I can do.'), buttons(commandButton("Today's task", 'today'), commandButton('Help', 'help')));
    return this.fallback(ctx, text);
  }

  /** Text nothing else understood: a near-miss command, a goal mentioned in passing, or a helpful menu. */
  private fallback(ctx: TurnContext, text: string): Reply {
    if (!/\s/.test(text) && text.length <= 32) {
      const close = closestNames(text, this.deps.commands.map((c) => c.name), 2).slice(0, 3);
      if (close.length > 0) return reply(say(`Did you mean ${close.map((c) => `/${c}`).join(' or ')}?`), buttons(...close.map((c) => commandButton(`/${c}`, c))));
    }
    return (
      this.goalNamed(ctx, text) ??
      reply(
        say(
          "I didn't catch that. You can say \"next\" for today's task, \"quiz me\", \"done\" when you've finished a task, " +
            '"I want to learn …" for a new goal, or "help" for everything I can do.',
        ),
        buttons(commandButton("Today's task", 'today'), commandButton('Quiz me', 'quiz'), commandButton('Help', 'help')),
      )
    );
  }

  /** A goal or concept `text` names, offered (or said to be on the path already); null when it names none. */
  private goalNamed(ctx: TurnContext, text: string): Reply | null {
    // Not a goal statement: only a name said counts ("kubernetes"); by meaning, "help me write my cv" was scikit-learn (cross-validation).
    // A wish said as one ("I want to package my service so it runs the same everywhere") is still read by meaning.
    const parsed = couldBeGoal(text) ? parseGoal(ctx, text, { namesOnly: !WISH.test(text.toLowerCase()) }) : { match: null };
    return parsed.match && nodeTitle(ctx.services.graph, parsed.match) ? namedNodeReply(ctx, parsed.match) : null;
  }

  private failure(err: unknown, event: Incoming, learnerId: string): Reply {
    const code = err instanceof PathwiseError ? err.code : 'INTERNAL';
    const what = event?.kind === 'action' ? String(event.action) : event?.kind === 'command' ? `/${String(event.name)}` : 'text';
    // Never what the learner typed, not even a prefix: its length, and error messages with the text masked.
    const typed = (event?.kind === 'text' || event?.kind === 'command') && typeof event.text === 'string' ? event.text : '';
    const textLength = typed ? typed.length : undefined;
    if (err instanceof UserError) {
      this.deps.log.log('info', 'turn.user_error', { learnerId, kind: event?.kind, what, code, textLength });
      // The planner's message names ids (for the command line); the learner reads titles, and may bring back what they set aside.
      return err instanceof NoPathError ? noPathReply(this.deps.graph, err) : reply(say(err.message));
    }
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    this.deps.log.log('error', 'turn.failed', { learnerId, kind: event?.kind, what, code, textLength, error: maskTyped(message, typed) });
    return reply(say(`Sorry, something went wrong on my side (error ${code}). It's not something you did; please try again in a moment.`), buttons(commandButton('Help', 'help')));
  }
}

/** An error message with whatever the learner typed (and any 6+ character word of it) masked, for the log. */
function maskTyped(message: string, typed: string): string {
  if (!typed) return message;
  let out = message.split(typed).join('[typed text]');
  for (const word of new Set(typed.split(/\s+/).filter((w) => w.length >= 6))) out = out.split(word).join('[typed text]');
  return out;
}
