import { filePath, z } from '../schemas.js';

/** Param schemas of cookies, storage, state and credentials (reference §2.7), exact field names. */

export const sameSite = z.enum(['Strict', 'Lax', 'None']);

export const cookie = z.object({
  name: z.string().min(1),
  value: z.string(),
  url: z.string().min(1).optional(),
  domain: z.string().min(1).optional(),
  path: filePath.optional(),
  expires: z.number().optional(),
  httpOnly: z.boolean().optional(),
  secure: z.boolean().optional(),
  sameSite: sameSite.optional(),
});

export const cookiesGet = z.object({ urls: z.array(z.string().min(1)).optional() });

export const cookiesSet = z.object({ cookies: z.array(cookie).min(1) });

export const storageType = z.enum(['local', 'session']);

export const storageGet = z.object({ type: storageType, key: z.string().optional() });

export const storageSet = z.object({ type: storageType, key: z.string().min(1), value: z.string() });

export const storageClear = z.object({ type: storageType });

export const statePath = z.object({ path: filePath });

export const credentials = z.object({ username: z.string(), password: z.string() });

/** A state file in the state folder: letters, digits, ".", "_" and "-", `.json` optional. */
const stateName = z.string().min(1);

export const stateShow = z.object({ filename: stateName });

export const stateClear = z.object({ sessionName: stateName.optional(), all: z.boolean().optional() });

export const stateClean = z.object({ days: z.number().int().positive() });

export const stateRename = z.object({ oldName: stateName, newName: stateName });
