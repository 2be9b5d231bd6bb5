import { cursorScan } from '../browser/cursor-scan.js';
import {
  appendCursorElements,
  formatAriaJson,
  INTERACTIVE_ROLES,
  fromAiSnapshot,
  parseRef,
  type AriaJsonNode,
  type RefEntry,
} from '../browser/snapshot-format.js';
import type { Locator } from 'playwright-core';
import { inMainWorld } from '../browser/playwright.js';
import { sessionTab } from '../browser/session.js';
import { defineAction, definePlugin } from '../host/define.js';
import * as contracts from '../protocol/actions/snapshot.js';

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
        ...contracts.snapshot,
        async handler(options, ctx) {
          const tab = sessionTab(await ctx.tab());
          const frame = await ctx.frame();
          await tab.refs.beginSnapshot(frame);
          // AI mode binds each element to its aria-ref, which stays with the element across snapshots;
          // taken in the main world, where the refs' locators and checks look the elements up.
          const snapshot = (root: Locator) => root.ariaSnapshotJSON({ mode: 'ai', signal: ctx.signal }) as Promise<AriaJsonNode[]>;
          const scoped = (root: Locator) => snapshot(options.selector && parseRef(options.selector) ? root : inMainWorld(frame, root));
          const aria = options.selector ? await ctx.element(options.selector, scoped) : await snapshot(inMainWorld(frame, frame.locator(':root')));
          await tab.refs.noteRenames(frame);
          let formatted = formatAriaJson(fromAiSnapshot(aria), options, (ariaRef, role, name) => tab.refs.bind(frame, ariaRef, role, name));
          if (options.cursor) {
            // The cursor scan runs on CSS; a ref scope has no CSS form, so it scans the whole body then.
            const cssScope = options.selector && !parseRef(options.selector) ? options.selector : null;
            const elements = await frame.evaluate(cursorScan, { rootSelector: cssScope, roles: [...INTERACTIVE_ROLES] });
            formatted = appendCursorElements(formatted, elements, () => tab.refs.nextRef());
          }
          formatted = await host.hooks.snapshot.promise(formatted, options);
          tab.refs.record(formatted.refs, frame);
          const refs = publicRefs(formatted.refs);
          return { snapshot: formatted.tree || 'Empty page', ...(refs ? { refs } : {}), origin: tab.page.url() };
        },
      }),
    );
  },
});
