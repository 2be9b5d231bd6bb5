import { z } from '../schemas.js';

/** Param schemas of the auth vault and the confirmation actions (reference 0.19 §2.14), exact field names. */

const profileName = z
  .string()
  .min(1)
  .regex(/^[a-zA-Z0-9_-]+$/, { message: 'Profile name must contain only alphanumeric characters, hyphens, and underscores' })
  .describe('Auth profile name: letters, digits, "_" and "-"');

const formSelector = (what: string) => z.string().min(1).optional().describe(`CSS or Playwright selector of the login form’s ${what} (default: detected)`);

export const authSave = z.object({
  name: profileName,
  url: z.string().min(1).describe('The login page'),
  username: z.string().min(1),
  password: z.string().min(1).describe('Stored encrypted (AES-256-GCM); never shown again'),
  usernameSelector: formSelector('username field'),
  passwordSelector: formSelector('password field'),
  submitSelector: formSelector('submit button'),
});

export const authProfile = z.object({ name: profileName });

export const confirmation = z.object({ confirmationId: z.string().min(1).describe('The confirmation_id a gated action answered with') });
