/**
 * Shape of a `pathwise` subcommand. Each lives in its own file under
 * src/cli/ and is listed once in src/cli/registry.ts.
 */
import type { Config } from '../config.ts';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

export interface CliCommand {
  /** Words after `pathwise`, e.g. ["roadmaps", "check"]. */
  path: string[];
  usage: string;
  summary: string;
  /** Returns the process exit code. */
  run(args: string[], io: CliIo, config: Config): Promise<number>;
}

export function write(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : text + '\n');
}
