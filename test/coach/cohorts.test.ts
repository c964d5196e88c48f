/**
 * Cohorts through the whole coach: each command tried as a non-member, a
 * member and a lead, asserting what each may see and that nothing else
 * leaks (no opted-out names, no individual answers, no figures of fewer than
 * three people); the weekly summary job with its chart; export; forget-me.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Block, ConversationRef, Reply } from '../../src/core/chat/messages.ts';
import { PNG_SIGNATURE } from '../support/png.ts';
import type { LearnerRecord } from '../../src/core/ports/learner-store.port.ts';
import { localDate } from '../../src/core/schedule/daily-time.ts';
import { learnerRecord } from '../contracts/learner-store.contract.ts';
import { CoachHarness, textOf } from '../support/coach-harness.ts';

let h: CoachHarness;
beforeEach(async () => {
  h = await CoachHarness.create({ user: 'lea' });
});
afterEach(async () => h.cleanup());

const ref = (user: string, channel = 'C1'): ConversationRef => ({ platform: 'slack', workspace: 'W1', channel, user });
const idOf = (user: string) => `slack:W1:${user}`;

async function as(user: string, what: string, opts: { admin?: boolean; channel?: string } = {}): Promise<{ text: string; replies: Reply[] }> {
  const replies = await h.coach.handle({ kind: 'command', name: 'cohort', text: what, from: ref(user, opts.channel), inChannel: true, ...(opts.admin ? { roles: { admin: true } } : {}) });
  return { text: textOf(replies), replies };
}

const images = (rs: Reply[]) => rs.flatMap((r) => r.blocks).filter((b): b is Extract<Block, { kind: 'image' }> => b.kind === 'image');

/** A learner with some history: half of the plan done, a streak, quiz totals and this week's attempts. */
async function seed(user: string, over: Partial<LearnerRecord> = {}): Promise<void> {
  const at = '2026-03-01T10:00:00.000Z';
  await h.store.putLearner(
    learnerRecord(idOf(user), {
      displayName: user.toUpperCase(),
      conversation: ref(user, 'D' + user),
      mastery: { sql: { p: 0.3, attempts: 4, correct: 1, wrongStreak: 2, updatedAt: at }, python: { p: 0.9, attempts: 4, correct: 4, wrongStreak: 0, updatedAt: at } },
      plan: {
        createdAt: at,
        totalCost: 2,
        optimal: true,
        steps: [
          { resourceId: 'r1', concepts: ['python'], minutes: 30, reason: 'x', status: 'done', doneAt: '2026-02-28T10:00:00.000Z' },
          { resourceId: 'r2', concepts: ['sql'], minutes: 30, reason: 'x', status: 'todo' },
        ],
      },
      stats: { minutesSpent: 60, streakDays: 4, lastActiveDay: '2026-03-01' },
      ...over,
    }),
    null,
  );
  await h.store.appendAttempt({ learnerId: idOf(user), itemId: 'sql-q1', conceptId: 'sql', correct: false, at: '2026-02-27T10:00:00.000Z' });
}

async function cohortWithMembers(): Promise<void> {
  expect((await as('lea', 'create', { admin: true })).text).toContain('Cohort #C1 created');
  for (const u of ['ana', 'bo', 'cy']) {
    await seed(u);
    expect((await as(u, 'join')).text).toContain('You joined #C1');
  }
  expect((await as('ana', 'share on')).text).toContain('now see your progress');
}

