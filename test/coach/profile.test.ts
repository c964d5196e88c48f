/**
 * The skills profile through the coach: `profile` lists each skill with its
 * level and evidence and reads the goal's career levels; `export` carries it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CoachHarness } from '../support/coach-harness.ts';
import { graphWithLevels } from '../support/fixture-levels.ts';

let h: CoachHarness;
afterEach(async () => h?.cleanup());

describe('skills profile', () => {
  it('is empty, and says how it fills, before any evidence', async () => {
    h = await CoachHarness.create({ graph: graphWithLevels() });
    await h.onboard('I want to become a data analyst', 'Not at all');
    expect(await h.command('profile')).toContain('Your skills profile is empty so far');
  });

  it('shows quiz-assessed skills with their date and how far the learner is into the junior level', async () => {
    h = await CoachHarness.create({ graph: graphWithLevels() });
    // "Well" on the self-check, then a placement quiz answered right: quiz evidence on what was asked.
    await h.onboard('I want to become a data analyst', 'Well');
    const out = await h.say('my skills');
    expect(out).toMatch(/• \w+.*: (complete|core|overview) — quiz \d+% after \d+ answers? \(2026-03-02\)/);
    expect(out).toMatch(/🎯 \d of 3 junior data analyst skills at the level the role needs/);
  });

  it('is part of export', async () => {
    h = await CoachHarness.create({ graph: graphWithLevels() });
    await h.onboard('I want to become a data analyst', 'Well');
    await h.command('export');
    const file = h.last.flatMap((r) => r.blocks).find((b) => b.kind === 'file');
    const data = JSON.parse(new TextDecoder().decode((file as { data: Uint8Array }).data)) as {
      skillsProfile: { skills: { concept: string; sources: { kind: string }[] }[]; claims: { source: string; via: string }[]; levels: { level: string }[] };
    };
    expect(data.skillsProfile.skills.length).toBeGreaterThan(0);
    // Each skill with its sources, and the self-check's claims behind them.
    expect(data.skillsProfile.skills.flatMap((x) => x.sources.map((y) => y.kind))).toEqual(expect.arrayContaining(['quiz', 'self']));
    expect(data.skillsProfile.claims.length).toBeGreaterThan(0);
    expect(data.skillsProfile.claims.every((c) => c.source === 'self' && c.via === 'self-check')).toBe(true);
    expect(data.skillsProfile.levels.map((l) => l.level)).toEqual(['junior-data-analyst', 'data-analyst']);
  });
});
