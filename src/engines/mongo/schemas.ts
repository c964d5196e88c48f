/**
 * Mongoose schemas for the MongoDB learner store, one collection per record
 * kind, with the indexes its queries need. Unique indexes encode the rules a
 * duplicate would break: one learner per learnerId (platform user), one card
 * per learner and item, one delivery per idempotency key.
 *
 * Schemas are `strict: 'throw'`: a field the store does not know is an error
 * at write time, not data silently dropped. `minimize: false` keeps empty
 * objects (a learner with no mastery yet reads back `{}`, not nothing).
 * Mongoose's own timestamps go to `insertedAt`/`modifiedAt`, because
 * `createdAt`/`updatedAt` belong to the learner record itself.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { RESOURCE_TYPES } from '../../core/graph/types.ts';

const base = { strict: 'throw' as const, strictQuery: 'throw' as const, minimize: false, versionKey: false as const };
const sub = { _id: false, strict: 'throw' as const, minimize: false };
const isoString = { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}T/ };

const conversationSchema = new Schema(
  {
    platform: { type: String, required: true, enum: ['terminal', 'slack', 'discord'] },
    workspace: { type: String, required: true },
    channel: { type: String, required: true },
    user: { type: String, required: true },
    audience: { type: String, enum: ['channel'] },
  },
  sub,
);

const settingsSchema = new Schema(
  {
    timezone: { type: String, required: true },
    dailyHour: { type: Number, required: true, min: 0, max: 23 },
    minutesPerDay: { type: Number, required: true, min: 0 },
    preferredFormats: { type: [{ type: String, enum: RESOURCE_TYPES }], required: true },
    avoidedFormats: { type: [{ type: String, enum: RESOURCE_TYPES }], required: true },
    paused: { type: Boolean, required: true },
  },
  sub,
);

const masterySchema = new Schema(
  {
    p: { type: Number, required: true, min: 0, max: 1 },
    attempts: { type: Number, required: true, min: 0 },
    correct: { type: Number, required: true, min: 0 },
    wrongStreak: { type: Number, required: true, min: 0 },
    updatedAt: isoString,
    observed: { type: Number, min: 0 },
    rightItems: { type: [String], default: undefined },
    sittings: { type: Number, min: 0 },
    sittingStartedAt: { type: String },
  },
  sub,
);

const planStepSchema = new Schema(
  {
    resourceId: { type: String, required: true },
    concepts: { type: [String], required: true },
    minutes: { type: Number, required: true, min: 0 },
    reason: { type: String, default: '' },
    status: { type: String, required: true, enum: ['todo', 'done', 'skipped'] },
    doneAt: { type: String },
    progress: {
      type: new Schema({ part: { type: Number, required: true, min: 0 }, minute: { type: Number, required: true, min: 0 } }, sub),
      default: undefined,
    },
  },
  sub,
);

const planSchema = new Schema(
  {
    createdAt: isoString,
    steps: { type: [planStepSchema], required: true },
    totalCost: { type: Number, required: true },
    // `true` when the planner proved the path optimal, else the gap bound it reached.
    optimal: {
      type: Schema.Types.Mixed,
      required: true,
      validate: { validator: (v: unknown) => v === true || typeof v === 'number', message: 'optimal must be true or a number' },
    },
    excluded: { type: [String], default: undefined },
  },
  sub,
);

const statsSchema = new Schema(
  {
    minutesSpent: { type: Number, required: true, min: 0 },
    streakDays: { type: Number, required: true, min: 0 },
    lastActiveDay: { type: String, default: null },
  },
  sub,
);

const claimSchema = new Schema(
  {
    concept: { type: String, required: true, minlength: 1 },
    level: { type: String, required: true, enum: ['none', 'overview', 'core', 'complete'] },
    source: { type: String, required: true, enum: ['self', 'lead'] },
    at: isoString,
    by: { type: String },
    via: { type: String, enum: ['self-check', 'career'] },
  },
  sub,
);

export const learnerSchema = new Schema(
  {
    learnerId: { type: String, required: true, minlength: 1 },
    conversation: { type: conversationSchema, required: true },
    displayName: { type: String },
    createdAt: isoString,
    updatedAt: isoString,
    version: { type: Number, required: true, min: 1 },
    onboarding: { type: String, required: true },
    goals: { type: [String], required: true },
    settings: { type: settingsSchema, required: true },
    // Keys are concept ids, escaped (safe-values.ts): Mongoose maps refuse `.` and a leading `$`.
    mastery: { type: Map, of: masterySchema, required: true },
    plan: { type: planSchema, default: null },
    // Free-form interaction state; keys escaped at every depth.
    pending: { type: Schema.Types.Mixed, default: null },
    stats: { type: statsSchema, required: true },
    today: {
      type: new Schema({ shownKey: { type: String }, shownAt: { type: String }, doneAt: { type: String }, reviewOfferedOn: { type: String } }, sub),
      default: undefined,
    },
    // Optional: records from before the skills profile kept claims have none, and read back without the field.
    claims: { type: [claimSchema], default: undefined },
    // Concepts whose cohort resource evidence already counts this learner (coach/flows/resource-evidence.ts).
    evidenceConcepts: { type: [String], default: undefined },
    // Whether the learner ever assessed someone as a lead (forget-me unnames them then); absent on older records.
    assessedOthers: { type: Boolean, default: undefined },
    // FSRS weights fitted to the learner (core/review/review-params.ts), with the version of the fit.
    reviewParams: {
      type: new Schema(
        {
          version: { type: Number, required: true, min: 1 },
          w: { type: [Number], required: true },
          reviews: { type: Number, required: true, min: 0 },
          fittedAt: isoString,
          keptDefaults: { type: Boolean },
        },
        sub,
      ),
      default: undefined,
    },
  },
  { ...base, collection: 'learners', timestamps: { createdAt: 'insertedAt', updatedAt: 'modifiedAt' } },
);
learnerSchema.index({ learnerId: 1 }, { unique: true });

export const attemptSchema = new Schema(
  {
    learnerId: { type: String, required: true },
    itemId: { type: String, required: true },
    conceptId: { type: String, required: true },
    correct: { type: Boolean, required: true },
    at: isoString,
    atTime: { type: Date, required: true },
  },
  { ...base, collection: 'attempts', timestamps: { createdAt: 'insertedAt', updatedAt: false } },
);
// "The most recent N attempts of a learner" and "a cohort's attempts since"; _id breaks ties in insertion order.
attemptSchema.index({ learnerId: 1, atTime: -1, _id: -1 });
// One answer is one attempt: a retried turn that appends it again is refused here (appendAttempt ignores the refusal).
attemptSchema.index({ learnerId: 1, itemId: 1, atTime: 1 }, { unique: true });

export const cardSchema = new Schema(
  {
    learnerId: { type: String, required: true },
    itemId: { type: String, required: true },
    conceptId: { type: String, required: true },
    // As given (returned unchanged) and as a Date for the due-date queries.
    due: isoString,
    dueAt: { type: Date, required: true },
    // ts-fsrs card fields; keys escaped.
    card: { type: Schema.Types.Mixed, required: true },
  },
  { ...base, collection: 'cards', timestamps: { createdAt: 'insertedAt', updatedAt: 'modifiedAt' } },
);
cardSchema.index({ learnerId: 1, itemId: 1 }, { unique: true });
cardSchema.index({ learnerId: 1, dueAt: 1 });

/** Delivery records only guard against re-sends for a while; MongoDB's TTL monitor drops them after this. */
export const DELIVERY_TTL_DAYS = 45;

