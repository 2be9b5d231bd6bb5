/** Human output in the reference CLI's style (§4.6): first matching key of `data` wins. */

export interface Painter {
  green(text: string): string;
  red(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
  yellow(text: string): string;
}

export function painter(enabled: boolean): Painter {
  const wrap = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { green: wrap(32, 39), red: wrap(31, 39), bold: wrap(1, 22), dim: wrap(2, 22), yellow: wrap(33, 39) };
}

/** Colour only on a terminal, and never with NO_COLOR set. */
export function colorEnabled(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb';
}

/**
 * `fallback: 'json'` prints data no rule matched as JSON instead of `✓ Done`, unless it is a
 * pure acknowledgement (`{clicked: true}`); `run` uses it so plugin results are visible.
 */
export function formatData(data: unknown, paint: Painter, options: { fallback?: 'done' | 'json' } = {}): string {
  if (data === null || typeof data !== 'object') return `${paint.green('✓')} Done`;
  const d = data as Record<string, unknown>;
  const has = (key: string) => key in d && d[key] !== undefined;
  if (typeof d.url === 'string' && typeof d.title === 'string') return `${paint.green('✓')} ${paint.bold(d.title || '(untitled)')}\n  ${paint.dim(d.url)}`;
  if (typeof d.url === 'string') return d.url;
  if (typeof d.snapshot === 'string') return d.snapshot;
  for (const key of ['title', 'text', 'html', 'value']) {
    if (typeof d[key] === 'string') return d[key] as string;
  }
  if ('value' in d && d.value === null && 'attribute' in d) return '';
  if (typeof d.count === 'number') return String(d.count);
  for (const key of ['visible', 'enabled', 'checked']) {
    if (typeof d[key] === 'boolean') return String(d[key]);
  }
  if (has('result')) return JSON.stringify(d.result, null, 2) ?? 'undefined';
  if (d.closed === true) return `${paint.green('✓')} Browser closed`;
  if (typeof d.path === 'string') return `${paint.green('✓')} Screenshot saved to ${d.path}`;
  if (typeof d.base64 === 'string') return d.base64;
  const content = Object.entries(d).filter(([key, value]) => value !== true && key !== 'origin' && key !== 'warning');
  if (options.fallback === 'json' && content.length > 0) return JSON.stringify(d, null, 2);
  return `${paint.green('✓')} Done`;
}
