// The contracts of the diff actions (handlers: src/builtins/diff.ts).
import { contract } from '../contract.js';
import * as params from '../params/diff.js';

export const diff_screenshot = contract({
  name: 'diff_screenshot',
  summary: 'Take a screenshot and compare it pixel by pixel with a baseline PNG; writes a diff image with changes in red.',
  params: params.diffScreenshot,
  group: 'diff',
});

export const diff_snapshot = contract({
  name: 'diff_snapshot',
  summary: 'Take a snapshot and diff it against a baseline file or this session’s previous snapshot (+ added, - removed lines).',
  params: params.diffSnapshot,
  group: 'diff',
});

export const diff_url = contract({
  name: 'diff_url',
  summary: 'Open two URLs in turn and diff their snapshots (and, with screenshot:true, their screenshots).',
  params: params.diffUrl,
  group: 'diff',
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [diff_screenshot, diff_snapshot, diff_url];
