// No zod, no node: the CLI and the daemon both read this.

/** True when `text` is a JSON object or array: a mocked body like that is served as application/json. */
export function looksLikeJson(text: string): boolean {
  if (!/^\s*[[{]/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
