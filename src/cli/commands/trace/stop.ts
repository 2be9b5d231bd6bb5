import path from 'node:path';
import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class TraceStop extends ActionCommand {
  static override actions = ['trace_stop'];
  static override summary = 'Stop the trace and save it as a zip (view it with `npx playwright show-trace <file>`); without a path it is discarded.';
  static override examples = ['<%= config.bin %> trace stop trace.zip', '<%= config.bin %> trace stop'];
  static override args = { path: Args.string({ description: 'Zip file to write' }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'trace_stop', path: args.path ? path.resolve(String(args.path)) : undefined };
  }
}
