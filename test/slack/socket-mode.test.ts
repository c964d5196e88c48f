/**
 * Socket Mode through the real Bolt SocketModeReceiver and SocketModeClient:
 * `apps.connections.open` with the app-level token on the fake Web API, then a
 * WebSocket on loopback that delivers envelopes as Slack does. Every envelope
 * is acknowledged, and the coach's answers go out through the Web API.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../src/adapters/slack/slack.adapter.ts';
import { systemClock } from '../../src/core/ports/clock.port.ts';
import { APP_TOKEN, BOT_TOKEN, FakeSlack } from './support/fake-slack.ts';
import { FakeSocketMode } from './support/fake-socket-mode.ts';
import { ScriptCoach } from './support/script-coach.ts';
import { fixture } from './support/slack-requests.ts';

let slack: FakeSlack;
let socket: FakeSocketMode;
let adapter: SlackAdapter;
let coach: ScriptCoach;
const logs: string[] = [];

beforeEach(async () => {
  slack = await new FakeSlack().start();
  socket = await new FakeSocketMode().start();
  slack.socketUrl = socket.url;
  coach = new ScriptCoach();
  const sink = { debug: (l: string) => logs.push(l), info: (l: string) => logs.push(l), warn: (l: string) => logs.push(l), error: (l: string) => logs.push(l) };
  adapter = new SlackAdapter({ botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: slack.apiUrl, clock: systemClock, logLevel: 'debug', logSink: sink });
  await adapter.start(coach);
});
afterEach(async () => {
  await adapter.stop();
  await socket.stop();
  await slack.stop();
});

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

describe('Socket Mode', () => {
  it('connects with the app-level token and answers a DM event after acknowledging its envelope', async () => {
    expect(adapter.mode).toBe('socket');
    expect(socket.connected).toBe(true);
    const open = slack.callsOf('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.token).toBe(APP_TOKEN);

    coach.delayMs = 500;
    const id = socket.push('events_api', fixture('event-message-im'));
    await until(() => socket.acks.some((a) => a.envelope_id === id));
    expect(slack.callsOf('chat.postMessage')).toEqual([]);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length === 1);
    expect(coach.received[0]).toMatchObject({ kind: 'text', text: 'I want to learn docker', eventId: 'Ev0MESSAGE01' });
    expect(slack.callsOf('chat.postMessage')[0]!.args.channel).toBe('D0LEARNER1');
  });

  it('acknowledges a slash command envelope and answers through response_url', async () => {
    const cmd = fixture<Record<string, string>>('slash-command');
    const id = socket.push('slash_commands', { ...cmd, text: 'quiz', channel_id: 'C0GENERAL1', channel_name: 'general', response_url: slack.hookUrl(cmd.response_url!) });
    await until(() => socket.acks.some((a) => a.envelope_id === id));
    await slack.waitFor(() => slack.callsOf('response_url').length === 1);
    expect(coach.received[0]).toMatchObject({ kind: 'command', name: 'quiz', inChannel: true });
    expect(slack.callsOf('response_url')[0]!.args.response_type).toBe('ephemeral');
    expect(logs.join('\n')).not.toContain(APP_TOKEN);
  });
});
