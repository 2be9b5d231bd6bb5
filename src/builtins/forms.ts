import fs from 'node:fs';
import path from 'node:path';
import { ensureOptions } from '../browser/actionability.js';
import { defineAction, definePlugin } from '../host/define.js';
import { ActionError } from '../protocol/errors.js';
import * as params from '../protocol/params/input.js';

/** Playwright's fill/clear refusal for elements that hold no value, as the element error agents know. */
async function editable<T>(selector: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (/Element is not an <input>, <textarea>/.test((error as Error).message ?? '')) {
      throw new ActionError(
        'ELEMENT_NOT_EDITABLE',
        `Element "${selector}" is not editable (not an input, textarea, select or contenteditable). Run 'snapshot' to find the right field.`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** Form fields beyond fill, type, select and check: uploads, multi-selects, clearing, selecting, setting values. */
export default definePlugin({
  name: 'agent-browser:forms',
  apply(host) {
    host.addAction(
      defineAction({
        name: 'upload',
        summary: 'Set the files of a file input (paths resolve from the daemon’s working folder).',
        params: params.upload,
        handler: async ({ selector, files }, ctx) => {
          const resolved = (Array.isArray(files) ? files : [files]).map((file) => path.resolve(file));
          for (const file of resolved) {
            if (!fs.existsSync(file)) {
              throw new ActionError(
                'FILE_NOT_FOUND',
                `File not found: ${file}. Pass paths that exist on the daemon's machine (relative paths resolve from ${process.cwd()}).`,
              );
            }
          }
          await ctx.element(selector, (el) => el.setInputFiles(resolved, { signal: ctx.signal }), 'upload');
          return { uploaded: resolved };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'multiselect',
        summary: 'Select several options of a <select multiple> by value or label.',
        params: params.multiselect,
        handler: async ({ selector, values }, ctx) => {
          const selected = await ctx.element(
            selector,
            async (el) => {
              await ensureOptions(el, selector, values);
              return el.selectOption(values, { signal: ctx.signal });
            },
            'select',
          );
          return { selected };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'clear',
        summary: 'Empty an input, textarea or contenteditable.',
        params: params.element,
        handler: async ({ selector }, ctx) => {
          await ctx.element(selector, (el) => editable(selector, () => el.clear({ signal: ctx.signal })), 'fill');
          return { cleared: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'selectall',
        summary: 'Focus an element and select all of its text.',
        params: params.element,
        handler: async ({ selector }, ctx) => {
          await ctx.element(selector, (el) => el.selectText());
          return { selected: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'setvalue',
        summary: 'Set the value of an input (replaces it, fires input and change).',
        params: params.setvalue,
        handler: async ({ selector, value }, ctx) => {
          await ctx.element(selector, (el) => editable(selector, () => el.fill(value, { signal: ctx.signal })), 'fill');
          return { set: true };
        },
      }),
    );
  },
});
