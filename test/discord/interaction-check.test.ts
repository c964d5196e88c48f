import { describe, expect, it } from 'vitest';
import { checkInteraction } from '../../src/adapters/discord/interaction-check.ts';
import { autocomplete, buttonPress, modalSubmit, slashCommand } from './support/fixtures.ts';

describe('checkInteraction', () => {
  it('passes every recorded payload shape', () => {
    for (const p of [slashCommand('goal', { text: 'docker' }), slashCommand('quiz', {}, 'dm'), buttonPress('0|cmd|help'), autocomplete('goal', 'text', 'do'), modalSubmit('modal:settings', { hour: '7' })]) {
      expect(checkInteraction(p)).toEqual({ ok: true });
    }
  });

  it.each([
    ['entitlements', (p: Record<string, unknown>) => delete p.entitlements],
    ['authorizing_integration_owners', (p: Record<string, unknown>) => delete p.authorizing_integration_owners],
    ['data', (p: Record<string, unknown>) => delete p.data],
    ['member', (p: Record<string, unknown>) => delete p.member],
    ['data.options', (p: Record<string, unknown>) => ((p.data as Record<string, unknown>).options = 'not a list')],
  ])('flags a command without a usable %s, and still knows where to answer', (_what, spoil) => {
    const p = slashCommand('goal', { text: 'docker' });
    spoil(p);
    const check = checkInteraction(p);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.answerable).toEqual({ id: p.id, token: p.token });
  });

  it('flags a button press without its message, and a payload with no token as unanswerable', () => {
    const b = buttonPress('0|cmd|help');
    delete b.message;
    expect(checkInteraction(b)).toMatchObject({ ok: false, reason: expect.stringMatching(/^message/) });
    const s = slashCommand('goal');
    delete s.entitlements;
    s.token = 'has/slashes';
    expect(checkInteraction(s)).toMatchObject({ ok: false, answerable: null });
  });

  it('leaves types discord.js ignores by itself alone', () => {
    expect(checkInteraction({ type: 1 })).toEqual({ ok: true });
    expect(checkInteraction({ type: 99 })).toEqual({ ok: true });
    expect(checkInteraction(null)).toEqual({ ok: true });
  });
});
