import { appendCursorElements, cursorScan, formatAriaJson, parseRef, type AriaJsonNode, type RefEntry } from '../browser/snapshot-format.js';
import { defineAction, definePlugin } from '../host/define.js';
import * as schema from '../protocol/schemas.js';

/** The refs as the wire shows them: role and name only. */
function publicRefs(refs: Record<string, RefEntry>): Record<string, { role: string; name: string }> | undefined {
  let result: Record<string, { role: string; name: string }> | undefined;
  for (const ref in refs) {
    const { role, name } = refs[ref]!;
    (result ??= {})[ref] = { role, name };
  }
  return result;
}

export default definePlugin({
  name: 'agent-browser:snapshot',
  apply(host) {
    host.addAction(
      defineAction({
        name: 'snapshot',
        readOnly: true,
        summary: 'The page’s accessibility tree as text, with [ref=eN] refs to use as selectors.',
        params: schema.snapshot,
        async handler(options, ctx) {
          const tab = await ctx.tab();
          const scope = options.selector ? await ctx.locator(options.selector) : null;
          const root = scope ?? (await ctx.frame()).locator(':root');
          const snapshot = () => root.ariaSnapshotJSON() as Promise<AriaJsonNode[]>;
          const aria = options.selector ? await ctx.element(options.selector, snapshot) : await snapshot();
          let formatted = formatAriaJson(aria, options);
          if (options.cursor) {
            // The cursor scan runs on CSS; a ref scope has no CSS form, so it scans the whole body then.
            const cssScope = options.selector && !parseRef(options.selector) ? options.selector : null;
            const elements = await (await ctx.frame()).evaluate(cursorScan, cssScope);
            formatted = appendCursorElements(formatted, elements);
          }
          formatted = await host.hooks.snapshot.promise(formatted, options);
          tab.refs.replace(formatted.refs, scope, await ctx.frame());
          const refs = publicRefs(formatted.refs);
          return { snapshot: formatted.tree || 'Empty page', ...(refs ? { refs } : {}), origin: tab.page.url() };
        },
      }),
    );
  },
});
