import type { Plugin } from '../host/host.js';
import auth from './auth.js';
import capture from './capture.js';
import clipboard from './clipboard.js';
import confirmation from './confirmation.js';
import { daemonPlugin, offlineControl, type DaemonControl } from './daemon.js';
import diff from './diff.js';
import emulation from './emulation.js';
import forms from './forms.js';
import input from './input.js';
import interaction from './interaction.js';
import locators from './locators.js';
import logs from './logs.js';
import navigation from './navigation.js';
import network from './network.js';
import recording from './recording.js';
import reading from './reading.js';
import scripting from './scripting.js';
import snapshot from './snapshot.js';
import state from './state.js';
import { streamPlugin } from './stream.js';
import tabs from './tabs.js';
import tracing from './tracing.js';
import waiting from './waiting.js';

/** The built-in plugins, one per area, in the order they are applied (before any configured plugin). */
export function builtinPlugins(daemon: DaemonControl): Plugin[] {
  return [
    daemonPlugin(daemon),
    navigation,
    interaction,
    reading,
    snapshot,
    capture,
    scripting,
    waiting,
    tabs,
    locators,
    state,
    network,
    emulation,
    input,
    forms,
    clipboard,
    logs,
    tracing,
    recording,
    diff,
    auth,
    confirmation,
    streamPlugin(daemon.stream),
  ] as Plugin[];
}

export { offlineControl, type DaemonControl };
