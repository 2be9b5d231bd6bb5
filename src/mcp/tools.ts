// The daemon's actions as MCP tools, and daemon answers as MCP tool results. Pure functions: no
// socket, no SDK runtime, so the unit tier can check them.
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { WireResponse } from '../protocol/envelope.js';

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

/** The MCP input schema of an action: its param schema, which must describe an object. */
function inputSchemaOf(params: Record<string, unknown>): Tool['inputSchema'] {
  return (params.type === 'object' ? params : { ...params, type: 'object' }) as Tool['inputSchema'];
}

/** The tools for the daemon's actions, in the daemon's order, and the action each tool sends. */
export function toolsFor(actions: readonly ListedAction[]): { tools: Tool[]; actionOf: Map<string, string>; inOrder: Set<string> } {
  const actionOf = toolNames(actions.map((action) => action.name));
  const toolOf = new Map([...actionOf].map(([tool, action]) => [action, tool]));
  const tools = actions.map((action): Tool => ({
    name: toolOf.get(action.name)!,
    description: action.summary,
    inputSchema: inputSchemaOf(action.params),
    ...(action.readOnly ? { annotations: { readOnlyHint: true } } : {}),
  }));
  // Daemons before `lane` was listed: every action in order.
  const inOrder = new Set(actions.filter((action) => (action.lane ?? 'page') === 'page').map((action) => action.name));
  return { tools, actionOf, inOrder };
}

/** The image types a screenshot can have, by the first bytes of its base64. */
function imageType(base64: string): string | null {
  if (base64.startsWith('iVBORw0KGgo')) return 'image/png';
  if (base64.startsWith('/9j/')) return 'image/jpeg';
  return null;
}

function withoutKeys(data: Record<string, unknown>, drop: string[]): Record<string, unknown> | null {
  const rest = Object.fromEntries(Object.entries(data).filter(([key, value]) => !drop.includes(key) && value !== undefined));
  return Object.keys(rest).length > 0 ? rest : null;
}

/** A failure as a tool result: the daemon's message and code, flagged so the model sees it failed. */
export function errorResult(message: string, code: string | undefined): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: code ? `${message} [${code}]` : message }] };
}

/**
 * A daemon answer as a tool result. A snapshot is its tree as text (its `[ref=eN]` refs are
 * selectors for later calls, as `@eN`); an image answered as base64 (a screenshot without a path)
 * is image content; a plugin result with a `print` field is that field as text; anything else is
 * compact JSON. What the first item leaves out (the page URL, warnings, dialogs) follows as JSON.
 */
export function toolResult(response: WireResponse): CallToolResult {
  if (!response.success) return errorResult(response.error, response.code);
  const data = response.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { content: [{ type: 'text', text: JSON.stringify(data ?? null) }] };
  const fields = data as Record<string, unknown>;
  const result = (first: CallToolResult['content'][number], shown: string[]): CallToolResult => {
    const rest = withoutKeys(fields, shown);
    return { content: rest ? [first, { type: 'text', text: JSON.stringify(rest) }] : [first] };
  };
  if (typeof fields.snapshot === 'string') return result({ type: 'text', text: fields.snapshot }, ['snapshot', 'refs']);
  if (typeof fields.base64 === 'string') {
    const mimeType = imageType(fields.base64);
    if (mimeType) return result({ type: 'image', data: fields.base64, mimeType }, ['base64']);
  }
  if (response.print && typeof fields[response.print] === 'string') return result({ type: 'text', text: fields[response.print] as string }, [response.print]);
  return { content: [{ type: 'text', text: JSON.stringify(fields) }] };
}
