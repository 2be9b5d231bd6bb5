import { z } from 'agent-browser-host';

/** One of your own patterns: a regex source, or a named regex with flags. */
export type CustomPattern = string | { name: string; pattern: string; flags?: string };

/**
 * Options of the redactor plugin (`["agent-browser-host/plugins/redactor", { ... }]` in `.agentbrowserrc.json`).
 * Every field is optional; by default e-mail addresses, card numbers and tokens are masked in every result.
 */
export interface RedactorOptions {
  /** Mask e-mail addresses (also URL-encoded ones, `alice%40example.com`). Default `true`. */
  emails?: boolean;
  /**
   * Mask payment card numbers: 13–19 digits, optionally grouped with spaces or dashes, starting with
   * 2–6 (the card networks' ranges) and passing the Luhn checksum, so order and phone numbers stay.
   * Default `true`.
   */
  cards?: boolean;
  /**
   * Mask well-known secret shapes: JWTs, `Bearer …` credentials, PEM private-key blocks, and API keys
   * of OpenAI/Anthropic (`sk-`), Stripe (`sk_live_`, `rk_live_`, `_test_`), GitHub, Slack, AWS access
   * key ids, Google (`AIza`), GitLab (`glpat-`) and npm (`npm_`). Default `true`.
   */
  tokens?: boolean;
  /**
   * Your own regular expressions. A string is a regex source (kind `custom`); an object names its
   * kind and may set flags (`g` is implied, `y` is not allowed). A named group `secret` limits the
   * mask to that group (`'session=(?<secret>\\w+)'` keeps `session=`). An invalid regex stops the
   * daemon from starting. Default `[]`.
   */
  patterns?: CustomPattern[];
  /** What a secret is replaced with; `{kind}` becomes the rule's kind. Default `'[REDACTED:{kind}]'`. */
  replacement?: string;
  /** Action names whose results are left alone (e.g. `["cookies_get"]`). Default `[]`. */
  skip?: string[];
}

/** The options after defaults were applied. */
export type ResolvedOptions = Required<RedactorOptions>;

export const DEFAULT_REPLACEMENT = '[REDACTED:{kind}]';

const KIND_NAME = /^[A-Za-z0-9][\w.-]*$/;

/** Compiles a custom pattern's source and flags; throws the RegExp's own SyntaxError when invalid. */
export function compilePattern(source: string, flags = ''): RegExp {
  if (flags.includes('y')) throw new SyntaxError('the sticky flag "y" is not supported (patterns are searched anywhere in the text)');
  // Compiled once as written, so a syntax error quotes the pattern with the user's own flags.
  new RegExp(source, flags);
  const all = new Set([...flags, 'g', 'd']);
  return new RegExp(source, [...all].join(''));
}

const patternSchema = z.union([
  z.string().min(1),
  z.strictObject({
    name: z.string().regex(KIND_NAME, 'expected a kind name of letters, digits, ".", "_" or "-"'),
    pattern: z.string().min(1),
    flags: z.string().optional(),
  }),
]);

export const optionsSchema: z.ZodType<ResolvedOptions, RedactorOptions> = z
  .strictObject({
    emails: z.boolean().default(true),
    cards: z.boolean().default(true),
    tokens: z.boolean().default(true),
    patterns: z.array(patternSchema).default([]),
    replacement: z.string().default(DEFAULT_REPLACEMENT),
    skip: z.array(z.string().min(1)).default([]),
  })
  .superRefine((options, ctx) => {
    options.patterns.forEach((entry, index) => {
      const { pattern, flags } = typeof entry === 'string' ? { pattern: entry, flags: undefined } : entry;
      try {
        compilePattern(pattern, flags);
      } catch (error) {
        const reason = (error as Error).message;
        ctx.addIssue({
          code: 'custom',
          path: typeof entry === 'string' ? ['patterns', index] : ['patterns', index, 'pattern'],
          message: `invalid regular expression ${JSON.stringify(pattern)}${flags ? ` with flags "${flags}"` : ''}: ${reason}`,
          input: entry,
        });
      }
    });
  });
