import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class PermissionsGrant extends ActionCommand {
  static override summary = 'Grant browser permissions to every origin (geolocation, notifications, camera, clipboard-read, …).';
  static override examples = [
    '<%= config.bin %> permissions grant geolocation',
    '<%= config.bin %> permissions grant notifications clipboard-read clipboard-write',
  ];
  static override actions = ['permissions'];
  static override strict = false;
  static override args = { permission: Args.string({ description: 'Permission name(s)', required: true }) };

  protected request(_args: Record<string, unknown>, _flags: Record<string, unknown>, argv: string[]) {
    return { action: 'permissions', permissions: argv, grant: true };
  }
}
