import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/main.ts';
import { loadConfig } from '../../src/config.ts';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  return { io: { stdout, stderr, stdin: new PassThrough() }, out: () => out, err: () => err };
}

describe('pathwise CLI', () => {
  it('lists what Pathwise can do when run without arguments', async () => {
    const t = io();
    expect(await runCli([], t.io, {})).toBe(0);
    expect(t.out()).toContain('pathwise roadmaps check');
  });

  it('an unknown subcommand exits 2 and shows the help', async () => {
    const t = io();
    expect(await runCli(['frobnicate'], t.io, {})).toBe(2);
    expect(t.err()).toContain('Unknown command: pathwise frobnicate');
    expect(t.err()).toContain('Usage:');
  });

  it('refuses invalid configuration naming the variable, never its value', () => {
    expect(() => loadConfig({ PATHWISE_LOG_LEVEL: 'sekrit-value' })).toThrow(/PATHWISE_LOG_LEVEL/);
    try {
      loadConfig({ PATHWISE_LOG_LEVEL: 'sekrit-value' });
    } catch (e) {
      expect((e as Error).message).not.toContain('sekrit-value');
    }
  });
});
