import fs from 'node:fs/promises';
import path from 'node:path';
import { defineAction, definePlugin } from '../host/define.js';
import * as schema from '../protocol/schemas.js';

export default definePlugin({
  name: 'agent-browser:capture',
  apply(host) {
    host.addAction(
      defineAction({
        name: 'screenshot',
        summary: 'A PNG or JPEG of the viewport, the full page or one element; saved to path, else returned as base64.',
        params: schema.screenshot,
        async handler({ path: target, fullPage, selector, format, quality }, ctx) {
          const type = format ?? (target && /\.jpe?g$/i.test(target) ? 'jpeg' : 'png');
          const options = { type, quality: type === 'jpeg' ? quality : undefined, timeout: ctx.timeout } as const;
          const file = target ? path.resolve(target) : undefined;
          if (file) await fs.mkdir(path.dirname(file), { recursive: true });
          const bytes = selector
            ? await ctx.element(selector, (el) => el.screenshot({ ...options, path: file }))
            : await (await ctx.page()).screenshot({ ...options, path: file, fullPage: fullPage ?? false });
          return file ? { path: file } : { base64: bytes.toString('base64') };
        },
      }),
    );
  },
});
