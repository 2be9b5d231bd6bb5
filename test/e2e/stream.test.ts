/**
 * The live view stream against a real Chromium (PROTOCOL.md §5): frames of the active tab while a
 * viewer watches, input that reaches the page, the screencast following tabs and a relaunched
 * browser, stopping when the last viewer leaves, screencast_start/stop; and `agent-browser
 * stream`, its viewer page opened in a second, separate Chromium and driven like a person would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { QUIET_ARGS, testBrowserPath } from '../helpers/browser.js';
import { startDaemon, type TestDaemon } from '../helpers/daemon.js';
import { alive, browserPids, closedPort, commandOf, evaluate, eventually, isJpeg, isPng, keys, ok, useFixture } from '../helpers/e2e.js';
import { CLI } from '../helpers/paths.js';
import { startPageServer, type PageServer } from '../helpers/server.js';
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
  assert.equal(await client.next((m) => isStatus(m) && m.screencasting), {
    type: 'status',
    connected: true,
    screencasting: true,
    viewportWidth: 1280,
    viewportHeight: 720,
  });
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
  assert.not.ok(
    client.messages.some((m) => m.type === 'error'),
    JSON.stringify(client.messages.filter((m) => m.type === 'error')),
  );
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
  assert.equal(await ok(fx.daemon, { action: 'screencast_start', format: 'png', maxWidth: 640, maxHeight: 360 }), {
    started: true,
    format: 'png',
    quality: 80,
  });
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

// ---------------------------------------------------------------------------------------------

const cli = suite('agent-browser stream');
let server: PageServer;
let daemon: TestDaemon | null = null;
let restarted: TestDaemon | null = null;
let command: ChildProcess | null = null;
let viewerBrowser: Browser | null = null;
let viewerUrl = '';
let setupError: unknown = null;

cli.before(async () => {
  try {
    server = await startPageServer();
    daemon = await startDaemon();
    const { chromium } = await import('playwright-core');
    viewerBrowser = await chromium.launch({ executablePath: testBrowserPath(), args: QUIET_ARGS, headless: true });
  } catch (error) {
    setupError = error;
  }
});
cli.before.each(() => {
  if (setupError) throw setupError;
});
cli.after(async () => {
  if (command && command.exitCode === null && command.signalCode === null) command.kill('SIGKILL');
  await viewerBrowser?.close();
  await restarted?.stop();
  await daemon?.stop();
  await server?.close();
});

/** Starts `agent-browser stream --port 0 --json` and resolves with its first stdout line, parsed. */
function startStreamCommand(env: NodeJS.ProcessEnv): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'stream', '--port', '0', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    command = child;
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`no first line from 'stream' within 60 s\nstdout: ${stdout}\nstderr: ${stderr}`)), 60_000);
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      resolve(JSON.parse(stdout.slice(0, newline)));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`'stream' exited with ${code}\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
}

/** The viewer canvas pixel showing the page's CSS point (x, y), as [r, g, b]. */
async function pixelAt(view: Page, x: number, y: number): Promise<number[]> {
  return view.evaluate(
    ([cssX, cssY]) => {
      const canvas = document.getElementById('screen') as HTMLCanvasElement;
      const scale = canvas.width / 1280;
      const data = canvas.getContext('2d')!.getImageData(Math.round(cssX * scale), Math.round(cssY * scale), 1, 1).data;
      return [data[0]!, data[1]!, data[2]!];
    },
    [x, y],
  );
}

function near(pixel: number[], colour: number[]): boolean {
  return pixel.every((value, index) => Math.abs(value - colour[index]!) < 40);
}

/** Where the page's CSS point (x, y) is on the viewer page. */
async function onViewer(view: Page, point: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const box = (await view.locator('#screen').boundingBox())!;
  const scale = box.width / 1280;
  return { x: box.x + point.x * scale, y: box.y + point.y * scale };
}

async function viewerState(view: Page): Promise<string | undefined> {
  return view.evaluate(() => document.getElementById('state')!.dataset.state);
}

cli('stream --port 0 --json turns the stream on in a running daemon and serves a viewer that shows the page and drives it', async () => {
  server.page('/stream', PAGE);
  await ok(daemon!, { action: 'navigate', url: server.url('/stream') });
  assert.equal((await ok(daemon!, { action: 'status' })).stream, { enabled: false });

  const first = await startStreamCommand(daemon!.env);
  assert.is(first.success, true);
  viewerUrl = first.data.url;
  keys(first.data, ['url', 'streamPort', 'session']);
  assert.match(first.data.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.is(first.data.session, daemon!.session);
  const running = (await ok(daemon!, { action: 'status' })).stream;
  assert.equal(running, { enabled: true, port: first.data.streamPort, clients: 0, screencasting: false });

  const view = await viewerBrowser!.newPage({ viewport: { width: 1000, height: 700 } });
  await view.goto(first.data.url);
  await view.waitForFunction(
    () => document.getElementById('state')!.dataset.state === 'live' && !(document.getElementById('screen') as HTMLCanvasElement).hidden,
    null,
    { timeout: 30_000 },
  );

  // Frames arrive: the canvas follows the page's colours.
  for (const colour of [
    [255, 0, 0],
    [0, 0, 255],
  ]) {
    await evaluate(daemon!, `document.body.style.background = 'rgb(${colour.join(',')})'`);
    assert.ok(
      await eventually(async () => near(await pixelAt(view, 40, 650), colour), 20_000),
      `the viewer shows rgb(${colour.join(',')}); it shows ${await pixelAt(view, 40, 650)}`,
    );
  }

  // A click through the viewer lands on the button; typing goes into the field it focused.
  const go = await onViewer(view, await centreOf(daemon!, '#go'));
  await view.mouse.click(go.x, go.y);
  assert.ok(await eventually(async () => (await logText(daemon!)) === 'click;', 20_000), `page log: ${await logText(daemon!)}`);
  const name = await onViewer(view, await centreOf(daemon!, '#name'));
  await view.mouse.click(name.x, name.y);
  await view.keyboard.type('Graced');
  await view.keyboard.press('Backspace');
  await view.keyboard.press('Enter');
  assert.ok(await eventually(async () => (await logText(daemon!)) === 'click;submit:Grace;', 20_000), `page log: ${await logText(daemon!)}`);
  await view.close();
});

cli('the viewer reconnects to a restarted daemon and turns its stream on; SIGTERM stops the viewer, the daemon keeps running', async () => {
  assert.ok(viewerUrl && command?.exitCode === null, 'the stream command of the previous test still runs');
  const view = await viewerBrowser!.newPage({ viewport: { width: 1000, height: 700 } });
  await view.goto(viewerUrl);
  assert.ok(await eventually(async () => (await viewerState(view)) === 'live', 30_000), `viewer state: ${await viewerState(view)}`);

  const { session, socketDir } = daemon!;
  const exited = new Promise((resolve) => daemon!.process.once('exit', resolve));
  await ok(daemon!, { action: 'close' });
  await exited;
  assert.ok(await eventually(async () => (await viewerState(view)) === 'down', 20_000), `viewer state: ${await viewerState(view)}`);

  restarted = await startDaemon({ session, socketDir });
  server.page('/green', '<!doctype html><title>Green</title><body style="margin:0;background:rgb(0,128,0)">');
  await ok(restarted, { action: 'navigate', url: server.url('/green') });
  assert.ok(
    await eventually(async () => (await viewerState(view)) === 'live' && near(await pixelAt(view, 40, 650), [0, 128, 0]), 30_000),
    `viewer state ${await viewerState(view)}, pixel ${await pixelAt(view, 40, 650)}`,
  );
  assert.is((await ok(restarted, { action: 'status' })).stream.enabled, true, "the viewer turned the new daemon's stream on");

  const stopped = new Promise<number | null>((resolve) => command!.once('exit', (code) => resolve(code)));
  command!.kill('SIGTERM');
  assert.is(await stopped, 0);
  const status = await ok(restarted, { action: 'status' });
  assert.is(status.stream.enabled, true, 'the daemon and its stream keep running');
  let served = true;
  await fetch(viewerUrl).catch(() => (served = false));
  assert.not.ok(served, 'the viewer page is no longer served');
  await view.close();
});

cli.run();
