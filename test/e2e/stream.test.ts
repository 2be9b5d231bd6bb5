/**
 * The live view stream against a real Chromium (PROTOCOL.md §5): frames of the active tab while a
 * viewer watches, input that reaches the page, the screencast following tabs and a relaunched
 * browser, stopping when the last viewer leaves, screencast_start/stop.
 */
import fs from 'node:fs';
import { PNG } from 'pngjs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { TestDaemon } from '../helpers/daemon.js';
import { alive, browserPids, closedPort, commandOf, evaluate, eventually, isJpeg, isPng, keys, ok, useFixture } from '../helpers/e2e.js';
import { isFrame, isStatus, openStream, type StreamClient } from '../helpers/stream.js';

const PAGE = `<!doctype html><title>Stream</title>
<style>
  body { margin: 0; }
  #go { position: absolute; left: 100px; top: 100px; width: 200px; height: 80px; }
  #form { position: absolute; left: 100px; top: 250px; }
  #name { width: 300px; height: 30px; }
  #pad { position: absolute; left: 500px; top: 100px; width: 200px; height: 200px; background: #eee; }
  #log { position: absolute; top: 400px; }
</style>
<button id="go" type="button" onclick="log('click')">Go</button>
<form id="form"><input id="name" autocomplete="off"></form>
<div id="pad"></div>
<p id="log"></p>
<script>
  window.log = (what) => { document.getElementById('log').textContent += what + ';'; };
  document.getElementById('form').addEventListener('submit', (event) => { event.preventDefault(); log('submit:' + document.getElementById('name').value); });
  document.getElementById('pad').addEventListener('touchstart', (event) => log('touchstart:' + event.touches.length));
  document.getElementById('pad').addEventListener('touchend', () => log('touchend'));
</script>`;

const METADATA_FIELDS = ['offsetTop', 'pageScaleFactor', 'deviceWidth', 'deviceHeight', 'scrollOffsetX', 'scrollOffsetY', 'timestamp'];

