import { compilePattern, type ResolvedOptions } from './options.js';

/** One masking rule: what it finds, and what kind of secret it calls a match. */
export interface Rule {
  kind: string;
  /** `built-in` rules come from the emails/cards/tokens switches, `pattern` ones from `patterns`. */
  source: 'built-in' | 'pattern';
  /** For status output: a description (built-ins) or the regex source (patterns). */
  description: string;
  flags?: string;
  /** Global, with indices (`d`), so a `secret` group can be located. */
  regex: RegExp;
  /** Extra check on the masked text; a match that fails it is left alone. */
  accept?: (secret: string, match: RegExpExecArray) => boolean;
}

const hasLetterAndDigit = (text: string) => /\d/.test(text) && /[A-Za-z]/.test(text);

/** Luhn (mod 10) checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

// Asset names such as `logo@2x.png` look like addresses; real top-level domains never end like these.
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'ico', 'bmp', 'css', 'js', 'mjs', 'cjs', 'map', 'woff', 'woff2', 'ttf']);

const EMAIL: Omit<Rule, 'regex'> & { pattern: string } = {
  kind: 'email',
  source: 'built-in',
  description: 'e-mail addresses (also with %40 for @)',
  pattern: String.raw`(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}(?:@|%40)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])`,
  accept: (secret) => !FILE_EXTENSIONS.has(secret.slice(secret.lastIndexOf('.') + 1).toLowerCase()),
};

const CARD: Omit<Rule, 'regex'> & { pattern: string } = {
  kind: 'card',
  source: 'built-in',
  description: 'card numbers: 13–19 digits starting with 2–6, optionally grouped by spaces or dashes, with a valid Luhn checksum',
  // The run must be whole: no digit (or digit plus separator) right before or after it, no letters around it.
  pattern: String.raw`(?<![\w.-]|\d[ -])[2-6](?:[ -]?\d){12,18}(?![\w-]|[ -]\d|[.,]\d)`,
  accept: (secret) => luhnValid(secret.replace(/[ -]/g, '')),
};

const TOKENS: Array<Omit<Rule, 'regex'> & { pattern: string }> = [
  {
    kind: 'private-key',
    source: 'built-in',
    description: 'PEM private-key blocks (-----BEGIN … PRIVATE KEY----- to its END line, or to the end of the base64 body)',
    pattern: String.raw`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|(?:[A-Za-z0-9+/=\s:,-]|\\n)*)`,
  },
  {
    kind: 'jwt',
    source: 'built-in',
    description: 'JSON Web Tokens (eyJ….eyJ….signature)',
    pattern: String.raw`(?<![\w-])eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*`,
  },
  {
    kind: 'github-token',
    source: 'built-in',
    description: 'GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)',
    pattern: String.raw`(?<!\w)(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})(?!\w)`,
  },
  {
    kind: 'gitlab-token',
    source: 'built-in',
    description: 'GitLab personal access tokens (glpat-)',
    pattern: String.raw`(?<![\w-])glpat-[A-Za-z0-9_-]{20,}(?![\w-])`,
  },
  {
    kind: 'npm-token',
    source: 'built-in',
    description: 'npm access tokens (npm_)',
    pattern: String.raw`(?<!\w)npm_[A-Za-z0-9]{36}(?!\w)`,
  },
  {
    kind: 'slack-token',
    source: 'built-in',
    description: 'Slack tokens (xoxb-, xoxp-, xoxa-, …)',
    pattern: String.raw`(?<![\w-])xox[a-z]-[A-Za-z0-9-]{10,}(?![\w-])`,
    accept: hasLetterAndDigit,
  },
  {
    kind: 'aws-access-key',
    source: 'built-in',
    description: 'AWS access key ids (AKIA…, ASIA…)',
    pattern: String.raw`(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])`,
  },
  {
    kind: 'google-api-key',
    source: 'built-in',
    description: 'Google API keys (AIza…)',
    pattern: String.raw`(?<![\w-])AIza[A-Za-z0-9_-]{35}(?![\w-])`,
  },
  {
    kind: 'api-key',
    source: 'built-in',
    description: 'secret API keys of OpenAI/Anthropic (sk-…) and Stripe (sk_live_, sk_test_, rk_live_, rk_test_)',
    pattern: String.raw`(?<![\w-])(?:sk-[A-Za-z0-9_-]{20,}|[sr]k_(?:live|test)_[A-Za-z0-9]{16,})(?![\w-])`,
    accept: hasLetterAndDigit,
  },
  {
    kind: 'bearer',
    source: 'built-in',
    description: 'the credential after "Bearer " (16+ characters with letters and digits)',
    pattern: String.raw`\b[Bb]earer\s+(?<secret>[A-Za-z0-9._~+/-]{16,}=*)`,
    accept: hasLetterAndDigit,
  },
];

function compile({ pattern, ...rule }: Omit<Rule, 'regex'> & { pattern: string }): Rule {
  return { ...rule, regex: compilePattern(pattern) };
}

/**
 * The active rules, most specific first: your patterns, then tokens, e-mail addresses and card
 * numbers. Where matches overlap, the earlier rule wins.
 */
export function buildRules(options: Pick<ResolvedOptions, 'emails' | 'cards' | 'tokens' | 'patterns'>): Rule[] {
  const rules: Rule[] = options.patterns.map((entry) => {
    const { name, pattern, flags } = typeof entry === 'string' ? { name: 'custom', pattern: entry, flags: undefined } : entry;
    return { kind: name, source: 'pattern', description: pattern, ...(flags ? { flags } : {}), regex: compilePattern(pattern, flags) };
  });
  if (options.tokens) rules.push(...TOKENS.map(compile));
  if (options.emails) rules.push(compile(EMAIL));
  if (options.cards) rules.push(compile(CARD));
  return rules;
}
