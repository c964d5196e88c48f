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
import { coachJobHandler, embeddedEngines } from '../../../src/app/worker-wiring.ts';
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
    const worker = await coachJobHandler({ slack })(config, engines, memoryIo().io);
    cleanups.push(() => worker.close?.());
    await bull.start(worker.handler);
    const [pending] = await bull.queue.getDelayed();
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
    expect(await bull.queue.getJobSchedulersCount()).toBe(1);
    await send({ kind: 'text', text: 'pause' });
    expect(await bull.list(`learner:${learnerId}:`)).toEqual([]);
    expect(await bull.queue.getJobSchedulersCount()).toBe(0);
  });
});
