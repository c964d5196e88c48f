import type { CliCommand } from './cli.ts';
import { goalCommand } from './goal.cli.ts';
import { roadmapsCheck } from './roadmaps-check.cli.ts';

/** Every `pathwise` subcommand, in the order `pathwise help` lists them. */
export const CLI_COMMANDS: CliCommand[] = [roadmapsCheck, goalCommand];
