// The contracts of the state actions (handlers: src/builtins/state.ts).
import { z } from '../zod.js';
import { contract } from '../contract.js';
import { filePath, none } from '../schemas.js';

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

export const storageType = z.enum(['local', 'session']);

export const statePath = z.object({ path: filePath });

/** A state file in the state folder: letters, digits, ".", "_" and "-", `.json` optional. */
export const stateName = z.string().min(1);

export const cookies_clear = contract({
  name: 'cookies_clear',
  summary: 'Delete every cookie of the browser.',
  params: none,
  group: 'state',
  cli: [
    {
      id: 'cookies:clear',
      fast: true,
      examples: ['<%= config.bin %> cookies clear'],
    },
  ],
});

export const cookies_get = contract({
  name: 'cookies_get',
  summary: 'The browser’s cookies, all of them or those that apply to the given URLs.',
  params: z.object({ urls: z.array(z.string().min(1)).optional() }),
  readOnly: true,
  group: 'state',
  cli: [
    {
      id: 'cookies',
      description: 'Same as "cookies get". Subcommands: cookies get, cookies set, cookies clear.',
      flags: {
        url: { param: 'urls', multiple: true, description: 'Only cookies that would be sent to this URL (repeatable).' },
      },
      fast: true,
      examples: ['<%= config.bin %> cookies', '<%= config.bin %> cookies --url https://example.com --json'],
    },
    {
      id: 'cookies:get',
      flags: {
        url: { param: 'urls', multiple: true, description: 'Only cookies that would be sent to this URL (repeatable).' },
      },
      fast: true,
      examples: ['<%= config.bin %> cookies get', '<%= config.bin %> cookies get --url https://example.com --url https://api.example.com'],
    },
  ],
});

export const cookies_set = contract({
  name: 'cookies_set',
  summary: 'Set cookies; one without url, domain and path applies to the current page’s URL.',
  params: z.object({ cookies: z.array(cookie).min(1) }),
  group: 'state',
});

export const credentials = contract({
  name: 'credentials',
  summary: 'Answer HTTP authentication (Basic/Digest) challenges with this user name and password.',
  params: z.object({ username: z.string(), password: z.string() }),
  group: 'state',
  cli: [
    {
      id: 'set:credentials',
      args: [
        { name: 'username', param: 'username', required: true, description: 'User name' },
        { name: 'password', param: 'password', required: true, description: 'Password' },
      ],
      aliases: ['set:auth'],
      fast: true,
      examples: ['<%= config.bin %> set credentials admin s3cret'],
    },
  ],
});

export const state_clean = contract({
  name: 'state_clean',
  summary: 'Delete saved state files of the state folder not modified for more than `days` days.',
  params: z.object({ days: z.number().int().positive() }),
  group: 'state',
});

export const state_clear = contract({
  name: 'state_clear',
  summary: 'Delete one saved state file of the state folder (sessionName), or all of them (all: true).',
  params: z.object({ sessionName: stateName.optional(), all: z.boolean().optional() }),
  group: 'state',
});

export const state_list = contract({
  name: 'state_list',
  summary: 'The saved state files of the state folder (config stateDir): name, size, modification time.',
  params: none,
  group: 'state',
});

export const state_load = contract({
  name: 'state_load',
  summary: 'Replace cookies and localStorage with a file saved by state_save (a bare name: from the state folder); open tabs reload.',
  params: statePath,
  group: 'state',
  cli: [
    {
      id: 'state:load',
      finish: 'statePath',
      description:
        'Works on a running browser: it gets a fresh context with the saved state, and the open tabs load their URLs again (page state and refs are lost). A bare name ("login") loads from the state folder (see "state list"); a path loads that file.',
      args: [{ name: 'path', param: 'path', required: true, description: 'Name in the state folder, or a file written by "state save"' }],
      fast: true,
      examples: ['<%= config.bin %> state load login', '<%= config.bin %> state load ./auth.json'],
    },
  ],
});

export const state_rename = contract({
  name: 'state_rename',
  summary: 'Rename a saved state file of the state folder; never overwrites another.',
  params: z.object({ oldName: stateName, newName: stateName }),
  group: 'state',
});

export const state_save = contract({
  name: 'state_save',
  summary: 'Save cookies and localStorage of every origin to a JSON file (for state_load); a bare name saves to the state folder.',
  params: statePath,
  group: 'state',
  cli: [
    {
      id: 'state:save',
      finish: 'statePath',
      description:
        'A bare name ("login" or "login.json") saves to the state folder (config stateDir, env AGENT_BROWSER_STATE_DIR, default ~/.agent-browser/states); a path ("./auth.json", "/tmp/auth.json") saves there.',
      args: [{ name: 'path', param: 'path', required: true, description: 'Name in the state folder, or a file path to write' }],
      fast: true,
      examples: ['<%= config.bin %> state save login', '<%= config.bin %> state save ./auth.json'],
    },
  ],
});

