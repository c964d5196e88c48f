// The layer rule of STYLE.md, "Layers are enforced, not hoped for": which
// part of src/ may import what. Relative imports are resolved against the
// importing file, so a path is judged by where it lands, not by how many
// `../` it has. Static imports, re-exports, type imports and dynamic
// `import('…')` with a literal path are all checked.
import { dirname, relative, resolve, sep } from 'node:path';

const ROOT = import.meta.dirname;

/** Platform SDKs: only src/adapters/** import them. */
const PLATFORM_SDKS = [/^discord\.js$/, /^@discordjs\//, /^@slack\//];
/** Engine libraries: only src/engines/** import them. */
const ENGINE_LIBS = [/^mongoose$/, /^bullmq$/, /^ioredis$/, /^mongodb$/];

/** The layer a repository-relative path is in: core, app, adapters, engines, cli, or other. */
function layerOf(path) {
  const parts = path.split(sep);
  if (parts[0] !== 'src') return 'other';
  return ['core', 'app', 'adapters', 'engines', 'cli'].includes(parts[1]) ? parts[1] : 'other';
}

/** Why `from` (repository-relative file) may not import `specifier`, or null when it may. */
export function layerViolation(from, specifier) {
  const layer = layerOf(from);
  if (specifier.startsWith('.')) {
    const target = relative(ROOT, resolve(ROOT, dirname(from), specifier));
    const to = layerOf(target);
    if (layer === 'core' && !target.startsWith(`src${sep}core${sep}`)) return `src/core imports nothing outside src/core (this lands in ${target}).`;
    if (layer === 'app' && to === 'cli') return 'src/app is the composition root: entry points in src/cli import it, never the other way.';
    return null;
  }
  if (PLATFORM_SDKS.some((re) => re.test(specifier)) && layer !== 'adapters') {
    return `${specifier} is a platform SDK: only src/adapters/** import it; turn its objects into the core's types there.`;
  }
  if (ENGINE_LIBS.some((re) => re.test(specifier)) && layer !== 'engines') {
    return `${specifier} belongs to an engine: only src/engines/** import it, behind a port of src/core/ports.`;
  }
  return null;
}

const rule = {
  meta: { type: 'problem', docs: { description: 'keep each layer of src/ to the imports it is allowed' }, schema: [] },
  create(context) {
    const from = relative(ROOT, context.filename);
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const why = layerViolation(from, source.value);
      if (why) context.report({ node, message: why });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source : null),
    };
  },
};

export default { rules: { layers: rule } };
