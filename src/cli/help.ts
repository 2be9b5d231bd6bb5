import { Help } from '@oclif/core';
import { GLOBAL_VALUE_FLAGS } from './argv.js';
import { configFlagsFrom, daemonSettingsFor, sendIfRunning, type GlobalFlagValues } from './invoke.js';
import { isPluginActionWord, pluginActionsSection, type ActionListing } from './plugin-action.js';

/** `--session s` / `--config f` as given on the command line, for finding the session whose plugins to list. */
function sessionFlags(argv: readonly string[]): GlobalFlagValues {
  const flags: Record<string, string> = {};
  argv.forEach((token, index) => {
    const [name, inline] = token.includes('=') ? [token.slice(0, token.indexOf('=')), token.slice(token.indexOf('=') + 1)] : [token, undefined];
    if ((name === '--session' || name === '--config') && GLOBAL_VALUE_FLAGS.has(name)) flags[name.slice(2)] = inline ?? argv[index + 1] ?? '';
  });
  return flags;
}

/**
 * The root help ends with the actions the session's plugins add (asked of its daemon when one
 * runs; otherwise it names the configured plugins and how to list their actions).
 */
export default class AgentBrowserHelp extends Help {
  /** `agent-browser <plugin>:<action> --help`: the action's help, from its schema in the daemon. */
  override async showHelp(argv: string[]): Promise<void> {
    const word = argv.find((token) => !token.startsWith('-'));
    const ids = this.config.commands.map((command) => command.id);
    if (isPluginActionWord(word, ids) && word === argv[0]) {
      const globals = argv.slice(1).filter((token) => token !== '--help' && token !== '-h');
      await this.config.runCommand('run', [word, '--plugin-argv', JSON.stringify(['--help']), ...globals]);
      return;
    }
    await super.showHelp(argv);
  }

  protected override async showRootHelp(): Promise<void> {
    await super.showRootHelp();
    const lines = await pluginActionLines(sessionFlags(process.argv.slice(2))).catch(() => []);
    if (lines.length > 0) this.log(['PLUGIN ACTIONS', ...lines, ''].join('\n'));
  }
}

async function pluginActionLines(flags: GlobalFlagValues): Promise<string[]> {
  const { loadConfig } = await import('../config/index.js');
  const loaded = await loadConfig({ cwd: process.cwd(), env: process.env, flags: configFlagsFrom(flags) });
  const settings = daemonSettingsFor(loaded, configFlagsFrom(flags));
  const answer = await sendIfRunning(settings, { id: `cli-${process.pid}-help`, action: 'actions' }, 5_000);
  if (answer?.success) {
    const lines = pluginActionsSection((answer.data as { actions: ActionListing[] }).actions);
    return lines.length > 0 ? [...lines, `  (from the daemon of session "${settings.session}"; '<action> --help' shows an action's flags)`] : [];
  }
  const plugins = loaded.config.plugins.map((plugin) => plugin.spec);
  if (plugins.length === 0) return [];
  return [
    `  The configured plugins (${plugins.join(', ')}) add actions, listed here while the session's daemon runs:`,
    `  start it with 'agent-browser daemon start', or run 'agent-browser actions'.`,
  ];
}
