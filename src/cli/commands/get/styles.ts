import { ElementCommand } from '../../base.js';

export default class GetStyles extends ElementCommand {
  static override action = 'styles';
  static override actions = ['styles'];
  static override summary =
    'Print tag, text, box and key computed styles (font, colours, border, padding…) of an element, or of every match of a CSS selector.';
  static override examples = ['<%= config.bin %> get styles @e2', '<%= config.bin %> get styles "button.primary"'];
}
