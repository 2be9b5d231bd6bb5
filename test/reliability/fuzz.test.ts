/**
 * Hostile input: thousands of random and mutated lines (broken UTF-8, deep nesting, huge numbers
 * and strings, wrong types in every field of every action) sent to a real daemon over the Unix
 * socket and over TCP. Zero crashes; every line answered exactly once, parseable objects with
 * their own id.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDaemon, type TestDaemon } from '../helpers/daemon.js';
import { rawSession } from '../integration/_support.js';
import { figure } from './_figures.js';

/** A seeded generator, so a failure can be replayed (the seed is printed). */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

type Rng = ReturnType<typeof random>;

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
}

const deep = (depth: number, open: string, close: string) => `${open.repeat(depth)}${close.repeat(depth)}`;

/** Values of every JSON type, including the awkward ones. */
function anyValue(rng: Rng): unknown {
  return rng.pick<() => unknown>([
    () => null,
    () => true,
    () => -1,
    () => 0,
    () => 1.5,
    () => 1e308,
    () => -1e308,
    () => Number.MAX_SAFE_INTEGER + 2,
    () => '',
    () => 'x'.repeat(rng.int(70_000)),
    () => '\u0000\u202e\ud800',
    () => '@e99999',
    () => [],
    () => [1, 'two', null],
    () => ({}),
    () => ({ nested: { deeper: [{}] } }),
    () => JSON.parse(deep(500, '[', ']')),
  ])();
}

/** A value that does not fit `schema` (a wrong JSON type; for enums, a string outside it). */
function wrongValue(schema: JsonSchema, rng: Rng): unknown {
  const types = new Set((schema.anyOf ?? [schema]).flatMap((option) => (Array.isArray(option.type) ? option.type : option.type ? [option.type] : [])));
  if (schema.enum) return 'not-one-of-them';
  const candidates: Array<[string, unknown]> = [
    ['string', 42],
    ['number', 'forty-two'],
    ['integer', 'seven'],
    ['boolean', 'yes'],
    ['array', { not: 'an array' }],
    ['object', ['not', 'an', 'object']],
  ];
  const fitting = candidates.filter(([type]) => types.has(type));
  if (fitting.length > 0) return rng.pick(fitting)[1];
  return rng.pick([Symbol.for('skip'), { unexpected: true }]);
}

