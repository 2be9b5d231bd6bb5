// How a configured plugin entry becomes a module: a folder is a package whose package.json names
// the entry, and a TypeScript file is refused with how to build it (Node 20 runs JavaScript only).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { importPlugin } from '../../src/host/load.js';
import type { ActionError } from '../../src/protocol/errors.js';

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'abload-')));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

const spec = (entry: string) => ({ spec: entry, resolved: path.resolve(dir, entry) });
async function refusal(entry: string): Promise<ActionError> {
  try {
    await importPlugin(spec(entry), dir);
  } catch (error) {
    return error as ActionError;
  }
  throw new Error(`${entry} loaded`);
}

test('a folder path loads the package entry its package.json exports (a local plugin package)', async () => {
  const root = path.join(dir, 'packages', 'my-plugin');
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'my-plugin', type: 'module', exports: { '.': { import: './dist/index.js' } } }));
  fs.writeFileSync(path.join(root, 'dist', 'index.js'), `export default { name: 'mine', apply() {} };\n`);
  const loaded = await importPlugin(spec('./packages/my-plugin'), dir);
  assert.is(loaded.source, path.join(root, 'dist', 'index.js'));
  assert.is((loaded.plugin as { name: string }).name, 'mine');
});

test('a folder without a package.json, and a TypeScript entry, are refused with what to do', async () => {
  fs.mkdirSync(path.join(dir, 'loose'));
  assert.match((await refusal('./loose')).message, 'is a folder without a package.json');
  fs.writeFileSync(path.join(dir, 'plugin.ts'), 'export default {}');
  const ts = await refusal('./plugin.ts');
  assert.is(ts.code, 'PLUGIN_FAILED');
  assert.match(ts.message, 'is TypeScript, which Node runs only as JavaScript: build it (tsc) and list the built file');
});

test.run();
