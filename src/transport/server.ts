import { createRequire } from 'node:module';
import net from 'node:net';
import { failure, UNPARSED_ID, type WireRequest, type WireResponse } from '../protocol/envelope.js';
import { ActionError } from '../protocol/errors.js';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter, toWireLine } from './ndjson.js';

/** Serves one request; `clientGone` aborts when its connection closed before the answer was written. */
export type RequestHandler = (request: WireRequest, clientGone: AbortSignal) => Promise<WireResponse>;

export interface ServerOptions {
  handle: RequestHandler;
  maxLineBytes?: number;
  /** When set, every TCP connection must present this secret as `token` before it is served. */
  token?: string | null;
  tokenPath?: string;
  onConnectionError?: (error: Error) => void;
}

export type ListenTarget = { kind: 'unix'; path: string } | { kind: 'tcp'; host: '127.0.0.1'; port: number };

const HTTP_REQUEST_START = /^(GET|HEAD|POST|PUT|DELETE|CONNECT|OPTIONS|TRACE|PATCH|PRI) /;
/** Enough bytes to recognise the longest method with its space ("OPTIONS ", "CONNECT "). */
const HTTP_METHOD_BYTES = 8;
// Lines a connection may have queued before we stop reading from it (backpressure on the client).
const MAX_QUEUED_LINES = 256;
/**
 * When a client stops sending while its request runs: after these pauses (ms) a single space is
 * written ahead of the answer. A client that only half-closed reads it as leading whitespace of
 * the JSON line; a client that hung up makes the write fail, and its request is cancelled.
 */
const HANG_UP_PROBES_MS = [0, 40, 100, 250, 1000, 3000, 10_000, 30_000];

/**
 * Serves newline-delimited JSON: every parsed line gets exactly one answer, in request order
 * per connection; bad input is answered, never fatal.
 */
