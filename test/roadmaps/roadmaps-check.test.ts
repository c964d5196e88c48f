/**
 * `pathwise roadmaps check` on small broken roadmap folders written into temp
 * dirs: every problem names the file, the line, the path inside the file and
 * the reason, and the command exits non-zero; a valid folder exits 0.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Writes `files` (name → text) into a fresh temp folder and returns it. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pathwise-roadmaps-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function check(dir: string): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b: Buffer) => (out += b.toString()));
  stderr.on('data', (b: Buffer) => (err += b.toString()));
  const code = await runCli(['roadmaps', 'check', dir], { stdout, stderr, stdin: new PassThrough() }, {});
  return { code, out, err };
}

/** 1-based line of the first line of `text` containing `needle` (after `after`, when given). */
function lineOf(text: string, needle: string, after?: string): number {
  const lines = text.split('\n');
  const from = after === undefined ? 0 : lines.findIndex((l) => l.includes(after));
  const i = lines.findIndex((l, n) => n >= from && l.includes(needle));
  if (i < 0) throw new Error(`fixture has no line with ${needle}`);
  return i + 1;
}

/** The line `roadmaps check` prints for one issue: `file:line: path: reason [CODE]`. */
function expectIssue(err: string, dir: string, file: string, line: number, path: string, reason: string | RegExp, code: string): void {
  const shown = relative(process.cwd(), join(dir, file));
  const row = err.split('\n').find((l) => l.startsWith(`${shown}:${line}: ${path}: `) && l.endsWith(`[${code}]`));
  expect(row, `no ${code} at ${shown}:${line} ${path} in:\n${err}`).toBeDefined();
  if (typeof reason === 'string') expect(row).toContain(reason);
  else expect(row).toMatch(reason);
}

interface ConceptSpec {
  id: string;
  requires?: string[];
  quiz?: string;
}

const quiz = (id: string, answer = 'yes') => `
      - id: ${id}-q1
        question: Is this ${id}?
        choices: [yes, no, maybe]
        answer: ${answer}
        explanation: It is.
      - id: ${id}-q2
        question: Really ${id}?
        choices: [yes, no, not sure]
        answer: yes
        explanation: Really.
      - id: ${id}-q3
        question: Sure about ${id}?
        choices: [yes, no, not sure]
        answer: yes
        explanation: Sure.`;

function concept({ id, requires = [], quiz: q = quiz(id) }: ConceptSpec): string {
  return `
  - id: ${id}
    title: Concept ${id}
    description: What ${id} is about.
    domains: [test]
    difficulty: 2
    bloom: understand
    requires: [${requires.join(', ')}]
    quiz:${q}`;
}

function resource(id: string, teaches: string[]): string {
  return `
  - id: ${id}
    title: Resource ${id}
    url: https://example.com/${id}
    type: article
    minutes: 15
    difficulty: 2
    quality: 4
    interactivity: 2
    teaches: [${teaches.join(', ')}]`;
}

function roadmap(concepts: ConceptSpec[], resources: [string, string[]][], goals = ''): string {
  return `concepts:${concepts.map(concept).join('')}\nresources:${resources.map(([id, t]) => resource(id, t)).join('')}\n${goals}`;
}

const VALID = roadmap(
  [{ id: 'basics' }, { id: 'middle', requires: ['basics'] }, { id: 'top', requires: ['middle'] }],
  [['r-basics', ['basics']], ['r-rest', ['middle', 'top']]],
  `goals:
  - id: the-goal
    title: The Goal
    description: Reach the top.
    aliases: [tg]
    targets: [top]
`,
);

