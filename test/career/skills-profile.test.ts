import { describe, expect, it } from 'vitest';
import { claimsOf, legacyClaims, levelProgress, levelSentence, skillsProfile, withClaim, type SkillClaim } from '../../src/core/career/skills-profile.ts';
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

describe('how the sources combine', () => {
  const g = graphWithLevels();
  const at = (d: string) => `2026-03-0${d}T10:00:00.000Z`;
  const self = (concept: string, level: SkillClaim['level'], d = '1'): SkillClaim => ({ concept, level, source: 'self', at: at(d), via: 'career' });
  const lead = (concept: string, level: SkillClaim['level'], by: string, d = '2'): SkillClaim => ({ concept, level, source: 'lead', at: at(d), by });
  const profile = (input: Partial<Parameters<typeof skillsProfile>[1]>) => skillsProfile(g, { masteryThreshold: 0.95, mastery: {}, steps: [], claims: [], ...input });

  it('lets quiz answers outrank a self-report, and keeps the self-report beside them', () => {
    const [sql] = profile({ mastery: { sql: { p: 0.3, attempts: 4, updatedAt: at('3') } }, claims: [self('sql', 'core')] });
    expect(sql).toMatchObject({ concept: 'sql', level: 'none', decidedBy: 'quiz' });
    expect(sql!.sources.map((s) => [s.kind, s.level])).toEqual([
      ['quiz', 'none'],
      ['self', 'core'],
    ]);
  });

  it('leaves out a skill whose only evidence is a quiz that says none', () => {
    expect(profile({ mastery: { sql: { p: 0.2, attempts: 2, updatedAt: at('3') } } })).toEqual([]);
  });

  it("takes a lead's assessment over a self-report and a finished resource, and shows it beside the quiz when there are answers", () => {
    const steps = [{ resourceId: 'sql-course', concepts: ['sql'], status: 'done', doneAt: at('1') }];
    const [noQuiz] = profile({ steps, claims: [self('sql', 'complete'), lead('sql', 'overview', 'slack:W1:lea')] });
    expect(noQuiz).toMatchObject({ level: 'overview', decidedBy: 'lead' });
    expect(noQuiz!.sources[0]).toMatchObject({ kind: 'lead', by: 'slack:W1:lea', at: at('2') });
    const [withQuiz] = profile({ steps, mastery: { sql: { p: 0.85, attempts: 5, updatedAt: at('4') } }, claims: [lead('sql', 'complete', 'slack:W1:lea')] });
    expect(withQuiz).toMatchObject({ level: 'core', decidedBy: 'quiz' });
    expect(withQuiz!.sources.map((s) => s.kind)).toEqual(['quiz', 'resource', 'lead']);
  });

  it('takes the latest of two leads, and the higher of a finished resource and a self-report', () => {
    const [sql] = profile({ claims: [lead('sql', 'complete', 'slack:W1:lea', '2'), lead('sql', 'core', 'slack:W1:bo', '5')] });
    expect(sql).toMatchObject({ level: 'core', decidedBy: 'lead' });
    const steps = [{ resourceId: 'sql-course', concepts: ['sql'], status: 'done', doneAt: at('1') }];
    // The fixture's course teaches SQL in full: it outranks "a bit"; "a bit" alone is overview.
    expect(profile({ steps, claims: [self('sql', 'overview')] })[0]).toMatchObject({ level: 'complete', decidedBy: 'resource' });
    expect(profile({ claims: [self('sql', 'overview')] })[0]).toMatchObject({ level: 'overview', decidedBy: 'self' });
  });

  it('reads the self-check of a record from before claims were kept, and only then', () => {
    const mastery = { sql: { p: 0.8, attempts: 0, updatedAt: at('1') }, python: { p: 0.4, attempts: 0, updatedAt: at('1') }, docker: { p: 0.47, attempts: 0, updatedAt: at('1') } };
    expect(legacyClaims(mastery).map((c) => [c.concept, c.level, c.via])).toEqual([
      ['sql', 'core', 'self-check'],
      ['python', 'overview', 'self-check'],
    ]);
    expect(profile({ mastery, claims: undefined }).map((s) => s.concept)).toEqual(['sql', 'python']);
    expect(profile({ mastery, claims: [] })).toEqual([]);
    expect(claimsOf({ mastery, claims: undefined })).toHaveLength(2);
  });

  it('keeps one claim per concept and source, and one per lead', () => {
    let claims = withClaim([], self('sql', 'overview', '1'));
    claims = withClaim(claims, self('sql', 'core', '2'));
    claims = withClaim(claims, lead('sql', 'core', 'slack:W1:lea'));
    claims = withClaim(claims, lead('sql', 'complete', 'slack:W1:bo'));
    claims = withClaim(claims, lead('sql', 'none', 'slack:W1:lea', '6'));
    expect(claims.map((c) => [c.source, c.level, c.by ?? '-'])).toEqual([
      ['self', 'core', '-'],
      ['lead', 'complete', 'slack:W1:bo'],
      ['lead', 'none', 'slack:W1:lea'],
    ]);
  });

  it('meets a career level on the combined level: a self-report counts until answers say otherwise', () => {
    const claims = [self('sql', 'core'), self('python', 'overview')];
    const [junior] = levelProgress(g, ['data-analyst'], profile({ claims }));
    expect(levelSentence(junior!)).toBe('2 of 3 junior data analyst skills at the level the role needs');
    const [after] = levelProgress(g, ['data-analyst'], profile({ claims, mastery: { sql: { p: 0.5, attempts: 6, updatedAt: at('4') } } }));
    expect(after!.missing).toContainEqual({ concept: 'sql', needs: 'core', has: 'none' });
    expect(levelSentence(after!)).toBe('1 of 3 junior data analyst skills at the level the role needs');
  });
});
