// Preloaded with `node --import`: records every module URL the process resolves into
// $TRACE_IMPORTS_FILE, so a test can assert which modules a process loaded. ES modules are seen
// by a resolve hook, CommonJS ones (also those an ES module loads with createRequire) by
// wrapping the CommonJS resolver.
import fs from 'node:fs';
import { createRequire, register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const file = process.env.TRACE_IMPORTS_FILE;
register(new URL('./trace-imports-hooks.mjs', import.meta.url), { data: { file } });

const Module = createRequire(import.meta.url)('node:module');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (...args) {
  const resolved = resolveFilename.apply(this, args);
  if (file && path.isAbsolute(resolved)) fs.appendFileSync(file, `${pathToFileURL(resolved).href}\n`);
  return resolved;
};
