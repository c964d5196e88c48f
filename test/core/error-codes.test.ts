/**
 * The error-code catalogue (src/core/errors.ts): closed, each code with its
 * meaning, and the codes the command line answers with are the merged ones.
 */
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, isErrorCode, UserError } from '../../src/core/errors.ts';
import { runCli } from '../../src/main.ts';
import { memoryIo } from '../support/cli-io.ts';

describe('error codes', () => {
  it('names each code once, in UPPER_SNAKE, with a one-line meaning', () => {
    for (const [code, meaning] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(meaning.length).toBeGreaterThan(10);
      expect(meaning).not.toContain('\n');
    }
    expect(isErrorCode('USAGE')).toBe(true);
    // The old synonyms are gone.
    for (const old of ['BAD_ARGS', 'BAD_ARGUMENTS', 'JOBS_NEED_REDIS', 'WORKER_NEEDS_REDIS', 'UNEXPECTED']) expect(isErrorCode(old)).toBe(false);
  });

  it('types the code, so a misspelt code does not compile', () => {
    // @ts-expect-error: 'BAD_ARG' is not in the catalogue.
    expect(new UserError('BAD_ARG', 'x').code).toBe('BAD_ARG');
  });

  it('answers a wrong argument as a usage error (exit 2, says what is wrong), whichever subcommand it is', async () => {
    const cases: [string[], RegExp][] = [
      [['plan', '--bogus'], /Usage: pathwise plan/],
      [['discord', 'serve', 'now'], /usage: pathwise discord/],
      [['jobs', 'failed', '--limit', 'x'], /--limit needs a whole number/],
    ];
    for (const [argv, says] of cases) {
      const t = memoryIo();
      expect(await runCli(argv, t.io, {})).toBe(2);
      expect(t.err()).toMatch(says);
    }
  });
});
