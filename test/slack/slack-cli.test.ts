/**
 * `pathwise slack` as a real process: HTTP mode on a free loopback port,
 * pointed at the fake Web API through SLACK_API_URL, answers a signed DM and
 * stops cleanly on SIGTERM. `pathwise slack manifest` prints the manifest for
 * the shipped command definitions. Bounded in time.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { buildManifest } from '../../src/adapters/slack/manifest.ts';
import { loadCommands } from '../../src/coach/command-loader.ts';
import { PACKAGE_ROOT } from '../../src/config.ts';
import { runCli } from '../../src/main.ts';
import { writeFixtureRoadmaps } from '../support/fixture-graph.ts';
import { tempDir } from '../support/temp-dir.ts';
import { BOT_TOKEN, FakeSlack } from './support/fake-slack.ts';
import { fixture, SIGNING_SECRET, SlackSender } from './support/slack-requests.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  return { io: { stdout, stderr, stdin: new PassThrough() }, out: () => out, err: () => err };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('pathwise slack manifest', () => {
  it('prints the manifest for the shipped commands as YAML, or JSON with --json, with the HTTP URL when given', async () => {
    const commands = await loadCommands(join(PACKAGE_ROOT, 'commands'));
    const yaml = io();
    expect(await runCli(['slack', 'manifest'], yaml.io, {})).toBe(0);
    expect(parse(yaml.out())).toEqual(buildManifest(commands));
    const json = io();
    expect(await runCli(['slack', 'manifest', '--json', '--url', 'https://coach.example.org'], json.io, {})).toBe(0);
    expect(JSON.parse(json.out())).toEqual(buildManifest(commands, { url: 'https://coach.example.org' }));
    const bad = io();
    expect(await runCli(['slack', 'manifest', '--url', 'http://insecure.example.org'], bad.io, {})).toBe(2);
    expect(bad.err()).toContain('https');
  });
});

describe('pathwise slack (spawned)', () => {
  it('refuses to start without tokens, saying which to set and never printing a secret', async () => {
    const t = io();
    expect(await runCli(['slack'], t.io, { SLACK_SIGNING_SECRET: 'sekrit-signing' })).toBe(2);
    expect(t.err()).toContain('SLACK_BOT_TOKEN');
    expect(t.err()).not.toContain('sekrit');
    const u = io();
    expect(await runCli(['slack'], u.io, { SLACK_BOT_TOKEN: 'xoxb-sekrit-token' })).toBe(2);
    expect(u.err()).toMatch(/SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/);
    expect(u.err()).not.toContain('sekrit');
  });

  it('serves signed HTTP requests on SLACK_PORT, answers a DM through SLACK_API_URL, and stops on SIGTERM', async () => {
    const slack = await new FakeSlack().start();
    cleanups.push(() => slack.stop());
    const t = tempDir();
    cleanups.push(t.remove);
    const port = await freePort();
    const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin/pathwise.js'), 'slack'], {
      env: {
        ...process.env,
        CI: '',
        PATHWISE_DATA_DIR: join(t.dir, 'data'),
        PATHWISE_ROADMAPS: writeFixtureRoadmaps(join(t.dir, 'roadmaps')),
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        SLACK_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    const killer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    cleanups.push(() => clearTimeout(killer));

    for (let i = 0; i < 200 && !stdout.includes('listening for Slack'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(stdout).toContain(`listening for Slack on port ${port}`);

    const send = new SlackSender(`http://127.0.0.1:${port}/slack/events`);
    expect((await send.event(fixture('event-message-im'))).status).toBe(200);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length === 1, 10_000);
    expect(JSON.stringify(slack.callsOf('chat.postMessage')[0]!.args.blocks)).toContain("I'm Pathwise");

    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(stdout + stderr).not.toContain(BOT_TOKEN);
    expect(stdout + stderr).not.toContain(SIGNING_SECRET);
  }, 40_000);
});
