import { resolve } from 'node:path';
import { ContentError, formatIssue } from '../core/errors.ts';
import { write, type CliCommand } from './cli.ts';

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
        `ok: ${files.length} file(s), ${graph.concepts.size} concepts, ${graph.resources.size} resources, ${quiz} quiz items, ${graph.goals.size} goals`,
      );
      return 0;
    } catch (err) {
      if (err instanceof ContentError) {
        for (const i of err.issues) write(io.stderr, formatIssue(i));
        write(io.stderr, `✖ ${err.issues.length} problem(s) in ${dir}`);
        return 1;
      }
      throw err;
    }
  },
};
