/** In-memory stdout/stderr for running `pathwise` commands in tests. */
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/cli.ts';

export function memoryIo(): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdout, stderr, stdin: new PassThrough() }, out: () => out, err: () => err };
}