describe('cohorts: roles', () => {
  it('only a platform admin creates a cohort, once per channel', async () => {
    expect((await as('bo', 'create')).text).toContain('Only a team lead');
    expect((await as('lea', 'create', { admin: true })).text).toContain('Cohort #C1 created');
    expect((await as('lea', 'create', { admin: true })).text).toContain('already has a cohort');
    expect(await h.scheduler.list('cohort:')).toHaveLength(1);
  });

  it('a lead grants the lead role; a member cannot', async () => {
    await cohortWithMembers();
    expect((await as('bo', 'grant-lead cy')).text).toContain('Only a lead');
    expect((await as('lea', 'grant-lead <@bo>')).text).toContain('bo is now a lead');
    // Slack's escaped form of a mention; the answer names the new lead with a mention, not a bare id.
    const granted = await as('lea', 'grant-lead <@cy|cy>');
    expect(granted.replies[0]!.blocks[0]).toMatchObject({ parts: [{ kind: 'mention', target: 'user', id: 'cy' }, ' is now a lead of ', { kind: 'mention', target: 'channel', id: 'C1' }, '.'] });
    expect((await as('bo', 'summary')).text).toContain('Members who share their progress with you');
  });

  it('a platform admin of another workspace is not a lead here', async () => {
    await cohortWithMembers();
    const r = await h.coach.handle({ kind: 'command', name: 'cohort', text: 'summary', from: { platform: 'slack', workspace: 'W2', channel: 'C1', user: 'eve' }, roles: { admin: true } });
    expect(textOf(r)).toContain('no cohort');
  });
});

