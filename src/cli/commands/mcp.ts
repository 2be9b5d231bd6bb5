import { Flags } from '@oclif/core';
import { TOOL_GROUPS } from '../../protocol/contract.js';
import { BaseCommand, CliFailure } from '../base.js';

/** `core: navigate, …`: the groups for --help, one per line. */
const GROUP_LINES = Object.entries(TOOL_GROUPS)
  .map(([group, holds]) => `${group}: ${holds}`)
  .join('\n');

export default class Mcp extends BaseCommand {
  /** It lists the actions itself; tool calls send whichever action the client names. */
  static override actions = ['actions', 'cancel'];
  static override summary = 'Serve the session’s actions as MCP tools over stdio, for an AI agent’s MCP client.';
  static override description = [
    'Speaks the Model Context Protocol on stdin/stdout (diagnostics go to stderr). Its tools are the session daemon’s actions, in groups; it serves the core group unless --tools (or mcpTools in the config, or AGENT_BROWSER_MCP_TOOLS) names others. A plugin’s actions are the group named after the plugin; "reader:markdown" becomes the tool "reader_markdown". A call of a tool outside the served groups is refused with the group that has it.',
    `Tool groups:\n${GROUP_LINES}\n<plugin name>: a configured plugin’s actions\nall: every tool\nAlso understood: mobile (emulation), storage (state), devtools and testing (debug), vision (interaction), pdf (reading).`,
    'The snapshot tool answers interactive elements unless asked for more, and tools that change the page answer what they changed (--no-changes turns that off).',
    'Each call is sent to the session’s daemon, which is started on demand as any command starts it and keeps running when the client disconnects, so the CLI sees the same pages. Give each agent its own browser with --session.',
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> mcp',
    '<%= config.bin %> mcp --session agent-1',
    '<%= config.bin %> mcp --tools core,network,state',
    '<%= config.bin %> mcp --tools core,reader',
    '<%= config.bin %> mcp --tools all',
  ];
  static override flags = {
    tools: Flags.string({
      description:
        'Tool groups to serve, comma-separated: core, interaction, reading, tabs, network, state, emulation, scripting, debug, session, a plugin’s name, or all (default: mcpTools from the config, else core).',
    }),
    changes: Flags.boolean({
      description: 'Tools that change the page answer what they changed (on by default; --no-changes turns it off).',
      allowNo: true,
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parseCommand<typeof Mcp>();
    const changes = flags.changes ?? true;
    // The server asks each tool call for a change report itself (this flag is its own, not the CLI's
    // global --changes): no request may carry one blindly.
    this.globals = { ...this.globals, changes: false };
    // stdout carries only MCP messages: anything a dependency logs goes to stderr instead.
    console.log = console.error;
    console.info = console.error;
    console.debug = console.error;
    // A broken config stops the server before any client waits on it, with the CLI's message.
    const { config } = await this.loadConfig();
    const { parseToolGroups, unknownToolGroups, groupOf } = await import('../../mcp/tools.js');
    const tools = parseToolGroups(flags.tools ?? config.mcpTools);
    if (tools.length === 0) throw new CliFailure('--tools names no tool group: give core, network, …, a plugin’s name, or all.', 'INVALID_ARGUMENTS');
    // Names that are no built-in group may be plugin groups: only the daemon knows its plugins.
    if (unknownToolGroups(tools) !== null) {
      const answer = await this.send({ id: `mcp-${process.pid}-groups`, action: 'actions' });
      if (!answer.success) throw new CliFailure(`The daemon did not list its actions: ${answer.error}`, answer.code);
      const problem = unknownToolGroups(tools, (answer.data as { actions: Parameters<typeof groupOf>[0][] }).actions.map(groupOf));
      if (problem) throw new CliFailure(problem, 'INVALID_ARGUMENTS');
    }
    const { serveMcp } = await import('../../mcp/server.js');
    await serveMcp({ send: (request) => this.send(request), tools, changes });
  }
}
