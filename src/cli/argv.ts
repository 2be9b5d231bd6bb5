/**
 * Global flags may come before the command name (`agent-browser --session s open url`, as oqto's
 * backend calls it). oclif reads flags only after the command id, so leading globals move behind it.
 */
export const GLOBAL_VALUE_FLAGS = new Set(['--session', '--executable-path', '--extension', '--config', '--owner-pid', '--cdp', '--ws-endpoint']);
export const GLOBAL_BOOLEAN_FLAGS = new Set(['--json', '--headed', '--debug', '--changes']);

export function hoistGlobalFlags(argv: string[]): string[] {
  const leading: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const token = argv[i]!;
    const name = token.includes('=') ? token.slice(0, token.indexOf('=')) : token;
    if (GLOBAL_BOOLEAN_FLAGS.has(name)) {
      leading.push(token);
      i += 1;
    } else if (GLOBAL_VALUE_FLAGS.has(name)) {
      if (token.includes('=')) {
        leading.push(token);
        i += 1;
      } else {
        leading.push(token, ...(i + 1 < argv.length ? [argv[i + 1]!] : []));
        i += 2;
      }
    } else {
      break;
    }
  }
  if (leading.length === 0) return argv;
  const rest = argv.slice(i);
  const separator = rest.indexOf('--');
  return separator === -1 ? [...rest, ...leading] : [...rest.slice(0, separator), ...leading, ...rest.slice(separator)];
}
