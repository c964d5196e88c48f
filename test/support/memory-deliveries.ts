/**
 * The delivery part of a LearnerStore in memory, with the same claim
 * semantics as the real stores (insert only when absent; take-over only
 * while the record seen is still there): for unit tests and the fan-out
 * benchmark's queue-path-alone run.
 */
import type { DeliveryRecord, LearnerStore } from '../../src/core/ports/learner-store.port.ts';

export type DeliveryPart = Pick<LearnerStore, 'getDelivery' | 'claimDelivery' | 'takeOverDelivery' | 'putDelivery' | 'deleteDelivery'>;

export function memoryDeliveries(): DeliveryPart & { rows: Map<string, DeliveryRecord> } {
  const rows = new Map<string, DeliveryRecord>();
  return {
    rows,
    getDelivery: async (key) => rows.get(key) ?? null,
    claimDelivery: async (claim) => {
      const held = rows.get(claim.key);
      if (held) return held;
      rows.set(claim.key, claim);
      return null;
    },
    takeOverDelivery: async (seen, next) => {
      const cur = rows.get(seen.key);
      if (!cur || cur.state !== 'sending' || cur.at !== seen.at || cur.leaseUntil !== seen.leaseUntil) return false;
      rows.set(next.key, next);
      return true;
    },
    putDelivery: async (d) => void rows.set(d.key, d),
    deleteDelivery: async (key) => void rows.delete(key),
  };
}
