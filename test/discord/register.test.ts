/**
 * Command registration through discord.js's REST client against the
 * loopback fake: the whole set is PUT to the guild or global route, a 429 is
 * waited out, and a refused token is explained without showing it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { registerCommands } from '../../src/adapters/discord/discord.register.ts';
import { INVITE_PERMISSIONS, inviteUrl } from '../../src/adapters/discord/invite.ts';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { FakeDiscord } from './support/fake-discord.ts';
import { APP_ID, GUILD_ID } from './support/fixtures.ts';
import { TEST_TOKEN } from './support/harness.ts';
import { TEST_COMMANDS } from './support/script-coach.ts';

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await FakeDiscord.start();
});
afterEach(async () => {
  await fake.close();
});

describe('registerCommands', () => {
  it('replaces the commands of one server (instant, for testing) with PUT, options and autocomplete included', async () => {
    const result = await registerCommands({ token: TEST_TOKEN, applicationId: APP_ID, guildId: GUILD_ID, apiUrl: fake.apiUrl, commands: TEST_COMMANDS, autocomplete: { goal: ['text'] } });
    expect(result).toEqual({ scope: 'guild', names: ['goal', 'quiz', 'progress', 'settings'] });
    const [put] = fake.find('PUT', /commands$/);
    expect(put!.path).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(put!.headers.authorization).toBe(`Bot ${TEST_TOKEN}`);
    const body = put!.body as { name: string; options: { name: string; autocomplete?: boolean }[]; contexts: number[] }[];
    expect(body.map((c) => c.name)).toEqual(['goal', 'quiz', 'progress', 'settings']);
    expect(body[0]!.options).toEqual([{ type: 3, name: 'text', description: 'In your own words', required: false, autocomplete: true }]);
    expect(body[0]!.contexts).toEqual([0, 1]);
  });

  it('registers globally (production) when no server is named, waiting out a 429', async () => {
    fake.rateLimitOnce('PUT', /commands$/, 0.2);
    const result = await registerCommands({ token: TEST_TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl, commands: TEST_COMMANDS });
    expect(result.scope).toBe('global');
    expect(fake.find('PUT', /commands$/).map((r) => [r.path, r.status])).toEqual([
      [`/applications/${APP_ID}/commands`, 429],
      [`/applications/${APP_ID}/commands`, 200],
    ]);
  });

  it('explains a refused token without showing it, and sends nothing for invalid definitions', async () => {
    fake.answerOnce('PUT', /commands$/, 401, { message: '401: Unauthorized', code: 0 });
    const err = (await registerCommands({ token: TEST_TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl, commands: TEST_COMMANDS }).catch((e: unknown) => e)) as Error & { code: string };
    expect(err.code).toBe('DISCORD_REGISTER_FAILED');
    expect(err.message).toMatch(/bot token was refused/);
    expect(err.message).not.toContain(TEST_TOKEN);

    const before = fake.requests.length;
    await expect(registerCommands({ token: TEST_TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl, commands: [{ name: 'Bad Name', description: 'x' }] })).rejects.toMatchObject({
      code: 'DISCORD_COMMAND_INVALID',
    });
    expect(fake.requests.length).toBe(before);
  });
});

describe('the invite link', () => {
  it('asks for what the weekly cohort post needs in its channel, and nothing more; the README shows that link', () => {
    expect(new PermissionsBitField(INVITE_PERMISSIONS).toArray().sort()).toEqual(['AttachFiles', 'SendMessages', 'ViewChannel']);
    expect(INVITE_PERMISSIONS & PermissionFlagsBits.Administrator).toBe(0n);
    const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(inviteUrl('<APPLICATION_ID>'));
    expect(readme).not.toContain('permissions=0');
  });
});
