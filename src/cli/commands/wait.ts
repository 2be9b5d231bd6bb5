import { Args, Flags } from '@oclif/core';
import { ActionCommand } from '../base.js';
import { REQUESTS } from '../requests.js';

export default class Wait extends ActionCommand {
  static override actions = ['wait', 'waitforurl', 'waitforloadstate', 'waitforfunction'];
  static override summary = 'Wait for an element, for text, for a number of milliseconds, or for the page to load.';
  static override examples = [
    '<%= config.bin %> wait "#results"',
    '<%= config.bin %> wait 1500',
    '<%= config.bin %> wait --text "Welcome back"',
    '<%= config.bin %> wait @e4 --state hidden',
    '<%= config.bin %> wait --url "**/dashboard"',
    '<%= config.bin %> wait --load networkidle',
    '<%= config.bin %> wait --fn "window.appReady === true"',
  ];
  static override args = { target: Args.string({ description: 'A selector or ref to wait for, or a number of milliseconds' }) };
  static override flags = {
    text: Flags.string({ char: 't', description: 'Wait until this text appears on the page.' }),
    state: Flags.string({ description: 'Element state to wait for.', options: ['attached', 'detached', 'visible', 'hidden'] }),
    url: Flags.string({ char: 'u', description: 'Wait until the URL matches this glob, /regex/ or URL.' }),
    load: Flags.string({ char: 'l', description: 'Wait for a load state.', options: ['load', 'domcontentloaded', 'networkidle'] }),
    fn: Flags.string({ description: 'Wait until this JavaScript expression is truthy.' }),
    timeout: Flags.integer({ description: 'Give up after this many milliseconds.', min: 1 }),
  };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>, argv: string[]) {
    return REQUESTS.wait(args, flags, argv);
  }
}
