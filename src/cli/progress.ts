/**
 * A one-line spinner on stderr while a person waits for the daemon to start or the browser to
 * launch. Only on a terminal and never with --json, so agents and pipes never see it; cleared
 * before the command prints anything.
 */
const FRAMES = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
const FRAME_MS = 80;
/** Erase the current line and go back to its start. */
const CLEAR_LINE = '\r\u001b[2K';

export class Progress {
  private timer: NodeJS.Timeout | undefined;
  private frame = 0;
  private text = '';

  private constructor(private readonly stream: NodeJS.WriteStream) {}

  /** A spinner when `stream` is a terminal and the output is for a person; otherwise null. */
  static create(options: { json?: boolean }, stream: NodeJS.WriteStream = process.stderr): Progress | null {
    if (options.json || !stream.isTTY || process.env.TERM === 'dumb') return null;
    return new Progress(stream);
  }

  /** Shows `text` beside the spinner (replacing what it said). */
  show(text: string): void {
    this.text = text;
    this.draw();
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.frame += 1;
      this.draw();
    }, FRAME_MS);
    this.timer.unref();
  }

  /** Stops the spinner and erases its line. */
  clear(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.stream.write(CLEAR_LINE);
  }

  private draw(): void {
    this.stream.write(`${CLEAR_LINE}${FRAMES[this.frame % FRAMES.length]} ${this.text}`);
  }
}
