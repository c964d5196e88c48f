import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import { helpReply, routeSlashText, slackPlainText, usageHint } from '../../src/adapters/slack/slash-command.ts';
import { commandModal, modalCommandName, modalOrigin, submittedOptions } from '../../src/adapters/slack/command-modal.ts';
import type { CommandSpec } from '../../src/adapters/slack/command-spec.ts';
import { TEST_COMMANDS } from './support/script-coach.ts';

const settings = TEST_COMMANDS.find((c) => c.name === 'settings')!;

describe('routeSlashText', () => {
  it('routes the first word to a command and hands the rest on as text, for the command to parse', () => {
    expect(routeSlashText('goal learn docker', TEST_COMMANDS)).toMatchObject({ kind: 'command', spec: { name: 'goal' }, text: 'learn docker' });
    expect(routeSlashText('  QUIZ   containers ', TEST_COMMANDS)).toMatchObject({ kind: 'command', spec: { name: 'quiz' }, text: 'containers' });
    expect(routeSlashText('settings hour=8 timezone=Europe/Berlin', TEST_COMMANDS)).toMatchObject({ kind: 'command', text: 'hour=8 timezone=Europe/Berlin' });
  });

  it('opens a modal for settings, and for a command with required options given without text', () => {
    expect(routeSlashText('settings', TEST_COMMANDS)).toMatchObject({ kind: 'modal', spec: { name: 'settings' } });
    expect(routeSlashText('goal', TEST_COMMANDS)).toMatchObject({ kind: 'modal', spec: { name: 'goal' } });
    expect(routeSlashText('quiz', TEST_COMMANDS)).toMatchObject({ kind: 'command', spec: { name: 'quiz' }, text: '' });
    expect(routeSlashText('progress', TEST_COMMANDS)).toMatchObject({ kind: 'command', spec: { name: 'progress' } });
  });

  it('gives help for nothing or "help", unless a help command exists', () => {
    expect(routeSlashText('', TEST_COMMANDS)).toEqual({ kind: 'help' });
    expect(routeSlashText('help', TEST_COMMANDS)).toEqual({ kind: 'help' });
    const withHelp: CommandSpec[] = [...TEST_COMMANDS, { name: 'help', description: 'What I can do' }];
    expect(routeSlashText('', withHelp)).toMatchObject({ kind: 'command', spec: { name: 'help' } });
  });

  it('reads text as Slack escapes it: entities back to what was typed, mentions kept as <@U…|name> for the commands', () => {
    // With should_escape, "/pathwise cohort grant-lead @ada" arrives with the mention as an id.
    expect(routeSlashText('cohort grant-lead <@U0ADA0001|ada>', [...TEST_COMMANDS, { name: 'cohort', description: 'Cohorts' }])).toMatchObject({
      kind: 'command',
      text: 'grant-lead <@U0ADA0001|ada>',
    });
    expect(routeSlashText('I want to learn R &amp; Python &lt;fast&gt;', TEST_COMMANDS)).toEqual({ kind: 'text', text: 'I want to learn R & Python <fast>' });
    // A person who typed an entity's text gets it back as typed (Slack sends "&amp;lt;").
    expect(slackPlainText('a &amp;lt; b')).toBe('a &lt; b');
  });

  it('passes free text on when the first word is no subcommand', () => {
    expect(routeSlashText('I want to learn docker', TEST_COMMANDS)).toEqual({ kind: 'text', text: 'I want to learn docker' });
  });
});

describe('usage hint and help', () => {
  it('lists every subcommand', () => {
    expect(usageHint(TEST_COMMANDS)).toBe('[goal | quiz | progress | settings] [text]');
    const help = JSON.stringify(helpReply(TEST_COMMANDS));
    expect(help).toContain('/pathwise goal <goal>');
    expect(help).toContain('/pathwise settings [timezone] [hour] [paused]');
  });
});

describe('command modal', () => {
  it('renders options as inputs, typed, optional unless required, pre-filled', () => {
    const view = commandModal(settings, { channel: 'D0LEARNER1' }, { timezone: 'Europe/Berlin' });
    expect(view.callback_id).toBe('pw.command:settings');
    expect(modalCommandName(view.callback_id!)).toBe('settings');
    expect(modalOrigin(view.private_metadata)).toEqual({ channel: 'D0LEARNER1' });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const inputs = view.blocks as types.InputBlock[];
    expect(inputs.map((b) => [b.block_id, b.optional, b.element.type])).toEqual([
      ['timezone', true, 'plain_text_input'],
      ['hour', true, 'number_input'],
      ['paused', true, 'static_select'],
    ]);
    expect((inputs[0]!.element as types.PlainTextInput).initial_value).toBe('Europe/Berlin');
    expect(inputs[1]!.element).toMatchObject({ is_decimal_allowed: false, min_value: '0', max_value: '23' });
  });

  it('renders choices as a select and reads submitted values back typed', () => {
    const spec: CommandSpec = {
      name: 'pace',
      description: 'How much per day',
      options: [{ name: 'minutes', description: 'Minutes', type: 'integer', required: true, choices: [{ name: 'Ten', value: 10 }, { name: 'Thirty', value: 30 }] }],
    };
    const view = commandModal(spec, { channel: 'C1' });
    const select = (view.blocks[0] as types.InputBlock).element as types.StaticSelect;
    expect(select.options!.map((o) => [o.text.text, o.value])).toEqual([
      ['Ten', '10'],
      ['Thirty', '30'],
    ]);
    expect(submittedOptions(spec, { minutes: { value: { type: 'static_select', selected_option: { value: '30' } } } })).toEqual({ minutes: 30 });
    expect(
      submittedOptions(settings, {
        timezone: { value: { type: 'plain_text_input', value: null } },
        hour: { value: { type: 'number_input', value: '7' } },
        paused: { value: { type: 'static_select', selected_option: { value: 'true' } } },
      }),
    ).toEqual({ hour: 7, paused: true });
  });

  it('ignores private metadata that is not ours', () => {
    expect(modalOrigin('not json')).toBeNull();
    expect(modalOrigin(undefined)).toBeNull();
  });
});
