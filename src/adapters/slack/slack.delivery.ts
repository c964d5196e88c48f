/**
 * Where the coach's replies go in Slack, and how.
 *
 * - In the bot's DM they are posted (`chat.postMessage`), so they have a `ts`
 *   and a quiz can later be updated in place with `chat.update`.
 * - Anywhere else they are ephemeral through the command's or button's
 *   `response_url` (`respond`) unless the coach marks one `ephemeral: false`:
 *   what the coach says is about one learner's own progress.
 * - A reply with `replaceOriginal` updates the message its button sat on:
 *   `chat.update`, or `respond({ replace_original })` for an ephemeral
 *   message, which has no `ts` (its button press carries only a `container`).
 * - Its `image` and `file` blocks are uploaded after the message
 *   (slack.files.ts) to the conversation it was posted in. Slack has no
 *   ephemeral files, so those of an ephemeral reply go to the learner's DM
 *   instead of the shared channel.
 */
import type { RespondFn, webApi } from '@slack/bolt';
import type { Reply } from '../../core/chat/messages.ts';
import { renderMessage } from './block-kit.ts';
import type { SlackDirectory } from './slack.directory.ts';
import { attachmentsOf, uploadAttachments } from './slack.files.ts';

type WebClient = webApi.WebClient;

/** Where the replies to one incoming go. */
export interface Surface {
  user: string;
  /** The bot's DM with the person, when the incoming came from there. */
  dm?: string;
  /** A shared conversation the incoming came from. */
  channel?: string;
  respond?: RespondFn;
  /** The posted (non-ephemeral) message a button sat on. */
  original?: { channel: string; ts: string };
  /** The button sat on an ephemeral message: only `respond` can replace it. */
  ephemeralOriginal?: boolean;
}

/** Sends one reply to where the incoming it answers came from, then uploads its images and files. */
export async function deliverReply(client: WebClient, directory: SlackDirectory, reply: Reply, s: Surface): Promise<void> {
  const posted = await postReply(client, directory, reply, s);
  if (attachmentsOf(reply).length === 0) return;
  await uploadAttachments(client, posted ?? s.dm ?? (await directory.dmChannel(s.user)), reply);
}

/** Posts the message; returns the conversation everyone there sees it in, or undefined when it was ephemeral. */
async function postReply(client: WebClient, directory: SlackDirectory, reply: Reply, s: Surface): Promise<string | undefined> {
  const message = renderMessage(reply);
  if (reply.replaceOriginal && s.original) {
    await client.chat.update({ channel: s.original.channel, ts: s.original.ts, ...message });
    return s.original.channel;
  }
  if (reply.replaceOriginal && s.ephemeralOriginal && s.respond) {
    await s.respond({ replace_original: true, ...message });
    return undefined;
  }
  if (s.dm) {
    await client.chat.postMessage({ channel: s.dm, ...message });
    return s.dm;
  }
  const ephemeral = reply.ephemeral !== false;
  if (s.respond) {
    await s.respond({ response_type: ephemeral ? 'ephemeral' : 'in_channel', replace_original: false, ...message });
    return ephemeral ? undefined : s.channel;
  }
  if (s.channel) {
    await (ephemeral
      ? client.chat.postEphemeral({ channel: s.channel, user: s.user, ...message })
      : client.chat.postMessage({ channel: s.channel, ...message }));
    return ephemeral ? undefined : s.channel;
  }
  const dm = await directory.dmChannel(s.user);
  await client.chat.postMessage({ channel: dm, ...message });
  return dm;
}