export const deliverySchema = new Schema(
  {
    key: { type: String, required: true, minlength: 1 },
    learnerId: { type: String, required: true },
    state: { type: String, required: true, enum: ['sending', 'sent'] },
    at: isoString,
    messageId: { type: String },
    leaseUntil: { type: String },
  },
  { ...base, collection: 'deliveries', timestamps: { createdAt: 'insertedAt', updatedAt: 'modifiedAt' } },
);
deliverySchema.index({ key: 1 }, { unique: true });
deliverySchema.index({ learnerId: 1 });
deliverySchema.index({ insertedAt: 1 }, { expireAfterSeconds: DELIVERY_TTL_DAYS * 24 * 3600 });

const cohortScheduleSchema = new Schema(
  {
    weekday: { type: Number, required: true, min: 0, max: 6 },
    hour: { type: Number, required: true, min: 0, max: 23 },
    timezone: { type: String, required: true },
  },
  sub,
);

export const cohortSchema = new Schema(
  {
    cohortId: { type: String, required: true, minlength: 1 },
    channelKey: { type: String, required: true, minlength: 1 },
    channel: { type: conversationSchema, required: true },
    name: { type: String, required: true },
    goal: { type: String, default: null },
    leads: { type: [String], required: true },
    schedule: { type: cohortScheduleSchema, required: true },
    createdAt: isoString,
  },
  { ...base, collection: 'cohorts', timestamps: { createdAt: 'insertedAt', updatedAt: 'modifiedAt' } },
);
// One cohort per id and one per channel; lead grants are looked up for forget-me.
cohortSchema.index({ cohortId: 1 }, { unique: true });
cohortSchema.index({ channelKey: 1 }, { unique: true });
cohortSchema.index({ leads: 1 });

