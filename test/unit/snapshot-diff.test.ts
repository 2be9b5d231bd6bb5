import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diffLines } from '../../src/builtins/diff.js';

const page = (lines: string[]) => lines.join('\n');
const rows = Array.from({ length: 30 }, (_, i) => `- listitem: Row ${i + 1}`);

test('a snapshot diff prints changes and nearby context only, in the lines the agent-browser CLIs print (no hunk headers)', () => {
  const after = [...rows];
  after[2] = '- listitem: Row three';
  after[25] = '- listitem: Row twenty-six';
  const result = diffLines(page(rows), page(after));
  assert.equal(result.diff.split('\n'), [
    '  - listitem: Row 1',
    '  - listitem: Row 2',
    '- - listitem: Row 3',
    '+ - listitem: Row three',
    '  - listitem: Row 4',
    '  - listitem: Row 5',
    '  - listitem: Row 6',
    '  …',
    '  - listitem: Row 23',
    '  - listitem: Row 24',
    '  - listitem: Row 25',
    '- - listitem: Row 26',
    '+ - listitem: Row twenty-six',
    '  - listitem: Row 27',
    '  - listitem: Row 28',
    '  - listitem: Row 29',
  ]);
  assert.equal(
    { additions: result.additions, removals: result.removals, unchanged: result.unchanged, changed: result.changed },
    { additions: 2, removals: 2, unchanged: 28, changed: true },
  );
});

test('a small page diff shows every line, as the reference daemon does', () => {
  const before = page(['- heading "Title" [ref=e1]', '- button "Go" [ref=e2]']);
  const after = page(['- heading "Title" [ref=e1]', '- button "New" [ref=e2]', '- button "Go" [ref=e3]']);
  assert.is(diffLines(before, after).diff, '  - heading "Title" [ref=e1]\n+ - button "New" [ref=e2]\n  - button "Go" [ref=e3]');
  assert.is(diffLines(before, before).diff, '');
});

test.run();
