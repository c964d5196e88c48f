/**
 * The loopback chat-platform stand-in as a process of its own (as the real
 * platform is): `node bin/run-ts.js test/support/recorder-process.ts` prints
 * `{"url": ...}` once listening on 127.0.0.1; POST /send records a message,
 * GET /counts returns how many times each message text arrived. Exits on
 * SIGTERM or when its parent's stdin closes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const counts = new Map<string, number>();
let total = 0;
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/counts') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ total, counts: Object.fromEntries(counts) }));
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const { text } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text: string };
    counts.set(text, (counts.get(text) ?? 0) + 1);
    total++;
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
