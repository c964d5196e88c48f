/**
 * The real Bolt app (HTTP mode, loopback, a free port) wired to a coach and to
 * the fake Slack Web API. Each test gets its own pair and closes them after.
 */
import { SlackAdapter, type SlackCoach } from '../../../src/adapters/slack/slack.adapter.ts';
import type { EventDedup } from '../../../src/adapters/slack/event-dedup.ts';
import { systemClock } from '../../../src/core/ports/clock.port.ts';
import { BOT_TOKEN, FakeSlack } from './fake-slack.ts';
import { SIGNING_SECRET, SlackSender } from './slack-requests.ts';

export interface Harness {
  slack: FakeSlack;
  adapter: SlackAdapter;
  send: SlackSender;
  logs: string[];
  close(): Promise<void>;
}

export async function startHarness(coach: SlackCoach, extra: { dedup?: EventDedup } = {}): Promise<Harness> {
  const slack = await new FakeSlack().start();
  const logs: string[] = [];
  const sink = { debug: (l: string) => logs.push(l), info: (l: string) => logs.push(l), warn: (l: string) => logs.push(l), error: (l: string) => logs.push(l) };
  const adapter = new SlackAdapter({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    apiUrl: slack.apiUrl,
    clock: systemClock,
    logLevel: 'debug',
    logSink: sink,
    ...(extra.dedup ? { dedup: extra.dedup } : {}),
  });
  const { port } = await adapter.start(coach, { port: 0, host: '127.0.0.1' });
  const send = new SlackSender(`http://127.0.0.1:${port}/slack/events`);
  return {
    slack,
    adapter,
    send,
    logs,
    async close() {
      await adapter.stop();
      await slack.stop();
    },
  };
}
