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
 * Rate limits: the WebClient honours Slack's 429 `Retry-After` and retries by
 * itself. Failures throw a {@link PathwiseError}: `SLACK_SEND_FAILED` for
 * what a later try may fix, `JOB_UNRECOVERABLE` when the person cannot be
 * reached at all (deleted or deactivated account), so the job is not retried.
 */
import { webApi } from '@slack/bolt';
import type { ConversationRef, Reply } from '../../core/chat/messages.ts';
import { PathwiseError } from '../../core/errors.ts';
import type { ChatGateway } from '../../core/ports/chat.port.ts';
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

  async send(to: ConversationRef, reply: Reply): Promise<{ messageId?: string }> {
    if (to.platform !== 'slack') {
      throw new PathwiseError(UNRECOVERABLE, `the Slack gateway cannot send to a ${to.platform} conversation`);
    }
    try {
      // A channel post (cohort summary) goes to the channel; everything else is the learner's alone, so to their DM.
      const channel = to.audience === 'channel' ? to.channel : await this.directory.dmChannel(to.user);
      const res = await this.client.chat.postMessage({ channel, ...renderMessage(reply) });
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
}

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
