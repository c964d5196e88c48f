/**
 * A loopback stand-in for Slack's side of the wire: the Web API under `/api/`
 * (what `@slack/web-api`'s WebClient calls) and the `response_url` hooks
 * (what Bolt's `respond` posts to). It records every call, answers in Slack's
 * `{ ok: true, … }` shapes, and can answer a method with 429 + `Retry-After`
 * or with an `{ ok: false, error }`.
 *
 * File uploads follow Slack's external flow: `files.getUploadURLExternal`
 * hands out an `upload_url` under `/upload/` on this server, the POST of the
 * bytes there is recorded as an {@link Upload}, and `files.completeUploadExternal`
 * answers with the completed files.
 *
 * Only the network edge is faked: the real Bolt app and the real WebClient
 * talk to it over HTTP on 127.0.0.1.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { BOT_SCOPES } from '../../../src/adapters/slack/manifest.ts';
import { SLACK_METHOD_SCOPES } from './slack-scopes.ts';

export interface RecordedCall {
  /** `chat.postMessage`… or `response_url` for a hook. */
  method: string;
  /** Form fields with JSON ones (`blocks`, `view`) decoded; the hook's JSON body. */
  args: Record<string, unknown>;
  /** The hook's path, for `response_url` calls. */
  path: string;
  token: string | null;
  at: number;
  /** The HTTP status it was answered with. */
  status: number;
  /** The JSON answer (for `chat.postMessage`, the `ts` Slack gave the message). */
  response?: Record<string, unknown>;
}

/** Bytes posted to an `upload_url` handed out by `files.getUploadURLExternal`. */
export interface Upload {
  fileId: string;
  /** What `files.getUploadURLExternal` was told. */
  filename: string;
  length: number;
  bytes: Buffer;
}

export const BOT_TOKEN = 'xoxb-test-0000-bot-token';
export const APP_TOKEN = 'xapp-1-A0PATHWISE-0000-test-app-token';
export const BOT_USER_ID = 'U0BOTUSER';
export const BOT_ID = 'B0BOTID01';
export const TEAM_ID = 'T0PATHWISE';

const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata']);

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The file in an upload POST. The WebClient sends it as multipart/form-data
 * (one part, field `body`); Slack also takes the raw bytes as the body.
 * Returns the first file part's bytes, untouched, or the whole body when it
 * is not multipart; null for a multipart body without a file part.
 */
function uploadedBytes(body: Buffer, contentType: string | undefined): { bytes: Buffer; field?: string } | null {
  const boundary = /multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  if (!boundary) return { bytes: body };
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const headersStart = at + delimiter.length + 2; // past CRLF
    const headersEnd = body.indexOf('\r\n\r\n', headersStart);
    if (headersEnd === -1) return null;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headersEnd);
    if (next === -1) return null;
    const headers = body.subarray(headersStart, headersEnd).toString('utf8');
    if (/filename=/i.test(headers)) {
      return { bytes: Buffer.from(body.subarray(headersEnd + 4, next)), field: /name="([^"]*)"/i.exec(headers)?.[1] ?? '' };
    }
    at = next + 2;
  }
  return null;
}

function decodeArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (!body) return {};
  if (contentType?.includes('application/json')) return JSON.parse(body) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parseQuery(body))) {
    const value = Array.isArray(v) ? v[0] : v;
    out[k] = JSON_FIELDS.has(k) && typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  }
  return out;
}

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  /** IANA zone per user for `users.info` (absent: no `tz`). */
  readonly timezones = new Map<string, string>();
  /** Users `users.info` reports as workspace admins. */
  readonly admins = new Set<string>();
  /** Bytes received at upload URLs, in order of arrival. */
  readonly uploads: Upload[] = [];
  /** Files announced by `files.getUploadURLExternal`, by id. */
  private readonly pendingFiles = new Map<string, { filename: string; length: number }>();
  private fileCounter = 0;
  private readonly rateLimits = new Map<string, number[]>();
  private readonly failures = new Map<string, string[]>();
  /**
   * The bot scopes the app was granted: by default what the manifest asks for,
   * as after installing it. A method that needs another answers `missing_scope`.
   */
  grantedScopes: Set<string> = new Set(BOT_SCOPES);
  /** What `apps.connections.open` hands out (a FakeSocketMode's URL). */
  socketUrl: string | null = null;
  private server: Server | null = null;
  private port = 0;
  private tsCounter = 0;

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Pass as `slackApiUrl` / SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : 0;
    return this;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** The next call of `method` is answered `429 Too Many Requests` with `Retry-After: seconds`. */
  rateLimitNext(method: string, seconds: number): void {
    this.rateLimits.set(method, [...(this.rateLimits.get(method) ?? []), seconds]);
  }

  /** The next call of `method` is answered `{ ok: false, error }`. */
  failNext(method: string, error: string): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  /** Calls of one method (answered 200), in order. */
  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200);
  }

  /** Everything that reached a person: posts, ephemerals, updates, hooks. */
  messagesSent(): RecordedCall[] {
    return this.calls.filter(
      (c) => c.status === 200 && ['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'response_url'].includes(c.method),
    );
  }

  /** Rewrites Slack's hook host in a fixture to this server, so `respond` stays on loopback. */
  hookUrl(slackUrl: string): string {
    return slackUrl.replace(/^https:\/\/hooks\.slack\.com/, this.origin);
  }

  /** Waits (bounded) until no call has arrived for `quietMs`: the bot has finished answering. */
  async settle(quietMs = 150, timeoutMs = 5_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    let seen = -1;
    let since = Date.now();
    for (let i = 0; Date.now() < until && i < 1_000; i++) {
      if (this.calls.length !== seen) {
        seen = this.calls.length;
        since = Date.now();
      } else if (Date.now() - since >= quietMs) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Waits (bounded) until `predicate` holds over the recorded calls. */
  async waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs = 5_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (let i = 0; Date.now() < until && i < 1_000; i++) {
      if (predicate(this.calls)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    if (!predicate(this.calls)) {
      throw new Error(`fake Slack: condition not met within ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(', ')}`);
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const raw = await readBody(req);
    if (url.pathname.startsWith('/upload/')) {
      this.receiveUpload(url.pathname.slice('/upload/'.length), raw, req, res);
      return;
    }
    const args = decodeArgs(raw.toString('utf8'), req.headers['content-type']);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : typeof args.token === 'string' ? args.token : null;
    const isApi = url.pathname.startsWith('/api/');
    const method = isApi ? url.pathname.slice('/api/'.length) : 'response_url';
    const call: RecordedCall = { method, args, path: url.pathname, token, at: Date.now(), status: 200 };
    this.calls.push(call);

    const limited = this.rateLimits.get(method);
    if (limited?.length) {
      const seconds = limited.shift()!;
      call.status = 429;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(seconds) });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    if (!isApi) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true }));
      return;
    }
    const failure = this.failures.get(method)?.shift();
    // apps.connections.open takes the app-level token; every other method the bot token.
    const expected = method === 'apps.connections.open' ? APP_TOKEN : BOT_TOKEN;
    const missing = this.missingScope(method);
    const answer = failure
      ? { ok: false, error: failure }
      : token !== expected
        ? { ok: false, error: 'invalid_auth' }
        : missing
          ? { ok: false, error: 'missing_scope', needed: missing, provided: [...this.grantedScopes].join(',') }
          : this.answer(method, args);
    call.response = answer;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  }

  /** The scope `method` still lacks (Slack names the first it would accept), or null when granted or not needed. */
  private missingScope(method: string): string | null {
    const needs = SLACK_METHOD_SCOPES[method];
    if (!needs || needs.length === 0 || needs.some((s) => this.grantedScopes.has(s))) return null;
    return needs[0]!;
  }

  /** Calls Slack refused for want of a scope. */
  scopeRefusals(): RecordedCall[] {
    return this.calls.filter((c) => c.response?.error === 'missing_scope');
  }

  /** The POST of a file's bytes to its `upload_url` (raw or multipart): Slack answers 200 with `OK - {length}`. */
  private receiveUpload(fileId: string, body: Buffer, req: IncomingMessage, res: ServerResponse): void {
    const pending = this.pendingFiles.get(fileId);
    const file = uploadedBytes(body, req.headers['content-type']);
    const call: RecordedCall = {
      method: 'upload_url',
      args: { fileId, length: file?.bytes.length ?? 0, ...(file?.field !== undefined ? { field: file.field } : {}) },
      path: req.url ?? '',
      token: null,
      at: Date.now(),
      status: 200,
    };
    this.calls.push(call);
    if (!file) {
      call.status = 400;
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('no file in the upload');
      return;
    }
    const { bytes } = file;
    if (!pending) {
      call.status = 404;
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('unknown upload');
      return;
    }
    this.uploads.push({ fileId, filename: pending.filename, length: pending.length, bytes });
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${bytes.length}`);
  }

  /** Seconds part of the `ts` handed out (fixed, so recorded fixtures match); set it to now for history lookups by time. */
  tsBase = 1700000000;

  private nextTs(): string {
    this.tsCounter += 1;
    return `${this.tsBase}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://pathwise-test.slack.com/', team: 'Pathwise Test', user: 'pathwise', team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: BOT_ID };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        return { ok: true, channel: args.channel, ts, message: { type: 'message', user: BOT_USER_ID, bot_id: BOT_ID, text: args.text, ts, blocks: args.blocks } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text, message: { text: args.text, blocks: args.blocks } };
      case 'conversations.history': {
        // What was posted to the channel, newest first, with metadata only when asked for (as Slack does).
        const oldest = Number(args.oldest ?? 0);
        const withMeta = args.include_all_metadata === true || args.include_all_metadata === 'true';
        const messages = this.calls
          .filter((c) => c.method === 'chat.postMessage' && c.status === 200 && c.args.channel === args.channel && Number(c.response?.ts) >= oldest)
          .map((c) => ({ type: 'message', user: BOT_USER_ID, bot_id: BOT_ID, text: c.args.text, ts: c.response?.ts, ...(withMeta && c.args.metadata ? { metadata: c.args.metadata } : {}) }))
          .reverse();
        return { ok: true, messages, has_more: false };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).slice(1)}` } };
      case 'users.info': {
        const id = String(args.user);
        const tz = this.timezones.get(id);
        return { ok: true, user: { id, team_id: TEAM_ID, name: id.toLowerCase(), ...(tz ? { tz, tz_label: tz, tz_offset: 0 } : {}), ...(this.admins.has(id) ? { is_admin: true } : {}) } };
      }
      case 'views.publish':
      case 'views.open': {
        const view = args.view as Record<string, unknown>;
        return { ok: true, view: { id: `V${this.tsCounter++}`, team_id: TEAM_ID, ...view, hash: `${Date.now()}.hash` } };
      }
      case 'files.getUploadURLExternal': {
        const filename = typeof args.filename === 'string' ? args.filename : '';
        const length = Number(args.length);
        if (!filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
        this.fileCounter += 1;
        const fileId = `F0FILE${String(this.fileCounter).padStart(4, '0')}`;
        this.pendingFiles.set(fileId, { filename, length });
        return { ok: true, upload_url: `${this.origin}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = (typeof args.files === 'string' ? JSON.parse(args.files) : args.files) as { id: string; title?: string }[];
        if (!Array.isArray(files) || files.some((f) => !this.uploads.some((u) => u.fileId === f.id))) return { ok: false, error: 'file_not_found' };
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? this.pendingFiles.get(f.id)?.filename })) };
      }
      case 'apps.connections.open':
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'internal_error' };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}
