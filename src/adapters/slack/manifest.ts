/**
 * The Slack app manifest, generated from the command definitions, so that
 * installing Pathwise is one paste at https://api.slack.com/apps ("Create New
 * App" → "From a manifest"). Scopes are the least the adapter uses:
 *
 * | scope        | for                                                      |
 * | ------------ | -------------------------------------------------------- |
 * | `commands`   | `/pathwise`                                              |
 * | `chat:write` | `chat.postMessage`, `chat.postEphemeral`, `chat.update`  |
 * | `im:write`   | `conversations.open` (daily tasks arrive as DMs)         |
 * | `im:history` | the `message.im` event (free text in the DM); reading a DM back after a crashed send |
 * | `channels:history`, `groups:history` | reading a cohort's channel (public, private) back after a crashed weekly post, for its delivery tag |
 * | `users:read` | `users.info` → `user.tz`, the default time zone          |
 * | `files:write`| `files.uploadV2` (charts, the data export): `files.getUploadURLExternal`, `files.completeUploadExternal` |
 *
 * `app_home_opened` and `views.publish` / `views.open` need no scope beyond the
 * Home tab being enabled. The weekly cohort post goes to channels the bot was
 * invited to (`/invite @Pathwise`): `chat:write` and `files:write` post it,
 * and the two history scopes let a worker that crashed mid-post see whether
 * it went out (message metadata) instead of posting it twice. They read only
 * channels the bot is in, and only then: no channel message events are
 * subscribed to.
 */
import type { webApi } from '@slack/bolt';
import type { CommandSpec } from './command-spec.ts';
import { SLASH_COMMAND, usageHint } from './slash-command.ts';

export type SlackManifest = webApi.AppsManifestCreateArguments['manifest'];

export const BOT_SCOPES = ['commands', 'chat:write', 'im:write', 'im:history', 'channels:history', 'groups:history', 'users:read', 'files:write'] as const;
export const BOT_EVENTS = ['app_home_opened', 'message.im'] as const;

export interface ManifestOptions {
  /**
   * HTTP mode: the public https base URL Slack posts to; requests go to
   * `{url}/slack/events`. Without it the manifest is for Socket Mode.
   */
  url?: string;
  /** Display name (at most 35 characters). */
  name?: string;
}

export function buildManifest(commands: readonly CommandSpec[], options: ManifestOptions = {}): SlackManifest {
  const name = (options.name ?? 'Pathwise').slice(0, 35);
  const endpoint = options.url ? `${options.url.replace(/\/+$/, '')}/slack/events` : undefined;
  const names = commands.map((c) => c.name).join(', ');
  const description = `Your learning coach${names ? `: ${names}` : ''}`;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'A learning coach: plans a path to your goal, quizzes you, and shows up daily.',
      background_color: '#2c3e50',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: name, always_online: true },
      slash_commands: [
        {
          command: SLASH_COMMAND,
          description: description.length <= 2000 ? description : `${description.slice(0, 1999)}…`,
          usage_hint: usageHint(commands),
          // Mentions arrive as <@U…|name> ("/pathwise cohort grant-lead @ada" names a person, not a word); entities are read back in slash-command.ts.
          should_escape: true,
          ...(endpoint ? { url: endpoint } : {}),
        },
      ],
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { bot_events: [...BOT_EVENTS], ...(endpoint ? { request_url: endpoint } : {}) },
      interactivity: { is_enabled: true, ...(endpoint ? { request_url: endpoint } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: endpoint === undefined,
      token_rotation_enabled: false,
    },
  };
}
