/**
 * A stand-in for the chat platform on loopback: an HTTP server on 127.0.0.1
 * that records every message it accepts, and an HTTP {@link ChatGateway}
 * that talks to it the way a platform gateway would (429 + Retry-After →
 * RateLimitedError, 5xx → a transient error the queue retries).
 */
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConversationRef, Reply } from '../../src/core/chat/messages.ts';
import { RateLimitedError } from '../../src/core/errors.ts';
import { seededRng } from '../../src/core/random.ts';
import type { ChatGateway, SendOptions } from '../../src/core/ports/chat.port.ts';

export interface RecordedMessage {
  to: ConversationRef;
  text: string;
  /** The delivery's idempotency tag, as a platform keeps it (Slack metadata, Discord nonce). */
  tag?: string;
}

export class ChatRecorder {
  readonly messages: RecordedMessage[] = [];
  /** How many times each message text was received. */
  readonly counts = new Map<string, number>();
  /** Random latency of each accepted message, [min, max] ms, like a platform's (the message counts as taken before the answer). */
  latencyMs: [number, number] = [0, 0];
  /** Seeded, so a failing run can be replayed. */
  private readonly rng = seededRng(17);
  /** Answers queued for the next requests (e.g. 500, or 429 with Retry-After seconds); 200 when empty. */
  readonly script: { status: number; retryAfterS?: number }[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'GET') {
          // The platform's history, asked for a message carrying a tag (settling a crashed send).
          const tag = new URL(req.url ?? '/', 'http://x').searchParams.get('tag');
          const i = this.messages.findIndex((m) => m.tag !== undefined && m.tag === tag);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(i >= 0 ? { messageId: `m${i + 1}` } : null));
          return;
        }
        const next = this.script.shift();
        if (next && next.status !== 200) {
          const headers: Record<string, string> = next.retryAfterS !== undefined ? { 'retry-after': String(next.retryAfterS) } : {};
          res.writeHead(next.status, headers).end();
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedMessage;
        this.messages.push(body);
        this.counts.set(body.text, (this.counts.get(body.text) ?? 0) + 1);
        const id = `m${this.messages.length}`;
        const [lo, hi] = this.latencyMs;
        setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ messageId: id })), lo + this.rng() * (hi - lo));
      });
    });
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/send`;
    return this.url;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}

/** The text of a reply, as the recorder stores it. */
export function replyText(reply: Reply): string {
  return reply.blocks.map((b) => (b.kind === 'text' ? b.text : '')).join('\n');
}

/** A ChatGateway that posts to a {@link ChatRecorder} over kept-alive loopback connections. */
export class HttpChatGateway implements ChatGateway {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  constructor(private readonly url: string) {}

  send(to: ConversationRef, reply: Reply, opts?: SendOptions): Promise<{ messageId?: string }> {
    const body = JSON.stringify({ to, text: replyText(reply), ...(opts?.idempotencyKey ? { tag: opts.idempotencyKey } : {}) } satisfies RecordedMessage);
    return this.call('POST', this.url, body) as Promise<{ messageId?: string }>;
  }

  async findSent(_to: ConversationRef, sent: { idempotencyKey: string }): Promise<{ messageId?: string } | null> {
    return (await this.call('GET', `${this.url}?tag=${encodeURIComponent(sent.idempotencyKey)}`)) as { messageId?: string } | null;
  }

  private call(method: 'GET' | 'POST', url: string, body = ''): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const req = request(url, { method, agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status === 429) return reject(new RateLimitedError(Number(res.headers['retry-after'] ?? '1') * 1000));
          if (status < 200 || status >= 300) return reject(new Error(`chat platform answered ${status}`));
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
