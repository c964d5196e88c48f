/**
 * The ChatGateway through discord.js's real REST client against the loopback
 * fake: bot-initiated messages open the learner's DM and post there, 429s
 * are waited out, and failures come back as coded errors the scheduler
 * understands (retry, or give up for good).
 */
import { REST } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordGateway } from '../../src/adapters/discord/discord.gateway.ts';
import type { ConversationRef } from '../../src/core/chat/messages.ts';
import { text } from '../../src/core/chat/messages.ts';
import { rasterise } from '../../src/pictures/rasterise.ts';
import { svgDocument } from '../../src/pictures/svg.ts';
import { PathwiseError } from '../../src/core/errors.ts';
import { UNRECOVERABLE } from '../../src/core/ports/scheduler.port.ts';
import { cohortPost } from '../support/cohort-post.ts';
import { cohortChartsSvg, WIDTH } from '../../src/pictures/cohort-charts.ts';
import { decodePng, isColour } from '../support/png.ts';
import { FakeDiscord, multipartFiles } from './support/fake-discord.ts';
import { APP_ID, GUILD_CHANNEL_ID, LEARNER_ID } from './support/fixtures.ts';
import { TEST_TOKEN } from './support/harness.ts';

let fake: FakeDiscord;
let gateway: DiscordGateway;

beforeEach(async () => {
  fake = await FakeDiscord.start();
  gateway = new DiscordGateway(new REST({ api: fake.apiUrl }).setToken(TEST_TOKEN));
});
afterEach(async () => {
  await fake.close();
});

// As the coach stores it after a first contact in a server channel.
const to: ConversationRef = { platform: 'discord', workspace: APP_ID, channel: GUILD_CHANNEL_ID, user: LEARNER_ID };
const daily = { blocks: [text('☀️ Good day! Here is your task for today.'), { kind: 'buttons' as const, buttons: [{ label: 'Done', action: 'cmd', value: 'done' }] }] };

