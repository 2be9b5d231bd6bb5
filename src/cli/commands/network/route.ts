import { Args, Flags } from '@oclif/core';
import { looksLikeJson } from '../../../protocol/json-text.js';
import { ActionCommand, CliFailure, type Parsed } from '../../base.js';

export default class NetworkRoute extends ActionCommand {
  static override summary = 'Intercept requests whose URL matches a glob: answer them yourself, abort them, or let them through.';
  static override description =
    'The pattern is a Playwright URL glob (** matches across slashes). With --body, --status, --content-type or --header the request is answered with that response (status 200 and text/plain unless given; a --body that is JSON is served as application/json). With --abort it fails as a network error. With neither it goes through unchanged.';
  static override examples = [
    '<%= config.bin %> network route "**/api/user" --body \'{"name":"Ada"}\'',
    '<%= config.bin %> network route "**/*.png" --abort',
    '<%= config.bin %> network route "**/health" --status 503 --body down --header Retry-After:30',
  ];
  static override actions = ['route'];
  static override args = { url: Args.string({ description: 'URL glob, e.g. **/api/*', required: true }) };
  static override flags = {
    abort: Flags.boolean({ description: 'Fail matching requests.' }),
    status: Flags.integer({ description: 'Answer with this HTTP status.', min: 100, max: 599 }),
    body: Flags.string({ description: 'Answer with this body.' }),
    'content-type': Flags.string({ description: 'Content-Type of the answer.' }),
    header: Flags.string({ description: 'Response header as name:value (repeatable).', multiple: true, multipleNonGreedy: true }),
  };

  protected request({ args, flags }: Parsed<typeof NetworkRoute>) {
    const headerList = flags.header ?? [];
    const headers: Record<string, string> = {};
    for (const header of headerList) {
      const colon = header.indexOf(':');
      if (colon <= 0) throw new CliFailure(`--header "${header}" must look like name:value.`, 'INVALID_ARGUMENTS');
      headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
    }
    const body = flags.body;
    const answers = body !== undefined || flags.status !== undefined || flags['content-type'] !== undefined || headerList.length > 0;
    if (flags.abort && answers) throw new CliFailure('--abort cannot be combined with --body, --status, --content-type or --header.', 'INVALID_ARGUMENTS');
    let contentType = flags['content-type'];
    if (contentType === undefined && body !== undefined && looksLikeJson(body)) contentType = 'application/json';
    const response = answers ? { status: flags.status, body, contentType, headers: headerList.length > 0 ? headers : undefined } : undefined;
    return { action: 'route', url: args.url, abort: flags.abort || undefined, response };
  }
}
