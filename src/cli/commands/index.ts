// The command table for oclif's explicit discovery: importing one file beats globbing the folder.
import Back from './back.js';
import Check from './check.js';
import Click from './click.js';
import Close from './close.js';
import ConfigShow from './config/show.js';
import DaemonStart from './daemon/start.js';
import DaemonStatus from './daemon/status.js';
import DaemonStop from './daemon/stop.js';
import Dblclick from './dblclick.js';
import Eval from './eval.js';
import Fill from './fill.js';
import Focus from './focus.js';
import Forward from './forward.js';
import GetAttr from './get/attr.js';
import GetCount from './get/count.js';
import GetHtml from './get/html.js';
import GetText from './get/text.js';
import GetTitle from './get/title.js';
import GetUrl from './get/url.js';
import GetValue from './get/value.js';
import Hover from './hover.js';
import IsChecked from './is/checked.js';
import IsEnabled from './is/enabled.js';
import IsVisible from './is/visible.js';
import Open from './open.js';
import Press from './press.js';
import Reload from './reload.js';
import Run from './run.js';
import Screenshot from './screenshot.js';
import Scroll from './scroll.js';
import Scrollintoview from './scrollintoview.js';
import Select from './select.js';
import Session from './session/index.js';
import SessionList from './session/list.js';
import Snapshot from './snapshot.js';
import Type from './type.js';
import Uncheck from './uncheck.js';
import Wait from './wait.js';

export const COMMANDS = {
  'back': Back,
  'check': Check,
  'click': Click,
  'close': Close,
  'config:show': ConfigShow,
  'daemon:start': DaemonStart,
  'daemon:status': DaemonStatus,
  'daemon:stop': DaemonStop,
  'dblclick': Dblclick,
  'eval': Eval,
  'fill': Fill,
  'focus': Focus,
  'forward': Forward,
  'get:attr': GetAttr,
  'get:count': GetCount,
  'get:html': GetHtml,
  'get:text': GetText,
  'get:title': GetTitle,
  'get:url': GetUrl,
  'get:value': GetValue,
  'hover': Hover,
  'is:checked': IsChecked,
  'is:enabled': IsEnabled,
  'is:visible': IsVisible,
  'open': Open,
  'press': Press,
  'reload': Reload,
  'run': Run,
  'screenshot': Screenshot,
  'scroll': Scroll,
  'scrollintoview': Scrollintoview,
  'select': Select,
  'session': Session,
  'session:list': SessionList,
  'snapshot': Snapshot,
  'type': Type,
  'uncheck': Uncheck,
  'wait': Wait,
};
