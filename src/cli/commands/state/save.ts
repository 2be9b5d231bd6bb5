import path from 'node:path';
import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class StateSave extends ActionCommand {
  static override summary = 'Save cookies and localStorage to a JSON file (restore it with "state load").';
  static override examples = ['<%= config.bin %> state save auth.json'];
  static override actions = ['state_save'];
  static override args = { path: Args.string({ description: 'File to write', required: true }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'state_save', path: path.resolve(String(args.path)) };
  }
}
