import { describe, expect, it } from 'vitest';
import { BOT_EVENTS, BOT_SCOPES, buildManifest } from '../../src/adapters/slack/manifest.ts';
import { TEST_COMMANDS } from './support/script-coach.ts';

describe('buildManifest', () => {
  it('describes a Socket Mode app by default: one slash command from the definitions, DMs, App Home, interactivity', () => {
    const m = buildManifest(TEST_COMMANDS);
    expect(m.display_information.name).toBe('Pathwise');
    expect(m.features?.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(m.features?.slash_commands).toEqual([
      {
        command: '/pathwise',
        description: 'Your learning coach: goal, quiz, progress, settings',
        usage_hint: '[goal | quiz | progress | settings] [text]',
        should_escape: true,
      },
    ]);
    expect(m.oauth_config?.scopes?.bot).toEqual(['commands', 'chat:write', 'im:write', 'im:history', 'channels:history', 'groups:history', 'users:read', 'files:write']);
    expect(m.settings).toEqual({
      event_subscriptions: { bot_events: ['app_home_opened', 'message.im'] },
      interactivity: { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: true,
      token_rotation_enabled: false,
    });
  });

  it('points commands, events and interactivity at {url}/slack/events in HTTP mode', () => {
    const m = buildManifest(TEST_COMMANDS, { url: 'https://coach.example.org/' });
    const endpoint = 'https://coach.example.org/slack/events';
    expect(m.features?.slash_commands?.[0]?.url).toBe(endpoint);
    expect(m.settings?.event_subscriptions?.request_url).toBe(endpoint);
    expect(m.settings?.interactivity).toEqual({ is_enabled: true, request_url: endpoint });
    expect(m.settings?.socket_mode_enabled).toBe(false);
  });

  it('stays within Slack’s field limits', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ name: `command-number-${i}`, description: 'x' }));
    const m = buildManifest(many, { name: 'A very long application display name indeed' });
    expect(m.display_information.name.length).toBeLessThanOrEqual(35);
    expect(m.display_information.description!.length).toBeLessThanOrEqual(140);
    const cmd = m.features!.slash_commands![0]!;
    expect(cmd.command.length).toBeLessThanOrEqual(32);
    expect(cmd.description.length).toBeLessThanOrEqual(2000);
    expect(cmd.usage_hint!.length).toBeLessThanOrEqual(1000);
    // Channel history is read back after a crashed cohort post only: no channel's messages are subscribed to.
    expect(BOT_SCOPES).toEqual(expect.arrayContaining(['channels:history', 'groups:history']));
    expect(BOT_EVENTS).toEqual(['app_home_opened', 'message.im']);
  });
});
