/**
 * FSRS reviews and scheduled messages: seen quiz items become cards, a
 * review-due job is scheduled when they fall due, the prompt arrives once
 * (deliverOnce), `review` serves the due cards and FSRS moves them on; the
 * daily task arrives at the local hour once per local date; pause, settings
 * and forget-me move or cancel the schedules.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CoachHarness, textOf } from '../support/coach-harness.ts';

const DAY = 86_400_000;

describe('reviews and scheduled jobs', () => {
  let h: CoachHarness;
  afterEach(async () => h?.cleanup());

  it('turns answered items into cards, prompts once when they are due, and reviews them with FSRS', async () => {
    h = await CoachHarness.create({ start: '2026-03-02T08:00:00Z' });
    await h.onboard();
    await h.say('quiz me');
    await h.answer(true);
    await h.answer(false);
    await h.answer(true);
    const asked = (await h.store.listAttempts(h.learnerId)).map((a) => a.itemId);
    expect(asked).toHaveLength(3);
    const cards = await Promise.all(asked.map((id) => h.store.getCard(h.learnerId, id)));
    expect(cards.every(Boolean)).toBe(true);
    // Wrong → Again (due in a day), right → Good (a few days).
    const dues = cards.map((c) => Date.parse(c!.due) - Date.parse('2026-03-02T08:00:00Z')).sort((a, b) => a - b);
    expect(dues[0]).toBe(DAY);
    expect(dues[2]).toBeGreaterThan(DAY);

    const [job] = await h.scheduler.list(`learner:${h.learnerId}:review`);
    expect(job?.payload).toEqual({ type: 'review-due', learnerId: h.learnerId, to: h.from });
    expect(job?.next?.toISOString()).toBe('2026-03-03T08:00:00.000Z');
    expect(await h.say('review')).toMatch(/Nothing to review right now\. Your next review is due in about 24 hour/);

    // The daily task at 08:00 Berlin (07:00Z) comes first, then the review prompt at 08:00Z.
    h.clock.set('2026-03-03T08:00:00Z');
    expect(await h.scheduler.runDue()).toBe(2);
    const texts = h.gateway.sent.map((s) => textOf(s.reply));
    expect(texts[0]).toMatch(/Good day! Here is your task for today/);
    expect(texts[1]).toMatch(/1 card is due for review/);
    expect(h.gateway.sent.every((s) => s.to.user === 'ana')).toBe(true);
    expect(await h.store.getDelivery(`review:${h.learnerId}:2026-03-03T08:00:00.000Z`)).toMatchObject({ state: 'sent' });
    expect(await h.store.getDelivery(`daily:${h.learnerId}:2026-03-03`)).toMatchObject({ state: 'sent' });

    // A re-run of the same jobs sends nothing twice.
    await h.coach.handleJob({ key: `learner:${h.learnerId}:review`, payload: job!.payload, scheduledFor: new Date('2026-03-03T08:00:00Z'), attempt: 2 });
    await h.coach.handleJob({ key: `learner:${h.learnerId}:daily`, payload: { type: 'daily-task', learnerId: h.learnerId, to: h.from }, scheduledFor: new Date('2026-03-03T07:00:00Z'), attempt: 2 });
    expect(h.gateway.sent).toHaveLength(2);

    const review = await h.say('review');
    expect(review).toMatch(/1 card due for review/);
    expect(review).toMatch(/Review \(1\/1\) Question \d about Programming Basics/);
    const [due] = await h.store.dueCards(h.learnerId, h.clock.now(), 10);
    const before = await h.store.getCard(h.learnerId, due!.itemId);
    const after = await h.answer(true);
    expect(after).toMatch(/Reviews done: 1\/1 right/);
    const moved = await h.store.getCard(h.learnerId, due!.itemId);
    expect(Date.parse(moved!.due)).toBeGreaterThan(Date.parse(before!.due));
    expect((moved!.card as { reps: number }).reps).toBe(2);
    // The next prompt is scheduled for the next due card.
    const [next] = await h.scheduler.list(`learner:${h.learnerId}:review`);
    expect(next!.next!.getTime()).toBeGreaterThan(h.clock.now().getTime());
  });

  it('sends the daily task once per local date, and retries a failed send', async () => {
    h = await CoachHarness.create({ start: '2026-03-02T08:00:00Z' });
    await h.onboard();
    const [daily] = await h.scheduler.list(`learner:${h.learnerId}:daily`);
    expect(daily!.next!.toISOString()).toBe('2026-03-03T07:00:00.000Z');
    h.clock.set('2026-03-03T07:00:00Z');
    h.gateway.failNext = 1;
    await h.scheduler.runDue();
    expect(h.gateway.sent).toHaveLength(0);
    // Not recorded as sent: the claim stays with its lease ended, so the retry asks the platform, then sends.
    expect((await h.store.getDelivery(`daily:${h.learnerId}:2026-03-03`))?.state).toBe('sending');
    h.clock.advance(60_000);
    await h.scheduler.runDue();
    expect(h.gateway.sent).toHaveLength(1);
    expect(textOf(h.gateway.sent[0]!.reply)).toMatch(/Today: Programming Basics Course/);
    h.clock.advance(10 * 60_000);
    await h.scheduler.runDue();
    expect(h.gateway.sent).toHaveLength(1);
    expect((await h.scheduler.list(`learner:${h.learnerId}:daily`))[0]!.next!.toISOString()).toBe('2026-03-04T07:00:00.000Z');
  });

  it('sends one daily task per local date at 23:00 in America/Nuuk across the spring change, where 23:00 on 2026-03-28 does not exist', async () => {
    // Nuuk goes from UTC-2 to UTC-1 at 01:00Z on 2026-03-29: the clock jumps from 22:59 on the 28th to 00:00 on the 29th.
    // The 28th's task comes at that 00:00 (the first instant after 23:00) and counts for the 28th, not the 29th.
    h = await CoachHarness.create({ start: '2026-03-27T12:00:00Z', timezone: 'America/Nuuk' });
    await h.onboard();
    expect(await h.command('settings', 'hour=23 timezone=America/Nuuk')).toMatch(/Saved: daily hour 23:00; time zone America\/Nuuk/);
    const runs: string[] = [];
    for (let i = 0; i < 5; i++) {
      const [daily] = await h.scheduler.list(`learner:${h.learnerId}:daily`);
      runs.push(daily!.next!.toISOString());
      h.clock.set(daily!.next!);
      expect(await h.scheduler.runDue()).toBe(1);
    }
    expect(runs).toEqual(['2026-03-28T01:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:00:00.000Z', '2026-03-31T00:00:00.000Z', '2026-04-01T00:00:00.000Z']);
    // Five runs, five tasks: one per local date from the 27th to the 31st, none lost to a date the next run also claims.
    expect(h.gateway.sent.map((s) => textOf(s.reply))).toHaveLength(5);
    for (const s of h.gateway.sent) expect(textOf(s.reply)).toMatch(/Today:/);
    for (const day of ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31']) {
      expect((await h.store.getDelivery(`daily:${h.learnerId}:${day}`))?.state, day).toBe('sent');
    }
    // A re-run of the run after the gap (a retry after a crash) sends nothing more.
    await h.coach.handleJob({ key: `learner:${h.learnerId}:daily`, payload: { type: 'daily-task', learnerId: h.learnerId, to: h.from }, scheduledFor: new Date(runs[1]!), day: '2026-03-28', attempt: 2 });
    expect(h.gateway.sent).toHaveLength(5);
  });

  // An ordinary evening: the 23:00 task comes and the learner finishes it after midnight. And Nuuk's 28th, whose 23:00
  // task comes at 00:00 on the 29th and is the 28th's delivery (dailyRunDate): "done" that night is about it too.
  it.each([
    ['Europe/Berlin', '2026-03-10T12:00:00Z', '2026-03-10T22:00:00.000Z', 80],
    ['America/Nuuk', '2026-03-28T12:00:00Z', '2026-03-29T01:00:00.000Z', 20],
  ] as const)('"done" at 00:20 marks the task the 23:00 daily message brought for the day before (%s)', async (zone, start, run, minutesLater) => {
    h = await CoachHarness.create({ start, timezone: zone });
    await h.onboard();
    await h.command('settings', `hour=23 timezone=${zone}`);
    expect(await h.say('done')).toMatch(/Done: /); // The first task, shown at onboarding.
    while (h.asking) await h.say('skip');
    const [daily] = await h.scheduler.list(`learner:${h.learnerId}:daily`);
    expect(daily!.next!.toISOString()).toBe(run);
    h.clock.set(daily!.next!);
    expect(await h.scheduler.runDue()).toBe(1);
    const sentTask = /Today: ([^(\n]+)/.exec(textOf(h.gateway.sent.at(-1)!.reply))![1]!.trim();
    h.clock.advance(minutesLater * 60_000); // 00:20 local: the next local date.
    const done = await h.say('done');
    expect(done).not.toMatch(/already marked your last task done/);
    expect(done).toContain(`Done: ${sentTask}`);
  });

  // Daylight saving in ordinary zones, both ways: the hour the clock skips (that day's task comes at the first instant
  // after it, once) and the hour it repeats (01:00 in New York and 02:00 in Berlin happen twice that night: one task).
  it.each([
    ['America/New_York', 1, '2026-10-31T12:00:00Z', ['2026-11-01T05:00:00.000Z', '2026-11-02T06:00:00.000Z']],
    ['America/New_York', 2, '2026-03-07T12:00:00Z', ['2026-03-08T07:00:00.000Z', '2026-03-09T06:00:00.000Z']],
    ['Europe/Berlin', 2, '2026-10-24T12:00:00Z', ['2026-10-25T00:00:00.000Z', '2026-10-26T01:00:00.000Z']],
    ['Europe/Berlin', 2, '2026-03-28T12:00:00Z', ['2026-03-29T01:00:00.000Z', '2026-03-30T00:00:00.000Z']],
  ] as const)('one daily task per local date across the change in %s at %i:00, the clock stepped every 10 minutes', async (zone, hour, start, expected) => {
    h = await CoachHarness.create({ start, timezone: zone });
    await h.onboard();
    await h.command('settings', `hour=${hour} timezone=${zone}`);
    const sentAt: string[] = [];
    // 59 hours in 10-minute steps (354 checks), each a scheduler check as its timer would make one.
    for (let i = 0; i < 354; i++) {
      h.clock.advance(10 * 60_000);
      const before = h.gateway.sent.length;
      await h.scheduler.runDue();
      for (let k = before; k < h.gateway.sent.length; k++) sentAt.push(h.clock.now().toISOString());
    }
    expect(sentAt).toEqual(expected);
  });

  it('moves the daily job on a settings change, cancels it on pause, and brings it back on resume', async () => {
    h = await CoachHarness.create({ start: '2026-03-02T08:00:00Z' });
    await h.onboard();
    expect(await h.command('settings', 'hour=20 timezone=Asia/Tokyo')).toMatch(/Saved: daily hour 20:00; time zone Asia\/Tokyo/);
    expect((await h.scheduler.list(`learner:${h.learnerId}:daily`))[0]!.next!.toISOString()).toBe('2026-03-02T11:00:00.000Z');
    await h.say('quiz me');
    await h.answer(true);
    expect(await h.scheduler.list(`learner:${h.learnerId}:`)).toHaveLength(2);
    expect(await h.say('pause')).toMatch(/paused/);
    expect(await h.scheduler.list(`learner:${h.learnerId}:`)).toEqual([]);
    h.clock.set('2026-03-05T12:00:00Z');
    await h.scheduler.runDue();
    expect(h.gateway.sent).toEqual([]);
    expect(await h.say('resume')).toMatch(/resumed/);
    // Both come back: the daily task and the prompt for the card not yet due.
    expect((await h.scheduler.list(`learner:${h.learnerId}:`)).map((e) => e.key).sort()).toEqual([`learner:${h.learnerId}:daily`, `learner:${h.learnerId}:review`]);
  });

  it('forget-me asks first, then deletes every record and schedule', async () => {
    h = await CoachHarness.create();
    await h.onboard();
    await h.say('quiz me');
    await h.answer(true);
    expect(await h.command('forget-me')).toMatch(/cannot be undone/);
    expect(await h.press('No, keep it')).toMatch(/Nothing was deleted/);
    expect(await h.learner()).not.toBeNull();
    await h.say('forget me');
    expect(await h.press('Yes, delete everything')).toMatch(/everything I kept about you is deleted/);
    expect(await h.learner()).toBeNull();
    expect(await h.store.listAttempts(h.learnerId)).toEqual([]);
    expect(await h.store.nextDue(h.learnerId)).toBeNull();
    expect(await h.scheduler.list(`learner:${h.learnerId}:`)).toEqual([]);
    // A stale job for the forgotten learner sends nothing.
    await h.coach.handleJob({ key: 'x', payload: { type: 'daily-task', learnerId: h.learnerId, to: h.from }, scheduledFor: h.clock.now(), attempt: 1 });
    expect(h.gateway.sent).toEqual([]);
    expect(await h.say('hi')).toMatch(/I'm Pathwise/);
  });
});
