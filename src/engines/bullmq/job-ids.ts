/**
 * Pure mapping between the Scheduler port's schedule keys and BullMQ's ids,
 * cron patterns and job data. No Redis here, so all of it is unit-tested.
 *
 * Keys look like `daily:slack:T1:U1` and BullMQ refuses custom job ids with
 * `:` in them, so keys are percent-encoded (`encodeURIComponent` encodes `:`,
 * `@` and `%`, which keeps the `@` separator below unambiguous).
 */
import type { DailyAt, JobPayload } from '../../core/ports/scheduler.port.ts';
import { PathwiseError } from '../../core/errors.ts';

/** What a Pathwise job carries in Redis: ids and a conversation reference, never personal text. */
export interface JobData {
  /** The schedule key this run belongs to. */
  key: string;
  payload: JobPayload;
  /** When the run was meant to happen (epoch ms): a one-off's time, or the slot run a delivery job was fanned out from. */
  runAt?: number;
  /** Slot delivery jobs: the local date the run is for (RunningJob.day); absent on jobs fanned out before it was carried. */
  day?: string;
}

/**
 * Where the schedule key stands now; kept in the key index (see
 * schedule-index.ts). A daily schedule names its slot (slots.ts); one
 * without a slot is a per-learner job scheduler left by an older version,
 * removed when the key is next upserted or cancelled.
 */
export type ScheduleRef = { kind: 'daily'; slot?: string } | { kind: 'once'; jobId: string };

export function encodeKey(key: string): string {
  return encodeURIComponent(key);
}

/** The job scheduler id of a daily schedule. */
export function schedulerIdFor(key: string): string {
  return `d_${encodeKey(key)}`;
}

/**
 * The job id of a one-off run. It includes the run time, so re-scheduling the
 * same key at another time makes a new job (BullMQ ignores an add whose id
 * exists) while scheduling the same key at the same time twice is a no-op.
 */
export function oneOffJobId(key: string, runAt: Date): string {
  return `o_${encodeKey(key)}@${runAt.getTime()}`;
}

export function refToString(ref: ScheduleRef): string {
  if (ref.kind === 'daily') return ref.slot ? `daily ${ref.slot}` : 'daily';
  return `once ${ref.jobId}`;
}

export function refFromString(s: string | null | undefined): ScheduleRef | null {
  if (s === 'daily') return { kind: 'daily' };
  if (s?.startsWith('daily ')) return { kind: 'daily', slot: s.slice(6) };
  if (s?.startsWith('once ')) return { kind: 'once', jobId: s.slice(5) };
  return null;
}

const knownZones = new Set<string>();

/** Throws unless `tz` is an IANA zone name this runtime knows. */
export function assertTimeZone(tz: string): void {
  if (knownZones.has(tz)) return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch (err) {
    throw new PathwiseError('SCHEDULE_INVALID', `unknown time zone ${JSON.stringify(tz)}`, { cause: err });
  }
  // Offsets such as "+02:00" are accepted by Intl but ignore daylight saving.
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz)) {
    throw new PathwiseError('SCHEDULE_INVALID', `time zone must be an IANA name like Europe/Berlin, got ${JSON.stringify(tz)}`);
  }
  // Building an Intl formatter costs about 0.1 ms; a fan-out checks the same few zones thousands of times.
  knownZones.add(tz);
}

/** `m h * * *` in the learner's zone: cron-parser applies `tz`, so 09:00 stays 09:00 across daylight saving. */
export function cronForDaily(at: DailyAt): string {
  const minute = at.minute ?? 0;
  if (!Number.isInteger(at.hour) || at.hour < 0 || at.hour > 23) {
    throw new PathwiseError('SCHEDULE_INVALID', `daily hour must be an integer 0-23, got ${String(at.hour)}`);
  }
  if (!Number.isInteger(minute) || minute < 0 || minute > 59) {
    throw new PathwiseError('SCHEDULE_INVALID', `daily minute must be an integer 0-59, got ${String(minute)}`);
  }
  assertTimeZone(at.timezone);
  return `${minute} ${at.hour} * * *`;
}

/** Reads back what {@link cronForDaily} wrote; null for any other pattern. */
export function dailyFromCron(pattern: string | undefined, tz: string | undefined): DailyAt | null {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(pattern ?? '');
  if (!m || !tz) return null;
  const minute = Number(m[1]);
  const daily: DailyAt = { hour: Number(m[2]), timezone: tz };
  if (minute !== 0) daily.minute = minute;
  return daily;
}

/**
 * When a run was meant to happen. A scheduler's jobs are named
 * `repeat:<schedulerId>:<slot ms>` by BullMQ, so the slot survives retries and
 * stalled-job recovery; that is what makes the daily idempotency key
 * (learner + local date of the slot) stable.
 */
export function scheduledForJob(job: { id?: string | undefined; data: Partial<JobData>; timestamp: number }): Date {
  if (typeof job.data.runAt === 'number') return new Date(job.data.runAt);
  const slot = job.id?.startsWith('repeat:') ? Number(job.id.slice(job.id.lastIndexOf(':') + 1)) : NaN;
  return new Date(Number.isFinite(slot) ? slot : job.timestamp);
}

const PAYLOAD_TYPES = new Set(['daily-task', 'review-due', 'cohort-summary']);

/** Checks job data read back from Redis; null when it is not something Pathwise wrote. */
export function parseJobData(data: unknown): JobData | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  const p = d.payload as Record<string, unknown> | undefined;
  if (typeof d.key !== 'string' || typeof p !== 'object' || p === null || !PAYLOAD_TYPES.has(p.type as string)) return null;
  const to = p.to as Record<string, unknown> | undefined;
  if (typeof to !== 'object' || to === null || !['channel', 'user', 'workspace', 'platform'].every((f) => typeof to[f] === 'string')) {
    return null;
  }
  if (p.type === 'cohort-summary' ? typeof p.cohortId !== 'string' : typeof p.learnerId !== 'string') return null;
  if (d.runAt !== undefined && typeof d.runAt !== 'number') return null;
  if (d.day !== undefined && (typeof d.day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(d.day))) return null;
  return d as unknown as JobData;
}

/**
 * Job data holds ids and the conversation reference only: whatever else a
 * caller put in the payload object (a display name, a goal) is dropped here.
 */
export function minimalPayload(p: JobPayload): JobPayload {
  const to: JobPayload['to'] = { platform: p.to.platform, workspace: p.to.workspace, channel: p.to.channel, user: p.to.user };
  // Whether a message is for the channel (cohort summaries) or the learner alone decides where gateways post it.
  if (p.to.audience === 'channel') to.audience = 'channel';
  return p.type === 'cohort-summary' ? { type: p.type, cohortId: p.cohortId, to } : { type: p.type, learnerId: p.learnerId, to };
}
