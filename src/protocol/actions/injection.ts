// The contracts of the injection actions (handlers: src/builtins/injection.ts).
import { contract } from '../contract.js';
import * as params from '../params/scripts.js';

export const addinitscript = contract({
  name: 'addinitscript',
  summary: 'Add a script that runs in every page of the session before its own scripts (from the next navigation on).',
  params: params.addinitscript,
  group: 'scripting',
});

export const addscript = contract({
  name: 'addscript',
  summary: 'Add a <script> to the active frame: inline content or a URL to load.',
  params: params.tag,
  group: 'scripting',
});

export const addstyle = contract({
  name: 'addstyle',
  summary: 'Add a stylesheet to the active frame: inline CSS or a URL to load.',
  params: params.tag,
  group: 'scripting',
});

export const expose = contract({
  name: 'expose',
  summary: 'Expose window[name](...args) to every page; it resolves to "Function <name> called". Exposing a name again reports its calls.',
  params: params.expose,
  group: 'scripting',
  cli: [
    {
      id: 'inject:expose',
      output: 'json',
      args: [{ name: 'name', param: 'name', required: true, description: 'Function name (a JavaScript identifier)' }],
      aliases: ['expose'],
      fast: true,
      examples: ['<%= config.bin %> inject expose notifyDone', '<%= config.bin %> inject expose notifyDone --json'],
    },
  ],
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [addinitscript, addscript, addstyle, expose];
