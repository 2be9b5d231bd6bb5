import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class ClipboardCopy extends ActionCommand {
  static override summary = 'Copy the page’s current selection (Ctrl/Cmd+C), or the given text, to the clipboard.';
  static override examples = ['<%= config.bin %> clipboard copy', '<%= config.bin %> clipboard copy "some text"'];
  static override actions = ['clipboard'];
  static override strict = false;
  static override args = { text: Args.string({ description: 'Text to copy instead of the selection' }) };

  protected request(_args: Record<string, unknown>, _flags: Record<string, unknown>, argv: string[]) {
    return { action: 'clipboard', operation: 'copy', text: argv.length > 0 ? argv.join(' ') : undefined };
  }
}
