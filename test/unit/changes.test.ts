// The change report's text: what the CLI prints after --changes and MCP tools answer.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderChanges } from '../../src/protocol/changes.js';

test('a report lists URL, title, then elements +/~/- and new text, one per line', () => {
  assert.is(
    renderChanges({
      url: 'http://x/cart',
      title: 'Cart',
      appeared: ['button "Pay" [ref=e9]'],
      changed: ['checkbox "Gift" [ref=e4] [checked]'],
      gone: ['button "Add" [ref=e2]'],
      text: ['Added to cart'],
    }),
    'url: http://x/cart\ntitle: Cart\n+ button "Pay" [ref=e9]\n~ checkbox "Gift" [ref=e4] [checked]\n- button "Add" [ref=e2]\n+ text: Added to cart',
  );
});

test('nothing changed, a new page, and too much to list (with the caller’s way to take a snapshot)', () => {
  assert.is(renderChanges({ appeared: [], changed: [], gone: [] }), 'no change to the URL, the title or the interactive elements');
  assert.is(
    renderChanges({ url: 'http://x/', title: 'X', newDocument: true, appeared: [], changed: [], gone: [] }),
    'url: http://x/\ntitle: X\nnew page, without interactive elements',
  );
  const many = { appeared: [], changed: [], gone: [], tooMany: { appeared: 40, changed: 0, gone: 3 } };
  assert.is(renderChanges(many), 'the page changed a lot (40 appeared, 3 gone interactive elements): run snapshot -i');
  assert.is(renderChanges(many, 'call snapshot'), 'the page changed a lot (40 appeared, 3 gone interactive elements): call snapshot');
});

test.run();
