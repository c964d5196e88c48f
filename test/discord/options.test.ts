import { describe, expect, it } from 'vitest';
import { redactTokens } from '../../src/adapters/discord/discord.log.ts';
import { modalOptions, optionText, readOptions } from '../../src/adapters/discord/options.ts';
import { TEST_COMMANDS } from './support/script-coach.ts';

const settings = TEST_COMMANDS.find((c) => c.name === 'settings')!;

describe('readOptions', () => {
  it('takes declared options whose values have the declared type', () => {
    expect(readOptions(settings, [{ name: 'hour', type: 4, value: 7 }, { name: 'timezone', type: 3, value: 'Europe/Berlin' }, { name: 'paused', type: 5, value: false }])).toEqual({
      ok: true,
      options: { hour: 7, timezone: 'Europe/Berlin', paused: false },
    });
    expect(readOptions(settings, [])).toEqual({ ok: true });
  });

  it.each([
    [[{ name: 'minutes', type: 4, value: 30 }], /unexpected option minutes/],
    [[{ name: 'hour', type: 3, value: '7' }], /unexpected option hour/],
    [[{ name: 'hour', type: 4, value: '7' }], /wrong type/],
    [[{ name: 'hour', type: 4, value: 7.5 }], /wrong type/],
    [[{ name: 'paused', type: 5, value: 'yes' }], /wrong type/],
    [[{ name: 'hour', type: 4, value: Number.NaN }], /wrong type/],
  ])('refuses %j', (data, why) => {
    const r = readOptions(settings, data as never);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.why).toMatch(why);
  });
});

describe('modalOptions and optionText', () => {
  it('keep filled-in fields only, trimmed', () => {
    const fields: Record<string, string> = { hour: ' 7 ', timezone: '', paused: '   ' };
    expect(modalOptions(settings, (n) => fields[n])).toEqual({ hour: '7' });
    expect(modalOptions(settings, () => undefined)).toBeUndefined();
    expect(optionText({ hour: 7, timezone: 'Europe/Berlin' })).toBe('hour=7 timezone=Europe/Berlin');
    expect(optionText(undefined)).toBe('');
  });
});

describe('redactTokens', () => {
  it('masks the bot token and interaction tokens in callback and webhook URLs', () => {
    const line = 'PATCH /api/v10/webhooks/1300/aW50ZXJhY3Rpb24.tok/messages/@original and POST /interactions/99/abc.DEF-ghi/callback with Bot sekrit.token.value';
    expect(redactTokens(line, 'sekrit.token.value')).toBe('PATCH /api/v10/webhooks/1300/[token]/messages/@original and POST /interactions/99/[token]/callback with Bot [token]');
  });
});
