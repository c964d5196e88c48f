/**
 * One error base for Pathwise: every error carries a stable `code` (for logs,
 * tests and support) and an optional `cause`.
 *
 * - {@link UserError}: something the person can fix ("I don't know that goal
 *   yet"); its message is safe to show them as is.
 * - Anything else is a bug or an outage: log it with context, show the person
 *   a generic apology, never the message (it may hold internals).
 */
export class PathwiseError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PathwiseError';
    this.code = code;
  }
}

/** An error meant for the learner: its message is shown to them verbatim. */
export class UserError extends PathwiseError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
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

/** A data file (roadmaps, response CSVs) that cannot be used; lists every problem found. */
export class ContentError extends PathwiseError {
  readonly issues: ContentIssue[];
  constructor(issues: ContentIssue[]) {
    super('CONTENT_INVALID', `${issues.length} problem(s):\n` + issues.map(formatIssue).join('\n'));
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
