/**
 * Shape of a `pathwise` subcommand. Each lives in its own file under
 * src/cli/ and is listed once in src/cli/registry.ts.
 */
import type { ProcessIo } from '../app/io.ts';
import type { Config } from '../config.ts';

export { write } from '../app/io.ts';
export type CliIo = ProcessIo;

export interface CliCommand {
  /** Words after `pathwise`, e.g. ["roadmaps", "check"]. */
  path: string[];
  usage: string;
  summary: string;
  /** Returns the process exit code. */
  run(args: string[], io: CliIo, config: Config): Promise<number>;
}
