/**
 * The whole loop through the terminal adapter, in-process with a manual
 * clock: goal from free text, setup, plan, quizzes with mastery rising and
 * the plan moving, a review prompt arriving later in the open chat, a
 * restart on the same data dir with everything still there, and forget-me
 * leaving nothing behind.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { TerminalChat } from '../../src/adapters/terminal/terminal.adapter.ts';
import { progressBar, renderReplies } from '../../src/adapters/terminal/terminal-render.ts';
import type { Config } from '../../src/config.ts';
import { ManualClock } from '../../src/core/ports/clock.port.ts';
import { InProcessScheduler } from '../../src/engines/embedded/in-process-scheduler.ts';
import { NedbLearnerStore } from '../../src/engines/embedded/nedb-learner-store.ts';
import { fixtureGraph, rightAnswer } from '../support/fixture-graph.ts';
import { tempDir } from '../support/temp-dir.ts';
import { waitFor } from '../contracts/scheduler.contract.ts';

const ref = { platform: 'terminal' as const, workspace: 'local', channel: 'terminal', user: 'me' };

class Session {
  readonly input = new PassThrough();
  readonly output = new PassThrough();
  readonly chunks: string[] = [];
  readonly terminal = new TerminalChat({ input: this.input, output: this.output, ref });
  running: Promise<void> | null = null;
  constructor(readonly app: App) {
    this.output.on('data', (d: Buffer) => this.chunks.push(d.toString('utf8')));
  }
  static async open(config: Config, clock: ManualClock): Promise<Session> {
    const holder: { s?: Session } = {};
    const app = await buildApp(config, { send: (to, r) => holder.s!.terminal.send(to, r) }, { clock, graph: fixtureGraph(), seed: 7 });
    const s = new Session(app);
    holder.s = s;
    await app.startJobs();
    s.running = s.terminal.run((e) => app.coach.handle(e));
    return s;
  }
  get last(): string {
    return this.chunks[this.chunks.length - 1] ?? '';
  }
  /** Types a line and returns the reply written for it. */
  async type(line: string): Promise<string> {
    const n = this.chunks.length;
    this.input.write(line + '\n');
    if (!(await waitFor(() => this.chunks.length > n, 5_000, 5))) throw new Error(`no reply to "${line}"`);
    return this.last;
  }
  /** The number of the button whose label matches, in the last output. */
  number(label: RegExp): string {
    for (const m of this.last.matchAll(/\[(\d+)\] (.*)/g)) if (label.test(m[2]!)) return m[1]!;
    throw new Error(`no button ${label} in:\n${this.last}`);
  }
  press(label: RegExp): Promise<string> {
    return this.type(this.number(label));
  }
  /** Answers the question on screen. */
  answer(correct: boolean): Promise<string> {
    const q = /Question (\d) about ([\w ]+)\?/.exec(this.last);
    if (!q) throw new Error(`no question in:\n${this.last}`);
    const options = [...this.last.matchAll(/\[(\d+)\] (\w+) (right|wrong) (\w+)/g)];
    const pick = options.find((o) => (o[3] === 'right') === correct)!;
    expect(rightAnswer(`${pick[2]}-q${q[1]}`) === `${pick[2]} ${pick[3]} ${pick[4]}`).toBe(correct);
    return this.type(pick[1]!);
  }
  async close(): Promise<void> {
    this.input.end();
    await this.running;
    await this.app.close();
  }
}

