import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';
import { statePathArg } from '../../state-files.js';

export default class StateSave extends ActionCommand {
  static override summary = 'Save cookies and localStorage to a JSON file (restore it with "state load").';
  static override description =
    'A bare name ("login" or "login.json") saves to the state folder (config stateDir, env AGENT_BROWSER_STATE_DIR, default ~/.agent-browser/states); a path ("./auth.json", "/tmp/auth.json") saves there.';
  static override examples = ['<%= config.bin %> state save login', '<%= config.bin %> state save ./auth.json'];
  static override actions = ['state_save'];
  static override args = { path: Args.string({ description: 'Name in the state folder, or a file path to write', required: true }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'state_save', path: statePathArg(String(args.path)) };
  }
}
