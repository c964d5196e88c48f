/**
 * Cohort summary benchmark: the summary of a 5,000-member cohort with a year
 * of synthetic activity (seeded generator: about 150 quiz attempts per
 * member over 52 weeks, mastery on 30 of the roadmaps' concepts, a plan of
 * 20 steps, a streak) on the embedded nedb store, through the same code the
 * `cohort summary` command and the weekly job run (member snapshots through
 * the store ports, the pure summary, the text and the PNG chart). Both are
 * timed: the lead's summary (the 7 days up to now, with their rows) and the
 * weekly post (the 7 full days before the run's date, without rows).
 *
 *   node bin/run-ts.js bench/cohort.bench.ts [--members N] [--runs N]
 *
 * Seeding writes the store's data files directly (one JSON document per line,
 * as nedb stores them) because a million single appends would take minutes;
 * the store then opens them as usual, and everything measured goes through
 * the ports. Target (issue #9): under one second per summary.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { computeSummary, computeWeeklyPost, summaryReply } from '../src/coach/cohort-data.ts';
import { localDate } from '../src/core/schedule/daily-time.ts';
import type { CohortRecord } from '../src/core/ports/cohort-store.port.ts';
import type { AttemptRecord, LearnerRecord } from '../src/core/ports/learner-store.port.ts';
import { seededRng } from '../src/core/random.ts';
import { NedbCohortStore } from '../src/engines/embedded/nedb-cohort-store.ts';
import { NedbLearnerStore } from '../src/engines/embedded/nedb-learner-store.ts';
import { loadRoadmaps } from '../src/roadmaps/roadmap-files.ts';

const TARGET_MS = 1_000;
const DAY = 86_400_000;
const { values } = parseArgs({ options: { members: { type: 'string', default: '5000' }, runs: { type: 'string', default: '5' } } });
const MEMBERS = Number(values.members);
const RUNS = Number(values.runs);

const root = fileURLToPath(new URL('..', import.meta.url));
const graph = loadRoadmaps(join(root, 'roadmaps')).graph;
const conceptIds = [...graph.concepts.keys()];
const now = new Date('2026-11-23T12:00:00Z');
const rng = seededRng(9);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

let nextId = 0;
const docId = () => (++nextId).toString(36).padStart(16, '0');
const line = (doc: Record<string, unknown>) => JSON.stringify({ ...doc, _id: docId() });

function seed(dir: string): { attempts: number } {
  const cohort: CohortRecord = {
    cohortId: 'cbench',
    channelKey: 'slack:T1:C1',
    channel: { platform: 'slack', workspace: 'T1', channel: 'C1', user: 'lead' },
    name: '#bench',
    goal: null,
    leads: ['slack:T1:lead'],
    schedule: { weekday: 1, hour: 9, timezone: 'America/Los_Angeles' },
    createdAt: new Date(now.getTime() - 365 * DAY).toISOString(),
  };
  const learners: string[] = [];
  const attempts: string[] = [];
  const members: string[] = [];
  let seq = 0;
  for (let m = 0; m < MEMBERS; m++) {
    const learnerId = `slack:T1:U${String(m).padStart(6, '0')}`;
    const mastery: LearnerRecord['mastery'] = {};
    for (let k = 0; k < 30; k++) {
      const tries = 1 + Math.floor(rng() * 12);
      const correct = Math.floor(rng() * (tries + 1));
      mastery[pick(conceptIds)] = { p: rng(), attempts: tries, correct, wrongStreak: 0, updatedAt: now.toISOString() };
    }
    const done = Math.floor(rng() * 21);
    const rec: LearnerRecord = {
      learnerId,
      conversation: { platform: 'slack', workspace: 'T1', channel: `D${m}`, user: `U${m}` },
      displayName: `Member ${m}`,
      createdAt: cohort.createdAt,
      updatedAt: now.toISOString(),
      version: 1,
      onboarding: 'done',
      goals: ['data-analyst'],
      settings: { timezone: 'UTC', dailyHour: 9, minutesPerDay: 30, preferredFormats: [], avoidedFormats: [], paused: false },
      mastery,
      plan: {
        createdAt: cohort.createdAt,
        totalCost: 20,
        optimal: true,
        steps: Array.from({ length: 20 }, (_, i) => ({
          resourceId: `r${i}`,
          concepts: [pick(conceptIds)],
          minutes: 30,
          reason: 'next on the path',
          status: i < done ? ('done' as const) : ('todo' as const),
          ...(i < done ? { doneAt: new Date(now.getTime() - Math.floor(rng() * 365) * DAY).toISOString() } : {}),
        })),
      },
      pending: null,
      stats: { minutesSpent: done * 30, streakDays: Math.floor(rng() * 15), lastActiveDay: new Date(now.getTime() - Math.floor(rng() * 14) * DAY).toISOString().slice(0, 10) },
    };
    learners.push(line({ learnerId, version: 1, json: JSON.stringify(rec) }));
    members.push(line({ cohortId: cohort.cohortId, learnerId, json: JSON.stringify({ cohortId: cohort.cohortId, learnerId, joinedAt: cohort.createdAt, shareProgress: rng() < 0.3 }) }));
    const n = Math.floor(rng() * 300);
    for (let a = 0; a < n; a++) {
      const at = new Date(now.getTime() - Math.floor(rng() * 365 * DAY)).toISOString();
      const rec: AttemptRecord = { learnerId, itemId: `${pick(conceptIds)}-q1`, conceptId: pick(conceptIds), correct: rng() < 0.7, at };
      attempts.push(line({ learnerId, at, seq: ++seq, json: JSON.stringify(rec) }));
    }
  }
  writeFileSync(join(dir, 'learners.db'), learners.join('\n') + '\n');
  writeFileSync(join(dir, 'attempts.db'), attempts.join('\n') + '\n');
  writeFileSync(join(dir, 'memberships.db'), members.join('\n') + '\n');
  writeFileSync(join(dir, 'cohorts.db'), line({ cohortId: cohort.cohortId, channelKey: cohort.channelKey, json: JSON.stringify(cohort) }) + '\n');
  return { attempts: attempts.length };
}

const dir = mkdtempSync(join(tmpdir(), 'pathwise-cohort-bench-'));
try {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`machine: ${cpu}, ${availableParallelism()} threads, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  let t = performance.now();
  const { attempts } = seed(dir);
  console.log(`seeded ${MEMBERS} members, ${attempts} attempts over a year in ${Math.round(performance.now() - t)} ms`);
  t = performance.now();
  const [store, cohorts] = await Promise.all([NedbLearnerStore.open(dir), NedbCohortStore.open(dir)]);
  console.log(`opened the embedded store in ${Math.round(performance.now() - t)} ms (once per process)`);
  const cohort = (await cohorts.getCohort('cbench'))!;
  const runDay = localDate(now, cohort.schedule.timezone);
  for (const kind of ['lead summary', 'weekly post'] as const) {
    const times: number[] = [];
    let text = '';
    for (let r = 0; r < RUNS; r++) {
      t = performance.now();
      const s = kind === 'lead summary' ? await computeSummary({ store, cohorts }, cohort, now) : await computeWeeklyPost({ store, cohorts }, cohort, runDay, now);
      const reply = await summaryReply(graph, cohort, s, kind === 'lead summary');
      times.push(performance.now() - t);
      text = reply.blocks.map((b) => (b.kind === 'text' ? b.text.split('\n').slice(0, 6).join('\n') : b.kind === 'image' ? `[image ${b.png.length} bytes]` : '')).join('\n');
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    console.log(text);
    console.log(`${kind} of ${MEMBERS} members: median ${Math.round(median)} ms, min ${Math.round(times[0]!)} ms, max ${Math.round(times[times.length - 1]!)} ms over ${RUNS} runs (first run included)`);
    console.log(`target under ${TARGET_MS} ms: ${median < TARGET_MS ? 'met' : 'NOT met'}`);
  }
  await store.close();
  await cohorts.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
