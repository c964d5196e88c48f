/**
 * Start-up as a person meets it, in real processes: a `.env` in the working
 * directory changes nothing (Pathwise reads only the environment it is
 * given; `natural` used to load dotenv on import), and the commands that need
 * no engines load none of the heavy modules.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config.ts';
import { writeFixtureRoadmaps } from '../support/fixture-graph.ts';
import { tempDir } from '../support/temp-dir.ts';

function pathwise(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}) {
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
  for (const k of Object.keys(env)) if (k.startsWith('PATHWISE_') && !(opts.env && k in opts.env)) delete env[k];
  // As a person runs it: nothing asks dotenv (should anything load it) to keep quiet.
  delete env.DOTENV_CONFIG_QUIET;
  return spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin/pathwise.js'), ...args], { cwd: opts.cwd, env, encoding: 'utf8', input: opts.input ?? '', timeout: 30_000 });
}

describe('start-up', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('ignores a .env in the working directory: a bad setting there breaks nothing, a good one changes nothing', () => {
    const t = tempDir();
    cleanups.push(t.remove);
    writeFileSync(join(t.dir, '.env'), `PATHWISE_LOG_LEVEL=bogus\nPATHWISE_ROADMAPS=${join(t.dir, 'nowhere')}\nDISCORD_TOKEN=short\n`);
    const r = pathwise(['goal', '--json', 'I want to learn docker'], { cwd: t.dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // The whole output is the answer: no "injected env from .env" line from a library.
    expect(JSON.parse(r.stdout)).toMatchObject({ match: 'docker' });

    // The chat still uses the environment it was given, not the file's roadmaps.
    const data = join(t.dir, 'data');
    const chat = pathwise(['chat'], { cwd: t.dir, env: { PATHWISE_DATA_DIR: data, PATHWISE_ROADMAPS: writeFixtureRoadmaps(join(t.dir, 'roadmaps')) }, input: 'hi\n' });
    expect(chat.stderr).toBe('');
    expect(chat.status).toBe(0);
    expect(chat.stdout).toMatch(/I'm Pathwise/);
  }, 60_000);

  it('ends quietly when the reader closes the pipe early, as `pathwise roadmaps stats --json | head -c 200` does', () => {
    // A real pipe (a child's stdio is a socket pair, which buffers the whole answer): bash's `|` into head.
    const script = `"${process.execPath}" "${join(PACKAGE_ROOT, 'bin/pathwise.js')}" roadmaps stats --json | head -c 200 >/dev/null; echo "status=\${PIPESTATUS[0]}" >&2`;
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.stderr).toMatch(/status=0/);
  }, 60_000);
});
