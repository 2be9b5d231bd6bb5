import { Flags } from '@oclif/core';
import { ActionCommand } from '../base.js';
import { REQUESTS } from '../requests.js';

export default class Snapshot extends ActionCommand {
  static override actions = ['snapshot'];
  static override summary = 'Print the page’s accessibility tree with [ref=eN] refs to use as selectors (@eN).';
  static override examples = ['<%= config.bin %> snapshot -i', '<%= config.bin %> snapshot -c -d 3', '<%= config.bin %> snapshot -s "#main" -C'];
  static override flags = {
    interactive: Flags.boolean({ char: 'i', description: 'Only interactive elements (buttons, links, inputs…), flattened.' }),
    compact: Flags.boolean({ char: 'c', description: 'Drop unnamed structural lines without refs below them.' }),
    depth: Flags.integer({ char: 'd', description: 'Only lines up to this depth (0 = top level).', min: 0 }),
    selector: Flags.string({ char: 's', description: 'Snapshot only this element’s subtree.' }),
    cursor: Flags.boolean({ char: 'C', description: 'Also list clickable elements found by cursor:pointer/onclick/tabindex.' }),
  };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>, argv: string[]) {
    return REQUESTS.snapshot(args, flags, argv);
  }
}
