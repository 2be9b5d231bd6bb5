import path from 'node:path';
import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';
import { normalizeUrl } from '../open.js';

export default class RecordRestart extends ActionCommand {
  static override actions = ['recording_restart'];
  static override summary = 'Save the current recording (if any) and start a new one.';
  static override examples = ['<%= config.bin %> record restart take2.webm', '<%= config.bin %> record restart take2.webm example.com/checkout'];
  static override args = {
    path: Args.string({ description: 'Video file for the new recording (.webm; must not exist)', required: true }),
    url: Args.string({ description: 'Open this URL once the new recording runs' }),
  };

  protected request(args: Record<string, unknown>) {
    return { action: 'recording_restart', path: path.resolve(String(args.path)), url: args.url ? normalizeUrl(String(args.url)) : undefined };
  }
}