export const membershipSchema = new Schema(
  {
    cohortId: { type: String, required: true },
    learnerId: { type: String, required: true },
    joinedAt: isoString,
    shareProgress: { type: Boolean, required: true },
  },
  { ...base, collection: 'memberships', timestamps: { createdAt: 'insertedAt', updatedAt: 'modifiedAt' } },
);
// One membership per cohort and learner, listed by learner id; a learner's memberships for forget-me.
membershipSchema.index({ cohortId: 1, learnerId: 1 }, { unique: true });
membershipSchema.index({ learnerId: 1, cohortId: 1 });

/** The resource bandit's counts per workspace, concept and resource (no learner in them). */
export const outcomeSchema = new Schema(
  {
    workspace: { type: String, required: true, minlength: 1 },
    conceptId: { type: String, required: true, minlength: 1 },
    resourceId: { type: String, required: true, minlength: 1 },
    uses: { type: Number, required: true, min: 0 },
    n: { type: Number, required: true, min: 0 },
    gain: { type: Number, required: true, min: 0 },
  },
  { ...base, collection: 'resource_outcomes', timestamps: { createdAt: 'insertedAt', updatedAt: 'modifiedAt' } },
);
// One record per workspace, concept and resource; read by workspace.
outcomeSchema.index({ workspace: 1, conceptId: 1, resourceId: 1 }, { unique: true });

export interface CohortModels {
  Cohort: Model<unknown>;
  Membership: Model<unknown>;
}

export function defineCohortModels(conn: Connection): CohortModels {
  return {
    Cohort: conn.model('Cohort', cohortSchema) as Model<unknown>,
    Membership: conn.model('Membership', membershipSchema) as Model<unknown>,
  };
}

export interface StoreModels {
  Learner: Model<unknown>;
  Attempt: Model<unknown>;
  Card: Model<unknown>;
  Delivery: Model<unknown>;
  Outcome: Model<unknown>;
}

/** Registers the models on a connection of the store's own (never the global mongoose singleton). */
export function defineModels(conn: Connection): StoreModels {
  return {
    Learner: conn.model('Learner', learnerSchema) as Model<unknown>,
    Attempt: conn.model('Attempt', attemptSchema) as Model<unknown>,
    Card: conn.model('Card', cardSchema) as Model<unknown>,
    Delivery: conn.model('Delivery', deliverySchema) as Model<unknown>,
    Outcome: conn.model('Outcome', outcomeSchema) as Model<unknown>,
  };
}
