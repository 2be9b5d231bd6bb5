import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class KeyboardPress extends ActionCommand {
  static override summary = 'Press a key or chord on the focused element.';
  static override examples = ['<%= config.bin %> keyboard press Enter', '<%= config.bin %> keyboard press Control+a'];
  static override actions = ['keyboard'];
  static override args = { keys: Args.string({ description: 'Key or chord, e.g. Enter, Tab, Shift+ArrowDown, Control+a', required: true }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'keyboard', subaction: 'press', keys: args.keys };
  }
}
