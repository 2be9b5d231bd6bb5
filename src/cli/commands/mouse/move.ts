import { ActionCommand } from '../../base.js';
import { numberArg } from '../../number-arg.js';

export default class MouseMove extends ActionCommand {
  static override summary = 'Move the mouse to viewport coordinates.';
  static override examples = ['<%= config.bin %> mouse move 100 200'];
  static override actions = ['mousemove'];
  static override args = {
    x: numberArg({ description: 'X in CSS pixels from the viewport’s left edge', required: true }),
    y: numberArg({ description: 'Y in CSS pixels from the top', required: true }),
  };

  protected request(args: Record<string, unknown>) {
    return { action: 'mousemove', x: args.x, y: args.y };
  }
}
