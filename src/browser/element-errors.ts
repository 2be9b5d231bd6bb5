import { ActionError, isActionError, stripAnsi } from '../protocol/errors.js';

/**
 * Turns Playwright's element errors into advice an agent can act on (the reference's
 * toAIFriendlyError, extended to say what the call log shows). `selector` is the field as sent.
 */
export function friendlyElementError(error: unknown, selector: string): unknown {
  if (!(error instanceof Error) || isActionError(error)) return error;
  const message = stripAnsi(error.message);
  // Verbatim, as the reference shows it: JSON-escaping would turn text="Go" into text=\"Go\", which agents copy.
  const shown = `"${selector}"`;
  if (message.includes('strict mode violation')) {
    const count = /resolved to (\d+) elements/.exec(message)?.[1] ?? 'multiple';
    return new ActionError(
      'AMBIGUOUS_SELECTOR',
      `Selector ${shown} matched ${count} elements. Run 'snapshot' to get updated refs, or use a more specific CSS selector.`,
      { cause: error },
    );
  }
  const blocker = /\n\s*-\s*(<[^\n]*?>)[^\n]*intercepts pointer events/.exec(message)?.[1];
  if (message.includes('intercepts pointer events')) {
    const which = blocker ? ` (${truncate(blocker, 120)} is on top of it)` : '';
    return new ActionError(
      'ELEMENT_BLOCKED',
      `Element ${shown} is blocked by another element${which}, likely a modal or overlay. Try dismissing any modals/cookie banners first.`,
      { cause: error },
    );
  }
  if (message.includes('not visible') && !message.includes('Timeout')) {
    return new ActionError('ELEMENT_NOT_VISIBLE', `Element ${shown} is not visible. Try scrolling it into view or check if it's hidden.`, { cause: error });
  }
  if (/Timeout \d+ms exceeded/.test(message)) {
    const resolved = /resolved to /.test(message);
    if (!resolved) {
      return new ActionError('ELEMENT_NOT_FOUND', `Element ${shown} not found. Run 'snapshot' to see current page elements.`, { cause: error });
    }
    if (/element is not visible/.test(message)) {
      return new ActionError('ELEMENT_NOT_VISIBLE', `Element ${shown} is not visible. Try scrolling it into view or check if it's hidden.`, { cause: error });
    }
    if (/element is not enabled|element is disabled/.test(message)) {
      return new ActionError('ELEMENT_DISABLED', `Element ${shown} is disabled. Wait until the page enables it, or check the form's state with 'snapshot'.`, {
        cause: error,
      });
    }
    if (/element is not editable/.test(message)) {
      return new ActionError('ELEMENT_NOT_EDITABLE', `Element ${shown} is not editable (read-only or not an input). Run 'snapshot' to find the right field.`, {
        cause: error,
      });
    }
    return new ActionError(
      'TIMEOUT',
      `Action on ${shown} timed out. The element may be blocked, still loading, or not interactable. Run 'snapshot' to check the current page state.`,
      { cause: error },
    );
  }
  return error;
}

/** Maps any error escaping an action to a wire error with a stable code. */
export function classifyError(error: unknown): unknown {
  if (!(error instanceof Error) || isActionError(error)) return error;
  const message = stripAnsi(error.message);
  if (error.name === 'TimeoutError' || /Timeout \d+ms exceeded/.test(message)) return new ActionError('TIMEOUT', firstLines(message), { cause: error });
  if (/Target page, context or browser has been closed|Browser has been closed|browser has disconnected/i.test(message)) {
    return new ActionError(
      'BROWSER_CLOSED',
      `The browser or tab was closed while the action ran (${firstLines(message, 1)}). Run the command again to start a fresh browser.`,
      { cause: error },
    );
  }
  if (/net::ERR_|NS_ERROR_|Navigation failed|Cannot navigate to invalid URL/.test(message))
    return new ActionError('NAVIGATION_FAILED', firstLines(message), { cause: error });
  const fsError = error as NodeJS.ErrnoException;
  if (typeof fsError.syscall === 'string' && typeof fsError.path === 'string') {
    const what = `${fsError.syscall} ${truncate(fsError.path, 200)}`;
    if (fsError.code === 'ENOENT')
      return new ActionError('FILE_NOT_FOUND', `No such file or folder: ${what}. Relative paths resolve from the daemon's folder, ${process.cwd()}.`, {
        cause: error,
      });
    return new ActionError(
      'FILE_ERROR',
      `Cannot ${what} (${fsError.code}: ${truncate(message.replace(/^\w+: /, ''), 200)}). Check the path and its folder's permissions.`,
      { cause: error },
    );
  }
  return new ActionError('INTERNAL', firstLines(message, 12), { cause: error });
}

function firstLines(text: string, count = 6): string {
  return text.split('\n').slice(0, count).join('\n').trim();
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
