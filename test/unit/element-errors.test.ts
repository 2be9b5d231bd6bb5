import { suite } from 'uvu';
import * as assert from 'uvu/assert';

import { classifyError, friendlyElementError } from '../../src/browser/element-errors.js';
import { ActionError } from '../../src/protocol/errors.js';

// ---------------------------------------------------------------------------------------------
// Realistic Playwright errors: the call log lines carry ANSI dim codes (\u001b[2m … \u001b[22m).

const dim = (line: string) => `\u001b[2m${line}\u001b[22m`;
const callLog = (...lines: string[]) => `\nCall log:\n${lines.map(dim).join('\n')}\n`;

function playwrightError(message: string, name = 'Error'): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

const timeout = (message: string) => playwrightError(message, 'TimeoutError');

const BLOCKED = timeout(
  'TimeoutError: locator.click: Timeout 10000ms exceeded.' +
    callLog(
      "  - waiting for locator('#x')",
      '  - locator resolved to <button id="x">Go</button>',
      '  - attempting click action',
      '    - waiting for element to be visible, enabled and stable',
      '    - element is visible, enabled and stable',
      '    - scrolling into view if needed',
      '    - done scrolling',
      '    - <div id="overlay"></div> intercepts pointer events',
      '  - retrying click action',
      '    - waiting 20ms',
    ),
);

const STRICT = playwrightError(
  "locator.click: Error: strict mode violation: locator('button.dup') resolved to 2 elements:\n" +
    "    1) <button class=\"dup\">One</button> aka getByRole('button', { name: 'One' })\n" +
    "    2) <button class=\"dup\">Two</button> aka getByRole('button', { name: 'Two' })\n" +
    callLog("  - waiting for locator('button.dup')"),
);

const NEVER_RESOLVED = timeout('locator.click: Timeout 25000ms exceeded.' + callLog("  - waiting for locator('#does-not-exist')"));

const HIDDEN = timeout(
  'locator.click: Timeout 1000ms exceeded.' +
    callLog(
      "  - waiting for locator('#hidden')",
      '  - locator resolved to <button id="hidden" style="display:none">Hidden</button>',
      '  - attempting click action',
      '    - waiting for element to be visible, enabled and stable',
      '    - element is not visible',
      '  - retrying click action',
      '    - waiting 20ms',
    ),
);

const DISABLED = timeout(
  'locator.click: Timeout 1000ms exceeded.' +
    callLog(
      "  - waiting for locator('#off')",
      '  - locator resolved to <button disabled id="off">Off</button>',
      '  - attempting click action',
      '    - waiting for element to be visible, enabled and stable',
      '    - element is not enabled',
      '  - retrying click action',
    ),
);

const READONLY = timeout(
  'locator.fill: Timeout 1000ms exceeded.' +
    callLog(
      "  - waiting for locator('#ro')",
      '  - locator resolved to <input readonly id="ro" value="x"/>',
      '  - fill("hello")',
      '  - attempting fill action',
      '    - waiting for element to be visible, enabled and editable',
      '    - element is not editable',
    ),
);

const UNSTABLE = timeout(
  'locator.click: Timeout 1000ms exceeded.' +
    callLog(
      "  - waiting for locator('#spin')",
      '  - locator resolved to <div id="spin">…</div>',
      '  - attempting click action',
      '    - waiting for element to be visible, enabled and stable',
      '    - element is not stable',
    ),
);

const NOT_VISIBLE_NO_TIMEOUT = playwrightError('elementHandle.scrollIntoViewIfNeeded: Element is not visible' + callLog("  - waiting for locator('#gone')"));

function friendly(error: Error, selector: string): ActionError {
  const result = friendlyElementError(error, selector);
  assert.instance(result, ActionError, `expected an ActionError for ${selector}, got ${String(result)}`);
  const e = result as ActionError;
  assert.not.ok(e.message.includes('\u001b'), `ANSI in ${JSON.stringify(e.message)}`);
  return e;
}

// ---------------------------------------------------------------------------------------------
const rewrite = suite('element-errors: friendlyElementError');

