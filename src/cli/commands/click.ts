import { Flags } from '@oclif/core';
import { ActionCommand, selectorArg } from '../base.js';
import { REQUESTS } from '../requests.js';

export default class Click extends ActionCommand {
  static override actions = ['click'];
  static override summary = 'Click an element.';
  static override examples = [
    '<%= config.bin %> click @e3',
    '<%= config.bin %> click "button[type=submit]"',
    '<%= config.bin %> click @e2 --button right',
    '<%= config.bin %> click @e5 --new-tab',
  ];
  static override args = { selector: selectorArg };
  static override flags = {
    button: Flags.string({ description: 'Mouse button.', options: ['left', 'right', 'middle'] }),
    'click-count': Flags.integer({ description: 'Number of clicks.', min: 1 }),
    delay: Flags.integer({ description: 'Milliseconds between mousedown and mouseup.', min: 0 }),
    'new-tab': Flags.boolean({ description: "Open the link's href in a new tab instead of clicking it." }),
  };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>, argv: string[]) {
    return REQUESTS.click(args, flags, argv);
  }
}
