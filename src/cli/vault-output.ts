/**
 * Human output of the auth vault and confirmation answers, in the reference CLI's words (0.19
 * `output.rs`): `formatData` asks this module first, so `auth …`, `confirm`, `deny`, `run` and the
 * fast path print them alike.
 */
import type { Painter } from './output.js';

interface ProfileMeta {
  name: string;
  url: string;
  username: string;
  createdAt: string;
  lastLoginAt?: string;
}

/** The text for a vault or confirmation answer; undefined for any other data. */
export function formatVaultData(d: Record<string, unknown>, paint: Painter): string | undefined {
  const name = typeof d.name === 'string' ? d.name : '';
  if (d.confirmation_required === true) {
    const id = String(d.confirmation_id);
    return `${paint.yellow('⚠')} ${String(d.action)} needs confirmation: ${String(d.description)}. Run 'agent-browser confirm ${id}' or 'agent-browser deny ${id}' (it expires in 60 s).`;
  }
  if (d.denied === true) return `${paint.green('✓')} Action denied`;
  if (Array.isArray(d.profiles)) {
    const profiles = d.profiles as ProfileMeta[];
    if (profiles.length === 0) return paint.dim('No auth profiles saved');
    return [paint.bold('Auth profiles:'), ...profiles.map((p) => `  ${paint.green(p.name)} ${paint.dim(p.username)} ${paint.dim(p.url)}`)].join('\n');
  }
  if (d.profile && typeof d.profile === 'object') {
    const p = d.profile as ProfileMeta;
    return [
      `Name: ${p.name}`,
      `URL: ${p.url}`,
      `Username: ${p.username}`,
      `Created: ${p.createdAt}`,
      ...(p.lastLoginAt ? [`Last login: ${p.lastLoginAt}`] : []),
    ].join('\n');
  }
  if (d.saved === true) return `${paint.green('✓')} Auth profile '${name}' saved`;
  if (d.saved === false && d.updated === true) return `${paint.green('✓')} Auth profile '${name}' updated`;
  if (d.loggedIn === true) return `${paint.green('✓')} Logged in as '${name}'${typeof d.title === 'string' ? ` - ${d.title}` : ''}`;
  if (d.deleted === true && name) return `${paint.green('✓')} Auth profile '${name}' deleted`;
  return undefined;
}
