/**
 * The manifest asks for every scope the code needs: each Web API method the
 * Slack adapter calls (read from its source) is one Slack allows with a scope
 * the manifest requests, and a run through the real Bolt app and WebClient,
 * against a fake Slack that refuses a method without its scope as a real
 * workspace does, meets no `missing_scope`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { BOT_SCOPES } from '../../src/adapters/slack/manifest.ts';
import { SlackDirectory } from '../../src/adapters/slack/slack.directory.ts';
import { SlackGateway } from '../../src/adapters/slack/slack.gateway.ts';
import type { Incoming, Reply } from '../../src/core/chat/messages.ts';
import { text } from '../../src/core/chat/messages.ts';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { BOT_TOKEN, FakeSlack } from './support/fake-slack.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { ScriptCoach } from './support/script-coach.ts';
import { SLACK_HELPER_METHODS, SLACK_METHOD_SCOPES } from './support/slack-scopes.ts';
import { SlackUser } from './support/slack-user.ts';

const SLACK_SRC = join(PACKAGE_ROOT, 'src', 'adapters', 'slack');
const CHART = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

/** Web API methods called in the adapter's source: `client.chat.postMessage(`, `this.client.users.info(`, helpers like `filesUploadV2(`. */
function methodsInSource(): Set<string> {
  const found = new Set<string>();
  for (const file of readdirSync(SLACK_SRC).filter((f) => f.endsWith('.ts'))) {
    const src = readFileSync(join(SLACK_SRC, file), 'utf8');
    for (const m of src.matchAll(/\bclient\.([a-z]+)\.([a-zA-Z]+)\s*\(/g)) found.add(`${m[1]}.${m[2]}`);
    for (const [helper, methods] of Object.entries(SLACK_HELPER_METHODS)) {
      if (new RegExp(`\\.${helper}\\s*\\(`).test(src)) for (const m of methods) found.add(m);
    }
  }
  return found;
}

function allowed(method: string): boolean {
  const needs = SLACK_METHOD_SCOPES[method];
  return needs !== undefined && (needs.length === 0 || needs.some((s) => (BOT_SCOPES as readonly string[]).includes(s)));
}

/** The script coach, plus a chart and a file when asked in a DM (as `cohort summary` and `export` answer). */
class ChartCoach extends ScriptCoach {
  override async handle(incoming: Incoming): Promise<Reply[]> {
    if (incoming.kind === 'text' && incoming.text === 'chart') {
      return [
        {
          blocks: [
            text('Your data'),
            { kind: 'image', png: CHART, alt: 'Progress of the cohort', filename: 'cohort.png' },
            { kind: 'file', data: new TextEncoder().encode('{}'), mime: 'application/json', filename: 'pathwise-export.json', alt: 'Your data' },
          ],
        },
      ];
    }
    return super.handle(incoming);
  }
}

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('the manifest’s scopes cover every Web API method the code calls', () => {
  it('every method in the adapter’s source is one Slack allows with a requested scope', () => {
    const methods = methodsInSource();
    // The source really was read: these calls are in it.
    expect([...methods]).toEqual(expect.arrayContaining(['chat.postMessage', 'chat.update', 'conversations.open', 'users.info', 'views.open', 'views.publish', 'files.completeUploadExternal']));
    const unknown = [...methods].filter((m) => SLACK_METHOD_SCOPES[m] === undefined);
    expect(unknown, 'methods with no known scope: add them to test/slack/support/slack-scopes.ts').toEqual([]);
    expect([...methods].filter((m) => !allowed(m))).toEqual([]);
  });

  it('a whole run through the real Bolt app meets no missing_scope: DM, command, modal, buttons, Home, chart and file uploads', async () => {
    h = await startHarness(new ChartCoach());
    const ada = new SlackUser(h.send, h.slack);
    await ada.dm('I want to learn docker');
    await ada.press(/^Yes$/);
    await ada.command('quiz', 'C0GENERAL1');
    await ada.press(/container image/);
    await ada.commandOpeningModal('settings');
    await ada.openHome();
    await ada.dm('chart');
    await h.slack.waitFor(() => h!.slack.uploads.length === 2);
    await h.adapter.gateway.send({ platform: 'slack', workspace: 'T0PATHWISE', channel: 'C0PWCHAN01', user: 'U0LEARNER1', audience: 'channel' }, { blocks: [text('Weekly'), { kind: 'image', png: CHART, alt: 'chart', filename: 'week.png' }] });

    expect(h.slack.scopeRefusals()).toEqual([]);
    const called = new Set(h.slack.calls.filter((c) => !['response_url', 'upload_url'].includes(c.method)).map((c) => c.method));
    expect([...called].filter((m) => !allowed(m))).toEqual([]);
    expect(h.slack.uploads.map((u) => u.filename)).toEqual(['cohort.png', 'pathwise-export.json', 'week.png']);
  });

  it('without files:write (the old manifest) Slack refuses the upload, which the gateway reports instead of posting twice', async () => {
    const slack = await new FakeSlack().start();
    try {
      slack.grantedScopes.delete('files:write');
      const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, logLevel: webApi.LogLevel.ERROR });
      const failures: (string | undefined)[] = [];
      const gateway = new SlackGateway(client, new SlackDirectory(client), (code) => failures.push(code));
      await gateway.send({ platform: 'slack', workspace: 'T0PATHWISE', channel: 'C0PWCHAN01', user: 'U0LEARNER1', audience: 'channel' }, { blocks: [text('Weekly'), { kind: 'image', png: CHART, alt: 'chart', filename: 'week.png' }] });
      expect(failures).toEqual(['missing_scope']);
      expect(slack.uploads).toEqual([]);
    } finally {
      await slack.stop();
    }
  });
});
