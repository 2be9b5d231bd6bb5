import path from 'node:path';
import { Args } from '@oclif/core';
import { ActionCommand, selectorArg } from '../base.js';

export default class Upload extends ActionCommand {
  static override summary = 'Choose files for a file input (paths relative to the current folder).';
  static override examples = ['<%= config.bin %> upload @e4 ./photo.jpg', '<%= config.bin %> upload "input[type=file]" a.pdf b.pdf'];
  static override actions = ['upload'];
  static override strict = false;
  static override args = { selector: selectorArg, file: Args.string({ description: 'File path(s)', required: true }) };

  protected request(args: Record<string, unknown>, _flags: Record<string, unknown>, argv: string[]) {
    // The daemon runs in another folder: send absolute paths.
    return { action: 'upload', selector: args.selector, files: argv.slice(1).map((file) => path.resolve(file)) };
  }
}