describe('pathwise roadmaps check', () => {
  it('accepts a valid folder and exits 0 with a summary', async () => {
    const withDepths = VALID.replace('teaches: [basics]', 'teaches: {basics: complete}').replace('teaches: [middle, top]', 'teaches: {middle: complete, top: core}');
    const dir = folder({ 'one.yaml': withDepths, 'more/two.json': JSON.stringify({ concepts: [], resources: [], goals: [] }) });
    const r = await check(dir);
    expect(r.err).toBe('');
    expect(r.out).toContain('ok: 2 files, 3 concepts, 2 resources, 9 quiz items, 1 goal');
    expect(r.code).toBe(0);
  });

  it('names an unknown prerequisite with file, line and path', async () => {
    const text = roadmap([{ id: 'a' }, { id: 'b', requires: ['a', 'ghost'] }], [['r', ['a', 'b']]]);
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, 'requires: [a, ghost]'), 'concepts[1].requires[1]', 'unknown prerequisite "ghost"', 'UNKNOWN_REFERENCE');
  });

  it('names unknown concepts taught by a resource or targeted by a goal', async () => {
    const goals = `goals:
  - id: g
    title: G
    description: d
    targets: [a, nowhere]
`;
    const text = roadmap([{ id: 'a' }], [['r', ['a', 'missing']]], goals);
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, 'teaches: [a, missing]'), 'resources[0].teaches[1]', 'unknown concept "missing"', 'UNKNOWN_REFERENCE');
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, 'targets: [a, nowhere]'), 'goals[0].targets[1]', 'unknown target concept "nowhere"', 'UNKNOWN_REFERENCE');
  });

  it('says when a prerequisite is a goal rather than a concept', async () => {
    const goals = `goals:
  - id: g
    title: G
    description: d
    targets: [a]
`;
    const text = roadmap([{ id: 'a' }, { id: 'b', requires: ['g'] }], [['r', ['a', 'b']]], goals);
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, 'requires: [g]'), 'concepts[1].requires[0]', '"g" is a goal, not a concept', 'UNKNOWN_REFERENCE');
  });

  it('finds a duplicate id within one file', async () => {
    const text = roadmap([{ id: 'a' }, { id: 'b' }, { id: 'a' }], [['r', ['a', 'b']]]);
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    const second = lineOf(text, '- id: a', 'id: b');
    expectIssue(r.err, dir, 'a.yaml', second, 'concepts[2].id', /duplicate concept\/goal id "a" \(first defined in .*a\.yaml at concepts\[0\]\)/, 'DUPLICATE_ID');
  });

  it('finds a duplicate id across files, and between a concept and a goal', async () => {
    const first = roadmap([{ id: 'shared' }], [['r1', ['shared']]]);
    const goals = `goals:
  - id: shared
    title: Shared goal
    description: d
    targets: [shared]
`;
    const second = roadmap([{ id: 'shared' }], [['r1', ['shared']]], goals);
    const dir = folder({ '1.yaml': first, '2.yaml': second });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expectIssue(r.err, dir, '2.yaml', lineOf(second, '- id: shared'), 'concepts[0].id', /duplicate concept\/goal id "shared" \(first defined in .*1\.yaml at concepts\[0\]\)/, 'DUPLICATE_ID');
    expectIssue(r.err, dir, '2.yaml', lineOf(second, '- id: shared', 'goals:'), 'goals[0].id', 'duplicate concept/goal id "shared"', 'DUPLICATE_ID');
    expectIssue(r.err, dir, '2.yaml', lineOf(second, '- id: r1'), 'resources[0].id', /duplicate resource id "r1" \(first defined in .*1\.yaml at resources\[0\]\)/, 'DUPLICATE_ID');
  });

  it('prints a prerequisite cycle as a walk, at the edge that starts it', async () => {
    const text = roadmap(
      [{ id: 'a', requires: ['b'] }, { id: 'b', requires: ['c'] }, { id: 'c', requires: ['a'] }, { id: 'd', requires: ['a'] }],
      [['r', ['a', 'b', 'c', 'd']]],
    );
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, 'requires: [b]'), 'concepts[0].requires[0]', 'prerequisite cycle: a -> b -> c -> a', 'CYCLE');
    expect(r.err.match(/\[CYCLE\]/g)).toHaveLength(1);
  });

  it('finds a cycle through an "any one of" group and a self-requirement', async () => {
    const text = `concepts:${concept({ id: 'a', requires: ['a'] })}${concept({ id: 'b' }).replace('requires: []', 'requires: []\n    requiresAnyOf: [[a, c]]')}${concept({ id: 'c', requires: ['b'] })}
resources:${resource('r', ['a', 'b', 'c'])}
`;
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, 'requires: [a]'), 'concepts[0].requires[0]', 'prerequisite cycle: a -> a', 'CYCLE');
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, 'requiresAnyOf: [[a, c]]'), 'concepts[1].requiresAnyOf[0][1]', 'prerequisite cycle: b -> c -> b', 'CYCLE');
  });

  it('still finds a cycle when a later duplicate of one of its concepts has no prerequisites', async () => {
    const text = roadmap([{ id: 'a', requires: ['b'] }, { id: 'b', requires: ['a'] }, { id: 'a' }], [['r', ['a', 'b']]]);
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('[DUPLICATE_ID]');
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, 'requires: [b]'), 'concepts[0].requires[0]', 'prerequisite cycle: a -> b -> a', 'CYCLE');
  });

  it('names a concept that no resource teaches', async () => {
    const text = roadmap([{ id: 'a' }, { id: 'lonely' }], [['r', ['a']]]);
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, '- id: lonely'), 'concepts[1].id', 'concept "lonely" has no resource that teaches it', 'NO_RESOURCE');
  });

  it('names a concept with no quiz item', async () => {
    const text = roadmap([{ id: 'a' }, { id: 'quizless', quiz: ' []' }], [['r', ['a', 'quizless']]]);
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, 'quiz: []'), 'concepts[1].quiz', 'concept "quizless" has no quiz item', 'NO_QUIZ');
  });

  it('warns, without failing, about a concept with fewer than three quiz items', async () => {
    const two = quiz('a').split('      - id: a-q3')[0]!;
    const text = roadmap([{ id: 'a', quiz: two }], [['r', ['a']]]);
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`warning: ${relative(process.cwd(), join(dir, 'a.yaml'))}:${lineOf(text, '- id: a-q1')}: concepts[0].quiz: concept "a" has only 2 quiz item(s)`);
  });

  it('names a quiz whose answer is not among its choices', async () => {
    const text = roadmap([{ id: 'a', quiz: quiz('a', 'perhaps') }], [['r', ['a']]]);
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, 'answer: perhaps'), 'concepts[0].quiz[0].answer', 'answer "perhaps" is not among the choices', 'ANSWER_NOT_A_CHOICE');
  });

  it('names a YAML syntax error with its line', async () => {
    const text = `${roadmap([{ id: 'a' }], [['r', ['a']]])}goals:\n  - id: g\n    title: [unclosed\n    description: d\n`;
    const dir = folder({ 'a.yaml': text, 'b.json': '{"concepts": [ {"id": "x",, } ]}' });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    const row = r.err.split('\n').find((l) => l.includes('a.yaml') && l.endsWith('[PARSE]'));
    expect(row).toMatch(new RegExp(`a\\.yaml:(${lineOf(text, 'title: [unclosed')}|${lineOf(text, 'description: d', 'unclosed')}): \\(root\\): \\S`));
    expectIssue(r.err, dir, 'b.json', 1, '(root)', /\S/, 'PARSE');
  });

  it('names a duplicate key inside one YAML mapping', async () => {
    const text = roadmap([{ id: 'a' }], [['r', ['a']]]).replace('    title: Concept a', '    title: Concept a\n    title: Again');
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, 'title: Again'), '(root)', 'Map keys must be unique', 'PARSE');
  });

  it('names schema errors with the path and line of the offending value', async () => {
    const text = roadmap([{ id: 'a' }], [['r', ['a']]])
      .replace('- id: a\n', '- id: Not_Kebab\n')
      .replace('difficulty: 2\n    bloom', 'difficulty: 9\n    bloom')
      .replace('url: https://example.com/r', 'url: http://example.com/r');
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, 'id: Not_Kebab'), 'concepts[0].id', 'must be kebab-case', 'SCHEMA');
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, 'difficulty: 9'), 'concepts[0].difficulty', /<=\s*5/, 'SCHEMA');
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, 'url: http://'), 'resources[0].url', 'must be an https:// URL', 'SCHEMA');
  });

  it('names an unknown field', async () => {
    const text = roadmap([{ id: 'a' }], [['r', ['a']]]).replace('    bloom: understand', '    bloom: understand\n    prereqs: [b]');
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/a\.yaml:\d+: concepts\[0\]: .*prereqs.* \[SCHEMA\]/);
  });

  it('accepts learner phrases (says) on concepts and goals, and names one too long, one said twice by a node and one said by two nodes', async () => {
    const withSays = (text: string, id: string, lines: string[]) =>
      text.replace(`  - id: ${id}\n`, `  - id: ${id}\n    says:\n${lines.map((l) => `      - ${l}\n`).join('')}`);
    let good = withSays(VALID, 'basics', ['write my very first program', 'understand loops and variables']);
    good = withSays(good, 'the-goal', ['reach the top of the tree']);
    expect((await check(folder({ 'a.yaml': good }))).code).toBe(0);

    const long = 'x'.repeat(101);
    let bad = withSays(VALID, 'basics', ['write my very first program', 'Write my very  first program', long]);
    bad = withSays(bad, 'middle', ['reach the middle', 'write my very first program']);
    const dir = folder({ 'a.yaml': bad });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expectIssue(r.err, dir, 'a.yaml', lineOf(bad, long), 'concepts[0].says[2]', 'at most 100 characters', 'SCHEMA');
    const r2 = await check(folder({ 'a.yaml': bad.replace(long, 'a short one') }));
    expect(r2.err).toMatch(/concepts\[0\]\.says\[1\]: "Write my very {2}first program" is said twice by "basics" \[DUPLICATE_SAYS\]/);
    expect(r2.err).toMatch(/concepts\[1\]\.says\[1\]: "write my very first program" is also said by "basics".* \[DUPLICATE_SAYS\]/);
  });

  it('fails plainly on a missing or empty folder', async () => {
    const missing = await check(join(tmpdir(), 'pathwise-no-such-folder-xyz'));
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('cannot read roadmap folder');
    const empty = await check(folder({ 'notes.txt': 'not a roadmap' }));
    expect(empty.code).not.toBe(0);
    expect(empty.err).toContain('no .yaml, .yml or .json roadmap files here');
  });
  it('refuses a value cut short by an unquoted " #" (YAML reads the rest as a comment)', async () => {
    const text = roadmap([{ id: 'a' }], [['r', ['a']]]).replace('choices: [yes, no, maybe]', 'choices:\n          - yes\n          - no #REF! error\n          - maybe');
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, '- no #REF!'), 'concepts[0].quiz[0].choices[1]', /"no" is followed by a YAML comment/, 'INLINE_COMMENT');
    const quoted = folder({ 'a.yaml': text.replace('- no #REF! error', "- 'no #REF! error'") });
    expect((await check(quoted)).code).toBe(0);
  });
});

