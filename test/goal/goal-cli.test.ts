/**
 * `pathwise goal` through the real CLI entry, on a tiny valid roadmap folder
 * (test/goal/roadmaps), with stdin and stdout as streams.
 */
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/main.ts';

const ROADMAPS = fileURLToPath(new URL('./roadmaps', import.meta.url));

async function goal(args: string[], stdinText?: string): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b: Buffer) => (out += b.toString()));
  stderr.on('data', (b: Buffer) => (err += b.toString()));
  stdin.end(stdinText ?? '');
  const code = await runCli(['goal', ...args], { stdout, stderr, stdin }, { PATHWISE_ROADMAPS: ROADMAPS });
  return { code, out, err };
}

describe('pathwise goal', () => {
  it('prints the match and candidates as JSON', async () => {
    const r = await goal(['I want to become a data scientist', '--json']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out) as { match: string | null; candidates: { id: string; title: string; kind: string; score: number }[] };
    expect(parsed.match).toBe('data-scientist');
    expect(parsed.candidates[0]).toEqual({ id: 'data-scientist', title: 'Data Scientist', kind: 'goal', score: 1 });
  });

  it('joins the words of an unquoted phrase', async () => {
    const r = await goal(['--json', 'learn', 'k8s']);
    expect(JSON.parse(r.out)).toMatchObject({ match: 'kubernetes' });
  });

  it('answers each stdin line in order, one JSON object per line, blank lines included', async () => {
    const r = await goal(['--json'], 'learn pyhton\n\nasdfgh qwerty\r\ndevops\ndata');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n').map((l) => JSON.parse(l) as { match: string | null; candidates: unknown[] });
    expect(lines.map((l) => l.match)).toEqual(['python', null, null, 'devops-engineer', null]);
    expect(lines[1]!.candidates).toEqual([]);
    expect(lines[2]!.candidates).toEqual([]);
    expect(lines[4]!.candidates.length).toBeGreaterThan(0);
  });

  it('says it in words without --json', async () => {
    expect((await goal(['containers'])).out).toMatch(/^Best match: Docker \(concept, 1\.00\)\n/);
    expect((await goal(['I want to become a pastry chef'])).out).toBe('No goal or concept fits "I want to become a pastry chef".\n');
    expect((await goal(['data'])).out).toMatch(/^Not sure which you mean by "data"; candidates:\n {2}1\. Data Scientist \(goal, 0\.\d\d\)/);
  });

  it('rejects an unknown option with exit 2', async () => {
    const r = await goal(['--jsn', 'python']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown option --jsn');
  });
});
