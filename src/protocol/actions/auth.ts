// The contracts of the auth actions (handlers: src/builtins/auth.ts).
import { contract } from '../contract.js';
import * as params from '../params/auth.js';
import { none } from '../schemas.js';

export const auth_delete = contract({
  name: 'auth_delete',
  summary: 'Delete a saved login profile from the vault.',
  params: params.authProfile,
  lane: 'control',
  group: 'auth',
});

export const auth_list = contract({
  name: 'auth_list',
  summary: 'List the saved login profiles: name, url, username, created and last login (never the password).',
  params: none,
  lane: 'control',
  readOnly: true,
  group: 'auth',
});

export const auth_login = contract({
  name: 'auth_login',
  summary:
    'Log in with a saved profile: open its url, fill the username and password (saved selectors, or the login form found on the page), submit, and wait for the page that follows.',
  params: params.authProfile,
  group: 'auth',
  cli: [
    {
      id: 'auth:login',
      description:
        'The fields are the ones given to "auth save" (--username-selector, --password-selector, --submit-selector), or else found on the page: the password field, the username field of its form, and its submit button. The daemon reads the password from the vault itself; it is never printed.',
      args: [{ name: 'name', param: 'name', required: true, description: 'Profile name (see "auth list")' }],
      fast: true,
      examples: ['<%= config.bin %> auth login github', '<%= config.bin %> auth login github --json'],
    },
  ],
});

export const auth_save = contract({
  name: 'auth_save',
  summary: 'Save a login profile (url, username, password, optional form selectors) in the encrypted vault (AES-256-GCM); the password is never shown again.',
  params: params.authSave,
  lane: 'control',
  group: 'auth',
});

export const auth_show = contract({
  name: 'auth_show',
  summary: 'One saved login profile: name, url, username, created and last login (never the password).',
  params: params.authProfile,
  lane: 'control',
  readOnly: true,
  group: 'auth',
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [auth_delete, auth_list, auth_login, auth_save, auth_show];
