import { describe, expect, it } from 'vitest';
import { graphAutocomplete, suggest, type Suggestion } from '../../src/adapters/discord/autocomplete.ts';
import { modalCommandName, toApplicationCommand, toApplicationCommands, toModal, type CommandSpec } from '../../src/adapters/discord/commands.ts';
import type { KnowledgeGraph } from '../../src/core/graph/types.ts';

const settings: CommandSpec = {
  name: 'settings',
  description: 'Show or change daily hour, time zone, minutes per day, formats, pause',
  options: [
    { name: 'hour', description: 'Local hour for the daily task, 0-23', type: 'integer', required: false, min: 0, max: 23 },
    { name: 'timezone', description: 'Your IANA time zone, e.g. Europe/Berlin', type: 'string', required: false },
    { name: 'minutes', description: 'Minutes you can spend per day, 5-600', type: 'integer', required: false, min: 5, max: 600 },
    { name: 'prefer', description: 'Preferred formats', type: 'string', required: false, choices: [{ name: 'Video', value: 'video' }, { name: 'Article', value: 'article' }] },
    { name: 'ratio', description: 'A number', type: 'number', required: false, choices: [{ name: 'half', value: 0.5 }] },
    { name: 'paused', description: 'Pause (yes) or resume (no) daily tasks', type: 'boolean', required: false },
  ],
};

describe('application commands', () => {
  it('render a definition as a chat-input command usable in servers and the bot DM', () => {
    const json = toApplicationCommand(settings);
    expect(json).toEqual({
      type: 1,
      name: 'settings',
      description: settings.description,
      contexts: [0, 1],
      integration_types: [0],
      options: [
        { type: 4, name: 'hour', description: 'Local hour for the daily task, 0-23', required: false, min_value: 0, max_value: 23 },
        { type: 3, name: 'timezone', description: 'Your IANA time zone, e.g. Europe/Berlin', required: false },
        { type: 4, name: 'minutes', description: 'Minutes you can spend per day, 5-600', required: false, min_value: 5, max_value: 600 },
        { type: 3, name: 'prefer', description: 'Preferred formats', required: false, choices: [{ name: 'Video', value: 'video' }, { name: 'Article', value: 'article' }] },
        { type: 10, name: 'ratio', description: 'A number', required: false, choices: [{ name: 'half', value: 0.5 }] },
        { type: 5, name: 'paused', description: 'Pause (yes) or resume (no) daily tasks', required: false },
      ],
    });
  });

  it('mark the options Discord autocompletes', () => {
    const goal: CommandSpec = { name: 'goal', description: 'Set your goal', options: [{ name: 'text', description: 'What to learn', type: 'string', required: false }] };
    const [json] = toApplicationCommands([goal], { goal: ['text'] });
    expect(json!.options).toEqual([{ type: 3, name: 'text', description: 'What to learn', required: false, autocomplete: true }]);
  });

  it.each([
    [{ name: 'Goal', description: 'x' }, /lowercase/],
    [{ name: 'a'.repeat(33), description: 'x' }, /1-32/],
    [{ name: 'goal', description: '' }, /description/],
    [{ name: 'goal', description: 'd'.repeat(101) }, /description/],
    [{ name: 'goal', description: 'x', options: [{ name: 'a', description: 'x', type: 'string' }, { name: 'b', description: 'x', type: 'string', required: true }] }, /required options must come before/],
    [{ name: 'goal', description: 'x', options: [{ name: 'a', description: 'x', type: 'string' }, { name: 'a', description: 'x', type: 'string' }] }, /duplicate/],
    [{ name: 'goal', description: 'x', options: [{ name: 'a', description: 'x', type: 'date' }] }, /type "date"/],
    [{ name: 'goal', description: 'x', options: [{ name: 'a', description: 'x', type: 'integer', choices: [{ name: 'half', value: 0.5 }] }] }, /not a integer/],
    [{ name: 'goal', description: 'x', options: Array.from({ length: 26 }, (_, i) => ({ name: `o${i}`, description: 'x', type: 'string' })) }, /at most 25/],
  ] as [CommandSpec, RegExp][])('refuse what Discord would reject: %j', (spec, why) => {
    expect(() => toApplicationCommands([spec])).toThrow(why);
    try {
      toApplicationCommands([spec]);
    } catch (e) {
      expect((e as { code?: string }).code).toBe('DISCORD_COMMAND_INVALID');
    }
  });

  it('refuse autocomplete on an option that does not exist or has choices, and a command defined twice', () => {
    expect(() => toApplicationCommands([settings], { settings: ['nope'] })).toThrow(/unknown option/);
    expect(() => toApplicationCommands([settings], { settings: ['prefer'] })).toThrow(/either choices or autocomplete/);
    expect(() => toApplicationCommands([settings, settings])).toThrow(/defined twice/);
  });
});

