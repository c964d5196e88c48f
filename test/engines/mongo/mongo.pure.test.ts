/**
 * The MongoDB store's parts that need no server: key escaping, filter
 * building, schema validation and the record → document → BSON → record
 * round trip (BSON from the driver mongoose ships, with the same key checks
 * the server applies to inserts).
 */
import fc from 'fast-check';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { LearnerRecord, ReviewCardRecord } from '../../../src/core/ports/learner-store.port.ts';
import {
  attemptFromDoc,
  attemptToDoc,
  cardFromDoc,
  cardToDoc,
  deliveryFromDoc,
  deliveryToDoc,
  learnerFromDoc,
  learnerToDoc,
} from '../../../src/engines/mongo/documents.ts';
import { attemptsSinceFilter, byKey, byLearner, dueBy, idsAfter, versionIs } from '../../../src/engines/mongo/filters.ts';
import { escapeKey, escapeKeys, unescapeKey, unescapeKeys } from '../../../src/engines/mongo/safe-values.ts';
import { attemptSchema, cardSchema, cohortSchema, defineCohortModels, defineModels, deliverySchema, learnerSchema, membershipSchema, outcomeSchema } from '../../../src/engines/mongo/schemas.ts';

const { BSON } = mongoose.mongo;
// Models on a connection that never connects: enough to cast and validate.
const models = defineModels(mongoose.createConnection());

function learner(over: Partial<LearnerRecord> = {}): LearnerRecord {
  const at = '2026-03-01T10:00:00.000Z';
  return {
    learnerId: 'slack:T1:U1',
    conversation: { platform: 'slack', workspace: 'T1', channel: 'D1', user: 'U1' },
    createdAt: at,
    updatedAt: at,
    version: 1,
    onboarding: 'done',
    goals: ['data-scientist'],
    settings: { timezone: 'Europe/Berlin', dailyHour: 9, minutesPerDay: 30, preferredFormats: ['video'], avoidedFormats: ['course'], paused: false },
    mastery: { python: { p: 0.4, attempts: 2, correct: 1, wrongStreak: 1, updatedAt: at } },
    plan: {
      createdAt: at,
      steps: [
        { resourceId: 'r1', concepts: ['python'], minutes: 30, reason: 'start here', status: 'done', doneAt: at },
        { resourceId: 'r2', concepts: [], minutes: 10, reason: '', status: 'todo' },
      ],
      totalCost: 3,
      optimal: 0.05,
    },
    pending: null,
    stats: { minutesSpent: 12, streakDays: 2, lastActiveDay: '2026-03-01' },
    ...over,
  };
}

/** What MongoDB would hand back: the mongoose document serialised to BSON (server key rules) and read again. */
function throughBson(model: mongoose.Model<unknown>, doc: Record<string, unknown>): Record<string, unknown> {
  const d = new model(doc);
  const err = d.validateSync();
  if (err) throw err;
  const bytes = BSON.serialize(d.toBSON() as Record<string, unknown>, { checkKeys: true });
  return BSON.deserialize(bytes) as Record<string, unknown>;
}

describe('key escaping', () => {
  it('round-trips any key and leaves none that MongoDB would read as an operator or a path', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (k) => {
        const e = escapeKey(k);
        expect(unescapeKey(e)).toBe(k);
        expect(e).not.toMatch(/[.$\0]/);
      }),
      { numRuns: 200 },
    );
    expect(escapeKey('$where')).toBe('%24where');
    expect(escapeKey('a.b%2E')).toBe('a%2Eb%252E');
  });

  it('escapes keys at every depth of objects and arrays, and only keys', () => {
    const v = { $gt: '$gt', list: [{ 'a.b': 1 }], nested: { $ne: null, when: new Date(0) } };
    const e = escapeKeys(v);
    expect(e).toEqual({ '%24gt': '$gt', list: [{ 'a%2Eb': 1 }], nested: { '%24ne': null, when: new Date(0) } });
    expect(unescapeKeys(e)).toEqual(v);
  });
});

