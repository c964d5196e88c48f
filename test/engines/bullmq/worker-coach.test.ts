/**
 * The worker wiring end to end on real Redis: the bot side onboards a
 * learner through the coach with BullMQ as its scheduler (so the daily task
 * is a job scheduler at the learner's local hour), and the worker side runs
 * the coach's job handler from src/app/worker-wiring.ts, delivering once
 * through the platform gateway. Settings moves and pause act on BullMQ too.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../../src/app/build-app.ts';
import { GatewayRouter } from '../../../src/app/gateway-router.ts';
import { coachJobHandlerWith, embeddedEngines } from '../../../src/app/worker-wiring.ts';
import { MemoryLogger } from '../../../src/coach/logger.ts';
import { loadConfig } from '../../../src/config.ts';
import type { ConversationRef, Incoming, Reply } from '../../../src/core/chat/messages.ts';
import { localFields } from '../../../src/core/schedule/daily-time.ts';
import type { BullMqScheduler } from '../../../src/engines/bullmq/bullmq.scheduler.ts';
import { openEngines } from '../../../src/engines/select.ts';
import { memoryIo } from '../../support/cli-io.ts';
import { buttonsOf, RecordingGateway, textOf } from '../../support/coach-harness.ts';
import { writeFixtureRoadmaps } from '../../support/fixture-graph.ts';
import { deletePrefix, uniquePrefix, waitFor } from '../../support/redis.ts';
import { tempDir } from '../../support/temp-dir.ts';

const url = inject('redisUrl');
if (!url) console.warn('⚠ SKIPPED: worker wiring suite — redis-server is not installed (apt-get install -y redis-server)');

describe.skipIf(!url)('pathwise worker wiring on BullMQ', { timeout: 30_000 }, () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('delivers the daily task the bot scheduled, once, and follows settings and pause', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const prefix = uniquePrefix('wiring');
    cleanups.push(() => deletePrefix(url!, prefix));
    const config = loadConfig({
      PATHWISE_ROADMAPS: writeFixtureRoadmaps(join(t.dir, 'roadmaps')),
      PATHWISE_DATA_DIR: join(t.dir, 'data'),
      PATHWISE_TIMEZONE: 'Europe/Berlin',
      REDIS_URL: url!,
      PATHWISE_QUEUE_PREFIX: prefix,
    });
    const engines = await openEngines(config, embeddedEngines);
    cleanups.push(() => engines.close());
    const bull = engines.scheduler as BullMqScheduler;

    // The bot side: a coach with no gateway of its own for jobs; it only answers turns.
    const bot = await buildApp(config, new GatewayRouter({}), { engines, log: new MemoryLogger() });
    cleanups.push(() => bot.close());
    const from: ConversationRef = { platform: 'slack', workspace: 'W1', channel: 'D1', user: 'ana' };
    const learnerId = 'slack:W1:ana';
    let last: Reply[] = [];
    const send = async (e: Record<string, unknown>) => (last = await bot.coach.handle({ from, ...e } as unknown as Incoming));
    const press = async (label: string) => {
      const b = buttonsOf(last).find((x) => x.label.toLowerCase().includes(label.toLowerCase()));
      if (!b) throw new Error(`no button ${label} in ${textOf(last)}`);
      return send({ kind: 'action', action: b.action, value: b.value });
    };
    await send({ kind: 'text', text: 'hi' });
    await send({ kind: 'text', text: 'I want to become a data analyst' });
    while (buttonsOf(last).some((b) => b.action === 'setup.assess')) await press('Not at all');
    await press('30 min');
    await press('08:00');
    await press('Yes');

    const [daily] = await bull.list(`learner:${learnerId}:daily`);
    expect(daily?.daily).toEqual({ hour: 8, timezone: 'Europe/Berlin' });
    expect(localFields(daily!.next!, 'Europe/Berlin')).toMatchObject({ hour: 8, minute: 0 });

    // The worker side: the coach's job handler with a Slack gateway.
    const slack = new RecordingGateway();
    const worker = await coachJobHandlerWith({ slack })(config, engines, memoryIo().io);
    cleanups.push(() => worker.close?.());
    await bull.start(worker.handler);
    const [pending] = await bull.fanOutQueue.getDelayed();
    await pending!.promote();
    expect(await waitFor(() => slack.sent.length === 1, 10_000)).toBe(true);
    expect(slack.sent[0]?.to).toEqual(from);
    expect(textOf(slack.sent[0]!.reply)).toMatch(/Good day! Here is your task for today/);
    const day = localFields(daily!.next!, 'Europe/Berlin');
    const date = `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
    expect(await engines.store.getDelivery(`daily:${learnerId}:${date}`)).toMatchObject({ state: 'sent' });

    // The same run again (a retry, a stalled job taken back): nothing more is sent.
    await worker.handler({ key: `learner:${learnerId}:daily`, payload: daily!.payload, scheduledFor: daily!.next!, attempt: 2 });
    expect(slack.sent).toHaveLength(1);

    // Settings move the BullMQ schedule; pause removes it.
    await send({ kind: 'command', name: 'settings', text: 'hour=20 timezone=Asia/Tokyo' });
    const [moved] = await bull.list(`learner:${learnerId}:daily`);
    expect(moved?.daily).toEqual({ hour: 20, timezone: 'Asia/Tokyo' });
    expect(await bull.fanOutQueue.getJobSchedulersCount()).toBe(1);
    await send({ kind: 'text', text: 'pause' });
    expect(await bull.list(`learner:${learnerId}:`)).toEqual([]);
    expect(await bull.fanOutQueue.getJobSchedulersCount()).toBe(0);
  });
});

describe.skipIf(!url)('pathwise worker on Discord', { timeout: 30_000 }, () => {
  it("sends a Discord learner's daily task as a DM through Discord's REST API, with no gateway login", async () => {
    const { FakeDiscord } = await import('../../discord/support/fake-discord.ts');
    const { TEST_TOKEN } = await import('../../discord/support/harness.ts');
    const { LEARNER_ID, APP_ID } = await import('../../discord/support/fixtures.ts');
    const { coachJobHandler } = await import('../../../src/app/worker-wiring.ts');
    const fake = await FakeDiscord.start();
    const t = tempDir();
    const prefix = uniquePrefix('discord-worker');
    const config = loadConfig({
      PATHWISE_ROADMAPS: writeFixtureRoadmaps(join(t.dir, 'roadmaps')),
      PATHWISE_DATA_DIR: join(t.dir, 'data'),
      REDIS_URL: url!,
      PATHWISE_QUEUE_PREFIX: prefix,
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_API_URL: fake.apiUrl,
    });
    const engines = await openEngines(config, embeddedEngines);
    const io = memoryIo();
    const worker = await coachJobHandler(config, engines, io.io);
    try {
      const from: ConversationRef = { platform: 'discord', workspace: APP_ID, channel: 'dm', user: LEARNER_ID };
      const bot = await buildApp(config, new GatewayRouter({}), { engines, log: new MemoryLogger() });
      let last: Reply[] = await bot.coach.handle({ from, kind: 'text', text: 'hi' });
      const press = async (label: string) => {
        const b = buttonsOf(last).find((x) => x.label.toLowerCase().includes(label.toLowerCase()))!;
        last = await bot.coach.handle({ from, kind: 'action', action: b.action, value: b.value });
      };
      last = await bot.coach.handle({ from, kind: 'text', text: 'I want to become a data analyst' });
      while (buttonsOf(last).some((b) => b.action === 'setup.assess')) await press('Not at all');
      await press('30 min');
      await press('08:00');
      await press('Yes');
      await bot.close();
      const bull = engines.scheduler as BullMqScheduler;
      await bull.start(worker.handler);
      const [pending] = await bull.fanOutQueue.getDelayed();
      await pending!.promote();
      expect(await waitFor(() => fake.find('POST', /^\/channels\/\d+\/messages$/).length === 1, 10_000)).toBe(true);
      const [post] = fake.find('POST', /^\/channels\/\d+\/messages$/);
      expect((post!.body as { content: string }).content).toMatch(/Good day! Here is your task for today/);
      expect(fake.find('POST', /^\/users\/@me\/channels$/)[0]!.body).toEqual({ recipient_id: LEARNER_ID });
      expect(io.err()).not.toContain(TEST_TOKEN);
    } finally {
      await engines.scheduler.stop();
      await worker.close?.();
      await engines.store.close();
      await fake.close();
      await deletePrefix(url!, prefix);
      t.remove();
    }
  });
});

describe.skipIf(!url)('pathwise worker on Slack', { timeout: 30_000 }, () => {
  it("sends a Slack learner's daily task as a DM through the Web API, with the bot token kept out of the log", async () => {
    const { FakeSlack, BOT_TOKEN } = await import('../../slack/support/fake-slack.ts');
    const { coachJobHandler } = await import('../../../src/app/worker-wiring.ts');
    const fake = await new FakeSlack().start();
    const t = tempDir();
    const prefix = uniquePrefix('slack-worker');
    const config = loadConfig({
      PATHWISE_ROADMAPS: writeFixtureRoadmaps(join(t.dir, 'roadmaps')),
      PATHWISE_DATA_DIR: join(t.dir, 'data'),
      REDIS_URL: url!,
      PATHWISE_QUEUE_PREFIX: prefix,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: fake.apiUrl,
    });
    const engines = await openEngines(config, embeddedEngines);
    const io = memoryIo();
    const worker = await coachJobHandler(config, engines, io.io);
    try {
      const from: ConversationRef = { platform: 'slack', workspace: 'T0PATHWISE', channel: 'C0GENERAL1', user: 'U0LEARNER1' };
      const bot = await buildApp(config, new GatewayRouter({}), { engines, log: new MemoryLogger() });
      let last: Reply[] = await bot.coach.handle({ from, kind: 'text', text: 'hi' });
      const press = async (label: string) => {
        const b = buttonsOf(last).find((x) => x.label.toLowerCase().includes(label.toLowerCase()))!;
        last = await bot.coach.handle({ from, kind: 'action', action: b.action, value: b.value });
      };
      last = await bot.coach.handle({ from, kind: 'text', text: 'I want to become a data analyst' });
      while (buttonsOf(last).some((b) => b.action === 'setup.assess')) await press('Not at all');
      await press('30 min');
      await press('08:00');
      await press('Yes');
      await bot.close();
      const bull = engines.scheduler as BullMqScheduler;
      await bull.start(worker.handler);
      const [pending] = await bull.fanOutQueue.getDelayed();
      await pending!.promote();
      expect(await waitFor(() => fake.callsOf('chat.postMessage').length === 1, 10_000)).toBe(true);
      expect(fake.callsOf('conversations.open')).toHaveLength(1);
      expect(JSON.stringify(fake.callsOf('chat.postMessage')[0])).toMatch(/Good day! Here is your task for today/);
      expect(io.err()).not.toContain(BOT_TOKEN);
    } finally {
      await engines.scheduler.stop();
      await worker.close?.();
      await engines.store.close();
      await fake.stop();
      await deletePrefix(url!, prefix);
      t.remove();
    }
  });
});
