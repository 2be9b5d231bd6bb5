/**
 * Capture: the `screenshot` action writes real image files (PNG by default at the viewport's size,
 * taller with fullPage, JPEG by format or extension, one element's size with a selector or ref,
 * base64 without a path, numbered labels with annotate), and `pdf` writes a real PDF (Letter or A4).
 */
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fails, isJpeg, isPng, keys, ok, pngSize, useFixture } from '../helpers/e2e.js';

const test = suite('capture');
// Screenshots of a tall page take seconds on a loaded machine; the one failing case sets its own short timeout.
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '15000' } });

const TALL = `<!doctype html><html><head><title>Tall</title><style>
body { margin: 0; font: 16px sans-serif; }
#box { display: block; width: 200px; height: 100px; margin: 40px; padding: 0; border: 0; background: #c33; color: white; }
#spacer { height: 3000px; background: linear-gradient(#eee, #999); }
</style></head><body>
<button id="box">Box button</button>
<div id="spacer"></div>
<p id="end">The end</p>
</body></html>`;

const ACTIONS = '/e2e/actions.html';
const CONSOLE = '/e2e/debug-console.html';

const file = (name: string) => path.join(fx.daemon.socketDir, name);

async function open(pathname = CONSOLE) {
  return ok(fx.daemon, { action: 'navigate', url: fx.server.url(pathname) });
}

function out(name: string): string {
  return path.join(fx.daemon.socketDir, 'shots', name);
}

async function openTall() {
  fx.server.page('/e2e/tall', TALL);
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/e2e/tall') });
}

test('path → a PNG file of the 1280×720 viewport, data {path}', async () => {
  await openTall();
  const file = out('viewport.png');
  const data = await ok(fx.daemon, { action: 'screenshot', path: file });
  keys(data, ['path']);
  assert.is(data.path, file);
  const bytes = fs.readFileSync(file);
  assert.ok(isPng(bytes));
  assert.equal(pngSize(bytes), { width: 1280, height: 720 });
});

test('fullPage on a tall page → an image as tall as the document', async () => {
  await openTall();
  const file = out('full.png');
  await ok(fx.daemon, { action: 'screenshot', path: file, fullPage: true });
  const size = pngSize(fs.readFileSync(file));
  assert.is(size.width, 1280);
  const documentHeight = (await ok(fx.daemon, { action: 'evaluate', script: 'document.documentElement.scrollHeight' })).result;
  assert.ok(documentHeight > 3000);
  assert.is(size.height, documentHeight);
});

test('format "jpeg" → JPEG bytes (quality honoured: lower quality, smaller file)', async () => {
  await openTall();
  const high = out('high.jpeg');
  const low = out('low.jpeg');
  await ok(fx.daemon, { action: 'screenshot', path: high, format: 'jpeg', quality: 95 });
  await ok(fx.daemon, { action: 'screenshot', path: low, format: 'jpeg', quality: 5 });
  const highBytes = fs.readFileSync(high);
  const lowBytes = fs.readFileSync(low);
  assert.ok(isJpeg(highBytes), 'format jpeg writes a JPEG');
  assert.ok(isJpeg(lowBytes));
  assert.ok(lowBytes.length < highBytes.length, `quality 5 (${lowBytes.length} B) smaller than quality 95 (${highBytes.length} B)`);
});

test('a .jpg path without format → JPEG', async () => {
  await openTall();
  const file = out('by-extension.jpg');
  const data = await ok(fx.daemon, { action: 'screenshot', path: file });
  assert.is(data.path, file);
  const bytes = fs.readFileSync(file);
  assert.ok(isJpeg(bytes), `expected JPEG SOI, got ${bytes.subarray(0, 4).toString('hex')}`);
  assert.not.ok(isPng(bytes));
});

test('element screenshot by ref → an image of the element’s size', async () => {
  await openTall();
  const snap = await ok(fx.daemon, { action: 'snapshot', interactive: true });
  const ref = Object.entries(snap.refs as Record<string, { role: string; name: string }>).find(([, entry]) => entry.name === 'Box button')?.[0];
  assert.ok(ref, snap.snapshot);
  const file = out('element.png');
  await ok(fx.daemon, { action: 'screenshot', path: file, selector: `@${ref}` });
  assert.equal(pngSize(fs.readFileSync(file)), { width: 200, height: 100 });
});

