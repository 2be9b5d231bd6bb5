import type { Frame, Locator } from 'playwright-core';
import { friendlyElementError } from '../browser/element-errors.js';
import { defineAction, definePlugin } from '../host/define.js';
import type { ActionContext, ActionResult } from '../host/types.js';
import { ActionError, isActionError, stripAnsi } from '../protocol/errors.js';
import type { z } from 'zod';
import * as contracts from '../protocol/actions/locators.js';
import type { ActionContract } from '../protocol/contract.js';
import { closestNames } from '../protocol/suggest.js';

type Subaction = 'click' | 'fill' | 'check' | 'hover' | 'text';
type AriaRole = Parameters<Frame['getByRole']>[0];
/** What every finder by text takes besides its text. */
type TextFinderParams = { exact?: boolean; subaction?: Subaction; value?: string };

/** The roles Playwright's getByRole knows (ARIA 1.2 plus the HTML-AAM ones it maps). */
const ROLES: readonly string[] = [
  'alert',
  'alertdialog',
  'application',
  'article',
  'banner',
  'blockquote',
  'button',
  'caption',
  'cell',
  'checkbox',
  'code',
  'columnheader',
  'combobox',
  'complementary',
  'contentinfo',
  'definition',
  'deletion',
  'dialog',
  'directory',
  'document',
  'emphasis',
  'feed',
  'figure',
  'form',
  'generic',
  'grid',
  'gridcell',
  'group',
  'heading',
  'img',
  'insertion',
  'link',
  'list',
  'listbox',
  'listitem',
  'log',
  'main',
  'marquee',
  'math',
  'meter',
  'menu',
  'menubar',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'navigation',
  'none',
  'note',
  'option',
  'paragraph',
  'presentation',
  'progressbar',
  'radio',
  'radiogroup',
  'region',
  'row',
  'rowgroup',
  'rowheader',
  'scrollbar',
  'search',
  'searchbox',
  'separator',
  'slider',
  'spinbutton',
  'status',
  'strong',
  'subscript',
  'superscript',
  'switch',
  'tab',
  'table',
  'tablist',
  'tabpanel',
  'term',
  'textbox',
  'time',
  'timer',
  'toolbar',
  'tooltip',
  'tree',
  'treegrid',
  'treeitem',
];

/** A string as it reads in the locator description: single-quoted, like Playwright's own code. */
function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function describeCall(method: string, value: string, options: Record<string, unknown>): string {
  const shown = Object.entries(options)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? quote(v) : String(v)}`);
  return `${method}(${quote(value)}${shown.length > 0 ? `, { ${shown.join(', ')} }` : ''})`;
}

/** How to narrow a locator that matched several elements, per action. */
function narrowingHint(action: string): string {
  const exact = action === 'getbytestid' || action === 'nth' ? '' : 'add exact: true (CLI --exact) or give a longer text, ';
  const nth = action === 'nth' ? 'use a more specific selector, ' : 'pick one with the nth action (CLI: find nth <i> <selector>), ';
  return `${exact}${nth}or run 'snapshot' and use the element's ref.`;
}

/** Runs the sub-action on `locator`, rewriting element errors into advice that names the locator. */
async function perform(ctx: ActionContext, locator: Locator, label: string, subaction: Subaction, value: string | undefined): Promise<ActionResult> {
  try {
    switch (subaction) {
      case 'click':
        await locator.click();
        return { clicked: true };
      case 'fill':
        await locator.fill(value ?? '');
        return { filled: true };
      case 'check':
        await locator.check();
        return { checked: true };
      case 'hover':
        await locator.hover();
        return { hovered: true };
      case 'text': {
        const text = await locator.innerText().catch(async (error: unknown) => {
          // innerText needs an HTMLElement; SVG and other elements still have textContent.
          if (/not an HTMLElement/i.test(String(error))) return (await locator.textContent()) ?? '';
          throw error;
        });
        return { text };
      }
    }
  } catch (error) {
    throw await explain(ctx, error, label);
  }
}

