import { suite } from 'uvu';
import * as assert from 'uvu/assert';

import { DEFAULT_MAX_LINE_BYTES, LineSplitter, toWireLine } from '../../src/transport/ndjson.js';

interface Harness {
  splitter: LineSplitter;
  lines: string[];
  overflows: number[];
}

function harness(maxLineBytes = DEFAULT_MAX_LINE_BYTES): Harness {
  const lines: string[] = [];
  const overflows: number[] = [];
  const splitter = new LineSplitter(
    maxLineBytes,
    (line) => lines.push(line),
    (bytes) => overflows.push(bytes),
  );
  return { splitter, lines, overflows };
}

/** Pushes `bytes` cut at the given offsets. */
function pushCut(splitter: LineSplitter, bytes: Buffer, cuts: number[]): void {
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    splitter.push(bytes.subarray(start, cut));
    start = cut;
  }
}

// ---------------------------------------------------------------------------------------------
const splitting = suite('ndjson: LineSplitter');

splitting('one chunk with several lines emits each line in order', () => {
  const h = harness();
  h.splitter.push(Buffer.from('{"id":"1"}\n{"id":"2"}\n{"id":"3"}\n'));
  assert.equal(h.lines, ['{"id":"1"}', '{"id":"2"}', '{"id":"3"}']);
  assert.equal(h.overflows, []);
});

splitting('a line is emitted only once its newline arrives', () => {
  const h = harness();
  h.splitter.push(Buffer.from('{"id":"1","act'));
  assert.equal(h.lines, []);
  h.splitter.push(Buffer.from('ion":"x"}'));
  assert.equal(h.lines, []);
  h.splitter.push(Buffer.from('\n'));
  assert.equal(h.lines, ['{"id":"1","action":"x"}']);
});

splitting('every possible cut point of a two-line input gives the same lines', () => {
  const input = Buffer.from('{"id":"a","text":"héllo wörld"}\n{"id":"b"}\n');
  for (let i = 0; i <= input.length; i++) {
    for (let j = i; j <= input.length; j++) {
      const h = harness();
      pushCut(h.splitter, input, [i, j]);
      assert.equal(h.lines, ['{"id":"a","text":"héllo wörld"}', '{"id":"b"}'], `cuts at ${i}, ${j}`);
    }
  }
});

splitting('a multi-byte UTF-8 character split between chunks is decoded intact', () => {
  const h = harness();
  const input = Buffer.from('{"t":"é😀"}\n');
  const e = input.indexOf(0xc3); // é = C3 A9
  const emoji = input.indexOf(0xf0); // 😀 = F0 9F 98 80
  pushCut(h.splitter, input, [e + 1, emoji + 1, emoji + 2, emoji + 3]);
  assert.equal(h.lines, ['{"t":"é😀"}']);
  assert.not.ok(h.lines[0]!.includes('\ufffd'));
});

splitting('byte-by-byte delivery works', () => {
  const h = harness();
  const input = Buffer.from('{"a":"ü"}\r\n\n{"b":"日本"}\n');
  for (const byte of input) h.splitter.push(Buffer.from([byte]));
  assert.equal(h.lines, ['{"a":"ü"}', '{"b":"日本"}']);
});

splitting('CRLF line endings lose their carriage return', () => {
  const h = harness();
  h.splitter.push(Buffer.from('{"id":"1"}\r\n{"id":"2"}\r'));
  h.splitter.push(Buffer.from('\n'));
  assert.equal(h.lines, ['{"id":"1"}', '{"id":"2"}']);
});

splitting('blank and whitespace-only lines are ignored', () => {
  const h = harness();
  h.splitter.push(Buffer.from('\n\n  \n\r\n{"id":"1"}\n\t\n\n{"id":"2"}\n'));
  assert.equal(h.lines, ['{"id":"1"}', '{"id":"2"}']);
});

splitting('flush() emits a final line that had no newline', () => {
  const h = harness();
  h.splitter.push(Buffer.from('{"id":"1"}\n{"id":"2"'));
  assert.equal(h.lines, ['{"id":"1"}']);
  h.splitter.push(Buffer.from('}'));
  h.splitter.flush();
  assert.equal(h.lines, ['{"id":"1"}', '{"id":"2"}']);
  h.splitter.flush();
  assert.equal(h.lines.length, 2, 'a second flush emits nothing');
});

splitting('flush() with nothing pending, or only blank text, emits nothing', () => {
  const h = harness();
  h.splitter.flush();
  h.splitter.push(Buffer.from('{"id":"1"}\n   '));
  h.splitter.flush();
  assert.equal(h.lines, ['{"id":"1"}']);
});

splitting('a line of exactly the limit is accepted', () => {
  const h = harness(10);
  h.splitter.push(Buffer.from('0123456789\n'));
  h.splitter.push(Buffer.from('01234'));
  h.splitter.push(Buffer.from('56789\n'));
  assert.equal(h.lines, ['0123456789', '0123456789']);
  assert.equal(h.overflows, []);
  assert.is(h.splitter.overflowed, false);
});

