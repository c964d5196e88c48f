/**
 * Slack's Socket Mode endpoint on loopback: a minimal WebSocket server (RFC
 * 6455 handshake, text/ping/close frames) that says `hello`, pushes envelopes
 * as Slack does (`events_api`, `slash_commands`, `interactive`) and records
 * the acknowledgements the real SocketModeClient sends back
 * (`{ envelope_id, payload }`).
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (len >= 126 && len < 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(len, 2);
  } else if (len >= 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([head, payload]);
}

/** Reads complete client frames (always masked) from the front of `buf`. */
function readFrames(buf: Buffer): { frames: { opcode: number; payload: Buffer }[]; rest: Buffer } {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let off = 0;
  while (buf.length - off >= 2) {
    const opcode = buf[off]! & 0x0f;
    let len = buf[off + 1]! & 0x7f;
    let p = off + 2;
    if (len === 126) {
      if (buf.length < p + 2) break;
      len = buf.readUInt16BE(p);
      p += 2;
    } else if (len === 127) {
      if (buf.length < p + 8) break;
      len = Number(buf.readBigUInt64BE(p));
      p += 8;
    }
    if (buf.length < p + 4 + len) break;
    const mask = buf.subarray(p, p + 4);
    const payload = Buffer.from(buf.subarray(p + 4, p + 4 + len));
    for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
    frames.push({ opcode, payload });
    off = p + 4 + len;
  }
  return { frames, rest: buf.subarray(off) };
}

export class FakeSocketMode {
  /** Every acknowledgement the client sent, in order. */
  readonly acks: { envelope_id: string; payload?: unknown }[] = [];
  private server: Server | null = null;
  private socket: Duplex | null = null;
  private port = 0;
  private envelopes = 0;

  get url(): string {
    return `ws://127.0.0.1:${this.port}/link/?ticket=test-ticket`;
  }

  get connected(): boolean {
    return this.socket !== null;
  }

  async start(): Promise<this> {
    this.server = createServer((_req, res) => {
      res.writeHead(426);
      res.end();
    });
    this.server.on('upgrade', (req, socket) => {
      const key = req.headers['sec-websocket-key'];
      const accept = createHash('sha1').update(`${String(key)}${GUID}`).digest('base64');
      socket.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'));
      this.socket = socket;
      let pending: Buffer = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        const { frames, rest } = readFrames(Buffer.concat([pending, chunk]));
        pending = rest;
        for (const f of frames) {
          if (f.opcode === 0x1) this.acks.push(JSON.parse(f.payload.toString('utf8')) as { envelope_id: string });
          else if (f.opcode === 0x9) socket.write(frame(0xa, f.payload));
          else if (f.opcode === 0x8) socket.end(frame(0x8, Buffer.alloc(0)));
        }
      });
      socket.on('close', () => {
        if (this.socket === socket) this.socket = null;
      });
      socket.on('error', () => undefined);
      this.sendJson({ type: 'hello', num_connections: 1, debug_info: { host: 'applink-test', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0PATHWISE' } });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : 0;
    return this;
  }

  private sendJson(message: unknown): void {
    if (!this.socket) throw new Error('no Socket Mode client connected');
    this.socket.write(frame(0x1, Buffer.from(JSON.stringify(message), 'utf8')));
  }

  /** Pushes an envelope as Slack does; returns its envelope id. */
  push(type: 'events_api' | 'slash_commands' | 'interactive', payload: unknown): string {
    this.envelopes += 1;
    const envelope_id = `env-${this.envelopes}-57d6c5a4`;
    this.sendJson({ envelope_id, payload, type, accepts_response_payload: type !== 'events_api', ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}) });
    return envelope_id;
  }

  async stop(): Promise<void> {
    this.socket?.destroy();
    this.socket = null;
    const s = this.server;
    this.server = null;
    if (s) {
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
  }
}
