/**
 * `pathwise discord register` in-process, and `pathwise discord serve` as a
 * real process (bin/pathwise.js), both against the loopback fake of
 * Discord: configuration from the environment, the real command definitions
 * in `commands/`, a clean stop on SIGTERM, and a payload discord.js cannot
 * build answered politely without ending the process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRegisterArgs } from '../../src/cli/discord.cli.ts';
import { PACKAGE_ROOT } from '../../src/config.ts';
import { runCli } from '../../src/main.ts';
import { writeFixtureRoadmaps } from '../support/fixture-graph.ts';
import { tempDir } from '../support/temp-dir.ts';
import { FakeDiscord } from './support/fake-discord.ts';
import { APP_ID, GUILD_ID, slashCommand } from './support/fixtures.ts';
import { TEST_TOKEN } from './support/harness.ts';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  return { io: { stdout, stderr, stdin: new PassThrough() }, out: () => out, err: () => err };
}

let fake: FakeDiscord;
let dir: { dir: string; remove: () => void };
beforeEach(async () => {
  fake = await FakeDiscord.start();
  dir = tempDir('pathwise-discord-cli-');
});
afterEach(async () => {
  await fake.close();
  dir.remove();
});

describe('pathwise discord register', () => {
  it('registers the real commands/ definitions in one server, autocomplete included', async () => {
    const t = io();
    const env = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl };
    expect(await runCli(['discord', 'register', '--guild', GUILD_ID], t.io, env)).toBe(0);
    expect(t.out()).toMatch(/commands registered in server \d+ \(they show at once\): .*\/goal.*\/quiz.*\/settings/);
    const [put] = fake.find('PUT', /commands$/);
    expect(put!.path).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    const body = put!.body as { name: string; options: { name: string; autocomplete?: boolean }[] }[];
    const goal = body.find((c) => c.name === 'goal')!;
    expect(goal.options.find((o) => o.name === 'text')?.autocomplete).toBe(true);
    expect(body.find((c) => c.name === 'quiz')!.options.find((o) => o.name === 'concept')?.autocomplete).toBe(true);
    expect(t.out() + t.err()).not.toContain(TEST_TOKEN);
  });

  it('registers globally with --global, even when DISCORD_GUILD_ID is set', async () => {
    const t = io();
    const env = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl, DISCORD_GUILD_ID: GUILD_ID };
    expect(await runCli(['discord', 'register', '--global'], t.io, env)).toBe(0);
    expect(fake.find('PUT', /commands$/)[0]!.path).toBe(`/applications/${APP_ID}/commands`);
    expect(t.out()).toMatch(/registered globally/);
  });

  it('says what is missing instead of calling Discord', async () => {
    const t = io();
    expect(await runCli(['discord', 'register'], t.io, { DISCORD_API_URL: fake.apiUrl })).toBe(2);
    expect(t.err()).toMatch(/DISCORD_TOKEN is not set/);
    const u = io();
    expect(await runCli(['discord', 'register'], u.io, { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: fake.apiUrl })).toBe(2);
    expect(u.err()).toMatch(/DISCORD_APPLICATION_ID is not set/);
    const v = io();
    expect(await runCli(['discord', 'serve', 'now'], v.io, { DISCORD_TOKEN: TEST_TOKEN })).toBe(2);
    expect(v.err()).toMatch(/usage: pathwise discord/);
    expect(fake.requests).toEqual([]);
  });

  it('reads its flags strictly', () => {
    expect(parseRegisterArgs([])).toEqual({ global: false });
    expect(parseRegisterArgs(['--guild=1300000000000000100'])).toEqual({ guildId: '1300000000000000100', global: false });
    expect(() => parseRegisterArgs(['--guild', 'my-server'])).toThrow(/server id/);
    expect(() => parseRegisterArgs(['--guild', GUILD_ID, '--global'])).toThrow(/not both/);
    expect(() => parseRegisterArgs(['--force'])).toThrow(/unknown argument/);
  });
});

describe('pathwise discord serve (a real process)', () => {
  let child: ChildProcess | null = null;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    child = null;
  });

  it('serves the coach, answers a payload discord.js cannot build politely without dying, and stops cleanly on SIGTERM', async () => {
    const env = {
      ...process.env,
      CI: '',
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      PATHWISE_DATA_DIR: join(dir.dir, 'data'),
      PATHWISE_ROADMAPS: writeFixtureRoadmaps(join(dir.dir, 'roadmaps')),
      PATHWISE_TIMEZONE: 'UTC',
    };
    const proc = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin/pathwise.js'), 'discord', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let stdout = '';
    let stderr = '';
    proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));

    await fake.waitFor('the bot to be ready', () => stdout.includes('Pathwise is on Discord'), 20_000);
    expect(stdout).toContain(`application ${APP_ID}`);

    // No entitlements: discord.js throws building it. The bot answers from the raw packet.
    const broken = slashCommand('help');
    delete broken.entitlements;
    fake.dispatch('INTERACTION_CREATE', broken);
    const polite = await fake.waitForRequest('POST', new RegExp(`^/interactions/${String(broken.id)}/`));
    expect(polite.body).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringMatching(/couldn't read that request/) } });

    // Still alive, and still the coach behind it.
    const help = slashCommand('help');
    fake.dispatch('INTERACTION_CREATE', help);
    const edit = await fake.waitForRequest('PATCH', new RegExp(`^/webhooks/${APP_ID}/${String(help.token)}/messages/@original$`), 1, 10_000);
    expect((edit.body as { content: string }).content).toMatch(/Pathwise/);

    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('Stopping');
    expect(stderr).toMatch(/"event":"discord.malformed_interaction"/);
    expect(stderr).toMatch(/"event":"process.unhandled_rejection"/);
    expect(stdout + stderr).not.toContain(TEST_TOKEN);
  }, 40_000);

  it('stops within 5 s on the first SIGTERM while the gateway is unreachable', async () => {
    const env = {
      ...process.env,
      CI: '',
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      PATHWISE_DATA_DIR: join(dir.dir, 'data'),
      PATHWISE_ROADMAPS: writeFixtureRoadmaps(join(dir.dir, 'roadmaps')),
      PATHWISE_TIMEZONE: 'UTC',
    };
    const proc = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin/pathwise.js'), 'discord', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let stdout = '';
    let stderr = '';
    proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    await fake.waitFor('the bot to be ready', () => stdout.includes('Pathwise is on Discord'), 20_000);

    // The gateway goes away and stays away; the bot keeps trying to reconnect.
    fake.gatewayDown = true;
    fake.dropConnection('terminate');
    await fake.waitFor('a refused reconnect', () => /discord\.(reconnecting|disconnected|shard_error|warning)/.test(stderr), 10_000);

    const asked = Date.now();
    const logged = stderr.length;
    proc.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'alive'>((r) => setTimeout(() => r('alive'), 5_000))]);
    expect(code).toBe(0);
    expect(Date.now() - asked).toBeLessThan(5_000);
    expect(stdout).toContain('Stopping');
    // Once stopped, no more reconnect warnings: at most the one already under way when the signal came.
    expect(stderr.slice(logged).match(/discord\.reconnecting/g)?.length ?? 0).toBeLessThanOrEqual(1);
  }, 40_000);
});
