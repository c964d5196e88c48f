/**
 * The weekly cohort summary, posted in the cohort's channel, after a worker
 * died between the platform taking the post and the store recording it
 * (issue #17): the next run finds the post, Slack by its metadata in the
 * channel's history, Discord among the channel's recent messages, and
 * records it instead of posting again. Through the real coach job, the real
 * gateways and SDK clients, against the loopback fakes of Slack and Discord.
 */
import { join } from 'node:path';
import { REST } from 'discord.js';
import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordGateway } from '../../src/adapters/discord/discord.gateway.ts';
import { SlackDirectory } from '../../src/adapters/slack/slack.directory.ts';
import { SlackGateway } from '../../src/adapters/slack/slack.gateway.ts';
import { buildApp } from '../../src/app/build-app.ts';
import { cohortJobKey } from '../../src/coach/flows/cohort.ts';
import { MemoryLogger } from '../../src/coach/logger.ts';
import { loadConfig } from '../../src/config.ts';
import type { ConversationRef } from '../../src/core/chat/messages.ts';
import type { ChatGateway } from '../../src/core/ports/chat.port.ts';
import { ManualClock } from '../../src/core/ports/clock.port.ts';
import type { CohortRecord } from '../../src/core/ports/cohort-store.port.ts';
import type { DeliveryRecord, LearnerStore } from '../../src/core/ports/learner-store.port.ts';
import { InProcessScheduler } from '../../src/engines/embedded/in-process-scheduler.ts';
import { NedbCohortStore } from '../../src/engines/embedded/nedb-cohort-store.ts';
import { NedbLearnerStore } from '../../src/engines/embedded/nedb-learner-store.ts';
import { FakeDiscord } from '../discord/support/fake-discord.ts';
import { APP_ID, GUILD_CHANNEL_ID } from '../discord/support/fixtures.ts';
import { TEST_TOKEN } from '../discord/support/harness.ts';
import { BOT_TOKEN, FakeSlack } from '../slack/support/fake-slack.ts';
import { writeFixtureRoadmaps } from '../support/fixture-graph.ts';
import { tempDir } from '../support/temp-dir.ts';

class Died extends Error {}

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * A worker with the real coach on embedded stores, sending through `gateway`,
 * whose process dies right after the platform took its first post (the
 * `sent` record is never written); then the queue runs the job again.
 */
async function postTwiceAcrossACrash(gateway: ChatGateway, channel: ConversationRef): Promise<{ outcomes: string[]; record: DeliveryRecord | null; ambiguous: string[] }> {
  const t = tempDir();
  cleanups.push(t.remove);
  const clock = new ManualClock(Date.now());
  const store = await NedbLearnerStore.open(t.dir);
  const cohorts = await NedbCohortStore.open(t.dir);
  const scheduler = await InProcessScheduler.open(t.dir, { clock });
  cleanups.push(() => store.close(), () => cohorts.close(), () => scheduler.stop());
  let dies = true;
  const dying = Object.assign(Object.create(store) as LearnerStore, {
    putDelivery: async (d: DeliveryRecord) => {
      if (d.state === 'sent' && dies) {
        dies = false;
        throw new Died('the worker died after the platform took the post');
      }
      return store.putDelivery(d);
    },
  });
  const cohort: CohortRecord = {
    cohortId: 'cteam',
    channelKey: `${channel.platform}:${channel.workspace}:${channel.channel}`,
    channel: { ...channel, audience: 'channel' },
    name: '#team',
    goal: null,
    leads: [],
    schedule: { weekday: 1, hour: 9, timezone: 'UTC' },
    createdAt: new Date(clock.now().getTime() - 7 * 86_400_000).toISOString(),
  };
  await cohorts.createCohort(cohort);
  const config = loadConfig({ PATHWISE_ROADMAPS: writeFixtureRoadmaps(join(t.dir, 'roadmaps')), PATHWISE_DATA_DIR: t.dir });
  const log = new MemoryLogger();
  const app = await buildApp(config, gateway, { clock, log, engines: { store: dying, cohorts, scheduler } });
  cleanups.push(() => app.close());
  const job = { key: cohortJobKey(cohort.cohortId), payload: { type: 'cohort-summary' as const, cohortId: cohort.cohortId, to: cohort.channel }, scheduledFor: clock.now(), attempt: 1 };

  const outcomes: string[] = [];
  outcomes.push(await app.coach.handleJob(job).then(() => 'done', (err: unknown) => (err instanceof Died ? 'died' : Promise.reject(err))));
  // The job is taken back once the dead worker's claim has run out (2 minutes), and runs again.
  clock.advance(3 * 60_000);
  outcomes.push(await app.coach.handleJob({ ...job, attempt: 2 }).then(() => 'done'));
  // One post per week: its delivery is keyed by the local date (here UTC) of the run.
  const runDay = job.scheduledFor.toISOString().slice(0, 10);
  return {
    outcomes,
    record: await store.getDelivery(`${job.key}:${runDay}`),
    ambiguous: log.lines.filter((e) => e.event === 'delivery.ambiguous').map((e) => String(e.fields.outcome)),
  };
}