describe('filters', () => {
  it('refuse a non-string where an id belongs, so `{"$gt": ""}` can never match every learner', () => {
    const asOperator = { $gt: '' } as unknown as string;
    expect(() => byLearner(asOperator)).toThrow(expect.objectContaining({ code: 'STORE_INVALID' }));
    expect(() => byKey(asOperator)).toThrow(/key must be a string/);
    expect(() => idsAfter(asOperator)).toThrow(/after must be a string/);
    expect(() => dueBy(asOperator, new Date())).toThrow(/learnerId/);
    expect(() => versionIs('a', 1.5)).toThrow(/integer/);
    expect(byLearner('{"$gt": ""}')).toEqual({ learnerId: '{"$gt": ""}' });
  });

  it("keep the store's own operators through sanitizeFilter, and neutralise anyone else's", () => {
    const ours = mongoose.sanitizeFilter(idsAfter('t:l:b')) as { learnerId: Record<string, unknown> };
    expect(Object.keys(ours.learnerId)).toEqual(['$gt']);
    expect(ours.learnerId.$gt).toBe('t:l:b');
    const due = mongoose.sanitizeFilter(dueBy('a', new Date(5))) as { dueAt: Record<string, unknown> };
    expect(Object.keys(due.dueAt)).toEqual(['$lte']);
    // What sanitizeFilter does to an operator that did not come from filters.ts:
    expect(mongoose.sanitizeFilter({ learnerId: { $gt: '' } })).toEqual({ learnerId: { $eq: { $gt: '' } } });
  });
});

describe('schemas', () => {
  it('declare the unique indexes that make duplicates impossible, and a TTL on deliveries', () => {
    const idx = (s: mongoose.Schema) => s.indexes().map(([fields, opts]) => ({ fields, unique: opts?.unique === true, ttl: opts?.expireAfterSeconds }));
    expect(idx(learnerSchema)).toContainEqual({ fields: { learnerId: 1 }, unique: true, ttl: undefined });
    // One resource-bandit record per workspace, concept and resource; a field it does not know is refused.
    expect(idx(outcomeSchema)).toContainEqual({ fields: { workspace: 1, conceptId: 1, resourceId: 1 }, unique: true, ttl: undefined });
    expect(() => new models.Outcome({ workspace: 'slack:W1', conceptId: 'c', resourceId: 'r', uses: 1, n: 1, gain: 0, learnerId: 'x' })).toThrow(/learnerId/);
    expect(idx(cardSchema)).toContainEqual({ fields: { learnerId: 1, itemId: 1 }, unique: true, ttl: undefined });
    expect(idx(cardSchema)).toContainEqual({ fields: { learnerId: 1, dueAt: 1 }, unique: false, ttl: undefined });
    expect(idx(deliverySchema)).toContainEqual({ fields: { key: 1 }, unique: true, ttl: undefined });
    expect(idx(deliverySchema).some((i) => i.ttl !== undefined && i.ttl > 7 * 24 * 3600)).toBe(true);
    expect(idx(attemptSchema)).toContainEqual({ fields: { learnerId: 1, atTime: -1, _id: -1 }, unique: false, ttl: undefined });
  });

  it('reject records that break the rules, naming the path', () => {
    const bad = (over: Partial<LearnerRecord>) => new models.Learner(learnerToDoc(learner(over))).validateSync();
    expect(bad({})).toBeUndefined();
    expect(bad({ settings: { ...learner().settings, dailyHour: 24 } })?.errors['settings.dailyHour']).toBeDefined();
    expect(bad({ conversation: { ...learner().conversation, platform: 'irc' as 'slack' } })?.errors['conversation.platform']).toBeDefined();
    expect(bad({ settings: { ...learner().settings, preferredFormats: ['podcast' as 'video'] } })?.errors).toBeDefined();
    expect(bad({ plan: { ...learner().plan!, optimal: 'yes' as unknown as true } })?.errors['plan.optimal']).toBeDefined();
    expect(bad({ mastery: { python: { p: 1.5, attempts: 0, correct: 0, wrongStreak: 0, updatedAt: '2026-03-01T10:00:00Z' } } })?.errors).toBeDefined();
    expect(bad({ learnerId: '' })?.errors.learnerId).toBeDefined();
    const claim = { concept: 'sql', level: 'core' as const, source: 'self' as const, at: '2026-03-01T10:00:00.000Z' };
    expect(bad({ claims: [claim] })).toBeUndefined();
    expect(bad({ claims: [{ ...claim, level: 'guru' as 'core' }] })?.errors['claims.0.level']).toBeDefined();
    expect(bad({ claims: [{ ...claim, source: 'boss' as 'lead' }] })?.errors['claims.0.source']).toBeDefined();
    expect(bad({ claims: [{ ...claim, at: 'yesterday' }] })?.errors['claims.0.at']).toBeDefined();
    // The learner's fitted FSRS weights, with their version: kept as they are, refused without a version.
    const w = Array.from({ length: 21 }, (_, i) => i / 10);
    expect(bad({ reviewParams: { version: 1, w, reviews: 300, fittedAt: '2026-03-01T10:00:00.000Z' } })).toBeUndefined();
    expect(bad({ reviewParams: { w, reviews: 300, fittedAt: '2026-03-01T10:00:00.000Z' } as never })?.errors['reviewParams.version']).toBeDefined();
    const badDelivery = new models.Delivery({ key: 'k', learnerId: 'a', state: 'maybe', at: '2026-03-01T10:00:00Z' }).validateSync();
    expect(badDelivery?.errors.state).toBeDefined();
  });

  it('refuse a field they do not know instead of silently dropping it', () => {
    expect(() => new models.Learner({ ...learnerToDoc(learner()), nickname: 'x' })).toThrow(/nickname/);
    // Nested ones surface as validation errors, which the store checks before every write.
    const nested = new models.Learner({ ...learnerToDoc(learner()), stats: { ...learner().stats, hearts: 3 } }).validateSync();
    expect(nested?.errors.stats?.message).toMatch(/hearts.*StrictModeError/s);
    const step = { resourceId: 'r', concepts: [], minutes: 1, reason: '', status: 'todo', extra: 1 };
    const inPlan = new models.Learner({ ...learnerToDoc(learner()), plan: { ...learner().plan!, steps: [step] } }).validateSync();
    expect(inPlan?.errors['plan.steps']).toBeDefined();
  });
});

