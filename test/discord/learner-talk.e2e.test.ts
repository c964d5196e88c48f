/**
 * The learner's conversation of test/contracts/learner-talk.contract.ts in
 * Discord DMs: the real coach through discord.js against the loopback fake
 * gateway and REST API, "Bring back …" pressed as Discord sends a component
 * interaction (its custom_id round-trips).
 */
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { DiscordAdapter } from '../../src/adapters/discord/discord.adapter.ts';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadCommands } from '../../src/coach/command-loader.ts';
import { MemoryLogger } from '../../src/coach/logger.ts';
import { PACKAGE_ROOT, type Config } from '../../src/config.ts';
import type { KnowledgeGraph } from '../../src/core/graph/types.ts';
import { ManualClock } from '../../src/core/ports/clock.port.ts';
import { InProcessScheduler } from '../../src/engines/embedded/in-process-scheduler.ts';
import { NedbLearnerStore } from '../../src/engines/embedded/nedb-learner-store.ts';
import { learnerTalkContract } from '../contracts/learner-talk.contract.ts';
import { tempDir } from '../support/temp-dir.ts';
import { FakeDiscord } from './support/fake-discord.ts';
import { APP_ID, buttonPress, dmMessage, DM_CHANNEL_ID, LEARNER_ID } from './support/fixtures.ts';
import { MemoryLog, TEST_TOKEN } from './support/harness.ts';

interface Body {
  content: string;
  components?: { components: { custom_id: string; label: string }[] }[];
}
const LEARNER = `discord:${APP_ID}:${LEARNER_ID}`;
const settle = (ms = 50) => new Promise((r) => setTimeout(r, ms));

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

async function start(graph: KnowledgeGraph) {
  const t = tempDir('pathwise-discord-talk-');
  const config: Config = { roadmapsDir: t.dir, dataDir: join(t.dir, 'data'), logLevel: 'info', timezone: 'UTC', ktMappingFile: null, discord: { apiUrl: 'unused' }, mongodbUrl: null, redisUrl: null, queue: { prefix: 'pathwise', concurrency: 20 } };
  const clock = new ManualClock('2026-03-02T07:00:00Z');
  const fake = await FakeDiscord.start();
  const commands = await loadCommands(join(PACKAGE_ROOT, 'commands'));
  const adapter = new DiscordAdapter({ token: TEST_TOKEN, apiUrl: fake.apiUrl, commands, log: new MemoryLog(), readyTimeoutMs: 10_000 });
  const store = await NedbLearnerStore.open(config.dataDir);
  const scheduler = await InProcessScheduler.open(config.dataDir, { clock });
  const app: App = await buildApp(config, adapter.gateway, { graph, clock, seed: 7, log: new MemoryLogger(), engines: { store, scheduler } });
  await adapter.start(app.coach);
  stop = async () => {
    await adapter.stop(async () => {
      await app.close();
      await scheduler.stop();
      await store.close();
    });
    await fake.close();
    t.remove();
  };
  const transcript = process.env.PATHWISE_TRANSCRIPT === '1';
  const show = (b: Body) => `${b.content}${(b.components ?? []).flatMap((r) => r.components).map((c) => ` (${c.label})`).join('')}`;
  let last: Body = { content: '' };
  const dmPath = new RegExp(`^/channels/${DM_CHANNEL_ID}/messages$`);
  /** A DM from the learner; the bot's answer is what it posts in the DM channel. */
  const said = async (text: string): Promise<string> => {
    const before = fake.find('POST', dmPath).length;
    fake.dispatch('MESSAGE_CREATE', dmMessage(text));
    await fake.waitFor(`an answer to "${text}"`, () => fake.find('POST', dmPath).length > before);
    await app.coach.idle();
    await settle();
    last = fake.find('POST', dmPath).at(-1)!.body as Body;
    if (transcript) console.log(`> ${text}\n${show(last)}`);
    return last.content;
  };
  /** Presses a button of the last answer, as Discord sends it: a component interaction with the button's custom_id. */
  const pressed = async (label: RegExp): Promise<string> => {
    const b = (last.components ?? []).flatMap((r) => r.components).find((x) => label.test(x.label));
    if (!b) throw new Error(`no button ${label} on: ${show(last)}`);
    const p = buttonPress(b.custom_id, { content: last.content, components: last.components ?? [] }, 'dm');
    fake.dispatch('INTERACTION_CREATE', p);
    await fake.waitForRequest('POST', new RegExp(`^/interactions/${String(p.id)}/`));
    const base = `/webhooks/${APP_ID}/${String(p.token)}`;
    const sent = () => fake.requests.filter((r) => r.path.startsWith(base) && r.method !== 'DELETE' && r.status < 300);
    await fake.waitFor(`an answer to ${label}`, () => sent().length > 0);
    await app.coach.idle();
    await settle();
    last = sent().at(-1)!.body as Body;
    if (transcript) console.log(`> [${label.source}]\n${show(last)}`);
    return last.content;
  };
  return { app, said, pressed };
}

learnerTalkContract('Discord DMs', { learnerId: LEARNER, zoneButton: /^Yes, UTC$/, afterSetUp: /Today: Programming Basics Course/, shipped: ['can you help me with web development', /^Do you want to make Full-stack developer your goal\?/] }, start);
