import { createInterface } from 'node:readline';
import type { GoalCandidate, GoalMatch } from '../core/goal/goal-parser.ts';
import { UserError } from '../core/errors.ts';
import { write, type CliCommand } from './cli.ts';

const describe = (c: GoalCandidate) => `${c.title} (${c.kind}, ${c.score.toFixed(2)})`;

/** The answer as a person reads it. */
export function formatGoalMatch(text: string, r: GoalMatch): string {
  const quoted = JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
  if (r.candidates.length === 0) return `No goal or concept fits ${quoted}.`;
  const best = r.candidates.find((c) => c.id === r.match);
  if (best) {
    const others = r.candidates.filter((c) => c !== best);
    return [`Best match: ${describe(best)}`, ...(others.length > 0 ? [`  also: ${others.map(describe).join(', ')}`] : [])].join('\n');
  }
  return [`Not sure which you mean by ${quoted}; candidates:`, ...r.candidates.map((c, i) => `  ${i + 1}. ${describe(c)}`)].join('\n');
}

/** The answer as one line of JSON: `{"match": id | null, "candidates": [{id, title, kind, score}, …]}`. */
export function jsonGoalMatch(r: GoalMatch): string {
  return JSON.stringify({ match: r.match, candidates: r.candidates.map(({ id, title, kind, score }) => ({ id, title, kind, score })) });
}

/**
 * `pathwise goal [--json] [text…]`: which goal or concept a phrase means.
 * Without text, reads one phrase per line from stdin and answers each in
 * order (one JSON object per line with --json), so a whole set is scored in
 * one process.
 */
export const goalCommand: CliCommand = {
  path: ['goal'],
  usage: 'pathwise goal [--json] ["<text>"]',
  summary: 'which goal or concept a phrase means (no text: one phrase per stdin line)',
  async run(args, io, config) {
    const json = args.includes('--json');
    const unknown = args.find((a) => a.startsWith('--') && a !== '--json');
    if (unknown) throw new UserError('USAGE', `unknown option ${unknown}; usage: ${this.usage}`);
    const words = args.filter((a) => a !== '--json');
    const [{ GoalParser }, { loadRoadmaps }, { lazySemanticIndex }, { loadCareerCatalogue }] = await Promise.all([
      import('../core/goal/goal-parser.ts'),
      import('../roadmaps/roadmap-files.ts'),
      import('../embeddings/semantic-index.ts'),
      import('../career/career-files.ts'),
    ]);
    const graph = loadRoadmaps(config.roadmapsDir).graph;
    const parser = new GoalParser(graph, { semantic: lazySemanticIndex(graph, { catalogue: () => loadCareerCatalogue() }) });
    const answer = (text: string) => {
      const r = parser.parse(text);
      write(io.stdout, json ? jsonGoalMatch(r) : formatGoalMatch(text, r));
    };
    if (words.length > 0) {
      answer(words.join(' '));
      return 0;
    }
    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
    for await (const line of lines) answer(line);
    return 0;
  },
};