rewrite('an overlay intercepting clicks → ELEMENT_BLOCKED, naming the overlay', () => {
  const e = friendly(BLOCKED, '#x');
  assert.is(e.code, 'ELEMENT_BLOCKED');
  assert.ok(e.message.includes('blocked by another element'), e.message);
  assert.ok(e.message.includes('modal or overlay'), e.message);
  assert.ok(e.message.includes('cookie banners'), e.message);
  assert.ok(e.message.includes('<div id="overlay">'), e.message);
  assert.ok(e.message.startsWith('Element "#x"'), e.message);
  assert.not.ok(e.message.includes('not found'), e.message);
  assert.not.ok(e.message.includes('timed out'), e.message);
});

rewrite('the blocked rule wins even without the TimeoutError prefix or an overlay tag', () => {
  const bare = playwrightError('locator.click: Timeout 500ms exceeded.' + callLog('  - attempting click action', '    - element intercepts pointer events'));
  const e = friendly(bare, '@e2');
  assert.is(e.code, 'ELEMENT_BLOCKED');
  assert.ok(e.message.includes('blocked by another element'), e.message);
});

rewrite('a strict mode violation → AMBIGUOUS_SELECTOR with the count', () => {
  const e = friendly(STRICT, 'button.dup');
  assert.is(e.code, 'AMBIGUOUS_SELECTOR');
  assert.is(e.message, `Selector "button.dup" matched 2 elements. Run 'snapshot' to get updated refs, or use a more specific CSS selector.`);
});

rewrite('a strict mode violation without a count says "multiple"', () => {
  const e = friendly(playwrightError("strict mode violation: getByText('Save') resolved to several"), 'text=Save');
  assert.is(e.code, 'AMBIGUOUS_SELECTOR');
  assert.ok(e.message.includes('matched multiple elements'), e.message);
});

rewrite('a locator that never resolved → ELEMENT_NOT_FOUND', () => {
  const e = friendly(NEVER_RESOLVED, '#does-not-exist');
  assert.is(e.code, 'ELEMENT_NOT_FOUND');
  assert.ok(e.message.startsWith('Element "#does-not-exist" not found'), e.message);
  assert.ok(e.message.includes("'snapshot'"), e.message);
});

rewrite('resolved but not visible → ELEMENT_NOT_VISIBLE', () => {
  const e = friendly(HIDDEN, '#hidden');
  assert.is(e.code, 'ELEMENT_NOT_VISIBLE');
  assert.ok(e.message.includes('"#hidden" is not visible'), e.message);
  assert.not.ok(e.message.includes('not found'), e.message);
});

rewrite('"not visible" without a timeout → ELEMENT_NOT_VISIBLE', () => {
  const e = friendly(NOT_VISIBLE_NO_TIMEOUT, '#gone');
  assert.is(e.code, 'ELEMENT_NOT_VISIBLE');
  assert.ok(e.message.includes('not visible'), e.message);
});

rewrite('resolved but disabled → says it is disabled', () => {
  const e = friendly(DISABLED, '#off');
  assert.is(e.code, 'ELEMENT_DISABLED');
  assert.ok(e.message.includes('"#off" is disabled'), e.message);
  assert.not.ok(e.message.includes('not found'), e.message);
  assert.not.ok(e.message.includes('not visible'), e.message);
});

rewrite('resolved but not editable → says so', () => {
  const e = friendly(READONLY, '#ro');
  assert.is(e.code, 'ELEMENT_NOT_EDITABLE');
  assert.ok(e.message.includes('"#ro" is not editable'), e.message);
});

rewrite('other timeouts after resolving → TIMEOUT, "timed out"', () => {
  const e = friendly(UNSTABLE, '#spin');
  assert.is(e.code, 'TIMEOUT');
  assert.ok(e.message.includes('Action on "#spin" timed out'), e.message);
});

rewrite('the selector appears exactly as sent', () => {
  for (const error of [BLOCKED, STRICT, NEVER_RESOLVED, HIDDEN, DISABLED, UNSTABLE]) {
    assert.ok(friendly(error, '@e4').message.includes('"@e4"'));
    assert.ok(friendly(error, 'ref=e4').message.includes('"ref=e4"'));
  }
  for (const selector of ['text="Sign in"', 'input[name="q"]', "xpath=//a[@href='/x']", 'role=button[name="Go"]']) {
    const e = friendly(NEVER_RESOLVED, selector);
    assert.ok(e.message.includes(`"${selector}"`), `${selector} → ${e.message}`);
  }
});

