/**
 * The Slack ChatGateway through the real WebClient against the loopback fake:
 * DMs via conversations.open + chat.postMessage, Slack's 429 Retry-After
 * honoured, and failures turned into coded errors.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { SlackDirectory } from '../../src/adapters/slack/slack.directory.ts';
import { createSlackGateway, SlackGateway } from '../../src/adapters/slack/slack.gateway.ts';
import type { ConversationRef } from '../../src/core/chat/messages.ts';
import { text } from '../../src/core/chat/messages.ts';
import { PathwiseError, UserError } from '../../src/core/errors.ts';
import { SlackAdapter } from '../../src/adapters/slack/slack.adapter.ts';
import { systemClock } from '../../src/core/ports/clock.port.ts';
import { UNRECOVERABLE } from '../../src/core/ports/scheduler.port.ts';
import { WIDTH } from '../../src/pictures/cohort-charts.ts';
import { cohortPost } from '../support/cohort-post.ts';
import { decodePng, isColour } from '../support/png.ts';
import { BOT_TOKEN, FakeSlack } from './support/fake-slack.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
let slack: FakeSlack;
let gateway: SlackGateway;
let directory: SlackDirectory;

/** The learner typed their goal in a channel; the daily task still goes to their DM. */
const learner: ConversationRef = { platform: 'slack', workspace: 'T0PATHWISE', channel: 'C0GENERAL1', user: 'U0LEARNER1' };

beforeEach(async () => {
  slack = await new FakeSlack().start();
  const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, logLevel: webApi.LogLevel.ERROR });
  directory = new SlackDirectory(client);
  gateway = new SlackGateway(client, directory);
});
afterEach(async () => {
  await slack.stop();
});

