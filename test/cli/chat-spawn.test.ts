/**
 * `pathwise chat` as a real process: piped stdin in, replies out, a clean
 * exit at end of input; SIGTERM closes it cleanly with state kept in
 * PATHWISE_DATA_DIR. Bounded in time.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config.ts';
import { writeFixtureRoadmaps } from '../support/fixture-graph.ts';
import { tempDir } from '../support/temp-dir.ts';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function chat(env: Record<string, string>, lines: string[], opts: { endInput?: boolean; killAfter?: (out: string) => boolean } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin/pathwise.js'), 'chat'], {
      env: { ...process.env, ...env, CI: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pathwise chat did not finish in time; stdout so far:\n${stdout}\nstderr:\n${stderr}`));
    }, 25_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      if (!killed && opts.killAfter?.(stdout)) {
        killed = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.write(lines.map((l) => l + '\n').join(''));
    if (opts.endInput !== false) child.stdin.end();
  });
}

describe('pathwise chat (spawned)', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('reads piped lines, answers each, and exits 0 at end of input; state persists for the next run', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const env = { PATHWISE_DATA_DIR: join(t.dir, 'data'), PATHWISE_ROADMAPS: writeFixtureRoadmaps(join(t.dir, 'roadmaps')), PATHWISE_TIMEZONE: 'UTC' };
    const first = await chat(env, ['hi', 'I want to become a data analyst', '4', '2', '08:00', 'yes', '/plna', '{"$gt": ""}', '🚀']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/I'm Pathwise/);
    expect(first.stdout).toMatch(/Goal: Data Analyst/);
    expect(first.stdout).toMatch(/How much time can you give it/);
    expect(first.stdout).toMatch(/looks like UTC/);
    expect(first.stdout).toMatch(/All set\. I'll check in every day at 08:00 \(UTC\)/);
    expect(first.stdout).toMatch(/Your path to Data Analyst/);
    expect(first.stdout).toMatch(/Did you mean \/plan\?/);
    expect(first.stdout).toMatch(/couldn't find any words/);

    const second = await chat(env, ['hello', 'plan']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Hi again/);
    expect(second.stdout).toMatch(/1\. Programming Basics Course/);
  }, 60_000);

  it('closes cleanly on SIGTERM', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const env = { PATHWISE_DATA_DIR: join(t.dir, 'data'), PATHWISE_ROADMAPS: writeFixtureRoadmaps(join(t.dir, 'roadmaps')), PATHWISE_TIMEZONE: 'UTC' };
    const run = await chat(env, ['hi', 'I want to learn docker'], { endInput: false, killAfter: (out) => /Goal: /.test(out) });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const again = await chat(env, ['hi']);
    expect(again.stdout).toMatch(/Hi again/);
  }, 60_000);
});
