/** `pathwise plan` end to end through runCli, on a small roadmap written to a temp folder. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable, PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main.ts';

const quiz = (id: string) => [{ id: `${id}-q1`, question: `What is ${id}?`, choices: ['this', 'that one'], answer: 'this', explanation: 'Because.' }];
const concept = (id: string, title: string, requires: string[] = []) => ({
  id,
  title,
  description: `About ${title}.`,
  domains: ['data'],
  difficulty: 1,
  bloom: 'understand',
  requires,
  quiz: quiz(id),
});
const res = (id: string, type: string, minutes: number, teaches: string[]) => ({
  id,
  title: `${id} title`,
  url: `https://example.org/${id}`,
  type,
  minutes,
  difficulty: 1,
  quality: 5,
  interactivity: 5,
  teaches,
});

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pathwise-plan-cli-'));
  const roadmap = {
    concepts: [concept('python', 'Python'), concept('numpy', 'NumPy', ['python']), concept('pandas', 'Pandas', ['numpy'])],
    resources: [
      res('py-video', 'video', 30, ['python']),
      res('py-book', 'article', 60, ['python']),
      res('np-article', 'article', 20, ['numpy']),
      res('pd-course', 'course', 50, ['pandas']),
      res('np-pd', 'article', 60, ['numpy', 'pandas']),
    ],
    goals: [{ id: 'data-analysis', title: 'Data analysis', description: 'Analyse data.', targets: ['pandas'] }],
  };
  writeFileSync(join(dir, 'data.json'), JSON.stringify(roadmap));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await runCli(argv, { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), stdin: new PassThrough() }, { PATHWISE_ROADMAPS: dir });
  return { code, out, err };
}

describe('pathwise plan', () => {
  it('prints the plan as JSON', async () => {
    const { code, out } = await run('plan', '--goal', 'data-analysis', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.steps.map((s: { resource: string }) => s.resource)).toEqual(['py-video', 'np-pd']);
    expect(json.steps[1]).toMatchObject({ concepts: ['numpy', 'pandas'], minutes: 60, reason: 'covers NumPy and Pandas in one go; part of your goal Data analysis' });
    expect(json).toMatchObject({ totalCost: 90, totalMinutes: 90, estimatedDays: 3, optimal: true, skipped: [] });
    expect(json.expanded).toBeGreaterThan(0);
  });

  it('takes known concepts, preferences, minutes per day and several goals', async () => {
    const { code, out } = await run('plan', '--goal', 'numpy', '--goal', 'pandas', '--known', 'python', '--avoid', 'course', '--minutes-per-day', '45', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.skipped).toEqual(['python']);
    expect(json.steps.map((s: { resource: string }) => s.resource)).toEqual(['np-pd']);
    expect(json.estimatedDays).toBe(2); // ⌈60 / 45⌉
  });

  it('prints a readable plan without --json', async () => {
    const { code, out } = await run('plan', '--goal', 'pandas', '--prefer', 'video', '--done', 'py-book');
    expect(code).toBe(0);
    expect(out).toContain('Plan for Pandas');
    expect(out).toContain('✓ py-book title (article, 1 h)');
    expect(out).toContain('1. np-pd title (article, 1 h): NumPy, Pandas');
    expect(out).toMatch(/Total: 1 h, about 2 days at 30 min\/day; cost 78, optimal, \d+ states? expanded\./);
  });

  it('unknown goal: names it and close matches, exits non-zero', async () => {
    const { code, err } = await run('plan', '--goal', 'pandsa');
    expect(code).not.toBe(0);
    expect(err).toContain('I don\'t know the goal "pandsa" yet — did you mean pandas?');
  });

  it('unknown --known concept and bad format are errors too', async () => {
    expect((await run('plan', '--goal', 'pandas', '--known', 'pyton')).err).toContain('--known: I don\'t know the concept "pyton" yet — did you mean python?');
    const bad = await run('plan', '--goal', 'pandas', '--prefer', 'podcast');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('Unknown format "podcast"');
    expect((await run('plan')).err).toContain('Name a goal');
    expect((await run('plan', '--goal', 'pandas', '--bogus')).err).toContain('Usage: pathwise plan');
  });
});
