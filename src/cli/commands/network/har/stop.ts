import path from 'node:path';
import { Args } from '@oclif/core';
import { ActionCommand } from '../../../base.js';

export default class NetworkHarStop extends ActionCommand {
  static override summary = 'Stop recording and write the requests since "network har start" as a HAR 1.2 file.';
  static override examples = ['<%= config.bin %> network har stop trace.har'];
  static override actions = ['har_stop'];
  static override args = { path: Args.string({ description: 'File to write (.har)', required: true }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'har_stop', path: path.resolve(String(args.path)) };
  }
}