test('element screenshot by CSS selector, returned as base64', async () => {
  await openTall();
  const data = await ok(fx.daemon, { action: 'screenshot', selector: '#box' });
  keys(data, ['base64']);
  assert.equal(pngSize(Buffer.from(data.base64, 'base64')), { width: 200, height: 100 });
});

test('no path → {base64} that decodes to a viewport PNG', async () => {
  await openTall();
  const data = await ok(fx.daemon, { action: 'screenshot' });
  keys(data, ['base64']);
  assert.match(data.base64, /^[A-Za-z0-9+/]+=*$/);
  assert.equal(pngSize(Buffer.from(data.base64, 'base64')), { width: 1280, height: 720 });
});

test('no path with format jpeg → base64 JPEG', async () => {
  await openTall();
  const data = await ok(fx.daemon, { action: 'screenshot', format: 'jpeg' });
  assert.ok(isJpeg(Buffer.from(data.base64, 'base64')));
});

test('the picture shows the page: a red box and a blue box give different images', async () => {
  await openTall();
  const red = Buffer.from((await ok(fx.daemon, { action: 'screenshot', selector: '#box', format: 'jpeg', quality: 100 })).base64, 'base64');
  fx.server.page('/e2e/blue', '<!doctype html><style>body{margin:0}#box{width:200px;height:100px;margin:40px;background:#33c}</style><div id="box"></div>');
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/e2e/blue') });
  const blue = Buffer.from((await ok(fx.daemon, { action: 'screenshot', selector: '#box', format: 'jpeg', quality: 100 })).base64, 'base64');
  assert.not.ok(red.equals(blue));
});

test('element screenshot of a missing element fails with ELEMENT_NOT_FOUND and writes nothing', async () => {
  await openTall();
  const file = out('missing.png');
  const answer = await fails(fx.daemon, { action: 'screenshot', path: file, selector: '#nope', timeout: 1500 }, 'ELEMENT_NOT_FOUND');
  assert.ok(answer.error.includes('#nope'));
  assert.not.ok(fs.existsSync(file));
});

const LABELLED = `<!doctype html><html><head><title>Labelled</title><style>
body { margin: 0; font: 16px sans-serif; background: #fff; }
button, a { position: absolute; display: block; width: 120px; height: 40px; background: #fff; border: 0; }
#save { left: 100px; top: 100px; } #docs { left: 300px; top: 200px; } #far { left: 100px; top: 2000px; }
</style></head><body>
<button id="save">Save</button><a id="docs" href="/docs">Docs</a><button id="far">Far below</button>
<div style="height: 2100px"></div>
</body></html>`;

/** The RGBA of one pixel of a PNG. */
async function pixel(bytes: Buffer, x: number, y: number): Promise<number[]> {
  const { PNG } = await import('pngjs');
  const image = PNG.sync.read(bytes);
  const at = (image.width * y + x) * 4;
  return [...image.data.subarray(at, at + 4)];
}

test('a 0.19-style request (annotate false, no path) saves a file in the temp folder or screenshotDir and answers {path}', async () => {
  await openTall();
  const generated = await ok(fx.daemon, { action: 'screenshot', path: null, selector: null, fullPage: false, annotate: false });
  keys(generated, ['path']);
  assert.match(generated.path, /[\\/]agent-browser[\\/]screenshots[\\/]screenshot-[^/\\]+\.png$/);
  assert.equal(pngSize(fs.readFileSync(generated.path)), { width: 1280, height: 720 });
  const dir = out('chosen-dir');
  const inDir = await ok(fx.daemon, { action: 'screenshot', screenshotDir: dir, format: 'jpeg' });
  assert.is(path.dirname(inDir.path), dir);
  assert.match(inDir.path, /\.jpg$/);
  assert.ok(isJpeg(fs.readFileSync(inDir.path)));
  // A request without these fields (the 0.6 generation) still gets base64.
  keys(await ok(fx.daemon, { action: 'screenshot' }), ['base64']);
});

