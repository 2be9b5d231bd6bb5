import WebSocket from 'ws';

/** A live view client as a viewer program would be: one WebSocket, messages kept in arrival order. */
export interface StreamClient {
  /** Every message received so far, parsed. */
  readonly messages: Record<string, any>[];
  send(message: Record<string, unknown>): void;
  /**
   * The first message after the `after`-th (default: after those already taken by earlier calls)
   * that `match` accepts; rejects after `timeoutMs` (an upper bound, not a timing assertion).
   */
  next(match: (message: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>;
  /** Resolves when the connection closed, by either side, with the close code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

/** The answer to a refused upgrade: its status code and body. */
export class Refused extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly headers: Record<string, string | string[] | undefined>,
  ) {
    super(`upgrade refused with ${status}: ${body}`);
  }
}

/** Connects to ws://127.0.0.1:<port>/ (with `origin` as the Origin header, if given). Rejects with Refused when the server answers the upgrade with an HTTP status. */
export function openStream(port: number, options: { origin?: string; timeoutMs?: number } = {}): Promise<StreamClient> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/`, options.origin ? { origin: options.origin } : {});
    const messages: Record<string, any>[] = [];
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
    );
    const waiters = new Set<() => void>();
    let taken = 0;
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no WebSocket connection to 127.0.0.1:${port} within ${options.timeoutMs ?? 15_000} ms`));
    }, options.timeoutMs ?? 15_000);
    socket.on('unexpected-response', (_request, response) => {
      clearTimeout(timer);
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => reject(new Refused(response.statusCode ?? 0, body, response.headers)));
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('message', (data) => {
      messages.push(JSON.parse(data.toString()));
      for (const wake of waiters) wake();
    });
    socket.on('open', () => {
      clearTimeout(timer);
      resolve({
        messages,
        closed,
        send: (message) => socket.send(JSON.stringify(message)),
        next(match, timeoutMs = 20_000) {
          return new Promise((found, fail) => {
            const look = () => {
              for (let i = taken; i < messages.length; i++) {
                if (match(messages[i]!)) {
                  taken = i + 1;
                  waiters.delete(look);
                  clearTimeout(limit);
                  found(messages[i]!);
                  return;
                }
              }
            };
            const limit = setTimeout(() => {
              waiters.delete(look);
              fail(
                new Error(
                  `no matching stream message within ${timeoutMs} ms; received: ${messages
                    .map((m) => (m.type === 'frame' ? 'frame' : JSON.stringify(m)))
                    .join(', ')
                    .slice(0, 800)}`,
                ),
              );
            }, timeoutMs);
            waiters.add(look);
            look();
          });
        },
        close: () =>
          new Promise((closed) => {
            if (socket.readyState === WebSocket.CLOSED) return closed();
            socket.once('close', () => closed());
            socket.close();
          }),
      });
    });
  });
}

export const isStatus = (message: Record<string, any>) => message.type === 'status';
export const isFrame = (message: Record<string, any>) => message.type === 'frame';
export const isError = (message: Record<string, any>) => message.type === 'error';
