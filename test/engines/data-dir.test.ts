/**
 * The embedded store is safe to run (issue #17, item 7): one process per
 * data directory, a damaged file named with its line and repaired by
 * `pathwise doctor`, delivery records that expire.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config.ts';
import { LOCK_FILE } from '../../src/engines/embedded/data-dir.ts';
import { NedbLearnerStore } from '../../src/engines/embedded/nedb-learner-store.ts';
import { runCli } from '../../src/main.ts';
import { memoryIo } from '../support/cli-io.ts';
import { writeFixtureRoadmaps } from '../support/fixture-graph.ts';
import { tempDir } from '../support/temp-dir.ts';

function pathwise(args: string[], env: Record<string, string>, input = '') {
  const clean: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(clean)) if (/^(PATHWISE_|REDIS_|MONGODB_)/.test(k)) delete clean[k];
  return spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin/pathwise.js'), ...args], { env: { ...clean, ...env }, encoding: 'utf8', input, timeout: 60_000 });
}

const learner = (id: string) => ({
  learnerId: id,
  conversation: { platform: 'terminal' as const, workspace: 'local', channel: 'terminal', user: id },
  createdAt: '2026-03-01T08:00:00.000Z',
  updatedAt: '2026-03-01T08:00:00.000Z',
  version: 0,
  onboarding: 'done',
  goals: [],
  settings: { timezone: 'UTC', dailyHour: 9, minutesPerDay: 30, preferredFormats: [], avoidedFormats: [], paused: false },
  mastery: {},
  plan: null,
  pending: null,
  stats: { minutesSpent: 0, streakDays: 0, lastActiveDay: null },
});

describe('the embedded store on disk', { timeout: 60_000 }, () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('refuses a second process on the same data directory, naming the holder\'s pid', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const store = await NedbLearnerStore.open(t.dir);
    cleanups.push(() => store.close());
    const r = pathwise(['chat'], { PATHWISE_DATA_DIR: t.dir, PATHWISE_ROADMAPS: writeFixtureRoadmaps(join(t.dir, 'roadmaps')) }, 'hi\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`in use by another Pathwise process (pid ${process.pid})`);
    expect(r.stderr).toContain(t.dir);
    // This process still holds it and works; after close the next process gets in.
    await store.putLearner(learner('a'), null);
    await store.close();
    expect(existsSync(join(t.dir, LOCK_FILE))).toBe(false);
    const again = pathwise(['doctor'], { PATHWISE_DATA_DIR: t.dir });
    expect(again.status).toBe(0);
  });

  it('takes over the lock of a process that died without releasing it', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10)']);
    const deadPid = child.pid!;
    await new Promise((r) => child.on('exit', r));
    writeFileSync(join(t.dir, LOCK_FILE), `${deadPid}\n`);
    const store = await NedbLearnerStore.open(t.dir);
    expect(readFileSync(join(t.dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    await store.close();
  });

  it('names a damaged file and its line at start-up, and pathwise doctor backs it up and drops the line', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const store = await NedbLearnerStore.open(t.dir);
    for (const id of ['a', 'b', 'c']) await store.putLearner(learner(id), null);
    await store.close();
    const file = join(t.dir, 'learners.db');
    const rows = readFileSync(file, 'utf8').split('\n');
    rows.splice(1, 0, '{"learnerId":"x","json":"{\\"half a line');
    writeFileSync(file, rows.join('\n'));

    await expect(NedbLearnerStore.open(t.dir)).rejects.toMatchObject({ code: 'STORE_DAMAGED', message: expect.stringMatching(/learners\.db: line 2 of \d+ cannot be read.*pathwise doctor/) });
    expect(existsSync(join(t.dir, LOCK_FILE))).toBe(false); // a failed open leaves no lock behind

    const io = memoryIo();
    expect(await runCli(['doctor'], io.io, { PATHWISE_DATA_DIR: t.dir })).toBe(0);
    expect(io.out()).toMatch(/learners\.db: dropped 1 unreadable line\(s\) of \d+: line 2 \(\d+ bytes/);
    expect(io.out()).not.toContain('half a line');
    expect(readdirSync(t.dir).some((f) => f.startsWith('learners.db.bak-'))).toBe(true);
    const repaired = await NedbLearnerStore.open(t.dir);
    expect(await repaired.listLearnerIds(null, 10)).toEqual(['a', 'b', 'c']);
    await repaired.close();
  });

  it('drops delivery records older than 45 days when it opens', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const store = await NedbLearnerStore.open(t.dir);
    await store.putDelivery({ key: 'daily:a:2026-01-01', learnerId: 'a', state: 'sent', at: '2026-01-01T08:00:00.000Z' });
    await store.putDelivery({ key: 'daily:a:2026-03-01', learnerId: 'a', state: 'sent', at: '2026-03-01T08:00:00.000Z' });
    await store.close();
    const later = await NedbLearnerStore.open(t.dir, { now: new Date('2026-03-10T00:00:00Z') });
    expect(await later.getDelivery('daily:a:2026-01-01')).toBeNull();
    expect(await later.getDelivery('daily:a:2026-03-01')).toMatchObject({ state: 'sent' });
    await later.close();
    expect(readFileSync(join(t.dir, 'deliveries.db'), 'utf8')).not.toContain('2026-01-01');
  });
});
