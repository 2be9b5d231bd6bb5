import { Args, Flags } from '@oclif/core';
import { ActionCommand, type Parsed } from '../../base.js';
import { inlineOrFile, requireSource } from '../../inject-source.js';

export default class InjectStyle extends ActionCommand {
  static override actions = ['addstyle'];
  static override summary = 'Add a stylesheet to the page now: inline CSS, a local file (--file) or a URL the page loads (--url).';
  static override examples = [
    `<%= config.bin %> inject style "body { background: #fee }"`,
    '<%= config.bin %> inject style --file debug.css',
    '<%= config.bin %> inject style --url https://cdn.example.com/theme.css',
  ];
  static override aliases = ['addstyle'];
  static override strict = false;
  static override args = { css: Args.string({ description: 'CSS (the rest of the line, joined with spaces)' }) };
  static override flags = {
    url: Flags.string({ char: 'u', description: 'URL of a stylesheet for the page to load.', exclusive: ['file'] }),
    file: Flags.string({ char: 'f', description: 'Send this local file’s content.', exclusive: ['url'] }),
  };

  protected request({ flags, argv }: Parsed<typeof InjectStyle>) {
    const content = inlineOrFile(argv, flags.file);
    if (typeof flags.url !== 'string') requireSource(content, '<css> (or --file <path>, --url <url>)');
    return { action: 'addstyle', content, url: flags.url };
  }
}
