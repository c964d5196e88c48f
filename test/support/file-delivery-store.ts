/**
 * The delivery records of a LearnerStore on disk, one file per key, each
 * written to a temporary file, fsynced and renamed into place, so a process
 * killed at any instant leaves either the old record or the new one. Enough
 * of the store for deliverOnce in child-process tests; several processes may
 * share one folder (different keys never touch the same file).
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { DeliveryRecord, LearnerStore } from '../../src/core/ports/learner-store.port.ts';

export class FileDeliveryStore implements Pick<LearnerStore, 'getDelivery' | 'claimDelivery' | 'takeOverDelivery' | 'putDelivery' | 'deleteDelivery'> {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  private file(key: string): string {
    return join(this.dir, `${encodeURIComponent(key)}.json`);
  }

  async getDelivery(key: string): Promise<DeliveryRecord | null> {
    try {
      return JSON.parse(readFileSync(this.file(key), 'utf8')) as DeliveryRecord;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  /** Exclusive create (O_EXCL): of two processes claiming one key, exactly one creates the file. */
  async claimDelivery(claim: DeliveryRecord): Promise<DeliveryRecord | null> {
    let fd: number;
    try {
      fd = openSync(this.file(claim.key), 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // Created but maybe not written yet by its claimer: report it held for a moment.
      return (await this.getDelivery(claim.key).catch(() => null)) ?? { ...claim, leaseUntil: new Date(Date.now() + 1000).toISOString() };
    }
    try {
      writeSync(fd, JSON.stringify(claim));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return null;
  }

  /** Compare-and-set under a per-key lock file (O_EXCL), so two take-overs of one expired claim cannot both win. */
  async takeOverDelivery(seen: DeliveryRecord, next: DeliveryRecord): Promise<boolean> {
    const lock = `${this.file(seen.key)}.lock`;
    try {
      closeSync(openSync(lock, 'wx'));
    } catch {
      return false;
    }
    try {
      const cur = await this.getDelivery(seen.key);
      if (!cur || cur.state !== 'sending' || cur.at !== seen.at || cur.leaseUntil !== seen.leaseUntil) return false;
      await this.putDelivery(next);
      return true;
    } finally {
      rmSync(lock, { force: true });
    }
  }

  async putDelivery(d: DeliveryRecord): Promise<void> {
    const tmp = `${this.file(d.key)}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(d));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file(d.key));
  }

  async deleteDelivery(key: string): Promise<void> {
    rmSync(this.file(key), { force: true });
  }
}
