// Every built-in action's contract, by area (handlers: src/builtins/<area>.ts).
import type { ActionContract } from '../contract.js';
import { CONTRACTS as auth } from './auth.js';
import { CONTRACTS as capture } from './capture.js';
import { CONTRACTS as clipboard } from './clipboard.js';
import { CONTRACTS as confirmation } from './confirmation.js';
import { CONTRACTS as daemon } from './daemon.js';
import { CONTRACTS as diff } from './diff.js';
import { CONTRACTS as emulation } from './emulation.js';
import { CONTRACTS as forms } from './forms.js';
import { CONTRACTS as input } from './input.js';
import { CONTRACTS as interaction } from './interaction.js';
import { CONTRACTS as locators } from './locators.js';
import { CONTRACTS as logs } from './logs.js';
import { CONTRACTS as navigation } from './navigation.js';
import { CONTRACTS as network } from './network.js';
import { CONTRACTS as reading } from './reading.js';
import { CONTRACTS as recording } from './recording.js';
import { CONTRACTS as scripting } from './scripting.js';
import { CONTRACTS as snapshot } from './snapshot.js';
import { CONTRACTS as state } from './state.js';
import { CONTRACTS as stream } from './stream.js';
import { CONTRACTS as tabs } from './tabs.js';
import { CONTRACTS as tracing } from './tracing.js';
import { CONTRACTS as waiting } from './waiting.js';

/** The contracts of all built-in actions. */
export const ALL_CONTRACTS: readonly ActionContract[] = [
  ...auth,
  ...capture,
  ...clipboard,
  ...confirmation,
  ...daemon,
  ...diff,
  ...emulation,
  ...forms,
  ...input,
  ...interaction,
  ...locators,
  ...logs,
  ...navigation,
  ...network,
  ...reading,
  ...recording,
  ...scripting,
  ...snapshot,
  ...state,
  ...stream,
  ...tabs,
  ...tracing,
  ...waiting,
];
