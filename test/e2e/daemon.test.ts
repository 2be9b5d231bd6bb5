/**
 * The daemon's own actions: launch (idempotent) and status, actions (every built-in with summary and
 * params), and close (the daemon exits and removes its files).
 */
import fs from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { alive, eventually, keys, ok, useFixture } from '../helpers/e2e.js';

const test = suite('daemon');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '5000' } });

test('launch → {launched:true}; a second launch is a no-op; status shows the browser', async () => {
  const first = await ok(fx.daemon, { action: 'launch' });
  assert.equal(first, { launched: true });
  assert.equal(await ok(fx.daemon, { action: 'launch', headless: true }), { launched: true });
  const status = await ok(fx.daemon, { action: 'status' });
  assert.is(status.pid, fx.daemon.pid);
  assert.is(status.session, fx.daemon.session);
  assert.is(status.browser.launched, true);
  assert.is(status.browser.tabs, 1);
});

test('actions → every built-in with summary and params', async () => {
  const data = await ok(fx.daemon, { action: 'actions' });
  keys(data, ['actions']);
  const names = (data.actions as { name: string; summary: string; params: unknown }[]).map((a) => a.name);
  const builtins =
    'launch navigate back forward reload url title content close click dblclick fill type press hover focus check uncheck scrollintoview select scroll gettext getattribute inputvalue innerhtml isvisible isenabled ischecked count snapshot screenshot wait evaluate status actions'.split(
      ' ',
    );
  for (const name of builtins) assert.ok(names.includes(name), `actions lists ${name}`);
  for (const action of data.actions) {
    assert.type(action.summary, 'string');
    assert.ok(action.summary.length > 0, action.name);
    assert.type(action.params, 'object');
  }
  const click = data.actions.find((a: { name: string }) => a.name === 'click');
  assert.ok(Object.keys(click.params.properties).includes('selector'));
});

// Last: it stops the suite's daemon.
test('close → {closed:true}; the daemon exits and removes its files', async () => {
  const data = await ok(fx.daemon, { action: 'close' });
  assert.equal(data, { closed: true });
  assert.ok(await eventually(() => !alive(fx.daemon.pid)), 'daemon exited');
  assert.not.ok(fs.existsSync(fx.daemon.socketPath), 'socket removed');
  assert.not.ok(fs.existsSync(`${fx.daemon.socketDir}/${fx.daemon.session}.pid`), 'pid file removed');
  const after = await fx.daemon.request({ id: 'after', action: 'url' }).then(
    (answer) => `answered ${JSON.stringify(answer)}`,
    (error: NodeJS.ErrnoException) => error.code,
  );
  assert.ok(after === 'ENOENT' || after === 'ECONNREFUSED', `nothing listens any more: ${after}`);
});

test.run();
