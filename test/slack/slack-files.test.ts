/**
 * Images and files of a reply reach Slack through the external upload flow
 * (files.getUploadURLExternal → POST to upload_url → files.completeUploadExternal),
 * with the real WebClient against the loopback fake: for a reply to a
 * learner's event (deliverReply) and for a bot-initiated post (the gateway).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { SlackDirectory } from '../../src/adapters/slack/slack.directory.ts';
import { deliverReply } from '../../src/adapters/slack/slack.delivery.ts';
import { SlackGateway } from '../../src/adapters/slack/slack.gateway.ts';
import type { Block, ConversationRef, Reply } from '../../src/core/chat/messages.ts';
import { text } from '../../src/core/chat/messages.ts';
import { BOT_TOKEN, FakeSlack } from './support/fake-slack.ts';
import { startHarness } from './support/harness.ts';
import { fixture } from './support/slack-requests.ts';
import { TEST_COMMANDS } from './support/script-coach.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG-signed byte string with every byte value in it, so any text re-encoding on the way would show. */
function png(size = 4096): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(PNG_SIGNATURE, 0);
  for (let i = PNG_SIGNATURE.length; i < size; i++) bytes[i] = (i * 31 + 7) % 256;
  return bytes;
}

let slack: FakeSlack;
let client: webApi.WebClient;
let directory: SlackDirectory;

beforeEach(async () => {
  slack = await new FakeSlack().start();
  client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, logLevel: webApi.LogLevel.ERROR });
  directory = new SlackDirectory(client);
});
afterEach(async () => {
  await slack.stop();
});

function expectUploaded(bytes: Uint8Array, filename: string, channel: string, title: string, fake: FakeSlack = slack): void {
  expect(fake.uploads).toHaveLength(1);
  const up = fake.uploads[0]!;
  expect(up.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(up.bytes.length).toBe(bytes.length);
  expect(up.length).toBe(bytes.length);
  expect(up.bytes.equals(Buffer.from(bytes))).toBe(true);
  expect(up.filename).toBe(filename);
  const [getUrl] = fake.callsOf('files.getUploadURLExternal');
  expect(getUrl!.args).toMatchObject({ filename, length: String(bytes.length) });
  const [complete] = fake.callsOf('files.completeUploadExternal');
  expect(complete!.args.channel_id).toBe(channel);
  expect(JSON.parse(String(complete!.args.files))).toEqual([{ id: up.fileId, title }]);
  expect(complete!.response).toEqual({ ok: true, files: [{ id: up.fileId, title }] });
}

describe('Slack file uploads', () => {
  it('a reply in the DM posts the message, then uploads the PNG intact to that DM', async () => {
    const bytes = png();
    const reply: Reply = { blocks: [text('Your week'), { kind: 'image', png: bytes, alt: 'progress chart', filename: 'progress.png' }] };
    await deliverReply(client, directory, reply, { user: 'U0LEARNER1', dm: 'D0LEARNER1' });
    expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'files.getUploadURLExternal', 'upload_url', 'files.completeUploadExternal']);
    expect(slack.calls[0]!.args).toMatchObject({ channel: 'D0LEARNER1' });
    expectUploaded(bytes, 'progress.png', 'D0LEARNER1', 'progress chart');
    expect(slack.callsOf('files.getUploadURLExternal')[0]!.args.alt_text).toBe('progress chart');
  });

  it('an ephemeral reply in a channel keeps its file out of the channel: it goes to the learner’s DM', async () => {
    const bytes = png(300);
    const reply: Reply = { blocks: [{ kind: 'image', png: bytes, alt: 'your mastery', filename: 'mastery.png' }] };
    await deliverReply(client, directory, reply, { user: 'U0LEARNER1', channel: 'C0GENERAL1' });
    expect(slack.callsOf('chat.postEphemeral')[0]!.args).toMatchObject({ channel: 'C0GENERAL1', user: 'U0LEARNER1' });
    expectUploaded(bytes, 'mastery.png', 'D0LEARNER1', 'your mastery');
  });

  it('a file block (a data export) is uploaded too, without image alt text', async () => {
    const data = new TextEncoder().encode('{"goal":"Kubernetes"}');
    const file: Block = { kind: 'file', data, mime: 'application/json', filename: 'export.json', alt: 'your data' };
    await deliverReply(client, directory, { blocks: [file] }, { user: 'U0LEARNER1', dm: 'D0LEARNER1' });
    expect(slack.uploads.map((u) => u.bytes.toString('utf8'))).toEqual(['{"goal":"Kubernetes"}']);
    expect(slack.callsOf('files.getUploadURLExternal')[0]!.args.alt_text).toBeUndefined();
    expect(slack.callsOf('files.completeUploadExternal')[0]!.args.channel_id).toBe('D0LEARNER1');
  });

  it('a gateway channel post (cohort summary) uploads its chart to that channel', async () => {
    const bytes = png(10_000);
    const cohort: ConversationRef = { platform: 'slack', workspace: 'T0PATHWISE', channel: 'C0GENERAL1', user: 'U0LEAD0001', audience: 'channel' };
    const sent = await new SlackGateway(client, directory).send(cohort, {
      blocks: [text('📊 #general this week'), { kind: 'image', png: bytes, alt: 'cohort chart', filename: 'cohort.png' }],
    });
    expect(sent).toEqual({ messageId: '1700000000.000001' });
    expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'files.getUploadURLExternal', 'upload_url', 'files.completeUploadExternal']);
    expect(slack.calls[0]!.args).toMatchObject({ channel: 'C0GENERAL1' });
    expectUploaded(bytes, 'cohort.png', 'C0GENERAL1', 'cohort chart');
  });

  it('a failed upload after the message went out is reported, not thrown: a retry must not post the message twice', async () => {
    slack.failNext('files.completeUploadExternal', 'not_in_channel');
    const cohort: ConversationRef = { platform: 'slack', workspace: 'T0PATHWISE', channel: 'C0GENERAL1', user: 'U0LEAD0001', audience: 'channel' };
    const reported: (string | undefined)[] = [];
    const sent = await new SlackGateway(client, directory, (code) => reported.push(code)).send(cohort, {
      blocks: [{ kind: 'text', text: 'Weekly summary' }, { kind: 'image', png: png(64), alt: 'chart', filename: 'c.png' }],
    });
    expect(sent.messageId).toBeDefined();
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
    expect(reported).toEqual(['not_in_channel']);
  });
});

describe('Slack file uploads through the Bolt app', () => {
  it('a learner’s DM answered with a chart: the PNG arrives intact in that DM', async () => {
    const bytes = png(2048);
    const coach = {
      commands: TEST_COMMANDS,
      handle: async (): Promise<Reply[]> => [{ blocks: [text('Here is your week'), { kind: 'image', png: bytes, alt: 'progress chart', filename: 'week.png' }] }],
    };
    const h = await startHarness(coach);
    try {
      const e = fixture('event-message-im');
      const res = await h.send.event({ ...e, event_id: 'Ev0CHART001', event: { ...(e.event as Record<string, unknown>), text: 'how am I doing?' } });
      expect(res.status).toBe(200);
      await h.slack.waitFor((calls) => calls.some((c) => c.method === 'files.completeUploadExternal'));
      expectUploaded(bytes, 'week.png', 'D0LEARNER1', 'progress chart', h.slack);
      expect(h.slack.callsOf('chat.postMessage')[0]!.args).toMatchObject({ channel: 'D0LEARNER1' });
    } finally {
      await h.close();
    }
  });
});
