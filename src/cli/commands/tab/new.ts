import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';
import { normalizeUrl } from '../open.js';

export default class TabNew extends ActionCommand {
  static override actions = ['tab_new'];
  static override summary = 'Open a new tab (it becomes active), optionally loading a URL.';
  static override examples = ['<%= config.bin %> tab new', '<%= config.bin %> tab new example.com'];
  static override args = { url: Args.string({ description: 'URL to load; https:// is added to bare hosts, http:// to localhost/127.0.0.1' }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'tab_new', ...(typeof args.url === 'string' ? { url: normalizeUrl(args.url) } : {}) };
  }
}
