/**
 * One error base for Pathwise: every error carries a stable `code` (for logs,
 * tests and support) from the closed catalogue {@link ERROR_CODES}, and an
 * optional `cause`.
 *
 * - {@link UserError}: something the person can fix ("I don't know that goal
 *   yet"); its message is safe to show them as is.
 * - Anything else is a bug or an outage: log it with context, show the person
 *   a generic apology, never the message (it may hold internals).
 */
import { plural } from './text/wording.ts';

/**
 * Every error code, named once with what it means. A code not listed here
 * does not compile: add it here, with its meaning, before throwing it.
 */
export const ERROR_CODES = {
  // The command line and configuration
  USAGE: 'a command was given arguments or flags it does not take; the message says the usage',
  CONFIG_INVALID: 'an environment variable is malformed; the message names it, never its value',
  REDIS_NOT_CONFIGURED: 'a command that needs BullMQ (worker, jobs) was run without REDIS_URL',
  SLACK_NOT_CONFIGURED: 'the Slack app was started without the tokens it needs',
  DISCORD_NOT_CONFIGURED: 'the Discord bot was started without DISCORD_TOKEN or DISCORD_APPLICATION_ID',
  CONTENT_INVALID: 'a data file (roadmaps, response CSV, parameters, commands) has problems; each is listed',

  // What a person typed or pressed
  BAD_OPTION: "a command option has a value it cannot take (e.g. hour=25)",
  MISSING_OPTION: 'a command needs an option that was not given',
  BAD_TIMEZONE: 'a time zone that is not an IANA name',
  BAD_ACTION: 'a button press the coach does not know (stale or forged)',
  BAD_EVENT: 'an incoming event of a shape no adapter should produce (a bug)',
  TOO_LONG: 'a message longer than the coach reads',

  // Learning content and plans
  UNKNOWN_GOAL: 'a goal id that is not in the knowledge graph',
  UNKNOWN_CONCEPT: 'a concept id that is not in the knowledge graph',
  UNKNOWN_RESOURCE: 'a resource id that is not in the knowledge graph',
  NO_GOAL: 'a plan was asked for before any goal was set',
  NO_PATH: 'no resources reach the goal from what the learner knows (with the exclusions given)',
  NO_PLAN: 'something needs a plan and the learner has none yet',
  NO_QUIZ: 'no quiz items for the concepts asked about',
  QUIZ_GONE: 'an answer to a question that was already answered or has expired',
  NOTHING_TODO: "there is no task for today (plan finished or paused)",
  INVALID_PREFERENCES: 'planner preferences out of range (minutes per day, formats)',
  INVALID_THRESHOLD: 'a mastery threshold outside (0, 1)',
  INVALID_WEIGHTS: 'cost-model weights that are negative or not finite (a bug)',
  BKT_PARAMS_INVALID: 'BKT parameters outside [0, 1], or guess/slip above 0.5',

  // Cohorts
  NO_COHORTS: 'the cohort store is not available in this process',

  // Careers
  NO_CAREERS: 'the career catalogue (O*NET subset) is not available in this process',
  NO_COHORT_HERE: 'this channel has no cohort',
  COHORT_EXISTS: 'this channel already has a cohort',
  NOT_LEAD: 'only a lead of the cohort (or a workspace admin) may do this',
  NOT_MEMBER: 'the person is not a member of the cohort',
  NOT_SHARING: "the member has not opted in to sharing their progress with the cohort's leads",

  // Engines
  STORE_CONFLICT: 'a learner record changed since it was read (optimistic concurrency); the turn is retried',
  STORE_INVALID: 'a value the store refuses (an operator-shaped id, a malformed document)',
  SCHEDULE_INVALID: 'a schedule with a bad key, hour or time zone',
  JOB_UNRECOVERABLE: 'a scheduled job that no retry can fix; it goes to the dead letters at once',
  NO_GATEWAY: 'this process has no gateway for the platform a job is for; the run is retried',
  RATE_LIMITED: 'a chat platform said "too many requests"; retry after the time it gave',
  REDIS_UNREACHABLE: 'Redis (REDIS_URL) did not answer at start-up within the timeout',
  REDIS_AUTH_FAILED: 'Redis refused the user or password in REDIS_URL',
  MONGODB_UNREACHABLE: 'MongoDB (MONGODB_URL) could not be reached or refused the connection at start-up',
  STORE_LOCKED: 'another process holds the embedded store of this data directory',
  STORE_DAMAGED: 'a file of the embedded store has a line that cannot be read; `pathwise doctor` repairs it',
  JOBS_TIMEOUT: 'a `pathwise jobs` command got no answer from Redis in time',
  REVIEW_FIT_FAILED: "fitting a learner's FSRS parameters failed or ran past its time bound; their reviews keep the parameters they had",

  // Chat platforms
  SLACK_AUTH_FAILED: 'Slack refused the bot token',
  SLACK_UNREACHABLE: 'the Slack Web API could not be reached at start-up',
  SLACK_SEND_FAILED: 'Slack did not take a message; a later try may work',
  DISCORD_LOGIN_FAILED: 'Discord refused the login or the gateway never became ready',
  DISCORD_NOT_STARTED: 'the Discord adapter was used before it started',
  DISCORD_COMMAND_INVALID: 'a command definition Discord would refuse (name, options)',
  DISCORD_REGISTER_FAILED: 'Discord refused to register the slash commands',
  DISCORD_SEND_FAILED: 'Discord did not take a message; a later try may work',

  INTERNAL: 'anything else: a bug or an outage; logged with context, the person gets an apology',
} as const;

