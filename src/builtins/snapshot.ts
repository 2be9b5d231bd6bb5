import type { Frame, Locator } from 'playwright-core';
import { cursorScan } from '../browser/cursor-scan.js';
import { inMainWorld } from '../browser/playwright.js';
import { documentToken } from '../browser/refs.js';
import { sessionTab, type SeenElements, type Tab } from '../browser/session.js';
import {
  appendCursorElements,
  formatAriaJson,
  fromAiSnapshot,
  INTERACTIVE_ROLES,
  parseRef,
  type AriaJsonNode,
  type FormattedSnapshot,
  type RefEntry,
} from '../browser/snapshot-format.js';
import { defineAction, definePlugin } from '../host/define.js';
import { ActionError } from '../protocol/errors.js';
import { MAX_CHANGE_LINES, MAX_CHANGE_TEXT_LENGTH, MAX_CHANGE_TEXTS, renderChanges, type PageChanges } from '../protocol/changes.js';
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

/**
 * The AI-mode tree of `frame` (or of `root` in it). AI mode binds each element to its aria-ref,
 * which stays with the element across snapshots; taken in the main world, where the refs'
 * locators and checks look the elements up.
 */
function ariaTree(frame: Frame, signal: AbortSignal, root: Locator = frame.locator(':root')): Promise<AriaJsonNode[]> {
  return root.ariaSnapshotJSON({ mode: 'ai', signal }) as Promise<AriaJsonNode[]>;
}

/** `snapshot -i` lines by ref, without their leading `- `: those whose ref resolves (bound and kept by the tab). */
function linesByRef(tab: Tab, interactive: FormattedSnapshot): Map<string, string> {
  const lines = new Map<string, string>();
  for (const line of interactive.tree.split('\n')) {
    const ref = /\[ref=(e\d+)\]/.exec(line)?.[1];
    if (ref && interactive.refs[ref]?.ariaRef && tab.refs.has(ref)) lines.set(ref, line.replace(/^\s*- /, ''));
  }
  return lines;
}

/** The runs of text outside interactive elements, in document order (what a change report quotes when new). */
function textRuns(nodes: ReadonlyArray<AriaJsonNode | string>): string[] {
  const runs: string[] = [];
  const walk = (node: AriaJsonNode | string): void => {
    if (typeof node === 'string') {
      if (node.trim()) runs.push(node.trim());
      return;
    }
    if (INTERACTIVE_ROLES.has(node.role)) return;
    if (node.text?.trim()) runs.push(node.text.trim());
    for (const child of node.children ?? []) walk(child);
  };
  for (const node of nodes) walk(node);
  return runs;
}

/** Notes the interactive elements (and text) of `frame` as what the agent has now seen of the tab. */
async function noteSeen(tab: Tab, frame: Frame, interactive: FormattedSnapshot, nodes: readonly AriaJsonNode[], title: string | null): Promise<SeenElements> {
  tab.seen = {
    frame,
    document: tab.refs.documentOf(frame),
    url: frame.url(),
    title: title ?? (await tab.page.title().catch(() => '')),
    lines: linesByRef(tab, interactive),
    texts: textRuns(nodes),
  };
  return tab.seen;
}

/**
 * The interactive elements of the tab's `frame` now, with their refs (bound and recorded as a
 * snapshot's are), noted as seen. For change reports: no `snapshot` hook runs (it is not a
 * snapshot the agent asked for); `afterAction` taps see the report.
 */
export async function seeInteractive(tab: Tab, frame: Frame, signal: AbortSignal): Promise<SeenElements> {
  const { tree, title } = await tab.refs.capture(frame, () => ariaTree(frame, signal, inMainWorld(frame, frame.locator(':root'))));
  const nodes = fromAiSnapshot(tree);
  const interactive = formatAriaJson(nodes, { interactive: true }, (ariaRef, role, name) => tab.refs.bind(frame, ariaRef, role, name));
  tab.refs.record(interactive.refs, frame);
  return noteSeen(tab, frame, interactive, nodes, title);
}

/** What the agent last saw of `frame`, if it is still the same document; else null. */
export async function lastSeen(tab: Tab, frame: Frame): Promise<SeenElements | null> {
  const seen = tab.seen;
  if (!seen || seen.frame !== frame || frame.isDetached()) return null;
  const now = await documentToken(frame).catch(() => null);
  return now !== null && now === seen.document ? seen : null;
}

