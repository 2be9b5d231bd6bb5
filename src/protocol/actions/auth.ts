// The contracts of the auth actions (handlers: src/builtins/auth.ts).
import { z } from '../zod.js';
import { contract } from '../contract.js';
import { none } from '../schemas.js';

export const profileName = z
  .string()
  .min(1)
  .regex(/^[a-zA-Z0-9_-]+$/, { message: 'Profile name must contain only alphanumeric characters, hyphens, and underscores' })
  .describe('Auth profile name: letters, digits, "_" and "-"');

export const formSelector = (what: string) =>
  z.string().min(1).optional().describe(`CSS or Playwright selector of the login form’s ${what} (default: detected)`);

export const authProfile = z.object({ name: profileName });

export const auth_delete = contract({
  name: 'auth_delete',
  summary: 'Delete a saved login profile from the vault.',
  params: authProfile,
  lane: 'control',
  group: 'state',
});

export const auth_list = contract({
  name: 'auth_list',
  summary: 'List the saved login profiles: name, url, username, created and last login (never the password).',
  params: none,
  lane: 'control',
  readOnly: true,
  group: 'state',
});

export const auth_login = contract({
  name: 'auth_login',
  summary:
    'Log in with a saved profile: open its url, fill the username and password (saved selectors, or the login form found on the page), submit, and wait for the page that follows.',
  params: authProfile,
  group: 'state',
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
  params: z.object({
    name: profileName,
    url: z.string().min(1).describe('The login page'),
    username: z.string().min(1),
    password: z.string().min(1).describe('Stored encrypted (AES-256-GCM); never shown again'),
    usernameSelector: formSelector('username field'),
    passwordSelector: formSelector('password field'),
    submitSelector: formSelector('submit button'),
  }),
  lane: 'control',
  group: 'state',
});

export const auth_show = contract({
  name: 'auth_show',
  summary: 'One saved login profile: name, url, username, created and last login (never the password).',
  params: authProfile,
  lane: 'control',
  readOnly: true,
  group: 'state',
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [auth_delete, auth_list, auth_login, auth_save, auth_show];
