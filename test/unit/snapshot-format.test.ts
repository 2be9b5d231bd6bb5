import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  appendCursorElements,
  CONTENT_ROLES,
  compactTree,
  formatAriaJson,
  INTERACTIVE_ROLES,
  parseRef,
  STRUCTURAL_ROLES,
  type FormattedSnapshot,
} from '../../src/browser/snapshot-format.js';
import { cursorScan } from '../../src/browser/cursor-scan.js';
import { formatAriaSnapshot } from '../fixtures/snapshot-yaml-oracle.js';
import {
  CURSOR_CARD,
  PROBE_ARIA,
  PROBE_FULL,
  PROBE_INTERACTIVE_CURSOR,
  REFERENCE_ARIA,
  REFERENCE_COMPACT,
  REFERENCE_DEPTH_1,
  REFERENCE_FORM,
  REFERENCE_FORM_ARIA,
  REFERENCE_FULL,
  REFERENCE_INTERACTIVE,
  REFERENCE_INTERACTIVE_CURSOR,
  REFERENCE_REFS,
} from '../fixtures/snapshot-reference.js';

const lines = (...l: string[]): string => l.join('\n');

test('compact leaves no empty structural lines: unnamed list items go, gaps close, a childless line loses its colon', () => {
  const full = lines(
    '- document:',
    '  - banner:',
    '    - combobox "Currency" [ref=e1]:',
    '  - navigation "Categories" [ref=e2]:',
    '    - list:',
    '      - listitem:',
    '        - link "Men" [ref=e3]',
    '      - listitem: Jackets',
    '      - listitem:',
    '        - link "Women" [ref=e4]:',
    '          - img "w"',
    '  - main:',
    '    - table:',
    '      - row:',
    '        - cell "1" [ref=e5]',
    '      - row:',
    '        - cell "2" [ref=e6]',
    '    - generic: dropped as the reference drops it',
    '    - list:',
    '      - listitem:',
    '        - img "no ref"',
  );
  assert.is(
    compactTree(full.split('\n')).join('\n'),
    lines(
      '- banner:',
      '  - combobox "Currency" [ref=e1]',
      '- navigation "Categories" [ref=e2]:',
      '  - link "Men" [ref=e3]',
      '  - listitem: Jackets',
      '  - link "Women" [ref=e4]',
      '- main:',
      '  - cell "1" [ref=e5]',
      '  - cell "2" [ref=e6]',
    ),
  );
  const nodes = [
    {
      role: 'list',
      children: [
        { role: 'listitem', children: [{ role: 'link', name: 'A' }] },
        { role: 'listitem', children: [{ role: 'link', name: 'B' }] },
      ],
    },
    { role: 'button', name: 'Go' },
    { role: 'list', children: [{ role: 'listitem', text: 'Item one' }] },
  ];
  // The list items after the button stay its siblings, not its children.
  assert.is(
    formatAriaJson(nodes, { compact: true }).tree,
    lines('- link "A" [ref=e1]', '- link "B" [ref=e2]', '- button "Go" [ref=e3]', '- listitem: Item one'),
  );
});

test('interactive: an element AI mode left unnamed (a descendant holds its text) is named from its content', () => {
  const nodes = [
    { role: 'link', children: [{ role: 'code', text: 'codecs' }] },
    { role: 'link', children: [{ role: 'img', name: 'Alpine Rain Jacket' }] },
    { role: 'button', children: [{ role: 'generic', text: 'Add' }, ' to cart'] },
    { role: 'combobox', children: [{ role: 'option', name: 'Red' }] },
    { role: 'link', text: 'x'.repeat(150) },
  ];
  const { tree, refs } = formatAriaJson(nodes as never, { interactive: true });
  assert.is(
    tree,
    lines(
      '- link "codecs" [ref=e1]',
      '- link "Alpine Rain Jacket" [ref=e2]',
      '- button "Add to cart" [ref=e3]',
      '- combobox [ref=e4]',
      '- option "Red" [ref=e5]',
      `- link "${'x'.repeat(99)}…" [ref=e6]`,
    ),
  );
  assert.equal(refs.e1, { role: 'link', name: 'codecs' });
  assert.is(formatAriaJson(nodes as never).tree.split('\n')[0], '- link [ref=e1]:', 'the full tree prints the content itself');
});

