// The contracts of the forms actions (handlers: src/builtins/forms.ts).
import { z } from '../zod.js';
import { element, selector } from '../schemas.js';
import { contract } from '../contract.js';

export const clear = contract({
  name: 'clear',
  summary: 'Empty an input, textarea or contenteditable.',
  params: element,
  group: 'interaction',
  cli: [
    {
      id: 'clear',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> clear @e2', '<%= config.bin %> clear "#main input"'],
    },
  ],
});

export const multiselect = contract({
  name: 'multiselect',
  summary: 'Select several options of a <select multiple> by value or label.',
  params: z.object({ selector, values: z.array(z.string()) }),
  group: 'interaction',
  cli: [
    {
      id: 'multiselect',
      args: [
        { name: 'selector', param: 'selector', required: true },
        { name: 'value', param: 'values', rest: 'list', required: true, description: 'Value(s) or label(s)' },
      ],
      fast: true,
      examples: ['<%= config.bin %> multiselect @e6 red green', '<%= config.bin %> multiselect "#toppings" cheese olives'],
    },
  ],
});

export const selectall = contract({
  name: 'selectall',
  summary: 'Focus an element and select all of its text.',
  params: element,
  group: 'interaction',
  cli: [
    {
      id: 'selectall',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> selectall @e2', '<%= config.bin %> selectall "#main input"'],
    },
  ],
});

export const setvalue = contract({
  name: 'setvalue',
  summary: 'Set the value of an input (replaces it, fires input and change).',
  params: z.object({ selector, value: z.string() }),
  group: 'interaction',
  cli: [
    {
      id: 'setvalue',
      args: [
        { name: 'selector', param: 'selector', required: true },
        { name: 'value', param: 'value', rest: 'text', required: true, description: 'Value (the rest of the line, joined with spaces)' },
      ],
      fast: true,
      examples: ['<%= config.bin %> setvalue @e2 "new value"', '<%= config.bin %> setvalue "#date" 2024-05-01'],
    },
  ],
});

export const upload = contract({
  name: 'upload',
  summary: 'Set the files of a file input (paths resolve from the daemon’s working folder).',
  params: z.object({
    selector,
    files: z.union([z.string().min(1), z.array(z.string().min(1))]).describe('File path(s); relative paths resolve from the daemon’s working folder'),
  }),
  group: 'interaction',
  cli: [
    {
      id: 'upload',
      args: [
        { name: 'selector', param: 'selector', required: true },
        { name: 'file', param: 'files', rest: 'list', file: true, required: true, description: 'File path(s)' },
      ],
      fast: true,
      examples: ['<%= config.bin %> upload @e4 ./photo.jpg', '<%= config.bin %> upload "input[type=file]" a.pdf b.pdf'],
    },
  ],
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [clear, multiselect, selectall, setvalue, upload];
