/**
 * Options shared by `pathwise kt fit` and `pathwise kt eval`, parsed with
 * node:util's strict parser; a bad or unknown option is a {@link UserError}.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_EM_OPTIONS, type EmOptions } from '../core/kt/em.ts';
import { ContentError, formatIssue, UserError } from '../core/errors.ts';
import type { KtRunSettings } from '../kt/kt-run.ts';
import { write } from './cli.ts';

export const EM_ARG_OPTIONS = {
  forgets: { type: 'boolean' },
  seed: { type: 'string' },
  restarts: { type: 'string' },
  threads: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const EM_ARG_USAGE = '[--forgets] [--seed N] [--restarts N] [--threads N|auto]';

/** Parses `args` against `options`; unknown options and stray words are user errors. */
export function parseKtArgs<O extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UserError('USAGE', `pathwise ${command}: ${(err as Error).message}`);
  }
}

/** Fit settings from the shared options; defaults from DEFAULT_EM_OPTIONS. */
export function runSettings(command: string, v: { forgets?: boolean; seed?: string; restarts?: string; threads?: string }): KtRunSettings {
  const em: EmOptions = {
    ...DEFAULT_EM_OPTIONS,
    forgets: v.forgets ?? false,
    seed: intArg(command, 'seed', v.seed, DEFAULT_EM_OPTIONS.seed, 0),
    restarts: intArg(command, 'restarts', v.restarts, DEFAULT_EM_OPTIONS.restarts, 1),
  };
  return { em, threads: v.threads === undefined || v.threads === 'auto' ? 'auto' : intArg(command, 'threads', v.threads, 1, 1) };
}

export function requireArg(command: string, name: string, value: string | undefined): string {
  if (!value) throw new UserError('USAGE', `pathwise ${command}: --${name} <file> is required`);
  return value;
}

function intArg(command: string, name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new UserError('USAGE', `pathwise ${command}: --${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return n;
}

/** Prints a bad-data error issue by issue (exit 1); rethrows anything else. */
export function reportContentError(err: unknown, stderr: NodeJS.WritableStream): number {
  if (!(err instanceof ContentError)) throw err;
  for (const i of err.issues) write(stderr, formatIssue(i));
  write(stderr, '✖ cannot use this data; nothing was fitted');
  return 1;
}
