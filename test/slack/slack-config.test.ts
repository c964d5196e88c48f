import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

describe('Slack configuration', () => {
  it('reads the Slack variables, with defaults for the API URL and port', () => {
    expect(loadConfig({}).slack).toEqual({ apiUrl: 'https://slack.com/api/', port: 3000 });
    expect(
      loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
        SLACK_APP_TOKEN: 'xapp-1-A1-2-def',
        SLACK_SIGNING_SECRET: 's3cret',
        SLACK_API_URL: 'http://127.0.0.1:9999/api',
        SLACK_PORT: '8080',
      }).slack,
    ).toEqual({ botToken: 'xoxb-1-2-abc', appToken: 'xapp-1-A1-2-def', signingSecret: 's3cret', apiUrl: 'http://127.0.0.1:9999/api/', port: 8080 });
  });

  it('refuses a token of the wrong kind, naming the variable and never echoing the value', () => {
    for (const [name, value] of [
      ['SLACK_BOT_TOKEN', 'xoxp-user-token-sekrit'],
      ['SLACK_APP_TOKEN', 'xoxb-bot-token-sekrit'],
      ['SLACK_PORT', 'sekrit-port'],
      ['SLACK_API_URL', 'ftp://sekrit.example'],
    ] as const) {
      let message = '';
      try {
        loadConfig({ [name]: value });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toContain(name);
      expect(message).not.toContain('sekrit');
    }
  });
});
