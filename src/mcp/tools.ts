// The daemon's actions as MCP tools, and daemon answers as MCP tool results. Pure functions: no
// socket, no SDK runtime, so the unit tier can check them.
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { renderChanges, type PageChanges } from '../protocol/changes.js';

/** How an MCP client's agent takes a snapshot, for a change report too big to list. */
const MCP_SNAPSHOT_HINT = 'call snapshot for the current elements';
import { TOOL_GROUPS } from '../protocol/contract.js';
import type { WireResponse } from '../protocol/envelope.js';
import { closestNames } from '../protocol/suggest.js';

/** An action as the daemon's `actions` action lists it. */
export interface ListedAction {
  name: string;
  summary: string;
  plugin: string;
  /** The param schema as JSON Schema (an object schema). */
  params: Record<string, unknown>;
  /** Set by actions that change neither the page, the browser nor any file. */
  readOnly?: boolean;
  /** How the daemon schedules it: page actions one at a time, waits and control actions alongside. */
  lane?: 'page' | 'wait' | 'control';
  /** Its MCP tool group: a built-in group (TOOL_GROUPS), or the name of the plugin that adds it. */
  group?: string;
  /** Set when the action takes the request field `"changes": true` (a report of what it changed on the page). */
  changes?: boolean;
}

/** The groups `agent-browser mcp` serves unless `--tools` or `mcpTools` say otherwise. */
export const DEFAULT_TOOL_GROUPS: readonly string[] = ['core'];

/** The name that enables every group, the plugins' included. */
export const ALL_TOOLS = 'all';

/**
 * Names other browser servers give a group (agent-browser's `--tools` profiles, Playwright MCP's
 * `--caps`), and the group of ours that holds those tools.
 */
export const TOOL_GROUP_ALIASES: Readonly<Record<string, string>> = {
  mobile: 'emulation',
  storage: 'state',
  devtools: 'debug',
  testing: 'debug',
  vision: 'interaction',
  pdf: 'reading',
};

/** The built-in groups, in the order `--help` and messages list them. */
export const BUILTIN_TOOL_GROUPS: readonly string[] = Object.keys(TOOL_GROUPS);

/** `core,network` (or a list of such) as group names: trimmed, lower-cased, aliases resolved, each once. */
export function parseToolGroups(value: string | readonly string[]): string[] {
  const names = (typeof value === 'string' ? [value] : value)
    .flatMap((item) => item.split(','))
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  return [...new Set(names.map((name) => TOOL_GROUP_ALIASES[name] ?? name))];
}

/** The group an action's tool is listed in; the plugin's name for a daemon that lists no group. */
export function groupOf(action: ListedAction): string {
  return (action.group ?? action.plugin).toLowerCase();
}

/**
 * Why these group names cannot be served, or null when each names a group there is: the built-in
 * groups, `all`, and `known` (the groups of the daemon's actions, plugin groups among them).
 */
export function unknownToolGroups(requested: readonly string[], known: Iterable<string> = []): string | null {
  const plugins = [...new Set([...known].map((group) => group.toLowerCase()))].filter((group) => !BUILTIN_TOOL_GROUPS.includes(group)).sort();
  const valid = [...BUILTIN_TOOL_GROUPS, ALL_TOOLS, ...plugins];
  const unknown = requested.filter((name) => !valid.includes(name));
  if (unknown.length === 0) return null;
  const named = unknown.map((name) => {
    const [close] = closestNames(name, [...valid, ...Object.keys(TOOL_GROUP_ALIASES)], { limit: 1 });
    return `"${name}"${close ? ` (did you mean "${close}"?)` : ''}`;
  });
  return [
    `Unknown tool group${unknown.length > 1 ? 's' : ''} ${named.join(', ')}.`,
    `Tool groups: ${[...BUILTIN_TOOL_GROUPS, ALL_TOOLS].join(', ')}; ${plugins.length > 0 ? `plugin groups: ${plugins.join(', ')}` : 'no configured plugin adds a group'}.`,
  ].join(' ');
}