splitting('one byte over the limit overflows (newline already present)', () => {
  const h = harness(10);
  h.splitter.push(Buffer.from('ok\n01234567890\n{"late":1}\n'));
  assert.equal(h.lines, ['ok']);
  assert.is(h.overflows.length, 1);
  assert.is(h.overflows[0], 11);
  assert.is(h.splitter.overflowed, true);
});

splitting('overflow while the line is still growing: callback once, nothing emitted after', () => {
  const h = harness(10);
  h.splitter.push(Buffer.from('{"id":"1"}\n012345'));
  h.splitter.push(Buffer.from('67890'));
  assert.equal(h.lines, ['{"id":"1"}']);
  assert.is(h.overflows.length, 1);
  h.splitter.push(Buffer.from('more text\n{"id":"2"}\n'));
  h.splitter.push(Buffer.from('0123456789012345\n'));
  h.splitter.flush();
  assert.equal(h.lines, ['{"id":"1"}']);
  assert.is(h.overflows.length, 1);
});

splitting('the limit counts bytes, not characters', () => {
  const h = harness(8);
  h.splitter.push(Buffer.from('😀😀\n')); // 8 bytes, 4 UTF-16 units
  assert.equal(h.lines, ['😀😀']);
  h.splitter.push(Buffer.from('ééééé\n')); // 10 bytes, 5 characters
  assert.is(h.overflows.length, 1);
});

splitting('the default limit is 16 MiB', () => {
  assert.is(DEFAULT_MAX_LINE_BYTES, 16 * 1024 * 1024);
});

splitting.run();

// ---------------------------------------------------------------------------------------------
const wire = suite('ndjson: toWireLine');

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

wire('serialises one object on one line ending in a newline', () => {
  const line = toWireLine({ id: '1', success: true, data: { text: 'a\nb' } });
  assert.ok(line.endsWith('\n'));
  assert.is(line.indexOf('\n'), line.length - 1, 'only the terminating newline');
  assert.equal(JSON.parse(line), { id: '1', success: true, data: { text: 'a\nb' } });
});

wire('a lone high surrogate becomes U+FFFD', () => {
  const line = toWireLine({ text: '\ud800' });
  assert.not.match(line, SURROGATE_ESCAPE);
  assert.is(JSON.parse(line).text, '\ufffd');
});

wire('a lone low surrogate between letters becomes U+FFFD, letters kept', () => {
  const line = toWireLine({ text: 'a\udc00b' });
  assert.not.match(line, SURROGATE_ESCAPE);
  assert.is(JSON.parse(line).text, 'a\ufffdb');
});

wire('the output is well-formed UTF-8 (decodes strictly, round-trips)', () => {
  const line = toWireLine({ text: 'x\ud83dy\ude00z' });
  const bytes = Buffer.from(line, 'utf8');
  const decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  assert.is(decoded, line);
  assert.is(JSON.parse(decoded).text, 'x\ufffdy\ufffdz');
});

wire('a real surrogate pair (emoji) survives', () => {
  const line = toWireLine({ text: 'hi 😀 there', nested: ['👍🏽'] });
  assert.equal(JSON.parse(line), { text: 'hi 😀 there', nested: ['👍🏽'] });
  assert.ok(line.includes('😀'));
});

wire('a lone surrogate next to a real pair only replaces the lone one', () => {
  const line = toWireLine({ text: '\ud800😀' });
  assert.is(JSON.parse(line).text, '\ufffd😀');
});

wire('an escaped backslash followed by the literal text "ud800" is not altered', () => {
  const text = '\\ud800'; // backslash, then the letters u d 8 0 0
  const line = toWireLine({ text });
  assert.is(JSON.parse(line).text, text);
  const two = '\\\\udc00'; // two backslashes, then letters
  assert.is(JSON.parse(toWireLine({ two })).two, two);
});

wire('a backslash followed by a real lone surrogate: backslash kept, surrogate replaced', () => {
  const line = toWireLine({ text: '\\\ud800' });
  assert.not.match(line, SURROGATE_ESCAPE);
  assert.is(JSON.parse(line).text, '\\\ufffd');
});

wire('lone surrogates in keys are replaced too', () => {
  const line = toWireLine({ ['k\udbff']: 1, ['\\udbff']: 2 });
  assert.not.match(line.replace('\\\\udbff', ''), SURROGATE_ESCAPE);
  assert.equal(JSON.parse(line), { 'k\ufffd': 1, '\\udbff': 2 });
});

wire('lines without surrogates are exactly JSON.stringify plus a newline', () => {
  const value = { id: 'x', data: { html: '<p class="a">ü</p>', n: 1.5, list: [null, true] } };
  assert.is(toWireLine(value), `${JSON.stringify(value)}\n`);
});

wire.run();
