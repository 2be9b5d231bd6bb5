import { ActionError } from '../protocol/errors.js';

/** A request in the page lane, waiting for its turn or running. */
export interface LaneEntry {
  readonly id: string;
  readonly action: string;
  readonly arrivedAt: number;
  state: 'queued' | 'running';
  /** Answers the request now with `error` and aborts its work; the lane moves on. */
  interrupt(error: ActionError): void;
}

/**
 * A lane of requests. The page lane runs page actions of a session one at a time, in arrival
 * order, whichever connection they came from (a concurrent lane lets them run side by side). A request that is cancelled or passes its deadline is answered at
 * once and the lane moves on; work already started goes on in the background, unanswered.
 */
export class RequestLane {
  private tail: Promise<void> = Promise.resolve();
  private readonly entries = new Set<LaneEntry>();

  /** `concurrent`: requests do not wait for each other (only deadlines and cancel apply). */
  constructor(private readonly options: { concurrent?: boolean } = {}) {}

  /**
   * Runs `work` after every earlier request in the lane. `deadlineMs` counts from arrival
   * (waiting included); when it passes, the request fails with `expired(entry)`.
   */
  async run<T>(
    request: { id: string; action: string },
    deadlineMs: number,
    expired: (entry: LaneEntry, running: LaneEntry | undefined) => ActionError,
    work: (signal: AbortSignal) => Promise<T>,
    cancelled?: AbortSignal,
  ): Promise<T> {
    const turn = this.options.concurrent ? Promise.resolve() : this.tail;
    let release!: () => void;
    if (!this.options.concurrent) this.tail = new Promise((resolve) => (release = resolve));
    else release = () => undefined;
    let reject!: (error: ActionError) => void;
    const interrupted = new Promise<never>((_, fail) => (reject = fail));
    const abort = new AbortController();
    const interrupt = (error: ActionError) => {
      reject(error);
      abort.abort(error);
    };
    const entry: LaneEntry = { id: request.id, action: request.action, arrivedAt: Date.now(), state: 'queued', interrupt };
    this.entries.add(entry);
    const timer = setTimeout(() => interrupt(expired(entry, this.running())), deadlineMs);
    const onCancel = () => interrupt(cancelled!.reason instanceof ActionError ? cancelled!.reason : new ActionError('CANCELLED', 'The request was cancelled.'));
    if (cancelled?.aborted) onCancel();
    else cancelled?.addEventListener('abort', onCancel, { once: true });
    try {
      await Promise.race([turn, interrupted]);
      entry.state = 'running';
      return await Promise.race([work(abort.signal), interrupted]);
    } finally {
      clearTimeout(timer);
      cancelled?.removeEventListener('abort', onCancel);
      this.entries.delete(entry);
      // The next request starts once every earlier one is done or was given up on.
      void turn.then(release);
    }
  }

  /** The requests with this id, queued or running. */
  find(id: string): LaneEntry[] {
    return [...this.entries].filter((entry) => entry.id === id);
  }

  /** The request running now, if any. */
  running(): LaneEntry | undefined {
    return [...this.entries].find((entry) => entry.state === 'running');
  }

  /** How many requests are in the lane (queued or running). */
  get size(): number {
    return this.entries.size;
  }

  /** How many requests wait for their turn. */
  get queued(): number {
    return [...this.entries].filter((entry) => entry.state === 'queued').length;
  }
}
