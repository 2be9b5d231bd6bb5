/**
 * agent-browser's public plugin API. A plugin is `{ name, apply(host) }` (see {@link definePlugin});
 * it taps the host's hooks and adds actions with {@link defineAction}. Nothing here loads a browser.
 */
export { definePlugin, defineAction } from './host/define.js';
export type { Plugin, PluginApi, PluginFunction, LoadedPlugin } from './host/host.js';
export type { Hooks, HookName, ActionHook } from './host/hooks.js';
export type { ActionRegistry, RegisteredAction } from './host/registry.js';
export type {
  ActionCall,
  ActionContext,
  ActionDefinition,
  ActionResult,
  ElementNeed,
  LaunchPlan,
  Logger,
  RefEntry,
  SnapshotOptions,
  SnapshotResult,
} from './host/types.js';
export type { BrowserTab, LaunchRequest, SessionBrowser } from './host/session-browser.js';
export type { AgentBrowserConfig } from './config/index.js';
export { ActionError, ErrorCodes, type ErrorCode } from './protocol/errors.js';
export { HookError } from './host/errors.js';
export { STAGE } from './host/stages.js';
/** Playwright's types for what hooks and the action context hand out (pages, contexts, routes…). */
export type { Browser, BrowserContext, Frame, Locator, Page, Request, Response, Route } from 'playwright-core';
/** The zod instance the host validates with; build action and option schemas with it. */
export { z } from 'zod';
