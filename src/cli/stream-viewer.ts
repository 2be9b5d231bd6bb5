// The viewer `agent-browser stream` serves on 127.0.0.1: one self-contained page that shows the
// session's live view stream (PROTOCOL.md §5) and forwards mouse, wheel, keyboard and touch input
// to it, and /stream-endpoint, which tells the page where the daemon's stream is now (it asks again
// after every disconnect, so it finds a restarted daemon).
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';

export interface ViewerOptions {
  /** 0 lets the system choose a free port. */
  port: number;
  session: string;
  /** The daemon's stream port now; throws (with a message for the page) when no daemon runs. */
  streamPort(): Promise<number>;
}

export interface Viewer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves the viewer page on 127.0.0.1 until `close`. */
export async function serveViewer(options: ViewerOptions): Promise<Viewer> {
  const nonce = randomBytes(16).toString('base64');
  const page = viewerPage(options.session, nonce);
  const server = http.createServer((request, response) => {
    void answer(request, response).catch((error: Error) => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `${error.message}\n`);
    });
  });
  let port = options.port;

  async function answer(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    // A page whose host name was rebound to 127.0.0.1 reaches this server under a foreign Host.
    if (!/^(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(request.headers.host ?? ''))
      return send(response, 403, 'text/plain; charset=utf-8', 'Open the viewer at 127.0.0.1 or localhost.\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'Only GET.\n');
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/') {
      return send(response, 200, 'text/html; charset=utf-8', page, {
        'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src data:; connect-src 'self' ws://127.0.0.1:*; frame-ancestors 'none'`,
        'x-frame-options': 'DENY',
      });
    }
    if (path === '/stream-endpoint') {
      try {
        return send(response, 200, 'application/json', JSON.stringify({ session: options.session, streamPort: await options.streamPort() }));
      } catch (error) {
        return send(response, 503, 'application/json', JSON.stringify({ session: options.session, error: (error as Error).message }));
      }
    }
    return send(response, 404, 'text/plain; charset=utf-8', 'Not found\n');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: http.ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  response.end(body);
}

/** The viewer page; `session` is embedded as JSON, never as markup. */
export function viewerPage(session: string, nonce: string): string {
  const sessionJson = JSON.stringify(session).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>agent-browser live view</title>
<style>
  html, body { margin: 0; height: 100%; background: #1f2023; color: #d8d8d8; font: 13px system-ui, sans-serif; }
  body { display: flex; flex-direction: column; }
  header { display: flex; gap: 14px; align-items: center; padding: 6px 12px; background: #2b2c30; white-space: nowrap; }
  header strong { color: #fff; }
  #state::before { content: '\\25CF'; margin-right: 6px; color: var(--dot, #888); }
  #state[data-state="live"] { --dot: #3fb950; }
  #state[data-state="idle"] { --dot: #d29922; }
  #state[data-state="down"] { --dot: #f85149; }
  #error { color: #f85149; overflow: hidden; text-overflow: ellipsis; }
  main { flex: 1; min-height: 0; display: flex; align-items: center; justify-content: center; position: relative; }
  canvas { max-width: 100%; max-height: 100%; background: #fff; outline: none; touch-action: none; }
  canvas:focus { box-shadow: 0 0 0 2px #4c8bf5; }
  canvas[hidden] { display: none; }
  #placeholder { color: #999; }
</style>
</head>
<body>
<header>
  <strong>agent-browser</strong>
  <span id="session"></span>
  <span id="state" data-state="down">connecting…</span>
  <span id="size"></span>
  <span id="error" role="status"></span>
</header>
<main>
  <canvas id="screen" tabindex="0" hidden aria-label="Live view of the browser; click to interact, type while it has focus"></canvas>
  <p id="placeholder">Waiting for the browser…</p>
</main>
<script nonce="${nonce}">
'use strict';
const SESSION = ${sessionJson};
const canvas = document.getElementById('screen');
const context = canvas.getContext('2d');
const stateLabel = document.getElementById('state');
const sizeLabel = document.getElementById('size');
const errorLabel = document.getElementById('error');
const placeholder = document.getElementById('placeholder');
document.getElementById('session').textContent = 'session "' + SESSION + '"';
document.title = 'Live view: ' + SESSION;

let socket = null;
let metadata = null;
let retryMs = 500;
let errorTimer = 0;

function setState(state, text) {
  stateLabel.dataset.state = state;
  stateLabel.textContent = text;
}

function showError(text) {
  errorLabel.textContent = text;
  clearTimeout(errorTimer);
  errorTimer = setTimeout(() => (errorLabel.textContent = ''), 5000);
}

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN && metadata) socket.send(JSON.stringify(message));
}

// Frames: decode one at a time, always the newest.
let decoding = false;
let nextFrame = null;
function drawFrame(frame) {
  if (decoding) {
    nextFrame = frame;
    return;
  }
  decoding = true;
  const image = new Image();
  image.onload = image.onerror = () => {
    if (image.naturalWidth > 0) {
      if (canvas.width !== image.naturalWidth || canvas.height !== image.naturalHeight) {
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
      }
      context.drawImage(image, 0, 0);
      metadata = frame.metadata;
      canvas.hidden = false;
      placeholder.hidden = true;
    }
    decoding = false;
    if (nextFrame) {
      const next = nextFrame;
      nextFrame = null;
      drawFrame(next);
    }
  };
  image.src = 'data:image/' + (frame.data.startsWith('iVBOR') ? 'png' : 'jpeg') + ';base64,' + frame.data;
}

function onStatus(status) {
  sizeLabel.textContent = status.viewportWidth + '\\u00D7' + status.viewportHeight;
  if (status.screencasting) setState('live', 'live');
  else {
    setState('idle', 'connected, no page yet');
    placeholder.textContent = 'Waiting for a page: run a command such as agent-browser' + (SESSION === 'default' ? '' : ' --session ' + SESSION) + ' open <url>.';
  }
}

async function connect() {
  setState('down', 'connecting…');
  let endpoint;
  try {
    const response = await fetch('/stream-endpoint', { cache: 'no-store' });
    endpoint = await response.json();
    if (!response.ok) throw new Error(endpoint.error || 'the daemon does not answer');
  } catch (error) {
    setState('down', 'no daemon; retrying…');
    placeholder.textContent = String(error.message || error);
    return retry();
  }
  const ws = new WebSocket('ws://127.0.0.1:' + endpoint.streamPort + '/');
  socket = ws;
  ws.onopen = () => {
    retryMs = 500;
  };
  ws.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'frame') drawFrame(message);
    else if (message.type === 'status') onStatus(message);
    else if (message.type === 'error') showError(message.message);
  };
  ws.onclose = () => {
    if (socket !== ws) return;
    socket = null;
    metadata = null;
    setState('down', 'disconnected; reconnecting…');
    retry();
  };
}

function retry() {
  setTimeout(connect, retryMs);
  retryMs = Math.min(retryMs * 2, 4000);
}

// Input: viewer pixels to the page's CSS pixels, from the last frame's metadata.
function point(clientX, clientY) {
  const box = canvas.getBoundingClientRect();
  const scale = metadata.deviceWidth / box.width;
  return { x: Math.round((clientX - box.left) * scale), y: Math.round((clientY - box.top) * scale) };
}

function modifiers(event) {
  return (event.altKey ? 1 : 0) | (event.ctrlKey ? 2 : 0) | (event.metaKey ? 4 : 0) | (event.shiftKey ? 8 : 0);
}

const BUTTONS = ['left', 'middle', 'right'];
const HELD = [[1, 'left'], [4, 'middle'], [2, 'right']];
function heldButton(buttons) {
  const held = HELD.find(([bit]) => buttons & bit);
  return held ? held[1] : 'none';
}

function mouse(eventType, event, extra) {
  if (!metadata) return;
  send(Object.assign({ type: 'input_mouse', eventType, ...point(event.clientX, event.clientY), modifiers: modifiers(event) }, extra));
}

const pressed = new Set();
canvas.addEventListener('mousedown', (event) => {
  event.preventDefault();
  canvas.focus();
  pressed.add(event.button);
  mouse('mousePressed', event, { button: BUTTONS[event.button] || 'left', clickCount: event.detail || 1 });
});
// A release outside the canvas still ends the press it began.
window.addEventListener('mouseup', (event) => {
  if (!pressed.delete(event.button)) return;
  event.preventDefault();
  mouse('mouseReleased', event, { button: BUTTONS[event.button] || 'left', clickCount: event.detail || 1 });
});
let pendingMove = null;
canvas.addEventListener('mousemove', (event) => {
  if (!pendingMove) requestAnimationFrame(() => {
    const move = pendingMove;
    pendingMove = null;
    mouse('mouseMoved', move, { button: heldButton(move.buttons) });
  });
  pendingMove = event;
});
canvas.addEventListener('wheel', (event) => {
  event.preventDefault();
  const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? canvas.clientHeight : 1;
  mouse('mouseWheel', event, { deltaX: event.deltaX * unit, deltaY: event.deltaY * unit });
}, { passive: false });
canvas.addEventListener('contextmenu', (event) => event.preventDefault());

function keyText(event) {
  if (event.key === 'Enter') return '\\r';
  if (event.key.length === 1 && !event.ctrlKey && !event.metaKey) return event.key;
  return undefined;
}
function key(eventType, event) {
  event.preventDefault();
  send({ type: 'input_keyboard', eventType, key: event.key, code: event.code, text: eventType === 'keyDown' ? keyText(event) : undefined, keyCode: event.keyCode || undefined, modifiers: modifiers(event) });
}
canvas.addEventListener('keydown', (event) => key('keyDown', event));
canvas.addEventListener('keyup', (event) => key('keyUp', event));

function touch(eventType, event) {
  event.preventDefault();
  if (!metadata) return;
  canvas.focus();
  const touchPoints = Array.from(event.touches, (t) => ({ ...point(t.clientX, t.clientY), id: t.identifier }));
  send({ type: 'input_touch', eventType, touchPoints, modifiers: modifiers(event) });
}
canvas.addEventListener('touchstart', (event) => touch('touchStart', event), { passive: false });
canvas.addEventListener('touchmove', (event) => touch('touchMove', event), { passive: false });
canvas.addEventListener('touchend', (event) => touch('touchEnd', event), { passive: false });
canvas.addEventListener('touchcancel', (event) => touch('touchCancel', event), { passive: false });

connect();
</script>
</body>
</html>
`;
}