test('link URLs only on request: no /url line and no dangling colon by default; urls: true prints them at every depth rule', () => {
  const nodes = [
    {
      role: 'navigation',
      children: [
        { role: 'link', name: 'Docs', url: '/docs' },
        { role: 'link', name: 'Blog', url: 'https://example.com/blog', children: [{ role: 'img', name: 'feed' }] },
      ],
    },
  ];
  assert.is(formatAriaJson(nodes).tree, lines('- navigation:', '  - link "Docs" [ref=e1]', '  - link "Blog" [ref=e2]:', '    - img "feed"'));
  assert.is(
    formatAriaJson(nodes, { urls: true }).tree,
    lines(
      '- navigation:',
      '  - link "Docs" [ref=e1]:',
      '    - /url: /docs',
      '  - link "Blog" [ref=e2]:',
      '    - /url: https://example.com/blog',
      '    - img "feed"',
    ),
  );
  assert.is(formatAriaJson(nodes, { urls: true, maxDepth: 1 }).tree, lines('- navigation:', '  - link "Docs" [ref=e1]:', '  - link "Blog" [ref=e2]:'));
  assert.equal(formatAriaJson(nodes).refs, formatAriaJson(nodes, { urls: true }).refs, 'the refs map is the same either way');
});

// ---------------------------------------------------------------- reference literals (§3.3)

test('reference: full snapshot text', () => {
  const { tree } = formatAriaSnapshot(REFERENCE_ARIA);
  assert.is(tree, REFERENCE_FULL);
});

test('reference: full snapshot refs (0.19 shape, nth kept only on the duplicated key)', () => {
  const { refs } = formatAriaSnapshot(REFERENCE_ARIA);
  assert.equal(refs, REFERENCE_REFS);
  assert.not.ok('nth' in refs.e1, 'unique keys carry no nth property at all');
  assert.not.ok('selector' in refs.e9, 'role refs carry no selector');
});

