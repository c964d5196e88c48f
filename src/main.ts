/**
 * The process entry: reads configuration once, picks the subcommand and runs
 * it. Subcommands that run the coach hand the configuration to the
 * composition root (src/app/root.ts), which builds the engines and adapters
 * and shuts them down on SIGINT/SIGTERM.
 */
import { PathwiseError, UserError } from './core/errors.ts';
import { write, type CliCommand, type CliIo } from './cli/cli.ts';
import { CLI_COMMANDS } from './cli/registry.ts';

function helpText(commands: CliCommand[]): string {
  return [
    'Pathwise: a learning coach that understands a goal, plans a path of real resources,',
    'tracks what you know from quiz answers, and shows up daily with tasks and reviews.',
    '',
    'Usage:',
    ...commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '  pathwise help',
    '      show this help',
    '',
    'Start with: pathwise chat   (or npm start)',
  ].join('\n');
}

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
  const found = resolveCommand(argv, commands);
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

const isEntry = process.argv[1] !== undefined && /bin[\\/]pathwise(\.js)?$|src[\\/]main\.ts$/.test(process.argv[1]);
if (isEntry) {
  const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
  process.exitCode = code;
}
