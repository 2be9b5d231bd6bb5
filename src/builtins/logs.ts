import type { BrowserContext } from 'playwright-core';
import { defineAction, definePlugin } from '../host/define.js';
import * as contracts from '../protocol/actions/logs.js';

/** How many console messages / page errors are kept (oldest dropped first). */
const LOG_LIMIT = 2000;

/** Console messages and uncaught page errors of every tab, from the moment it opened. */
export default definePlugin({
  name: 'agent-browser:logs',
  apply(host) {
    const messages: Array<{ type: string; text: string; timestamp: number }> = [];
    const errors: Array<{ message: string; timestamp: number }> = [];

    // Listening on the context, not on each page: Playwright sends console events only to subscribed
    // listeners, and a popup's first messages are emitted before a page listener could be attached.
    const listening = new WeakSet<BrowserContext>();
    host.hooks.page.tap(host.name, (page) => {
      const context = page.context();
      if (listening.has(context)) return;
      listening.add(context);
      context.on('console', (message) => {
        messages.push({ type: message.type(), text: message.text(), timestamp: Math.round(message.timestamp()) || Date.now() });
        if (messages.length > LOG_LIMIT) messages.shift();
      });
      context.on('weberror', (webError) => {
        errors.push({ message: webError.error().message, timestamp: Date.now() });
        if (errors.length > LOG_LIMIT) errors.shift();
      });
    });

    host.addAction(
      defineAction({
        ...contracts.console,
        handler: ({ clear }) => {
          if (clear) {
            messages.length = 0;
            return { cleared: true };
          }
          return { messages: [...messages] };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.errors,
        handler: ({ clear }) => {
          if (clear) {
            errors.length = 0;
            return { cleared: true };
          }
          return { errors: [...errors] };
        },
      }),
    );
  },
});
