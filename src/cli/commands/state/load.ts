import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';
import { statePathArg } from '../../state-files.js';

export default class StateLoad extends ActionCommand {
  static override summary = 'Replace the browser’s cookies and localStorage with a file from "state save".';
  static override description =
    'Works on a running browser: it gets a fresh context with the saved state, and the open tabs load their URLs again (page state and refs are lost). A bare name ("login") loads from the state folder (see "state list"); a path loads that file.';
  static override examples = ['<%= config.bin %> state load login', '<%= config.bin %> state load ./auth.json'];
  static override actions = ['state_load'];
  static override args = { path: Args.string({ description: 'Name in the state folder, or a file written by "state save"', required: true }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'state_load', path: statePathArg(String(args.path)) };
  }
}
