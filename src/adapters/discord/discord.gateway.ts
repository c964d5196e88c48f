/**
 * {@link ChatGateway} for Discord: messages Pathwise starts itself (daily
 * tasks, review prompts) go to the learner's DM with the bot, whatever
 * channel the stored reference names (a server channel is no place for one
 * person's tasks): `POST /users/@me/channels` opens (or returns) the DM
 * channel, then `POST /channels/{id}/messages` sends.
 *
 * Exactly once: each message carries a nonce derived from the delivery's
 * idempotency tag with `enforce_nonce`, so Discord answers a repeat within
 * its nonce window (a few minutes) with the first message instead of
 * posting another. Past that window {@link DiscordGateway.findSent} reads
 * the DM's recent messages for one the bot posted since the claim that
 * reads as the delivery would (Discord does not return nonces when
 * messages are fetched).
 *
 * It needs only REST, not the gateway connection, so a worker process can
 * send without logging in to the gateway. Rate limits are discord.js's job:
 * its REST client waits out a 429's `retry_after` and retries. Failures
 * throw a {@link PathwiseError}: `DISCORD_SEND_FAILED` for what a later try
 * may fix, `JOB_UNRECOVERABLE` when the person cannot be reached at all
 * (DMs closed, unknown user), so the job is not retried.
 */
import { DiscordAPIError, REST, Routes, type APIChannel, type APIMessage } from 'discord.js';
import type { ConversationRef, Reply } from '../../core/chat/messages.ts';
import { PathwiseError } from '../../core/errors.ts';
import type { ChatGateway, SendOptions } from '../../core/ports/chat.port.ts';
import { UNRECOVERABLE } from '../../core/ports/scheduler.port.ts';
import { renderMessages, type LongIdStore } from './components.ts';

/**
 * Discord JSON error codes no retry will fix for this person: unknown user
 * (10013), cannot send messages to this user (50007), invalid recipient(s)
 * (50033), invalid form body (50035, our payload is wrong).
 */
const PERMANENT = new Set([10013, 50007, 50033, 50035]);

const MAX_CACHED_CHANNELS = 10_000;

/** The nonce of a delivery's `part`th message: the 24-character tag plus the part's digit (Discord allows 25). */
function nonceOf(tag: string, part: number): string {
  return `${tag.slice(0, 24)}${part % 10}`;
}

export class DiscordGateway implements ChatGateway {
  /** User id → DM channel id (stable for a user and a bot). */
  private readonly dmChannels = new Map<string, string>();

  constructor(
    private readonly rest: REST,
    private readonly longIds?: LongIdStore,
  ) {}

  async send(to: ConversationRef, reply: Reply, opts?: SendOptions): Promise<{ messageId?: string }> {
    if (to.platform !== 'discord') {
      throw new PathwiseError(UNRECOVERABLE, `the Discord gateway cannot send to a ${to.platform} conversation`);
    }
    if (to.audience === 'channel' ? !/^\d{1,21}$/.test(to.channel) : !/^\d{1,21}$/.test(to.user)) throw new PathwiseError(UNRECOVERABLE, to.audience === 'channel' ? 'the conversation reference has no Discord channel id' : 'the conversation reference has no Discord user id');
    try {
      // A channel post (cohort summary) goes to the channel; everything else is the learner's alone, so to their DM.
      const channel = to.audience === 'channel' ? to.channel : await this.dmChannel(to.user);
      let last: APIMessage | undefined;
      let i = 0;
      for (const { files, ...body } of renderMessages(reply, this.longIds)) {
        const upload = files ? { files: files.map((f) => ({ name: f.name, data: Buffer.from(f.data) })) } : {};
        const nonce = opts?.idempotencyKey ? { nonce: nonceOf(opts.idempotencyKey, i++), enforce_nonce: true } : {};
        last = (await this.rest.post(Routes.channelMessages(channel), { body: { ...body, ...nonce }, ...upload })) as APIMessage;
      }
      return last ? { messageId: last.id } : {};
    } catch (err) {
      const code = err instanceof DiscordAPIError && typeof err.code === 'number' ? err.code : undefined;
      const permanent = code !== undefined && PERMANENT.has(code);
      if (code === 10003) this.dmChannels.delete(to.user); // Unknown channel: open it again next time.
      throw new PathwiseError(permanent ? UNRECOVERABLE : 'DISCORD_SEND_FAILED', `Discord did not take the message${code !== undefined ? ` (code ${code})` : ''}`, { cause: err });
    }
  }

  /** The bot's messages in the DM since the claim (a minute of slack for clock skew): one reading as the delivery's first part settles it. */
  async findSent(to: ConversationRef, sent: { idempotencyKey: string; since: Date; reply: Reply }): Promise<{ messageId?: string } | null> {
    if (to.platform !== 'discord' || !/^\d{1,21}$/.test(to.audience === 'channel' ? to.channel : to.user)) return null;
    const channel = to.audience === 'channel' ? to.channel : await this.dmChannel(to.user);
    const [first] = renderMessages(sent.reply, this.longIds);
    const since = sent.since.getTime() - 60_000;
    const recent = (await this.rest.get(Routes.channelMessages(channel), { query: new URLSearchParams({ limit: '50' }) })) as (APIMessage & { nonce?: string | number })[];
    const nonce = nonceOf(sent.idempotencyKey, 0);
    const hit = recent.find((m) => m.nonce === nonce || (m.author?.bot === true && Date.parse(m.timestamp) >= since && m.content === (first?.content ?? '')));
    return hit ? { messageId: hit.id } : null;
  }

  private async dmChannel(userId: string): Promise<string> {
    const cached = this.dmChannels.get(userId);
    if (cached) return cached;
    const channel = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
    this.dmChannels.set(userId, channel.id);
    if (this.dmChannels.size > MAX_CACHED_CHANNELS) this.dmChannels.delete(this.dmChannels.keys().next().value!);
    return channel.id;
  }
}

/**
 * A Discord gateway on a REST client of its own, for a process that only
 * sends (`pathwise worker`): no gateway login. `close` stops the REST
 * client's sweeper timers so the process can exit.
 */
export function discordRestGateway(options: { token: string; apiUrl: string }): { gateway: DiscordGateway; close(): void } {
  const rest = new REST({ api: options.apiUrl }).setToken(options.token);
  return {
    gateway: new DiscordGateway(rest),
    close() {
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    },
  };
}