export const state_show = contract({
  name: 'state_show',
  summary: 'One saved state file of the state folder: a summary (cookies, origins, cookie domains) and its contents.',
  params: z.object({ filename: stateName }),
  group: 'state',
});

export const storage_clear = contract({
  name: 'storage_clear',
  summary: 'Empty localStorage or sessionStorage of the active frame.',
  params: z.object({ type: storageType }),
  group: 'state',
  cli: [
    {
      id: 'storage:local:clear',
      summary: 'Remove every key of the active frame’s localStorage.',
      fixed: { type: 'local' },
      fast: true,
      examples: ['<%= config.bin %> storage local clear'],
    },
    {
      id: 'storage:session:clear',
      summary: 'Remove every key of the active frame’s sessionStorage.',
      fixed: { type: 'session' },
      fast: true,
      examples: ['<%= config.bin %> storage session clear'],
    },
  ],
});

export const storage_get = contract({
  name: 'storage_get',
  summary: 'Read localStorage or sessionStorage of the active frame: one key, or all of it.',
  params: z.object({ type: storageType, key: z.string().optional() }),
  readOnly: true,
  group: 'state',
  cli: [
    {
      id: 'storage:local',
      output: 'json',
      omits: { key: "'storage local get <key>' reads one key" },
      summary: 'Print the active frame’s localStorage as JSON (one key: storage local get <key>).',
      description:
        'Reads the localStorage of the page, or of the frame selected with "frame", in the active tab. Subcommands: storage local get [key], storage local set <key> <value>, storage local clear.',
      fixed: { type: 'local' },
      fast: true,
      examples: ['<%= config.bin %> storage local', '<%= config.bin %> storage local --json'],
    },
    {
      id: 'storage:local:get',
      output: 'json',
      summary: 'Print one key of the active frame’s localStorage, or all of it as JSON.',
      description: 'A key that is not set prints {"key": "<key>", "value": null}.',
      args: [{ name: 'key', param: 'key', description: 'The key to read (all keys when omitted)' }],
      fixed: { type: 'local' },
      fast: true,
      examples: ['<%= config.bin %> storage local get token', '<%= config.bin %> storage local get'],
    },
    {
      id: 'storage:session',
      output: 'json',
      omits: { key: "'storage session get <key>' reads one key" },
      summary: 'Print the active frame’s sessionStorage as JSON (one key: storage session get <key>).',
      description:
        'Reads the sessionStorage of the page, or of the frame selected with "frame", in the active tab. Subcommands: storage session get [key], storage session set <key> <value>, storage session clear.',
      fixed: { type: 'session' },
      fast: true,
      examples: ['<%= config.bin %> storage session', '<%= config.bin %> storage session --json'],
    },
    {
      id: 'storage:session:get',
      output: 'json',
      summary: 'Print one key of the active frame’s sessionStorage, or all of it as JSON.',
      description: 'A key that is not set prints {"key": "<key>", "value": null}.',
      args: [{ name: 'key', param: 'key', description: 'The key to read (all keys when omitted)' }],
      fixed: { type: 'session' },
      fast: true,
      examples: ['<%= config.bin %> storage session get token', '<%= config.bin %> storage session get'],
    },
  ],
});

export const storage_set = contract({
  name: 'storage_set',
  summary: 'Set a key of localStorage or sessionStorage in the active frame.',
  params: z.object({ type: storageType, key: z.string().min(1), value: z.string() }),
  group: 'state',
  cli: [
    {
      id: 'storage:local:set',
      summary: 'Set a key of the active frame’s localStorage.',
      args: [
        { name: 'key', param: 'key', required: true, description: 'Key' },
        { name: 'value', param: 'value', required: true, description: 'Value (a string; quote JSON)' },
      ],
      fixed: { type: 'local' },
      fast: true,
      examples: ['<%= config.bin %> storage local set token abc123', '<%= config.bin %> storage local set prefs \'{"theme":"dark"}\''],
    },
    {
      id: 'storage:session:set',
      summary: 'Set a key of the active frame’s sessionStorage.',
      args: [
        { name: 'key', param: 'key', required: true, description: 'Key' },
        { name: 'value', param: 'value', required: true, description: 'Value (a string; quote JSON)' },
      ],
      fixed: { type: 'session' },
      fast: true,
      examples: ['<%= config.bin %> storage session set token abc123', '<%= config.bin %> storage session set prefs \'{"theme":"dark"}\''],
    },
  ],
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [
  cookies_clear,
  cookies_get,
  cookies_set,
  credentials,
  state_clean,
  state_clear,
  state_list,
  state_load,
  state_rename,
  state_save,
  state_show,
  storage_clear,
  storage_get,
  storage_set,
];