export class NdjsonServer {
  readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly options: ServerOptions) {
    // allowHalfOpen: a client may send its lines and half-close; its answers must still reach it.
    this.server = net.createServer({ allowHalfOpen: true }, (socket) => this.serve(socket));
  }

  listen(target: ListenTarget): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      const ready = () => {
        this.server.off('error', onError);
        resolve();
      };
      if (target.kind === 'unix') this.server.listen(target.path, ready);
      else this.server.listen({ host: target.host, port: target.port, exclusive: true }, ready);
    });
  }

  port(): number | null {
    const address = this.server.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', (error) => this.options.onConnectionError?.(error));

    const queue: string[] = [];
    let draining = false;
    let answering = 0;
    const clientGone = new AbortController();
    socket.on('close', () => {
      if (answering > 0 || queue.length > 0) {
        clientGone.abort(new ActionError('CANCELLED', 'The client closed its connection before the answer was written, so its request was cancelled.'));
      }
    });
    // The first bytes are held until they can tell an HTTP request line from a JSON line.
    let head: Buffer | null = Buffer.alloc(0);
    let authenticated = !this.options.token;
    let ending = false;

    const write = async (response: WireResponse): Promise<void> => {
      if (socket.destroyed) return;
      if (!socket.write(encodeAnswer(response))) {
        await new Promise<void>((resolve) => {
          const done = () => {
            socket.off('drain', done);
            socket.off('close', done);
            resolve();
          };
          socket.on('drain', done);
          socket.on('close', done);
        });
      }
    };

    const answer = async (line: string): Promise<void> => {
      let request: unknown;
      try {
        request = JSON.parse(line);
      } catch (error) {
        await write(failure(UNPARSED_ID, new ActionError('INVALID_JSON', `Invalid JSON: ${(error as Error).message}. Send one JSON object per line.`)));
        return;
      }
      if (typeof request !== 'object' || request === null || Array.isArray(request)) {
        await write(failure(UNPARSED_ID, new ActionError('INVALID_JSON', 'Invalid request: each line must be a JSON object like {"id":"1","action":"url"}.')));
        return;
      }
      const fields = request as WireRequest;
      if (!authenticated) {
        if (!this.tokenMatches(fields.token)) {
          const id = typeof fields.id === 'string' ? fields.id : fields.id === undefined ? UNPARSED_ID : String(fields.id);
          await write(failure(id, new ActionError('UNAUTHORIZED', this.unauthorizedMessage())));
          ending = true;
          socket.end();
          return;
        }
        authenticated = true;
      }
      if ('token' in fields) delete fields.token;
      let response: WireResponse;
      answering += 1;
      try {
        response = await this.options.handle(fields, clientGone.signal);
      } catch (error) {
        response = failure(typeof fields.id === 'string' ? fields.id : UNPARSED_ID, error);
      }
      try {
        await write(response);
      } finally {
        answering -= 1;
      }
    };

    // A client that stops sending may have half-closed (and still reads) or hung up: only a write tells.
    const probeHangUp = (step: number): void => {
      const waiting = () => answering > 0 || queue.length > 0;
      if (!waiting() || socket.destroyed || step >= HANG_UP_PROBES_MS.length) return;
      setTimeout(() => {
        if (!waiting() || socket.destroyed) return;
        socket.write(' ');
        probeHangUp(step + 1);
      }, HANG_UP_PROBES_MS[step]).unref();
    };

    const drain = async () => {
      if (draining) return;
      draining = true;
      try {
        while (queue.length > 0 && !socket.destroyed && !ending) {
          const line = queue.shift()!;
          if (queue.length < MAX_QUEUED_LINES / 2 && socket.isPaused()) socket.resume();
          await answer(line);
        }
      } finally {
        draining = false;
      }
      if (readEnded && queue.length === 0 && !socket.destroyed) socket.end();
    };

    let readEnded = false;
    const splitter = new LineSplitter(
      this.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
      (line) => {
        queue.push(line);
        if (queue.length >= MAX_QUEUED_LINES) socket.pause();
        void drain();
      },
      (bytes) => {
        const limit = this.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
        queue.length = 0;
        ending = true;
        const message = `Request line too long: more than ${limit} bytes arrived without a newline (${bytes} so far). Split the request or send large data by file path. Closing this connection.`;
        void write(failure(UNPARSED_ID, new ActionError('LINE_TOO_LONG', message))).then(() => socket.end());
      },
    );

    socket.on('data', (chunk: Buffer) => {
      if (head) {
        head = Buffer.concat([head, chunk]);
        if (head.length < HTTP_METHOD_BYTES && !head.includes(0x0a)) return;
        chunk = head;
        head = null;
        // A web page can reach a TCP daemon with fetch(); an HTTP request line never gets an answer.
        if (HTTP_REQUEST_START.test(chunk.subarray(0, 16).toString('latin1'))) {
          socket.destroy();
          return;
        }
      }
      splitter.push(chunk);
    });
    socket.on('end', () => {
      if (head && head.length > 0) splitter.push(head);
      head = null;
      splitter.flush();
      readEnded = true;
      void drain();
      probeHangUp(0);
    });
  }

  private tokenMatches(candidate: unknown): boolean {
    const expected = this.options.token;
    if (!expected || typeof candidate !== 'string') return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(expected);
    // node:crypto is loaded here, on TCP only, rather than by every daemon at start.
    const { timingSafeEqual } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private unauthorizedMessage(): string {
    const where = this.options.tokenPath ? ` (it is in ${this.options.tokenPath}, readable only by the daemon's user)` : '';
    return `This daemon listens on TCP and requires its session token: add "token":"<secret>" to the request${where}. For legacy clients that cannot send one, start the daemon with AGENT_BROWSER_TCP_AUTH=none.`;
  }
}

/**
 * The answer's line, or, when its data cannot be written as JSON (a plugin's result with a cycle or
 * a BigInt), a failure that says so: the client must get an answer either way.
 */
function encodeAnswer(response: WireResponse): string {
  try {
    return toWireLine(response);
  } catch (error) {
    const reason = String((error as Error | undefined)?.message ?? error).split('\n')[0];
    return toWireLine(
      failure(
        response.id,
        new ActionError(
          'INTERNAL',
          `The answer could not be written as JSON (${reason}). Ask for a plain JSON value: strings, numbers, arrays, objects without cycles.`,
        ),
      ),
    );
  }
}