describe('records through mongoose and BSON', () => {
  it('a learner comes back exactly as stored, with every optional field set or absent', () => {
    for (const r of [
      learner(),
      learner({ displayName: 'Ada', plan: null, mastery: {}, stats: { minutesSpent: 0, streakDays: 0, lastActiveDay: null } }),
      learner({ plan: { ...learner().plan!, optimal: true, excluded: ['r9'] } as LearnerRecord['plan'] }),
      // Skill claims: self-reported (setup, career question) and a lead's, with level none.
      learner({
        claims: [
          { concept: 'sql', level: 'core', source: 'self', at: '2026-03-01T10:00:00.000Z', via: 'career' },
          { concept: 'python', level: 'none', source: 'lead', at: '2026-03-02T10:00:00.000Z', by: 'slack:T1:U9' },
        ],
      }),
      // Whether they ever assessed someone as a lead: false (new records) and true both stay, absent (older records) stays absent.
      learner({ assessedOthers: false }),
      learner({ assessedOthers: true }),
    ]) {
      expect(learnerFromDoc(throughBson(models.Learner, learnerToDoc(r)))).toEqual(r);
    }
  });

  it('a learner whose typed values and keys look like operators or paths comes back unchanged', () => {
    const r = learner({
      learnerId: 'slack:T1:{"$gt": ""}',
      displayName: '{"$gt": ""}',
      goals: ['{"$gt": ""}', '<script>alert(1)</script>'],
      mastery: { 'sql.joins': { p: 0.2, attempts: 1, correct: 0, wrongStreak: 1, updatedAt: '2026-03-01T10:00:00.000Z' } },
      pending: { $where: 'sleep(1000)', text: '{"$ne": null}', nested: { 'a.b': ['$gt', { $in: [] }], goal: '$gt' } },
    });
    const doc = learnerToDoc(r);
    expect(JSON.stringify(doc.pending)).not.toContain('"$where"');
    expect(learnerFromDoc(throughBson(models.Learner, doc))).toEqual(r);
  });

  it('an attempt keeps its time text and gains a Date for queries; attemptsSince filters by it', () => {
    const a = { learnerId: 'a', itemId: 'q1', conceptId: 'python', correct: true, at: '2026-03-05T12:00:00+02:00' };
    const stored = throughBson(models.Attempt, attemptToDoc(a));
    expect(stored.atTime).toEqual(new Date('2026-03-05T10:00:00Z'));
    expect(attemptFromDoc(stored)).toEqual(a);
    const f = mongoose.sanitizeFilter(attemptsSinceFilter(new Date('2026-03-04T00:00:00Z'), ['a', 'b'])) as Record<string, Record<string, unknown>>;
    expect(f.learnerId!.$in).toEqual(['a', 'b']);
    expect(f.atTime!.$gte).toEqual(new Date('2026-03-04T00:00:00Z'));
    expect(() => attemptsSinceFilter(new Date(), [{ $gt: '' }])).toThrow(/learnerId must be a string/);
    expect(() => attemptToDoc({ ...a, at: 'yesterday' })).toThrow(/ISO/);
  });

  it('a card keeps its due text and gains a Date for queries; deliveries keep or drop messageId', () => {
    const c: ReviewCardRecord = { learnerId: 'a', itemId: 'q1', conceptId: 'python', due: '2026-03-04T10:00:00Z', card: { due: '2026-03-04T10:00:00Z', stability: 1.5, state: 2 } };
    const stored = throughBson(models.Card, cardToDoc(c));
    expect(stored.dueAt).toEqual(new Date('2026-03-04T10:00:00Z'));
    expect(cardFromDoc(stored)).toEqual(c);
    const d = { key: 'daily:a:2026-03-01', learnerId: 'a', state: 'sent' as const, at: '2026-03-01T08:00:00.000Z' };
    expect(deliveryFromDoc(throughBson(models.Delivery, deliveryToDoc(d)))).toEqual(d);
    expect(deliveryFromDoc(throughBson(models.Delivery, deliveryToDoc({ ...d, messageId: 'm1' })))).toEqual({ ...d, messageId: 'm1' });
  });
});

