// The contracts of the tracing actions (handlers: src/builtins/tracing.ts).
import { z } from '../zod.js';
import { filePath } from '../schemas.js';
import { contract } from '../contract.js';

export const profiler_start = contract({
  name: 'profiler_start',
  summary: 'Start a Chrome performance profile (CDP tracing) of the active tab.',
  params: z.object({ categories: z.array(z.string().min(1)).optional() }),
  group: 'debug',
  cli: [
    {
      id: 'profiler:start',
      flags: { categories: { kind: 'string', description: 'Comma-separated Chrome trace categories (default: the DevTools Performance set).' } },
      omits: { categories: 'given comma-separated with --categories, split by the finisher' },
      finish: 'categories',
      fast: true,
      examples: ['<%= config.bin %> profiler start', '<%= config.bin %> profiler start --categories devtools.timeline,v8.execute'],
    },
  ],
});

export const profiler_stop = contract({
  name: 'profiler_stop',
  summary: 'Stop the profile and save it as Chrome trace JSON ({traceEvents}); open it in DevTools’ Performance panel.',
  params: z.object({ path: filePath.optional() }),
  group: 'debug',
});

export const trace_start = contract({
  name: 'trace_start',
  summary: 'Start a Playwright trace of the browser context (screenshots and DOM snapshots by default).',
  params: z.object({ screenshots: z.boolean().optional(), snapshots: z.boolean().optional() }),
  group: 'debug',
  cli: [
    {
      id: 'trace:start',
      flags: {
        screenshots: {
          param: 'screenshots',
          default: true,
          allowNo: true,
          description: 'Capture screenshots in the trace (--no-screenshots to leave them out).',
        },
        snapshots: { param: 'snapshots', default: true, allowNo: true, description: 'Capture DOM snapshots in the trace (--no-snapshots to leave them out).' },
      },
      fast: true,
      examples: ['<%= config.bin %> trace start', '<%= config.bin %> trace start --no-screenshots'],
    },
  ],
});

export const trace_stop = contract({
  name: 'trace_stop',
  summary: 'Stop the trace and save it as a zip (open with `npx playwright show-trace`); without a path it is discarded.',
  params: z.object({ path: filePath.optional() }),
  group: 'debug',
  cli: [
    {
      id: 'trace:stop',
      args: [{ name: 'path', param: 'path', file: true, description: 'Zip file to write' }],
      fast: true,
      examples: ['<%= config.bin %> trace stop trace.zip', '<%= config.bin %> trace stop'],
    },
  ],
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [profiler_start, profiler_stop, trace_start, trace_stop];
