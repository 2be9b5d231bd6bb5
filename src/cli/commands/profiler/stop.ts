import path from 'node:path';
import { Args } from '@oclif/core';
import type { WireResponse } from '../../../protocol/envelope.js';
import { ActionCommand, type Parsed } from '../../base.js';

export default class ProfilerStop extends ActionCommand {
  static override actions = ['profiler_stop'];
  static override summary = 'Stop the profile and save it as Chrome trace JSON (load it in DevTools → Performance).';
  static override examples = ['<%= config.bin %> profiler stop profile.json', '<%= config.bin %> profiler stop'];
  static override args = { path: Args.string({ description: 'JSON file to write (default: a file in the temp folder)' }) };

  protected request({ args }: Parsed<typeof ProfilerStop>) {
    return { action: 'profiler_stop', path: args.path ? path.resolve(args.path) : undefined };
  }

  protected override render(response: WireResponse, action?: string): void {
    super.render(response, action);
    const data = (response.success ? response.data : null) as { eventCount?: number } | null;
    if (response.success && !this.globals.json && typeof data?.eventCount === 'number') process.stdout.write(`  ${data.eventCount} trace events\n`);
  }
}
