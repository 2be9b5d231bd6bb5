import { Flags } from '@oclif/core';
import { ActionCommand } from '../../base.js';
import { numberArg } from '../../number-arg.js';

export default class MouseWheel extends ActionCommand {
  static override summary = 'Turn the mouse wheel: positive dy scrolls down, positive dx right (over an element with -s).';
  static override examples = ['<%= config.bin %> mouse wheel', '<%= config.bin %> mouse wheel -300', '<%= config.bin %> mouse wheel 200 0 -s "#list"'];
  static override actions = ['wheel'];
  static override args = {
    dy: numberArg({ description: 'Vertical delta in pixels', default: 100 }),
    dx: numberArg({ description: 'Horizontal delta in pixels', default: 0 }),
  };
  static override flags = { selector: Flags.string({ char: 's', description: 'Hover this element (selector or ref) first.' }) };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>) {
    return { action: 'wheel', deltaY: args.dy, deltaX: args.dx, selector: flags.selector };
  }
}
