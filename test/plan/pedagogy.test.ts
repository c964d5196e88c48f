/**
 * A path a teacher would sign: depth coverage (a glossary entry introduces a
 * concept but never completes it; two core resources add up), the goal's
 * language (a data goal never routes through a JavaScript course), and the
 * goal's phases as a second criterion that never changes the cost.
 */
import { describe, expect, it } from 'vitest';
import type { Depth } from '../../src/core/graph/types.ts';
import { planPath } from '../../src/core/plan/planner.ts';
import { phaseRanks, sectionTitles, unitOrder } from '../../src/core/plan/teaching-order.ts';
import { concept, goal, graphOf, resource } from './fixtures.ts';

const prefs = { preferredFormats: [], avoidedFormats: [], minutesPerDay: 30 };
const at = (depth: Record<string, Depth>) => ({ depth });

describe('depth coverage', () => {
  it('never takes an overview as complete: the 5-minute glossary entry loses to the full course', () => {
    const g = graphOf([concept('testing')], [resource('glossary', ['testing'], 5, at({ testing: 'overview' })), resource('course', ['testing'], 60)]);
    const plan = planPath(g, { goals: ['testing'], mastery: {}, preferences: prefs });
    expect(plan.steps.map((s) => s.resource.id)).toEqual(['course']);
  });

  it('adds up partial resources: two core ones cover a concept, cheaper than one complete one', () => {
    const g = graphOf(
      [concept('react')],
      [resource('thinking', ['react'], 30, at({ react: 'core' })), resource('tutorial', ['react'], 40, at({ react: 'core' })), resource('big-course', ['react'], 600)],
    );
    const plan = planPath(g, { goals: ['react'], mastery: {}, preferences: prefs });
    expect(plan.steps.map((s) => s.resource.id).sort()).toEqual(['thinking', 'tutorial']);
    expect(plan.totalMinutes).toBe(70);
    expect(plan.steps[0]!.reason).toMatch(/with the next step it covers React in full/);
    expect(plan.steps[1]!.reason).toMatch(/React, part 2 of 2/);
    expect(plan.optimal).toBe(true);
  });

  it("a step of a bundle lists only what it teaches itself, and only the bundle claims to cover both", () => {
    // The pandas guide covers pandas fully and data cleaning at core; a spreadsheet lesson brings data cleaning to complete.
    const g = graphOf(
      [concept('pandas'), concept('data-cleaning', { requires: ['pandas'] })],
      [resource('sheets-lesson', ['data-cleaning'], 30, at({ 'data-cleaning': 'core' })), resource('pandas-guide', ['pandas', 'data-cleaning'], 60, at({ pandas: 'complete', 'data-cleaning': 'core' })), resource('big', ['pandas', 'data-cleaning'], 900)],
    );
    const plan = planPath(g, { goals: ['data-cleaning'], mastery: {}, preferences: prefs });
    const lesson = plan.steps.find((s) => s.resource.id === 'sheets-lesson')!;
    const guide = plan.steps.find((s) => s.resource.id === 'pandas-guide')!;
    expect(lesson.concepts).toEqual(['data-cleaning']);
    // The guide teaches pandas, which the lesson's data cleaning builds on: it comes first.
    expect(plan.steps.map((s) => s.resource.id)).toEqual(['pandas-guide', 'sheets-lesson']);
    expect(guide.concepts.sort()).toEqual(['data-cleaning', 'pandas']);
    expect(plan.steps.map((s) => s.reason).join(' | ')).not.toMatch(/in one go/);
    expect(plan.steps[0]!.reason).toMatch(/with the next step it covers Pandas and Data Cleaning in full/);
  });

  it('a unit opens with the resource that introduces it, not the lightest: easier first, a survey before one facet, practice last', () => {
    // Shaped like the shipped SQL unit, which once opened with a 5-minute article on foreign keys.
    const g = graphOf(
      [concept('rdb', { title: 'Relational databases' }), concept('sql', { requires: ['rdb'] })],
      [
        resource('fk-article', ['rdb'], 5, { difficulty: 2, ...at({ rdb: 'overview' }) }),
        resource('relationships', ['rdb'], 10, at({ rdb: 'overview' })),
        resource('tutorial', ['rdb', 'sql'], 90, at({ rdb: 'overview', sql: 'core' })),
        resource('drills', ['sql', 'rdb'], 240, { type: 'exercise', difficulty: 2, ...at({ sql: 'core', rdb: 'overview' }) }),
      ],
    );
    const plan = planPath(g, { goals: ['sql'], mastery: {}, preferences: prefs });
    expect(plan.steps.map((s) => s.resource.id)).toEqual(['tutorial', 'relationships', 'fk-article', 'drills']);
    expect(plan.steps[0]!.reason).toMatch(/with the next 3 steps it covers Relational databases and Sql in full/);
    // The order is the teacher's, the cost the planner's: the same steps as any order.
    expect(plan.totalMinutes).toBe(345);
  });

  it('within a unit, what a resource teaches first outranks how easy or light it is', () => {
    const members = [
      resource('sql-only-easy', ['sql'], 5, at({ sql: 'core' })),
      resource('rdb-hard', ['rdb'], 60, { difficulty: 3, ...at({ rdb: 'core' }) }),
      resource('rdb-light', ['rdb'], 10, { difficulty: 3, ...at({ rdb: 'core' }) }),
    ];
    // Prerequisite order first (rdb before sql), then the same level: lightness last.
    expect(unitOrder(members, ['rdb', 'sql']).map((r) => r.id)).toEqual(['rdb-light', 'rdb-hard', 'sql-only-easy']);
  });

  it('counts what done resources already gave: after one core, the second one completes it', () => {
    const g = graphOf([concept('react')], [resource('thinking', ['react'], 30, at({ react: 'core' })), resource('tutorial', ['react'], 40, at({ react: 'core' })), resource('big-course', ['react'], 600)]);
    const plan = planPath(g, { goals: ['react'], mastery: {}, preferences: prefs, done: ['thinking'] });
    expect(plan.steps.filter((s) => !s.done).map((s) => s.resource.id)).toEqual(['tutorial']);
  });

  it('an overview alone cannot reach the goal', () => {
    const g = graphOf([concept('dns')], [resource('what-is-dns', ['dns'], 15, at({ dns: 'overview' }))]);
    expect(() => planPath(g, { goals: ['dns'], mastery: {}, preferences: prefs })).toThrow(/can't plan a path/);
  });
});

describe("the goal's language", () => {
  const data = { ...goal('data-analyst', ['pandas']), language: 'python' };
  const concepts = [concept('programming-basics'), concept('pandas', { requires: ['programming-basics'] })];

  it('plans programming basics in Python for a Python goal, though the JavaScript course is cheaper', () => {
    const g = graphOf(
      concepts,
      [resource('odin', ['programming-basics'], 30, { language: 'javascript' }), resource('py-intro', ['programming-basics'], 60, { language: 'python' }), resource('pandas-guide', ['pandas'], 30, { language: 'python' })],
      [data],
    );
    const plan = planPath(g, { goals: ['data-analyst'], mastery: {}, preferences: prefs });
    expect(plan.steps.map((s) => s.resource.id)).toEqual(['py-intro', 'pandas-guide']);
  });

  it('falls back to another language only when nothing else can reach the goal', () => {
    const g = graphOf(concepts, [resource('odin', ['programming-basics'], 30, { language: 'javascript' }), resource('pandas-guide', ['pandas'], 30, { language: 'python' })], [data]);
    const plan = planPath(g, { goals: ['data-analyst'], mastery: {}, preferences: prefs });
    expect(plan.steps.map((s) => s.resource.id)).toEqual(['odin', 'pandas-guide']);
  });

  it('a concept asked for alone works in the language it is built on: React (needing JavaScript) opens with programming basics in JavaScript', () => {
    const g = graphOf(
      [concept('programming-basics'), concept('javascript', { requires: ['programming-basics'] }), concept('react', { requires: ['javascript'] })],
      [
        resource('py-intro', ['programming-basics'], 30, { language: 'python' }),
        resource('js-intro', ['programming-basics'], 60, { language: 'javascript' }),
        resource('js-guide', ['javascript'], 30, { language: 'javascript' }),
        resource('react-guide', ['react'], 30, { language: 'javascript' }),
      ],
    );
    for (const target of ['react', 'javascript']) {
      const plan = planPath(g, { goals: [target], mastery: {}, preferences: prefs });
      expect(plan.steps[0]!.resource.id).toBe('js-intro');
    }
  });

  it('one concept taught in full only in another language keeps that one resource, not every other concept off the language', () => {
    const js = { ...goal('frontend', ['web-app']), language: 'javascript' };
    const g = graphOf(
      [concept('programming-basics'), concept('networking'), concept('web-app', { requires: ['programming-basics', 'networking'] })],
      [
        resource('py-intro', ['programming-basics'], 30, { language: 'python' }),
        resource('js-intro', ['programming-basics'], 60, { language: 'javascript' }),
        resource('py-networking', ['networking'], 60, { language: 'python' }),
        resource('net-overview', ['networking'], 10, { depth: { networking: 'overview' } }),
        resource('web-app-guide', ['web-app'], 30, { language: 'javascript' }),
      ],
      [js],
    );
    const plan = planPath(g, { goals: ['frontend'], mastery: {}, preferences: prefs });
    expect(plan.steps.map((s) => s.resource.id).sort()).toEqual(['js-intro', 'py-networking', 'web-app-guide']);
  });
});

describe("the goal's phases", () => {
  const concepts = [concept('spreadsheets'), concept('sql'), concept('stats'), concept('ab-testing', { requires: ['stats'] })];
  const resources = [resource('r-ab', ['ab-testing'], 10), resource('r-stats', ['stats'], 10), resource('r-sql', ['sql'], 20), resource('r-sheets', ['spreadsheets'], 30)];
  const analyst = {
    ...goal('analyst', ['ab-testing', 'sql', 'spreadsheets']),
    phases: [
      { title: 'Foundations', concepts: ['spreadsheets', 'sql'] },
      { title: 'Experiments', concepts: ['ab-testing'] },
    ],
  };

  it('puts spreadsheets and SQL before A/B testing, with A/B testing still after its statistics, at the same cost', () => {
    const g = graphOf(concepts, resources, [analyst]);
    const phased = planPath(g, { goals: ['analyst'], mastery: {}, preferences: prefs });
    expect(phased.steps.map((s) => s.resource.id)).toEqual(['r-sheets', 'r-sql', 'r-stats', 'r-ab']);
    const plain = planPath(graphOf(concepts, resources, [{ ...analyst, phases: [] }]), { goals: ['analyst'], mastery: {}, preferences: prefs });
    expect(phased.totalCost).toBe(plain.totalCost);
    expect(plain.steps.map((s) => s.resource.id).sort()).toEqual(phased.steps.map((s) => s.resource.id).sort());
  });

  it('finishes a section before opening the next: the second half of a bundle that belongs to a later phase waits for it', () => {
    // Shaped like the shipped data scientist plan, which read "Python and SQL" (pandas guide), "Cleaning" (the spreadsheet
    // lesson completing data cleaning), then "Python and SQL" again for SQL.
    const concepts = [concept('pandas'), concept('sql', { title: 'SQL' }), concept('data-cleaning', { requires: ['pandas'] }), concept('eda', { title: 'EDA', requires: ['data-cleaning', 'sql'] })];
    const resources = [
      resource('pandas-guide', ['pandas', 'data-cleaning'], 60, at({ pandas: 'complete', 'data-cleaning': 'core' })),
      resource('sheets-lesson', ['data-cleaning'], 30, at({ 'data-cleaning': 'core' })),
      resource('big', ['pandas', 'data-cleaning'], 900),
      resource('sql-tutorial', ['sql'], 40),
      resource('eda-course', ['eda'], 50),
    ];
    const scientist = {
      ...goal('scientist', ['pandas', 'sql', 'data-cleaning', 'eda']),
      phases: [
        { title: 'Python and SQL for data', concepts: ['pandas', 'sql'] },
        { title: 'Cleaning, exploring and visualising data', concepts: ['data-cleaning', 'eda'] },
      ],
    };
    const g = graphOf(concepts, resources, [scientist]);
    const plan = planPath(g, { goals: ['scientist'], mastery: {}, preferences: prefs });
    expect(plan.steps.map((s) => s.resource.id)).toEqual(['pandas-guide', 'sql-tutorial', 'sheets-lesson', 'eda-course']);
    expect(sectionTitles(g, ['scientist'], phaseRanks(g, ['scientist']), plan.steps.map((s) => s.concepts))).toEqual([
      'Python and SQL for data',
      'Python and SQL for data',
      'Cleaning, exploring and visualising data',
      'Cleaning, exploring and visualising data',
    ]);
    // The bundle's reasons say the other half comes later, not next.
    expect(plan.steps[0]!.reason).toMatch(/with a later step it covers Pandas and Data Cleaning in full/);
    expect(plan.steps[2]!.reason).toMatch(/Pandas and Data Cleaning, part 2 of 2/);
    // The same resources at the same cost as the planner's own order.
    const plain = planPath(graphOf(concepts, resources, [{ ...scientist, phases: [] }]), { goals: ['scientist'], mastery: {}, preferences: prefs });
    expect(plan.totalCost).toBe(plain.totalCost);
    expect(plain.steps.map((s) => s.resource.id).sort()).toEqual(plan.steps.map((s) => s.resource.id).sort());
  });

  it('a resource whose concepts span two phases heads the later one when prerequisites place it there', () => {
    const g = graphOf([concept('a'), concept('b'), concept('c')], [], [{ ...goal('x', ['a', 'b', 'c']), phases: [{ title: 'One', concepts: ['a'] }, { title: 'Two', concepts: ['b'] }, { title: 'Three', concepts: ['c'] }] }]);
    const rank = phaseRanks(g, ['x']);
    expect(sectionTitles(g, ['x'], rank, [['a'], ['b'], ['a', 'c'], ['c']])).toEqual(['One', 'Two', 'Three', 'Three']);
    expect(sectionTitles(g, ['x'], rank, [['a', 'c'], ['b']])).toEqual(['One', 'Two']);
  });
});