async function explain(ctx: ActionContext, error: unknown, label: string): Promise<unknown> {
  if (isActionError(error)) return error;
  const raw = stripAnsi(error instanceof Error ? error.message : String(error));
  const action = ctx.call.action;
  if (/Element is not an <input>|not an <input>, <textarea>/i.test(raw)) {
    return new ActionError(
      'ELEMENT_NOT_EDITABLE',
      `${label} is not a text field (fill needs an <input>, <textarea> or contenteditable element). Use the click sub-action, or a locator for the field itself (getbylabel, getbyplaceholder).`,
      { cause: error },
    );
  }
  if (/Not a checkbox or radio button/i.test(raw)) {
    return new ActionError('ELEMENT_NOT_EDITABLE', `${label} is not a checkbox or radio button, so it cannot be checked. Use the click sub-action instead.`, {
      cause: error,
    });
  }
  const friendly = friendlyElementError(error, label);
  if (!isActionError(friendly)) return friendly;
  const frame = await ctx.frame().catch(() => null);
  const where = frame && frame !== frame.page().mainFrame() ? ` in the current frame (${frame.url()}; 'frame main' goes back to the page)` : '';
  if (friendly.code === 'AMBIGUOUS_SELECTOR') {
    const count = /matched (\S+) elements/.exec(friendly.message)?.[1] ?? 'several';
    return new ActionError('AMBIGUOUS_SELECTOR', `${label} matched ${count} elements${where}. To act on one, ${narrowingHint(action)}`, { cause: error });
  }
  if (friendly.code === 'ELEMENT_NOT_FOUND') {
    const matching = action === 'getbytestid' || action === 'nth' ? '' : ' (without exact: true, text and names match as case-insensitive substrings)';
    return new ActionError(
      'ELEMENT_NOT_FOUND',
      `No element matches ${label}${where}${matching}. Run 'snapshot' to see the roles, names and text on the page.`,
      { cause: error },
    );
  }
  return new ActionError(friendly.code, friendly.message.replaceAll(`"${label}"`, label), { cause: error });
}

function checkRole(role: string): AriaRole {
  const normalized = role.trim().toLowerCase();
  if (ROLES.includes(normalized)) return normalized as AriaRole;
  const close = closestNames(normalized, ROLES, { limit: 3 });
  const hint = close.length > 0 ? ` Did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : '';
  throw new ActionError(
    'INVALID_PARAMS',
    `Unknown ARIA role "${role}".${hint} Common roles: button, link, textbox, checkbox, radio, combobox, heading, listitem, tab, menuitem, img.`,
  );
}

export default definePlugin({
  name: 'agent-browser:locators',
  apply(host) {
    host.addAction(
      defineAction({
        ...contracts.getbyrole,
        async handler({ role, name, exact, subaction, value }, ctx) {
          const checked = checkRole(role);
          const frame = await ctx.frame();
          const locator = frame.getByRole(checked, { ...(name !== undefined ? { name } : {}), ...(exact !== undefined ? { exact } : {}) });
          return perform(ctx, locator, describeCall('getByRole', checked, { name, exact }), subaction ?? 'click', value);
        },
      }),
    );
    /** A finder by text of some kind (`getByText`, `getByLabel`, …): `textOf` reads the text from its params. */
    const addTextFinder = <S extends z.ZodType<TextFinderParams>>(
      contract: ActionContract<S>,
      method: 'getByText' | 'getByLabel' | 'getByPlaceholder' | 'getByAltText' | 'getByTitle',
      textOf: (params: z.infer<S>) => string,
    ) =>
      host.addAction(
        defineAction({
          ...contract,
          async handler(request, ctx) {
            const { exact, subaction, value } = request;
            const text = textOf(request);
            const frame = await ctx.frame();
            const locator = frame[method](text, exact !== undefined ? { exact } : undefined);
            return perform(ctx, locator, describeCall(method, text, { exact }), subaction ?? 'click', value);
          },
        }),
      );
    addTextFinder(contracts.getbytext, 'getByText', (params) => params.text);
    addTextFinder(contracts.getbylabel, 'getByLabel', (params) => params.label);
    addTextFinder(contracts.getbyplaceholder, 'getByPlaceholder', (params) => params.placeholder);
    addTextFinder(contracts.getbyalttext, 'getByAltText', (params) => params.text);
    addTextFinder(contracts.getbytitle, 'getByTitle', (params) => params.text);
    host.addAction(
      defineAction({
        ...contracts.getbytestid,
        async handler({ testId, subaction, value }, ctx) {
          const frame = await ctx.frame();
          return perform(ctx, frame.getByTestId(testId), describeCall('getByTestId', testId, {}), subaction ?? 'click', value);
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.nth,
        async handler({ selector, index, subaction, value }, ctx) {
          const all = await ctx.locator(selector);
          let locator = all;
          if (index === -1) locator = all.last();
          else if (index >= 0) locator = all.nth(index);
          else {
            const count = await all.count();
            if (count + index < 0) {
              throw new ActionError(
                'ELEMENT_NOT_FOUND',
                `Selector "${selector}" matched ${count} element${count === 1 ? '' : 's'}, so there is no element ${index} from the end. Use an index from -${count} to ${count - 1}.`,
              );
            }
            locator = all.nth(count + index);
          }
          const label = index === -1 ? `the last match of "${selector}"` : `match ${index} of "${selector}"`;
          try {
            return await perform(ctx, locator, label, subaction ?? 'click', value);
          } catch (error) {
            if (isActionError(error) && error.code === 'ELEMENT_NOT_FOUND' && index >= 0) {
              const count = await all.count().catch(() => -1);
              if (count > 0)
                throw new ActionError(
                  'ELEMENT_NOT_FOUND',
                  `Selector "${selector}" matched only ${count} element${count === 1 ? '' : 's'}, so index ${index} does not exist (indices are 0-based; -1 is the last).`,
                  { cause: error },
                );
            }
            throw error;
          }
        },
      }),
    );
  },
});
