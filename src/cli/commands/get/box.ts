import { ElementCommand } from '../../base.js';

export default class GetBox extends ElementCommand {
  static override action = 'boundingbox';
  static override actions = ['boundingbox'];
  static override summary = 'Print an element’s position and size ({x, y, width, height} in CSS pixels; null when not rendered).';
  static override examples = ['<%= config.bin %> get box @e3', '<%= config.bin %> get box "#logo"'];
}