/** What the server tells the client's model once, so no tool has to repeat it. */
export function instructionsFor(groups: readonly string[], changes: boolean): string {
  const others = groups.includes(ALL_TOOLS) ? [] : BUILTIN_TOOL_GROUPS.filter((group) => !groups.includes(group));
  return [
    "Drives a real browser: the agent-browser session's, shared with its CLI and kept running after this server stops.",
    'Loop: navigate; snapshot (interactive elements, each with [ref=eN]); then click, fill, type, select, press … with selector "@eN".',
    'A selector is a ref from the last snapshot (@e3, ref=e3 or e3), CSS, or a Playwright selector (text=Sign in, role=button[name="Save"], xpath=//a).',
    'A ref stays valid while its element is on the page.',
    ...(changes
      ? [
          'Tools that change the page answer with what changed: URL, title, and the interactive elements that appeared (+), changed (~) or went (-), with refs; changes: false skips it.',
        ]
      : ['After the page changed, take a new snapshot.']),
    'screenshot without a path returns the image. Errors say what to do next.',
    `Tool groups served: ${groups.join(', ')}.`,
    ...(others.length > 0 ? [`Others, which the user enables with agent-browser mcp --tools: ${others.join(', ')}, a plugin's name, all.`] : []),
  ].join(' ');
}

/** MCP tool names: letters, digits, `_` and `-`, at most 64 characters. */
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_NAME = 64;

/** FNV-1a over UTF-16 code units, as 8 hex digits: a short, stable tag for one action name. */
function nameTag(name: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i += 1) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * Tool names for action names, as a map from tool name to action name. A valid action name is its
 * own tool name; others get every character MCP does not allow replaced by `_` (`reader:markdown`
 * → `reader_markdown`). Should that name be taken, or be too long, a tag derived from the action
 * name alone is appended, so a given action always gets the same tool name next to the same
 * neighbours, whatever order the daemon lists them in.
 */
export function toolNames(actionNames: readonly string[]): Map<string, string> {
  const tools = new Map<string, string>();
  const sorted = [...new Set(actionNames)].sort();
  for (const action of sorted) if (TOOL_NAME.test(action)) tools.set(action, action);
  for (const action of sorted) {
    if (TOOL_NAME.test(action)) continue;
    const plain = action.replace(/[^A-Za-z0-9_-]/g, '_');
    let name = plain.length > 0 && plain.length <= MAX_NAME && !tools.has(plain) ? plain : `${plain.slice(0, MAX_NAME - 9)}_${nameTag(action)}`;
    // Two action names whose tags collide as well: count up until the name is free.
    for (let n = 2; tools.has(name); n += 1) name = `${plain.slice(0, MAX_NAME - 9 - String(n).length - 1)}_${nameTag(action)}_${n}`;
    tools.set(name, action);
  }
  return tools;
}

/**
 * A JSON Schema without what costs tokens and tells a model nothing: the `$schema` URL, integer
 * limits that are JavaScript's safe-integer range, and `propertyNames: {type: string}` (a JSON
 * object's keys are strings anyway). What the daemon accepts stays as it was.
 */
export function compactSchema(schema: unknown, top = true): unknown {
  if (Array.isArray(schema)) return schema.map((item) => compactSchema(item, false));
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (top && key === '$schema') continue;
    if (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) continue;
    if (key === 'minimum' && value === Number.MIN_SAFE_INTEGER) continue;
    if (key === 'propertyNames' && isRecord(value) && value.type === 'string' && Object.keys(value).length === 1) continue;
    out[key] = compactSchema(value, false);
  }
  return out;
}

/** What this server sends unless the agent says otherwise, by action. */
const DEFAULT_ARGS: Readonly<Record<string, Record<string, unknown>>> = {
  // The full tree of a long page costs thousands of tokens; most steps need only what can be used.
  snapshot: { interactive: true },
};

/** Actions that can change the page but that an agent calls to capture it: no change report unless asked. */
const NO_CHANGE_REPORT = new Set(['screenshot', 'pdf', 'diff_screenshot', 'diff_snapshot']);

/** The snapshot tool's description: what it answers here, and when to ask for more. */
function snapshotDescription(properties: Record<string, unknown>): string {
  const more = [
    'interactive: false for the whole tree (to read the page’s text)',
    'selector to scope it to one element',
    ...('urls' in properties ? ['urls: true to add link URLs'] : []),
    ...('diff' in properties ? ['diff: true for only what changed since the last snapshot'] : []),
  ];
  return `The page’s accessibility tree as text; elements carry [ref=eN] to use as selectors. Interactive elements only by default; ${more.join(', ')}.`;
}

