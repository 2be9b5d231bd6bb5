// Every place the configuration may live (cosmiconfig's search places, package.json#agentbrowser
// included) configures a daemon the CLI starts from it, on the oclif path (`daemon start`) and on
// the fast path (a plain command), and `close` and `status` stay answerable whatever a plugin's
// beforeAction does.
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SEARCH_PLACES } from '../../src/config/load.js';
import { runCli } from '../helpers/cli.js';
import { makeSocketDir, testEnv } from '../helpers/daemon.js';
import { killPidFile, tempProject, waitUntil, pidAlive, writePlugin } from './_support.js';

/** The file text that sets `idleTimeout` to `ms` in each search place. */
function configText(place: string, ms: number): string {
  if (place === 'package.json') return JSON.stringify({ name: 'some-project', version: '1.0.0', private: true, agentbrowser: { idleTimeout: ms } });
  if (/\.ya?ml$/.test(place)) return `# agent-browser\nidleTimeout: ${ms}\n`;
  if (place.endsWith('.mjs')) return `export default { idleTimeout: ${ms} };\n`;
  if (place.endsWith('.js') || place.endsWith('.cjs')) return `module.exports = { idleTimeout: ${ms} };\n`;
  return JSON.stringify({ idleTimeout: ms });
}

const places = suite('config places');
const cleanups: Array<() => Promise<void> | void> = [];
places.after(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

SEARCH_PLACES.forEach((place, index) => {
  places(`${place} configures the daemon a command starts, on the oclif path and the fast path`, async () => {
    const project = tempProject();
    const socketDir = makeSocketDir();
    const session = `place${index}`;
    cleanups.push(
      () => killPidFile(path.join(socketDir, `${session}.pid`)),
      () => fs.rmSync(project, { recursive: true, force: true }),
      () => fs.rmSync(socketDir, { recursive: true, force: true }),
    );
    const ms = 600_000 + index * 1000;
    fs.writeFileSync(path.join(project, place), configText(place, ms));
    const env = testEnv(socketDir, { AGENT_BROWSER_SESSION: session });
    delete env.AGENT_BROWSER_IDLE_TIMEOUT_MS;

    const shown = await runCli(['config', 'show', '--json'], { env, cwd: project });
    assert.is(shown.code, 0, shown.stderr);
    const shownValue = (shown.json.data.values as Array<{ key: string; value: unknown }>).find((entry) => entry.key === 'idleTimeout')?.value;
    assert.is(shownValue, ms, `config show reads ${place}`);
    assert.is(shown.json.data.file, path.join(project, place));

    const started = await runCli(['daemon', 'start'], { env, cwd: project, timeoutMs: 30_000 });
    assert.is(started.code, 0, `daemon start from ${place}: ${started.stderr}`);
    const status = await runCli(['daemon', 'status', '--json'], { env, cwd: project });
    assert.is(status.json.data.daemon.idleTimeoutMs, ms, `the daemon runs with ${place}'s settings: ${status.stdout}`);
    assert.is((await runCli(['close'], { env, cwd: project })).code, 0);

    // The fast path reads JSON files itself (and hands the rest to the full loader); a daemon it starts gets the same file.
    const session2 = `${session}fast`;
    const fastEnv = { ...env, AGENT_BROWSER_SESSION: session2 };
    cleanups.push(() => killPidFile(path.join(socketDir, `${session2}.pid`)));
    const url = await runCli(['get', 'url'], { env: fastEnv, cwd: project, timeoutMs: 30_000 });
    assert.is(url.code, 0, `a plain command starting the daemon from ${place}: ${url.stderr}`);
    assert.is(url.stdout, 'about:blank\n');
    const fastStatus = await runCli(['daemon', 'status', '--json'], { env: fastEnv, cwd: project });
    assert.is(fastStatus.json.data.daemon.idleTimeoutMs, ms);
    const pid = fastStatus.json.data.daemon.pid as number;
    assert.is((await runCli(['close'], { env: fastEnv, cwd: project })).code, 0);
    await waitUntil(() => !pidAlive(pid), 10_000, 'the daemon to stop');
  });
});

places.run();

const lifelines = suite('a plugin whose beforeAction refuses everything');

lifelines('close, status and cancel are still answered (and the veto holds for every other action); close stops the daemon', async () => {
  const project = tempProject();
  const socketDir = makeSocketDir();
  cleanups.push(
    () => killPidFile(path.join(socketDir, 'veto.pid')),
    () => fs.rmSync(project, { recursive: true, force: true }),
    () => fs.rmSync(socketDir, { recursive: true, force: true }),
  );
  writePlugin(
    project,
    'no.mjs',
    `export default { name: 'no', apply(host) { host.hooks.beforeAction.tapPromise('no', async () => { throw new Error('no means no'); }); } };`,
  );
  fs.writeFileSync(path.join(project, '.agentbrowserrc.json'), JSON.stringify({ plugins: ['./no.mjs'] }));
  const env = testEnv(socketDir, { AGENT_BROWSER_SESSION: 'veto' });
  const refused = await runCli(['get', 'url', '--json'], { env, cwd: project, timeoutMs: 30_000 });
  assert.is(refused.json.code, 'PLUGIN_FAILED', refused.stdout);
  assert.match(refused.json.error, 'no means no');
  const status = await runCli(['daemon', 'status', '--json'], { env, cwd: project });
  assert.is(status.json.data.running, true, status.stdout);
  const pid = status.json.data.daemon.pid as number;
  const cancel = await runCli(['cancel', 'nothing-to-cancel', '--json'], { env, cwd: project });
  assert.is.not(cancel.json.code, 'PLUGIN_FAILED', cancel.stdout);
  const closed = await runCli(['close'], { env, cwd: project });
  assert.is(closed.code, 0, closed.stderr);
  await waitUntil(() => !pidAlive(pid), 10_000, 'the daemon to stop');
  const log = fs.readFileSync(path.join(socketDir, 'veto.log'), 'utf8');
  assert.match(log, '"close" runs anyway: beforeAction cannot refuse it');
});

lifelines.after(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

lifelines.run();
