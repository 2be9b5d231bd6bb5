import { Args, Flags } from '@oclif/core';
import { ActionCommand, CliFailure } from '../../base.js';

export default class Frame extends ActionCommand {
  static override actions = ['frame', 'mainframe'];
  static override summary = 'Act inside an iframe from now on (snapshot, click, fill, eval, get …); `frame main` goes back.';
  static override examples = [
    '<%= config.bin %> frame "#checkout"',
    '<%= config.bin %> frame @e7',
    '<%= config.bin %> frame --name payment',
    '<%= config.bin %> frame --url "**/embed/*"',
    '<%= config.bin %> frame main',
  ];
  static override args = {
    selector: Args.string({ description: 'The <iframe> element: CSS, Playwright selector or ref (looked up in the current frame, so frames nest)' }),
  };
  static override flags = {
    name: Flags.string({ description: 'Pick the frame by its name attribute instead.' }),
    url: Flags.string({ description: 'Pick the frame by URL (exact, glob or substring) instead.' }),
  };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>) {
    if (args.selector === 'main' && !flags.name && !flags.url) return { action: 'mainframe' };
    if (args.selector === undefined && !flags.name && !flags.url)
      throw new CliFailure("frame needs the <iframe>'s selector or ref, --name or --url (or 'main' to go back to the page).");
    return { action: 'frame', selector: args.selector, name: flags.name, url: flags.url };
  }
}