describe('opening the store', () => {
  it('fails within the server-selection timeout when nothing listens, and leaves nothing open', async () => {
    const { MongoLearnerStore } = await import('../../../src/engines/mongo/mongo.learner-store.ts');
    const started = Date.now();
    // Port 9 (discard) on loopback: nothing of ours listens there.
    await expect(MongoLearnerStore.open('mongodb://127.0.0.1:9/pathwise-none', { serverSelectionTimeoutMS: 300 })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('cohort schemas', () => {
  const cohortModels = defineCohortModels(mongoose.createConnection());
  const cohort = {
    cohortId: 'c-1',
    channelKey: 'slack:W1:C1',
    channel: { platform: 'slack' as const, workspace: 'W1', channel: 'C1', user: 'lead', audience: 'channel' as const },
    name: '#data-team',
    goal: null,
    leads: ['slack:W1:lead'],
    schedule: { weekday: 1, hour: 9, timezone: 'Europe/Berlin' },
    createdAt: '2026-03-02T08:00:00.000Z',
  };

  it('hold one cohort per id and per channel, one membership per cohort and learner', () => {
    const idx = (s: mongoose.Schema) => s.indexes().map(([fields, opts]) => ({ fields, unique: opts?.unique === true }));
    expect(idx(cohortSchema)).toContainEqual({ fields: { cohortId: 1 }, unique: true });
    expect(idx(cohortSchema)).toContainEqual({ fields: { channelKey: 1 }, unique: true });
    expect(idx(membershipSchema)).toContainEqual({ fields: { cohortId: 1, learnerId: 1 }, unique: true });
  });

  it('round-trip a cohort and a membership through validation and BSON, and refuse a bad schedule', () => {
    const strip = ({ _id, insertedAt, modifiedAt, ...rest }: Record<string, unknown>) => (void [_id, insertedAt, modifiedAt], rest);
    expect(strip(throughBson(cohortModels.Cohort, cohort))).toEqual(cohort);
    const m = { cohortId: 'c-1', learnerId: 'slack:W1:U1', joinedAt: '2026-03-02T08:00:00.000Z', shareProgress: false };
    expect(strip(throughBson(cohortModels.Membership, m))).toEqual(m);
    expect(new cohortModels.Cohort({ ...cohort, schedule: { ...cohort.schedule, weekday: 7 } }).validateSync()?.errors['schedule.weekday']).toBeDefined();
  });
});
