/**
 * The learner's conversation of test/contracts/learner-talk.contract.ts in
 * Slack: the real coach through Bolt and the loopback fake of Slack's Web
 * API, "Bring back …" pressed as Slack sends a block action (its value
 * round-trips).
 */
import { afterEach } from 'vitest';
import { SlackAdapter } from '../../src/adapters/slack/slack.adapter.ts';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { MemoryLogger } from '../../src/coach/logger.ts';
import type { Config } from '../../src/config.ts';
import type { KnowledgeGraph } from '../../src/core/graph/types.ts';
import { ManualClock } from '../../src/core/ports/clock.port.ts';
import { InProcessScheduler } from '../../src/engines/embedded/in-process-scheduler.ts';
import { NedbLearnerStore } from '../../src/engines/embedded/nedb-learner-store.ts';
import { learnerTalkContract } from '../contracts/learner-talk.contract.ts';
import { tempDir } from '../support/temp-dir.ts';
import { BOT_TOKEN, FakeSlack } from './support/fake-slack.ts';
import { SIGNING_SECRET, SlackSender } from './support/slack-requests.ts';
import { SlackUser } from './support/slack-user.ts';

const LEARNER_ID = 'slack:T0PATHWISE:U0LEARNER1';
let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

async function start(graph: KnowledgeGraph): Promise<{ app: App; ada: SlackUser; slack: FakeSlack; said: (text: string) => Promise<string>; pressed: (label: RegExp) => Promise<string> }> {
  const slack = await new FakeSlack().start();
  slack.timezones.set('U0LEARNER1', 'America/Chicago');
  const clock = new ManualClock('2026-03-02T12:00:00Z');
  const tmp = tempDir('pathwise-slack-talk-');
  const config: Config = { roadmapsDir: tmp.dir, dataDir: tmp.dir, logLevel: 'error', timezone: null, ktMappingFile: null, mongodbUrl: null, redisUrl: null, queue: { prefix: 'pathwise', concurrency: 20 } };
  const store = await NedbLearnerStore.open(tmp.dir);
  const scheduler = await InProcessScheduler.open(tmp.dir, { clock });
  const adapter = new SlackAdapter({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: slack.apiUrl, clock, logLevel: 'error', logSink: { debug() {}, info() {}, warn() {}, error() {} } });
  const app = await buildApp(config, adapter.gateway, { clock, graph, seed: 7, log: new MemoryLogger(), engines: { store, scheduler }, defaultTimezone: (from) => adapter.profileTimezone(from) });
  const { port } = await adapter.start(app.coach, { port: 0, host: '127.0.0.1' });
  const ada = new SlackUser(new SlackSender(`http://127.0.0.1:${port}/slack/events`), slack);
  stop = async () => {
    await adapter.stop();
    await app.close();
    await scheduler.stop();
    await store.close();
    await slack.stop();
    tmp.remove();
  };
  const transcript = process.env.PATHWISE_TRANSCRIPT === '1';
  const said = async (text: string) => {
    await ada.dm(text);
    if (transcript) console.log(`> ${text}\n${ada.lastText()}`);
    return ada.lastText();
  };
  const pressed = async (label: RegExp) => {
    await ada.press(label);
    if (transcript) console.log(`> [${label.source}]\n${ada.lastText()}`);
    return ada.lastText();
  };
  return { app, ada, slack, said, pressed };
}

learnerTalkContract('Slack', { learnerId: LEARNER_ID, zoneButton: /Yes, America\/Chicago/, afterSetUp: /All set/, shipped: ['help me learn docker', /Add Docker and containers to your goals, or switch/] }, start);
