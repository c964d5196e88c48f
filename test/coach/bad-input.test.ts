/**
 * Nothing a person types can crash the coach or change what it should not:
 * empty, huge, binary, emoji-only and injection-like text get a helpful
 * reply; unknown commands list the close ones; forged buttons are refused;
 * a failing store gets an apology with an error code, logged with context.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LearnerStore } from '../../src/core/ports/learner-store.port.ts';
import type { Incoming } from '../../src/core/chat/messages.ts';
import { NedbLearnerStore } from '../../src/engines/embedded/nedb-learner-store.ts';
import { buttonsOf, CoachHarness } from '../support/coach-harness.ts';
import { tempDir } from '../support/temp-dir.ts';

describe('bad input', () => {
  let h: CoachHarness;
  afterEach(async () => h?.cleanup());

  const snapshot = async () => {
    const l = await h.learner();
    return l ? { ...l, updatedAt: 'x', version: 0, stats: { ...l.stats, lastActiveDay: null, streakDays: 0 } } : null;
  };

  const cases: [string, string, RegExp][] = [
    ['empty', '', /empty message/],
    ['whitespace', '   \t  ', /empty message/],
    ['huge (100 KB)', 'learn '.repeat(17_000), /too long/],
    ['control characters', '\u0000\u0001\u0002\ufffd\u001b[31m\u0007\u200b', /empty message|couldn't find any words/],
    ['binary', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256)).toString('utf8'), /empty message|couldn't find any words|didn't catch that|too long/],
    ['emoji only', '🚀🔥😀🎉', /couldn't find any words/],
  ];

  for (const [name, text, expected] of cases) {
    it(`answers ${name} text helpfully and changes nothing`, async () => {
      h = await CoachHarness.create();
      await h.onboard();
      const before = await snapshot();
      const said = await h.say(text);
      expect(said).toMatch(expected);
      expect(buttonsOf(h.last).length).toBeGreaterThan(0);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('treats injection-like text as plain text: no goal change, nothing stored as an operator', async () => {
    h = await CoachHarness.create();
    await h.onboard();
    const before = await snapshot();
    for (const text of ['{"$gt": ""}', '<script>alert(1)</script>', "'; DROP TABLE learners; --", '{"$where": "sleep(1000)"}']) {
      const said = await h.say(text);
      expect(said).not.toMatch(/Sorry, something went wrong/);
      expect(said).not.toContain('<script>');
    }
    expect(await snapshot()).toEqual(before);
    // As a goal, during onboarding, it matches nothing and says so.
    const other = await CoachHarness.create({ dir: tempDir().dir, user: 'eve' });
    try {
      await other.say('hi');
      expect(await other.say('{"$gt": ""}')).toMatch(/couldn't (match that|find any words)|Tell me in a few words what you want to learn/);
      expect(await other.say('<script>alert(1)</script>')).toMatch(/couldn't match that/);
      expect((await other.learner())!.goals).toEqual([]);
    } finally {
      await other.cleanup();
    }
  });

  it('lists close commands for an unknown one, and suggests for near-miss words', async () => {
    h = await CoachHarness.create();
    await h.onboard();
    expect(await h.say('/plna')).toMatch(/I don't know \/plna\. Did you mean \/plan\?/);
    expect(await h.command('progres')).toMatch(/Did you mean \/progress/);
    expect(await h.say('/xyzzy')).toMatch(/Type "help"/);
    expect(await h.say('revew')).toMatch(/Did you mean \/review/);
    expect(await h.say('/$gt{}')).toMatch(/I don't know \/gt/);
  });

  it('refuses bad command options with the usage, and forged or stale buttons', async () => {
    h = await CoachHarness.create();
    await h.onboard();
    expect(await h.command('settings', 'hour=99')).toMatch(/hour must be between 0 and 23\. Usage: \/settings/);
    expect(await h.command('settings', 'timezone=Not/AZone')).toMatch(/don't know that time zone/);
    expect(await h.command('settings', 'colour=red')).toMatch(/don't know the option "colour"/);
    expect(await h.command('quiz', 'underwater basket weaving')).toMatch(/I don't have a quiz on/);
    expect(await h.event({ kind: 'action', action: 'quiz.answer', value: 'basics-q1|0' })).toMatch(/already answered or has expired/);
    expect(await h.event({ kind: 'action', action: 'goal.pick', value: '{"$gt": ""}' })).toMatch(/don't know that goal/);
    expect(await h.event({ kind: 'action', action: 'quiz.concept', value: 'x'.repeat(300) })).toMatch(/not one of mine/);
    expect(await h.event({ kind: 'action', action: 'no.such.action', value: '' })).toMatch(/no longer active/);
    expect((await h.learner())!.goals).toEqual(['data-analyst']);
  });

  it('never throws on malformed events', async () => {
    h = await CoachHarness.create();
    const bad = [null, {}, { kind: 'text' }, { kind: 'text', from: { platform: 'irc', workspace: 'x', channel: 'y', user: 'z' }, text: 'hi' }, { kind: 'action', from: h.from }];
    for (const e of bad) {
      const replies = await h.coach.handle(e as unknown as Incoming);
      expect(replies).toHaveLength(1);
    }
  });

  it('apologises with an error code when the store fails, logs the context without the message, and recovers', async () => {
    const t = tempDir();
    const real = await NedbLearnerStore.open(t.dir);
    let broken = false;
    const store = new Proxy(real, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          if (broken && prop === 'getLearner') return Promise.reject(new Error('disk on fire: secret-token-123'));
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    }) as LearnerStore;
    h = await CoachHarness.create({ dir: t.dir, store });
    await h.onboard();
    broken = true;
    const said = await h.say('my secret diary entry that is long');
    expect(said).toMatch(/Sorry, something went wrong on my side \(error INTERNAL\)/);
    expect(said).not.toMatch(/disk on fire/);
    const line = h.log.lines.find((l) => l.event === 'turn.failed')!;
    expect(line.fields).toMatchObject({ learnerId: h.learnerId, kind: 'text', code: 'INTERNAL' });
    expect(String(line.fields.text)).not.toContain('diary entry that is long');
    broken = false;
    expect(await h.say('plan')).toMatch(/Your path to Data Analyst/);
  });

  it('serializes concurrent turns of one learner', async () => {
    h = await CoachHarness.create();
    await h.onboard();
    const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => h.coach.handle({ kind: 'command', from: h.from, name: 'settings', text: `minutes=${10 + i}` })));
    expect(replies.every((r) => /Saved/.test(JSON.stringify(r)))).toBe(true);
    expect((await h.learner())!.settings.minutesPerDay).toBe(17);
  });
});

describe('concurrency across processes and bad jobs', () => {
  it('retries a turn that lost an optimistic-version race to another coach on the same store', async () => {
    const a = await CoachHarness.create();
    const b = await CoachHarness.create({ dir: tempDir().dir, store: a.store });
    try {
      await a.onboard();
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).coach.handle({ kind: 'command', from: a.from, name: 'settings', text: `minutes=${20 + i}` })),
      );
      expect(results.every((r) => /Saved/.test(JSON.stringify(r)))).toBe(true);
      expect([...a.log.lines, ...b.log.lines].some((l) => l.event === 'turn.conflict')).toBe(true);
      const l = (await a.learner())!;
      expect(l.version).toBeGreaterThanOrEqual(7);
    } finally {
      await b.cleanup();
      await a.cleanup();
    }
  });

  it('refuses a job with a bad payload as unrecoverable, and drops re-sent events', async () => {
    const h = await CoachHarness.create();
    try {
      await expect(h.coach.handleJob({ key: 'k', payload: { type: 'daily-task' } as never, scheduledFor: new Date(), attempt: 1 })).rejects.toMatchObject({ code: 'JOB_UNRECOVERABLE' });
      expect(await h.coach.handle({ kind: 'text', from: h.from, text: 'hi', eventId: 'ev1' })).toHaveLength(1);
      expect(await h.coach.handle({ kind: 'text', from: h.from, text: 'hi', eventId: 'ev1' })).toEqual([]);
    } finally {
      await h.cleanup();
    }
  });
});
