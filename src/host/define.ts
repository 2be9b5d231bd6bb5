import type { z } from 'zod';
import type { Plugin } from './host.js';
import type { ActionDefinition } from './types.js';

/** Declares a plugin; returns it unchanged, typed. */
export function definePlugin<Options = unknown>(plugin: Plugin<Options>): Plugin<Options> {
  return plugin;
}

/** Declares an action: name, summary, param schema and handler; the handler's params are typed from the schema. */
export function defineAction<S extends z.ZodType>(definition: ActionDefinition<S>): ActionDefinition<S> {
  return definition;
}
