#!/usr/bin/env node
/**
 * `node dist/auth-cli.js '<json>'`: the vault entry the agent-browser 0.19 Rust CLI runs for
 * `auth save|list|show|delete` (it finds this file through AGENT_BROWSER_HOME=<this package>), so
 * passwords never cross the daemon's socket. Prints one JSON line, `{success, id, data}` or
 * `{success:false, id, error}`, as the reference's auth-cli.js does; the Rust CLI formats it.
 */
import { ENCRYPTION_KEY_ENV } from './vault/crypto.js';
import { AuthVault, vaultAnswers } from './vault/store.js';

interface AuthCommand {
  id?: string;
  action?: string;
  name?: string;
  url?: string;
  username?: string;
  password?: string;
  usernameSelector?: string;
  passwordSelector?: string;
  submitSelector?: string;
}

function answer(id: string, result: { data: Record<string, unknown> } | { error: string }): void {
  process.stdout.write(`${JSON.stringify('data' in result ? { success: true, id, data: result.data } : { success: false, id, error: result.error })}\n`);
}

function dataFor(vault: AuthVault, command: AuthCommand): { data: Record<string, unknown> } | { error: string } {
  const { action, name } = command;
  if (action === 'auth_save') {
    const { url, username, password } = command;
    if (!name || !url || !username || !password) return { error: 'Missing required fields: name, url, username, password' };
    const { usernameSelector, passwordSelector, submitSelector } = command;
    return { data: vaultAnswers.auth_save(vault, { name, url, username, password, usernameSelector, passwordSelector, submitSelector }) };
  }
  if (action === 'auth_list') return { data: vaultAnswers.auth_list(vault) };
  if (action === 'auth_show' || action === 'auth_delete') {
    if (!name) return { error: 'Missing required field: name' };
    return { data: vaultAnswers[action](vault, { name }) };
  }
  return { error: `Unknown auth action: ${String(action)}` };
}

function main(): void {
  const input = process.argv[2];
  if (!input) {
    process.stderr.write('Usage: node auth-cli.js <json-command>\n');
    process.exitCode = 1;
    return;
  }
  let command: AuthCommand;
  try {
    command = JSON.parse(input) as AuthCommand;
  } catch {
    answer('', { error: 'Invalid JSON input' });
    process.exitCode = 1;
    return;
  }
  const id = typeof command.id === 'string' ? command.id : '';
  const vault = new AuthVault({
    onKeyCreated: (file) =>
      process.stderr.write(`[agent-browser] Auto-generated encryption key at ${file} -- back up this file or set ${ENCRYPTION_KEY_ENV}\n`),
  });
  try {
    answer(id, dataFor(vault, command));
  } catch (error) {
    answer(id, { error: error instanceof Error ? error.message : 'Operation failed' });
  }
}

main();
