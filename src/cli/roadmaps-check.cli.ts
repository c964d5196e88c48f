import { plural } from '../core/text/wording.ts';
import { resolve } from 'node:path';
import { ContentError, formatIssue } from '../core/errors.ts';
import { write, type CliCommand } from './cli.ts';

/** Problems printed; beyond this a reader fixes the first ones and runs the check again. */
const SHOWN_ISSUES = 200;

/** `pathwise roadmaps check [dir]`: validates every roadmap file; non-zero exit on any problem. */
export const roadmapsCheck: CliCommand = {
  path: ['roadmaps', 'check'],
  usage: 'pathwise roadmaps check [dir]',
  summary: 'validate the roadmap files (schema, references, cycles, resources, quizzes)',
  async run(args, io, config) {
    const dir = args[0] ? resolve(args[0]) : config.roadmapsDir;
    const { loadRoadmaps } = await import('../roadmaps/roadmap-files.ts');
    try {
      const { graph, warnings, files } = loadRoadmaps(dir);
      for (const w of warnings) write(io.stderr, `warning: ${formatIssue(w)}`);
      const quiz = [...graph.concepts.values()].reduce((n, c) => n + c.quiz.length, 0);
      write(
        io.stdout,
        `ok: ${plural(files.length, 'file')}, ${plural(graph.concepts.size, 'concept')}, ${plural(graph.resources.size, 'resource')}, ${plural(quiz, 'quiz item')}, ${plural(graph.goals.size, 'goal')}`,
      );
      return 0;
    } catch (err) {
      if (err instanceof ContentError) {
        const shown = err.issues.slice(0, SHOWN_ISSUES);
        write(io.stderr, shown.map(formatIssue).join('\n'));
        const rest = err.issues.length - shown.length;
        if (rest > 0) write(io.stderr, `…and ${rest.toLocaleString('en')} more not shown; fix these first`);
        write(io.stderr, `✖ ${plural(err.issues.length, 'problem')} in ${dir}`);
        return 1;
      }
      throw err;
    }
  },
};