/** One of the codes in {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** True when `code` is in the catalogue (for codes read back from logs or queues). */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

export class PathwiseError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PathwiseError';
    this.code = code;
  }
}

/** An error meant for the learner: its message is shown to them verbatim. */
export class UserError extends PathwiseError {
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'UserError';
  }
}

/** Where in an input file a problem sits: the file, a path inside it, and a line when known. */
export interface SourceLocation {
  file: string;
  /** e.g. `concepts[3].requires[0]` */
  path: string;
  line?: number;
}

/** One problem found in a roadmap (or other data file). */
export interface ContentIssue extends SourceLocation {
  code: string;
  reason: string;
}

export function formatIssue(i: ContentIssue): string {
  const where = i.line ? `${i.file}:${i.line}` : i.file;
  return `${where}: ${i.path || '(root)'}: ${i.reason} [${i.code}]`;
}

/** Problems named in a {@link ContentError}'s message; `issues` keeps them all. */
const MESSAGE_ISSUES = 50;

/** A data file (roadmaps, response CSVs) that cannot be used; lists every problem found. */
export class ContentError extends PathwiseError {
  readonly issues: ContentIssue[];
  constructor(issues: ContentIssue[]) {
    const shown = issues.slice(0, MESSAGE_ISSUES).map(formatIssue);
    const rest = issues.length - shown.length;
    super('CONTENT_INVALID', [`${plural(issues.length, 'problem')}:`, ...shown, ...(rest > 0 ? [`…and ${rest} more`] : [])].join('\n'));
    this.name = 'ContentError';
    this.issues = issues;
  }
}

/**
 * A chat platform said "too many requests" (HTTP 429 with Retry-After, a
 * Slack `ratelimited` error, a discord.js rate-limit event). Gateways throw
 * it; the job runner puts the job back for `retryAfterMs` instead of spending
 * one of its retries, since the platform told us exactly when to come back.
 */
export class RateLimitedError extends PathwiseError {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number, options?: { cause?: unknown }) {
    const ms = Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? Math.ceil(retryAfterMs) : 1000;
    super('RATE_LIMITED', `rate limited by the chat platform; retry after ${ms} ms`, options);
    this.name = 'RateLimitedError';
    this.retryAfterMs = ms;
  }
}

/** True for a {@link RateLimitedError}, also one from another copy of this module (duck-typed on its code). */
export function isRateLimited(err: unknown): err is RateLimitedError {
  return err instanceof PathwiseError && err.code === 'RATE_LIMITED' && typeof (err as RateLimitedError).retryAfterMs === 'number';
}