/** One action as a tool: its summary, its compacted schema, what this server adds or changes. */
function toolOf(name: string, action: ListedAction): Tool {
  const schema = compactSchema(action.params) as Record<string, unknown>;
  const properties = isRecord(schema.properties) ? { ...schema.properties } : {};
  let description = action.summary;
  if (action.name === 'snapshot' && isRecord(properties.interactive)) {
    properties.interactive = { ...properties.interactive, default: true };
    // The description says what these do; their own descriptions would say it twice.
    for (const key of ['urls', 'diff'])
      if (isRecord(properties[key])) properties[key] = Object.fromEntries(Object.entries(properties[key]).filter(([field]) => field !== 'description'));
    description = snapshotDescription(properties);
  }
  // The request field the daemon takes beside the params; the server instructions say what it does.
  if (action.changes && !('changes' in properties)) properties.changes = { type: 'boolean' };
  return {
    name,
    description,
    inputSchema: { ...schema, type: 'object', properties } as Tool['inputSchema'],
    ...(action.readOnly ? { annotations: { readOnlyHint: true } } : {}),
  };
}

/** The daemon's actions as this server knows them: the tools it serves, and what each tool sends. */
export interface Catalogue {
  /** The tools of the enabled groups, in the daemon's order. */
  tools: Tool[];
  /** Every action's tool name → action name, served or not (so a call can say which group has it). */
  actionOf: Map<string, string>;
  /** Every action as listed, by name. */
  actions: Map<string, ListedAction>;
  /** The actions whose tools are served. */
  enabled: Set<string>;
  /** Actions of the daemon's page lane: run one after another, in the order the client called them. */
  inOrder: Set<string>;
}

/** The tools for the daemon's actions in the enabled groups (default: core), in the daemon's order. */
export function toolsFor(actions: readonly ListedAction[], groups: readonly string[] = DEFAULT_TOOL_GROUPS): Catalogue {
  const actionOf = toolNames(actions.map((action) => action.name));
  const toolByAction = new Map([...actionOf].map(([tool, action]) => [action, tool]));
  const everything = groups.includes(ALL_TOOLS);
  const wanted = new Set(groups.map((group) => group.toLowerCase()));
  const served = actions.filter((action) => everything || wanted.has(groupOf(action)));
  // Daemons before `lane` was listed: every action in order.
  const inOrder = new Set(actions.filter((action) => (action.lane ?? 'page') === 'page').map((action) => action.name));
  return {
    tools: served.map((action) => toolOf(toolByAction.get(action.name)!, action)),
    actionOf,
    actions: new Map(actions.map((action) => [action.name, action])),
    enabled: new Set(served.map((action) => action.name)),
    inOrder,
  };
}

/**
 * The refusal of a call to a tool whose group this server was not started with: which group has
 * it, and how the person who runs the server enables it.
 */
export function notEnabledResult(tool: string, action: ListedAction, groups: readonly string[]): CallToolResult {
  const group = groupOf(action);
  const wanted = [...groups, group].join(',');
  return errorResult(
    `The tool "${tool}" is in the tool group "${group}", which this server does not serve (it serves: ${groups.join(', ')}). ` +
      `To enable it, start the server with \`agent-browser mcp --tools ${wanted}\` (or set mcpTools in .agentbrowserrc, or AGENT_BROWSER_MCP_TOOLS=${wanted}); \`--tools all\` serves every tool.`,
    undefined,
  );
}

/**
 * The wire fields of a tool call: the agent's arguments over this server's defaults (an interactive
 * snapshot), and `"changes": true` on an action that says it takes it, unless the agent sent
 * `changes` itself or the server runs with change reports off.
 */
export function requestFor(action: ListedAction, args: Record<string, unknown>, options: { changes: boolean }): Record<string, unknown> {
  const properties = isRecord(action.params.properties) ? action.params.properties : {};
  // A default only for a param the action has (a plugin may replace an action with other params).
  const defaults = Object.entries(DEFAULT_ARGS[action.name] ?? {}).filter(([key]) => key in properties);
  const request: Record<string, unknown> = { ...Object.fromEntries(defaults), ...args };
  if (options.changes && action.changes && !NO_CHANGE_REPORT.has(action.name) && args.changes === undefined) request.changes = true;
  return request;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The image types a screenshot can have, by the first bytes of its base64. */
function imageType(base64: string): string | null {
  if (base64.startsWith('iVBORw0KGgo')) return 'image/png';
  if (base64.startsWith('/9j/')) return 'image/jpeg';
  return null;
}

/** A failure as a tool result: the daemon's message and code, flagged so the model sees it failed. */
export function errorResult(message: string, code: string | undefined): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: code ? `${message} [${code}]` : message }] };
}

/** Fields no text shows: where the data came from, the refs map behind a tree, and what has its own lines. */
const UNSHOWN = new Set(['origin', 'refs', 'changes', 'dialogs', 'warning']);

