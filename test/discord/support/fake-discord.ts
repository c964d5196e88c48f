/**
 * A loopback fake of Discord for driving the real discord.js: the REST API
 * (under `/api/v10`) and the gateway (a `ws` server on the same port,
 * speaking gateway v10 JSON). discord.js is pointed at it with the REST
 * `api` option; `GET /gateway/bot` hands back the gateway's loopback URL.
 *
 * Gateway: HELLO (op 10) on connect; IDENTIFY (op 2) → READY (with
 * session_id, resume_gateway_url, user, application and one unavailable
 * guild) then GUILD_CREATE for it; HEARTBEAT (op 1) → HEARTBEAT_ACK (op 11);
 * RESUME (op 6) with the right session → RESUMED. Tests dispatch events
 * (`INTERACTION_CREATE`, `MESSAGE_CREATE`) and can drop the connection.
 *
 * REST: records every request and answers the routes the bot uses, shaped as
 * Discord's API documents them; one call can be answered with a 429.
 * Everything binds to 127.0.0.1, and every wait is bounded in time.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { BOT_USER, fixture, nextSnowflake } from './fixtures.ts';

export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, e.g. `/channels/1/messages`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingMessage['headers'];
  /** The status the fake answered. */
  status: number;
  at: number;
  /** The body's bytes as sent (a multipart upload's files intact). */
  raw: Buffer;
}

/** The files of a multipart request (discord.js sends attachments as `files[n]` parts), bytes intact. */
export function multipartFiles(r: RecordedRequest): { field: string; filename: string; bytes: Buffer }[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(String(r.headers['content-type'] ?? ''));
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const out: { field: string; filename: string; bytes: Buffer }[] = [];
  let at = r.raw.indexOf(delimiter);
  while (at !== -1) {
    const headersEnd = r.raw.indexOf('\r\n\r\n', at);
    const next = r.raw.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headersEnd);
    if (headersEnd === -1 || next === -1) break;
    const headers = r.raw.subarray(at + delimiter.length + 2, headersEnd).toString('utf8');
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
    if (filename !== undefined) out.push({ field: /name="([^"]*)"/i.exec(headers)?.[1] ?? '', filename, bytes: Buffer.from(r.raw.subarray(headersEnd + 4, next)) });
    at = next + 2;
  }
  return out;
}

export interface GatewayFrame {
  op: number;
  d: unknown;
  s?: number | null;
  t?: string | null;
}

interface CannedAnswer {
  method: string;
  path: RegExp;
  status: number;
  json: unknown;
  headers: Record<string, string>;
}

export interface FakeDiscordOptions {
  /** Milliseconds between heartbeats the fake asks for in HELLO. */
  heartbeatIntervalMs?: number;
}

type Json = Record<string, unknown>;

