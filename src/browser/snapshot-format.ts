/**
 * The agent-browser snapshot format, from the JSON tree of Playwright's AI-mode snapshot
 * (`locator.ariaSnapshotJSON({ mode: 'ai' })`, see `fromAiSnapshot` and `formatAriaJson`): the tree
 * with `[ref=eN]` markers on the elements an agent can address, plus the ref map the daemon
 * resolves `@eN` against (each ref bound to its element's `aria-ref`, see browser/refs.ts).
 *
 * Pure: no playwright, no node. The code that runs in the page is in `cursor-scan.ts`; the formatter
 * of the ARIA *text* that the reference daemons used lives on as a test oracle
 * (test/fixtures/snapshot-yaml-oracle.ts).
 *
 * Format (the reference's "Snapshot format" §3.1–3.6), with these deliberate fixes:
 * - Names are written as the JSON strings Playwright writes (`button "Say \"hi\""`).
 * - `refs[*].name` is always a string (`''` for unnamed elements).
 * - Interactive mode keeps the element's `[attr]` markers, never its trailing `:` or inline text.
 */

import type { RefEntry, SnapshotOptions as SnapshotRequest } from '../host/types.js';

export type { RefEntry };

/**
 * What the formatter applies of a snapshot request: `interactive` (only interactive elements,
 * flattened; ignores the others), `compact` (drop unnamed structural lines and branches without
 * refs or text), `maxDepth` (drop lines deeper than this; 0 = root lines only), `urls` (print
 * links' `/url:` lines, which are left out otherwise).
 */
export type SnapshotOptions = Pick<SnapshotRequest, 'interactive' | 'compact' | 'maxDepth' | 'urls'>;

/**
 * Gives an element of an AI-mode snapshot (it has `aria-ref` `ariaRef`) its ref. With a binder,
 * `formatAriaJson` marks only elements that carry an `aria-ref`, writes no `[nth=N]` markers, and
 * uses the refs the binder returns (the same element keeps its ref across snapshots).
 */
export type RefBinder = (ariaRef: string, role: string, name: string) => string;

export interface FormattedSnapshot {
  tree: string;
  refs: Record<string, RefEntry>;
}

export interface CursorElement {
  text: string;
  selector: string;
  reasons: Array<'cursor:pointer' | 'onclick' | 'tabindex'>;
  kind: 'clickable' | 'focusable';
}

/** Roles that always get a ref. */
export const INTERACTIVE_ROLES: ReadonlySet<string> = new Set([
  'button',
  'link',
  'textbox',
  'checkbox',
  'radio',
  'combobox',
  'listbox',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'option',
  'searchbox',
  'slider',
  'spinbutton',
  'switch',
  'tab',
  'treeitem',
]);

/** Roles that get a ref when they have a name. */
export const CONTENT_ROLES: ReadonlySet<string> = new Set([
  'heading',
  'cell',
  'gridcell',
  'columnheader',
  'rowheader',
  'listitem',
  'article',
  'region',
  'main',
  'navigation',
]);

/** Roles that compact mode drops when unnamed. */
export const STRUCTURAL_ROLES: ReadonlySet<string> = new Set([
  'generic',
  'group',
  'list',
  'table',
  'row',
  'rowgroup',
  'grid',
  'treegrid',
  'menu',
  'menubar',
  'toolbar',
  'tablist',
  'tree',
  'directory',
  'document',
  'application',
  'presentation',
  'none',
]);

export const EMPTY_TREE = '(empty)';
export const NO_INTERACTIVE_ELEMENTS = '(no interactive elements)';
export const EMPTY_PAGE = 'Empty page';
export const CURSOR_SECTION_HEADER = '# Cursor-interactive elements:';

export function indentLevel(line: string): number {
  const match = /^\s*/.exec(line);
  return Math.floor((match ? match[0].length : 0) / 2);
}

/** The ` [ref=eN]` marker of an element line, with ` [nth=N]` when it is not the first of its role and name. */
export function markers(ref: string, nth: number): string {
  return ` [ref=${ref}]` + (nth > 0 ? ` [nth=${nth}]` : '');
}

export function decodeJsonString(raw: string): string {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'string') return value;
  } catch {
    // Not strict JSON (should not happen with Playwright's output); undo the common escapes by hand.
  }
  return raw.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_m, esc: string) => {
    if (esc.length > 1) return String.fromCharCode(parseInt(esc.slice(1), 16));
    switch (esc) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      default:
        return esc;
    }
  });
}

