/**
 * Form helpers against a real page: upload (absolute paths; the page sees names and sizes),
 * multiselect, setvalue, selectall and clear. Their CLI commands are in input.test.ts's CLI test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, fails, ok, useFixture } from '../helpers/e2e.js';

const test = suite('forms');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '5000' } });

const PAGE = '/e2e/input-page.html';
let tmp = '';

async function open() {
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url(PAGE) });
}

const value = async (selector: string) => (await ok(fx.daemon, { action: 'inputvalue', selector })).value;
const status = () => evaluate(fx.daemon, "document.getElementById('status').textContent");

test.before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'abt-forms-'));
});
test.after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('upload → {uploaded: absolute paths}; the page sees names and sizes; a missing file is named', async () => {
  await open();
  const a = path.join(tmp, 'a.txt');
  const b = path.join(tmp, 'b.bin');
  fs.writeFileSync(a, 'hello');
  fs.writeFileSync(b, Buffer.alloc(1234));
  const one = await ok(fx.daemon, { action: 'upload', selector: '#file', files: a });
  assert.equal(one, { uploaded: [a] });
  assert.is(await status(), 'a.txt:5');
  await ok(fx.daemon, { action: 'upload', selector: '#file', files: [a, b] });
  assert.is(await status(), 'a.txt:5,b.bin:1234');
  const missing = path.join(tmp, 'missing.pdf');
  const answer = await fails(fx.daemon, { action: 'upload', selector: '#file', files: [a, missing] }, 'FILE_NOT_FOUND');
  assert.match(answer.error, missing);
});

test('multiselect → {selected: what was selected}; clear, selectall and setvalue', async () => {
  await open();
  const data = await ok(fx.daemon, { action: 'multiselect', selector: '#multi', values: ['cheese', 'Ham'] });
  assert.equal(data, { selected: ['cheese', 'ham'] });
  assert.equal(await evaluate(fx.daemon, "[...document.getElementById('multi').selectedOptions].map(o => o.value)"), ['cheese', 'ham']);

  assert.equal(await ok(fx.daemon, { action: 'setvalue', selector: '#field', value: 'set here' }), { set: true });
  assert.is(await value('#field'), 'set here');
  assert.equal(await ok(fx.daemon, { action: 'selectall', selector: '#field' }), { selected: true });
  assert.equal(
    await evaluate(
      fx.daemon,
      "(() => { const f = document.getElementById('field'); return [document.activeElement === f, f.selectionStart, f.selectionEnd]; })()",
    ),
    [true, 0, 8],
  );
  assert.equal(await ok(fx.daemon, { action: 'clear', selector: '#field' }), { cleared: true });
  assert.is(await value('#field'), '');
  await fails(fx.daemon, { action: 'clear', selector: '#status' }, 'WRONG_ELEMENT');
});

test.run();
