import { Args } from '@oclif/core';
import type { WireResponse } from '../../../protocol/envelope.js';
import { ActionCommand, type Parsed } from '../../base.js';
import { colorEnabled, painter } from '../../output.js';

export default class StateRename extends ActionCommand {
  static override summary = 'Rename a saved state of the state folder (never overwrites another).';
  static override description = 'Does not start the browser.';
  static override examples = ['<%= config.bin %> state rename login admin-login'];
  static override actions = ['state_rename'];
  static override args = {
    old: Args.string({ description: 'Current name ("login" or "login.json")', required: true }),
    new: Args.string({ description: 'New name', required: true }),
  };

  protected request({ args }: Parsed<typeof StateRename>) {
    return { action: 'state_rename', oldName: args.old, newName: args.new };
  }

  protected override render(response: WireResponse, action?: string): void {
    if (this.globals.json || !response.success) return super.render(response, action);
    const paint = painter(colorEnabled(process.stdout));
    const d = response.data as { oldName: string; newName: string; path: string };
    process.stdout.write(`${paint.green('✓')} Renamed ${d.oldName} to ${d.newName}\n  ${paint.dim(d.path)}\n`);
  }
}
