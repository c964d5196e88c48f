import { userInfo } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../app/build-app.ts';
import { TerminalChat } from '../adapters/terminal/terminal.adapter.ts';
import type { ConversationRef } from '../core/chat/messages.ts';
import { write, type CliCommand } from './cli.ts';

function localUser(): string {
  try {
    return userInfo().username.replace(/[^\w.-]/g, '') || 'me';
  } catch {
    return 'me';
  }
}

/**
 * `pathwise chat` (what `npm start` runs): a conversation with the coach in
 * the terminal, state in config.dataDir. Daily tasks and due reviews arrive
 * while it is open. Ends at end of input or on SIGINT/SIGTERM, closing the
 * scheduler and the store cleanly.
 */
export const chat: CliCommand = {
  path: ['chat'],
  usage: 'pathwise chat',
  summary: 'talk to your coach in the terminal (state in ./.pathwise or PATHWISE_DATA_DIR)',
  async run(_args, io, config) {
    const interactive = Boolean((io.stdin as { isTTY?: boolean }).isTTY && (io.stdout as { isTTY?: boolean }).isTTY);
    const ref: ConversationRef = { platform: 'terminal', workspace: 'local', channel: 'terminal', user: localUser() };
    const terminal = new TerminalChat({ input: io.stdin, output: io.stdout, ref, interactive, filesDir: join(config.dataDir, 'files') });
    const app = await buildApp(config, terminal);
    const stop = () => terminal.close();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      await app.startJobs();
      if (interactive) write(io.stdout, `Pathwise: your learning coach. Say hi, or type "help". (Ctrl+C or Ctrl+D to leave; data in ${config.dataDir})\n`);
      await terminal.run((event) => app.coach.handle(event));
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await app.close();
    }
    return 0;
  },
};
