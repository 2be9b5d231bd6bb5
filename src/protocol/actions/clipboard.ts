// The contracts of the clipboard actions (handlers: src/builtins/clipboard.ts).
import { z } from '../zod.js';
import { contract } from '../contract.js';

export const clipboard = contract({
  name: 'clipboard',
  summary: 'Clipboard: copy (the selection, or text), paste into the focused element, read, or write text.',
  params: z.object({
    operation: z.enum(['copy', 'paste', 'read', 'write']),
    text: z.string().optional().describe('Text for write'),
  }),
  group: 'interaction',
  cli: [
    {
      id: 'clipboard:copy',
      summary: 'Copy the page’s current selection (Ctrl/Cmd+C), or the given text, to the clipboard.',
      args: [{ name: 'text', param: 'text', rest: 'text', description: 'Text to copy instead of the selection' }],
      fixed: { operation: 'copy' },
      fast: true,
      examples: ['<%= config.bin %> clipboard copy', '<%= config.bin %> clipboard copy "some text"'],
    },
    {
      id: 'clipboard:paste',
      omits: { text: 'paste takes the clipboard as it is' },
      summary: 'Paste the clipboard into the focused element (Ctrl/Cmd+V).',
      fixed: { operation: 'paste' },
      fast: true,
      examples: ['<%= config.bin %> clipboard paste'],
    },
    {
      id: 'clipboard:read',
      omits: { text: 'read takes no text' },
      summary: 'Print the clipboard’s text.',
      fixed: { operation: 'read' },
      fast: true,
      examples: ['<%= config.bin %> clipboard read'],
    },
    {
      id: 'clipboard:write',
      summary: 'Put text on the clipboard.',
      args: [{ name: 'text', param: 'text', rest: 'text', required: true, description: 'Text (the rest of the line, joined with spaces)' }],
      fixed: { operation: 'write' },
      fast: true,
      examples: ['<%= config.bin %> clipboard write "hello world"'],
    },
  ],
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [clipboard];
