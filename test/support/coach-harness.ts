/**
 * Drives the whole coach at its own interface, like hubot's DummyAdapter:
 * text, commands and button presses in, Reply values out, with a manual
 * clock, the fixture graph, the embedded engines in a temp dir and a gateway
 * that records bot-initiated messages.
 */
import type { TeachingPolicy } from '../../src/core/sim/policies.ts';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/config.ts';
import { Coach } from '../../src/coach/coach.ts';
import { loadCommands } from '../../src/coach/command-loader.ts';
import { MemoryLogger } from '../../src/coach/logger.ts';
import type { Button, ConversationRef, Incoming, Reply } from '../../src/core/chat/messages.ts';
import { GoalParser } from '../../src/core/goal/goal-parser.ts';
import type { KnowledgeGraph } from '../../src/core/graph/types.ts';
import { createBktParamSource } from '../../src/core/kt/bkt-params.ts';
import { planPath } from '../../src/core/plan/planner.ts';
import type { ChatGateway } from '../../src/core/ports/chat.port.ts';
import { ManualClock } from '../../src/core/ports/clock.port.ts';
import type { LearnerStore } from '../../src/core/ports/learner-store.port.ts';
import { seededRng } from '../../src/core/random.ts';
import { InProcessScheduler } from '../../src/engines/embedded/in-process-scheduler.ts';
import { NedbLearnerStore } from '../../src/engines/embedded/nedb-learner-store.ts';
import { NedbCohortStore } from '../../src/engines/embedded/nedb-cohort-store.ts';
import { fixtureGraph } from './fixture-graph.ts';
import { fixtureCatalogue } from './fixture-catalogue.ts';
import { lazySemanticIndex } from '../../src/embeddings/semantic-index.ts';
import { lazyWordVectors } from '../../src/embeddings/word-vectors-file.ts';
import type { CareerCatalogue } from '../../src/core/career/occupation.ts';
import { tempDir } from './temp-dir.ts';
import type { ReviewParamFitter } from '../../src/core/ports/review-fitter.port.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The shipped word vectors, read once per test file for every harness that understands by meaning. */
const sharedVectors = lazyWordVectors();

export class RecordingGateway implements ChatGateway {
  readonly sent: { to: ConversationRef; reply: Reply }[] = [];
  failNext = 0;
  async send(to: ConversationRef, reply: Reply): Promise<{ messageId?: string }> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('platform unavailable');
    }
    this.sent.push({ to, reply });
    return { messageId: `m${this.sent.length}` };
  }
}

export const textOf = (r: Reply | Reply[]): string =>
  (Array.isArray(r) ? r : [r])
    .flatMap((x) => x.blocks)
    .map((b) => (b.kind === 'text' ? b.text : b.kind === 'progress' ? `[${b.label} ${Math.round(b.value * 100)}%]` : b.kind === 'buttons' ? b.buttons.map((x) => `(${x.label})`).join(' ') : ''))
    .join('\n');

export const buttonsOf = (r: Reply | Reply[]): Button[] =>
  (Array.isArray(r) ? r : [r]).flatMap((x) => x.blocks).flatMap((b) => (b.kind === 'buttons' ? b.buttons : []));

export interface HarnessOptions {
  start?: string;
  dir?: string;
  graph?: KnowledgeGraph;
  store?: LearnerStore;
  user?: string;
  platform?: ConversationRef['platform'];
  timezone?: string;
  /** O*NET occupations for career questions; default: the small fixture catalogue. */
  careers?: CareerCatalogue;
  /** Goals understood by meaning too (the shipped word vectors and plain words); default: names only, as the other suites expect. */
  meaning?: boolean;
  /** The learned teaching policy to serve (flows/policy-advice.ts); none: the rules alone. */
  teachingPolicy?: TeachingPolicy;
  /** Fits FSRS parameters per learner from 300 answers on; none: everyone keeps the defaults. */
  reviewFitter?: ReviewParamFitter;
}

export class CoachHarness {
  readonly log = new MemoryLogger();
  readonly gateway = new RecordingGateway();
  last: Reply[] = [];
  from: ConversationRef;

  private constructor(
    readonly coach: Coach,
    readonly store: LearnerStore,
    readonly cohorts: NedbCohortStore,
    readonly scheduler: InProcessScheduler,
    readonly clock: ManualClock,
    readonly dir: string,
    readonly cleanup: () => Promise<void>,
    readonly graph: KnowledgeGraph,
    user: string,
    platform: ConversationRef['platform'],
  ) {
    this.from = { platform, workspace: platform === 'terminal' ? 'local' : 'W1', channel: 'C1', user };
  }