/** The change report from `before` (null: nothing seen, or another tab) to `after`, bounded in size. */
export function compareSeen(before: SeenElements | null, after: SeenElements): PageChanges {
  const changes: PageChanges = { appeared: [], changed: [], gone: [] };
  // A new document (a reload too) says where it is and what it is called, changed or not.
  const newDocument = !before || before.frame !== after.frame || before.document !== after.document;
  if (newDocument || before.url !== after.url) changes.url = after.url;
  if (newDocument || before.title !== after.title) changes.title = after.title;
  if (newDocument) {
    changes.newDocument = true;
    changes.appeared = [...after.lines.values()];
  } else {
    for (const [ref, line] of after.lines) {
      const was = before.lines.get(ref);
      if (was === undefined) changes.appeared.push(line);
      else if (was !== line) changes.changed.push(line);
    }
    for (const [ref, line] of before.lines) if (!after.lines.has(ref)) changes.gone.push(line);
    const text = newTexts(before.texts, after.texts);
    if (text.length > 0) changes.text = text;
  }
  const count = changes.appeared.length + changes.changed.length + changes.gone.length;
  if (count > MAX_CHANGE_LINES) {
    changes.tooMany = { appeared: changes.appeared.length, changed: changes.changed.length, gone: changes.gone.length };
    changes.appeared = [];
    changes.changed = [];
    changes.gone = [];
  }
  return changes;
}

/** Runs of text in `after` beyond those in `before` (counted, so a repeated run that appears again counts), bounded. */
function newTexts(before: readonly string[], after: readonly string[]): string[] {
  const known = new Map<string, number>();
  for (const run of before) known.set(run, (known.get(run) ?? 0) + 1);
  const added: string[] = [];
  for (const run of after) {
    const left = known.get(run) ?? 0;
    if (left > 0) known.set(run, left - 1);
    else if (added.length < MAX_CHANGE_TEXTS) added.push(run.length > MAX_CHANGE_TEXT_LENGTH ? `${run.slice(0, MAX_CHANGE_TEXT_LENGTH - 1).trimEnd()}…` : run);
  }
  return added;
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
          if (options.diff) {
            const ignored: string[] = (['selector', 'maxDepth', 'compact', 'cursor', 'urls'] as const).filter(
              (key) => options[key] !== undefined && options[key] !== false,
            );
            if (options.interactive === false) ignored.unshift('interactive: false');
            if (ignored.length > 0)
              throw new ActionError(
                'INVALID_PARAMS',
                `"diff" reports the interactive elements of the whole tab since its last snapshot, so it takes no ${ignored.join(', ')}. Drop ${ignored.length === 1 ? 'it' : 'them'}, or take a snapshot without "diff".`,
              );
            const before = await lastSeen(tab, frame);
            const changes = compareSeen(before, await seeInteractive(tab, frame, ctx.signal));
            const text = before ? renderChanges(changes) : `no earlier snapshot of this page in this tab: all of it is new\n${renderChanges(changes)}`;
            return { snapshot: text, changes, origin: tab.page.url() };
          }
          const scoped = (root: Locator) => ariaTree(frame, ctx.signal, options.selector && parseRef(options.selector) ? root : inMainWorld(frame, root));
          const { tree, title } = await tab.refs.capture(frame, () =>
            options.selector ? ctx.element(options.selector, scoped) : ariaTree(frame, ctx.signal, inMainWorld(frame, frame.locator(':root'))),
          );
          const bind = (ariaRef: string, role: string, name: string) => tab.refs.bind(frame, ariaRef, role, name);
          const nodes = fromAiSnapshot(tree);
          let formatted = formatAriaJson(nodes, options, bind);
          // A whole-frame snapshot is what the agent has seen: later change reports compare with it.
          const whole = !options.selector && options.maxDepth === undefined;
          const interactive = !whole ? null : options.interactive ? formatted : formatAriaJson(nodes, { interactive: true }, bind);
          if (options.cursor) {
            // The cursor scan runs on CSS; a ref scope has no CSS form, so it scans the whole body then.
            const cssScope = options.selector && !parseRef(options.selector) ? options.selector : null;
            const elements = await frame.evaluate(cursorScan, { rootSelector: cssScope, roles: [...INTERACTIVE_ROLES] });
            formatted = appendCursorElements(formatted, elements, () => tab.refs.nextRef());
          }
          formatted = await host.hooks.snapshot.promise(formatted, options);
          tab.refs.record(formatted.refs, frame);
          if (interactive) await noteSeen(tab, frame, interactive, nodes, title);
          const refs = publicRefs(formatted.refs);
          return { snapshot: formatted.tree || 'Empty page', ...(refs ? { refs } : {}), origin: tab.page.url() };
        },
      }),
    );
  },
});
