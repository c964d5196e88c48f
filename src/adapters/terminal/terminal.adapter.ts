/**
 * The terminal adapter: a local conversation with the coach. Lines typed (or
 * piped) become Incoming events: a number presses the matching button of the
 * last message, `/name args` is a command, anything else is text. Replies and
 * bot-initiated messages (daily task, review prompt) are written to the
 * output. Works without a TTY: lines in, replies out, and {@link TerminalChat.run}
 * resolves at end of input once every reply is written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { Button, ConversationRef, Incoming, Reply } from '../../core/chat/messages.ts';
import type { ChatGateway } from '../../core/ports/chat.port.ts';
import { renderReplies } from './terminal-render.ts';

export interface TerminalChatOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The local learner's conversation reference. */
  ref: ConversationRef;
  /** Show a prompt and redraw it after bot-initiated messages (a TTY). */
  interactive?: boolean;
  /** Where images and files from the coach (charts, data exports) are saved; without it only their names are shown. */
  filesDir?: string;
}

export class TerminalChat implements ChatGateway {
  private buttons: Button[] = [];
  private rl: Interface | null = null;
  private sent = 0;
  private closed = false;

  constructor(private readonly opts: TerminalChatOptions) {}

  get ref(): ConversationRef {
    return this.opts.ref;
  }

  async send(_to: ConversationRef, reply: Reply): Promise<{ messageId?: string }> {
    if (this.closed) throw new Error('terminal chat is closed');
    this.show([reply], true);
    return { messageId: `terminal-${++this.sent}` };
  }

  /** Turns one typed line into an event. */
  toEvent(line: string): Incoming {
    const from = this.opts.ref;
    // The person at the terminal owns the machine: a lead of the local cohorts.
    const roles = { admin: true };
    const trimmed = line.trim();
    if (/^\d{1,2}$/.test(trimmed)) {
      const b = this.buttons[Number(trimmed) - 1];
      if (b) return { kind: 'action', from, roles, action: b.action, value: b.value };
    }
    const slash = /^\/(\S+)\s*([\s\S]*)$/.exec(trimmed);
    if (slash) return { kind: 'command', from, roles, name: slash[1]!.toLowerCase(), text: slash[2]! };
    return { kind: 'text', from, roles, text: line };
  }

  /** Reads lines until end of input (or {@link close}), handing each to `handle` in order. */
  async run(handle: (event: Incoming) => Promise<Reply[]>): Promise<void> {
    const interactive = this.opts.interactive ?? false;
    const rl = createInterface({ input: this.opts.input, ...(interactive ? { output: this.opts.output } : {}), terminal: interactive, crlfDelay: Infinity });
    this.rl = rl;
    if (interactive) {
      // In raw mode Ctrl+C reaches readline, not the process: end the chat the same way.
      rl.on('SIGINT', () => this.close());
      rl.setPrompt('you › ');
      rl.prompt();
    }
    try {
      for await (const line of rl) {
        const replies = await handle(this.toEvent(line));
        this.show(replies, false);
        if (this.opts.interactive && !this.closed) rl.prompt();
      }
    } finally {
      this.rl = null;
      rl.close();
    }
  }

  /** Ends the input loop (SIGINT/SIGTERM); later sends fail so jobs retry instead of vanishing. */
  close(): void {
    this.closed = true;
    this.rl?.close();
  }

  private save(filename: string, bytes: Uint8Array): string {
    const dir = this.opts.filesDir!;
    mkdirSync(dir, { recursive: true });
    const path = join(dir, basename(filename).replace(/[^\w.-]/g, '_') || 'file');
    writeFileSync(path, bytes);
    return path;
  }

  private show(replies: readonly Reply[], fromBot: boolean): void {
    const { text, buttons } = renderReplies(replies, this.opts.filesDir ? (name, bytes) => this.save(name, bytes) : undefined);
    if (!text) return;
    if (buttons.length > 0) this.buttons = buttons;
    const lead = fromBot && this.opts.interactive ? '\n' : '';
    this.opts.output.write(`${lead}${text}\n\n`);
    if (fromBot && this.opts.interactive && this.rl) this.rl.prompt(true);
  }
}
