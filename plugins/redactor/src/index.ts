import { readFileSync } from 'node:fs';
import { ActionError, defineAction, definePlugin, z, type ActionResult, STAGE } from 'agent-browser-host';
import { Masker, type Counts } from './masker.js';
import { optionsSchema, type RedactorOptions, type ResolvedOptions } from './options.js';
import { buildRules } from './rules.js';

export type { CustomPattern, RedactorOptions } from './options.js';
export { isBinaryString } from './masker.js';

const STATUS_ACTION = 'redactor:status';
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Masks the secrets in `text` the way the plugin does, with the same options (defaults when
 * omitted): `redact('mail alice@example.com')` → `'mail [REDACTED:email]'`.
 * Throws when the options are invalid (e.g. a custom pattern is not a valid regex).
 */
export function redact(text: string, options: RedactorOptions = {}): string {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new TypeError(`Invalid redactor options: ${z.prettifyError(parsed.error)}`);
  const resolved = parsed.data;
  return new Masker(buildRules(resolved), resolved.replacement).maskText(text);
}

/**
 * The redactor plugin: masks e-mail addresses, card numbers, tokens and your own patterns in every
 * action result (deep, keys and values), in error messages and in snapshot text before they leave the daemon, so an
 * agent's transcript and logs do not carry users' secrets. Snapshot refs keep the real names they
 * resolve by, so `click @e3` still works on an element whose name was masked. Binary payloads
 * (screenshot base64, data URLs) are left intact. Adds `redactor:status`: masks per kind since start.
 */
const redactor = definePlugin<ResolvedOptions>({
  name: 'redactor',
  version,
  options: optionsSchema,
  apply(host, options) {
    const masker = new Masker(buildRules(options), options.replacement);
    const skipped = new Set([...options.skip, STATUS_ACTION]);
    const kinds = [...new Set(masker.rules.map((rule) => rule.kind))];
    let counts: Counts = new Map();
    let since = new Date();

    // Stage 100: after ordinary taps (text they add is masked too), before the diff built-in keeps
    // the text at stage 1000. Only the text is masked: refs resolve by their real names.
    host.hooks.snapshot.tap({ name: host.name, stage: STAGE.LATE }, (snapshot) => {
      if (options.skip.includes('snapshot')) return snapshot;
      const tree = masker.maskText(snapshot.tree, counts);
      return tree === snapshot.tree ? snapshot : { ...snapshot, tree };
    });

    // Late, so fields other plugins add to results are masked as well.
    host.hooks.afterAction.tap({ name: host.name, stage: STAGE.FINAL }, (result, call) => {
      if (skipped.has(call.action)) return result;
      return masker.maskValue(result, counts) as ActionResult;
    });

    // Error messages quote page text too (a script's exception, an element's markup, a URL).
    host.hooks.afterError.tap({ name: host.name, stage: STAGE.FINAL }, (error, call) => {
      if (skipped.has(call.action)) return error;
      const message = masker.maskText(error.message, counts);
      if (message === error.message) return error;
      const code = (error as Partial<ActionError>).code ?? 'INTERNAL';
      return new ActionError(code, message);
    });

    host.addAction(
      defineAction({
        name: STATUS_ACTION,
        summary: 'Secrets the redactor masked since the daemon started (or the last reset), by kind, and the active rules.',
        params: z.object({ reset: z.boolean().optional() }),
        handler({ reset }) {
          const byKind: Record<string, number> = Object.fromEntries(kinds.map((kind) => [kind, counts.get(kind) ?? 0]));
          const status = {
            since: since.toISOString(),
            total: [...counts.values()].reduce((sum, n) => sum + n, 0),
            counts: byKind,
            rules: masker.rules.map((rule) => ({
              kind: rule.kind,
              source: rule.source,
              ...(rule.source === 'pattern' ? { pattern: rule.description, ...(rule.flags ? { flags: rule.flags } : {}) } : { description: rule.description }),
            })),
            replacement: options.replacement,
            skip: options.skip,
          };
          if (reset) {
            counts = new Map();
            since = new Date();
          }
          return reset ? { ...status, reset: true } : status;
        },
      }),
    );
    host.log.debug(`rules: ${kinds.join(', ') || 'none'}; actions left alone: ${options.skip.join(', ') || 'none'}`);
  },
});

export default redactor;
