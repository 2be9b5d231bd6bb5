import { BaseCommand } from '../base.js';
import { SKILL } from '../skill.js';

export default class Skill extends BaseCommand {
  static override summary =
    'Print a short guide for LLM agents: the snapshot → ref → action loop, waits, batch, --json, sessions, and how to recover from each error.';
  static override description = 'Put it in an agent’s instructions (agent-browser skill > AGENT_BROWSER.md), or let the agent run it.';
  static override examples = ['<%= config.bin %> skill', '<%= config.bin %> skill > docs/agent-browser-skill.md', '<%= config.bin %> skill --json'];

  async run(): Promise<unknown> {
    const { flags } = await this.parseCommand();
    if (flags.json) process.stdout.write(`${JSON.stringify({ success: true, data: { skill: SKILL }, error: null })}\n`);
    else process.stdout.write(SKILL);
    return { skill: SKILL };
  }
}