rewrite('the original error is kept as the cause', () => {
  assert.is(friendly(BLOCKED, '#x').cause, BLOCKED);
});

rewrite('ActionErrors, non-errors and unrelated errors pass unchanged', () => {
  const typed = new ActionError('STALE_REF', 'Ref @e4 belongs to a page that navigated.');
  assert.is(friendlyElementError(typed, '@e4'), typed);
  const unrelated = new Error('Element is not a <select> element');
  assert.is(friendlyElementError(unrelated, '#s'), unrelated);
  assert.is(friendlyElementError('weird', '#s'), 'weird');
});

rewrite.run();

// ---------------------------------------------------------------------------------------------
const classify = suite('element-errors: classifyError');

function classified(error: unknown): ActionError {
  const result = classifyError(error);
  assert.instance(result, ActionError);
  const e = result as ActionError;
  assert.not.ok(e.message.includes('\u001b'), `ANSI in ${JSON.stringify(e.message)}`);
  return e;
}

classify('a TimeoutError → TIMEOUT, message kept without ANSI', () => {
  const e = classified(timeout('page.waitForSelector: Timeout 500ms exceeded.' + callLog("  - waiting for locator('#nope') to be visible")));
  assert.is(e.code, 'TIMEOUT');
  assert.ok(e.message.includes('Timeout 500ms exceeded'), e.message);
  assert.ok(e.message.includes("waiting for locator('#nope') to be visible"), e.message);
});

classify('a "Timeout Nms exceeded" message → TIMEOUT even under another name', () => {
  assert.is(classified(playwrightError('page.goto: Timeout 30000ms exceeded.')).code, 'TIMEOUT');
});

classify('a closed target → BROWSER_CLOSED, with advice', () => {
  const e = classified(playwrightError('page.click: Target page, context or browser has been closed'));
  assert.is(e.code, 'BROWSER_CLOSED');
  assert.ok(e.message.includes('Target page, context or browser has been closed'), e.message);
  assert.ok(/again/.test(e.message), e.message);
  assert.is(classified(playwrightError('browserContext.newPage: Browser has been closed')).code, 'BROWSER_CLOSED');
});

classify('net::ERR_ → NAVIGATION_FAILED', () => {
  const e = classified(
    playwrightError(
      'page.goto: net::ERR_NAME_NOT_RESOLVED at https://nope.invalid/' + callLog('  - navigating to "https://nope.invalid/", waiting until "load"'),
    ),
  );
  assert.is(e.code, 'NAVIGATION_FAILED');
  assert.ok(e.message.includes('net::ERR_NAME_NOT_RESOLVED'), e.message);
  assert.is(classified(playwrightError('page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:1/')).code, 'NAVIGATION_FAILED');
});

classify('anything else → INTERNAL with its message', () => {
  const e = classified(new TypeError("Cannot read properties of null (reading 'textContent')"));
  assert.is(e.code, 'INTERNAL');
  assert.ok(e.message.includes("Cannot read properties of null (reading 'textContent')"), e.message);
  const coloured = classified(playwrightError('page.evaluate: boom' + callLog('  - something dim')));
  assert.is(coloured.code, 'INTERNAL');
  assert.ok(coloured.message.includes('something dim'), coloured.message);
});

classify('ActionErrors (including friendly rewrites) pass unchanged', () => {
  const typed = new ActionError('UNKNOWN_REF', 'Ref @e9 is not in the last snapshot.');
  assert.is(classifyError(typed), typed);
  const rewritten = friendlyElementError(BLOCKED, '#x');
  assert.is(classifyError(rewritten), rewritten);
  assert.is((classifyError(rewritten) as ActionError).code, 'ELEMENT_BLOCKED');
});

classify('the original error is kept as the cause', () => {
  const original = playwrightError('page.goto: net::ERR_ABORTED');
  assert.is(classified(original).cause, original);
});

classify.run();