/**
 * One node of Playwright's `locator.ariaSnapshotJSON()`: the tree that `ariaSnapshot()` renders as
 * YAML. Strings in `children` are text.
 */
export interface AriaJsonNode {
  role: string;
  name?: string;
  text?: string;
  children?: Array<AriaJsonNode | string>;
  checked?: boolean | 'mixed';
  disabled?: boolean;
  expanded?: boolean;
  active?: boolean;
  invalid?: boolean | string;
  level?: number;
  pressed?: boolean | 'mixed';
  selected?: boolean;
  ariaHidden?: boolean;
  ref?: string;
  cursor?: string;
  url?: string;
  placeholder?: string;
  /** Set by `fromAiSnapshot`: the element's `aria-ref` (never printed). */
  ariaRef?: string;
}

/**
 * Playwright's AI-mode tree (`ariaSnapshotJSON({ mode: 'ai' })`) in the shape of its default tree,
 * which the snapshot format is written from: unnamed `generic` containers give way to their
 * children (their text joins the neighbouring text), iframes show no content (the `frame` command
 * enters them), `active` / `cursor` are dropped, and each element's `aria-ref` moves to `ariaRef`.
 * AI mode is what binds refs to elements; it also leaves out names that a descendant with a ref
 * already prints (`heading` above `link "Docs"`), which only saves tokens.
 */
export function fromAiSnapshot(nodes: ReadonlyArray<AriaJsonNode | string>): AriaJsonNode[] {
  const out: Array<AriaJsonNode | string> = [];
  for (const node of nodes) hoist(node, out);
  return mergeText(out, undefined).map((child) => (typeof child === 'string' ? { role: 'text', text: child } : child));
}

function hoist(node: AriaJsonNode | string, into: Array<AriaJsonNode | string>): void {
  if (typeof node === 'string') {
    into.push(node);
    return;
  }
  if (node.role === 'generic' && !node.name) {
    if (node.text !== undefined) into.push(node.text);
    for (const child of node.children ?? []) hoist(child, into);
    return;
  }
  const { ref, cursor: _cursor, active: _active, children, text, ...rest } = node;
  const copy: AriaJsonNode = rest;
  if (ref) copy.ariaRef = ref;
  if (node.role !== 'iframe') {
    const kids: Array<AriaJsonNode | string> = [];
    if (text !== undefined) kids.push(text);
    for (const child of children ?? []) hoist(child, kids);
    const merged = mergeText(kids, copy.name);
    if (merged.length === 1 && typeof merged[0] === 'string') copy.text = merged[0];
    else if (merged.length > 0) copy.children = merged;
  }
  into.push(copy);
}

