import type { Plugin } from '../host/host.js';
import capture from './capture.js';
import { daemonPlugin, type DaemonControl } from './daemon.js';
import interaction from './interaction.js';
import navigation from './navigation.js';
import reading from './reading.js';
import scripting from './scripting.js';
import snapshot from './snapshot.js';

/** The built-in plugins, in the order they are applied (before any configured plugin). */
export function builtinPlugins(daemon: DaemonControl): Plugin[] {
  return [daemonPlugin(daemon), navigation, interaction, reading, snapshot, capture, scripting] as Plugin[];
}

export type { DaemonControl };
