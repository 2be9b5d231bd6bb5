// What an action changed on the page, as the daemon reports it when a request asks with
// `"changes": true` (CLI `--changes`; MCP tools ask by default), and how it reads as text.
// Plain data and string work: the CLI and the MCP server render it without loading the daemon.

/** How many element lines a report lists before it says "the page changed a lot" instead. */
export const MAX_CHANGE_LINES = 30;
/** How many new runs of text a report quotes, and how long each may be. */
export const MAX_CHANGE_TEXTS = 8;
export const MAX_CHANGE_TEXT_LENGTH = 160;

/**
 * The interactive elements that appeared, changed or went away, compared with what the agent
 * last saw of the tab (its last snapshot or change report of the same document, else the page
 * just before the action). Lines are `snapshot -i` lines without the leading `- `, refs included.
 */
export interface PageChanges {
  /** The page's URL after the action, when it differs from before (always for a new document). */
  url?: string;
  /** The page's title after the action, when it differs from before (always for a new document). */
  title?: string;
  /** The action loaded a new document: every older ref is stale, `appeared` is the new page's elements. */
  newDocument?: boolean;
  /** Elements that appeared (`button "Pay" [ref=e14]`). */
  appeared: string[];
  /** Elements whose line changed (state, value, name): their new line. */
  changed: string[];
  /** Elements that went away: their last line. */
  gone: string[];
  /**
   * Text that appeared outside interactive elements in the same document (a result line, an
   * error message), at most MAX_CHANGE_TEXTS runs, each cut to MAX_CHANGE_TEXT_LENGTH; absent when none.
   */
  text?: string[];
  /** Set (and the lists left empty) when more lines changed than a report holds. */
  tooMany?: { appeared: number; changed: number; gone: number };
  /** Set (and the lists left empty) when the page could not be read after the action: why. The action itself succeeded. */
  unavailable?: string;
}

/**
 * A change report as a few lines of text: what an agent reads instead of a new snapshot.
 * `snapshotHint` says how this agent takes a snapshot (the CLI's command, an MCP tool).
 */
export function renderChanges(changes: PageChanges, snapshotHint = 'run snapshot -i'): string {
  const lines: string[] = [];
  if (changes.unavailable !== undefined) return `the action ran, but the page could not be read after it (${changes.unavailable}): ${snapshotHint}`;
  if (changes.url !== undefined) lines.push(`url: ${changes.url}`);
  if (changes.title !== undefined) lines.push(`title: ${changes.title}`);
  if (changes.tooMany) {
    const { appeared, changed, gone } = changes.tooMany;
    const counts = [`${appeared} appeared`, `${changed} changed`, `${gone} gone`].filter((part) => !part.startsWith('0 ')).join(', ');
    lines.push(`${changes.newDocument ? 'new page' : 'the page changed a lot'} (${counts} interactive elements): ${snapshotHint}`);
    return lines.join('\n');
  }
  if (changes.newDocument) lines.push(changes.appeared.length > 0 ? 'new page, its interactive elements:' : 'new page, without interactive elements');
  for (const line of changes.appeared) lines.push(`+ ${line}`);
  for (const line of changes.changed) lines.push(`~ ${line}`);
  for (const line of changes.gone) lines.push(`- ${line}`);
  for (const text of changes.text ?? []) lines.push(`+ text: ${text}`);
  if (lines.length === 0) lines.push('no change to the URL, the title or the interactive elements');
  return lines.join('\n');
}
