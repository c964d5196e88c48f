/**
 * `pathwise --version` and `pathwise <command> --help`: every subcommand
 * answers with its usage and exit 0, without starting anything.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config.ts';
import { runCli } from '../../src/main.ts';
import { memoryIo } from '../support/cli-io.ts';

describe('pathwise --version and --help', () => {
  it('prints the version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const t = memoryIo();
      expect(await runCli([flag], t.io, {})).toBe(0);
      expect(t.out().trim()).toBe(`pathwise ${version}`);
    }
  });

  it('answers --help for every subcommand and group with its usage, exit 0, and starts nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['chat', '--help'], /pathwise chat/],
      [['goal', '--help'], /pathwise goal \[--json\]/],
      [['plan', '--help'], /pathwise plan --goal <id>/],
      [['worker', '--help'], /pathwise worker/],
      [['slack', '--help'], /pathwise slack \[serve\][\s\S]*pathwise slack manifest/],
      [['discord', '-h'], /pathwise discord \[serve\][\s\S]*pathwise discord register/],
      [['jobs', '--help'], /pathwise jobs failed[\s\S]*pathwise jobs retry[\s\S]*pathwise jobs drop/],
      [['jobs', 'retry', '--help'], /pathwise jobs retry <id>\|--all/],
      [['kt', '--help'], /pathwise kt fit[\s\S]*pathwise kt eval/],
      [['kt', 'fit', '--help'], /pathwise kt fit --data/],
      [['simulate', '--help'], /pathwise simulate --policy[\s\S]*pathwise simulate train --seed/],
      [['roadmaps', '--help'], /pathwise roadmaps check \[dir\]/],
    ];
    for (const [argv, usage] of cases) {
      const t = memoryIo();
      // No REDIS_URL, no tokens: a command that ran would fail; --help must not run it.
      expect(await runCli(argv, t.io, {}), argv.join(' ')).toBe(0);
      expect(t.out()).toMatch(/^Usage:/);
      expect(t.out()).toMatch(usage);
      expect(t.err()).toBe('');
    }
  });

  it('still refuses an unknown command asking for help', async () => {
    const t = memoryIo();
    expect(await runCli(['frobnicate', '--help'], t.io, {})).toBe(2);
    expect(t.err()).toContain('Unknown command');
  });
});
