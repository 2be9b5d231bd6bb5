// `agent-browser mcp`: an MCP server over stdio whose tools are the session daemon's actions. It
// never runs an action itself: tools/list asks the daemon which actions it has (built-ins and the
// configured plugins' actions), and each tool call is one wire request to the daemon.
import type { Readable, Writable } from 'node:stream';
// The low-level Server, not McpServer: the tools are only known at run time, as JSON Schema from
// the daemon, and the daemon (not the SDK) validates the params, naming each wrong field.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import type { WireResponse } from '../protocol/envelope.js';
import { VERSION } from '../version.js';
import { closestNames } from '../protocol/suggest.js';
import {
  DEFAULT_TOOL_GROUPS,
  errorResult,
  instructionsFor,
  notEnabledResult,
  requestFor,
  toolResult,
  toolsFor,
  type Catalogue,
  type ListedAction,
} from './tools.js';

export interface McpServeOptions {
  /** Sends one wire request to the session's daemon, starting the daemon when none runs. */
  send(request: Record<string, unknown>): Promise<WireResponse>;
  /** Where MCP messages come from (default: stdin). */
  input?: Readable;
  /** Where MCP messages go (default: stdout); nothing else is written there. */
  output?: Writable;
  /** The tool groups to serve, as parsed (`core`, `network`, a plugin's name, `all`); default core. */
  tools?: readonly string[];
  /** Ask page-changing actions for a report of what they changed (default true). */
  changes?: boolean;
}

/**
 * A JSON-RPC error answer. The SDK answers any thrown error with its numeric `code` and `message`;
 * its own McpError would put "MCP error <code>:" into the message, which the client adds again.
 */
class ProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** A failure of this process (no daemon answer): its message, and its code when it has one. */
function failureOf(error: unknown): { message: string; code?: string } {
  const failure = error as Error & { code?: unknown };
  return { message: failure?.message ?? String(error), code: typeof failure?.code === 'string' ? failure.code : undefined };
}

/** Serves MCP on stdio until the client disconnects; the session's daemon keeps running. */
export async function serveMcp(options: McpServeOptions): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const groups = options.tools && options.tools.length > 0 ? options.tools : DEFAULT_TOOL_GROUPS;
  const changes = options.changes ?? true;
  let requests = 0;
  const nextId = () => `mcp-${process.pid}-${++requests}`;
  let catalogue: Catalogue | null = null;
  const inFlight = new Set<Promise<unknown>>();

  /** Keeps a request's handler in `inFlight` until it settles, so a closing stdin can wait for it. */
  function tracked<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work);
    work.finally(() => inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  let listing: Promise<Catalogue> | null = null;

  /**
   * Asks the daemon for its actions. Callers that ask while a listing is under way share it, so
   * calls that all wait for the first listing go on in the order they came.
   */
  function listTools(): Promise<Catalogue> {
    listing ??= (async () => {
      try {
        const response = await options.send({ id: nextId(), action: 'actions' });
        if (!response.success) throw new ProtocolError(ErrorCode.InternalError, `The daemon did not list its actions: ${response.error} [${response.code}]`);
        catalogue = toolsFor((response.data as { actions: ListedAction[] }).actions, groups);
        return catalogue;
      } finally {
        listing = null;
      }
    })();
    return listing;
  }

  /** The last page-lane call; the next one starts after it answered. */
  let previousInOrder: Promise<void> = Promise.resolve();

  /**
   * Sends one action; an MCP cancellation of the call cancels the daemon's request too. Page
   * actions are sent one at a time in the order they were called: each goes over its own
   * connection, and a client that sends `navigate` then `snapshot` without waiting must get the
   * snapshot of the new page. Waits and control actions (`cancel`, `status`) go at once.
   */
  async function run(action: ListedAction, args: Record<string, unknown>, signal: AbortSignal, inOrder: boolean): Promise<CallToolResult> {
    let done = () => {};
    const turn = previousInOrder;
    if (inOrder) previousInOrder = new Promise<void>((resolve) => (done = resolve));
    const id = nextId();
    const cancel = () => void options.send({ id: `${id}-cancel`, action: 'cancel', requestId: id }).catch(() => undefined);
    try {
      if (inOrder) await turn;
      if (signal.aborted) return errorResult(`"${action.name}" was cancelled before it ran.`, 'CANCELLED');
      signal.addEventListener('abort', cancel, { once: true });
      return toolResult(await options.send({ ...requestFor(action, args, { changes }), id, action: action.name }), action);
    } catch (error) {
      const { message, code } = failureOf(error);
      return errorResult(message, code);
    } finally {
      signal.removeEventListener('abort', cancel);
      done();
    }
  }

  async function toolList(): Promise<{ tools: Tool[] }> {
    try {
      return { tools: (await listTools()).tools };
    } catch (error) {
      throw error instanceof ProtocolError ? error : new ProtocolError(ErrorCode.InternalError, failureOf(error).message);
    }
  }

  async function callTool(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult> {
    let listed = catalogue;
    let action = listed?.actionOf.get(name);
    if (action === undefined) {
      // Called before tools/list, or the daemon was restarted with other plugins since.
      try {
        listed = await listTools();
        action = listed.actionOf.get(name);
      } catch (error) {
        const { message, code } = failureOf(error);
        return errorResult(message, code);
      }
    }
    if (action === undefined) {
      const close = closestNames(name, listed?.tools.map((tool) => tool.name) ?? [], { limit: 1 });
      throw new ProtocolError(
        ErrorCode.InvalidParams,
        `Unknown tool "${name}"${close.length > 0 ? ` (did you mean "${close[0]}"?)` : ''}: tools/list names every tool this server has.`,
      );
    }
    const listedAction = listed!.actions.get(action)!;
    if (!listed!.enabled.has(action)) return notEnabledResult(name, listedAction, groups);
    return run(listedAction, args, signal, listed!.inOrder.has(action));
  }

  const server = new Server({ name: 'agent-browser', version: VERSION }, { capabilities: { tools: {} }, instructions: instructionsFor(groups, changes) });
  server.setRequestHandler(ListToolsRequestSchema, () => tracked(toolList()));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => tracked(callTool(request.params.name, request.params.arguments ?? {}, extra.signal)));

  const transport = new StdioServerTransport(input, output);
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
  });
  server.onerror = (error) => process.stderr.write(`agent-browser mcp: ${error.message}\n`);
  // The stdio transport does not notice a client that went away. An ended stdin is a client that
  // has sent everything (`printf … | agent-browser mcp` too): its requests are answered, then the
  // server stops. A broken stdout pipe is a client that reads no more: the server stops at once.
  input.once('end', () => {
    // The SDK calls a handler, and writes its answer, a few promise turns after the message came.
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    void (async () => {
      await nextTurn();
      while (inFlight.size > 0) {
        await Promise.allSettled([...inFlight]);
        await nextTurn();
      }
      await transport.close();
    })();
  });
  output.once('error', () => void transport.close());
  await server.connect(transport);
  await closed;
}
