import { ElementCommand } from '../base.js';

export default class Highlight extends ElementCommand {
  static override action = 'highlight';
  static override actions = ['highlight'];
  static override summary = 'Outline an element in red for a few seconds (to see which element a ref or selector means).';
  static override examples = ['<%= config.bin %> highlight @e3', '<%= config.bin %> highlight "#main input"'];
}
