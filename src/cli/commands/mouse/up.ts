import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class MouseUp extends ActionCommand {
  static override summary = 'Release a mouse button pressed with mouse down.';
  static override examples = ['<%= config.bin %> mouse up', '<%= config.bin %> mouse up right'];
  static override actions = ['mouseup'];
  static override args = { button: Args.string({ description: 'Mouse button', options: ['left', 'right', 'middle'], default: 'left' }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'mouseup', button: args.button };
  }
}
