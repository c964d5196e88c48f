/**
 * Daily schedules grouped by (time zone, local time): one BullMQ job
 * scheduler per slot, not per learner (issue #17; per-learner schedulers
 * capped the fan-out at 0.36–0.59× of raw BullMQ). Kept in Redis next to
 * the queue:
 *
 * - `<base>:pathwise:slots`: a set of slot ids (`<zone>|<hour>|<minute>`);
 * - `<base>:pathwise:slot:<slot id>`: a hash from schedule key to its member
 *   record (the minimal payload and `since`, the first run it is owed).
 *
 * When a slot's scheduler fires, its members' delivery jobs are added in
 * bulk, each with the job id {@link dailyJobId} (key + the local date the
 * run is for), so BullMQ refuses a second copy for the same learner and
 * day. Redis holds this only as work in flight: the reconciler
 * (src/coach/reconcile.ts) rebuilds it from the learner store.
 */
import type { Redis } from 'ioredis';
import type { DailyAt, JobPayload } from '../../core/ports/scheduler.port.ts';
import { encodeKey } from './job-ids.ts';

/** The BullMQ job name of a slot's fan-out run. */
export const SLOT_FANOUT = 'slot-fanout';

export interface SlotMember {
  payload: JobPayload;
  /** Epoch ms: runs before this are not owed to this member. */
  since: number;
}

export function slotIdOf(at: DailyAt): string {
  return `${at.timezone}|${at.hour}|${at.minute ?? 0}`;
}

export function parseSlotId(slot: unknown): DailyAt | null {
  if (typeof slot !== 'string') return null;
  const m = /^([^|\s]+)\|(\d{1,2})\|(\d{1,2})$/.exec(slot);
  if (!m) return null;
  const daily: DailyAt = { hour: Number(m[2]), timezone: m[1]! };
  if (Number(m[3]) !== 0) daily.minute = Number(m[3]);
  return daily;
}

/** The job scheduler id of a slot. */
export function slotSchedulerId(slot: string): string {
  return `s_${encodeKey(slot)}`;
}

/** The id of a learner's delivery job for one local date: a second add of it is refused by BullMQ. */
export function dailyJobId(key: string, localDate: string): string {
  return `dl_${encodeKey(key)}@${localDate}`;
}

/** The id of a catch-up fan-out of one slot's run. */
export function catchUpJobId(slot: string, runAt: number): string {
  return `f_${encodeKey(slot)}@${runAt}`;
}

/** Removes the slot from the set only while no member is left (atomic against a concurrent upsert). */
const PRUNE_IF_EMPTY = `
if redis.call('HLEN', KEYS[1]) == 0 then
  return redis.call('SREM', KEYS[2], ARGV[1])
end
return 0`;

export class SlotIndex {
  private readonly slotsKey: string;

  constructor(
    private readonly redis: Redis,
    private readonly base: string,
  ) {
    this.slotsKey = `${base}:pathwise:slots`;
  }

  private hashKey(slot: string): string {
    return `${this.base}:pathwise:slot:${slot}`;
  }

  async member(slot: string, key: string): Promise<SlotMember | null> {
    return parseMember(await this.redis.hget(this.hashKey(slot), key));
  }

  /** Adds or replaces a member; true when the slot was new to the set (its job scheduler must be created). */
  async put(slot: string, key: string, member: SlotMember): Promise<boolean> {
    const res = await this.redis.multi().hset(this.hashKey(slot), key, JSON.stringify(member)).sadd(this.slotsKey, slot).exec();
    return res?.[1]?.[1] === 1;
  }

  async remove(slot: string, key: string): Promise<void> {
    await this.redis.hdel(this.hashKey(slot), key);
  }

  async slots(): Promise<string[]> {
    return (await this.redis.smembers(this.slotsKey)).sort();
  }

  /** Drops an empty slot from the set; true when it did (the caller removes its job scheduler). */
  async pruneIfEmpty(slot: string): Promise<boolean> {
    return (await this.redis.eval(PRUNE_IF_EMPTY, 2, this.hashKey(slot), this.slotsKey, slot)) === 1;
  }

  /** The slot's members, a page (about `count`) at a time. */
  async *members(slot: string, count = 1000): AsyncGenerator<[string, SlotMember][]> {
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(this.hashKey(slot), cursor, 'COUNT', count);
      const page: [string, SlotMember][] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const m = parseMember(flat[i + 1]);
        if (m) page.push([flat[i]!, m]);
      }
      if (page.length > 0) yield page;
      cursor = next;
    } while (cursor !== '0');
  }
}

function parseMember(raw: string | null | undefined): SlotMember | null {
  if (!raw) return null;
  try {
    const m = JSON.parse(raw) as SlotMember;
    return typeof m.since === 'number' && typeof m.payload === 'object' && m.payload !== null ? m : null;
  } catch {
    return null;
  }
}
