/**
 * Goal understanding on the test catalogue (fixture-graph.ts). The phrasings
 * here are our own: paraphrases, typos and traps, not the shared benchmark's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GoalParser, type GoalMatch } from '../../src/core/goal/goal-parser.ts';
import { CATALOGUE, makeGraph } from './fixture-graph.ts';

const parser = new GoalParser(CATALOGUE);

function expectShape(r: GoalMatch): void {
  expect(r.candidates.length).toBeLessThanOrEqual(5);
  for (const c of r.candidates) {
    expect(c.score).toBeGreaterThanOrEqual(0);
    expect(c.score).toBeLessThanOrEqual(1);
    expect(c.kind === 'goal' ? CATALOGUE.goals.has(c.id) : CATALOGUE.concepts.has(c.id)).toBe(true);
  }
  for (let i = 1; i < r.candidates.length; i++) expect(r.candidates[i]!.score).toBeLessThanOrEqual(r.candidates[i - 1]!.score);
  if (r.match !== null) expect(r.candidates[0]?.id).toBe(r.match);
  if (r.candidates.length === 0) expect(r.match).toBeNull();
}

/** Phrase → the node it must match. */
const MATCHES: [string, string][] = [
  // careers, with filler around them
  ['I would love to work as a data scientist', 'data-scientist'],
  ["I'd like to get into data science", 'data-scientist'],
  ['how do I become a BI / data analyst', 'data-analyst'],
  ['business intelligence analyst roadmap', 'data-analyst'],
  ['ML engineer roadmap please', 'machine-learning-engineer'],
  ['I want to work as a devops engineer', 'devops-engineer'],
  ['devops', 'devops-engineer'],
  ['site reliability engineering', 'devops-engineer'],
  // role words stand for each other, and favour goals over concepts
  ['backend engineer', 'backend-developer'],
  ['become a front-end dev', 'frontend-developer'],
  ['frontend programmer', 'frontend-developer'],
  ['full stack web developer', 'full-stack-developer'],
  ['fullstack', 'full-stack-developer'],
  ['server side development', 'backend-developer'],
  ['machine learning engineer', 'machine-learning-engineer'],
  // concepts, with punctuation and abbreviations
  ['I want to learn React.js', 'react'],
  ['reactjs', 'react'],
  ['nodejs', 'nodejs'],
  ['learn Node.js please', 'nodejs'],
  ['set up CI/CD', 'ci-cd'],
  ['continuous integration', 'ci-cd'],
  ['k8s', 'kubernetes'],
  ['containers', 'docker'],
  ['version control', 'git'],
  ['linux terminal', 'linux'],
  ['I need spreadsheets for my job', 'excel'],
  ['typescript please', 'typescript'],
  ['machine learning', 'machine-learning'],
  ['intro to ML', 'machine-learning'],
  ['deep learning with pytorch', 'deep-learning'],
  ['neural networks', 'deep-learning'],
  // the topic comes before "for"/"with": the rest is context
  ['statistics for data science', 'statistics'],
  ['python for data analysis', 'python'],
  // typos
  ['kubernets', 'kubernetes'],
  ['learn pyhton', 'python'],
  ['machne learning', 'machine-learning'],
  ['teach me javascrpt', 'javascript'],
  ['linear regresion', 'linear-regression'],
  ['probabilty', 'probability'],
  ['i wanna be a data scienist', 'data-scientist'],
  ['data analist', 'data-analyst'],
  ['lineer algebra', 'linear-algebra'],
];

describe('GoalParser: matches', () => {
  it.each(MATCHES)('%s → %s', (text, id) => {
    const r = parser.parse(text);
    expectShape(r);
    expect(r.match, JSON.stringify(r.candidates)).toBe(id);
  });

  it('is confident on a phrase that is exactly a name', () => {
    const r = parser.parse('Data Scientist');
    expect(r.match).toBe('data-scientist');
    expect(r.candidates[0]).toEqual({ id: 'data-scientist', title: 'Data Scientist', kind: 'goal', score: 1 });
  });

  it('falls back to the concept a role names when no career fits it', () => {
    expect(parser.parse('linux admin').match).toBe('linux');
    expect(parser.parse('I want to become a linux admin').match).toBeNull();
  });

  it('ranks a career first when a role word is said, and the concept first when not', () => {
    expect(parser.parse('machine learning engineer').candidates[0]?.kind).toBe('goal');
    const concept = parser.parse('machine learning');
    expect(concept.candidates.map((c) => c.id).slice(0, 2)).toEqual(['machine-learning', 'machine-learning-engineer']);
  });
});

