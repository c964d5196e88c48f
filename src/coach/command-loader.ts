/**
 * Loads the command definitions from a folder (one file each) at start and
 * checks each against the schema; a bad file stops the start with its name
 * and what is wrong.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ContentError, type ContentIssue } from '../core/errors.ts';
import { commandDefinitionSchema, type CommandDefinition } from './command.ts';

/** Checks already-imported definitions (also used by tests and other entry points). */
export function checkCommands(entries: { file: string; value: unknown }[]): CommandDefinition[] {
  const issues: ContentIssue[] = [];
  const out: CommandDefinition[] = [];
  const names = new Map<string, string>();
  for (const { file, value } of entries) {
    const parsed = commandDefinitionSchema.safeParse(value);
    if (!parsed.success) {
      for (const i of parsed.error.issues) issues.push({ file, path: i.path.join('.'), code: 'COMMAND_INVALID', reason: i.message });
      continue;
    }
    const prev = names.get(parsed.data.name);
    if (prev) issues.push({ file, path: 'name', code: 'DUPLICATE_COMMAND', reason: `"${parsed.data.name}" is also defined in ${prev}` });
    names.set(parsed.data.name, file);
    out.push(value as CommandDefinition);
  }
  if (issues.length > 0) throw new ContentError(issues);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Imports every `.ts`/`.js` file in `dir` and checks its default export. */
export async function loadCommands(dir: string): Promise<CommandDefinition[]> {
  const files = readdirSync(dir)
    .filter((f) => /\.(ts|js|mts|mjs)$/.test(f) && !f.endsWith('.d.ts') && !f.startsWith('_'))
    .sort();
  const entries: { file: string; value: unknown }[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default?: unknown };
    entries.push({ file: f, value: mod.default });
  }
  return checkCommands(entries);
}
