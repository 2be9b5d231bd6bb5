import { BaseCommand } from '../base.js';

export default class Mcp extends BaseCommand {
  /** It lists the actions itself; tool calls send whichever action the client names. */
  static override actions = ['actions', 'cancel'];
  static override summary = 'Serve the session’s actions as MCP tools over stdio, for an AI agent’s MCP client.';
  static override description = [
    'Speaks the Model Context Protocol on stdin/stdout (diagnostics go to stderr). Every action the session’s daemon knows, built-in or from a configured plugin, is a tool with the action’s summary and JSON schema; "reader:markdown" becomes the tool "reader_markdown".',
    'Each call is sent to the session’s daemon, which is started on demand as any command starts it and keeps running when the client disconnects, so the CLI sees the same pages. Give each agent its own browser with --session.',
  ].join('\n\n');
  static override examples = ['<%= config.bin %> mcp', '<%= config.bin %> mcp --session agent-1'];

  async run(): Promise<void> {
    await this.parseCommand();
    // stdout carries only MCP messages: anything a dependency logs goes to stderr instead.
    console.log = console.error;
    console.info = console.error;
    console.debug = console.error;
    // A broken config stops the server before any client waits on it, with the CLI's message.
    await this.loadConfig();
    const { serveMcp } = await import('../../mcp/server.js');
    await serveMcp({ send: (request) => this.send(request) });
  }
}
