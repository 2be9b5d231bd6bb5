import { Args, Flags } from '@oclif/core';
import { ActionCommand, type Parsed } from '../../base.js';
import { inlineOrFile, requireSource } from '../../inject-source.js';

export default class InjectScript extends ActionCommand {
  static override actions = ['addscript'];
  static override summary = 'Add a <script> to the page now: inline code, a local file (--file) or a URL the page loads (--url).';
  static override examples = [
    `<%= config.bin %> inject script "window.ready = true"`,
    '<%= config.bin %> inject script --file helpers.js',
    '<%= config.bin %> inject script --url https://cdn.example.com/lib.js',
  ];
  static override aliases = ['addscript'];
  static override strict = false;
  static override args = { code: Args.string({ description: 'JavaScript (the rest of the line, joined with spaces)' }) };
  static override flags = {
    url: Flags.string({ char: 'u', description: 'URL of a script for the page to load.', exclusive: ['file'] }),
    file: Flags.string({ char: 'f', description: 'Send this local file’s content.', exclusive: ['url'] }),
  };

  protected request({ flags, argv }: Parsed<typeof InjectScript>) {
    const content = inlineOrFile(argv, flags.file);
    if (typeof flags.url !== 'string') requireSource(content, '<code> (or --file <path>, --url <url>)');
    return { action: 'addscript', content, url: flags.url };
  }
}
