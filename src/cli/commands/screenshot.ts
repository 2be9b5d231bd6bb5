import os from 'node:os';
import path from 'node:path';
import { Args, Flags } from '@oclif/core';
import { ActionCommand } from '../base.js';

export default class Screenshot extends ActionCommand {
  static override actions = ['screenshot'];
  static override summary = 'Save a screenshot of the viewport, the full page or one element.';
  static override description = 'Without a path the file goes to the system temp folder (agent-browser/screenshots); the path printed is absolute.';
  static override examples = ['<%= config.bin %> screenshot page.png', '<%= config.bin %> screenshot --full', '<%= config.bin %> screenshot card.jpg --selector @e7 --quality 80'];
  static override args = { path: Args.string({ description: 'File to write (.png or .jpg)' }) };
  static override flags = {
    full: Flags.boolean({ char: 'f', description: 'Capture the whole scrollable page.' }),
    selector: Flags.string({ char: 's', description: 'Capture only this element.' }),
    format: Flags.string({ description: 'Image format (default from the file extension, else png).', options: ['png', 'jpeg'] }),
    quality: Flags.integer({ description: 'JPEG quality 0-100.', min: 0, max: 100 }),
  };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>) {
    const format = (flags.format as string | undefined) ?? (flags.quality !== undefined ? 'jpeg' : undefined);
    const file = args.path
      ? path.resolve(String(args.path))
      : path.join(os.tmpdir(), 'agent-browser', 'screenshots', `screenshot-${new Date().toISOString().replace(/[:.]/g, '-')}.${format === 'jpeg' ? 'jpg' : 'png'}`);
    return { action: 'screenshot', path: file, fullPage: flags.full, selector: flags.selector, format, quality: flags.quality };
  }
}