describe('DiscordGateway', () => {
  it('sends with a nonce from the delivery tag and enforce_nonce, so a resend within the window is the same message', async () => {
    const tag = 'pwABCDEFGHIJKLMNOPQRSTUV';
    const first = await gateway.send(to, daily, { idempotencyKey: tag });
    const again = await gateway.send(to, daily, { idempotencyKey: tag });
    expect(again).toEqual(first);
    const posts = fake.find('POST', /^\/channels\/\d+\/messages$/);
    expect((posts[0]!.body as { nonce: string }).nonce.length).toBeLessThanOrEqual(25);
    expect(posts[0]!.body).toMatchObject({ nonce: `${tag}0`, enforce_nonce: true });
    expect(fake.messages.size).toBe(1);
  });

  it('past the nonce window, finds a delivery it already made among the DM\'s recent messages', async () => {
    const since = new Date(Date.now() - 1000);
    const sent = await gateway.send(to, daily, { idempotencyKey: 'pwABCDEFGHIJKLMNOPQRSTUV' });
    expect(await gateway.findSent(to, { idempotencyKey: 'pwABCDEFGHIJKLMNOPQRSTUV', since, reply: daily })).toEqual(sent);
    expect(await gateway.findSent(to, { idempotencyKey: 'pwOTHER00000000000000000', since, reply: { blocks: [text('🔁 3 card(s) are due')] } })).toBeNull();
  });

  it('opens the DM channel with the learner, posts there (never in the server channel) and returns the message id', async () => {
    const { messageId } = await gateway.send(to, daily);
    const [open] = fake.find('POST', /^\/users\/@me\/channels$/);
    expect(open!.body).toEqual({ recipient_id: LEARNER_ID });
    expect(open!.headers.authorization).toBe(`Bot ${TEST_TOKEN}`);
    const posts = fake.find('POST', /^\/channels\/\d+\/messages$/);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.path).not.toContain(GUILD_CHANNEL_ID);
    expect(posts[0]!.body).toEqual({
      content: '☀️ Good day! Here is your task for today.',
      components: [{ type: 1, components: [{ type: 2, style: 2, label: 'Done', custom_id: '0|cmd|done' }] }],
      allowed_mentions: { parse: [] },
    });
    expect(messageId).toBe(([...fake.messages.keys()].at(-1)));

    // The DM channel is remembered: the next message goes straight there.
    await gateway.send(to, daily);
    expect(fake.find('POST', /^\/users\/@me\/channels$/)).toHaveLength(1);
    expect(fake.find('POST', /^\/channels\/\d+\/messages$/)).toHaveLength(2);
  });

  it('posts a channel message (a cohort summary) in the channel itself, its chart uploaded as a multipart attachment', async () => {
    const { png } = await rasterise(svgDocument(4, 2, []));
    const summary = { blocks: [text('📊 #learning this week'), { kind: 'image' as const, png, alt: 'progress chart', filename: 'cohort-c1.png' }] };
    await gateway.send({ ...to, audience: 'channel' }, summary);
    expect(fake.find('POST', /^\/users\/@me\/channels$/)).toEqual([]);
    const [post] = fake.find('POST', /^\/channels\/\d+\/messages$/);
    expect(post!.path).toBe(`/channels/${GUILD_CHANNEL_ID}/messages`);
    expect(String(post!.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
    const raw = String(post!.body);
    expect(raw).toMatch(/name="payload_json"/);
    expect(raw).toContain(JSON.stringify('📊 #learning this week\n\n📎 progress chart').slice(1, -1));
    expect(raw).toMatch(/name="files\[0\]"; filename="cohort-c1.png"/);
    expect(raw).toContain('IHDR');
  });

  it('shows the cohort’s channel and the members it names as Discord mentions, which ping nobody', async () => {
    const members = ['1300000000000000101', '1300000000000000102', '1300000000000000103'];
    await gateway.send({ ...to, audience: 'channel' }, await cohortPost(to, members));
    const [post] = fake.find('POST', /^\/channels\/\d+\/messages$/);
    const raw = String(post!.body);
    expect(raw).toContain(`📊 <#${GUILD_CHANNEL_ID}> in the week to Sun 2026-03-08`);
    expect(raw).toContain(`🎉 Well done: ${members.map((m) => `<@${m}> (1 step)`).join(', ')}.`);
    expect(raw.replace(/<[@#]\d+>/g, '')).not.toMatch(new RegExp([GUILD_CHANNEL_ID, ...members].join('|')));
    expect(raw).toContain('"allowed_mentions":{"parse":[]}');
    // The labelled chart goes with it, as a PNG attachment that reads back.
    const [chart] = multipartFiles(post!);
    expect(chart!.filename).toBe('cohort-c1-week-to-2026-03-08.png');
    const png = decodePng(chart!.bytes);
    expect([png.width, png.height]).toEqual([WIDTH, cohortChartsSvg({ title: '', progress: [], activity: [], hardest: [{ label: '', value: 0 }] }).height]);
    expect(isColour(png.pixel(1, 1), '#ffffff')).toBe(true);
  });

  it('waits out a 429 for retry_after and sends once', async () => {
    fake.rateLimitOnce('POST', /^\/channels\/\d+\/messages$/, 0.3);
    await gateway.send(to, daily);
    const attempts = fake.find('POST', /^\/channels\/\d+\/messages$/);
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(250);
  });

  it('gives up for good (unrecoverable) when the learner cannot be messaged', async () => {
    fake.answerOnce('POST', /^\/channels\/\d+\/messages$/, 403, { message: 'Cannot send messages to this user', code: 50007 });
    const err = await gateway.send(to, daily).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PathwiseError);
    expect((err as PathwiseError).code).toBe(UNRECOVERABLE);
    expect((err as Error).message).not.toContain(TEST_TOKEN);
  });

  it('asks for a retry on a server error', async () => {
    for (let i = 0; i < 4; i++) fake.answerOnce('POST', /^\/users\/@me\/channels$/, 500, { message: 'Internal Server Error', code: 0 });
    const err = await gateway.send(to, daily).catch((e: unknown) => e);
    expect((err as PathwiseError).code).toBe('DISCORD_SEND_FAILED');
  });

  it('refuses a conversation that is not Discord, or has no user id', async () => {
    await expect(gateway.send({ ...to, platform: 'slack' }, daily)).rejects.toMatchObject({ code: UNRECOVERABLE });
    await expect(gateway.send({ ...to, user: 'U123' }, daily)).rejects.toMatchObject({ code: UNRECOVERABLE });
    expect(fake.requests).toEqual([]);
  });
});
