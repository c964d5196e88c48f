/**
 * {@link ChatGateway} for Slack: messages Pathwise starts itself (daily tasks,
 * review prompts) go to the learner's DM with the bot, `conversations.open`
 * then `chat.postMessage`, whatever channel the stored reference names (a
 * channel is no place for someone's own tasks). Images and files (a cohort
 * summary's chart) are uploaded to the same conversation after the message;
 * once the message is posted the send counts as done, so a failed upload is
 * reported through `onAttachmentError` rather than thrown (a thrown error
 * would make the job retry and post the same message twice).
 *
 * Exactly once: each delivery's idempotency tag travels as message
 * `metadata` (`event_type: pathwise_delivery`), and {@link SlackGateway.findSent}
 * reads the DM's history (`conversations.history` with
 * `include_all_metadata`, scope `im:history`, which the app already has for
 * the `message.im` event) for it, so a `sending` record left by a crash is
 * settled without posting twice. A channel post (the weekly cohort summary)
 * carries the tag too and is looked up in the channel's own history, which
 * needs `channels:history` (public channels) and `groups:history` (private
 * ones); an install that has not granted them yet cannot check, so the run
 * fails unrecoverably (to the dead letters, to retry once the scopes are
 * granted) rather than risk posting twice.
 *
 * Rate limits: the WebClient honours Slack's 429 `Retry-After` and retries by
 * itself. Since 2025 `conversations.history` allows about one call a minute
 * to commercially distributed apps outside the Marketplace (internal apps
 * keep Tier 3): a settle then waits its turn inside the client, and if the
 * client gives up the run fails and is retried with backoff. It never sends
 * without an answer. Failures throw a {@link PathwiseError}: `SLACK_SEND_FAILED` for
 * what a later try may fix, `JOB_UNRECOVERABLE` when the person cannot be
 * reached at all (deleted or deactivated account), so the job is not retried.
 */
import { webApi } from '@slack/bolt';
import type { ConversationRef, Reply } from '../../core/chat/messages.ts';
import { PathwiseError } from '../../core/errors.ts';
import type { ChatGateway, SendOptions } from '../../core/ports/chat.port.ts';
import { UNRECOVERABLE } from '../../core/ports/scheduler.port.ts';
import { renderMessage } from './block-kit.ts';
import { SlackDirectory } from './slack.directory.ts';
import { uploadAttachments } from './slack.files.ts';
import { createSlackLogger, type LogLevelName, type LogSink } from './slack.logger.ts';

type WebClient = webApi.WebClient;

/** Slack errors that no retry will fix for this person. */
const PERMANENT = new Set(['user_not_found', 'user_disabled', 'account_inactive', 'cannot_dm_bot', 'user_is_bot', 'invalid_blocks']);

/** The Slack error code (`channel_not_found`…) of a failed Web API call, when there is one. */
export function slackErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

export class SlackGateway implements ChatGateway {
  constructor(
    private readonly client: WebClient,
    private readonly directory: SlackDirectory,
    private readonly onAttachmentError: (code: string | undefined, err: unknown) => void = () => {},
  ) {}

  async send(to: ConversationRef, reply: Reply, opts?: SendOptions): Promise<{ messageId?: string }> {
    if (to.platform !== 'slack') {
      throw new PathwiseError(UNRECOVERABLE, `the Slack gateway cannot send to a ${to.platform} conversation`);
    }
    try {
      // A channel post (cohort summary) goes to the channel; everything else is the learner's alone, so to their DM.
      const channel = to.audience === 'channel' ? to.channel : await this.directory.dmChannel(to.user);
      const metadata = opts?.idempotencyKey ? { metadata: { event_type: DELIVERY_EVENT, event_payload: { tag: opts.idempotencyKey } } } : {};
      const res = await this.client.chat.postMessage({ channel, ...renderMessage(reply), ...metadata });
      try {
        await uploadAttachments(this.client, channel, reply);
      } catch (err) {
        this.onAttachmentError(slackErrorCode(err), err);
      }
      return res.ts ? { messageId: res.ts } : {};
    } catch (err) {
      const code = slackErrorCode(err);
      const permanent = code !== undefined && PERMANENT.has(code);
      throw new PathwiseError(permanent ? UNRECOVERABLE : 'SLACK_SEND_FAILED', `Slack did not take the message${code ? `: ${code}` : ''}`, {
        cause: err,
      });
    }
  }

  /**
   * Reads the conversation the message went to (the learner's DM, or the
   * channel of a channel post) since the claim, with a minute of slack for
   * clock skew, for a message carrying the tag. A busy channel is read a
   * page at a time; one with more than {@link HISTORY_PAGES} pages since the
   * claim cannot be settled, and the run fails to be retried rather than send.
   */
  async findSent(to: ConversationRef, sent: { idempotencyKey: string; since: Date }): Promise<{ messageId?: string } | null> {
    if (to.platform !== 'slack') return null;
    const channel = to.audience === 'channel' ? to.channel : await this.directory.dmChannel(to.user);
    const oldest = (Math.max(0, sent.since.getTime() - 60_000) / 1000).toFixed(6);
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const res = await this.client.conversations
        .history({ channel, oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) })
        .catch((err: unknown) => {
          if (slackErrorCode(err) !== 'missing_scope') throw err;
          throw new PathwiseError(UNRECOVERABLE, `checking whether a post to ${channel} already went out needs the ${to.audience === 'channel' ? 'channels:history and groups:history' : 'im:history'} scopes: reinstall the app from \`pathwise slack manifest\`, then \`pathwise jobs retry\``, { cause: err });
        });
      for (const m of res.messages ?? []) {
        const meta = m.metadata as { event_type?: string; event_payload?: { tag?: unknown } } | undefined;
        if (meta?.event_type === DELIVERY_EVENT && meta.event_payload?.tag === sent.idempotencyKey) return m.ts ? { messageId: m.ts } : {};
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!res.has_more || !cursor) return null;
    }
    throw new PathwiseError('SLACK_SEND_FAILED', `${channel} has more than ${HISTORY_PAGES * 200} messages since the claim; not sending again without knowing`);
  }
}

/** Pages of history (200 messages each) read when settling a crashed send, at most. */
const HISTORY_PAGES = 5;

/** The metadata event type of a delivery's tag. */
export const DELIVERY_EVENT = 'pathwise_delivery';

/**
 * A Slack gateway on its own WebClient, for a process that only sends (e.g.
 * `pathwise worker` running daily tasks on BullMQ): no Bolt app, no listener,
 * just the bot token. Logs go through the masking logger.
 */
export function createSlackGateway(options: { botToken: string; apiUrl?: string; logLevel?: LogLevelName; logSink?: LogSink }): SlackGateway {
  const logger = createSlackLogger(options.logLevel ?? 'warn', options.logSink);
  const client = new webApi.WebClient(options.botToken, { slackApiUrl: options.apiUrl ?? 'https://slack.com/api/', logger });
  return new SlackGateway(client, new SlackDirectory(client), (code) => logger.warn(`attachment upload failed after the message was posted: ${code ?? 'no code'}`));
}
