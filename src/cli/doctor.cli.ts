/**
 * `pathwise doctor`: checks the embedded store's files in PATHWISE_DATA_DIR
 * and repairs a damaged one: the file is backed up next to itself, then
 * rewritten without the lines that cannot be read, and every dropped line is
 * reported by number and size (never its content). Refuses to run while
 * another process holds the directory (src/engines/embedded/data-dir.ts).
 */
import type { CliCommand } from './cli.ts';
import { write } from './cli.ts';

export const doctor: CliCommand = {
  path: ['doctor'],
  usage: 'pathwise doctor',
  summary: 'check the embedded store in PATHWISE_DATA_DIR; back up and repair a damaged file by dropping its unreadable lines',
  async run(_args, io, config) {
    const { repairDataDir } = await import('../engines/embedded/data-dir.ts');
    const reports = repairDataDir(config.dataDir, new Date());
    if (reports.length === 0) {
      write(io.stdout, `No embedded store in ${config.dataDir}.`);
      return 0;
    }
    let dropped = 0;
    for (const r of reports) {
      if (r.dropped.length === 0) {
        write(io.stdout, `✔ ${r.file}: ${r.lines} line(s), all readable`);
        continue;
      }
      dropped += r.dropped.length;
      write(io.stdout, `✖ ${r.file}: dropped ${r.dropped.length} unreadable line(s) of ${r.lines}: ${r.dropped.map((b) => `line ${b.line} (${b.bytes} bytes: ${b.why})`).join('; ')}`);
      write(io.stdout, `  the file as it was is kept in ${r.backup}`);
    }
    write(io.stdout, dropped === 0 ? 'Nothing to repair.' : `Repaired: ${dropped} line(s) dropped. What they held is lost unless you restore it from a backup.`);
    return 0;
  },
};
