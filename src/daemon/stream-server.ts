// The live view stream (PROTOCOL.md §5): a WebSocket server on 127.0.0.1 that sends the active
// tab's screencast frames to its clients and injects their mouse, keyboard and touch input. The
// daemon loads this module only when the stream is on.
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { Page } from 'playwright-core';
import { injectKeyboard, injectMouse, injectTouch } from '../browser/cdp-input.js';
import { DEFAULT_SCREENCAST, Screencast, type FrameMetadata, type ScreencastFrame, type ScreencastOptions } from '../browser/screencast.js';
import type { BrowserSession } from '../browser/session.js';
import type { Logger } from '../host/types.js';
import { dropNulls } from '../protocol/envelope.js';
import { ActionError, stripAnsi } from '../protocol/errors.js';
import * as input from '../protocol/actions/input.js';
import { validate } from '../protocol/schemas.js';
import { readSessionFile, removeFiles, writePrivateFile } from '../transport/session-files.js';

/** A client this far behind gets no new frames until it catches up (frames are snapshots, not a log). */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * Whether a WebSocket handshake's `Origin` may drive the browser: absent (a program, not a web
 * page), a `file://` page, or a page served from a loopback host (localhost, 127.0.0.0/8, [::1])
 * on any port. `null` is refused: besides file pages, Chromium sends it from sandboxed and data:
 * iframes, which any web site can embed.
 */
export function allowedOrigin(origin: string | undefined): boolean {
  if (origin === undefined || origin === '') return true;
  if (origin.startsWith('file://')) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname;
  return host === 'localhost' || host === '[::1]' || (net.isIPv4(host) && host.startsWith('127.'));
}

export interface StreamServerOptions {
  /** 0 lets the system choose a free port. */
  port: number;
  browser: BrowserSession;
  /** The viewport a page gets when the browser has not started yet. */
  viewport: { width: number; height: number };
  /** The session's `.stream` file, which holds the port while the server runs. */
  streamPath: string;
  log: Logger;
  /** Told about every input a client sends (the daemon counts it as activity). */
  onInput(): void;
}

type StatusMessage = { type: 'status'; connected: true; screencasting: boolean; viewportWidth: number; viewportHeight: number };

/** The running live view stream of one daemon. */
export class StreamServer {
  private readonly clients = new Set<WebSocket>();
  private readonly screencast: Screencast;
  private readonly sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  /** Options `screencast_start` asked for: the screencast then runs with or without clients. */
  private pinned: Readonly<ScreencastOptions> | null = null;
  private lastMetadata: FrameMetadata | null = null;

  private constructor(
    private readonly httpServer: http.Server,
    readonly port: number,
    private readonly options: StreamServerOptions,
  ) {
    this.screencast = new Screencast(options.browser, { frame: (frame) => this.broadcastFrame(frame), changed: () => this.broadcastStatus() }, options.log);
    httpServer.on('request', (request, response) => this.refuseHttp(request, response));
    httpServer.on('upgrade', (request, socket, head) => this.upgrade(request, socket, head));
  }

