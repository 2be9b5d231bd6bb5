import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class SetLocale extends ActionCommand {
  static override summary = 'Set the locale (navigator.language, Accept-Language, Intl defaults); reopens the tabs.';
  static override examples = ['<%= config.bin %> set locale de-DE', '<%= config.bin %> set locale fr'];
  static override actions = ['locale'];
  static override args = { locale: Args.string({ description: 'BCP 47 language tag', required: true }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'locale', locale: args.locale };
  }
}
