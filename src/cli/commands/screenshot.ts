import { Args, Flags } from '@oclif/core';
import { ActionCommand } from '../base.js';
import { REQUESTS } from '../requests.js';

export default class Screenshot extends ActionCommand {
  static override actions = ['screenshot'];
  static override summary = 'Save a screenshot of the viewport, the full page or one element.';
  static override description = 'Without a path the file goes to the system temp folder (agent-browser/screenshots); the path printed is absolute.';
  static override examples = [
    '<%= config.bin %> screenshot page.png',
    '<%= config.bin %> screenshot --full',
    '<%= config.bin %> screenshot card.jpg --selector @e7 --quality 80',
    '<%= config.bin %> screenshot --annotate',
  ];
  static override args = { path: Args.string({ description: 'File to write (.png or .jpg)' }) };
  static override flags = {
    full: Flags.boolean({ char: 'f', description: 'Capture the whole scrollable page.' }),
    selector: Flags.string({ char: 's', description: 'Capture only this element.' }),
    format: Flags.string({ description: 'Image format (default from the file extension, else png).', options: ['png', 'jpeg'] }),
    quality: Flags.integer({ description: 'JPEG quality 0-100.', min: 0, max: 100 }),
    annotate: Flags.boolean({ description: 'Number the interactive elements on the image and print which ref each number is.' }),
  };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>, argv: string[]) {
    return REQUESTS.screenshot(args, flags, argv);
  }
}
