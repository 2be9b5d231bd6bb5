/** Newline-delimited JSON framing shared by the daemon and every client. */

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

const NEWLINE = 0x0a;

/**
 * Splits a byte stream into lines without decoding partial UTF-8 sequences, and refuses a
 * line that grows past `maxLineBytes` before its newline arrives.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  overflowed = false;

  constructor(
    private readonly maxLineBytes: number,
    private readonly onLine: (line: string) => void,
    private readonly onOverflow: (bytes: number) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.overflowed) return;
    let start = 0;
    let newline = chunk.indexOf(NEWLINE, start);
    while (newline !== -1) {
      const part = chunk.subarray(start, newline);
      if (this.pendingBytes + part.length > this.maxLineBytes) return this.overflow(this.pendingBytes + part.length);
      const line = this.pendingBytes === 0 ? part : Buffer.concat([...this.pending, part]);
      this.pending = [];
      this.pendingBytes = 0;
      this.emit(line);
      if (this.overflowed) return;
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.pendingBytes += rest.length;
      if (this.pendingBytes > this.maxLineBytes) return this.overflow(this.pendingBytes);
      this.pending.push(rest);
    }
  }

  /** Text received after the last newline (a client may omit the final newline before closing). */
  flush(): void {
    if (this.overflowed || this.pendingBytes === 0) return;
    const line = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    this.emit(line);
  }

  private emit(bytes: Buffer): void {
    let text = this.decoder.decode(bytes);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim().length === 0) return;
    this.onLine(text);
  }

  private overflow(bytes: number): void {
    this.overflowed = true;
    this.pending = [];
    this.pendingBytes = 0;
    this.onOverflow(bytes);
  }
}

// JSON.stringify escapes lone surrogates as \udXXX; Rust clients reject those, so they become U+FFFD.
// The lookbehind keeps an escaped backslash followed by literal "ud800" text intact.
const LONE_SURROGATE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(d[89a-f][0-9a-f]{2})/gi;

export function toWireLine(message: unknown): string {
  const json = JSON.stringify(message);
  if (!json.includes('\\ud') && !json.includes('\\uD')) return `${json}\n`;
  return `${json.replace(LONE_SURROGATE_ESCAPE, '$1\\ufffd')}\n`;
}
