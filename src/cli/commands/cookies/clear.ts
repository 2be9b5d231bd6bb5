import { PlainCommand } from '../../base.js';

export default class CookiesClear extends PlainCommand {
  static override summary = 'Delete every cookie of the browser.';
  static override examples = ['<%= config.bin %> cookies clear'];
  static override actions = ['cookies_clear'];
  static override action = 'cookies_clear';
}