/** The centre of an element of the active tab, in the page's CSS pixels. */
async function centreOf(daemon: TestDaemon, selector: string): Promise<{ x: number; y: number }> {
  const { box } = (await ok(daemon, { action: 'boundingbox', selector })) as { box: { x: number; y: number; width: number; height: number } };
  return { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
}

async function logText(daemon: TestDaemon): Promise<string> {
  return evaluate(daemon, "document.getElementById('log').textContent");
}

async function streamStatus(daemon: TestDaemon): Promise<{ enabled: boolean; port: number; clients: number; screencasting: boolean }> {
  return (await ok(daemon, { action: 'status' })).stream;
}

// ---------------------------------------------------------------------------------------------

const stream = suite('live view stream');
const streamPort = await closedPort();
const fx = useFixture(stream, { env: { AGENT_BROWSER_STREAM_PORT: String(streamPort) } });
const clients: StreamClient[] = [];

async function viewer(): Promise<StreamClient> {
  const client = await openStream(streamPort);
  clients.push(client);
  return client;
}

async function openPage(): Promise<void> {
  fx.server.page('/stream', PAGE);
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/stream') });
}

stream.after.each(async () => {
  for (const client of clients.splice(0)) await client.close();
});

stream('the .stream file holds the port while the daemon runs', () => {
  assert.is(fs.readFileSync(`${fx.daemon.socketDir}/${fx.daemon.session}.stream`, 'utf8'), String(streamPort));
});

stream('a viewer connected before the browser launched: status without screencast, then JPEG frames with their metadata once a page exists', async () => {
  assert.is((await streamStatus(fx.daemon)).enabled, true);
  assert.is((await ok(fx.daemon, { action: 'status' })).browser.launched, false, 'no browser yet');
  const client = await viewer();
  assert.equal(await client.next(isStatus), { type: 'status', connected: true, screencasting: false, viewportWidth: 1280, viewportHeight: 720 });
  await openPage();
  assert.equal(await client.next((m) => isStatus(m) && m.screencasting), { type: 'status', connected: true, screencasting: true, viewportWidth: 1280, viewportHeight: 720 });
  const frame = await client.next(isFrame);
  keys(frame, ['type', 'data', 'metadata']);
  assert.ok(isJpeg(Buffer.from(frame.data, 'base64')), 'the frame is a JPEG');
  keys(frame.metadata, METADATA_FIELDS, 'of the frame metadata');
  for (const field of METADATA_FIELDS) assert.type(frame.metadata[field], 'number', field);
  assert.is(frame.metadata.deviceWidth, 1280);
  assert.is(frame.metadata.deviceHeight, 720);
  client.send({ type: 'status' });
  assert.equal(await client.next(isStatus), { type: 'status', connected: true, screencasting: true, viewportWidth: 1280, viewportHeight: 720 });
});

stream('input_mouse clicks and input_keyboard types into the page (Backspace edits, Enter submits)', async () => {
  await openPage();
  const client = await viewer();
  await client.next(isFrame);
  const go = await centreOf(fx.daemon, '#go');
  client.send({ type: 'input_mouse', eventType: 'mouseMoved', x: go.x, y: go.y });
  client.send({ type: 'input_mouse', eventType: 'mousePressed', x: go.x, y: go.y, button: 'left', clickCount: 1 });
  client.send({ type: 'input_mouse', eventType: 'mouseReleased', x: go.x, y: go.y, button: 'left', clickCount: 1 });
  const name = await centreOf(fx.daemon, '#name');
  client.send({ type: 'input_mouse', eventType: 'mousePressed', x: name.x, y: name.y, button: 'left', clickCount: 1 });
  client.send({ type: 'input_mouse', eventType: 'mouseReleased', x: name.x, y: name.y, button: 'left', clickCount: 1 });
  for (const key of ['A', 'd', 'x']) {
    client.send({ type: 'input_keyboard', eventType: 'keyDown', key, code: `Key${key.toUpperCase()}`, text: key, modifiers: key === 'A' ? 8 : 0 });
    client.send({ type: 'input_keyboard', eventType: 'keyUp', key, code: `Key${key.toUpperCase()}` });
  }
  client.send({ type: 'input_keyboard', eventType: 'keyDown', key: 'Backspace', code: 'Backspace' });
  client.send({ type: 'input_keyboard', eventType: 'keyUp', key: 'Backspace', code: 'Backspace' });
  client.send({ type: 'input_keyboard', eventType: 'keyDown', key: 'a', code: 'KeyA', text: 'a' });
  client.send({ type: 'input_keyboard', eventType: 'keyUp', key: 'a', code: 'KeyA' });
  client.send({ type: 'input_keyboard', eventType: 'keyDown', key: 'Enter', code: 'Enter' });
  client.send({ type: 'input_keyboard', eventType: 'keyUp', key: 'Enter', code: 'Enter' });
  assert.ok(await eventually(async () => (await logText(fx.daemon)) === 'click;submit:Ada;', 20_000), `page log: ${await logText(fx.daemon)}`);
  assert.is(await evaluate(fx.daemon, "document.getElementById('name').value"), 'Ada');
  assert.not.ok(client.messages.some((m) => m.type === 'error'), JSON.stringify(client.messages.filter((m) => m.type === 'error')));
});

stream('input_touch reaches the page as touch events', async () => {
  await openPage();
  const client = await viewer();
  const pad = await centreOf(fx.daemon, '#pad');
  client.send({ type: 'input_touch', eventType: 'touchStart', touchPoints: [{ x: pad.x, y: pad.y, id: 1 }] });
  client.send({ type: 'input_touch', eventType: 'touchEnd', touchPoints: [] });
  assert.ok(await eventually(async () => (await logText(fx.daemon)) === 'touchstart:1;touchend;', 20_000), `page log: ${await logText(fx.daemon)}`);
});

stream('the screencast follows the active tab: a new window with its own viewport, then a switch back', async () => {
  await openPage();
  const client = await viewer();
  await client.next((m) => isFrame(m) && m.metadata.deviceWidth === 1280);
  await ok(fx.daemon, { action: 'window_new', viewport: { width: 800, height: 600 } });
  await client.next((m) => isStatus(m) && m.viewportWidth === 800 && m.viewportHeight === 600);
  await client.next((m) => isFrame(m) && m.metadata.deviceWidth === 800 && m.metadata.deviceHeight === 600);
  await ok(fx.daemon, { action: 'tab_switch', index: 0 });
  await client.next((m) => isFrame(m) && m.metadata.deviceWidth === 1280);
  await ok(fx.daemon, { action: 'tab_close', index: 1 });
  assert.is((await ok(fx.daemon, { action: 'tab_list' })).tabs.length, 1);
});

stream('the screencast follows a relaunched browser', async () => {
  await openPage();
  const client = await viewer();
  await client.next(isFrame);
  const main = browserPids(fx.daemon.pid).find((pid) => !/--type=/.test(commandOf(pid)));
  assert.ok(main, 'the browser process');
  process.kill(main, 'SIGKILL');
  await eventually(() => !alive(main));
  await client.next((m) => isStatus(m) && !m.screencasting);
  assert.ok(await eventually(async () => (await ok(fx.daemon, { action: 'status' })).browser.launched === false, 20_000), 'the daemon saw the browser go');
  await openPage();
  await client.next((m) => isStatus(m) && m.screencasting);
  await client.next(isFrame);
});

stream('the screencast stops when the last viewer leaves, and starts again for the next one', async () => {
  await openPage();
  const first = await viewer();
  const second = await viewer();
  await first.next(isFrame);
  await second.next(isFrame);
  await first.close();
  assert.ok(await eventually(async () => (await streamStatus(fx.daemon)).clients === 1), 'one viewer left');
  assert.is((await streamStatus(fx.daemon)).screencasting, true, 'still casting for the other viewer');
  await second.close();
  assert.ok(await eventually(async () => !(await streamStatus(fx.daemon)).screencasting), `stopped: ${JSON.stringify(await streamStatus(fx.daemon))}`);
  const next = await viewer();
  assert.is((await next.next(isStatus)).screencasting, false, 'a new viewer finds it stopped');
  await next.next((m) => isStatus(m) && m.screencasting);
  await next.next(isFrame);
});

stream('screencast_start keeps it running without viewers, with its options (PNG frames of the page); screencast_stop ends that', async () => {
  fx.server.page('/red', '<!doctype html><title>Red</title><body style="margin:0;background:rgb(255,0,0)">');
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/red') });
  assert.equal(await ok(fx.daemon, { action: 'screencast_start', format: 'png', maxWidth: 640, maxHeight: 360 }), { started: true, format: 'png', quality: 80 });
  assert.ok(await eventually(async () => (await streamStatus(fx.daemon)).screencasting), 'casting with no viewer');
  assert.is((await streamStatus(fx.daemon)).clients, 0);
  const again = await fx.daemon.request({ id: 'twice', action: 'screencast_start' });
  assert.is(again.code, 'ALREADY_STARTED');
  assert.match(again.error, /Screencast already active/);

  const client = await viewer();
  await evaluate(fx.daemon, "document.body.append('x')");
  const frame = await client.next(isFrame);
  const bytes = Buffer.from(frame.data, 'base64');
  assert.ok(isPng(bytes), 'a PNG frame');
  const png = PNG.sync.read(bytes);
  assert.ok(png.width <= 640 && png.height <= 360, `${png.width}×${png.height}`);
  const centre = (png.width * Math.floor(png.height / 2) + Math.floor(png.width / 2)) * 4;
  assert.equal([...png.data.subarray(centre, centre + 3)], [255, 0, 0], 'the frame shows the red page');

  assert.equal(await ok(fx.daemon, { action: 'screencast_stop' }), { stopped: true, screencasting: true });
  await evaluate(fx.daemon, "document.body.style.background = 'rgb(0, 0, 255)'");
  await client.next((m) => isFrame(m) && isJpeg(Buffer.from(m.data, 'base64')));
  await client.close();
  assert.ok(await eventually(async () => !(await streamStatus(fx.daemon)).screencasting), 'stopped with the last viewer');
});

stream.run();
