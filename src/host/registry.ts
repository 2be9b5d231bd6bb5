import type { z } from 'zod';
import { ActionError } from '../protocol/errors.js';
import type { Hooks } from './hooks.js';
import { STAGE } from './stages.js';
import type { ActionDefinition } from './types.js';

/** An action as the registry knows it. */
export interface RegisteredAction {
  name: string;
  summary: string;
  params: z.ZodType;
  /** The plugin whose definition is in effect. */
  plugin: string;
  /** Plugins whose definitions this one replaced. */
  overrides: string[];
  /** The result field the CLI prints as is (see ActionDefinition.print). */
  print?: string;
  /** How it shares the session with other actions (see ActionDefinition.lane). */
  lane: 'page' | 'wait' | 'control';
  /** True when the action only reads (see ActionDefinition.readOnly). */
  readOnly?: boolean;
  /** The tool group MCP lists it in (see ActionDefinition.group). */
  group: string;
}

/** True when an action's param schema is an object schema with this field. */
export function declaresParam(action: Pick<RegisteredAction, 'params'> | undefined, field: string): boolean {
  const shape = (action?.params as { shape?: unknown } | undefined)?.shape;
  return typeof shape === 'object' && shape !== null && field in shape;
}

/**
 * Whether a request may ask this action for a change report (`"changes": true`): it can change
 * the page (page lane, not read-only) and has no `changes` param of its own.
 */
export function takesChangeReports(action: RegisteredAction): boolean {
  return action.lane === 'page' && !action.readOnly && !declaresParam(action, 'changes');
}

/**
 * All actions the daemon knows. Adding an action taps its handler into `hooks.action.for(name)`
 * under the owning plugin's name, so the action hook stays the one place implementations live.
 */
export class ActionRegistry {
  private readonly actions = new Map<string, RegisteredAction>();
  /** Set by the host while a plugin's `registerActions` tap runs. */
  currentPlugin = 'unknown';

  constructor(private readonly hooks: Hooks) {}

  add<S extends z.ZodType>(definition: ActionDefinition<S>): void {
    const plugin = this.currentPlugin;
    if (!/^[a-z][a-z0-9_:-]*$/i.test(definition.name)) {
      throw new ActionError(
        'INVALID_PARAMS',
        `Plugin "${plugin}" tried to register an action named "${definition.name}"; names are letters, digits, "_", "-" and ":".`,
      );
    }
    const existing = this.actions.get(definition.name);
    if (existing && !definition.override) {
      throw new ActionError(
        'PLUGIN_FAILED',
        `Plugin "${plugin}" registered action "${definition.name}", which plugin "${existing.plugin}" already provides. ` +
          `Name it "${plugin}:${definition.name.split(':').pop()}", or set override: true to replace it on purpose.`,
      );
    }
    this.actions.set(definition.name, {
      name: definition.name,
      summary: definition.summary,
      params: definition.params,
      plugin,
      overrides: existing ? [...existing.overrides, existing.plugin] : [],
      ...(definition.print ? { print: definition.print } : {}),
      lane: definition.lane ?? 'page',
      ...(definition.readOnly ? { readOnly: true } : {}),
      group: definition.group ?? plugin,
    });
    const stage = definition.stage ?? (definition.override ? STAGE.OVERRIDE : STAGE.DEFAULT);
    this.hooks.action.for(definition.name).tapPromise({ name: plugin, stage }, async (call, ctx) => definition.handler(call.params as z.infer<S>, ctx));
  }

  get(name: string): RegisteredAction | undefined {
    return this.actions.get(name);
  }

  has(name: string): boolean {
    return this.actions.has(name);
  }

  list(): RegisteredAction[] {
    return [...this.actions.values()].sort((a, b) => compareNames(a.name, b.name));
  }

  names(): string[] {
    return [...this.actions.keys()];
  }
}

/** Punctuation before digits before letters, as `localeCompare` orders action names. */
const PUNCTUATION_KEYS: Record<string, string> = { _: '\u0001', '-': '\u0002', ':': '\u0003' };

/**
 * `a.localeCompare(b)` for action names (ASCII letters, digits, `_`, `-`, `:`), without creating
 * ICU's collator, which costs the daemon's start-up about 10 ms.
 */
export function compareNames(a: string, b: string): number {
  const key = (name: string) => name.toLowerCase().replace(/[_:-]/g, (c) => PUNCTUATION_KEYS[c]!);
  const ka = key(a);
  const kb = key(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a === b ? 0 : a.localeCompare(b);
}