describe('a cohort summary cut off by a crash between the post and its record', () => {
  it('Slack: the next run finds the post in the channel history by its metadata and does not post again', async () => {
    const slack = await new FakeSlack().start();
    cleanups.push(() => slack.stop());
    slack.tsBase = Math.floor(Date.now() / 1000);
    const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, logLevel: webApi.LogLevel.ERROR });
    const channel: ConversationRef = { platform: 'slack', workspace: 'T0PATHWISE', channel: 'C0TEAM0001', user: 'U0LEAD0001' };

    const r = await postTwiceAcrossACrash(new SlackGateway(client, new SlackDirectory(client)), channel);

    expect(r.outcomes).toEqual(['died', 'done']);
    const posts = slack.callsOf('chat.postMessage').filter((c) => c.status === 200);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args.channel).toBe('C0TEAM0001');
    expect(String(posts[0]!.args.text)).toContain('in the week to');
    // Read back from the channel itself (not a DM), with the metadata that carries the tag.
    const [history] = slack.callsOf('conversations.history');
    expect(history!.args).toMatchObject({ channel: 'C0TEAM0001' });
    expect(slack.callsOf('conversations.open')).toHaveLength(0);
    expect(slack.calls.filter((c) => c.response?.error === 'missing_scope')).toEqual([]);
    expect(r.ambiguous).toEqual(['settled']);
    expect(r.record).toMatchObject({ state: 'sent', messageId: posts[0]!.response?.ts });
  });

  it('Discord: past the nonce window, the next run finds the post among the channel\'s recent messages and does not post again', async () => {
    const discord = await FakeDiscord.start();
    cleanups.push(() => discord.close());
    discord.nonceWindowMs = 0; // The nonce alone would not save us: the settle must.
    const rest = new REST({ api: discord.apiUrl }).setToken(TEST_TOKEN);
    cleanups.push(() => (rest.clearHashSweeper(), rest.clearHandlerSweeper()));
    const channel: ConversationRef = { platform: 'discord', workspace: APP_ID, channel: GUILD_CHANNEL_ID, user: '1300000000000000200' };

    const r = await postTwiceAcrossACrash(new DiscordGateway(rest), channel);

    expect(r.outcomes).toEqual(['died', 'done']);
    const posts = discord.find('POST', /^\/channels\/\d+\/messages$/);
    expect(posts.map((p) => p.path)).toEqual([`/channels/${GUILD_CHANNEL_ID}/messages`]);
    expect(discord.find('POST', /^\/users\/@me\/channels$/)).toHaveLength(0);
    expect(discord.find('GET', new RegExp(`^/channels/${GUILD_CHANNEL_ID}/messages`))).toHaveLength(1);
    expect(r.ambiguous).toEqual(['settled']);
    expect(r.record).toMatchObject({ state: 'sent' });
  });
});
