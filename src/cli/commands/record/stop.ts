import { PlainCommand } from '../../base.js';

export default class RecordStop extends PlainCommand {
  static override action = 'recording_stop';
  static override actions = ['recording_stop'];
  static override summary = 'Stop recording and save the video.';
  static override examples = ['<%= config.bin %> record stop'];
}
