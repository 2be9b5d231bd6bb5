// What `config explain` tells about each key must be true of the loader: every example loads to
// a valid value (from a file and from the environment), the environment variable and flags are
// the ones the loader reads, and names that are not keys get close ones.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { closestConfigKeys, explainKey, findConfigKey, keyExamples } from '../../src/config/explain.js';
import { CONFIG_KEYS, ENV_BINDINGS, loadConfig, type LoadedConfig } from '../../src/config/index.js';

const CLI_FLAGS = new Set(['--session', '--headed', '--executable-path', '--extension', '--debug', '--owner-pid', '--config', '--json']);

/** Loads a config whose only file is `contents`, plus `env`. */
function load(contents: unknown, env: NodeJS.ProcessEnv = {}): Promise<LoadedConfig> {
  return loadConfig({ cwd: '/tmp', env, findFile: async () => ({ filepath: '/tmp/project/.agentbrowserrc', contents }) });
}

test('every key is explained, with its environment variable when the loader reads one', async () => {
  const loaded = await load(undefined);
  for (const key of CONFIG_KEYS) {
    const explanation = explainKey(key, loaded, CLI_FLAGS);
    assert.ok(explanation.description.length > 10, `${key} has a description`);
    assert.ok(explanation.type && explanation.allowed, `${key} has a type and allowed values`);
    assert.is(explanation.env, ENV_BINDINGS.find((binding) => binding.key === key)?.name ?? null, `${key}'s env var`);
    for (const flag of explanation.flags) assert.ok(CLI_FLAGS.has(flag), `${key}: ${flag} is a flag the CLI has`);
  }
  assert.equal(explainKey('headless', loaded, CLI_FLAGS).flags, ['--headed']);
  assert.equal(explainKey('timeout', loaded, CLI_FLAGS).flags, [], 'the loader binds --timeout, but the CLI has no such global flag');
});

test('every example loads as a valid value from a file, and the environment example gives the same value', async () => {
  for (const { key, file, env } of keyExamples()) {
    const fromFile = await load({ [key]: file });
    assert.is(fromFile.sources[key].kind, 'file', `${key}: the file example is valid`);
    if (env === undefined) continue;
    const binding = ENV_BINDINGS.find((b) => b.key === key)!;
    const fromEnv = await load(undefined, { [binding.name]: env });
    assert.is(fromEnv.sources[key].kind, 'env', `${key}: the env example is valid`);
    if (key !== 'extensions' && key !== 'executablePath' && key !== 'socketDir' && key !== 'stateDir') {
      // Paths resolve from the file's folder in one case and the working folder in the other.
      assert.equal(fromEnv.config[key], fromFile.config[key], `${key}: ${binding.name}=${env} means what the file example means`);
    }
  }
});

test('keys are found in any letter case or by their environment variable', () => {
  assert.is(findConfigKey('timeout'), 'timeout');
  assert.is(findConfigKey('IdleTimeout'), 'idleTimeout');
  assert.is(findConfigKey('AGENT_BROWSER_HEADED'), 'headless');
  assert.is(findConfigKey('agent_browser_socket_dir'), 'socketDir');
  assert.is(findConfigKey('nope'), undefined);
});

test('names that are not keys get the closest keys', () => {
  assert.equal(closestConfigKeys('timout')[0], 'timeout');
  assert.equal(closestConfigKeys('executable')[0], 'executablePath');
  assert.ok(closestConfigKeys('viewpport').includes('viewport'));
  assert.equal(closestConfigKeys('zzzzzzzz'), []);
});

test.run();
