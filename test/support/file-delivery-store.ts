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

export class FileDeliveryStore implements Pick<LearnerStore, 'getDelivery' | 'putDelivery' | 'deleteDelivery'> {
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
