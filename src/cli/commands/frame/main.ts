import { PlainCommand } from '../../base.js';

export default class FrameMain extends PlainCommand {
  static override action = 'mainframe';
  static override actions = ['mainframe'];
  static override summary = 'Act on the page itself again after `frame`.';
  static override examples = ['<%= config.bin %> frame main'];
}
