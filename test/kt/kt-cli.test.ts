import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main.ts';
import { readParamsFile } from '../../src/kt/params-file.ts';
import { simulate, toCsv, type SyntheticSkill } from './support/synthetic.ts';

const dir = mkdtempSync(join(tmpdir(), 'pathwise-kt-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runCli(argv, { stdout, stderr, stdin: new PassThrough() }, {});
  return { code, out, err };
}

const SKILLS: SyntheticSkill[] = [
  { skill: 'fractions', params: { prior: 0.3, learn: 0.2, guess: 0.2, slip: 0.1, forget: 0 } },
  { skill: 'decimals', params: { prior: 0.5, learn: 0.1, guess: 0.25, slip: 0.08, forget: 0 } },
];
const train = file('train.csv', toCsv(simulate(SKILLS, { learners: 150, minAnswers: 2, maxAnswers: 12, seed: 1 })));
// The test set has one more skill, never seen in train: its rows are skipped, not scored.
const testRows = simulate([...SKILLS, { skill: 'percent', params: SKILLS[0]!.params }], { learners: 40, minAnswers: 2, maxAnswers: 8, seed: 2 });
const test = file('test.csv', toCsv(testRows, 't'));
const percentRows = [...testRows.skill].filter((s) => s === 2).length;

describe('pathwise kt fit', () => {
  it('writes a valid parameters file for every skill', async () => {
    const out = join(dir, 'params.json');
    const r = await cli('kt', 'fit', '--data', train, '--out', out, '--threads', '1');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/fitted 2 skills from [\d,]+ responses/);
    const params = readParamsFile(out);
    expect(Object.keys(params.skills).sort()).toEqual(['decimals', 'fractions']);
    expect(params).toMatchObject({ forgets: false, seed: 42, restarts: 5 });
  });

  it('refuses bad rows, naming each line, and writes nothing', async () => {
    const bad = file('bad.csv', 'user_id,skill_id,correct\nu1,fractions,1\nu1,fractions,2\nu2,,1\nu3,decimals\n');
    const out = join(dir, 'never.json');
    const r = await cli('kt', 'fit', '--data', bad, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')).toContain(`${bad}:3: correct: correct must be 0 or 1, got "2" [BAD_CORRECT]`);
    expect(r.err.split('\n')).toContain(`${bad}:4: skill_id: empty skill_id [MISSING_FIELD]`);
    expect(r.err.split('\n')).toContain(`${bad}:5: correct: row has 2 of 3 columns; no correct [MISSING_FIELD]`);
    expect(() => readFileSync(out)).toThrow();
  });

  it('says which option is missing or wrong', async () => {
    expect((await cli('kt', 'fit')).err).toContain('--data <file> is required');
    expect((await cli('kt', 'fit', '--data', train, '--restarts', '0')).code).toBe(2);
    expect((await cli('kt', 'fit', '--data', train, '--nope')).err).toContain("Unknown option '--nope'");
  });
});

describe('pathwise kt eval --json', () => {
  it('prints the report, skipping test rows on skills absent from train', async () => {
    const r = await cli('kt', 'eval', '--train', train, '--test', test, '--json', '--threads', '1');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as Record<string, number>;
    expect(Object.keys(report).sort()).toEqual(['auc', 'evalSeconds', 'fitSeconds', 'rmse', 'skills', 'skippedRows', 'testRows', 'trainRows'].sort());
    expect(report).toMatchObject({ skills: 2, testRows: testRows.length, skippedRows: percentRows });
    expect(percentRows).toBeGreaterThan(0);
    expect(report.auc).toBeGreaterThan(0.6);
    expect(report.rmse).toBeLessThan(0.5);
  });
});

describe('node bin/pathwise.js kt fit (the real entry point)', () => {
  const bin = resolve(import.meta.dirname, '../../bin/pathwise.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'kt', 'fit', '--data', train, ...args], { encoding: 'utf8', timeout: 60_000 });

  it('fits on two worker threads with exactly the single-threaded result', () => {
    const two = run('--threads', '2', '--forgets');
    const one = run('--threads', '1', '--forgets');
    expect(two.stderr).toContain('on 2 threads');
    expect(one.stderr).toContain('on 1 thread');
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(two.stdout).forgets).toBe(true);
  });
});
