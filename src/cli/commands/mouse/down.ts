import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class MouseDown extends ActionCommand {
  static override summary = 'Press a mouse button at the current position (release it with mouse up).';
  static override examples = ['<%= config.bin %> mouse down', '<%= config.bin %> mouse down right'];
  static override actions = ['mousedown'];
  static override args = { button: Args.string({ description: 'Mouse button', options: ['left', 'right', 'middle'], default: 'left' }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'mousedown', button: args.button };
  }
}
