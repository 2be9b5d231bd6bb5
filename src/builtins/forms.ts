import fs from 'node:fs';
import path from 'node:path';
import { ensureOptions } from '../browser/actionability.js';
import { defineAction, definePlugin } from '../host/define.js';
import { ActionError } from '../protocol/errors.js';
import * as contracts from '../protocol/actions/forms.js';

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
        ...contracts.upload,
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
        ...contracts.multiselect,
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
        ...contracts.clear,
        handler: async ({ selector }, ctx) => {
          await ctx.element(selector, (el) => editable(selector, () => el.clear({ signal: ctx.signal })), 'fill');
          return { cleared: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.selectall,
        handler: async ({ selector }, ctx) => {
          await ctx.element(selector, (el) => el.selectText());
          return { selected: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.setvalue,
        handler: async ({ selector, value }, ctx) => {
          await ctx.element(selector, (el) => editable(selector, () => el.fill(value, { signal: ctx.signal })), 'fill');
          return { set: true };
        },
      }),
    );
  },
});
