import { Args, Flags } from '@oclif/core';
import { ActionCommand, CliFailure, type Parsed } from '../base.js';
import { fetchActions, pluginCommandLine } from '../plugin-action.js';

export default class Run extends ActionCommand {
  static override summary = 'Send any action by name with JSON params (plugin actions included).';
  static override examples = [
    '<%= config.bin %> run url',
    `<%= config.bin %> run click --params '{"selector":"@e3"}'`,
    `<%= config.bin %> run myplugin:summarize --params '{"maxWords":50}'`,
  ];
  static override args = { action: Args.string({ description: 'Action name, as `agent-browser actions` lists it', required: true }) };
  static override flags = {
    params: Flags.string({ char: 'p', description: 'JSON object of the action’s fields.', default: '{}' }),
    'plugin-argv': Flags.string({
      hidden: true,
      description: "The flags of 'agent-browser <plugin>:<action> …' as a JSON array, read against the action's schema.",
    }),
  };

  protected override fallbackOutput = 'json' as const;

  override async run(): Promise<unknown> {
    const { args, flags } = await this.parseCommand<typeof Run>();
    if (flags['plugin-argv'] === undefined) return super.run();
    const action = args.action;
    const tokens: unknown = JSON.parse(flags['plugin-argv']);
    if (!Array.isArray(tokens) || !tokens.every((token) => typeof token === 'string')) throw new CliFailure('--plugin-argv must be a JSON array of strings.');
    const outcome = pluginCommandLine(await fetchActions((request) => this.send(request), action), action, tokens);
    if ('help' in outcome) {
      process.stdout.write(outcome.help);
      return undefined;
    }
    const response = await this.send({ id: `cli-${process.pid}`, ...outcome.request });
    this.render(response, action);
    return response;
  }

  protected request({ args, flags }: Parsed<typeof Run>) {
    let params: unknown;
    try {
      params = JSON.parse(flags.params);
    } catch (error) {
      throw new CliFailure(`--params must be a JSON object: ${(error as Error).message}`);
    }
    if (typeof params !== 'object' || params === null || Array.isArray(params))
      throw new CliFailure('--params must be a JSON object, e.g. {"selector":"@e3"}.');
    return { ...params, action: args.action };
  }
}
