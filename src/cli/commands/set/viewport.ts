import { Args, Flags } from '@oclif/core';
import { ActionCommand, CliFailure, type Parsed } from '../../base.js';

export default class SetViewport extends ActionCommand {
  static override summary = 'Resize the viewport (--scale also sets devicePixelRatio, which reopens the tabs).';
  static override examples = ['<%= config.bin %> set viewport 1920 1080', '<%= config.bin %> set viewport 390 844 --scale 3'];
  static override actions = ['viewport'];
  static override args = {
    width: Args.integer({ description: 'Width in CSS pixels', required: true, min: 1 }),
    height: Args.integer({ description: 'Height in CSS pixels', required: true, min: 1 }),
  };
  static override flags = {
    scale: Flags.string({ description: 'Device scale factor (devicePixelRatio), e.g. 2' }),
  };

  protected request({ args, flags }: Parsed<typeof SetViewport>) {
    const scale = flags.scale === undefined ? undefined : Number(flags.scale);
    if (scale !== undefined && !(scale > 0)) throw new CliFailure(`--scale expects a number greater than 0, got ${String(flags.scale)}`);
    return { action: 'viewport', width: args.width, height: args.height, deviceScaleFactor: scale };
  }
}
