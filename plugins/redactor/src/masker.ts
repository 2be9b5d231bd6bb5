import type { Rule } from './rules.js';

/** Replacements made, by kind. */
export type Counts = Map<string, number>;

interface Span {
  start: number;
  end: number;
  /** `null` marks text that must stay as it is (binary payloads, earlier replacements). */
  kind: string | null;
}

/** Fields whose string value is binary data (the screenshot action answers `{ base64 }`). */
const BINARY_KEYS = new Set(['base64']);
/** Long strings of nothing but the base64 alphabet are encoded bytes, not text anyone reads. */
const MIN_BARE_BASE64_LENGTH = 512;
const BARE_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DATA_URL = /^data:[^,]*;base64,/i;
const EMBEDDED_DATA_URL = /data:[\w.+-]+\/[\w.+-]+(?:;[\w.+-]+=[\w.+-]+)*;base64,[A-Za-z0-9+/]+={0,2}/gi;

/** True for strings that hold encoded binary data: data URLs and long bare base64. */
export function isBinaryString(text: string): boolean {
  if (DATA_URL.test(text)) return true;
  return text.length >= MIN_BARE_BASE64_LENGTH && BARE_BASE64.test(text);
}

/** Masks secrets in text and in JSON-like values with a fixed set of rules. */
export class Masker {
  private readonly replacements: Array<{ kind: string; text: string }>;

  constructor(
    readonly rules: readonly Rule[],
    readonly template: string,
  ) {
    const kinds = [...new Set(rules.map((rule) => rule.kind))];
    this.replacements = kinds.map((kind) => ({ kind, text: this.replacementFor(kind) })).filter((entry) => entry.text !== '');
  }

  replacementFor(kind: string): string {
    return this.template.replaceAll('{kind}', kind);
  }

  /** The text with every secret replaced; `counts` collects how many of each kind were replaced. */
  maskText(text: string, counts?: Counts): string {
    if (text === '' || this.rules.length === 0) return text;
    const candidates: Array<Span & { priority: number }> = [];
    this.rules.forEach((rule, priority) => {
      const regex = rule.regex;
      regex.lastIndex = 0;
      for (let match = regex.exec(text); match; match = regex.exec(text)) {
        if (match[0] === '') {
          regex.lastIndex += 1;
          continue;
        }
        const [start, end] = match.indices?.groups?.secret ?? [match.index, match.index + match[0].length];
        if (end <= start) continue;
        if (rule.accept && !rule.accept(text.slice(start, end), match)) continue;
        candidates.push({ start, end, kind: rule.kind, priority: priority + 1 });
      }
    });
    if (candidates.length === 0) return text;

    // Text that was masked before (the snapshot hook, then afterAction) or carries binary data stays.
    for (const { text: replacement } of this.replacements) {
      for (let at = text.indexOf(replacement); at >= 0; at = text.indexOf(replacement, at + replacement.length)) {
        candidates.push({ start: at, end: at + replacement.length, kind: null, priority: 0 });
      }
    }
    EMBEDDED_DATA_URL.lastIndex = 0;
    for (let match = EMBEDDED_DATA_URL.exec(text); match; match = EMBEDDED_DATA_URL.exec(text)) {
      candidates.push({ start: match.index, end: match.index + match[0].length, kind: null, priority: 0 });
    }

    candidates.sort((a, b) => a.priority - b.priority || a.start - b.start || b.end - a.end);
    const chosen: Span[] = [];
    for (const candidate of candidates) {
      const at = insertionPoint(chosen, candidate.start);
      const before = chosen[at - 1];
      const after = chosen[at];
      if ((before && before.end > candidate.start) || (after && after.start < candidate.end)) continue;
      chosen.splice(at, 0, candidate);
    }

    let out = '';
    let last = 0;
    for (const span of chosen) {
      if (span.kind === null) continue;
      out += text.slice(last, span.start) + this.replacementFor(span.kind);
      last = span.end;
      counts?.set(span.kind, (counts.get(span.kind) ?? 0) + 1);
    }
    return last === 0 ? text : out + text.slice(last);
  }

  /**
   * A copy of a JSON-like value with every string masked: object keys and values, deep. Binary
   * payloads stay: strings under a `base64` key, data URLs, long bare base64, byte arrays.
   */
  maskValue(value: unknown, counts?: Counts): unknown {
    return this.maskNode(value, undefined, counts, new WeakSet());
  }

  private maskNode(value: unknown, key: string | undefined, counts: Counts | undefined, ancestors: WeakSet<object>): unknown {
    if (typeof value === 'string') {
      if ((key !== undefined && BINARY_KEYS.has(key)) || isBinaryString(value)) return value;
      return this.maskText(value, counts);
    }
    if (value === null || typeof value !== 'object' || ancestors.has(value)) return value;
    if (Array.isArray(value)) {
      ancestors.add(value);
      const out = value.map((item) => this.maskNode(item, undefined, counts, ancestors));
      ancestors.delete(value);
      return out;
    }
    const prototype = Object.getPrototypeOf(value) as unknown;
    // Dates, buffers, typed arrays and other class instances are not text; JSON renders them its own way.
    if (prototype !== Object.prototype && prototype !== null) return value;
    ancestors.add(value);
    const out: Record<string, unknown> = {};
    for (const [field, item] of Object.entries(value)) {
      let name = this.maskText(field, counts);
      // Two keys masked to the same text must not overwrite each other.
      for (let n = 2; name !== field && Object.hasOwn(out, name); n++) name = `${this.maskText(field)} #${n}`;
      out[name] = this.maskNode(item, field, counts, ancestors);
    }
    ancestors.delete(value);
    return out;
  }
}

/** Index of the first span starting at or after `start` (spans are sorted and disjoint). */
function insertionPoint(spans: readonly Span[], start: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (spans[mid].start < start) low = mid + 1;
    else high = mid;
  }
  return low;
}
