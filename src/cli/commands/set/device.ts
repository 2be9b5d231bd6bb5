import { Args, Flags } from '@oclif/core';
import { ActionCommand, CliFailure, type Parsed } from '../../base.js';

export default class SetDevice extends ActionCommand {
  static override summary = 'Emulate a device: viewport, user agent, pixel ratio, mobile and touch (reopens the tabs).';
  static override examples = ['<%= config.bin %> set device "iPhone 14"', '<%= config.bin %> set device Pixel 7', '<%= config.bin %> set device --list'];
  static override actions = ['device', 'device_list'];
  static override strict = false;
  static override args = { name: Args.string({ description: 'Device name (the rest of the line; quotes optional)' }) };
  static override flags = { list: Flags.boolean({ description: 'List the device names instead.' }) };

  protected request({ flags, argv }: Parsed<typeof SetDevice>) {
    if (flags.list) return { action: 'device_list' };
    const name = argv.join(' ').trim();
    if (!name) throw new CliFailure('Missing argument: <name> (a device such as "iPhone 14"; \'set device --list\' lists them)');
    return { action: 'device', device: name };
  }

  override async run(): Promise<unknown> {
    const request = this.request(await this.parseCommand<typeof SetDevice>());
    const response = await this.send({ id: `cli-${process.pid}`, ...request });
    const devices = response.success ? (response.data as { devices?: unknown }).devices : undefined;
    if (Array.isArray(devices) && !this.globals.json) {
      const rows = (devices as Array<{ name: string; runtime?: string }>).map((device) => [device.name, device.runtime ?? '']);
      const width = Math.max(...rows.map(([name]) => name!.length));
      process.stdout.write(`${rows.map(([name, traits]) => `${name!.padEnd(width)}  ${traits}`.trimEnd()).join('\n')}\n`);
      return response;
    }
    this.render(response, request.action);
    return response;
  }
}
