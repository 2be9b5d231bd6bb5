import { Args, Flags } from '@oclif/core';
import { ActionCommand, CliFailure, type Parsed, type WireRequest } from '../../base.js';
import { paramOptions } from '../../specs.js';

export default class SetMedia extends ActionCommand {
  static override summary = 'Emulate CSS media features: color scheme, reduced motion, print media, forced colors.';
  static override examples = [
    '<%= config.bin %> set media dark',
    '<%= config.bin %> set media light --reduced-motion',
    '<%= config.bin %> set media --print',
    '<%= config.bin %> set media dark reduced-motion',
  ];
  static override actions = ['emulatemedia'];
  /** `emulatemedia dark`: the action's own name, which oqto's backend runs. */
  static override aliases = ['emulatemedia'];
  static override strict = false;
  static override converts = {
    'reduced-motion': 'on → reducedMotion: reduce, --no-reduced-motion → no-preference',
    'forced-colors': 'on → forcedColors: active, --no-forced-colors → none',
  };
  static override args = { scheme: Args.string({ description: 'dark, light or no-preference (also accepts the words reduced-motion, print, screen)' }) };
  static override flags = {
    'reduced-motion': Flags.boolean({ description: 'prefers-reduced-motion: reduce (--no-reduced-motion: no-preference).', allowNo: true }),
    print: Flags.boolean({ description: 'Print media type (--no-print: screen).', allowNo: true }),
    'forced-colors': Flags.boolean({ description: 'forced-colors: active (--no-forced-colors: none).', allowNo: true }),
  };

  protected request({ flags, argv }: Parsed<typeof SetMedia>) {
    const request: WireRequest = { action: 'emulatemedia' };
    for (const word of argv) {
      if (paramOptions('emulatemedia', 'colorScheme')?.includes(word)) request.colorScheme = word;
      else if (word === 'reduced-motion') request.reducedMotion = 'reduce';
      else if (word === 'print' || word === 'screen') request.media = word;
      else throw new CliFailure(`Unknown media setting "${word}": use dark, light, no-preference, reduced-motion, print or screen.`);
    }
    if (flags['reduced-motion'] !== undefined) request.reducedMotion = flags['reduced-motion'] ? 'reduce' : 'no-preference';
    if (flags.print !== undefined) request.media = flags.print ? 'print' : 'screen';
    if (flags['forced-colors'] !== undefined) request.forcedColors = flags['forced-colors'] ? 'active' : 'none';
    if (Object.keys(request).length === 1)
      throw new CliFailure('Nothing to set: give dark, light or no-preference, or --reduced-motion, --print, --forced-colors.');
    return request;
  }
}
