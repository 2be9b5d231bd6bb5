import { Args, Flags } from '@oclif/core';
import { ActionCommand, type Parsed } from '../../base.js';
import { paramOptions } from '../../specs.js';

export default class CookiesSet extends ActionCommand {
  static override summary = 'Set a cookie (for the current page unless --url or --domain says otherwise).';
  static override examples = [
    '<%= config.bin %> cookies set session abc123',
    '<%= config.bin %> cookies set theme dark --url https://example.com',
    '<%= config.bin %> cookies set token xyz --domain .example.com --path /app --secure --http-only --same-site Strict',
  ];
  static override actions = ['cookies_set'];
  static override args = {
    name: Args.string({ description: 'Cookie name', required: true }),
    value: Args.string({ description: 'Cookie value', required: true }),
  };
  static override flags = {
    url: Flags.string({ description: 'URL the cookie belongs to (sets domain, path and secure from it).' }),
    domain: Flags.string({ description: 'Domain (a leading dot includes subdomains).' }),
    path: Flags.string({ description: 'Path (default /).' }),
    expires: Flags.integer({ description: 'Expiry as Unix time in seconds (default: a session cookie).' }),
    'http-only': Flags.boolean({ description: 'Hide the cookie from document.cookie.' }),
    secure: Flags.boolean({ description: 'Send only over HTTPS.' }),
    'same-site': Flags.string({ description: 'SameSite policy.', options: paramOptions('cookies_set', 'cookies.sameSite') }),
  };

  protected request({ args, flags }: Parsed<typeof CookiesSet>) {
    const cookie = {
      name: args.name,
      value: args.value,
      url: flags.url,
      domain: flags.domain,
      path: flags.path,
      expires: flags.expires,
      httpOnly: flags['http-only'] || undefined,
      secure: flags.secure || undefined,
      sameSite: flags['same-site'],
    };
    return { action: 'cookies_set', cookies: [cookie] };
  }
}