describe('GoalParser: no match', () => {
  it.each(['I want to become a pastry chef', 'asdfgh qwerty', 'how do I bake sourdough bread', 'learn to play the guitar', 'become a nurse', 'zxcvbnm'])(
    '%s → nothing fits',
    (text) => {
      const r = parser.parse(text);
      expect(r).toEqual({ match: null, candidates: [] });
    },
  );

  it.each(['data', 'developer', 'web', 'engineer', 'become a software engineer', 'learn programming'])(
    '%s → no confident match, only choices',
    (text) => {
      const r = parser.parse(text);
      expectShape(r);
      expect(r.match).toBeNull();
    },
  );

  it('joins written-apart words into a name only when both say something: "am i" is not AMI, "data base" is a database', () => {
    const g = makeGraph([{ id: 'ec2', title: 'EC2', aliases: ['ami'], description: 'Virtual servers from machine images.' }, { id: 'db', title: 'Database', description: 'Storing data.' }], CATALOGUE_GOALS);
    const p = new GoalParser(g);
    expect(p.parse('what am i doing wrong').match).toBeNull();
    expect(p.parse('where am i').match).toBeNull();
    expect(p.parse('ami').match).toBe('ec2');
    expect(p.parse('learn data base design').match).toBe('db');
  });

  it('does not take a tool for a career: "become a chef" is not a Chef concept', () => {
    const g = makeGraph([{ id: 'chef', title: 'Chef', description: 'Configuration management with Chef cookbooks.' }], CATALOGUE_GOALS);
    const p = new GoalParser(g);
    expect(p.parse('I want to become a chef')).toEqual({ match: null, candidates: [] });
    expect(p.parse('learn chef').match).toBe('chef');
  });
});

const CATALOGUE_GOALS = [...CATALOGUE.goals.values()].map((g) => ({ ...g }));

describe('GoalParser: the margin rule', () => {
  const ui = { id: 'ui', title: 'User interfaces', description: 'Screens people use.' };
  const api = { id: 'api', title: 'APIs', description: 'Endpoints other programs call.' };
  const ops = { id: 'ops', title: 'Operations', description: 'Keeping systems up.' };

  it('picks the goal whose plan contains the other when the same words name both', () => {
    const g = makeGraph(
      [ui, api, ops],
      [
        { id: 'front', title: 'Front-end developer', aliases: ['web developer'], description: 'Screens.', targets: ['ui'] },
        { id: 'full', title: 'Full-stack developer', aliases: ['web developer'], description: 'Screens and servers.', targets: ['ui', 'api'] },
      ],
    );
    const r = new GoalParser(g).parse('web developer');
    expect(r.match).toBe('full');
    expect(r.candidates.map((c) => c.id)).toEqual(['full', 'front']);
    expect(r.candidates[0]!.score).toBe(r.candidates[1]!.score);
  });

  it('asks when the same words name two goals with unrelated plans', () => {
    const g = makeGraph(
      [ui, api, ops],
      [
        { id: 'platform-a', title: 'Platform engineer (apps)', aliases: ['platform engineer'], description: 'Builds APIs.', targets: ['api'] },
        { id: 'platform-b', title: 'Platform engineer (ops)', aliases: ['platform engineer'], description: 'Runs systems.', targets: ['ops'] },
      ],
    );
    const r = new GoalParser(g).parse('platform engineer');
    expect(r.match).toBeNull();
    expect(r.candidates.map((c) => c.id).sort()).toEqual(['platform-a', 'platform-b']);
  });

  it('takes the first named of two things named outright', () => {
    const g = makeGraph([
      { id: 'charts', title: 'Charts', description: 'Plotting numbers.' },
      { id: 'dashboards', title: 'Dashboards', description: 'Reports that update.', requires: ['charts'] },
    ]);
    const p = new GoalParser(g);
    expect(p.parse('charts and dashboards').match).toBe('charts');
    expect(p.parse('dashboards and charts').match).toBe('dashboards');
  });

  it('follows its options: a stricter threshold turns a typo into a choice', () => {
    const strict = new GoalParser(CATALOGUE, { matchThreshold: 0.9 });
    const r = strict.parse('learn pyhton');
    expect(r.match).toBeNull();
    expect(r.candidates[0]?.id).toBe('python');
    expect(new GoalParser(CATALOGUE, { maxCandidates: 2 }).parse('developer').candidates).toHaveLength(2);
  });
});

describe('GoalParser: any input', () => {
  const odd = [
    '',
    '   ',
    '😀🎉🚀',
    '{"$gt": ""}',
    '<script>alert(1)</script>',
    '\u0000\u0001\u0002\ufffd\ud800',
    'ȑ̴̛͎e̷̤͒á̶̠c̷̰̈́t̴̙̐',
    'x'.repeat(100_000),
    'learn react '.repeat(10_000),
    Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)).toString('latin1'),
  ];

  it.each(odd.map((t) => [t.slice(0, 30), t]))('%j: no throw, a well-formed answer', (_label, text) => {
    const t0 = performance.now();
    const r = parser.parse(text);
    expect(performance.now() - t0).toBeLessThan(500);
    expectShape(r);
  });

  it('finds nothing in markup, emoji or query operators', () => {
    for (const t of ['', '😀🎉🚀', '{"$gt": ""}', '<script>alert(1)</script>']) expect(parser.parse(t)).toEqual({ match: null, candidates: [] });
  });

  it('still reads a goal at the start of a huge message', () => {
    expect(parser.parse('learn react '.repeat(10_000)).match).toBe('react');
  });

  it('survives anything a chat can send, and answers the same twice', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (text) => {
        const a = parser.parse(text);
        expectShape(a);
        expect(parser.parse(text)).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('does not throw on a value that is not a string (untyped callers)', () => {
    expect(parser.parse(undefined as unknown as string)).toEqual({ match: null, candidates: [] });
    expect(parser.parse({ $gt: '' } as unknown as string)).toEqual({ match: null, candidates: [] });
  });

  it('works on an empty graph', () => {
    expect(new GoalParser(makeGraph([])).parse('learn python')).toEqual({ match: null, candidates: [] });
  });
});
