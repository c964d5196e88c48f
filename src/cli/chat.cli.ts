import type { CliCommand } from './cli.ts';

/**
 * `pathwise chat` (what `npm start` runs): a conversation with the coach in
 * the terminal, state in config.dataDir. Daily tasks and due reviews arrive
 * while it is open. Ends at end of input or on SIGINT/SIGTERM, closing the
 * scheduler and the store cleanly (src/app/root.ts).
 */
export const chat: CliCommand = {
  path: ['chat'],
  usage: 'pathwise chat',
  summary: 'talk to your coach in the terminal (state in ./.pathwise or PATHWISE_DATA_DIR)',
  async run(_args, io, config) {
    const { runUntilStopped, startChat } = await import('../app/root.ts');
    return runUntilStopped(await startChat(config, io));
  },
};