const PREFIX = '/api/v10';

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Frames the bot sent over the gateway, with the connection they came on (1-based). */
  readonly received: { connection: number; frame: GatewayFrame }[] = [];
  /** Query strings of each gateway connection (discord.js asks for v=10 and encoding=json). */
  readonly connectionQueries: URLSearchParams[] = [];
  readonly sessionId = `session-${nextSnowflake()}`;
  /** Messages created through the API, by id. */
  readonly messages = new Map<string, Json>();
  /** `<channel>:<nonce>` → the message first created with it (enforce_nonce). */
  private readonly nonces = new Map<string, { id: string; at: number }>();
  /** How long Discord remembers a nonce; "a few minutes". */
  nonceWindowMs = 5 * 60_000;

  /** While true, new gateway connections are refused (the REST API still answers). */
  gatewayDown = false;
  private socket: WebSocket | null = null;
  private seq = 0;
  private canned: CannedAnswer[] = [];
  private readonly dmChannels = new Map<string, string>();
  private readonly originals = new Map<string, string>();

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    private readonly heartbeatIntervalMs: number,
  ) {}

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = createServer();
    let refuse = (): boolean => false;
    // An unreachable gateway: the WebSocket upgrade is answered 503, as a load balancer in front of a down gateway would.
    const wss = new WebSocketServer({ server, verifyClient: (_info, done) => done(!refuse(), 503, 'Service Unavailable') });
    const fake = new FakeDiscord(server, wss, options.heartbeatIntervalMs ?? 1_000);
    refuse = () => fake.gatewayDown;
    server.on('request', (req, res) => void fake.onRequest(req, res));
    wss.on('connection', (ws, req) => fake.onConnection(ws, req));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The REST base discord.js is given (`DISCORD_API_URL`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** Whether the bot's gateway connection is open right now. */
  get connected(): boolean {
    return this.socket?.readyState === 1;
  }

  get connections(): number {
    return this.connectionQueries.length;
  }

  /** Answers the next matching request with 429 and `retry_after` (and the rate-limit headers discord.js reads). */
  rateLimitOnce(method: string, path: RegExp, retryAfterSec = 0.25): void {
    const after = String(retryAfterSec);
    this.answerOnce(method, path, 429, { message: 'You are being rate limited.', retry_after: retryAfterSec, global: false }, {
      'retry-after': after,
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Date.now() / 1000 + retryAfterSec),
      'x-ratelimit-reset-after': after,
      'x-ratelimit-bucket': 'fake-bucket',
      'x-ratelimit-scope': 'user',
    });
  }

  /** Answers the next matching request with this status and JSON error (e.g. 403 code 50007). */
  answerOnce(method: string, path: RegExp, status: number, json: unknown, headers: Record<string, string> = {}): void {
    this.canned.push({ method, path, status, json, headers });
  }

  /** Sends a dispatch event (op 0) with the next sequence number. */
  dispatch(t: string, d: unknown): void {
    if (!this.socket) throw new Error(`no gateway connection to dispatch ${t} on`);
    this.send({ op: 0, t, s: ++this.seq, d });
  }

  /**
   * Drops the gateway connection: `terminate` cuts the TCP connection (code
   * 1006, discord.js resumes); a close code from Discord's table (e.g. 4000)
   * closes it cleanly; 1000 makes discord.js identify from scratch.
   */
  dropConnection(how: 'terminate' | number = 'terminate'): void {
    const ws = this.socket;
    this.socket = null;
    if (!ws) return;
    if (how === 'terminate') ws.terminate();
    else ws.close(how, 'fake discord closed the connection');
  }

  /** Polls `probe` until it returns something (not undefined/false), at most `timeoutMs`. */
  async waitFor<T>(what: string, probe: () => T | undefined | false | null, timeoutMs = 5_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (let i = 0; i < 10_000; i++) {
      const v = probe();
      if (v !== undefined && v !== false && v !== null) return v;
      if (Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`fake Discord: timed out after ${timeoutMs} ms waiting for ${what}`);
  }

  /** Requests matching method and path, in order. */
  find(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** Waits for the `n`-th (1-based) request matching method and path. */
  waitForRequest(method: string, path: RegExp, n = 1, timeoutMs = 5_000): Promise<RecordedRequest> {
    return this.waitFor(`${method} ${path} #${n}`, () => this.find(method, path)[n - 1], timeoutMs);
  }

  /** Waits for the bot to be identified or resumed on connection number `n`. */
  waitForSession(n: number, timeoutMs = 10_000): Promise<'identify' | 'resume'> {
    return this.waitFor(`session on connection ${n}`, () => {
      const f = this.received.find((r) => r.connection === n && (r.frame.op === 2 || r.frame.op === 6));
      return f ? (f.frame.op === 2 ? 'identify' : 'resume') : undefined;
    }, timeoutMs);
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ── gateway ───────────────────────────────────────────────────────────────

  private send(frame: GatewayFrame): void {
    this.socket?.send(JSON.stringify(frame));
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    this.connectionQueries.push(new URL(req.url ?? '/', 'ws://127.0.0.1').searchParams);
    const connection = this.connectionQueries.length;
    this.socket?.terminate();
    this.socket = ws;
    ws.on('message', (raw) => {
      let frame: GatewayFrame;
      try {
        frame = JSON.parse(String(raw)) as GatewayFrame;
      } catch {
        ws.close(4002, 'Error while decoding payload.');
        return;
      }
      this.received.push({ connection, frame });
      if (ws === this.socket) this.onFrame(frame);
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs } }));
  }

  private onFrame(frame: GatewayFrame): void {
    switch (frame.op) {
      case 1:
        this.send({ op: 11, d: null });
        break;
      case 2: {
        this.seq = 0;
        const ready = fixture<Json>('ready.json');
        this.dispatch('READY', { ...ready, session_id: this.sessionId, resume_gateway_url: this.gatewayUrl });
        this.dispatch('GUILD_CREATE', fixture<Json>('guild-create.json'));
        break;
      }
      case 6: {
        const d = frame.d as { session_id?: string };
        if (d.session_id === this.sessionId) this.dispatch('RESUMED', {});
        else this.send({ op: 9, d: false });
        break;
      }
      default:
        break;
    }
  }

  // ── REST ──────────────────────────────────────────────────────────────────

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const pathname = decodeURIComponent(url.pathname);
    const path = pathname.startsWith(PREFIX) ? pathname.slice(PREFIX.length) : pathname;
    let body: unknown = null;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const record: RecordedRequest = { method, path, query: url.searchParams, body, headers: req.headers, status: 0, at: Date.now(), raw: bytes };
    this.requests.push(record);
    const reply = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
      res.end(json === undefined ? undefined : JSON.stringify(json));
    };

    const cannedAt = this.canned.findIndex((r) => r.method === method && r.path.test(path));
    if (cannedAt >= 0) {
      const c = this.canned.splice(cannedAt, 1)[0]!;
      return reply(c.status, c.json, c.headers);
    }

    const answer = this.route(method, path, body);
    if (!answer) return reply(404, { message: '404: Not Found', code: 0 });
    return reply(answer.status, answer.json);
  }

  private route(method: string, path: string, body: unknown): { status: number; json?: unknown } | null {
    const b = (body ?? {}) as Json;
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return { status: 200, json: { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } } };
    }
    if (method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      return { status: 204 };
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/.exec(path))) {
      const token = m[2]!;
      if (method === 'DELETE') {
        this.originals.delete(token);
        return { status: 204 };
      }
      if (method === 'PATCH') {
        const id = this.originals.get(token) ?? nextSnowflake();
        this.originals.set(token, id);
        return { status: 200, json: this.message(id, String(b.channel_id ?? '0'), b, { webhook_id: m[1] }) };
      }
      if (method === 'GET') {
        const id = this.originals.get(token);
        return id ? { status: 200, json: this.messages.get(id) } : { status: 404, json: { message: 'Unknown Message', code: 10008 } };
      }
    }
    if (method === 'POST' && (m = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path))) {
      return { status: 200, json: this.message(nextSnowflake(), '0', b, { webhook_id: m[1] }) };
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      const user = String(b.recipient_id ?? '');
      if (!/^\d+$/.test(user)) return { status: 400, json: { message: 'Invalid Form Body', code: 50035 } };
      const id = this.dmChannels.get(user) ?? nextSnowflake();
      this.dmChannels.set(user, id);
      return {
        status: 200,
        json: { id, type: 1, last_message_id: null, flags: 0, recipients: [{ id: user, username: `user${user.slice(-4)}`, global_name: null, avatar: null, discriminator: '0', public_flags: 0 }] },
      };
    }
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      // enforce_nonce: a repeat of a nonce within the window gets the first message back, not a new one.
      const nonce = typeof b.nonce === 'string' || typeof b.nonce === 'number' ? `${m[1]}:${String(b.nonce)}` : null;
      const earlier = nonce && b.enforce_nonce === true ? this.nonces.get(nonce) : undefined;
      if (earlier && Date.now() - earlier.at < this.nonceWindowMs) return { status: 200, json: this.messages.get(earlier.id) };
      const msg = this.message(nextSnowflake(), m[1]!, b);
      if (nonce) this.nonces.set(nonce, { id: msg.id as string, at: Date.now() });
      return { status: 200, json: { ...msg, ...(nonce ? { nonce: b.nonce } : {}) } };
    }
    if (method === 'GET' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      // Newest first, without nonces (Discord returns them only when a message is created).
      const inChannel = [...this.messages.values()].filter((x) => x.channel_id === m![1]).reverse();
      return { status: 200, json: inChannel.slice(0, 50) };
    }
    if (method === 'PUT' && (m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      const list = Array.isArray(body) ? (body as Json[]) : [];
      return {
        status: 200,
        json: list.map((c) => ({ ...c, id: nextSnowflake(), application_id: m![1], version: nextSnowflake(), default_member_permissions: null, ...(m![2] ? { guild_id: m![2] } : {}) })),
      };
    }
    return null;
  }

  private message(id: string, channelId: string, b: Json, extra: Json = {}): Json {
    const msg: Json = {
      id,
      channel_id: channelId,
      author: BOT_USER,
      content: typeof b.content === 'string' ? b.content : '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      flags: typeof b.flags === 'number' ? b.flags : 0,
      components: Array.isArray(b.components) ? b.components : [],
      ...extra,
    };
    this.messages.set(id, msg);
    return msg;
  }
}