describe('roadmap text that YAML would quietly change', () => {
  it('refuses a value that starts with "&" unquoted (YAML reads an anchor and drops it from the text), and accepts it quoted', async () => {
    const text = roadmap([{ id: 'a' }], [['r', ['a']]]).replace('choices: [yes, no, maybe]', 'choices:\n          - yes\n          - && no\n          - maybe');
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, '- && no'), 'concepts[0].quiz[0].choices[1]', /"&&" starts a YAML anchor that nothing refers to/, 'UNUSED_ANCHOR');
    expect((await check(folder({ 'a.yaml': text.replace('- && no', "- '&& no'") }))).code).toBe(0);
    // Inside a flow list too, which the fast parser would otherwise read without the "&&".
    const flow = roadmap([{ id: 'a' }], [['r', ['a']]]).replace('choices: [yes, no, maybe]', 'choices: [yes, && no, maybe]');
    const dir2 = folder({ 'a.yaml': flow });
    const r2 = await check(dir2);
    expect(r2.code).not.toBe(0);
    expect(r2.err).toMatch(/"&&" starts a YAML anchor that nothing refers to/);
  });
});

describe('roadmap schema: parts, depths, languages, phases, levels', () => {
  const concepts = `concepts:${[{ id: 'a' }, { id: 'b', requires: ['a'] }].map(concept).join('')}\n`;

  it('accepts a resource split into parts with depths per concept, and a goal with phases, levels, occupations and a language', async () => {
    const text = `${concepts}resources:
  - id: book
    title: A Book
    url: https://example.com/book
    type: book
    difficulty: 2
    quality: 4
    interactivity: 1
    language: python
    teaches: {a: complete, b: core}
    parts:
      - title: Chapter 1
        url: https://example.com/book/1
        minutes: 90
        teaches: {a: complete}
      - title: Chapter 2
        minutes: 120
        teaches: {b: core}
  - id: glossary
    title: Glossary entry
    url: https://example.com/glossary
    type: article
    minutes: 5
    difficulty: 1
    quality: 3
    interactivity: 1
    teaches: {b: overview}
goals:
  - id: g
    title: G
    description: d
    language: python
    targets: [b]
    phases:
      - {title: Basics, concepts: [a]}
      - {title: Then, concepts: [b]}
    levels:
      - {id: junior, title: Junior, competencies: {a: core}}
    occupations: ["15-2051.00"]
`;
    const r = await check(folder({ 'a.yaml': text }));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('names parts whose minutes disagree, parts teaching what the resource does not, and an over-long part', async () => {
    const text = `${concepts}resources:
  - id: book
    title: A Book
    url: https://example.com/book
    type: book
    minutes: 100
    difficulty: 2
    quality: 4
    interactivity: 1
    teaches: {a: complete}
    parts:
      - title: Chapter 1
        minutes: 200
        teaches: {a: core, b: core}
`;
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, 'minutes: 100'), 'resources[0].minutes', 'the parts add up to 200 min, but the resource says 100', 'PART_MINUTES');
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, 'teaches: {a: core, b: core}'), 'resources[0].parts[0].teaches.b', 'part teaches "b", which resource "book" does not list', 'PART_TEACHES_MORE');
  });

  it('warns about a part longer than three hours and a long resource with no parts, and still accepts the folder', async () => {
    const text = `${concepts}resources:
  - id: book
    title: A Book
    url: https://example.com/book
    type: book
    difficulty: 2
    quality: 4
    interactivity: 1
    teaches: {a: complete, b: complete}
    parts:
      - {title: Chapter 1, minutes: 200}
  - id: course
    title: A Course
    url: https://example.com/course
    type: course
    minutes: 900
    difficulty: 2
    quality: 4
    interactivity: 1
    teaches: {a: complete}
`;
    const r = await check(folder({ 'a.yaml': text }));
    expect(r.code).toBe(0);
    expect(r.out + r.err).toMatch(/resources\[0\]\.parts\[0\]\.minutes: part "Chapter 1" takes 200 min.*\[LONG_PART\]/);
    expect(r.out + r.err).toMatch(/resources\[1\]\.minutes: resource "course" takes 900 min in one piece.*\[LONG_RESOURCE\]/);
  });

  it('refuses a depth that is not overview, core or complete, a phase naming an unknown concept and a malformed occupation code', async () => {
    const text = `${concepts}resources:
  - id: r
    title: R
    url: https://example.com/r
    type: article
    minutes: 10
    difficulty: 2
    quality: 4
    interactivity: 1
    teaches: {a: complete, b: deep}
goals:
  - id: g
    title: G
    description: d
    targets: [b]
    phases:
      - {title: Basics, concepts: [a, ghost]}
    occupations: [data-scientist]
`;
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/resources\[0\]\.teaches.*\[SCHEMA\]/);
    expect(r.err).toMatch(/goals\[0\]\.occupations\[0\]: must be an O\*NET-SOC code/);
  });

  it('names a phase concept that does not exist', async () => {
    const text = `${concepts}resources:
  - id: r
    title: R
    url: https://example.com/r
    type: article
    minutes: 10
    difficulty: 2
    quality: 4
    interactivity: 1
    teaches: {a: complete, b: complete}
goals:
  - id: g
    title: G
    description: d
    targets: [b]
    phases:
      - {title: Basics, concepts: [a, ghost]}
`;
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expectIssue(r.err, dir, 'a.yaml', lineOf(text, 'concepts: [a, ghost]'), 'goals[0].phases[0].concepts[1]', 'unknown concept "ghost"', 'UNKNOWN_REFERENCE');
  });
});

describe('quiz cues in roadmaps check', () => {
  it('warns about an answer that stands out by length, and refuses a bank a longest-picker beats 35% of', async () => {
    const item = (n: number) => `
      - id: a-q${n}
        question: Question ${n}?
        choices: [Short, Brief, "The careful, complete and obviously right answer ${n}"]
        answer: "The careful, complete and obviously right answer ${n}"
        explanation: Because.`;
    const text = `concepts:
  - id: a
    title: A
    description: About a.
    domains: [test]
    difficulty: 2
    bloom: understand
    quiz:${[1, 2, 3].map(item).join('')}
resources:
  - id: r
    title: R
    url: https://example.com/r
    type: article
    minutes: 10
    difficulty: 2
    quality: 4
    interactivity: 1
    teaches: {a: complete}
`;
    const dir = folder({ 'a.yaml': text });
    const r = await check(dir);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/always picking the longest option scores 100% over the 3 quiz items; it must be at most 35% \[CUED_BANK\]/);
    const fine = await check(folder({ 'a.yaml': text.replaceAll('Short', 'A long and plausible distractor that is even longer than the answer text') }));
    expect(fine.code).toBe(0);
  });
});
