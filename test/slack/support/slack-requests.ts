/**
 * Sends requests to the Bolt app exactly as Slack does: signed with the
 * signing secret (`v0=` HMAC-SHA256 of `v0:{timestamp}:{raw body}`, headers
 * X-Slack-Signature and X-Slack-Request-Timestamp); slash commands and
 * interactivity form-encoded (interactivity in the `payload` field); Events
 * API as JSON, with X-Slack-Retry-Num / X-Slack-Retry-Reason on a re-send.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SIGNING_SECRET = 'test-signing-secret-8f2b1c';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** A fixture from test/slack/fixtures, parsed fresh each time. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as T;
}

export interface SlackResponse {
  status: number;
  body: string;
  /** Milliseconds from sending to the full response. */
  ms: number;
}

export interface SendOptions {
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  /** Signs with this secret instead (a forged request). */
  secret?: string;
  /** Replaces the computed signature. */
  signature?: string;
  headers?: Record<string, string>;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export class SlackSender {
  constructor(private readonly url: string) {}

  async post(body: string, contentType: string, opts: SendOptions = {}): Promise<SlackResponse> {
    const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const started = Date.now();
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': opts.signature ?? sign(opts.secret ?? SIGNING_SECRET, ts, body),
        ...opts.headers,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    return { status: res.status, body: text, ms: Date.now() - started };
  }

  /** A slash command: the fields form-encoded, as Slack posts them. */
  command(fields: Record<string, string>, opts?: SendOptions): Promise<SlackResponse> {
    return this.post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', opts);
  }

  /** An interaction (`block_actions`, `view_submission`): JSON in the form field `payload`. */
  interaction(payload: unknown, opts?: SendOptions): Promise<SlackResponse> {
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', opts);
  }

  /** An Events API request (`event_callback`, `url_verification`): JSON. */
  event(body: unknown, opts?: SendOptions): Promise<SlackResponse> {
    return this.post(JSON.stringify(body), 'application/json', opts);
  }
}
