/**
 * What Pathwise asks Slack about a person: the bot's direct-message channel
 * with them (`conversations.open`) and their time zone (`users.info` →
 * `user.tz`, the IANA name; never `tz_offset`, which is wrong half the year
 * where daylight saving applies). Answers are cached in bounded maps; only ids
 * and the zone name are kept.
 */
import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;

const MAX_CACHED = 5_000;

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_CACHED) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
  return value;
}

export class SlackDirectory {
  private readonly dms = new Map<string, string>();
  private readonly zones = new Map<string, string | null>();
  /** Workspace admins and owners (from the same `users.info` answer), for cohort leads. */
  private readonly admins = new Map<string, boolean>();

  constructor(private readonly client: WebClient) {}

  /** The id of the bot's DM with `user`, opening it when needed. */
  async dmChannel(user: string): Promise<string> {
    const known = this.dms.get(user);
    if (known) return known;
    const res = await this.client.conversations.open({ users: user });
    const id = res.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel id');
    return remember(this.dms, user, id);
  }

  /** The DM channel if already known, without asking Slack. */
  knownDmChannel(user: string): string | undefined {
    return this.dms.get(user);
  }

  /** Records a DM channel learned from an event (a `message.im` or `app_home_opened`). */
  noteDmChannel(user: string, channel: string): void {
    if (channel.startsWith('D')) remember(this.dms, user, channel);
  }

  /** The time zone already looked up for `user`, without asking Slack; null when unknown. */
  cachedTimezone(user: string): string | null {
    return this.zones.get(user) ?? null;
  }

  /** Whether `user` is a workspace admin or owner, as last looked up with {@link timezone}; false when unknown. */
  cachedAdmin(user: string): boolean {
    return this.admins.get(user) ?? false;
  }

  /** The IANA time zone from the Slack profile, or null when Slack has none. */
  async timezone(user: string): Promise<string | null> {
    if (this.zones.has(user)) return this.zones.get(user) ?? null;
    const res = await this.client.users.info({ user });
    const tz = res.user?.tz;
    remember(this.admins, user, res.user?.is_admin === true || res.user?.is_owner === true);
    return remember(this.zones, user, typeof tz === 'string' && isIanaZone(tz) ? tz : null);
  }
}

/** Whether the runtime knows `tz` as a time zone name. */
export function isIanaZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
