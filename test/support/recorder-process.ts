/**
 * The loopback chat-platform stand-in as a process of its own (as the real
 * platform is): `node bin/run-ts.js test/support/recorder-process.ts` prints
 * `{"url": ...}` once listening on 127.0.0.1; POST /send records a message,
 * GET /counts returns how many times each message text arrived (and this
 * process's CPU seconds). Exits on SIGTERM or when its parent's stdin closes.
 * With `--limit N` it enforces a platform's rate limit, as Discord does: more
 * than N messages in any second get 429 with Retry-After, counted in
 * `rejected`.
 *
 * It speaks just enough HTTP/1.1 over `node:net` for its clients (requests
 * with a Content-Length or no body, kept-alive connections, pipelining)
 * instead of using `node:http`: the real platform costs the worker's machine
 * nothing, while on the fan-out bench's two shared cores every CPU second
 * spent here is taken from the worker and Redis being measured (20,000
 * messages from 50 kept-alive connections: about 0.45 s of CPU here against
 * 0.65 s with node:http; the rest is the kernel's share of each request).
 */
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

const counts = new Map<string, number>();
let total = 0;
let rejected = 0;
const limitAt = process.argv.indexOf('--limit');
const limit = limitAt >= 0 ? Number(process.argv[limitAt + 1]) : Infinity;
const recent: number[] = [];
const tags = new Map<string, string>();

/** CPU this process has used, in seconds (the bench adds it to a phase's cost). */
const cpuSeconds = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

const REASONS: Record<number, string> = { 200: 'OK', 400: 'Bad Request', 404: 'Not Found', 429: 'Too Many Requests' };
function respond(socket: Socket, status: number, body: string, extra = ''): void {
  socket.write(`HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`);
}

/** Answers one request; what the platform would. */
function handle(socket: Socket, method: string, target: string, body: Buffer): void {
  if (method === 'GET' && target.startsWith('/send?tag=')) {
    // Was a message with this delivery tag taken? (settling a crashed send)
    const tag = new URL(target, 'http://x').searchParams.get('tag') ?? '';
    respond(socket, 200, JSON.stringify(tags.has(tag) ? { messageId: tags.get(tag) } : null));
    return;
  }
  if (method === 'GET' && target === '/counts') {
    respond(socket, 200, JSON.stringify({ total, rejected, cpuSeconds: cpuSeconds(), counts: Object.fromEntries(counts) }));
    return;
  }
  if (method !== 'POST') return respond(socket, 404, 'null');
  const now = Date.now();
  while (recent.length > 0 && recent[0]! <= now - 1000) recent.shift();
  if (recent.length >= limit) {
    rejected++;
    respond(socket, 429, '{"message":"You are being rate limited.","retry_after":1}', 'retry-after: 1\r\n');
    return;
  }
  recent.push(now);
  const { text, tag } = JSON.parse(body.toString('utf8')) as { text: string; tag?: string };
  counts.set(text, (counts.get(text) ?? 0) + 1);
  total++;
  if (tag) tags.set(tag, `m${total}`);
  respond(socket, 200, `{"messageId":"m${total}"}`);
}

const HEADERS_END = Buffer.from('\r\n\r\n');
const sockets = new Set<Socket>();
const server = createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  socket.on('error', () => socket.destroy());
  let pending: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    // Every complete request in the buffer, in order (a client may pipeline).
    for (;;) {
      const end = pending.indexOf(HEADERS_END);
      if (end < 0) return;
      const head = pending.subarray(0, end).toString('latin1').split('\r\n');
      const [method = '', target = ''] = head[0]!.split(' ');
      let length = 0;
      let close = false;
      for (const line of head.slice(1)) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (name === 'content-length') length = Number(value);
        else if (name === 'connection') close = value.toLowerCase() === 'close';
        else if (name === 'transfer-encoding') {
          // Not needed by its clients; refuse rather than misread the stream.
          respond(socket, 400, 'null', 'connection: close\r\n');
          socket.end();
          return;
        }
      }
      if (pending.length < end + 4 + length) return;
      const body = pending.subarray(end + 4, end + 4 + length);
      pending = pending.subarray(end + 4 + length);
      handle(socket, method, target, body);
      if (close) {
        socket.end();
        return;
      }
    }
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }) + '\n');
});
const quit = () => {
  for (const s of sockets) s.destroy();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', quit);
process.stdin.on('end', quit);
process.stdin.resume();
