/**
 * Load: 32 concurrent clients × 200 requests on one session of a real daemon with a real browser,
 * a mix of tab listing, reads and scripts. Every request is answered exactly once with its
 * own id, and the daemon's memory comes back near its starting level.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDaemon, type TestDaemon } from '../helpers/daemon.js';
import { figure } from './_figures.js';

const CLIENTS = 32;
const PER_CLIENT = 200;
const MiB = 1024 * 1024;

for (const transport of ['unix', 'tcp'] as const) {
  const test = suite(`reliability: load (${transport})`);
  let daemon: TestDaemon;

  test.before(async () => {
    // --expose-gc: status then reports memory after a collection, i.e. what the daemon retains.
    daemon = await startDaemon({ transport, env: { NODE_OPTIONS: '--expose-gc' } });
  });
  test.after(async () => {
    await daemon?.stop();
  });

  test(`${CLIENTS} clients × ${PER_CLIENT} requests at once: each answered exactly once with its own id; memory returns near its start`, async () => {
    await daemon.request({ id: 'open', action: 'navigate', url: 'data:text/html,<title>Load</title><h1 id="h">Under load</h1><button>Go</button>' });
    const mix = (client: number, n: number): Record<string, unknown> => {
      const id = `c${client}-r${n}`;
      switch (n % 5) {
        case 0:
          return { id, action: 'tab_list' };
        case 1:
          return { id, action: 'url' };
        case 2:
          return { id, action: 'title' };
        case 3:
          return { id, action: 'gettext', selector: '#h' };
        default:
          return { id, action: 'evaluate', script: `${client} * 1000 + ${n}` };
      }
    };
    const heap = async () => (await daemon.request({ id: 'memory', action: 'status' })).data.memory.heapUsedBytes as number;
    const atStart = await heap();
    const round = () =>
      Promise.all(
        Array.from({ length: CLIENTS }, async (_, client) => {
          const requests = Array.from({ length: PER_CLIENT }, (_, n) => mix(client, n));
          const answers = await daemon.exchange(
            requests.map((request) => JSON.stringify(daemon.token ? { ...request, token: daemon.token } : request)),
            { timeoutMs: 300_000 },
          );
          const ids = answers.map((answer) => answer.id);
          const expected = requests.map((request) => request.id);
          const wrong = answers.filter((answer, index) => {
            if (!answer.success) return true;
            const n = index % 5;
            if (n === 4) return answer.data.result !== client * 1000 + index;
            if (n === 3) return answer.data.text !== 'Under load';
            return false;
          });
          return {
            sent: requests.length,
            answered: answers.length,
            duplicates: ids.length - new Set(ids).size,
            outOfOrder: ids.filter((id, index) => id !== expected[index]).length,
            wrong: wrong.length,
          };
        }),
      );
    // The first round grows the heap to its working size; a second, identical round must not grow it further.
    await round();
    const before = await heap();
    const started = Date.now();
    const results = await round();
    const seconds = (Date.now() - started) / 1000;
    const total = (key: 'sent' | 'answered' | 'duplicates' | 'outOfOrder' | 'wrong') => results.reduce((sum, result) => sum + result[key], 0);
    const after = await heap();
    figure(
      `load (${transport}): ${CLIENTS}×${PER_CLIENT} = ${total('sent')} requests → ${total('answered')} answered, ${total('sent') - total('answered')} lost, ${total('duplicates')} duplicated, ${total('outOfOrder')} out of order, ${total('wrong')} wrong; ${Math.round(total('sent') / seconds)} req/s; daemon heap after GC ${(atStart / MiB).toFixed(1)} MiB at start, ${(before / MiB).toFixed(1)} after a first round, ${(after / MiB).toFixed(1)} after the second`,
    );
    assert.is(total('answered'), total('sent'));
    assert.is(total('duplicates'), 0);
    assert.is(total('outOfOrder'), 0);
    assert.is(total('wrong'), 0);
    // Near its start: what the daemon retains after 12 800 requests is within a few MiB of what it held before them.
    assert.ok(after < atStart + 8 * MiB, `daemon heap grew from ${(atStart / MiB).toFixed(1)} to ${(after / MiB).toFixed(1)} MiB`);
  });

  test.run();
}
