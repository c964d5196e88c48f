/**
 * The delivery records of a LearnerStore on disk, shared by several worker
 * processes that may be SIGKILLed at any instant (the chaos tier). Enough of
 * the store for deliverOnce in child-process tests.
 *
 * Every change publishes a new generation of the key's record: one folder
 * per key, one file per generation (`<key>/<n>.json`), written whole to a
 * temporary file and published with link(2), which fails when the name is
 * taken. So:
 * - a reader only ever sees whole records;
 * - a claim publishes generation n + 1 while the latest is absent (or
 *   deleted): of two claims, exactly one publishes it;
 * - a take-over publishes n + 1 while generation n is still the record it
 *   saw: a compare-and-set with no lock to leave behind;
 * - a process killed between any two steps leaves at most a temporary file
 *   no reader looks at.
 *
 * The version before created the record file with O_EXCL and then wrote it,
 * and guarded take-overs with a lock file. A worker killed between that
 * create and the write left an empty record, which every later claim read
 * as "held, lease just renewed", so the learner's task was deferred until
 * the run gave up: the chaos tier's miss (issue #17). One killed inside a
 * take-over would have left the lock, with the same effect.
 */
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { DeliveryRecord, LearnerStore } from '../../src/core/ports/learner-store.port.ts';

export interface FileDeliveryStoreOptions {
  /**
   * Test hook, called between the file-system steps of a write with the
   * step's name; throwing there stands for the process dying at that instant
   * (what is on disk is what a SIGKILL would leave).
   */
  crashPoint?: (step: 'written' | 'published') => void;
}

/** Bounds the retries of a write that keeps losing the race for the next generation. */
const MAX_RACES = 1000;

export class FileDeliveryStore implements Pick<LearnerStore, 'getDelivery' | 'claimDelivery' | 'takeOverDelivery' | 'putDelivery' | 'deleteDelivery'> {
  private tmpSeq = 0;

  constructor(
    private readonly dir: string,
    private readonly opts: FileDeliveryStoreOptions = {},
  ) {
    mkdirSync(dir, { recursive: true });
  }

  async getDelivery(key: string): Promise<DeliveryRecord | null> {
    return this.latest(key).record;
  }

  async claimDelivery(claim: DeliveryRecord): Promise<DeliveryRecord | null> {
    for (let i = 0; i < MAX_RACES; i++) {
      const cur = this.latest(claim.key);
      if (cur.record) return cur.record;
      if (this.publish(claim.key, cur.n + 1, claim)) return null;
    }
    throw new Error(`claim of ${claim.key}: lost the race ${MAX_RACES} times`);
  }

  async takeOverDelivery(seen: DeliveryRecord, next: DeliveryRecord): Promise<boolean> {
    const cur = this.latest(seen.key);
    const r = cur.record;
    if (!r || r.state !== 'sending' || r.at !== seen.at || r.leaseUntil !== seen.leaseUntil) return false;
    return this.publish(seen.key, cur.n + 1, next);
  }

  async putDelivery(d: DeliveryRecord): Promise<void> {
    for (let i = 0; i < MAX_RACES; i++) if (this.publish(d.key, this.latest(d.key).n + 1, d)) return;
    throw new Error(`put of ${d.key}: lost the race ${MAX_RACES} times`);
  }

  async deleteDelivery(key: string): Promise<void> {
    for (let i = 0; i < MAX_RACES; i++) {
      const cur = this.latest(key);
      if (!cur.record || this.publish(key, cur.n + 1, null)) return;
    }
  }

  private folder(key: string): string {
    return join(this.dir, encodeURIComponent(key));
  }

  /** The key's latest generation (0 when it has none) and its record (null when none or deleted). */
  private latest(key: string): { n: number; record: DeliveryRecord | null } {
    let names: string[];
    try {
      names = readdirSync(this.folder(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { n: 0, record: null };
      throw err;
    }
    let n = 0;
    for (const name of names) {
      const m = /^(\d+)\.json$/.exec(name);
      if (m && Number(m[1]) > n) n = Number(m[1]);
    }
    if (n === 0) return { n: 0, record: null };
    const { record } = JSON.parse(readFileSync(join(this.folder(key), `${n}.json`), 'utf8')) as { record: DeliveryRecord | null };
    return { n, record };
  }

  /** Publishes `record` (null: deleted) as generation `n` of its key; false when another process published `n` first. */
  private publish(key: string, n: number, record: DeliveryRecord | null): boolean {
    mkdirSync(this.folder(key), { recursive: true });
    // Beside the folders (link needs one file system), under a name no reader lists.
    const tmp = join(this.dir, `.${process.pid}.${++this.tmpSeq}.tmp`);
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify({ record }));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      this.opts.crashPoint?.('written');
      linkSync(tmp, join(this.folder(key), `${n}.json`));
      this.opts.crashPoint?.('published');
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    } finally {
      rmSync(tmp, { force: true });
    }
  }
}