describe('SlackGateway', () => {
  it('opens the DM and posts there, returning the message ts', async () => {
    const sent = await gateway.send(learner, { blocks: [text("Today's task: **Containers 101** (20 min)")] });
    expect(sent).toEqual({ messageId: '1700000000.000001' });
    expect(slack.calls.map((c) => c.method)).toEqual(['conversations.open', 'chat.postMessage']);
    expect(slack.calls[0]!.args.users).toBe('U0LEARNER1');
    expect(slack.calls[1]!.args).toMatchObject({ channel: 'D0LEARNER1', text: "Today's task: Containers 101 (20 min)" });
    expect(slack.calls.every((c) => c.token === BOT_TOKEN)).toBe(true);

    await gateway.send(learner, { blocks: [text('Review time')] });
    expect(slack.callsOf('conversations.open')).toHaveLength(1);
  });

  it('carries the delivery tag as message metadata and finds it again in the DM history (settling a crashed send)', async () => {
    slack.tsBase = Math.floor(Date.now() / 1000);
    const since = new Date(Date.now() - 1000);
    const sent = await gateway.send(learner, { blocks: [text("Today's task")] }, { idempotencyKey: 'pwABCDEFGHIJKLMNOPQRSTUV' });
    expect(slack.callsOf('chat.postMessage')[0]!.args.metadata).toEqual({ event_type: 'pathwise_delivery', event_payload: { tag: 'pwABCDEFGHIJKLMNOPQRSTUV' } });
    expect(await gateway.findSent(learner, { idempotencyKey: 'pwABCDEFGHIJKLMNOPQRSTUV', since })).toEqual(sent);
    expect(await gateway.findSent(learner, { idempotencyKey: 'pwSOMETHINGELSE000000000', since })).toBeNull();
    const [history] = slack.callsOf('conversations.history');
    expect(history!.args).toMatchObject({ channel: 'D0LEARNER1' });
    expect(String(history!.args.include_all_metadata)).toBe('true');
  });

  it('reads a channel post (a cohort summary) back from the channel\'s own history; without the history scopes it stops rather than risk posting twice', async () => {
    slack.tsBase = Math.floor(Date.now() / 1000);
    const since = new Date(Date.now() - 1000);
    const channel: ConversationRef = { ...learner, audience: 'channel' };
    const sent = await gateway.send(channel, { blocks: [text('📊 #general this week')] }, { idempotencyKey: 'pwCHANNEL000000000000000' });
    expect(slack.callsOf('chat.postMessage')[0]!.args.metadata).toEqual({ event_type: 'pathwise_delivery', event_payload: { tag: 'pwCHANNEL000000000000000' } });
    expect(await gateway.findSent(channel, { idempotencyKey: 'pwCHANNEL000000000000000', since })).toEqual(sent);
    expect(await gateway.findSent(channel, { idempotencyKey: 'pwSOMETHINGELSE000000000', since })).toBeNull();
    expect(slack.callsOf('conversations.history').map((c) => c.args.channel)).toEqual(['C0GENERAL1', 'C0GENERAL1']);
    expect(slack.callsOf('conversations.open')).toHaveLength(0);

    // An install from before the manifest asked for channel history.
    for (const s of ['channels:history', 'groups:history', 'im:history', 'mpim:history']) slack.grantedScopes.delete(s);
    const err = await gateway.findSent(channel, { idempotencyKey: 'pwCHANNEL000000000000000', since }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PathwiseError);
    expect((err as PathwiseError).code).toBe(UNRECOVERABLE);
    expect((err as PathwiseError).message).toContain('channels:history and groups:history');
  });

  it('posts a channel message (a cohort summary) in the channel itself, without opening a DM', async () => {
    await gateway.send({ ...learner, audience: 'channel' }, { blocks: [text('📊 #general this week')] });
    expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage']);
    expect(slack.calls[0]!.args).toMatchObject({ channel: 'C0GENERAL1' });
  });

  it('shows the cohort’s channel and the members it names as Slack mentions, never as raw ids', async () => {
    const channel: ConversationRef = { platform: 'slack', workspace: 'T0PATHWISE', channel: 'C0PWCHAN01', user: 'U0LEAD0001' };
    await gateway.send({ ...channel, audience: 'channel' }, await cohortPost(channel, ['U0PWUSER01', 'U0PWUSER02', 'U0PWUSER03']));
    const [post] = slack.callsOf('chat.postMessage');
    const shown = JSON.stringify(post!.args.blocks) + String(post!.args.text);
    expect(shown).toContain('📊 <#C0PWCHAN01> in the week to Sun 2026-03-08');
    expect(shown).toContain('🎉 Well done: <@U0PWUSER01> (1 step), <@U0PWUSER02> (1 step), <@U0PWUSER03> (1 step).');
    // An id outside a mention is what a person would see raw.
    expect(shown.replace(/<[@#][A-Z0-9]+>/g, '')).not.toMatch(/C0PWCHAN01|U0PWUSER0\d/);
    // The labelled chart is uploaded to the channel after the message, and reads back as a PNG.
    await slack.waitFor(() => slack.uploads.length === 1);
    expect(slack.callsOf('files.completeUploadExternal')[0]!.args.channel_id).toBe('C0PWCHAN01');
    const png = decodePng(slack.uploads[0]!.bytes);
    expect(png.width).toBe(WIDTH);
    expect(isColour(png.pixel(1, 1), '#ffffff')).toBe(true);
  });

  it('knows a workspace admin from users.info (a cohort lead), and nobody else', async () => {
    slack.admins.add('U0ADMIN001');
    await directory.timezone('U0ADMIN001');
    await directory.timezone('U0LEARNER1');
    expect([directory.cachedAdmin('U0ADMIN001'), directory.cachedAdmin('U0LEARNER1'), directory.cachedAdmin('U0UNKNOWN1')]).toEqual([true, false, false]);
  });

  it('waits out a 429 for the Retry-After seconds, then delivers', async () => {
    slack.rateLimitNext('chat.postMessage', 1);
    const sent = await gateway.send(learner, { blocks: [text('Daily task')] });
    expect(sent.messageId).toBeDefined();
    const attempts = slack.calls.filter((c) => c.method === 'chat.postMessage');
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1_000);
  });

  it('marks an unreachable person unrecoverable and anything else retryable', async () => {
    slack.failNext('conversations.open', 'user_not_found');
    const gone = await gateway.send(learner, { blocks: [text('x')] }).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(PathwiseError);
    expect((gone as PathwiseError).code).toBe(UNRECOVERABLE);
    expect((gone as PathwiseError).message).toContain('user_not_found');

    slack.failNext('chat.postMessage', 'internal_error');
    const flaky = await gateway.send(learner, { blocks: [text('x')] }).catch((e: unknown) => e);
    expect((flaky as PathwiseError).code).toBe('SLACK_SEND_FAILED');
  });

  it('can be built on its own (no Bolt app) for a process that only sends, such as the job worker', async () => {
    const standalone = createSlackGateway({ botToken: BOT_TOKEN, apiUrl: slack.apiUrl, logSink: silent });
    expect(await standalone.send(learner, { blocks: [text('Review time')] })).toEqual({ messageId: expect.any(String) });
    expect(slack.calls.map((c) => c.method)).toEqual(['conversations.open', 'chat.postMessage']);
  });

  it('refuses a conversation from another platform', async () => {
    const err = await gateway.send({ ...learner, platform: 'discord' }, { blocks: [text('x')] }).catch((e: unknown) => e);
    expect((err as PathwiseError).code).toBe(UNRECOVERABLE);
    expect(slack.calls).toEqual([]);
  });
});

describe('starting with a bad token', () => {
  it('fails with SLACK_AUTH_FAILED, naming the variable to fix and not the token', async () => {
    const adapter = new SlackAdapter({ botToken: 'xoxb-wrong-sekrit', signingSecret: 'x', apiUrl: slack.apiUrl, clock: systemClock, logSink: silent });
    const err = await adapter.start({ commands: [], handle: async () => [] }, { port: 0, host: '127.0.0.1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('SLACK_AUTH_FAILED');
    expect((err as UserError).message).toContain('SLACK_BOT_TOKEN (invalid_auth)');
    expect((err as UserError).message).not.toContain('sekrit');
  });
});

describe('SlackDirectory', () => {
  it('reads the IANA zone from users.info, never the offset, and caches it', async () => {
    slack.timezones.set('U0LEARNER1', 'Asia/Kolkata');
    expect(await directory.timezone('U0LEARNER1')).toBe('Asia/Kolkata');
    expect(await directory.timezone('U0LEARNER1')).toBe('Asia/Kolkata');
    expect(slack.callsOf('users.info')).toHaveLength(1);
    expect(await directory.timezone('U0NOZONE01')).toBeNull();
  });
});
