/** Human output in the reference CLI's style (§4.6): first matching key of `data` wins. */
import { formatVaultData } from './vault-output.js';

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
/** What `{path}` answers say, by action (the reference says "Screenshot saved to" for all of them). */
const SAVED: Record<string, string> = {
  screenshot: 'Screenshot saved to',
  pdf: 'PDF saved to',
  state_save: 'State saved to',
  trace_stop: 'Trace saved to',
  har_stop: 'HAR saved to',
  download: 'Download saved to',
  waitfordownload: 'Download saved to',
  profiler_stop: 'Profile saved to',
  state_load: 'State loaded from',
};

/** One line per dialog the page raised during a command, for stderr. */
export function formatDialogs(dialogs: unknown, paint: Painter): string[] {
  if (!Array.isArray(dialogs)) return [];
  return (dialogs as Array<{ type: string; message: string; handled: string; by: string }>).map(
    (dialog) =>
      `${paint.yellow('⚠')} ${dialog.type} ${JSON.stringify(dialog.message)} ${dialog.handled}${dialog.by === 'policy' ? ' (dialog policy; arm another answer with `dialog accept|dismiss`)' : ''}`,
  );
}

/** What `{started: true}` answers without a path say, by action. */
const STARTED: Record<string, string> = {
  trace_start: "Tracing started; 'trace stop <path>' saves it",
  profiler_start: "Profiler started; 'profiler stop [path]' saves it",
  har_start: "HAR recording started; 'network har stop <path>' saves it",
};

/**
 * A plugin action's result: the field the action names with `print` as is (Markdown, text),
 * otherwise the whole result as JSON; the built-ins' output rules do not apply to plugin results.
 */
export function formatPluginData(data: unknown, print?: string): string {
  const field = print && data && typeof data === 'object' ? (data as Record<string, unknown>)[print] : undefined;
  return typeof field === 'string' ? field : (JSON.stringify(data, null, 2) ?? '{}');
}

