import { describe, expect, it } from 'vitest';
import { levelProgress, levelSentence, skillsProfile } from '../../src/core/career/skills-profile.ts';
import { graphWithLevels } from '../support/fixture-levels.ts';

describe('skills profile', () => {
  it('takes each skill at the highest level any evidence gives, and keeps every source with its date', () => {
    const g = graphWithLevels();
    const profile = skillsProfile(g, {
      masteryThreshold: 0.95,
      mastery: {
        sql: { p: 0.97, attempts: 6, updatedAt: '2026-03-04T10:00:00Z' },
        python: { p: 0.8, attempts: 0, updatedAt: '2026-03-02T08:00:00Z' },
        docker: { p: 0.05, attempts: 0, updatedAt: '2026-03-02T08:00:00Z' },
      },
      steps: [
        { resourceId: 'pandas-course', concepts: ['pandas'], status: 'done', doneAt: '2026-03-03T09:00:00Z' },
        { resourceId: 'sql-course', concepts: ['sql'], status: 'todo' },
      ],
    });
    expect(profile.map((s) => [s.concept, s.level, s.sources.map((x) => x.kind)])).toEqual([
      ['pandas', 'complete', ['resource']],
      ['sql', 'complete', ['quiz']],
      ['python', 'core', ['self']],
    ]);
    expect(profile.find((s) => s.concept === 'sql')!.sources[0]).toMatchObject({ at: '2026-03-04T10:00:00Z', attempts: 6 });
  });

  it('reads a goal level competency by competency: "2 of 3 junior data analyst skills"', () => {
    const g = graphWithLevels();
    const profile = skillsProfile(g, {
      masteryThreshold: 0.95,
      mastery: { sql: { p: 0.85, attempts: 4, updatedAt: '2026-03-04T10:00:00Z' }, python: { p: 0.4, attempts: 0, updatedAt: '2026-03-02T08:00:00Z' } },
      steps: [],
    });
    const [junior, analyst] = levelProgress(g, ['data-analyst'], profile);
    expect(levelSentence(junior!)).toBe('2 of 3 junior data analyst skills at the level the role needs');
    expect(junior!.missing).toEqual([{ concept: 'pandas', needs: 'complete', has: null }]);
    expect(levelSentence(analyst!)).toBe('0 of 2 data analyst skills at the level the role needs');
  });
});
