/**
 * The process entry: reads configuration once, picks the subcommand and runs
 * it. Subcommands that run the coach hand the configuration to the
 * composition root (src/app/root.ts), which builds the engines and adapters
 * and shuts them down on SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PathwiseError, UserError } from './core/errors.ts';
import { write, type CliCommand, type CliIo } from './cli/cli.ts';
import { CLI_COMMANDS } from './cli/registry.ts';
import { PACKAGE_ROOT } from './package-root.ts';

function helpText(commands: CliCommand[]): string {
  return [
    'Pathwise: a learning coach that understands a goal, plans a path of real resources,',
    'tracks what you know from quiz answers, and shows up daily with tasks and reviews.',
    '',
    'Usage:',
    ...commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '  pathwise help | pathwise <command> --help',
    '      show this help, or one command\'s',
    '  pathwise --version',
    '      show the version',
    '',
    'Start with: pathwise chat   (or npm start)',
  ].join('\n');
}

/** The usage of `commands`, for `pathwise <command> --help`. */
function commandHelp(commands: CliCommand[]): string {
  return ['Usage:', ...commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`])].join('\n');
}

/** The version in package.json. */
export function version(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

const HELP_FLAGS = new Set(['--help', '-h']);

/** Finds the command whose path is the longest prefix of argv. */
export function resolveCommand(argv: string[], commands: CliCommand[]): { command: CliCommand; args: string[] } | null {
  let best: { command: CliCommand; args: string[] } | null = null;
  for (const c of commands) {
    if (c.path.every((w, i) => argv[i] === w) && (!best || c.path.length > best.command.path.length)) {
      best = { command: c, args: argv.slice(c.path.length) };
    }
  }
  return best;
}

/** Runs one CLI invocation; `env` defaults to the process environment (read in src/config.ts). */
export async function runCli(argv: string[], io: CliIo, env?: NodeJS.ProcessEnv): Promise<number> {
  const commands = CLI_COMMANDS;
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    write(io.stdout, helpText(commands));
    return 0;
  }
  if (argv[0] === '--version' || argv[0] === '-V' || argv[0] === 'version') {
    write(io.stdout, `pathwise ${version()}`);
    return 0;
  }
  const found = resolveCommand(argv, commands);
  // `pathwise <command> --help` (also for a group such as `pathwise kt --help`): its usage, and its sub-commands'.
  if (argv.some((a) => HELP_FLAGS.has(a))) {
    const words = found ? found.command.path : argv.slice(0, argv.findIndex((a) => HELP_FLAGS.has(a)));
    const group = commands.filter((c) => words.every((w, i) => c.path[i] === w));
    if (words.length > 0 && group.length > 0) {
      write(io.stdout, commandHelp(group));
      return 0;
    }
  }
  if (!found) {
    write(io.stderr, `Unknown command: pathwise ${argv.join(' ')}\n\n${helpText(commands)}`);
    return 2;
  }
  const { loadConfig, ConfigError } = await import('./config.ts');
  try {
    const config = loadConfig(env);
    return await found.command.run(found.args, io, config);
  } catch (err) {
    if (err instanceof UserError || err instanceof ConfigError) {
      write(io.stderr, `✖ ${err.message}`);
      return 2;
    }
    const code = err instanceof PathwiseError ? ` [${err.code}]` : '';
    write(io.stderr, `✖ pathwise ${found.command.path.join(' ')} failed${code}: ${(err as Error).message}`);
    return 1;
  }
}

/** Commands (by path) that run until stopped; `slack manifest` or `discord register` print and end. */
const LONG_RUNNING = new Set(['chat', 'worker', 'slack', 'discord']);

/** How long a finished command's process may linger before it is ended. */
const EXIT_GRACE_MS = 500;

const isEntry = process.argv[1] !== undefined && /bin[\\/]pathwise(\.js)?$|src[\\/]main\.ts$/.test(process.argv[1]);
if (isEntry) {
  // A reader that stops early (`pathwise roadmaps stats --json | head -c 200`)
  // closes the pipe: for a command that prints an answer that is the reader's
  // choice, not a failure, so it ends quietly, as `cat` does. The long-running
  // roles (chat, worker, the Slack and Discord servers) keep the default: a
  // closed output fails the process (non-zero), so a supervisor restarts it.
  const command = resolveCommand(process.argv.slice(2), CLI_COMMANDS)?.command;
  if (!command || !LONG_RUNNING.has(command.path.join(' '))) {
    for (const stream of [process.stdout, process.stderr]) {
      stream.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'EPIPE') process.exit(0);
        throw err;
      });
    }
  }
  const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
  process.exitCode = code;
  // The command has finished (a server role has run its whole shutdown). A
  // library timer still pending would keep the process alive for nothing:
  // discord.js, stopped while the gateway is unreachable, keeps retrying the
  // connection every 0.5 s. Exit once anything still writing has had a moment.
  setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
}
