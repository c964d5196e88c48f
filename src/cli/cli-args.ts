/**
 * Option parsing shared by the subcommands that take `--name value` options
 * (plan, simulate, simulate train): node:util's strict parser, with a bad or
 * unknown option turned into a {@link UserError} that shows the usage.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '../core/errors.ts';

/** `args` parsed against `options`, no stray words; a parse error is a USAGE error followed by `usage`. */
export function strictArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (cause) {
    throw new UserError('USAGE', `${(cause as Error).message}\nUsage: ${usage}`, { cause });
  }
}

/** A repeatable option's values, each also split at commas ("--goal a,b --goal c" → a, b, c). */
export function listArg(v: string[] | undefined): string[] {
  return (v ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');
}

/** `raw` as a whole number of at least `min`, `fallback` when absent; anything else is a USAGE error naming the option. */
export function wholeNumberArg(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new UserError('USAGE', `--${name} must be a whole number ≥ ${min}, got "${raw}".`);
  return n;
}
