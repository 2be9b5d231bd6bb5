import { Args, Flags } from '@oclif/core';
import { ActionCommand, CliFailure, selectorArg, type Parsed } from '../base.js';

export default class Dispatch extends ActionCommand {
  static override summary = 'Dispatch a DOM event on an element (bubbles; --init adds event properties).';
  static override examples = [
    '<%= config.bin %> dispatch @e3 click',
    '<%= config.bin %> dispatch "#field" input',
    '<%= config.bin %> dispatch "#box" custom-event --init \'{"detail":{"id":7}}\'',
  ];
  static override actions = ['dispatch'];
  static override args = { selector: selectorArg, event: Args.string({ description: 'Event type', required: true }) };
  static override flags = { init: Flags.string({ description: 'Event init as JSON, e.g. {"bubbles":true,"detail":1}' }) };

  protected request({ args, flags }: Parsed<typeof Dispatch>) {
    let eventInit: unknown;
    if (typeof flags.init === 'string') {
      try {
        eventInit = JSON.parse(flags.init);
      } catch (error) {
        throw new CliFailure(`--init is not valid JSON: ${(error as Error).message}`);
      }
      if (eventInit === null || typeof eventInit !== 'object' || Array.isArray(eventInit))
        throw new CliFailure('--init must be a JSON object, e.g. {"bubbles":true}');
    }
    return { action: 'dispatch', selector: args.selector, event: args.event, eventInit };
  }
}