test('annotate → numbered red labels over the interactive elements in view, {path, annotations} tying each number to its ref; the page is left clean', async () => {
  fx.server.page('/e2e/labelled', LABELLED);
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/e2e/labelled') });
  const data = await ok(fx.daemon, { action: 'screenshot', annotate: true });
  keys(data, ['path', 'annotations']);
  const { refs } = await ok(fx.daemon, { action: 'snapshot', interactive: true });
  const refOf = (role: string, name: string) => Object.keys(refs).find((ref) => refs[ref].role === role && refs[ref].name === name);
  // Only what the viewport shows; "Far below" is 2000 px down.
  assert.equal(data.annotations, [
    {
      ref: refOf('button', 'Save'),
      number: Number(refOf('button', 'Save')!.slice(1)),
      role: 'button',
      name: 'Save',
      box: { x: 100, y: 100, width: 120, height: 40 },
    },
    {
      ref: refOf('link', 'Docs'),
      number: Number(refOf('link', 'Docs')!.slice(1)),
      role: 'link',
      name: 'Docs',
      box: { x: 300, y: 200, width: 120, height: 40 },
    },
  ]);
  const bytes = fs.readFileSync(data.path);
  const [r, g, b] = await pixel(bytes, 101, 120);
  assert.ok(r! > 200 && g! < 80 && b! < 80, `the label's red border is drawn at the element's edge (got ${r},${g},${b})`);
  assert.equal(await pixel(bytes, 210, 135), [255, 255, 255, 255], 'inside the box the page shows through');
  assert.is((await ok(fx.daemon, { action: 'evaluate', script: "document.getElementById('__agent_browser_annotations__') === null" })).result, true);
  const plain = await ok(fx.daemon, { action: 'screenshot', path: out('plain.png') });
  assert.equal(await pixel(fs.readFileSync(plain.path), 101, 120), [255, 255, 255, 255], 'the next screenshot has no labels');

  // The full page includes the far button, in page coordinates.
  const full = await ok(fx.daemon, { action: 'screenshot', annotate: true, fullPage: true, path: out('full-labelled.png') });
  assert.equal(
    full.annotations.map((item: { name: string; box: { y: number } }) => [item.name, item.box.y]),
    [
      ['Save', 100],
      ['Docs', 200],
      ['Far below', 2000],
    ],
  );
});

test('screenshot → {base64} without a path, {path} with one', async () => {
  await open(ACTIONS);
  const inline = await ok(fx.daemon, { action: 'screenshot' });
  keys(inline, ['base64']);
  assert.ok(isPng(Buffer.from(inline.base64, 'base64')));
  const file = `${fx.daemon.socketDir}/actions.png`;
  assert.equal(await ok(fx.daemon, { action: 'screenshot', path: file }), { path: file });
  assert.ok(isPng(fs.readFileSync(file)));
});

test('pdf → {path}: a real PDF, Letter by default, A4 on request', async () => {
  await open();
  const letter = await ok(fx.daemon, { action: 'pdf', path: file('page.pdf') });
  assert.equal(letter, { path: file('page.pdf') });
  const bytes = fs.readFileSync(file('page.pdf'));
  assert.is(bytes.subarray(0, 4).toString('latin1'), '%PDF');
  assert.match(bytes.toString('latin1'), /\/MediaBox \[0 0 612 792\]/);
  await ok(fx.daemon, { action: 'pdf', path: file('nested/a4.pdf'), format: 'A4' });
  const a4 = fs.readFileSync(file('nested/a4.pdf')).toString('latin1');
  assert.ok(a4.startsWith('%PDF'));
  assert.match(a4, /\/MediaBox \[0 0 59[45][.\d]* 84[12][.\d]*\]/);
  await fails(fx.daemon, { action: 'pdf', path: file('x.pdf'), format: 'B5' }, 'INVALID_PARAMS');
});

test.run();
