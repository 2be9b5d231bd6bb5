import fs from 'node:fs';
import path from 'node:path';
import { Args, Flags } from '@oclif/core';
import { ActionCommand, CliFailure, type Parsed } from '../../base.js';

export default class SetContent extends ActionCommand {
  static override actions = ['setcontent'];
  static override summary = 'Replace the page (the active frame’s document) with the given HTML.';
  static override examples = [`<%= config.bin %> set content "<h1>Hello</h1><button>Go</button>"`, '<%= config.bin %> set content --file page.html'];
  static override aliases = ['setcontent'];
  static override strict = false;
  static override args = { html: Args.string({ description: 'HTML (the rest of the line, joined with spaces)' }) };
  static override flags = { file: Flags.string({ char: 'f', description: 'Read the HTML from this file instead.' }) };

  protected request({ flags, argv }: Parsed<typeof SetContent>) {
    if (typeof flags.file === 'string') {
      const file = path.resolve(flags.file);
      if (!fs.existsSync(file)) throw new CliFailure(`File not found: ${file}`);
      return { action: 'setcontent', html: fs.readFileSync(file, 'utf8') };
    }
    if (argv.length === 0) throw new CliFailure('Missing argument: <html> (or --file <path>)');
    return { action: 'setcontent', html: argv.join(' ') };
  }
}