describe('modals', () => {
  it('turn a command into a form of up to five optional labelled text fields', () => {
    const modal = toModal(settings);
    expect(modal.custom_id).toBe('modal:settings');
    expect(modal.title).toBe('Settings');
    expect(modal.components).toHaveLength(5);
    expect(modal.components[0]).toEqual({
      type: 18,
      label: 'Hour',
      description: 'Local hour for the daily task, 0-23',
      component: { type: 4, custom_id: 'hour', style: 1, required: false, max_length: 100, placeholder: '0 to 23' },
    });
    expect(modal.components[3]).toMatchObject({ component: { custom_id: 'prefer', placeholder: 'video, article' } });
    expect(modalCommandName(modal.custom_id)).toBe('settings');
    expect(modalCommandName('modal:../../x')).toBeNull();
    expect(modalCommandName('0|cmd|help')).toBeNull();
  });
});

describe('autocomplete', () => {
  const list: Suggestion[] = [
    { name: 'Data Analyst', value: 'Data Analyst', also: ['data-analyst', 'data analysis'] },
    { name: 'DevOps Engineer', value: 'DevOps Engineer', also: ['devops-engineer', 'devops'] },
    { name: 'Docker', value: 'Docker', also: ['docker', 'containers'] },
    { name: 'Big Data', value: 'Big Data', also: [] },
  ];

  it('ranks title prefixes, then word or alias prefixes, then substrings', () => {
    expect(suggest(list, 'd').map((c) => c.name)).toEqual(['Data Analyst', 'DevOps Engineer', 'Docker', 'Big Data']);
    expect(suggest(list, 'cont').map((c) => c.name)).toEqual(['Docker']);
    expect(suggest(list, 'ops').map((c) => c.name)).toEqual(['DevOps Engineer']);
    expect(suggest(list, 'DATA').map((c) => c.name)).toEqual(['Data Analyst', 'Big Data']);
    expect(suggest(list, 'zzz')).toEqual([]);
  });

  it('offers the first ones when nothing is typed, at most 25, names and values within 100 characters', () => {
    const long = Array.from({ length: 40 }, (_, i) => ({ name: `${'n'.repeat(120)}${i}`, value: `${i}${'v'.repeat(120)}`, also: [] }));
    const out = suggest(long, '');
    expect(out).toHaveLength(25);
    for (const c of out) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('draws goals and concepts from the knowledge graph', () => {
    const graph = {
      goals: new Map([['devops-engineer', { id: 'devops-engineer', title: 'DevOps Engineer', description: '', aliases: ['devops'], targets: ['docker'] }]]),
      concepts: new Map([['docker', { id: 'docker', title: 'Docker', aliases: ['containers'] }]]),
    } as unknown as KnowledgeGraph;
    const source = graphAutocomplete(graph);
    expect(source.options).toEqual({ goal: ['text'], quiz: ['concept'] });
    expect(source.suggest('goal', 'text', 'd')).toEqual([
      { name: 'DevOps Engineer', value: 'DevOps Engineer' },
      { name: 'Docker', value: 'Docker' },
    ]);
    expect(source.suggest('quiz', 'concept', 'contain')).toEqual([{ name: 'Docker', value: 'Docker' }]);
    expect(source.suggest('settings', 'timezone', 'Eu')).toEqual([]);
  });
});
