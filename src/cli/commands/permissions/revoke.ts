import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class PermissionsRevoke extends ActionCommand {
  static override summary = 'Revoke the named permissions (the others stay granted).';
  static override examples = ['<%= config.bin %> permissions revoke geolocation'];
  static override actions = ['permissions'];
  static override strict = false;
  static override args = { permission: Args.string({ description: 'Permission name(s)', required: true }) };

  protected request(_args: Record<string, unknown>, _flags: Record<string, unknown>, argv: string[]) {
    return { action: 'permissions', permissions: argv, grant: false };
  }
}
