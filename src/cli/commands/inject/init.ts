import { Args, Flags } from '@oclif/core';
import { ActionCommand, type Parsed } from '../../base.js';
import { inlineOrFile, requireSource } from '../../inject-source.js';

export default class InjectInit extends ActionCommand {
  static override actions = ['addinitscript'];
  static override summary = 'Add a script that runs in every page before the page’s own scripts, from the next navigation on (all tabs).';
  static override examples = [`<%= config.bin %> inject init "Math.random = () => 0.5"`, '<%= config.bin %> inject init --file stubs.js'];
  static override aliases = ['addinitscript'];
  static override strict = false;
  static override args = { code: Args.string({ description: 'JavaScript (the rest of the line, joined with spaces)' }) };
  static override flags = { file: Flags.string({ char: 'f', description: 'Send this local file’s content.' }) };

  protected request({ flags, argv }: Parsed<typeof InjectInit>) {
    const script = inlineOrFile(argv, flags.file);
    requireSource(script, '<code> (or --file <path>)');
    return { action: 'addinitscript', script };
  }
}
