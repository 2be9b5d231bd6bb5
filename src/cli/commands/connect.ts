import { Args } from '@oclif/core';
import { BaseCommand, cdpLaunchFields } from '../base.js';

export default class Connect extends BaseCommand {
  static override actions = ['launch'];
  static override summary = 'Attach the session to a running Chrome over CDP; later commands use it without a flag.';
  static override description =
    "Give the port Chrome was started with (--remote-debugging-port=9222) or a CDP URL: http://host:9222, ws://host:9222/devtools/browser/<id>, or a hosted browser's wss://…?token=…. The browser's open tabs become the session's tabs (the first is active). A session attached to another browser switches to this one. `close` and the idle timeout only disconnect: the browser keeps running with its tabs, and only the tabs and windows agent-browser opened are closed. For a Playwright server use --ws-endpoint instead.";
  static override examples = [
    '<%= config.bin %> connect 9222',
    '<%= config.bin %> connect http://127.0.0.1:9222',
    "<%= config.bin %> connect 'wss://production-sfo.browserless.io?token=YOUR_TOKEN'",
    '<%= config.bin %> --session app connect 9333 && <%= config.bin %> --session app snapshot -i',
  ];
  static override args = {
    target: Args.string({ description: 'A port (1-65535) on 127.0.0.1, or a ws://, wss://, http:// or https:// CDP URL', required: true }),
  };

  async run(): Promise<unknown> {
    const { args } = await this.parseCommand();
    const response = await this.send({ id: `cli-${process.pid}`, action: 'launch', ...cdpLaunchFields(String(args.target)) });
    this.render(response, 'launch');
    return response;
  }
}
