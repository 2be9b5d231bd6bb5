import type { Frame, Page, Request } from 'playwright-core';
import { classifyError } from '../browser/element-errors.js';
import { defineAction, definePlugin } from '../host/define.js';
import type { ActionContext } from '../host/types.js';
import { ActionError, isActionError, stripAnsi } from '../protocol/errors.js';
import { ENCRYPTION_KEY_ENV } from '../vault/crypto.js';
import { AuthVault, profileNotFound, vaultAnswers, type AuthProfile } from '../vault/store.js';
import * as contracts from '../protocol/actions/auth.js';

/** The form the password field is in: fields found there win over look-alikes elsewhere on the page. */
const LOGIN_FORM = 'form:has(input[type="password"])';
const PASSWORD_FIELD = 'input[type="password"]';
/** Username fields, most specific first. No label text: "Sign in" and "E-mail" differ by language. */
const USERNAME_FIELDS = [
  'input[autocomplete="username"]',
  'input[type="email"]',
  'input[name="username"]',
  'input[name="email"]',
  'input[name="login"]',
  'input[name="user"]',
  'input[id="username"]',
  'input[id="email"]',
];
/** In the login form only: its first text field is the username. */
const FIRST_TEXT_FIELD = 'input:is([type="text"], [type="email"], [type="tel"], :not([type]))';
/** In the login form a <button> without a type submits; on the page only explicit submit buttons count. */
const FORM_SUBMIT = ':is(button:not([type="button"]):not([type="reset"]), input[type="submit"], input[type="image"])';
const PAGE_SUBMIT = ['button[type="submit"]', 'input[type="submit"]'];
/** How long after the submit click a navigation may take to start (a form post, a script's redirect). */
const NAVIGATION_START_MS = 1500;
const FIRST_MATCH = ' >> nth=0';
const SELECTOR_HINT = 'Try specifying custom selectors with auth save --username-selector/--password-selector/--submit-selector';

/** Passwords shorter than this are not searched for in text: "a" would mask every "a". */
const CONCEALABLE_LENGTH = 4;

