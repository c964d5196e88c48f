/**
 * Starts the fake Discord and a real {@link DiscordAdapter} (real discord.js)
 * pointed at it, and gives tests short ways to act as Discord: dispatch an
 * interaction or a DM and wait for what the bot sends back.
 */
import { DiscordAdapter, type DiscordCoach } from '../../../src/adapters/discord/discord.adapter.ts';
import type { AdapterLog, LogFields, LogLevel } from '../../../src/adapters/discord/discord.log.ts';
import type { AutocompleteSource } from '../../../src/adapters/discord/autocomplete.ts';
import type { CommandSpec } from '../../../src/adapters/discord/commands.ts';
import { FakeDiscord, type RecordedRequest } from './fake-discord.ts';

export const TEST_TOKEN = 'MTMwMDAwMDAwMDAwMDAwMDAwMQ.fake.not-a-real-token-but-shaped-like-one';

export class MemoryLog implements AdapterLog {
  readonly lines: { level: LogLevel; event: string; fields: LogFields }[] = [];
  log(level: LogLevel, event: string, fields: LogFields = {}): void {
    this.lines.push({ level, event, fields });
  }
  events(): string[] {
    return this.lines.map((l) => l.event);
  }
}

export interface Harness {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  log: MemoryLog;
  /** Dispatches an `INTERACTION_CREATE` and waits for its callback (the acknowledgement). */
  interact(payload: Record<string, unknown>): Promise<RecordedRequest>;
  /** Dispatches a `MESSAGE_CREATE` for a DM. */
  dm(payload: Record<string, unknown>): void;
  close(): Promise<void>;
}

export async function startHarness(
  coach: DiscordCoach,
  options: { commands: readonly CommandSpec[]; autocomplete?: AutocompleteSource; heartbeatIntervalMs?: number },
): Promise<Harness> {
  const fake = await FakeDiscord.start({ heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1_000 });
  const log = new MemoryLog();
  const adapter = new DiscordAdapter({
    token: TEST_TOKEN,
    apiUrl: fake.apiUrl,
    commands: options.commands,
    ...(options.autocomplete ? { autocomplete: options.autocomplete } : {}),
    log,
    readyTimeoutMs: 10_000,
  });
  try {
    await adapter.start(coach);
  } catch (err) {
    await fake.close();
    throw err;
  }
  return {
    fake,
    adapter,
    log,
    async interact(payload) {
      fake.dispatch('INTERACTION_CREATE', payload);
      const path = new RegExp(`^/interactions/${String(payload.id)}/`);
      return fake.waitForRequest('POST', path);
    },
    dm(payload) {
      fake.dispatch('MESSAGE_CREATE', payload);
    },
    async close() {
      await adapter.stop();
      await fake.close();
    },
  };
}

/** The webhook path of an interaction's token (edits and follow-ups go there). */
export function webhookPath(payload: Record<string, unknown>): string {
  return `/webhooks/${String(payload.application_id)}/${String(payload.token)}`;
}