function valueText(key: string, value: unknown): string {
  return typeof value === 'string' && key !== 'result' ? value : (JSON.stringify(value) ?? 'undefined');
}

/**
 * Data fields as short text: one field as its bare value (the text of `gettext`, the JSON of an
 * `evaluate` result), several as `key: value` lines, nested values as compact JSON. An action that
 * changes something and answers only `true`s (`{clicked: true}`) says nothing a success does not.
 */
function fieldsText(fields: Record<string, unknown>, readOnly: boolean): string {
  const entries = Object.entries(fields).filter(([key, value]) => !UNSHOWN.has(key) && value !== undefined);
  if (!readOnly && entries.every(([, value]) => value === true)) return '';
  if (entries.length === 1) return valueText(entries[0]![0], entries[0]![1]);
  return entries.map(([key, value]) => `${key}: ${valueText(key, value)}`).join('\n');
}

/** What an answer says beside its data: the daemon's warning, the dialogs the page raised. */
function noticeLines(fields: Record<string, unknown>): string[] {
  const lines: string[] = [];
  if (typeof fields.warning === 'string') lines.push(`warning: ${fields.warning}`);
  if (Array.isArray(fields.dialogs))
    for (const dialog of fields.dialogs as Array<{ type?: string; message?: string; handled?: string }>)
      lines.push(`dialog: ${dialog.type ?? 'dialog'} ${JSON.stringify(dialog.message ?? '')} ${dialog.handled ?? ''}`.trimEnd());
  return lines;
}

/**
 * A daemon answer as a tool result, as short text: what a model reads costs tokens, so no JSON
 * where a line says it.
 * - A snapshot is its tree (its `[ref=eN]` refs are selectors for later calls, as `@eN`).
 * - An image answered as base64 (a screenshot without a path) is image content.
 * - A plugin result with a `print` field is that field.
 * - Other data is `key: value` lines (a lone value bare); an action that only acknowledges is `Done`.
 * - A change report (`changes`, asked for with `"changes": true`) follows as its rendered lines, and
 *   replaces the URL and title lines it repeats.
 * Data results without a change report also carry the data as `structuredContent`, for clients
 * that use it; it holds what the text shows, so a client that reads it instead costs no more.
 */
export function toolResult(response: WireResponse, action?: Pick<ListedAction, 'readOnly'>): CallToolResult {
  if (!response.success) return errorResult(response.error, response.code);
  const data = response.data;
  if (data === null || data === undefined) return { content: [{ type: 'text', text: 'Done' }] };
  if (!isRecord(data)) return { content: [{ type: 'text', text: typeof data === 'string' ? data : JSON.stringify(data) }] };
  const fields: Record<string, unknown> = { ...data };
  const changes = isRecord(fields.changes) ? (fields.changes as unknown as PageChanges) : undefined;
  const notices = noticeLines(fields);
  const text = (...parts: string[]) => parts.filter((part) => part !== '').join('\n');

  if (typeof fields.snapshot === 'string') {
    // With `diff`, the tree is the rendered change report already.
    return { content: [{ type: 'text', text: text(fields.snapshot, ...notices) }] };
  }
  if (typeof fields.base64 === 'string') {
    const mimeType = imageType(fields.base64);
    if (mimeType) {
      const { base64: _image, ...rest } = fields;
      const said = text(fieldsText(rest, true), ...notices, changes ? renderChanges(changes, MCP_SNAPSHOT_HINT) : '');
      return { content: [{ type: 'image', data: fields.base64, mimeType }, ...(said ? [{ type: 'text' as const, text: said }] : [])] };
    }
  }
  if (response.print && typeof fields[response.print] === 'string') {
    return { content: [{ type: 'text', text: text(fields[response.print] as string, ...notices, changes ? renderChanges(changes, MCP_SNAPSHOT_HINT) : '') }] };
  }
  if (changes) {
    // The report's own URL and title lines say what these fields would.
    if (changes.url !== undefined && fields.url === changes.url) delete fields.url;
    if (changes.title !== undefined && fields.title === changes.title) delete fields.title;
  }
  const body = fieldsText(fields, action?.readOnly === true);
  const said = text(body, ...notices, changes ? renderChanges(changes, MCP_SNAPSHOT_HINT) : '');
  const result: CallToolResult = { content: [{ type: 'text', text: said || 'Done' }] };
  if (body !== '' && !changes)
    result.structuredContent = Object.fromEntries(Object.entries(fields).filter(([key, value]) => key !== 'origin' && value !== undefined));
  return result;
}
