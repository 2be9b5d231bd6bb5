import path from 'node:path';
import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';
import { normalizeUrl } from '../open.js';

export default class RecordStart extends ActionCommand {
  static override actions = ['recording_start'];
  static override summary = 'Start recording the active tab to a WebM video (the browser context is recreated; cookies and storage carry over).';
  static override examples = ['<%= config.bin %> record start demo.webm', '<%= config.bin %> record start demo.webm example.com'];
  static override args = {
    path: Args.string({ description: 'Video file to write (.webm; must not exist)', required: true }),
    url: Args.string({ description: 'Open this URL once recording runs (default: the current page)' }),
  };

  protected request(args: Record<string, unknown>) {
    return { action: 'recording_start', path: path.resolve(String(args.path)), url: args.url ? normalizeUrl(String(args.url)) : undefined };
  }
}