/** Joins neighbouring text as Playwright's tree does (whitespace collapsed); a lone text equal to the name goes. */
function mergeText(children: Array<AriaJsonNode | string>, name: string | undefined): Array<AriaJsonNode | string> {
  const result: Array<AriaJsonNode | string> = [];
  let buffer: string[] = [];
  const flush = () => {
    const text = buffer
      .join(' ')
      .replace(/[\u200b\u00ad]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (text) result.push(text);
    buffer = [];
  };
  for (const child of children) {
    if (typeof child === 'string') buffer.push(child);
    else {
      flush();
      result.push(child);
    }
  }
  flush();
  if (result.length === 1 && result[0] === name) return [];
  return result;
}

/**
 * Same result as `formatAriaSnapshot(await locator.ariaSnapshot(), options)`, from the JSON tree
 * instead of its YAML rendering: one pass that writes the lines Playwright's renderer would print
 * (as of playwright-core 1.65), without printing and re-parsing them. Large pages need that speed.
 */
export function formatAriaJson(nodes: readonly AriaJsonNode[], options: SnapshotOptions = {}, bind?: RefBinder): FormattedSnapshot {
  if (nodes.length === 0) return { tree: EMPTY_TREE, refs: {} };
  const { interactive, compact, maxDepth, urls } = options;
  const out: string[] = [];
  // How many elements so far had this role and name: role → name → count.
  const seen = new Map<string, Map<string, number>>();
  const taken: Array<{ ref: string; role: string; name: string; nth: number; count: Map<string, number>; ariaRef?: string }> = [];

  /** The ref marker for an element that gets a ref ('' when it cannot have one). */
  const refMarker = (roleKey: string, name: string, nth: number, count: Map<string, number>, ariaRef: string | undefined): string => {
    if (!bind) {
      const ref = `e${taken.length + 1}`;
      taken.push({ ref, role: roleKey, name, nth, count });
      return markers(ref, nth);
    }
    if (!ariaRef) return '';
    const ref = bind(ariaRef, roleKey, name);
    taken.push({ ref, role: roleKey, name, nth, count, ariaRef });
    return ` [ref=${ref}]`;
  };
  const element = (indent: string, depth: number, role: string, name: string, attrs: string, rest: string, ariaRef: string | undefined): void => {
    const roleKey = role.toLowerCase();
    let count = seen.get(roleKey);
    if (!count) seen.set(roleKey, (count = new Map()));
    const nth = count.get(name) ?? 0;
    count.set(name, nth + 1);
    const nameRaw = name ? ` ${JSON.stringify(name)}` : '';
    if (interactive) {
      if (!INTERACTIVE_ROLES.has(roleKey)) return;
      const marker = refMarker(roleKey, name, nth, count, ariaRef);
      if (marker) out.push(`- ${role}${nameRaw}${marker}${attrs}`);
      return;
    }
    if (maxDepth !== undefined && depth > maxDepth) return;
    const marker = INTERACTIVE_ROLES.has(roleKey) || (name !== '' && CONTENT_ROLES.has(roleKey)) ? refMarker(roleKey, name, nth, count, ariaRef) : '';
    out.push(`${indent}- ${role}${nameRaw}${marker}${attrs}${rest}`);
  };
  const text = (indent: string, depth: number, value: string): void => {
    if (!interactive && (maxDepth === undefined || depth <= maxDepth)) out.push(`${indent}- text: ${yamlValue(value)}`);
  };
  const indents: string[] = [''];
  const visit = (node: AriaJsonNode, depth: number): void => {
    const indent = (indents[depth] ??= '  '.repeat(depth));
    if (node.role === 'text') {
      text(indent, depth, node.text ?? '');
      return;
    }
    let name = node.name && node.name.length <= MAX_RENDERED_NAME ? node.name : '';
    // AI mode leaves a name out where a descendant prints it; the interactive list prints no descendants.
    if (interactive && !name && NAMED_FROM_CONTENT.has(node.role)) name = shownText(node);
    const url = urls ? node.url : undefined;
    const hasProps = url !== undefined || node.placeholder !== undefined;
    if (node.text === undefined && !hasProps && !node.children?.length) {
      element(indent, depth, node.role, name, jsonAttrs(node), '', node.ariaRef);
      return;
    }
    if (node.text !== undefined && !hasProps) {
      element(indent, depth, node.role, name, jsonAttrs(node), `: ${yamlValue(node.text)}`, node.ariaRef);
      return;
    }
    element(indent, depth, node.role, name, jsonAttrs(node), ':', node.ariaRef);
    const inner = (indents[depth + 1] ??= '  '.repeat(depth + 1));
    if (!interactive && (maxDepth === undefined || depth + 1 <= maxDepth)) {
      if (url !== undefined) out.push(`${inner}- /url: ${yamlValue(url)}`);
      if (node.placeholder !== undefined) out.push(`${inner}- /placeholder: ${yamlValue(node.placeholder)}`);
    }
    if (node.text !== undefined) {
      text(inner, depth + 1, node.text);
      return;
    }
    for (const child of node.children ?? []) {
      if (typeof child === 'string') text(inner, depth + 1, child);
      else visit(child, depth + 1);
    }
  };
  for (const node of nodes) visit(node, 0);

  const refs: Record<string, RefEntry> = {};
  for (const { ref, role, name, nth, count, ariaRef } of taken) {
    if (ariaRef) refs[ref] = { role, name, ariaRef };
    else refs[ref] = count.get(name)! > 1 ? { role, name, nth } : { role, name };
  }
  if (interactive) return { tree: out.length ? out.join('\n') : NO_INTERACTIVE_ELEMENTS, refs };
  const tree = (compact ? compactTree(out) : out).join('\n');
  return { tree: tree === '' ? EMPTY_PAGE : tree, refs };
}

/** Interactive roles whose accessible name is their content (ARIA "name from content"). */
const NAMED_FROM_CONTENT: ReadonlySet<string> = new Set([
  'button',
  'link',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'option',
  'tab',
  'treeitem',
  'checkbox',
  'radio',
  'switch',
]);

/** How long a name taken from an element's content may be before it is cut (with `…`). */
const MAX_CONTENT_NAME = 100;

/** The text an element shows: its text, and its descendants' names or text (`link` holding `code: codecs` → `codecs`). */
function shownText(node: AriaJsonNode): string {
  const parts: string[] = [];
  const walk = (child: AriaJsonNode | string): void => {
    if (typeof child === 'string') parts.push(child);
    else if (child.name) parts.push(child.name);
    else {
      if (child.text !== undefined) parts.push(child.text);
      for (const grandchild of child.children ?? []) walk(grandchild);
    }
  };
  if (node.text !== undefined) parts.push(node.text);
  for (const child of node.children ?? []) walk(child);
  const text = parts.join(' ').replace(/\s+/g, ' ').trim();
  return text.length > MAX_CONTENT_NAME ? `${text.slice(0, MAX_CONTENT_NAME - 1).trimEnd()}…` : text;
}

/** Playwright omits names longer than this from the YAML key. */
const MAX_RENDERED_NAME = 900;

/** The `[attr]` markers in the order Playwright's renderer writes them. */
function jsonAttrs(node: AriaJsonNode): string {
  let attrs = '';
  if (node.checked === 'mixed') attrs += ' [checked=mixed]';
  if (node.checked === true) attrs += ' [checked]';
  if (node.disabled) attrs += ' [disabled]';
  if (node.expanded) attrs += ' [expanded]';
  if (node.active) attrs += ' [active]';
  if (node.invalid === 'grammar' || node.invalid === 'spelling') attrs += ` [invalid=${node.invalid}]`;
  if (node.invalid === true) attrs += ' [invalid]';
  if (node.level) attrs += ` [level=${node.level}]`;
  if (node.pressed === 'mixed') attrs += ' [pressed=mixed]';
  if (node.pressed === true) attrs += ' [pressed]';
  if (node.selected === true) attrs += ' [selected]';
  if (node.ariaHidden) attrs += ' [aria-hidden]';
  if (node.ref) {
    attrs += ` [ref=${node.ref}]`;
    if (node.cursor === 'pointer') attrs += ' [cursor=pointer]';
  }
  return attrs;
}

/** A scalar as Playwright's YAML renderer writes it: plain, or double-quoted with escapes when YAML needs it. */
function yamlValue(text: string): string {
  if (!yamlNeedsQuotes(text)) return text;
  return `"${text.replace(/[\\"\x00-\x1f\x7f-\x9f]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case '"':
        return '\\"';
      case '\b':
        return '\\b';
      case '\f':
        return '\\f';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    }
  })}"`;
}

const YAML_WORDS = new Set(['y', 'n', 'yes', 'no', 'true', 'false', 'on', 'off', 'null', '~']);

function yamlNeedsQuotes(text: string): boolean {
  return (
    text.length === 0 ||
    /^\s|\s$/.test(text) ||
    /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/.test(text) ||
    /^-/.test(text) ||
    /[\n:](\s|$)/.test(text) ||
    /\s#/.test(text) ||
    /[\n\r]/.test(text) ||
    /^[&*\],?!>|@"'#%]/.test(text) ||
    /[{}`]/.test(text) ||
    /^\[/.test(text) ||
    !isNaN(Number(text)) ||
    YAML_WORDS.has(text.toLowerCase()) ||
    /^[-+]?\.(inf|nan)$/i.test(text)
  );
}

/**
 * Compact mode's second pass (reference behaviour): keep a line if it has a ref, inline text
 * (a `:` not at the end), or a descendant with a ref. Indentation is left as it is.
 */
export function compactLines(lines: string[]): string[] {
  const keep = compactKeeps(lines);
  return lines.filter((_, i) => keep[i]);
}

/** For each line, whether `compactLines` keeps it. */
function compactKeeps(lines: string[]): boolean[] {
  return lines.map((line, i) => {
    if (line.includes('[ref=') || (line.includes(':') && !line.endsWith(':'))) return true;
    const level = indentLevel(line);
    for (let j = i + 1; j < lines.length; j++) {
      if (indentLevel(lines[j]) <= level) return false;
      if (lines[j].includes('[ref=')) return true;
    }
    return false;
  });
}

/**
 * Lines compact mode does not print: unnamed structural elements (as the reference drops them,
 * inline text included) and, beyond the reference, unnamed list items that only hold other lines.
 */
const DROPPED_IN_COMPACT = new RegExp(`^- (?:(?:${[...STRUCTURAL_ROLES].join('|')})(?: \\[[^\\]]*\\])*(?::.*)?|listitem:)$`);

/**
 * Compact mode: the reference's rule for which lines stay (`compactLines`: a ref, inline text, or
 * a descendant with a ref), without empty structural lines. Dropped lines' children move up to
 * the nearest line kept above them, indented one level below it, so the tree keeps its shape
 * without the wrappers; a line left with nothing below it loses its trailing `:`.
 */
export function compactTree(lines: string[]): string[] {
  const keep = compactKeeps(lines);
  const out: Array<{ text: string; level: number }> = [];
  // Every line above the current one that may be its ancestor; `level` is set for printed ones.
  const ancestors: Array<{ original: number; level: number | null }> = [];
  for (const [i, line] of lines.entries()) {
    const original = indentLevel(line);
    const text = line.trimStart();
    while (ancestors.length > 0 && ancestors[ancestors.length - 1]!.original >= original) ancestors.pop();
    const printed = keep[i] && !DROPPED_IN_COMPACT.test(text);
    let level: number | null = null;
    if (printed) {
      const parent = ancestors.findLast((ancestor) => ancestor.level !== null);
      level = parent ? parent.level! + 1 : 0;
      out.push({ text, level });
    }
    ancestors.push({ original, level });
  }
  return out.map(({ text, level }, i) => {
    const childless = text.endsWith(':') && (out[i + 1]?.level ?? -1) <= level;
    return `${'  '.repeat(level)}${childless ? text.slice(0, -1) : text}`;
  });
}

const REASON_ORDER = ['cursor:pointer', 'onclick', 'tabindex'] as const;

/**
 * Adds the cursor-interactive elements found by `cursorScan` (§3.5): skips those whose text
 * (case-insensitive) equals a ref name or any quoted string of the tree, appends the rest under
 * `# Cursor-interactive elements:` with refs numbered after the existing ones, and replaces a
 * placeholder tree (`(no interactive elements)`, `(empty)`, `Empty page`). Does not mutate its input.
 */
export function appendCursorElements(snapshot: FormattedSnapshot, elements: CursorElement[], nextRef?: () => string): FormattedSnapshot {
  const known = new Set<string>();
  for (const entry of Object.values(snapshot.refs)) {
    if (entry.name) known.add(entry.name.toLowerCase());
  }
  const quoted = /"(?:[^"\\\n]|\\.)*"/g;
  for (let m = quoted.exec(snapshot.tree); m; m = quoted.exec(snapshot.tree)) {
    known.add(decodeJsonString(m[0]).toLowerCase());
  }

  let counter = 0;
  for (const ref of Object.keys(snapshot.refs)) {
    const m = /^e(\d+)$/.exec(ref);
    if (m) counter = Math.max(counter, Number(m[1]));
  }

  const refs: Record<string, RefEntry> = { ...snapshot.refs };
  const lines: string[] = [];
  for (const element of elements) {
    const text = element.text.replace(/\s+/g, ' ').trim();
    if (!text || known.has(text.toLowerCase())) continue;
    const ref = nextRef ? nextRef() : `e${++counter}`;
    refs[ref] = { role: element.kind, name: text, selector: element.selector };
    const reasons = REASON_ORDER.filter((reason) => element.reasons.includes(reason));
    lines.push(`- ${element.kind} ${JSON.stringify(text)} [ref=${ref}]` + (reasons.length ? ` [${reasons.join(', ')}]` : ''));
  }
  if (lines.length === 0) return { tree: snapshot.tree, refs };

  const section = `${CURSOR_SECTION_HEADER}\n${lines.join('\n')}`;
  const placeholder = snapshot.tree === '' || snapshot.tree === NO_INTERACTIVE_ELEMENTS || snapshot.tree === EMPTY_TREE || snapshot.tree === EMPTY_PAGE;
  return { tree: placeholder ? section : `${snapshot.tree}\n${section}`, refs };
}

/** `@e1`, `ref=e1`, `[ref=e1]` and `e1` → `e1`; anything else → null (it is a selector, not a ref). */
export function parseRef(arg: string): string | null {
  const text = arg.trim();
  let id: string | null = null;
  if (text.startsWith('@')) id = text.slice(1);
  else if (text.startsWith('ref=')) id = text.slice(4);
  else if (/^\[ref=e\d+\]$/.test(text)) return text.slice(5, -1);
  else if (/^e\d+$/.test(text)) return text;
  if (id === null || !/^[\w-]+$/.test(id)) return null;
  return id;
}
