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
import { errorResult, toolResult, toolsFor, type ListedAction } from './tools.js';

export interface McpServeOptions {
  /** Sends one wire request to the session's daemon, starting the daemon when none runs. */
  send(request: Record<string, unknown>): Promise<WireResponse>;
  /** Where MCP messages come from (default: stdin). */
  input?: Readable;
  /** Where MCP messages go (default: stdout); nothing else is written there. */
  output?: Writable;
}

const INSTRUCTIONS = [
  "Drives a real browser: the agent-browser session's, shared with the agent-browser CLI and kept running after this server stops.",
  'Typical loop: navigate to a URL; snapshot to read the page as an accessibility tree whose elements carry [ref=eN];',
  'then click, fill, type, select … with selector "@eN" (CSS and Playwright selectors work too).',
  'Refs belong to the last snapshot of the tab: after the page changed, take a new snapshot.',
  'screenshot without a path returns the image. Failures come back as errors that say what to do next.',
].join(' ');

/** The daemon's actions as tools, as last listed. */
interface Catalogue {
  tools: Tool[];
  actionOf: Map<string, string>;
  /** Actions of the daemon's page lane: run one after another, in the order the client called them. */
  inOrder: Set<string>;
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
        catalogue = toolsFor((response.data as { actions: ListedAction[] }).actions);
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
  async function run(action: string, args: Record<string, unknown>, signal: AbortSignal, inOrder: boolean): Promise<CallToolResult> {
    let done = () => {};
    const turn = previousInOrder;
    if (inOrder) previousInOrder = new Promise<void>((resolve) => (done = resolve));
    const id = nextId();
    const cancel = () => void options.send({ id: `${id}-cancel`, action: 'cancel', requestId: id }).catch(() => undefined);
    try {
      if (inOrder) await turn;
      if (signal.aborted) return errorResult(`"${action}" was cancelled before it ran.`, 'CANCELLED');
      signal.addEventListener('abort', cancel, { once: true });
      return toolResult(await options.send({ ...args, id, action }));
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
    if (action === undefined) throw new ProtocolError(ErrorCode.InvalidParams, `Unknown tool "${name}": tools/list names every tool this server has.`);
    return run(action, args, signal, listed!.inOrder.has(action));
  }

  const server = new Server({ name: 'agent-browser', version: VERSION }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
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
