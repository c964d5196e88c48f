/**
 * Reads roadmap files (YAML or JSON) from a folder and builds the knowledge
 * graph, keeping line numbers so every problem names file, line and path.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument, isNode, isPair, visit } from 'yaml';
import { ContentError, type ContentIssue } from '../core/errors.ts';
import { buildGraph, formatPath, type ParsedFile, type PathSegment } from '../core/graph/build.ts';
import type { KnowledgeGraph } from '../core/graph/types.ts';

const EXTENSIONS = /\.(ya?ml|json)$/i;

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else if (EXTENSIONS.test(name)) out.push(full);
  }
  return out;
}

/** Parses one file's text; YAML is a superset of JSON, so one parser serves both. */
export function parseRoadmapText(file: string, text: string): { parsed?: ParsedFile; issues: ContentIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => ({
        file,
        path: '',
        code: 'PARSE',
        reason: e.message.split('\n')[0] ?? 'cannot parse',
        // With prettyErrors off the parser leaves `linePos` unset; map the offset ourselves.
        line: lineCounter.linePos(e.pos[0]).line,
      })),
    };
  }
  const locate = (path: readonly PathSegment[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { parsed: { file, data: doc.toJS(), locate }, issues: inlineComments(file, text, doc, lineCounter) };
}

export interface LoadedRoadmaps {
  graph: KnowledgeGraph;
  warnings: ContentIssue[];
  files: string[];
}

/** Loads every roadmap file below `dir`; throws {@link ContentError} listing every problem. */
export function loadRoadmaps(dir: string): LoadedRoadmaps {
  let files: string[];
  try {
    files = listFiles(dir);
  } catch (cause) {
    throw new ContentError([{ file: dir, path: '', code: 'NOT_FOUND', reason: `cannot read roadmap folder: ${(cause as Error).message}` }]);
  }
  if (files.length === 0) throw new ContentError([{ file: dir, path: '', code: 'EMPTY', reason: 'no .yaml, .yml or .json roadmap files here' }]);
  const parsed: ParsedFile[] = [];
  const issues: ContentIssue[] = [];
  for (const full of files) {
    const name = relative(process.cwd(), full) || full;
    const r = parseRoadmapText(name, readFileSync(full, 'utf8'));
    issues.push(...r.issues);
    if (r.parsed) parsed.push(r.parsed);
  }
  const built = buildGraph(parsed);
  if (!built.ok) issues.push(...built.issues);
  if (issues.length > 0 || !built.ok) throw new ContentError(issues);
  return { graph: built.graph, warnings: built.warnings, files };
}

/**
 * A ` #` inside an unquoted value starts a YAML comment and silently cuts the
 * value short ("It becomes a #REF! error" reads as "It becomes a"). Roadmap
 * text is shown to learners, so a comment on the same line as a value is an
 * error: quote the value when the `#` belongs to it, or move the comment to
 * its own line.
 */
function inlineComments(file: string, text: string, doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter): ContentIssue[] {
  const issues: ContentIssue[] = [];
  visit(doc, {
    Scalar(_key, node, path) {
      const [, valueEnd, nodeEnd] = node.range ?? [];
      if (!node.comment || valueEnd === undefined || nodeEnd === undefined) return;
      if (!text.slice(valueEnd, nodeEnd).includes('#')) return;
      // Walk from the document down to this scalar: map entries give their key, sequence items their index.
      const keys: PathSegment[] = [];
      const chain = [...path, node];
      for (let i = 1; i < chain.length; i++) {
        const parent = chain[i - 1];
        if (!isNode(parent) || !('items' in parent) || !Array.isArray(parent.items)) continue;
        const child = chain[i];
        keys.push(isPair(child) ? String((child.key as { value?: unknown } | null)?.value) : (parent.items as unknown[]).indexOf(child));
      }
      issues.push({
        file,
        path: formatPath(keys),
        code: 'INLINE_COMMENT',
        reason: `"${String(node.value)}" is followed by a YAML comment ("#${node.comment}") that is not part of the text; quote the value if "#" belongs to it`,
        line: lineCounter.linePos(node.range![0]).line,
      });
    },
  });
  return issues;
}
