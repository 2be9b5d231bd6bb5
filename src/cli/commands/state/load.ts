import path from 'node:path';
import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class StateLoad extends ActionCommand {
  static override summary = 'Replace the browser’s cookies and localStorage with a file from "state save".';
  static override description = 'Works on a running browser: it gets a fresh context with the saved state, and the open tabs load their URLs again (page state and refs are lost).';
  static override examples = ['<%= config.bin %> state load auth.json'];
  static override actions = ['state_load'];
  static override args = { path: Args.string({ description: 'File written by "state save"', required: true }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'state_load', path: path.resolve(String(args.path)) };
  }
}