describe('terminal chat, whole loop', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('plans, quizzes, adapts, reviews, survives a restart and forgets', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const config: Config = { roadmapsDir: t.dir, dataDir: join(t.dir, 'data'), logLevel: 'info', timezone: 'Europe/Berlin', ktMappingFile: null, mongodbUrl: null, redisUrl: null, queue: { prefix: 'pathwise', concurrency: 20 } };
    const clock = new ManualClock('2026-03-02T08:00:00Z');
    let s = await Session.open(config, clock);
    cleanups.push(() => s.close());

    expect(await s.type('hi')).toMatch(/I'm Pathwise/);
    expect(await s.type('I want to become a data analyst')).toMatch(/Goal: Data Analyst[\s\S]*How well do you know Programming Basics\?/);
    await s.press(/Not at all/);
    await s.press(/Not at all/);
    expect(await s.press(/Skip the rest/)).toMatch(/How much time/);
    expect(await s.press(/30 min/)).toMatch(/At what hour/);
    expect(await s.type('9')).toMatch(/looks like Europe\/Berlin/);
    const setup = await s.press(/Yes, Europe\/Berlin/);
    expect(setup).toMatch(/All set\. I'll check in every day at 09:00 \(Europe\/Berlin\)/);
    expect(setup).toMatch(/1\. Programming Basics Course \(course, 1 h\)/);

    // Quiz until basics is mastered: mastery rises, then the plan moves on.
    expect(await s.type('quiz me')).toMatch(/Quiz on Programming Basics/);
    const bars: number[] = [];
    let said = '';
    for (let i = 0; i < 8 && !/mastered/.test(said); i++) {
      if (!/Question/.test(s.last)) await s.type('quiz');
      said = await s.answer(true);
      const m = /(\d+)%\s+Programming Basics/.exec(said);
      if (m) bars.push(Number(m[1]));
    }
    expect(bars.length).toBeGreaterThan(1);
    expect(bars).toEqual([...bars].sort((a, b) => a - b));
    expect(said).toMatch(/mastered Programming Basics[\s\S]*plan moves on: next up is Python Course/);
    expect(await s.type('plan')).toMatch(/1\. Python Course/);
    expect(await s.type('progress')).toMatch(/9\d%\s+Programming Basics/);

    // A day later the review prompt arrives in the open chat.
    const cards = await s.app.store.nextDue('terminal:local:me');
    expect(cards).not.toBeNull();
    const [job] = await s.app.scheduler.list('learner:terminal:local:me:review');
    clock.set(job!.next!);
    const before = s.chunks.length;
    await (s.app.scheduler as InProcessScheduler).runDue();
    expect(await waitFor(() => s.chunks.slice(before).some((c) => /due for review/.test(c)), 3_000)).toBe(true);
    const prompt = s.chunks.slice(before).find((c) => /due for review/.test(c))!;
    expect(prompt).toMatch(/\[\d\] Review now/);
    expect(await s.press(/Review now/)).toMatch(/Review \(1\/\d+\)/);
    await s.answer(true);

    // Restart: new instances on the same data dir.
    const progressBefore = await s.type('progress');
    await s.close();
    cleanups.pop();
    s = await Session.open(config, clock);
    cleanups.push(() => s.close());
    expect(await s.type('progress')).toBe(progressBefore);
    expect(await s.type('plan')).toMatch(/1\. Python Course/);
    expect((await s.app.scheduler.list('learner:terminal:local:me:')).map((e) => e.key)).toContain('learner:terminal:local:me:daily');

    // Forget me: nothing left, in the store, the schedules or the files.
    expect(await s.type('/forget-me')).toMatch(/cannot be undone/);
    expect(await s.press(/Yes, delete everything/)).toMatch(/deleted/);
    expect(await s.app.store.getLearner('terminal:local:me')).toBeNull();
    expect(await s.app.store.listAttempts('terminal:local:me')).toEqual([]);
    expect(await s.app.scheduler.list()).toEqual([]);
    await s.close();
    cleanups.pop();
    for (const f of readdirSync(config.dataDir).filter((n) => n.endsWith('.db'))) {
      expect(readFileSync(join(config.dataDir, f), 'utf8')).not.toContain('terminal:local:me');
    }
  });

  it('renders progress bars and numbers buttons across replies', () => {
    expect(progressBar(0.5)).toBe('██████████░░░░░░░░░░  50%');
    const { text, buttons } = renderReplies([
      { blocks: [{ kind: 'text', text: 'a\u001b[31m' }, { kind: 'buttons', buttons: [{ label: 'One', action: 'x', value: '1' }] }] },
      { blocks: [{ kind: 'progress', label: 'SQL', value: 2 }, { kind: 'buttons', buttons: [{ label: 'Two', action: 'y', value: '2' }] }] },
    ]);
    expect(text).toBe('a\n  [1] One\n\n  ████████████████████ 100%  SQL\n  [2] Two');
    expect(buttons.map((b) => b.value)).toEqual(['1', '2']);
  });

  it('builds on engines opened elsewhere (the worker) and leaves closing them to their owner', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const clock = new ManualClock('2026-03-02T08:00:00Z');
    const store = await NedbLearnerStore.open(t.dir);
    const scheduler = await InProcessScheduler.open(t.dir, { clock });
    cleanups.push(async () => {
      await scheduler.stop();
      await store.close();
    });
    const config: Config = { roadmapsDir: t.dir, dataDir: join(t.dir, 'data'), logLevel: 'info', timezone: 'UTC', ktMappingFile: null, mongodbUrl: null, redisUrl: null, queue: { prefix: 'pathwise', concurrency: 20 } };
    const app = await buildApp(config, { send: async () => ({}) }, { clock, graph: fixtureGraph(), engines: { store, scheduler } });
    expect(app.store).toBe(store);
    await app.coach.handle({ kind: 'text', from: ref, text: 'hi' });
    await app.close();
    expect(await store.getLearner('terminal:local:me')).not.toBeNull();
  });
});
