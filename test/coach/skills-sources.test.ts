/**
 * Where the skills profile's evidence comes from, through the whole coach:
 * the self-check at setup, skills named in a career question (noted only when
 * the learner says so, at the level they pick), quiz answers that outrank
 * what was said, and career answers that read the stored profile.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, CoachHarness } from '../support/coach-harness.ts';
import { graphWithLevels } from '../support/fixture-levels.ts';

let h: CoachHarness;
afterEach(async () => h?.cleanup());

/** Sets the data analyst goal and finishes setup without the self-check. */
async function setUpSkippingSelfCheck(): Promise<void> {
  await h.say('I want to become a data analyst');
  await h.press('Skip the rest');
  await h.press('30 min');
  await h.press('08:00');
  await h.press('Yes');
}

describe('skills profile sources', () => {
  it('keeps the self-check as a dated self-report beside the placement quiz that checked it', async () => {
    h = await CoachHarness.create({ graph: graphWithLevels() });
    await h.onboard('I want to become a data analyst', 'Well');
    const claims = (await h.learner())!.claims!;
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.every((c) => c.source === 'self' && c.level === 'core' && c.via === 'self-check' && c.at.startsWith('2026-03-02'))).toBe(true);
    const out = await h.command('profile');
    expect(out).toMatch(/• SQL: \w+ — quiz \d+% after \d answers \(2026-03-02\); also self-reported core at the self-check \(2026-03-02\)/);
  });

  it('asks before noting skills named in a career question, notes them at the level picked, and later career answers count them', async () => {
    h = await CoachHarness.create({ graph: graphWithLevels() });
    const asked = await h.say('what jobs can I get with Python and SQL?');
    expect(asked).toContain('Shall I note Python, SQL in your skills profile as skills you have (self-reported)?');
    // Nothing is stored until they answer.
    expect((await h.learner())!.claims).toBeUndefined();
    expect(await h.press('Yes, I know them well')).toContain('Noted in your skills profile as self-reported (core): Python, SQL');
    expect((await h.learner())!.claims!.map((c) => [c.concept, c.level, c.source, c.via])).toEqual([
      ['python', 'core', 'self', 'career'],
      ['sql', 'core', 'self', 'career'],
    ]);
    // Named nothing this time: the ranking reads the stored profile.
    const later = await h.say('what jobs can I get with what I know?');
    expect(later).toContain('Occupations that ask for the skills your profile says you have');
    expect(later).toContain('Business Intelligence Analysts: you have 2 of its 3 in-demand technologies (Structured query language SQL, Python)');
    // Already reported: not asked again.
    expect(await h.say('what jobs can I get with Python and SQL?')).not.toContain('Shall I note');
    await setUpSkippingSelfCheck();
    const profile = await h.command('profile');
    expect(profile).toContain('• Python: core — self-reported core in a career question (2026-03-02)');
    expect(profile).toContain('• SQL: core — self-reported core in a career question (2026-03-02)');
    expect(profile).toContain('🎯 2 of 3 junior data analyst skills at the level the role needs; still to reach: Pandas (complete).');
    // Progress reads the same combined profile.
    expect(await h.command('progress')).toContain('🎯 2 of 3 junior data analyst skills at the level the role needs.');
  });

  it('does not ask about a noted skill again at the self-check, and starts the plan from what was said', async () => {
    h = await CoachHarness.create({ graph: graphWithLevels() });
    await h.say('what jobs can I get with SQL?');
    await h.press('Yes, a bit');
    const asked: string[] = [];
    let out = await h.say('I want to become a data analyst');
    for (let i = 0; i < 5 && /How well do you know/.test(out); i++) {
      asked.push(/How well do you know ([^?]+)\?/.exec(out)![1]!);
      out = await h.press('Not at all');
    }
    expect(asked.length).toBeGreaterThan(0);
    expect(asked).not.toContain('SQL');
    const learner = (await h.learner())!;
    expect(learner.mastery['sql']).toMatchObject({ p: 0.4, attempts: 0 });
    expect(learner.claims).toEqual([{ concept: 'sql', level: 'overview', source: 'self', at: '2026-03-02T08:00:00.000Z', via: 'career' }]);
  });

  it('notes nothing when the learner declines', async () => {
    h = await CoachHarness.create({ graph: graphWithLevels() });
    await h.say('what jobs can I get with Docker?');
    expect(buttonsOf(h.last).map((b) => b.label)).toContain("No, don't note them");
    expect(await h.press("No, don't note them")).toContain("I won't note them");
    expect((await h.learner())!.claims).toBeUndefined();
  });

  it('lets quiz answers outrank a self-report: "well" said, then wrong answers, reads none and the role counts it missing', async () => {
    h = await CoachHarness.create({ graph: graphWithLevels() });
    await h.say('what jobs can I get with SQL?');
    await h.press('Yes, I know them well');
    await setUpSkippingSelfCheck();
    await h.say('quiz me on sql');
    for (let i = 0; i < 5 && h.asking; i++) await h.answer(false);
    const out = await h.command('profile');
    expect(out).toMatch(/• SQL: none — quiz \d+% after \d answers \(2026-03-02\); also self-reported core in a career question/);
    expect(out).toMatch(/🎯 0 of 3 junior data analyst skills.*SQL \(core\)/);
  });
});
