/**
 * Dialogs never hang the daemon: the `dialogs` policy (default dismiss) answers every dialog no
 * `dialog` action armed, beforeunload is always accepted, `dialog` arms a persistent answer for
 * the active tab's page, and every answer lists the dialogs handled meanwhile in `data.dialogs`.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { eventually, evaluate, keys, ok, useFixture } from '../helpers/e2e.js';
import type { Fixture } from '../helpers/e2e.js';

const PAGE = `<!DOCTYPE html><title>Dialogs</title>
<button id="alert" onclick="alert('Saved!'); document.querySelector('#out').textContent = 'after alert'">Alert</button>
<button id="confirm" onclick="document.querySelector('#out').textContent = 'confirm ' + confirm('Sure?')">Confirm</button>
<button id="prompt" onclick="document.querySelector('#out').textContent = 'prompt ' + prompt('Name?', 'Anon')">Prompt</button>
<p id="out">nothing yet</p>`;

const LEAVE = `<!DOCTYPE html><title>Leave</title><button id="touch">touch</button>
<script>addEventListener('beforeunload', (event) => { event.preventDefault(); event.returnValue = 'Leave?'; })</script>`;

function pages(fx: Fixture) {
  fx.server.page('/dialogs/page.html', PAGE);
  fx.server.page('/dialogs/leave.html', LEAVE);
  fx.server.page('/dialogs/other.html', '<!DOCTYPE html><title>Other</title><p>other</p>');
}

const out = async (fx: Fixture) => (await ok(fx.daemon, { action: 'gettext', selector: '#out' })).text;

// ------------------------------------------------------------------------------------------------
const policy = suite('dialogs (default policy: dismiss)');
const fx = useFixture(policy, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '5000' } });

policy.before(() => pages(fx));

async function open(path = '/dialogs/page.html') {
  return ok(fx.daemon, { action: 'navigate', url: fx.server.url(path) });
}

policy('an alert() during a click does not block it; the click answer reports the alert', async () => {
  await open();
  const data = await ok(fx.daemon, { action: 'click', selector: '#alert' });
  keys(data, ['clicked', 'dialogs']);
  assert.equal(data.dialogs, [{ type: 'alert', message: 'Saved!', handled: 'dismissed', by: 'policy' }]);
  assert.is(await out(fx), 'after alert');
  const next = await ok(fx.daemon, { action: 'url' });
  keys(next, ['url'], 'a reported dialog is not reported again');
});

policy('confirm() and prompt() are dismissed by default (false / null); prompts report their default', async () => {
  await open();
  const confirm = await ok(fx.daemon, { action: 'click', selector: '#confirm' });
  assert.equal(confirm.dialogs, [{ type: 'confirm', message: 'Sure?', handled: 'dismissed', by: 'policy' }]);
  assert.is(await out(fx), 'confirm false');
  const prompt = await ok(fx.daemon, { action: 'evaluate', script: 'prompt("Your name?", "Anon")' });
  assert.is(prompt.result, null);
  assert.equal(prompt.dialogs, [{ type: 'prompt', message: 'Your name?', defaultValue: 'Anon', handled: 'dismissed', by: 'policy' }]);
});

policy('dialog {response:"accept", promptText} → {handler:"set", response}; later dialogs of the page follow it', async () => {
  await open();
  const data = await ok(fx.daemon, { action: 'dialog', response: 'accept', promptText: 'Bob' });
  assert.equal(data, { handler: 'set', response: 'accept' });
  const prompt = await ok(fx.daemon, { action: 'click', selector: '#prompt' });
  assert.equal(prompt.dialogs, [{ type: 'prompt', message: 'Name?', defaultValue: 'Anon', handled: 'accepted', by: 'dialog action' }]);
  assert.is(await out(fx), 'prompt Bob');
  // Persistent: the next dialog is answered the same way, also after a navigation.
  await open();
  await ok(fx.daemon, { action: 'click', selector: '#confirm' });
  assert.is(await out(fx), 'confirm true');
  // A prompt accepted without promptText gets its default text.
  await ok(fx.daemon, { action: 'dialog', response: 'accept' });
  assert.is((await ok(fx.daemon, { action: 'evaluate', script: 'prompt("Q", "default answer")' })).result, 'default answer');
  const dismiss = await ok(fx.daemon, { action: 'dialog', response: 'dismiss' });
  assert.equal(dismiss, { handler: 'set', response: 'dismiss' });
  const confirm = await ok(fx.daemon, { action: 'click', selector: '#confirm' });
  assert.equal(confirm.dialogs, [{ type: 'confirm', message: 'Sure?', handled: 'dismissed', by: 'dialog action' }]);
  assert.is(await out(fx), 'confirm false');
  await ok(fx.daemon, { action: 'dialog', response: 'accept' });
});

policy('an armed answer belongs to its page: another tab follows the policy', async () => {
  await open();
  await ok(fx.daemon, { action: 'dialog', response: 'accept' });
  await ok(fx.daemon, { action: 'tab_new', url: fx.server.url('/dialogs/page.html') });
  const data = await ok(fx.daemon, { action: 'click', selector: '#confirm' });
  assert.equal(data.dialogs, [{ type: 'confirm', message: 'Sure?', handled: 'dismissed', by: 'policy' }]);
  await ok(fx.daemon, { action: 'tab_close' });
  await ok(fx.daemon, { action: 'click', selector: '#confirm' });
  assert.is(await out(fx), 'confirm true', 'the first tab still accepts');
});

policy('a dialog that appears between actions is reported in the next answer', async () => {
  await open();
  const scheduled = await ok(fx.daemon, { action: 'evaluate', script: 'setTimeout(() => alert("Later"), 50); "scheduled"' });
  assert.is(scheduled.result, 'scheduled');
  const seen: unknown[] = [];
  const arrived = await eventually(async () => {
    const data = await ok(fx.daemon, { action: 'title' });
    if (data.dialogs) seen.push(...data.dialogs);
    return seen.length > 0;
  });
  assert.ok(arrived, 'the alert was reported');
  assert.equal(seen, [{ type: 'alert', message: 'Later', handled: 'accepted', by: 'dialog action' }]);
});

policy('beforeunload is always accepted: navigating away from a page that asks works', async () => {
  await ok(fx.daemon, { action: 'dialog', response: 'dismiss' });
  await open('/dialogs/leave.html');
  // Chromium asks only on pages the user interacted with.
  await ok(fx.daemon, { action: 'click', selector: '#touch' });
  const data = await open('/dialogs/other.html');
  assert.is(data.title, 'Other');
  assert.equal(data.dialogs, [{ type: 'beforeunload', message: '', handled: 'accepted', by: 'policy' }]);
});

policy('CLI: dialog accept <text> / dialog dismiss', async () => {
  await open();
  const cli = async (...args: string[]) => {
    const result = await runCli(args, { env: fx.daemon.env });
    assert.is(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    return result;
  };
  assert.is((await cli('dialog', 'accept', 'Jane', 'Doe')).stdout, '✓ Done\n');
  await ok(fx.daemon, { action: 'click', selector: '#prompt' });
  assert.is(await out(fx), 'prompt Jane Doe');
  const json = await cli('dialog', 'dismiss', '--json');
  assert.equal(json.json.data, { handler: 'set', response: 'dismiss' });
  await ok(fx.daemon, { action: 'click', selector: '#prompt' });
  assert.is(await out(fx), 'prompt null');
});

policy.run();

// ------------------------------------------------------------------------------------------------
const accepting = suite('dialogs (policy from AGENT_BROWSER_DIALOGS=accept)');
const fx2 = useFixture(accepting, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '5000', AGENT_BROWSER_DIALOGS: 'accept' } });

accepting.before(() => pages(fx2));

accepting('confirm() is accepted and prompt() gets its default text', async () => {
  await ok(fx2.daemon, { action: 'navigate', url: fx2.server.url('/dialogs/page.html') });
  const data = await ok(fx2.daemon, { action: 'click', selector: '#confirm' });
  assert.equal(data.dialogs, [{ type: 'confirm', message: 'Sure?', handled: 'accepted', by: 'policy' }]);
  assert.is(await out(fx2), 'confirm true');
  await ok(fx2.daemon, { action: 'click', selector: '#prompt' });
  assert.is(await out(fx2), 'prompt Anon');
  assert.is(await evaluate(fx2.daemon, 'confirm("again")'), true);
});

accepting.run();