  static async create(opts: HarnessOptions = {}): Promise<CoachHarness> {
    const t = opts.dir ? null : tempDir();
    const dir = opts.dir ?? t!.dir;
    const clock = new ManualClock(opts.start ?? '2026-03-02T08:00:00Z');
    const graph = opts.graph ?? fixtureGraph();
    const store = opts.store ?? (await NedbLearnerStore.open(dir));
    const cohorts = await NedbCohortStore.open(dir);
    const scheduler = await InProcessScheduler.open(dir, { clock, pollMaxMs: 3_600_000, backoffBaseMs: 60_000 });
    const commands = await loadCommands(join(PACKAGE_ROOT, 'commands'));
    const holder: { h?: CoachHarness } = {};
    const bkt = createBktParamSource({ difficultyOf: (id) => graph.concepts.get(id)?.difficulty });
    const coach = new Coach({
      graph,
      store,
      cohorts,
      scheduler,
      careers: () => opts.careers ?? fixtureCatalogue(),
      clock,
      rng: seededRng(42),
      plan: planPath,
      goals: new GoalParser(
        graph,
        opts.meaning ? { semantic: lazySemanticIndex(graph, { vectors: sharedVectors, catalogue: () => opts.careers ?? fixtureCatalogue() }), frequencyRank: (word) => sharedVectors().indexOf(word) } : {},
      ),
      bktParams: (id) => bkt.paramsFor(id),
      masteryThreshold: 0.95,
      remediateAfter: 3,
      ...(opts.teachingPolicy ? { teachingPolicy: opts.teachingPolicy } : {}),
      ...(opts.reviewFitter ? { reviewFitter: opts.reviewFitter } : {}),
      defaultTimezone: () => opts.timezone ?? 'Europe/Berlin',
      commands,
      gateway: { send: (to, r) => holder.h!.gateway.send(to, r) },
      log: { log: (l, e, f) => holder.h!.log.log(l, e, f) },
    });
    const h = new CoachHarness(
      coach,
      store,
      cohorts,
      scheduler,
      clock,
      dir,
      async () => {
        await scheduler.stop();
        await store.close();
        await cohorts.close();
        t?.remove();
      },
      graph,
      opts.user ?? 'ana',
      opts.platform ?? 'slack',
    );
    holder.h = h;
    await scheduler.start((job) => coach.handleJob(job));
    return h;
  }

  get learnerId(): string {
    return `${this.from.platform}:${this.from.workspace}:${this.from.user}`;
  }

  async event(e: DistributiveOmit<Incoming, 'from'> & { from?: ConversationRef }): Promise<string> {
    this.last = await this.coach.handle({ from: this.from, ...e } as Incoming);
    return textOf(this.last);
  }

  say(text: string): Promise<string> {
    return this.event({ kind: 'text', text });
  }

  command(name: string, text = ''): Promise<string> {
    return this.event({ kind: 'command', name, text });
  }

  /** Presses the button of the last reply whose label contains `label` (case-insensitive). */
  press(label: string | RegExp): Promise<string> {
    const b = buttonsOf(this.last).find((x) => (typeof label === 'string' ? x.label.toLowerCase().includes(label.toLowerCase()) : label.test(x.label)));
    if (!b) throw new Error(`no button "${String(label)}" in:\n${textOf(this.last)}`);
    return this.event({ kind: 'action', action: b.action, value: b.value });
  }

  /** True while the last reply asks a quiz question. */
  get asking(): boolean {
    return buttonsOf(this.last).some((b) => b.action === 'quiz.answer');
  }

  /** The concept id of the question being asked. */
  get askedConcept(): string | null {
    const b = buttonsOf(this.last).find((x) => x.action === 'quiz.answer');
    return b ? b.value.split('|')[0]!.replace(/-q\d$/, '') : null;
  }

  /** Answers the current question rightly or wrongly, by pressing its letter button. */
  answer(correct: boolean): Promise<string> {
    const b = this.answerButton(correct);
    return this.event({ kind: 'action', action: b.action, value: b.value });
  }

  /** The letter button of the current question's right (or a wrong) answer. */
  answerButton(correct: boolean): Button {
    const choices = buttonsOf(this.last).filter((b) => b.action === 'quiz.answer' && !b.value.endsWith('|idk'));
    if (choices.length === 0) throw new Error(`no question asked in:\n${textOf(this.last)}`);
    const itemId = choices[0]!.value.split('|')[0]!;
    const right = this.graph.quizItems.get(itemId)!.answer;
    return choices.find((c) => (Number(c.value.split('|')[1]) === right) === correct)!;
  }

  /** The letter (A, B, …) the current question shows its right (or a wrong) answer under. */
  answerLetter(correct: boolean): string {
    return this.answerButton(correct).label;
  }

  /** Onboards with a goal, answers the self-check with `level`, 30 min/day at 08:00 in the proposed zone. */
  async onboard(goalText = 'I want to become a data analyst', level: 'Not at all' | 'A bit' | 'Well' = 'Not at all'): Promise<string> {
    await this.say('hi');
    await this.say(goalText);
    // A self-check of "A bit" or "Well" is followed by a placement quiz, answered here as someone who knows it.
    for (let i = 0; i < 30; i++) {
      if (this.asking) await this.answer(true);
      else if (buttonsOf(this.last).some((b) => b.action === 'setup.assess')) await this.press(level);
      else break;
    }
    await this.press('30 min');
    await this.press('08:00');
    return this.press('Yes');
  }

  async learner() {
    return this.store.getLearner(this.learnerId);
  }
}
