#!/usr/bin/env node
// The process boundary, checked statically: nothing the CLI loads (src/cli/**, followed through
// every static and dynamic import that stays at run time) reaches playwright-core, src/browser,
// src/builtins or src/daemon, nor the action contracts (src/protocol/actions) and zod: the CLI reads
// the commands derived from the contracts in dist/cli/command-specs.json, written at build time,
// because loading zod and every schema costs more than Node's own start. Type-only imports are
// erased by tsc and do not count. The runtime
// test (test/integration/boundary.test.ts) watches what a real CLI process loads; this check names
// the import chain at once, without running anything.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const FORBIDDEN_DIRS = [
  ...['browser', 'builtins', 'daemon', path.join('protocol', 'actions')].map((dir) => path.join(src, dir) + path.sep),
  // zod through createRequire, and the schemas built with it
  ...['zod.ts', 'schemas.ts'].map((file) => path.join(src, 'protocol', file)),
];
const FORBIDDEN_PACKAGES = ['playwright-core', 'playwright', 'zod'];

/** Import specifiers that load code at run time: static imports and re-exports (not `import type`), and `import('…')`. */
function runtimeImports(file) {
  const text = fs.readFileSync(file, 'utf8');
  const found = [];
  const statics = /^\s*(?:import|export)\s+(?!type\b)(?:[\w\s{},*$]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(statics)) {
    // `import { type A, type B } from` loads nothing either.
    const clause = match[0];
    if (/^\s*import\s*\{[^}]*\}\s*from/.test(clause) && /\{\s*(?:type\s+\w+(?:\s+as\s+\w+)?\s*,?\s*)+\}/.test(clause)) continue;
    found.push(match[1]);
  }
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1]);
  return found;
}

function resolveLocal(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function listTs(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listTs(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const entries = listTs(path.join(src, 'cli'));
const via = new Map(entries.map((file) => [file, null]));
const queue = [...entries];
const problems = [];
const rel = (file) => path.relative(root, file);
const chain = (file) => {
  const steps = [];
  for (let at = file; at; at = via.get(at)) steps.unshift(rel(at));
  return steps.join(' → ');
};

while (queue.length > 0) {
  const file = queue.shift();
  for (const specifier of runtimeImports(file)) {
    if (specifier.startsWith('.')) {
      const target = resolveLocal(file, specifier);
      if (!target || via.has(target)) continue;
      via.set(target, file);
      if (FORBIDDEN_DIRS.some((dir) => target.startsWith(dir))) {
        problems.push(`${chain(target)}`);
        continue;
      }
      queue.push(target);
    } else if (FORBIDDEN_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`))) {
      problems.push(`${chain(file)} → ${specifier}`);
    }
  }
}

// The hook host is the plugin API's side: it describes the browser through its own interfaces
// (src/host/session-browser.ts), so it imports nothing from src/browser, not even types.
for (const file of listTs(path.join(src, 'host'))) {
  const text = fs.readFileSync(file, 'utf8');
  for (const match of text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const specifier = match[1] ?? match[2];
    if (!specifier.startsWith('.')) continue;
    const target = path.resolve(path.dirname(file), specifier);
    if (target.startsWith(path.join(src, 'browser') + path.sep)) problems.push(`${rel(file)} imports ${specifier} (src/host must not depend on src/browser)`);
  }
}

if (problems.length > 0) {
  console.error(
    `Import rules broken. The CLI must not load playwright-core, src/browser, src/builtins or src/daemon (the daemon's side of the process boundary), nor zod or the action contracts (src/protocol/actions; it reads dist/cli/command-specs.json); src/host must not import src/browser:\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(
  `process boundary: ${via.size} modules the CLI can load, none of them the daemon's, zod or the contracts; src/host imports nothing from src/browser`,
);
