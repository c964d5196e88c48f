import { describe, expect, it } from 'vitest';
import { bankLongestScore, itemCues, longestPickScore, optionForm } from '../../src/core/graph/cues.ts';

describe('quiz cues', () => {
  it('flags an answer more than 1.3× as long as every distractor, and not one just under', () => {
    const cued = itemCues({ choices: ['A cache', 'A queue', 'A store that keeps recent answers close to the caller'], answer: 2 });
    expect(cued).toEqual([{ kind: 'longest', ratio: expect.closeTo(53 / 7, 1) }]);
    expect(itemCues({ choices: ['abcdefghij', 'abcdefghijklm'], answer: 1 })).toEqual([]); // 1.3× exactly is allowed
  });

  it('flags the only line of code among prose, and prose among code', () => {
    expect(optionForm('df.groupby("a")')).toBe('code');
    expect(optionForm('It groups the rows')).toBe('prose');
    expect(itemCues({ choices: ['It sorts rows', 'It drops rows', 'df.dropna()'], answer: 2 })).toContainEqual({ kind: 'odd-form', form: 'code' });
    expect(itemCues({ choices: ['len(x)', 'x.size()', 'It has none'], answer: 2 })).toContainEqual({ kind: 'odd-form', form: 'prose' });
    expect(itemCues({ choices: ['len(x)', 'x.size()', 'x.length'], answer: 0 })).toEqual([]);
  });

  it('scores the longest-picker: 1 for a unique longest answer, 1/k for a k-way tie, 0 otherwise', () => {
    expect(longestPickScore({ choices: ['aa', 'bbbb', 'c'], answer: 1 })).toBe(1);
    expect(longestPickScore({ choices: ['aaaa', 'bbbb', 'c'], answer: 1 })).toBe(0.5);
    expect(longestPickScore({ choices: ['aaaa', 'bb', 'c'], answer: 1 })).toBe(0);
    expect(bankLongestScore([{ choices: ['aa', 'bbbb'], answer: 1 }, { choices: ['aaaa', 'b'], answer: 1 }])).toBe(0.5);
  });
});