  /** Listens on 127.0.0.1 and writes the `.stream` file; fails with PORT_UNAVAILABLE when the port is taken. */
  static async start(options: StreamServerOptions): Promise<StreamServer> {
    const server = http.createServer();
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ActionError(
        'PORT_UNAVAILABLE',
        `The live view stream cannot listen on 127.0.0.1:${options.port} (${code ?? (error as Error).message})${code === 'EADDRINUSE' ? ': another program uses that port' : ''}. Choose another port (AGENT_BROWSER_STREAM_PORT / streamPort, or stream_enable {"port": …}), or 0 for any free one.`,
        { cause: error },
      );
    }
    server.on('error', (error) => options.log.warn(`live view stream: ${error.message}`));
    const { port } = server.address() as net.AddressInfo;
    writePrivateFile(options.streamPath, String(port));
    options.log.info(`live view stream listening at ws://127.0.0.1:${port}`);
    return new StreamServer(server, port, options);
  }

  /** What `status` reports about the stream. */
  describe(): { port: number; clients: number; screencasting: boolean } {
    return { port: this.port, clients: this.clients.size, screencasting: this.screencast.running };
  }

  /**
   * Keeps the screencast running with these options (the rest default), with or without clients,
   * until `stopScreencast`. Resolves with the options in effect.
   */
  async startScreencast(options: Partial<ScreencastOptions>): Promise<ScreencastOptions> {
    if (this.pinned)
      throw new ActionError('ALREADY_STARTED', 'Screencast already active (started by screencast_start). Send screencast_stop first to change its options.');
    const settings = { ...DEFAULT_SCREENCAST, ...options };
    this.pinned = settings;
    await this.updateScreencast();
    return settings;
  }

  /** Ends `startScreencast`; the screencast goes on with the default options while clients watch. */
  async stopScreencast(): Promise<{ screencasting: boolean }> {
    this.pinned = null;
    await this.updateScreencast();
    return { screencasting: this.screencast.running };
  }

  /** Closes every client (1001) and the server, and removes the `.stream` file. */
  async close(): Promise<void> {
    this.pinned = null;
    for (const client of this.clients) client.close(1001, 'agent-browser daemon shutting down');
    this.clients.clear();
    await this.screencast.dispose();
    this.sockets.close();
    this.httpServer.closeAllConnections();
    await new Promise<void>((resolve) => this.httpServer.close(() => resolve()));
    if (readSessionFile(this.options.streamPath) === String(this.port)) removeFiles([this.options.streamPath]);
  }

  private updateScreencast(): Promise<void> {
    if (this.pinned) return this.screencast.start(this.pinned);
    return this.clients.size > 0 ? this.screencast.start(DEFAULT_SCREENCAST) : this.screencast.stop();
  }

  private refuseHttp(request: http.IncomingMessage, response: http.ServerResponse): void {
    const body =
      request.url === '/'
        ? `This port serves the agent-browser live view as a WebSocket: connect to ws://127.0.0.1:${this.port}/, or run 'agent-browser stream' for a viewer page.\n`
        : 'Not found\n';
    response.writeHead(request.url === '/' ? 426 : 404, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      connection: 'close',
      ...(request.url === '/' ? { upgrade: 'websocket' } : {}),
    });
    response.end(body);
  }

  private upgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', (error) => this.options.log.debug(`live view socket: ${error.message}`));
    const origin = request.headers.origin;
    if (!allowedOrigin(origin)) {
      this.options.log.warn(`live view stream: refused a connection from origin ${origin}`);
      const body = `Origin ${origin} may not use the live view: only pages served from localhost, 127.0.0.1 or [::1] (or programs that send no Origin) may connect.\n`;
      socket.end(
        `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    this.sockets.handleUpgrade(request, socket, head, (client) => this.accept(client));
  }

  private accept(client: WebSocket): void {
    this.clients.add(client);
    this.send(client, this.status());
    void this.updateScreencast();
    // One message at a time per client, so a press is never overtaken by its release.
    let pending: Promise<void> = Promise.resolve();
    client.on('message', (data) => {
      pending = pending.then(() => this.receive(client, data));
    });
    client.on('close', () => {
      this.clients.delete(client);
      void this.updateScreencast();
    });
    client.on('error', (error) => this.options.log.debug(`live view client: ${error.message}`));
  }

  private async receive(client: WebSocket, data: RawData): Promise<void> {
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return this.sendError(client, 'Not JSON: send one JSON object per message, e.g. {"type":"status"}.');
    }
    if (!message || typeof message !== 'object' || Array.isArray(message))
      return this.sendError(client, 'Send a JSON object with a "type", e.g. {"type":"status"}.');
    const { type, eventType, ...fields } = dropNulls(message as Record<string, unknown>);
    if (type === 'status') return this.send(client, this.status());
    const fieldsWithType = { ...fields, type: eventType };
    try {
      switch (type) {
        case 'input_mouse':
          return await this.inject(type, input.input_mouse.params, fieldsWithType, injectMouse);
        case 'input_keyboard':
          return await this.inject(type, input.input_keyboard.params, fieldsWithType, injectKeyboard);
        case 'input_touch':
          return await this.inject(type, input.input_touch.params, fieldsWithType, injectTouch);
        default:
          return this.sendError(client, `Unknown message type ${JSON.stringify(type)}: send "status", "input_mouse", "input_keyboard" or "input_touch".`);
      }
    } catch (error) {
      this.sendError(client, stripAnsi((error as Error).message.split('\n')[0]!));
    }
  }

  private async inject<T>(
    type: string,
    schema: Parameters<typeof validate>[0],
    fields: Record<string, unknown>,
    dispatch: (page: Page, event: T) => Promise<void>,
  ): Promise<void> {
    const checked = validate(schema, fields);
    if (!checked.ok) throw new Error(`Invalid ${type}: ${checked.message.replace(/(^|; )type:/g, '$1eventType:')}`);
    const page = this.activePage();
    if (!page) throw new Error("No page to send input to yet: the browser starts with the first command that needs a page (e.g. 'agent-browser open <url>').");
    this.options.onInput();
    await dispatch(page, checked.value as T);
  }

  /** The active tab's page, without launching the browser or opening a tab. */
  private activePage(): Page | null {
    const { browser } = this.options;
    if (!browser.launched) return null;
    const page = browser.tabs[browser.activeIndex]?.page;
    return page && !page.isClosed() ? page : null;
  }

  private status(): StatusMessage {
    const { browser, viewport } = this.options;
    const size =
      this.activePage()?.viewportSize() ??
      (this.lastMetadata ? { width: this.lastMetadata.deviceWidth, height: this.lastMetadata.deviceHeight } : null) ??
      browser.plan?.viewport ??
      viewport;
    return { type: 'status', connected: true, screencasting: this.screencast.running, viewportWidth: size.width, viewportHeight: size.height };
  }

  private broadcastStatus(): void {
    for (const client of this.clients) this.send(client, this.status());
  }

  private broadcastFrame(frame: ScreencastFrame): void {
    this.lastMetadata = frame.metadata;
    const payload = JSON.stringify({ type: 'frame', data: frame.data, metadata: frame.metadata });
    for (const client of this.clients) {
      if (client.readyState === WebSocket.OPEN && client.bufferedAmount < MAX_BUFFERED_BYTES) client.send(payload);
    }
  }

  private sendError(client: WebSocket, message: string): void {
    this.send(client, { type: 'error', message });
  }

  private send(client: WebSocket, message: Record<string, unknown>): void {
    if (client.readyState === WebSocket.OPEN) client.send(JSON.stringify(message));
  }
}