test('reference: interactive', () => {
  const { tree, refs } = formatAriaSnapshot(REFERENCE_ARIA, { interactive: true });
  assert.is(tree, REFERENCE_INTERACTIVE);
  assert.equal(Object.keys(refs), ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9', 'e10']);
  assert.equal(refs.e5, { role: 'combobox', name: '' });
  assert.equal(refs.e8, { role: 'button', name: 'Save', nth: 0 });
  assert.equal(refs.e9, { role: 'button', name: 'Save', nth: 1 });
});

test('reference: interactive ignores compact and maxDepth', () => {
  const plain = formatAriaSnapshot(REFERENCE_ARIA, { interactive: true });
  assert.equal(formatAriaSnapshot(REFERENCE_ARIA, { interactive: true, compact: true, maxDepth: 0 }), plain);
});

test('reference: compact (list items keep their old indentation)', () => {
  const { tree, refs } = formatAriaSnapshot(REFERENCE_ARIA, { compact: true });
  assert.is(tree, REFERENCE_COMPACT);
  assert.equal(refs, formatAriaSnapshot(REFERENCE_ARIA).refs);
});

test('reference: maxDepth 1 has no refs', () => {
  const result = formatAriaSnapshot(REFERENCE_ARIA, { maxDepth: 1 });
  assert.is(result.tree, REFERENCE_DEPTH_1);
  assert.equal(result.refs, {});
});

test('maxDepth 0 keeps root lines only; maxDepth applies to /url and text lines too', () => {
  assert.is(formatAriaSnapshot(REFERENCE_ARIA, { maxDepth: 0 }).tree, '- document:');
  const depth2 = formatAriaSnapshot(REFERENCE_ARIA, { maxDepth: 2 }).tree;
  assert.not.ok(depth2.includes('/url'));
  assert.ok(depth2.includes('    - text: Email'));
  assert.ok(depth2.includes('    - combobox [ref=e6]:'));
  assert.not.ok(depth2.includes('option'));
});

test('reference: selector-scoped input (#form)', () => {
  const { tree, refs } = formatAriaSnapshot(REFERENCE_FORM_ARIA);
  assert.is(tree, REFERENCE_FORM);
  assert.equal(refs.e7, { role: 'button', name: 'Save', nth: 1 });
});

test('reference: interactive + cursor', () => {
  const result = appendCursorElements(formatAriaSnapshot(REFERENCE_ARIA, { interactive: true }), [CURSOR_CARD]);
  assert.is(result.tree, REFERENCE_INTERACTIVE_CURSOR);
  assert.equal(result.refs.e11, { role: 'clickable', name: 'Clickable card', selector: 'div.card' });
});

// ---------------------------------------------------------------- the probe page (quoted name, iframe)

test('probe page: quoted name parsed and re-emitted with the same escaping; iframe kept without ref', () => {
  const { tree, refs } = formatAriaSnapshot(PROBE_ARIA);
  assert.is(tree, PROBE_FULL);
  assert.equal(refs.e12, { role: 'button', name: 'Say "hi"' });
  assert.is(Object.keys(refs).length, 12);
});

test('probe page: interactive + cursor', () => {
  const result = appendCursorElements(formatAriaSnapshot(PROBE_ARIA, { interactive: true }), [CURSOR_CARD]);
  assert.is(result.tree, PROBE_INTERACTIVE_CURSOR);
});

test('probe page: compact drops the iframe line (no ref, no text)', () => {
  const { tree } = formatAriaSnapshot(PROBE_ARIA, { compact: true });
  assert.not.ok(tree.includes('iframe'));
  assert.ok(tree.includes('    - button "Say \\"hi\\"" [ref=e12]'));
});

// ---------------------------------------------------------------- quoting

test("YAML-quoted keys (': ', ' #', '{}') are unwrapped, names decoded", () => {
  const aria = lines(
    '- main:',
    `  - 'link "Issue #1: it''s \\"broken\\""':`,
    '    - /url: /i/1',
    `  - 'button "back\\\\slash {x}"'`,
    `  - 'heading "Part: two" [level=2]'`,
    `  - 'img "Logo: ACME"'`,
    '  - button "[x] close" [pressed]',
    '  - paragraph: "Note: quoted value"',
  );
  const { tree, refs } = formatAriaSnapshot(aria);
  assert.is(
    tree,
    lines(
      '- main:',
      '  - link "Issue #1: it\'s \\"broken\\"" [ref=e1]:',
      '    - /url: /i/1',
      '  - button "back\\\\slash {x}" [ref=e2]',
      '  - heading "Part: two" [ref=e3] [level=2]',
      '  - img "Logo: ACME"',
      '  - button "[x] close" [ref=e4] [pressed]',
      '  - paragraph: "Note: quoted value"',
    ),
  );
  assert.equal(refs, {
    e1: { role: 'link', name: 'Issue #1: it\'s "broken"' },
    e2: { role: 'button', name: 'back\\slash {x}' },
    e3: { role: 'heading', name: 'Part: two' },
    e4: { role: 'button', name: '[x] close' },
  });
});

test('names with escapes: control characters and backslashes decode like JSON', () => {
  const { refs, tree } = formatAriaSnapshot('- button "a\\tb\\\\c\\u0001"');
  assert.is(refs.e1.name, 'a\tb\\c\u0001');
  assert.is(tree, '- button "a\\tb\\\\c\\u0001" [ref=e1]');
});

test('a name with a quote is not cut at the quote (the reference bug)', () => {
  const { refs, tree } = formatAriaSnapshot(lines('- button "Say \\"hi\\"" [pressed]', '- button "Say "'));
  assert.equal(refs.e1, { role: 'button', name: 'Say "hi"' });
  assert.equal(refs.e2, { role: 'button', name: 'Say ' });
  assert.is(tree, lines('- button "Say \\"hi\\"" [ref=e1] [pressed]', '- button "Say " [ref=e2]'));
});

test('lines that are not elements are kept verbatim (normal) and dropped (interactive)', () => {
  const aria = lines('- /url: /x', '- text: hello', 'garbage line', '- weird thing here', '- /placeholder: Type here');
  assert.is(formatAriaSnapshot(aria).tree, aria);
  assert.is(formatAriaSnapshot(aria, { interactive: true }).tree, '(no interactive elements)');
});

test('CRLF input', () => {
  const { tree } = formatAriaSnapshot(REFERENCE_ARIA.replace(/\n/g, '\r\n'));
  assert.is(tree, formatAriaSnapshot(REFERENCE_ARIA).tree);
});

// ---------------------------------------------------------------- who gets a ref, suffixes

test('content roles get a ref only when named; structural and other roles never', () => {
  const aria = lines(
    '- region "Sidebar":',
    '  - listitem "Named item": x',
    '  - listitem: plain',
    '  - cell "Cell"',
    '  - heading [level=3]',
    '  - group "Options":',
    '    - radio "A" [checked]',
    '  - img "Logo"',
    '  - row "Col":',
    '    - columnheader "Col"',
  );
  const { tree, refs } = formatAriaSnapshot(aria);
  assert.is(
    tree,
    lines(
      '- region "Sidebar" [ref=e1]:',
      '  - listitem "Named item" [ref=e2]: x',
      '  - listitem: plain',
      '  - cell "Cell" [ref=e3]',
      '  - heading [level=3]',
      '  - group "Options":',
      '    - radio "A" [ref=e4] [checked]',
      '  - img "Logo"',
      '  - row "Col":',
      '    - columnheader "Col" [ref=e5]',
    ),
  );
  assert.equal(
    Object.values(refs).map((r) => r.role),
    ['region', 'listitem', 'cell', 'radio', 'columnheader'],
  );
});

test('suffix goes after the ref markers; inline text kept in full mode', () => {
  const { tree } = formatAriaSnapshot(lines('- textbox "Email": a@b.c', '- heading "S" [level=2]', '- heading "S" [level=2]'));
  assert.is(tree, lines('- textbox "Email" [ref=e1]: a@b.c', '- heading "S" [ref=e2] [level=2]', '- heading "S" [ref=e3] [nth=1] [level=2]'));
});

test('interactive mode keeps [attr] markers but never a trailing colon or inline text', () => {
  const aria = lines('- main:', '  - button "Bold" [pressed]:', '    - img', '  - textbox "Email": a@b.c', '  - checkbox "X" [checked=mixed]');
  assert.is(
    formatAriaSnapshot(aria, { interactive: true }).tree,
    lines('- button "Bold" [ref=e1] [pressed]', '- textbox "Email" [ref=e2]', '- checkbox "X" [ref=e3] [checked=mixed]'),
  );
});

test('role classes', () => {
  assert.is(INTERACTIVE_ROLES.size, 17);
  assert.is(CONTENT_ROLES.size, 10);
  assert.is(STRUCTURAL_ROLES.size, 18);
  assert.ok(INTERACTIVE_ROLES.has('treeitem') && CONTENT_ROLES.has('navigation') && STRUCTURAL_ROLES.has('none'));
});

// ---------------------------------------------------------------- nth rules

test('nth: unnamed buttons share the name "" and are counted among themselves only', () => {
  const aria = lines('- button "OK"', '- button', '- button "Cancel"', '- button:', '  - img');
  const { tree, refs } = formatAriaSnapshot(aria);
  assert.is(tree, lines('- button "OK" [ref=e1]', '- button [ref=e2]', '- button "Cancel" [ref=e3]', '- button [ref=e4] [nth=1]:', '  - img'));
  assert.equal(refs, {
    e1: { role: 'button', name: 'OK' },
    e2: { role: 'button', name: '', nth: 0 },
    e3: { role: 'button', name: 'Cancel' },
    e4: { role: 'button', name: '', nth: 1 },
  });
});

test('nth: keyed by role and name (same name, other role is not a duplicate)', () => {
  const { refs } = formatAriaSnapshot(lines('- link "Save"', '- button "Save"', '- button "save"'));
  assert.equal(refs, { e1: { role: 'link', name: 'Save' }, e2: { role: 'button', name: 'Save' }, e3: { role: 'button', name: 'save' } });
});

test('nth: counts elements that maxDepth hides', () => {
  const aria = lines('- main:', '  - group:', '    - button "Save"', '  - button "Save"');
  const { tree, refs } = formatAriaSnapshot(aria, { maxDepth: 1 });
  assert.is(tree, lines('- main:', '  - group:', '  - button "Save" [ref=e1] [nth=1]'));
  assert.equal(refs, { e1: { role: 'button', name: 'Save', nth: 1 } });
});

test('nth: three duplicates, markers only for N > 0', () => {
  const { tree, refs } = formatAriaSnapshot(lines('- tab "A"', '- tab "A"', '- tab "A"'), { interactive: true });
  assert.is(tree, lines('- tab "A" [ref=e1]', '- tab "A" [ref=e2] [nth=1]', '- tab "A" [ref=e3] [nth=2]'));
  assert.equal(
    Object.values(refs).map((r) => r.nth),
    [0, 1, 2],
  );
});

test('refs restart at e1 on every call', () => {
  formatAriaSnapshot(REFERENCE_ARIA);
  assert.equal(Object.keys(formatAriaSnapshot('- button "X"').refs), ['e1']);
});

// ---------------------------------------------------------------- compact details, special values

test('compact: named structural lines stay, unnamed ones go even with children; branches without refs go', () => {
  const aria = lines('- generic:', '  - group "Filters":', '    - checkbox "New"', '  - list:', '    - listitem', '  - generic:', '    - img');
  assert.is(formatAriaSnapshot(aria, { compact: true }).tree, lines('  - group "Filters":', '    - checkbox "New" [ref=e1]'));
});

test('special values: (empty), (no interactive elements), Empty page', () => {
  assert.equal(formatAriaSnapshot(''), { tree: '(empty)', refs: {} });
  assert.equal(formatAriaSnapshot('  \n', { interactive: true }), { tree: '(empty)', refs: {} });
  assert.equal(formatAriaSnapshot(lines('- document:', '  - paragraph: hi'), { interactive: true }), { tree: '(no interactive elements)', refs: {} });
  assert.equal(formatAriaSnapshot(lines('- document:', '  - generic:', '    - img'), { compact: true }), { tree: 'Empty page', refs: {} });
  assert.equal(formatAriaSnapshot('  - button "Deep"', { maxDepth: 0 }), { tree: 'Empty page', refs: {} });
});

// ---------------------------------------------------------------- cursor elements

const snap = (tree: string, refs: FormattedSnapshot['refs'] = {}): FormattedSnapshot => ({ tree, refs });

test('cursor: dedupe against ref names and quoted strings, case-insensitively', () => {
  const base = formatAriaSnapshot(lines('- button "Save"', '- img "Company Logo"', '- text: Plain text'));
  const result = appendCursorElements(base, [
    { text: 'SAVE', selector: '#a', reasons: ['onclick'], kind: 'clickable' },
    { text: 'company logo', selector: '#b', reasons: ['cursor:pointer'], kind: 'clickable' },
    { text: 'Plain text', selector: '#c', reasons: ['cursor:pointer'], kind: 'clickable' },
  ]);
  assert.is(
    result.tree,
    lines(
      '- button "Save" [ref=e1]',
      '- img "Company Logo"',
      '- text: Plain text',
      '# Cursor-interactive elements:',
      '- clickable "Plain text" [ref=e2] [cursor:pointer]',
    ),
  );
  assert.equal(result.refs.e2, { role: 'clickable', name: 'Plain text', selector: '#c' });
});

test('cursor: replaces (no interactive elements); focusable kind; reasons in canonical order', () => {
  const result = appendCursorElements(snap('(no interactive elements)'), [
    { text: 'Tile', selector: 'div.tile', reasons: ['tabindex'], kind: 'focusable' },
    { text: 'Menu', selector: 'span.menu', reasons: ['tabindex', 'onclick', 'cursor:pointer'], kind: 'clickable' },
  ]);
  assert.is(
    result.tree,
    lines('# Cursor-interactive elements:', '- focusable "Tile" [ref=e1] [tabindex]', '- clickable "Menu" [ref=e2] [cursor:pointer, onclick, tabindex]'),
  );
  assert.equal(result.refs.e1, { role: 'focusable', name: 'Tile', selector: 'div.tile' });
});

test('cursor: numbering continues after the highest existing ref; input not mutated', () => {
  const base = snap('- button "A" [ref=e1]\n- button "B" [ref=e7]', { e1: { role: 'button', name: 'A' }, e7: { role: 'button', name: 'B' } });
  const copy = structuredClone(base);
  const result = appendCursorElements(base, [{ text: 'Say "hi"\n now', selector: 'p', reasons: ['onclick'], kind: 'clickable' }]);
  assert.ok(result.tree.endsWith('\n- clickable "Say \\"hi\\" now" [ref=e8] [onclick]'));
  assert.equal(result.refs.e8, { role: 'clickable', name: 'Say "hi" now', selector: 'p' });
  assert.equal(base, copy);
});

test('cursor: nothing new leaves the snapshot as it was (no header)', () => {
  const base = formatAriaSnapshot(REFERENCE_ARIA, { interactive: true });
  const result = appendCursorElements(base, [
    { text: 'Go', selector: 'x', reasons: ['onclick'], kind: 'clickable' },
    { text: '  ', selector: 'y', reasons: ['onclick'], kind: 'clickable' },
  ]);
  assert.is(result.tree, base.tree);
  assert.equal(result.refs, base.refs);
});

test('cursorScan is self-contained (it runs in the page)', () => {
  const source = cursorScan.toString();
  assert.not.match(source, /__name|INTERACTIVE_ROLES|REASON_ORDER|require\(|import\(/);
  // It compiles on its own, with nothing from this module in scope.
  assert.type(new Function(`return (${source.replace(/:\s*CursorElement\[\]/g, '')})`), 'function');
});

// ---------------------------------------------------------------- parseRef

test('parseRef', () => {
  assert.is(parseRef('@e1'), 'e1');
  assert.is(parseRef('ref=e12'), 'e12');
  assert.is(parseRef('e3'), 'e3');
  assert.is(parseRef('[ref=e4]'), 'e4');
  assert.is(parseRef(' @e5 '), 'e5');
  assert.is(parseRef('@e999'), 'e999');
  assert.is(parseRef('#submit'), null);
  assert.is(parseRef('button'), null);
  assert.is(parseRef('e1x'), null);
  assert.is(parseRef('E1'), null);
  assert.is(parseRef('text=e1'), null);
  assert.is(parseRef('@'), null);
  assert.is(parseRef('ref='), null);
  assert.is(parseRef('@e1 >> text=x'), null);
  assert.is(parseRef('[ref=foo]'), null);
});

test.run();
