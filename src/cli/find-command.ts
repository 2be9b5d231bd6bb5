import { Args, Flags } from '@oclif/core';
import { ActionCommand, CliFailure } from './base.js';

/** The sub-actions `find` runs on the element it found. */
export const FIND_ACTIONS = ['click', 'fill', 'check', 'hover', 'text'] as const;

/** `[action] [text…]` after the locator's own arguments: the sub-action (default click) and fill's text. */
export function subaction(rest: string[], usage: string): { subaction: string; value?: string } {
  const [action = 'click', ...words] = rest;
  if (!(FIND_ACTIONS as readonly string[]).includes(action)) {
    throw new CliFailure(`Unknown find action "${action}": use ${FIND_ACTIONS.join(', ')}. Quote values with spaces: ${usage}`);
  }
  if (action !== 'fill' && words.length > 0) {
    throw new CliFailure(`"${action}" takes no text, but got "${words.join(' ')}". Quote values with spaces: ${usage}`);
  }
  return action === 'fill' ? { subaction: action, value: words.join(' ') } : { subaction: action };
}

export const exactFlag = Flags.boolean({ description: 'Match the whole text exactly (case-sensitive) instead of as a case-insensitive substring.' });

/**
 * `find <kind> <value> [action] [text…]`: one class per locator kind. Flags may sit anywhere on the
 * line and never end up in the value or the text.
 */
export abstract class FindCommand extends ActionCommand {
  /** The wire action and the field the value goes into. */
  static wire: { action: string; field: string; exact: boolean };
  static override strict = false;
  static override args = {
    value: Args.string({ description: 'What to look for', required: true }),
    action: Args.string({ description: `What to do with it: ${FIND_ACTIONS.join(', ')} (default click)` }),
    text: Args.string({ description: 'Text for fill (the rest of the line)' }),
  };

  protected request(_args: Record<string, unknown>, flags: Record<string, unknown>, argv: string[]) {
    const { wire } = this.ctor as unknown as typeof FindCommand;
    const [value, ...rest] = argv;
    const id = (this.id ?? '').replaceAll(':', ' ');
    const sub = subaction(rest, `${this.config.bin} ${id} "two words" ${rest[0] ?? 'click'}`);
    return {
      action: wire.action,
      [wire.field]: value,
      ...sub,
      ...(wire.exact && flags.exact ? { exact: true } : {}),
      ...(typeof flags.name === 'string' ? { name: flags.name } : {}),
    };
  }
}
