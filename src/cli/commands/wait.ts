import { Args, Flags } from '@oclif/core';
import { ActionCommand, CliFailure } from '../base.js';

export default class Wait extends ActionCommand {
  static override actions = ['wait'];
  static override summary = 'Wait for an element, for text, for a number of milliseconds, or for the page to load.';
  static override examples = ['<%= config.bin %> wait "#results"', '<%= config.bin %> wait 1500', '<%= config.bin %> wait --text "Welcome back"', '<%= config.bin %> wait @e4 --state hidden'];
  static override args = { target: Args.string({ description: 'A selector or ref to wait for, or a number of milliseconds' }) };
  static override flags = {
    text: Flags.string({ char: 't', description: 'Wait until this text appears on the page.' }),
    state: Flags.string({ description: 'Element state to wait for.', options: ['attached', 'detached', 'visible', 'hidden'] }),
    timeout: Flags.integer({ description: 'Give up after this many milliseconds.', min: 1 }),
  };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>) {
    const target = args.target as string | undefined;
    if (target !== undefined && /^\d+$/.test(target)) {
      if (flags.text || flags.state) throw new CliFailure('Give either a number of milliseconds or a selector with --state/--text, not both.');
      return { action: 'wait', timeout: Number(target) };
    }
    return { action: 'wait', selector: target, text: flags.text, state: flags.state, timeout: flags.timeout };
  }
}