/** `text` with every form of `secret` a page or URL could show (as typed, URL-encoded, form-encoded) replaced by `***`. */
function conceal(text: string, secret: string): string {
  if (secret.length < CONCEALABLE_LENGTH) return text;
  const forms = new Set([secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')]);
  let out = text;
  for (const form of forms) out = out.split(form).join('***');
  return out;
}

/** The first selector of `candidates` that shows a visible element in `frame`, pinned to its first match. */
async function firstVisible(frame: Frame, candidates: string[]): Promise<string | null> {
  for (const candidate of candidates) {
    const selector = firstMatch(`${candidate}:visible`);
    if (
      await frame
        .locator(selector)
        .isVisible()
        .catch(() => false)
    )
      return selector;
  }
  return null;
}

function notFound(name: string, what: string, flag: string, url: string): ActionError {
  return new ActionError('ELEMENT_NOT_FOUND', `Auth login failed for '${name}': could not find ${what} on ${url}. Specify ${flag} with auth save.`);
}

/** `selector` pinned to its first match, as the reference pins saved selectors (`locator(selector).first()`). */
function firstMatch(selector: string): string {
  return `${selector}${FIRST_MATCH}`;
}

/** The three targets of the login form: the saved selectors, or what the page shows. */
async function loginTargets(profile: AuthProfile, ctx: ActionContext): Promise<{ username: string; password: string; submit: string }> {
  const frame = await ctx.frame();
  const url = frame.url();
  const password = firstMatch(profile.passwordSelector ?? `${PASSWORD_FIELD}:visible`);
  if (!profile.passwordSelector) {
    // A login form rendered by script may appear after "load": the password field is waited for.
    const appeared = await frame
      .locator(password)
      .waitFor({ state: 'visible', timeout: ctx.timeout })
      .then(
        () => true,
        () => false,
      );
    if (!appeared) throw notFound(profile.name, 'a password field', '--password-selector', url);
  }
  const username = profile.usernameSelector
    ? firstMatch(profile.usernameSelector)
    : await firstVisible(frame, [...USERNAME_FIELDS.map((field) => `${LOGIN_FORM} ${field}`), `${LOGIN_FORM} ${FIRST_TEXT_FIELD}`, ...USERNAME_FIELDS]);
  if (!username) throw notFound(profile.name, 'the username field', '--username-selector', url);
  const submit = profile.submitSelector ? firstMatch(profile.submitSelector) : await firstVisible(frame, [`${LOGIN_FORM} ${FORM_SUBMIT}`, ...PAGE_SUBMIT]);
  if (!submit) throw notFound(profile.name, 'the submit button', '--submit-selector', url);
  return { username, password, submit };
}

/**
 * Runs `click` and, when it starts a navigation of the main frame within NAVIGATION_START_MS, waits
 * for that navigation to commit and the new page to load. A login that only updates the page
 * (no navigation) returns after that window.
 */
async function clickAndSettle(page: Page, click: () => Promise<unknown>, timeout: number): Promise<boolean> {
  const mainFrame = page.mainFrame();
  let requested = false;
  let committed = false;
  const onRequest = (request: Request) => {
    if (request.isNavigationRequest() && request.frame() === mainFrame) requested = true;
  };
  const onNavigated = (frame: Frame) => {
    if (frame === mainFrame) committed = true;
  };
  page.on('request', onRequest);
  page.on('framenavigated', onNavigated);
  try {
    await click();
    const startBy = Date.now() + NAVIGATION_START_MS;
    while (!requested && !committed && Date.now() < startBy) await new Promise((resolve) => setTimeout(resolve, 50));
    if (requested && !committed) await page.waitForEvent('framenavigated', { predicate: (frame) => frame === mainFrame, timeout });
  } finally {
    page.off('request', onRequest);
    page.off('framenavigated', onNavigated);
  }
  if (requested || committed) await page.waitForLoadState('load', { timeout });
  return requested || committed;
}

/**
 * Why the browser did not submit the login form, when it refused the values (an e-mail field given
 * a plain name, a pattern): the first invalid field's name and message. Null when the form is valid,
 * or gone (a page that logged in without navigating).
 */
async function formRefusal(frame: Frame, passwordField: string): Promise<string | null> {
  return frame
    .locator(passwordField)
    .evaluate(
      (field: HTMLInputElement) => {
        const invalid = field.form
          ? [...field.form.elements].find((element) => (element as HTMLInputElement).willValidate && !(element as HTMLInputElement).checkValidity())
          : undefined;
        if (!invalid) return null;
        const input = invalid as HTMLInputElement;
        return `${input.name || input.id || input.type}: ${input.validationMessage}`;
      },
      undefined,
      { timeout: 1000 },
    )
    .catch(() => null);
}

async function login(vault: AuthVault, name: string, ctx: ActionContext): Promise<Record<string, unknown>> {
  const profile = vault.profile(name);
  if (!profile) throw profileNotFound(name);
  // Through the pipeline, so a policy plugin's beforeAction veto (an allowed-domains list) sees the URL.
  await ctx.run('navigate', { url: profile.url });
  const page = await ctx.page();
  const targets = await loginTargets(profile, ctx);
  let navigated: boolean;
  try {
    await ctx.element(targets.username, (field) => field.fill(profile.username, { signal: ctx.signal }), 'fill');
    await ctx.element(targets.password, (field) => field.fill(profile.password, { signal: ctx.signal }), 'fill');
    navigated = await clickAndSettle(page, () => ctx.element(targets.submit, (button) => button.click({ signal: ctx.signal }), 'click'), ctx.timeout);
  } catch (raw) {
    const error = classifyError(raw);
    // The selectors as saved: without the pin to the first match this module adds.
    const message = stripAnsi(error instanceof Error ? error.message : String(error))
      .split('\n')[0]!
      .split(FIRST_MATCH)
      .join('')
      .replace(/\.$/, '');
    // No cause attached: Playwright's own message could carry what was typed.
    throw new ActionError(
      isActionError(error) ? error.code : 'INTERNAL',
      conceal(`Auth login failed for '${name}': ${message}. ${SELECTOR_HINT}`, profile.password),
    );
  }
  const refusal = navigated ? null : await formRefusal(await ctx.frame(), targets.password);
  if (refusal) {
    throw new ActionError(
      'INVALID_PARAMS',
      conceal(
        `Auth login failed for '${name}': the page refused to submit the login form (${refusal}). Check the saved username ('agent-browser auth show ${name}') and save the profile again if it is wrong.`,
        profile.password,
      ),
    );
  }
  vault.touchLogin(name);
  return { loggedIn: true, name, url: conceal(page.url(), profile.password), title: conceal(await page.title(), profile.password) };
}

export default definePlugin({
  name: 'agent-browser:auth',
  apply(host) {
    const vault = new AuthVault({
      onKeyCreated: (file) => host.log.info(`created the auth vault key ${file} (mode 0600); back it up, or set ${ENCRYPTION_KEY_ENV}`),
    });
    host.addAction(
      defineAction({
        ...contracts.auth_save,
        handler: (profile) => vaultAnswers.auth_save(vault, profile),
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.auth_list,
        handler: () => vaultAnswers.auth_list(vault),
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.auth_show,
        handler: (named) => vaultAnswers.auth_show(vault, named),
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.auth_delete,
        handler: (named) => vaultAnswers.auth_delete(vault, named),
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.auth_login,
        handler: ({ name }, ctx) => login(vault, name, ctx),
      }),
    );
  },
});
