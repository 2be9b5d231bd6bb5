import type { Page } from 'playwright-core';
import type { z } from 'zod';
import { pageSession } from './page-session.js';
import type { input_keyboard, input_mouse, input_touch } from '../protocol/actions/input.js';

/**
 * Raw input straight to Chromium's Input domain, shared by the `input_*` actions and the live view
 * stream, so a click or key from a viewer is the same event as one sent on the wire.
 */

export type MouseInput = z.infer<typeof input_mouse.params>;
export type KeyboardInput = z.infer<typeof input_keyboard.params>;
export type TouchInput = z.infer<typeof input_touch.params>;

export async function injectMouse(page: Page, { type, x, y, button, clickCount, deltaX, deltaY, modifiers }: MouseInput): Promise<void> {
  const pressing = type === 'mousePressed' || type === 'mouseReleased';
  await (
    await pageSession(page)
  ).send('Input.dispatchMouseEvent', {
    type,
    x,
    y,
    button: button ?? (pressing ? 'left' : 'none'),
    clickCount: clickCount ?? (pressing ? 1 : 0),
    deltaX: deltaX ?? 0,
    deltaY: deltaY ?? 0,
    modifiers: modifiers ?? 0,
  });
}

/**
 * Chromium runs a key's editing command (Backspace deletes, arrows move the caret) only when the
 * event carries its Windows virtual key code, and Enter submits a form only with its text "\r";
 * both are filled in from the key name when the sender left them out.
 */
export async function injectKeyboard(page: Page, { type, key, code, text, keyCode, modifiers }: KeyboardInput): Promise<void> {
  const virtualKey = keyCode ?? (key !== undefined ? virtualKeyCode(key) : undefined);
  const keyText = text ?? (type === 'keyDown' && key === 'Enter' ? '\r' : undefined);
  await (
    await pageSession(page)
  ).send('Input.dispatchKeyEvent', {
    type,
    key,
    code,
    text: keyText,
    ...(virtualKey !== undefined ? { windowsVirtualKeyCode: virtualKey } : {}),
    modifiers: modifiers ?? 0,
  });
}

/** Touch point ids default to their index in the list. */
export async function injectTouch(page: Page, { type, touchPoints, modifiers }: TouchInput): Promise<void> {
  const points = touchPoints.map((point, index) => ({ x: point.x, y: point.y, id: point.id ?? index }));
  await (await pageSession(page)).send('Input.dispatchTouchEvent', { type, touchPoints: points, modifiers: modifiers ?? 0 });
}

const NAMED_KEYS: Record<string, number> = {
  Backspace: 8,
  Tab: 9,
  Enter: 13,
  Shift: 16,
  Control: 17,
  Alt: 18,
  Pause: 19,
  CapsLock: 20,
  Escape: 27,
  ' ': 32,
  PageUp: 33,
  PageDown: 34,
  End: 35,
  Home: 36,
  ArrowLeft: 37,
  ArrowUp: 38,
  ArrowRight: 39,
  ArrowDown: 40,
  Insert: 45,
  Delete: 46,
  Meta: 91,
  ContextMenu: 93,
};

/** The Windows virtual key code of a DOM key name (letters, digits, F1–F24, editing and navigation keys). */
export function virtualKeyCode(key: string): number | undefined {
  if (key in NAMED_KEYS) return NAMED_KEYS[key];
  if (/^[a-z0-9]$/i.test(key)) return key.toUpperCase().charCodeAt(0);
  const functionKey = /^F([1-9]|1\d|2[0-4])$/.exec(key);
  return functionKey ? 111 + Number(functionKey[1]) : undefined;
}
