/**
 * The loopback chat-platform stand-in as a process of its own (as the real
 * platform is): `node bin/run-ts.js test/support/recorder-process.ts` prints
 * `{"url": ...}` once listening on 127.0.0.1; POST /send records a message,
 * GET /counts returns how many times each message text arrived. Exits on
 * SIGTERM or when its parent's stdin closes. With `--limit N` it enforces a
 * platform's rate limit, as Discord does: more than N messages in any second
 * get 429 with Retry-After, counted in `rejected`.
 */
import { createServer } from 'node:http';
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
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url?.startsWith('/send?tag=')) {
    // Was a message with this delivery tag taken? (settling a crashed send)
    const tag = new URL(req.url, 'http://x').searchParams.get('tag') ?? '';
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(tags.has(tag) ? { messageId: tags.get(tag) } : null));
    return;
  }
  if (req.method === 'GET' && req.url === '/counts') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ total, rejected, cpuSeconds: cpuSeconds(), counts: Object.fromEntries(counts) }));
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const now = Date.now();
    while (recent.length > 0 && recent[0]! <= now - 1000) recent.shift();
    if (recent.length >= limit) {
      rejected++;
      res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"message":"You are being rate limited.","retry_after":1}');
      return;
    }
    recent.push(now);
    const { text, tag } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text: string; tag?: string };
    counts.set(text, (counts.get(text) ?? 0) + 1);
    total++;
    if (tag) tags.set(tag, `m${total}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end(`{"messageId":"m${total}"}`);
  });
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }) + '\n');
});
const quit = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', quit);
process.stdin.on('end', quit);
process.stdin.resume();
