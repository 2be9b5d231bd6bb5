// MCP clients for the token bench: one MCP server process per subject, spoken to through the
// official SDK client over stdio, and the fixed five-step task every server runs with its own tool
// names and its own defaults.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const CALL_TIMEOUT_MS = 120_000;

/**
 * Starts an MCP server ({ command, args, env, cwd }) and connects to it. Resolves to
 * { client, serverInfo, stderrTail(), close() }; close() ends the server process.
 */
export async function connectMcp({ command, args, env, cwd }) {
  const transport = new StdioClientTransport({ command, args, env, cwd, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.setEncoding('utf8').on('data', (text) => (stderr = (stderr + text).slice(-4000)));
  const client = new Client({ name: 'agent-browser-token-bench', version: '1.0.0' });
  const stderrTail = () => stderr.trim().split('\n').filter(Boolean).slice(-2).join(' | ') || '(nothing on stderr)';
  try {
    await client.connect(transport, { timeout: CALL_TIMEOUT_MS });
  } catch (error) {
    await transport.close().catch(() => {});
    throw new Error(`${error.message} (stderr: ${stderrTail()})`);
  }
  return { client, serverInfo: client.getServerVersion(), stderrTail, close: () => client.close().catch(() => {}) };
}

/** Every tool the server lists, following `nextCursor` as a client loading the whole list does. */
export async function listAllTools(client) {
  const tools = [];
  let cursor;
  do {
    const page = await client.listTools(cursor ? { cursor } : {}, { timeout: CALL_TIMEOUT_MS });
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

/** What a model reads of a tool result: its text items; images are only counted. */
export function readResult(result) {
  const texts = [];
  let images = 0;
  let imageBytes = 0;
  for (const item of result.content ?? []) {
    if (item.type === 'text') texts.push(item.text);
    else if (item.type === 'image') {
      images += 1;
      imageBytes += Math.floor((item.data?.length ?? 0) * 0.75);
    } else if (item.type === 'resource' && typeof item.resource?.text === 'string') texts.push(item.resource.text);
  }
  return { texts, images, imageBytes, isError: Boolean(result.isError) };
}

/** Calls one tool; resolves to readResult's answer plus the raw result. */
export async function callTool(client, name, args) {
  const result = await client.callTool({ name, arguments: args }, undefined, { timeout: CALL_TIMEOUT_MS });
  return { ...readResult(result), result };
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The ref a snapshot text gives the element with this role and name, e.g. `e21` from
 * `- textbox "Work email" [ref=e21]`, `[required, ref=e32]` or `[ref=e37] [cursor=pointer]`.
 */
export function refIn(text, role, name) {
  const line = new RegExp(`(?:^|\\n)\\s*- ${escapeRegExp(role)} "${escapeRegExp(name)}"[^\\n]*?\\bref=([A-Za-z0-9_-]+)`).exec(text);
  return line?.[1] ?? null;
}

/**
 * The task, on bench/pages/signup.html: open the page, take a snapshot (each server's default),
 * fill the "Work email" text box and click "Create account", both by the ref that snapshot gave
 * them, then read the result line (#result). Each server uses its natural tools; a tool is picked
 * by the first of its candidate names the server lists, so a renamed tool still runs.
 */
export const TASK = {
  page: '/app/signup.html',
  email: 'ada@example.com',
  expect: 'Welcome aboard',
  field: { role: 'textbox', name: 'Work email' },
  button: { role: 'button', name: 'Create account' },
  steps: ['navigate to the sign-up page', 'snapshot (server default)', 'fill "Work email" by ref', 'click "Create account" by ref', 'read the result line'],
};

/** Per server: candidate tool names for each step (in TASK.steps order). */
export const TASK_TOOLS = {
  ours: [['navigate', 'open', 'goto'], ['snapshot'], ['fill'], ['click'], ['gettext', 'get_text', 'text', 'innertext']],
  rust: [
    ['agent_browser_open', 'agent_browser_navigate'],
    ['agent_browser_snapshot'],
    ['agent_browser_fill'],
    ['agent_browser_click'],
    ['agent_browser_get_text'],
  ],
  pw: [['browser_navigate'], ['browser_snapshot'], ['browser_type', 'browser_fill'], ['browser_click'], ['browser_evaluate']],
};

/** The arguments naming an element by ref, in the shape the tool's schema asks for. */
function refArgs(props, ref, description) {
  const args = {};
  if (props.selector) args.selector = `@${ref}`;
  else if (props.target) args.target = ref;
  else if (props.ref) args.ref = ref;
  else args.selector = `@${ref}`;
  // Playwright MCP's human-readable description (what a model sends with the ref).
  if (props.element) args.element = description;
  return args;
}

/** The arguments of one step for one tool, from its input schema. */
function stepArgs(step, tool, ctx) {
  const props = tool.inputSchema?.properties ?? {};
  switch (step) {
    case 0:
      return { url: ctx.url };
    case 1:
      return {};
    case 2: {
      const valueKey = ['value', 'text'].find((key) => props[key]) ?? 'value';
      return { ...refArgs(props, ctx.fieldRef, `${TASK.field.name} ${TASK.field.role}`), [valueKey]: TASK.email };
    }
    case 3:
      return refArgs(props, ctx.buttonRef, `${TASK.button.name} ${TASK.button.role}`);
    default:
      // Reading text by CSS selector, or (Playwright MCP, which has no get-text tool) by evaluating.
      if (props.function) return { function: "() => document.querySelector('#result').textContent" };
      if (props.script) return { script: "document.querySelector('#result').textContent" };
      return { selector: '#result' };
  }
}

/**
 * Runs the task on one connected server. Resolves to { steps: [{ step, tool, args, texts, images,
 * imageBytes, isError, error }], ok, why } — a failed step is recorded and the task goes on, so
 * every step the server could answer is counted.
 */
export async function runTask(client, tools, key, url) {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const ctx = { url };
  const steps = [];
  for (const [index, label] of TASK.steps.entries()) {
    const candidates = TASK_TOOLS[key][index];
    const tool = candidates.map((name) => byName.get(name)).find(Boolean);
    const record = { step: label, tool: tool?.name ?? null, args: null, texts: [], images: 0, imageBytes: 0, isError: false, error: null };
    steps.push(record);
    if (!tool) {
      record.error = `no tool named ${candidates.join(' / ')} in tools/list`;
      continue;
    }
    if ((index === 2 && !ctx.fieldRef) || (index === 3 && !ctx.buttonRef)) {
      record.error = `the snapshot of step 2 showed no ref for ${index === 2 ? `${TASK.field.role} "${TASK.field.name}"` : `${TASK.button.role} "${TASK.button.name}"`}`;
      continue;
    }
    record.args = stepArgs(index, tool, ctx);
    try {
      Object.assign(record, await callTool(client, tool.name, record.args));
      delete record.result;
    } catch (error) {
      record.error = error.message;
      continue;
    }
    if (index === 1) {
      const text = record.texts.join('\n');
      ctx.fieldRef = refIn(text, TASK.field.role, TASK.field.name);
      ctx.buttonRef = refIn(text, TASK.button.role, TASK.button.name);
    }
  }
  const last = steps.at(-1);
  const ok = !last.error && !last.isError && last.texts.join('\n').includes(TASK.expect);
  const failed = steps.find((step) => step.error || step.isError);
  const why = ok
    ? null
    : failed
      ? `step "${failed.step}": ${failed.error ?? failed.texts.join(' ').slice(0, 200)}`
      : `the result line did not say "${TASK.expect}"`;
  return { steps, ok, why };
}