export function formatData(data: unknown, paint: Painter, options: { fallback?: 'done' | 'json'; action?: string } = {}): string {
  if (data === null || typeof data !== 'object') return `${paint.green('✓')} Done`;
  const d = data as Record<string, unknown>;
  const vault = formatVaultData(d, paint);
  if (vault !== undefined) return vault;
  const has = (key: string) => key in d && d[key] !== undefined;
  if (typeof d.cancelled === 'number')
    return d.cancelled > 0
      ? `${paint.green('✓')} Cancelled ${(d.requests as Array<{ action: string; state: string }>).map((r) => `${r.action} (${r.state})`).join(', ')}`
      : 'Nothing to cancel: no queued or running request has that id';
  if (d.launched === true && typeof d.remote === 'string') {
    const tabs = typeof d.tabs === 'number' ? `${d.tabs} tab${d.tabs === 1 ? '' : 's'}` : 'attached';
    return `${paint.green('✓')} Connected to ${d.remote}: ${tabs}${typeof d.activeUrl === 'string' ? `, active: ${d.activeUrl}` : ''}`;
  }
  if (typeof d.url === 'string' && typeof d.title === 'string') return `${paint.green('✓')} ${paint.bold(d.title || '(untitled)')}\n  ${paint.dim(d.url)}`;
  // A download answers {path, filename, url}: the saved file is the news, not where it came from.
  if (typeof d.path === 'string' && options.action !== undefined && options.action in SAVED)
    return withLegend(`${paint.green('✓')} ${SAVED[options.action]} ${d.path}`, d, paint);
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
  if (Array.isArray(d.tabs)) {
    return (d.tabs as Array<{ index: number; title: string; url: string; active?: boolean }>)
      .map((tab) => `${tab.active ? paint.green('→') : ' '} [${tab.index}] ${tab.title || '(untitled)'} - ${tab.url}`)
      .join('\n');
  }
  if (Array.isArray(d.messages)) {
    const messages = d.messages as Array<{ type: string; text: string }>;
    if (messages.length === 0) return paint.dim('No console messages');
    return messages
      .map((m) => `${m.type === 'error' ? paint.red(`[${m.type}]`) : m.type === 'warning' ? paint.yellow(`[${m.type}]`) : paint.dim(`[${m.type}]`)} ${m.text}`)
      .join('\n');
  }
  if (Array.isArray(d.errors)) {
    const errors = d.errors as Array<{ message: string }>;
    if (errors.length === 0) return paint.dim('No page errors');
    return errors.map((e) => `${paint.red('✗')} ${e.message}`).join('\n');
  }
  if (Array.isArray(d.cookies)) {
    const cookies = d.cookies as Array<{ name: string; value: string }>;
    if (cookies.length === 0) return paint.dim('No cookies');
    return cookies.map((c) => `${c.name}=${c.value}`).join('\n');
  }
  if (Array.isArray(d.requests)) {
    const requests = d.requests as Array<{ method: string; url: string; resourceType: string }>;
    if (requests.length === 0) return 'No requests captured';
    return requests.map((r) => `${r.method} ${r.url} ${paint.dim(`(${r.resourceType})`)}`).join('\n');
  }
  if (d.cleared === true || typeof d.cleared === 'number') return `${paint.green('✓')} Cleared`;
  if ('box' in d) return JSON.stringify(d.box, null, 2);
  if (Array.isArray(d.elements)) {
    return (
      d.elements as Array<{ tag: string; text: string | null; box: { x: number; y: number; width: number; height: number }; styles: Record<string, unknown> }>
    )
      .map((el) => {
        const text = el.text ? ` "${el.text.length > 40 ? `${el.text.slice(0, 39)}…` : el.text}"` : '';
        const styles = Object.entries(el.styles)
          .filter(([, v]) => v !== null && v !== '')
          .map(([k, v]) => `    ${k}: ${String(v)}`);
        return [
          `${el.tag}${text} ${paint.dim(`at ${Math.round(el.box.x)},${Math.round(el.box.y)} ${Math.round(el.box.width)}×${Math.round(el.box.height)}`)}`,
          ...styles,
        ].join('\n');
      })
      .join('\n');
  }
  if (d.closed === true && typeof d.disconnected === 'string')
    return `${paint.green('✓')} Disconnected from the remote browser (${d.disconnected}); it keeps running`;
  if (d.closed === true && d.running === false && Array.isArray(d.removed))
    return `${paint.green('✓')} No daemon was running; removed the files a dead one left (${d.removed.join(', ')})`;
  if (d.closed === true && d.running === false) return `${paint.green('✓')} Browser closed (no daemon was running)`;
  if (d.closed === true) return `${paint.green('✓')} Browser closed`;
  if (typeof d.closed === 'number' && typeof d.remaining === 'number') return `${paint.green('✓')} Closed tab ${d.closed} (${d.remaining} left)`;
  if (typeof d.index === 'number' && typeof d.total === 'number') return `${paint.green('✓')} Tab ${d.index} of ${d.total} is active`;
  if (d.started === true && typeof d.path === 'string') return `${paint.green('✓')} Recording started: ${d.path}`;
  if (d.started === true && options.action !== undefined && options.action in STARTED) return `${paint.green('✓')} ${STARTED[options.action]}`;
  if (typeof d.frames === 'number' && typeof d.path === 'string')
    return d.path ? `${paint.green('✓')} Recording saved to ${d.path}` : `${paint.dim(String(d.error ?? 'No recording in progress'))}`;
  if (typeof d.path === 'string')
    return withLegend(
      `${paint.green('✓')} ${options.action === undefined ? 'Screenshot saved to' : (SAVED[options.action] ?? 'Saved to')} ${d.path}`,
      d,
      paint,
    );
  if (typeof d.base64 === 'string') return d.base64;
  const content = Object.entries(d).filter(([key, value]) => value !== true && key !== 'origin' && key !== 'warning');
  if (options.fallback === 'json' && content.length > 0) return JSON.stringify(d, null, 2);
  return `${paint.green('✓')} Done`;
}

/** An annotated screenshot's numbers under its "saved to" line: `[3] @e3 button "Save"`. */
function withLegend(saved: string, d: Record<string, unknown>, paint: Painter): string {
  if (!Array.isArray(d.annotations)) return saved;
  const legend = (d.annotations as Array<{ number: number; ref: string; role: string; name?: string }>).map(
    (item) => `   ${paint.dim(`[${item.number}]`)} @${item.ref} ${item.role}${item.name ? ` ${JSON.stringify(item.name)}` : ''}`,
  );
  return [saved, ...legend].join('\n');
}