describe('cohorts: what each person sees', () => {
  it('a non-member learns nothing about the members', async () => {
    await cohortWithMembers();
    const { text, replies } = await as('zed', 'summary');
    expect(text).toContain('for its members and leads');
    expect(text).not.toMatch(/ANA|BO|CY|\d+ member|Active/);
    expect(images(replies)).toHaveLength(0);
    expect((await as('zed', 'share on')).text).toContain("You're not in");
    expect((await as('zed', 'leave')).text).toContain("You're not in");
  });

  it('a member sees aggregates and opted-in milestones, never per-member rows', async () => {
    await cohortWithMembers();
    const { text, replies } = await as('bo', 'summary');
    expect(text).toContain('3 members');
    expect(text).toContain('Active in these 7 days (answered a question or finished a plan step): 3 of 3');
    expect(text).toContain('20-39%: 0, 40-59%: 3');
    expect(text).toMatch(/Hardest concepts: SQL \(75% of answers wrong/i);
    expect(text).not.toContain('Members who share');
    expect(text).not.toMatch(/\bBO\b|\bCY\b/);
    expect(replies.every((r) => r.ephemeral)).toBe(true);
    const [img] = images(replies);
    expect(img!.png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(img!.alt).toMatch(/members per progress band.*members active per day.*hardest concepts \(SQL 75% wrong/i);
  });

  it('a lead sees opted-in members individually and nobody else', async () => {
    await cohortWithMembers();
    const { text } = await as('lea', 'summary');
    expect(text).toContain('• ANA: 50%, streak 4, active in these 7 days');
    expect(text).not.toMatch(/\bBO\b|\bCY\b/);
    await as('ana', 'share off');
    expect((await as('lea', 'summary')).text).not.toContain('ANA');
  });

  it('no one ever sees an individual answer', async () => {
    await cohortWithMembers();
    for (const [u, admin] of [['zed', false], ['bo', false], ['lea', true]] as const) {
      const { text, replies } = await as(u, 'summary', { admin });
      expect(text).not.toMatch(/sql-q1|correct: (true|false)/);
      expect(JSON.stringify(replies.map((r) => r.blocks.filter((b) => b.kind !== 'image')))).not.toContain('sql-q1');
    }
  });

  it('every subcommand, as a non-member, a member and a lead: an opted-out member and any answer never show', async () => {
    await cohortWithMembers();
    // cy (who does not share) finishes their plan this morning: a milestone, which must be counted and never named.
    const cy = (await h.store.getLearner(idOf('cy')))!;
    cy.plan!.steps[1] = { ...cy.plan!.steps[1]!, status: 'done', doneAt: '2026-03-02T07:00:00.000Z' };
    await h.store.putLearner(cy, cy.version);
    expect((await as('lea', 'summary')).text).toContain('4 plan steps done, 1 finished their plan');
    const subs = ['', 'status', 'summary', 'share on', 'share off', 'schedule fri 16', 'grant-lead <@dan>', 'create', 'join', 'summary', 'leave', 'bogus'];
    for (const [u, admin] of [['zed', false], ['bo', false], ['lea', true]] as const) {
      for (const sub of subs) {
        const { text, replies } = await as(u, sub, { admin });
        const all = JSON.stringify(replies.map((r) => r.blocks.filter((b) => b.kind !== 'image')));
        expect(text, `${u}: cohort ${sub}`).not.toMatch(/\bCY\b|slack:W1:cy|sql-q1/);
        expect(all).not.toMatch(/slack:W1:cy|sql-q1/);
        if (u !== 'lea') expect(text, `${u}: cohort ${sub}`).not.toContain('Members who share');
      }
    }
  });

  it('fewer than three members: no aggregates at all', async () => {
    await as('lea', 'create', { admin: true });
    await seed('ana');
    await as('ana', 'join');
    const { text, replies } = await as('lea', 'summary');
    expect(text).toContain('Team figures show once the cohort has 3 members');
    expect(text).not.toMatch(/Hardest|Active|%:/);
    expect(images(replies)).toHaveLength(0);
  });

  it('a learner leaves and disappears from the summary', async () => {
    await cohortWithMembers();
    expect((await as('ana', 'leave')).text).toContain('You left #C1');
    const { text } = await as('lea', 'summary');
    expect(text).toContain('2 members');
    expect(text).not.toContain('ANA');
  });

  it('a learner can be in several cohorts', async () => {
    await cohortWithMembers();
    await as('lea', 'create', { admin: true, channel: 'C2' });
    await as('ana', 'join', { channel: 'C2' });
    expect((await h.cohorts.membershipsOf(idOf('ana'))).length).toBe(2);
  });
});

describe('cohorts: the weekly summary', () => {
  it('posts to the channel on the lead schedule, without per-member rows, once, and re-arms for next week', async () => {
    await cohortWithMembers();
    const [job] = await h.scheduler.list('cohort:');
    expect(job!.next?.toISOString()).toBe('2026-03-09T08:00:00.000Z'); // Monday 09:00 Europe/Berlin
    h.clock.set('2026-03-09T08:00:00Z');
    await h.scheduler.runDue();
    const posts = h.gateway.sent.filter((s) => s.to.channel === 'C1');
    expect(posts).toHaveLength(1);
    const text = textOf(posts[0]!.reply);
    expect(text).toContain('📊 #C1 in the week to Sun 2026-03-08 (Mon 2026-03-02 to Sun 2026-03-08, Europe/Berlin days)');
    expect(text).not.toContain('Members who share');
    expect(images([posts[0]!.reply])).toHaveLength(1);
    const [again] = await h.scheduler.list('cohort:');
    expect(again!.next?.toISOString()).toBe('2026-03-16T08:00:00.000Z');
    await h.scheduler.runDue();
    expect(h.gateway.sent.filter((s) => s.to.channel === 'C1')).toHaveLength(1);
  });

  const c1Posts = () => h.gateway.sent.filter((s) => s.to.channel === 'C1');
  /** An answer at `at`, and the member's last active day moved to its local date, as answering with the coach's buttons does. */
  const answer = async (user: string, at: string) => {
    await h.store.appendAttempt({ learnerId: idOf(user), itemId: 'sql-q1', conceptId: 'sql', correct: true, at });
    const r = (await h.store.getLearner(idOf(user)))!;
    const day = localDate(new Date(at), r.settings.timezone);
    if (r.stats.lastActiveDay === null || day > r.stats.lastActiveDay) await h.store.putLearner({ ...r, stats: { ...r.stats, lastActiveDay: day } }, r.version);
  };

  it('consecutive Monday 09:00 posts tile the weeks: a step finished Monday 10:00 is in the next post only, answers around Berlin midnight on their own days', async () => {
    await cohortWithMembers();
    // Sunday 23:30 in Berlin (22:30 UTC) is the first week's Sunday; Monday 00:30 (Sunday 23:30 UTC) is the next week's Monday.
    await answer('bo', '2026-03-08T22:30:00.000Z');
    await answer('ana', '2026-03-08T23:30:00.000Z');
    h.clock.set('2026-03-09T08:00:00Z');
    await h.scheduler.runDue();
    // Monday 10:00 in Berlin, an hour after the first post: cy finishes the last step of their plan.
    h.clock.set('2026-03-09T09:00:00Z');
    const cy = (await h.store.getLearner(idOf('cy')))!;
    cy.plan!.steps[1] = { ...cy.plan!.steps[1]!, status: 'done', doneAt: '2026-03-09T09:00:00.000Z' };
    await h.store.putLearner(cy, cy.version);
    h.clock.set('2026-03-16T08:00:00Z');
    await h.scheduler.runDue();

    const [first, second] = c1Posts().map((p) => ({ text: textOf(p.reply), alt: images([p.reply])[0]!.alt }));
    expect(c1Posts()).toHaveLength(2);
    expect(first!.text).toContain('📊 #C1 in the week to Sun 2026-03-08 (Mon 2026-03-02 to Sun 2026-03-08, Europe/Berlin days)');
    expect(first!.text).toContain('Active that week (answered a question or finished a plan step): 1 of 3.');
    expect(first!.text).toContain('Milestones that week: 0 plan steps done, 0 finished their plan.');
    expect(first!.alt).toContain('members active per day (Mon 0, Tue 0, Wed 0, Thu 0, Fri 0, Sat 0, Sun 1)');
    expect(second!.text).toContain('📊 #C1 in the week to Sun 2026-03-15 (Mon 2026-03-09 to Sun 2026-03-15, Europe/Berlin days)');
    expect(second!.text).toContain('Active that week (answered a question or finished a plan step): 2 of 3.');
    expect(second!.text).toContain('Milestones that week: 1 plan step done, 1 finished their plan.');
    expect(second!.alt).toContain('members active per day (Mon 2, Tue 0, Wed 0, Thu 0, Fri 0, Sat 0, Sun 0)');
  });

  it('a lead asking at the moment of the post gets the 7 days up to now, this morning included, and the answer says so', async () => {
    await cohortWithMembers();
    await answer('bo', '2026-03-08T22:30:00.000Z'); // Sunday 23:30 in Berlin
    await answer('ana', '2026-03-09T06:30:00.000Z'); // Monday 07:30 in Berlin, this morning
    h.clock.set('2026-03-09T08:00:00Z');
    await h.scheduler.runDue();
    const [post] = c1Posts();
    expect(textOf(post!.reply)).toContain('Active that week (answered a question or finished a plan step): 1 of 3.');
    expect(images([post!.reply])[0]!.alt).toContain('members active per day (Mon 0, Tue 0, Wed 0, Thu 0, Fri 0, Sat 0, Sun 1)');

    const asked = await as('lea', 'summary');
    expect(asked.text).toContain('📊 #C1 in the 7 days up to now (Tue 2026-03-03 to today, Mon 2026-03-09; Europe/Berlin days)');
    expect(asked.text).toContain('Active in these 7 days (answered a question or finished a plan step): 2 of 3.');
    expect(asked.text).toContain('• ANA: 50%, streak 4, active in these 7 days');
    const [chart] = images(asked.replies);
    expect(chart!.alt).toContain('members active per day (Tue 0, Wed 0, Thu 0, Fri 0, Sat 0, Sun 1, Mon 1)');
  });

  it('the post for the week of the spring change still has 7 local days, Sunday being 23 hours', async () => {
    await cohortWithMembers();
    h.clock.set('2026-03-25T12:00:00Z');
    expect((await as('lea', 'schedule mon 9')).text).toContain('next on 2026-03-30');
    await answer('cy', '2026-03-22T23:30:00.000Z'); // Monday 23rd 00:30 CET: the week's first day
    await answer('bo', '2026-03-29T21:30:00.000Z'); // Sunday 29th 23:30 CEST: its last
    await answer('ana', '2026-03-29T22:30:00.000Z'); // Monday 30th 00:30 CEST: the next week's
    h.clock.set('2026-03-30T07:00:00Z'); // Monday 09:00 CEST
    await h.scheduler.runDue();
    const [post] = c1Posts();
    expect(textOf(post!.reply)).toContain('in the week to Sun 2026-03-29 (Mon 2026-03-23 to Sun 2026-03-29, Europe/Berlin days)');
    expect(images([post!.reply])[0]!.alt).toContain('members active per day (Mon 1, Tue 0, Wed 0, Thu 0, Fri 0, Sat 0, Sun 1)');
  });

  it('a post retried after midnight still covers the week it was scheduled for, not the day it finally runs', async () => {
    await cohortWithMembers();
    await answer('bo', '2026-03-08T22:30:00.000Z'); // Sunday 23:30 in Berlin: in the week
    await answer('ana', '2026-03-09T09:00:00.000Z'); // Monday 10:00: after it
    h.clock.set('2026-03-09T08:00:00Z');
    h.gateway.failNext = 1;
    await h.scheduler.runDue();
    expect(c1Posts()).toHaveLength(0);
    h.clock.set('2026-03-09T23:30:00Z'); // Tuesday 00:30 in Berlin: the retry
    await h.scheduler.runDue();
    const posts = c1Posts();
    expect(posts).toHaveLength(1);
    const text = textOf(posts[0]!.reply);
    expect(text).toContain('📊 #C1 in the week to Sun 2026-03-08 (Mon 2026-03-02 to Sun 2026-03-08, Europe/Berlin days)');
    expect(text).toContain('Active that week (answered a question or finished a plan step): 1 of 3.');
    expect(images([posts[0]!.reply])[0]!.alt).toContain('members active per day (Mon 0, Tue 0, Wed 0, Thu 0, Fri 0, Sat 0, Sun 1)');
    const [job] = await h.scheduler.list('cohort:');
    expect(job!.next?.toISOString()).toBe('2026-03-16T08:00:00.000Z');
  });

  it('a post that runs more than a week late (the service was down) covers the last full week, not a stale one, and the next post tiles with it', async () => {
    await cohortWithMembers();
    await answer('bo', '2026-03-08T22:30:00.000Z'); // Sunday 8th 23:30 in Berlin: the week the post was armed for
    await answer('ana', '2026-03-12T10:00:00.000Z'); // Thursday 12th: the week that ended before the late run
    h.clock.set('2026-03-17T10:00:00Z'); // Tuesday 17th: back up after more than a week down
    await h.scheduler.runDue();
    const posts = c1Posts();
    expect(posts).toHaveLength(1);
    const text = textOf(posts[0]!.reply);
    expect(text).toContain('📊 #C1 in the week to Sun 2026-03-15 (Mon 2026-03-09 to Sun 2026-03-15, Europe/Berlin days)');
    expect(text).toContain('Active that week (answered a question or finished a plan step): 1 of 3.');
    expect(images([posts[0]!.reply])[0]!.alt).toContain('members active per day (Mon 0, Tue 0, Wed 0, Thu 1, Fri 0, Sat 0, Sun 0)');
    const [job] = await h.scheduler.list('cohort:');
    expect(job!.next?.toISOString()).toBe('2026-03-23T08:00:00.000Z'); // its week starts Monday 16th, where this one ends
  });

  it('the first post of a cohort created two days before it says the cohort is new and that its members\' earlier days count', async () => {
    h.clock.set('2026-03-07T10:00:00Z'); // Saturday 11:00 in Berlin
    await cohortWithMembers();
    await answer('bo', '2026-03-03T10:00:00.000Z'); // Tuesday: before the cohort existed
    h.clock.set('2026-03-09T08:00:00Z');
    await h.scheduler.runDue();
    const [post] = c1Posts();
    const text = textOf(post!.reply);
    expect(text).toContain('📊 #C1 in the week to Sun 2026-03-08 (Mon 2026-03-02 to Sun 2026-03-08, Europe/Berlin days; the cohort started on Sat 2026-03-07, its members\' earlier days count too)');
    expect(text).toContain('Active that week (answered a question or finished a plan step): 1 of 3.');
    // A week later the window is all after the start: no note.
    h.clock.set('2026-03-16T08:00:00Z');
    await h.scheduler.runDue();
    expect(textOf(c1Posts()[1]!.reply)).not.toContain('the cohort started');
  });

  it('a lead who moves the post to later the same day, after it went out, does not get the same week posted twice', async () => {
    await cohortWithMembers();
    h.clock.set('2026-03-09T08:00:00Z'); // Monday 09:00 in Berlin: the post for the week to Sun 8th
    await h.scheduler.runDue();
    expect(c1Posts()).toHaveLength(1);
    h.clock.set('2026-03-09T08:30:00Z');
    expect((await as('lea', 'schedule mon 18')).text).toContain('next on 2026-03-16');
    h.clock.set('2026-03-09T17:00:00Z'); // Monday 18:00
    await h.scheduler.runDue();
    expect(c1Posts()).toHaveLength(1);
    const [job] = await h.scheduler.list('cohort:');
    expect(job!.next?.toISOString()).toBe('2026-03-16T17:00:00.000Z');
  });

  it('"Active" counts what the chart shows: a member who only pressed buttons is not active, and the chart is not empty under a non-zero count', async () => {
    await cohortWithMembers();
    // All three were last active (a button, a "done" on part of a step) on Sunday 8th, without answering or finishing a step.
    for (const u of ['ana', 'bo', 'cy']) {
      const r = (await h.store.getLearner(idOf(u)))!;
      await h.store.putLearner({ ...r, stats: { ...r.stats, lastActiveDay: '2026-03-08' } }, r.version);
    }
    h.clock.set('2026-03-09T08:00:00Z');
    await h.scheduler.runDue();
    const [post] = c1Posts();
    expect(textOf(post!.reply)).toContain('Active that week (answered a question or finished a plan step): 0 of 3.');
    expect(images([post!.reply])[0]!.alt).toContain('members active per day (Mon 0, Tue 0, Wed 0, Thu 0, Fri 0, Sat 0, Sun 0)');
    // Their streaks still count: a streak is about showing up, and they did. The line says so, beside "0 of 3" active.
    expect(textOf(post!.reply)).toContain('Streaks (any use of the coach counts): 3 on a streak of 3+ days.');
    // A lead's row for such a member must not read "streak 4, not active": it says what they did not do.
    expect((await as('ana', 'share on')).text).not.toContain('Only');
    const asked = await as('lea', 'summary');
    expect(asked.text).toContain('• ANA: 50%, streak 4, no answer or finished step in these 7 days');
    expect(asked.text).not.toMatch(/streak [1-9]\d*, not active/);
  });

  it('a weekly post 6 days after a member\'s last activity shows their streak as 0, not the stored count', async () => {
    await cohortWithMembers();
    // ANA and BO were last active on Tuesday 3rd with a stored 10-day streak; CY yesterday, Sunday 8th (Berlin).
    for (const [u, lastActiveDay] of [['ana', '2026-03-03'], ['bo', '2026-03-03'], ['cy', '2026-03-08']] as const) {
      const r = (await h.store.getLearner(idOf(u)))!;
      await h.store.putLearner({ ...r, stats: { ...r.stats, streakDays: 10, lastActiveDay } }, r.version);
    }
    h.clock.set('2026-03-09T08:00:00Z'); // Monday 09:00 in Berlin
    await h.scheduler.runDue();
    const [post] = c1Posts();
    expect(textOf(post!.reply)).toContain('Streaks (any use of the coach counts): 1 on a streak of 3+ days.');
    // No one member's exact streak in the team line: "longest 10 days" beside rows of 0 told the lead what CY, who shares
    // nothing, had done. A count of members on a streak is the team figure; each member's own number is theirs to share.
    expect(textOf(post!.reply)).not.toMatch(/10 days|longest/);
    // The lead's row for ANA, at the same moment, agrees with the post.
    const asked = await as('lea', 'summary');
    expect(asked.text).toContain('• ANA: 50%, streak 0, ');
    expect(asked.text).not.toMatch(/ANA: [^\n]*streak 10/);
  });

  it('fewer than three members: the scheduled post shows no team figure either', async () => {
    await as('lea', 'create', { admin: true });
    await seed('ana');
    await as('ana', 'join');
    h.clock.set('2026-03-09T08:00:00Z');
    await h.scheduler.runDue();
    const [post] = c1Posts();
    expect(textOf(post!.reply)).toContain('Team figures show once the cohort has 3 members');
    expect(textOf(post!.reply)).not.toMatch(/Hardest|Active|Streaks|%:/);
    expect(images([post!.reply])).toHaveLength(0);
    const asked = await as('lea', 'summary');
    expect(asked.text).toContain('in the 7 days up to now');
    expect(asked.text).not.toMatch(/Hardest|Active|Streaks|%:/);
  });

  it('a lead moves the schedule; a member cannot', async () => {
    await cohortWithMembers();
    expect((await as('bo', 'schedule fri 16')).text).toContain('Only a lead');
    expect((await as('lea', 'schedule fri 16')).text).toContain('every Friday at 16:00');
    const [job] = await h.scheduler.list('cohort:');
    expect(job!.next?.toISOString()).toBe('2026-03-06T15:00:00.000Z');
  });

  it('the post\'s chart and a summary asked for on the last day of its week have different file names (they show different figures)', async () => {
    await cohortWithMembers();
    const id = (await h.cohorts.cohortByChannel('slack:W1:C1'))!.cohortId;
    h.clock.set('2026-03-08T12:00:00Z'); // Sunday noon in Berlin: the 7 days up to now, Mon 2 to Sun 8 so far
    const asked = images((await as('lea', 'summary')).replies)[0]!.filename;
    h.clock.set('2026-03-09T08:00:00Z');
    await h.scheduler.runDue();
    const posted = images([c1Posts()[0]!.reply])[0]!.filename;
    expect(asked).toBe(`cohort-${id}-2026-03-08.png`);
    expect(posted).toBe(`cohort-${id}-week-to-2026-03-08.png`);
  });

  it('a lead who moves the post to an hour already past on its day, before it went out, gets that week\'s post now, not never', async () => {
    await cohortWithMembers();
    await answer('bo', '2026-03-08T10:00:00.000Z'); // Sunday 8th: in the week the 09:00 post was to cover
    h.clock.set('2026-03-09T07:30:00Z'); // Monday 08:30 in Berlin, half an hour before the post
    expect((await as('lea', 'schedule mon 8')).text).toContain('next on 2026-03-09');
    await h.scheduler.runDue();
    const posts = c1Posts();
    expect(posts).toHaveLength(1);
    expect(textOf(posts[0]!.reply)).toContain('📊 #C1 in the week to Sun 2026-03-08 (Mon 2026-03-02 to Sun 2026-03-08, Europe/Berlin days)');
    expect(textOf(posts[0]!.reply)).toContain('Active that week (answered a question or finished a plan step): 1 of 3.');
    const [job] = await h.scheduler.list('cohort:');
    expect(job!.next?.toISOString()).toBe('2026-03-16T07:00:00.000Z');
  });

  it('a lead who moves the post to Sunday 23:00 is told it covers Sunday to Saturday, not the Sunday it goes out on', async () => {
    await cohortWithMembers();
    const moved = (await as('lea', 'schedule sun 23')).text;
    expect(moved).toContain('every Sunday at 23:00 (Europe/Berlin), each covering the 7 full days before its own (Sunday to Saturday); next on 2026-03-08');
  });

  it('names the local date of the next summary, not the UTC one (Monday 00:00 in Berlin is Sunday 23:00 UTC)', async () => {
    await cohortWithMembers();
    const moved = (await as('lea', 'schedule mon 0')).text;
    expect(moved).toContain('every Monday at 00:00 (Europe/Berlin), each covering the 7 full days before its own (Monday to Sunday); next on 2026-03-09');
    const [job] = await h.scheduler.list('cohort:');
    expect(job!.next?.toISOString()).toBe('2026-03-08T23:00:00.000Z');
  });

  it('counts and titles the cohort\'s local days: Monday 00:30 in Berlin is Sunday 23:30 UTC, and the week ends on Monday', async () => {
    await cohortWithMembers();
    h.clock.set('2026-03-08T23:30:00Z');
    const { text, replies } = await as('lea', 'summary');
    expect(text).toContain('📊 #C1 in the 7 days up to now (Tue 2026-03-03 to today, Mon 2026-03-09; Europe/Berlin days)');
    const [img] = images(replies);
    expect(img!.filename).toBe(`cohort-${(await h.cohorts.cohortByChannel('slack:W1:C1'))!.cohortId}-2026-03-09.png`);
    expect(img!.alt).toMatch(/members active per day \(Tue \d+, Wed \d+, Thu \d+, Fri \d+, Sat \d+, Sun \d+, Mon \d+\)/);
  });

  it('a cohort stored without a time zone counts UTC days and says so', async () => {
    await cohortWithMembers();
    const cohort = (await h.cohorts.cohortByChannel('slack:W1:C1'))!;
    await h.cohorts.putCohort({ ...cohort, schedule: { ...cohort.schedule, timezone: '' } });
    h.clock.set('2026-03-08T23:30:00Z');
    const { text, replies } = await as('bo', 'summary');
    expect(text).toContain('📊 #C1 in the 7 days up to now (Mon 2026-03-02 to today, Sun 2026-03-08; UTC days: this cohort has no time zone set)');
    expect(images(replies)[0]!.filename).toBe(`cohort-${cohort.cohortId}-2026-03-08.png`);
  });

  it('a cohort stored without a valid zone still posts its weekly summary, is re-armed in UTC, and a lead can move it', async () => {
    await cohortWithMembers();
    const cohort = (await h.cohorts.cohortByChannel('slack:W1:C1'))!;
    await h.cohorts.putCohort({ ...cohort, schedule: { ...cohort.schedule, timezone: 'Not/AZone' } });
    h.clock.set('2026-03-04T12:00:00Z');
    expect((await as('lea', 'schedule mon 9')).text).toContain('every Monday at 09:00 (UTC), each covering the 7 full days before its own (Monday to Sunday); next on 2026-03-09');
    h.clock.set('2026-03-09T09:00:00Z');
    await h.scheduler.runDue();
    const posts = h.gateway.sent.filter((s) => s.to.channel === 'C1');
    expect(posts).toHaveLength(1);
    expect(textOf(posts[0]!.reply)).toContain('in the week to Sun 2026-03-08 (Mon 2026-03-02 to Sun 2026-03-08, UTC days: this cohort has no time zone set)');
    // Next Monday 09:00 in UTC, the zone its days are counted in: the summaries do not stop after one post.
    const [job] = await h.scheduler.list('cohort:');
    expect(job!.next?.toISOString()).toBe('2026-03-16T09:00:00.000Z');
  });
});

describe('export and forget-me', () => {
  it('export sends the learner their own data as JSON, and nobody else', async () => {
    await cohortWithMembers();
    const replies = await h.coach.handle({ kind: 'command', name: 'export', text: '', from: ref('bo') });
    const file = replies.flatMap((r) => r.blocks).find((b) => b.kind === 'file');
    expect(file).toBeDefined();
    const data = JSON.parse(new TextDecoder().decode((file as Extract<Block, { kind: 'file' }>).data));
    expect(data.learner.learnerId).toBe(idOf('bo'));
    expect(data.attempts.map((a: { learnerId: string }) => a.learnerId)).toEqual([idOf('bo')]);
    expect(data.cohorts.map((c: { cohort: string }) => c.cohort)).toEqual(['#C1']);
    expect(JSON.stringify(data)).not.toMatch(/slack:W1:(ana|cy)/);
  });

  it('forget-me removes the learner from their cohorts', async () => {
    await cohortWithMembers();
    await h.coach.handle({ kind: 'command', name: 'forget-me', text: '', from: ref('ana') });
    await h.coach.handle({ kind: 'action', action: 'forget.confirm', value: 'yes', from: ref('ana') });
    expect(await h.cohorts.membershipsOf(idOf('ana'))).toEqual([]);
    expect((await as('lea', 'summary')).text).not.toContain('ANA');
  });
});