/** Raw lines that are not valid requests: broken bytes, broken JSON, JSON of the wrong shape. */
function garbageLine(rng: Rng, n: number): { bytes: Buffer; parseable: boolean; id?: string } {
  const kind = rng.int(9);
  if (kind === 0) {
    const bytes = Buffer.alloc(1 + rng.int(300));
    for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(256);
    return { bytes: Buffer.from(bytes.filter((byte) => byte !== 0x0a)), parseable: false };
  }
  if (kind === 1) return { bytes: Buffer.from(`{"id":"g${n}","action":"status"`.slice(0, 1 + rng.int(30))), parseable: false };
  if (kind === 2)
    return {
      bytes: Buffer.concat([Buffer.from(`{"id":"g${n}","action":"`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]),
      parseable: true,
      id: `g${n}`,
    };
  if (kind === 3) return { bytes: Buffer.from(`{"id":"g${n}","action":"snapshot","selector":${deep(5000, '[', ']')}}`), parseable: true, id: `g${n}` };
  if (kind === 4) return { bytes: Buffer.from(`{"id":"g${n}","action":"click","selector":"x","clickCount":1e400}`), parseable: true, id: `g${n}` };
  if (kind === 5) return { bytes: Buffer.from(JSON.stringify(rng.pick([[], 'text', 42, null, true]))), parseable: false };
  if (kind === 6)
    return {
      bytes: Buffer.from(
        `{"id":${rng.pick(['1', '1.5', 'null', 'true', '{"a":1}', '[1]', '"g' + n + '"'])},"action":${JSON.stringify(rng.pick(['', 'nope', 'status:', '__proto__', 'constructor', 'x'.repeat(5000)]))}}`,
      ),
      parseable: true,
    };
  if (kind === 7)
    return { bytes: Buffer.from(`{"id":"g${n}","__proto__":{"action":"close"},"constructor":{"prototype":{"x":1}}}`), parseable: true, id: `g${n}` };
  // Valid but for the value's type: a huge selector must not make the daemon do any work.
  return {
    bytes: Buffer.from(
      `{"id":"g${n}","action":"fill","selector":${JSON.stringify('y'.repeat(200_000))},"value":${JSON.stringify({ wrapped: anyValue(rng) })}}`,
    ),
    parseable: true,
    id: `g${n}`,
  };
}

/** Requests with a wrong value in one field (other fields absent), for every field of every action. */
function wrongFieldRequests(actions: Array<{ name: string; params: JsonSchema }>, rng: Rng): Array<Record<string, unknown>> {
  const requests: Array<Record<string, unknown>> = [];
  for (const action of actions) {
    for (const [field, schema] of Object.entries(action.params.properties ?? {})) {
      const value = wrongValue(schema, rng);
      if (typeof value === 'symbol') continue;
      requests.push({ id: `w-${action.name}-${field}`, action: action.name, [field]: value });
    }
  }
  return requests;
}

/**
 * Requests whose required fields get awkward values of any type (some of them valid, so the
 * action really runs), for every action but the ones that end the session or wait for something.
 */
function awkwardRequests(actions: Array<{ name: string; params: JsonSchema }>, rng: Rng): Array<Record<string, unknown>> {
  const ending =
    /^(close|launch|wait.*|download|responsebody|pause|.*_start|.*_stop|recording_.*|window_new|tab_new|pdf|screenshot|state_.*|har_.*|trace_.*|profiler_.*|video_.*|diff_url|navigate|open|back|forward|reload)$/;
  return actions
    .filter((action) => !ending.test(action.name) && (action.params.required ?? []).length > 0)
    .map((action) => ({
      id: `a-${action.name}`,
      action: action.name,
      timeout: 500,
      ...Object.fromEntries((action.params.required ?? []).map((field) => [field, anyValue(rng)])),
    }));
}

for (const transport of ['unix', 'tcp'] as const) {
  const test = suite(`reliability: hostile input (${transport})`);
  let daemon: TestDaemon;

  test.before(async () => {
    daemon = await startDaemon({ transport, env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '2000' } });
  });
  test.after(async () => {
    await daemon?.stop();
  });
  const send = (requests: Array<Record<string, unknown>>) =>
    daemon.exchange(
      requests.map((request) => JSON.stringify(daemon.token ? { ...request, token: daemon.token } : request)),
      { timeoutMs: 180_000 },
    );

  test('a wrong type in every field of every action → INVALID_PARAMS with its own id, nothing else happens', async () => {
    const seed = 20261125;
    const listed = await daemon.request({ id: 'list', action: 'actions' });
    const requests = wrongFieldRequests(listed.data.actions, random(seed));
    const answers = await send(requests);
    const byId = new Map(answers.map((answer) => [answer.id, answer]));
    const unanswered = requests.filter((request) => !byId.has(request.id as string)).map((request) => request.id);
    const accepted = answers
      .filter((answer) => answer.success || answer.code !== 'INVALID_PARAMS')
      .map((answer) => `${answer.id}: ${answer.code ?? 'success'} ${String(answer.error ?? '').slice(0, 200)}`);
    figure(
      `wrong-type fuzz (${transport}, seed ${seed}): ${requests.length} requests over ${listed.data.actions.length} actions → ${answers.length} answers, ${unanswered.length} lost, ${accepted.length} not INVALID_PARAMS`,
    );
    assert.is(answers.length, requests.length);
    assert.equal(unanswered, []);
    assert.equal(accepted, []);
    assert.is(new Set(answers.map((answer) => answer.id)).size, answers.length, 'each id answered once');
  });

  test('awkward values (empty, huge, NUL and lone surrogates, deep arrays, extreme numbers) in every required field → each answered once, never INTERNAL', async () => {
    const seed = 7;
    const listed = await daemon.request({ id: 'list', action: 'actions' });
    const requests = awkwardRequests(listed.data.actions, random(seed));
    const answers = await send(requests);
    const internal = answers.filter((answer) => answer.code === 'INTERNAL').map((answer) => `${answer.id}: ${String(answer.error).slice(0, 200)}`);
    figure(
      `awkward-value fuzz (${transport}, seed ${seed}): ${requests.length} requests → ${answers.length} answers, ${requests.length - answers.length} lost, ${answers.filter((answer) => answer.success).length} ran, ${internal.length} INTERNAL`,
    );
    assert.is(answers.length, requests.length);
    assert.equal(
      answers.map((answer) => answer.id),
      requests.map((request) => request.id),
    );
    assert.equal(internal, []);
  });

  test('thousands of random and broken lines → every line answered once, parseable objects with their id; the daemon never crashes', async () => {
    const seed = 424242;
    const rng = random(seed);
    const total = 3000;
    const connections = 4;
    const started = Date.now();
    let answered = 0;
    let lost = 0;
    let wrongId = 0;
    for (let c = 0; c < connections; c++) {
      const lines: Buffer[] = [];
      const expected: Array<string | undefined> = [];
      // The first line of a connection is a real request (a first line that looks like HTTP closes it, on purpose).
      lines.push(Buffer.from(JSON.stringify({ id: `first-${c}`, action: 'status', ...(daemon.token ? { token: daemon.token } : {}) })));
      expected.push(`first-${c}`);
      for (let i = 0; i < total / connections; i++) {
        const line = garbageLine(rng, c * total + i);
        lines.push(line.bytes);
        expected.push(line.parseable ? line.id : 'unknown');
      }
      const { answers } = await rawSession(
        daemon.transport === 'unix' ? { path: daemon.socketPath } : { host: '127.0.0.1', port: daemon.port! },
        lines.map((line) => Buffer.concat([line, Buffer.from('\n')])),
        { expectLines: lines.length, timeoutMs: 180_000 },
      );
      answered += answers.length;
      lost += lines.length - answers.length;
      answers.forEach((answer, index) => {
        const want = expected[index];
        if (want !== undefined && answer.id !== want) wrongId += 1;
        if (typeof answer.id !== 'string' || typeof answer.success !== 'boolean') wrongId += 1;
      });
    }
    const status = await daemon.request({ id: 'after', action: 'status' });
    figure(
      `random-line fuzz (${daemon.transport}, seed ${seed}): ${total + connections} lines on ${connections} connections → ${answered} answered, ${lost} lost, ${wrongId} with a wrong id, daemon pid ${status.data?.pid === daemon.pid ? 'unchanged' : 'CHANGED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    assert.is(lost, 0);
    assert.is(wrongId, 0);
    assert.is(status.success, true);
    assert.is(status.data.pid, daemon.pid);
    assert.is(daemon.process.exitCode, null, 'the daemon is still running');
  });

  test.run();
}
