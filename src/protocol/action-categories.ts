/**
 * The action categories of the reference's action policy (0.19 `action-policy.ts`): which built-in
 * action belongs to which category, so `confirmActions: [click]` (or
 * AGENT_BROWSER_CONFIRM_ACTIONS=click) gates click, dblclick and tap alike. Pure data: the config
 * validator (CLI process) and the confirmation gate (daemon) both read it.
 */

/** Category of the actions that are never gated (meta, session and vault actions). */
export const INTERNAL_CATEGORY = '_internal';

/** Category of an action this table does not name (plugin actions). */
export const UNKNOWN_CATEGORY = 'unknown';

const CATEGORY_ACTIONS: Record<string, readonly string[]> = {
  navigate: ['navigate', 'back', 'forward', 'reload', 'tab_new'],
  click: ['click', 'dblclick', 'tap'],
  fill: ['fill', 'type', 'keyboard', 'inserttext', 'select', 'multiselect', 'check', 'uncheck', 'clear', 'selectall', 'setvalue'],
  download: ['download', 'waitfordownload'],
  upload: ['upload'],
  eval: ['evaluate', 'evalhandle', 'addscript', 'addinitscript', 'addstyle', 'expose', 'setcontent'],
  snapshot: ['snapshot', 'screenshot', 'pdf', 'diff_snapshot', 'diff_screenshot', 'diff_url'],
  scroll: ['scroll', 'scrollintoview'],
  wait: ['wait', 'waitforurl', 'waitforloadstate', 'waitforfunction'],
  get: [
    'gettext',
    'content',
    'innerhtml',
    'innertext',
    'inputvalue',
    'url',
    'title',
    'getattribute',
    'count',
    'boundingbox',
    'styles',
    'isvisible',
    'isenabled',
    'ischecked',
    'responsebody',
    'getbyrole',
    'getbytext',
    'getbylabel',
    'getbyplaceholder',
    'getbyalttext',
    'getbytitle',
    'getbytestid',
    'nth',
  ],
  network: ['route', 'unroute', 'requests'],
  state: ['state_save', 'state_load', 'cookies_set', 'storage_set', 'credentials'],
  interact: ['hover', 'focus', 'drag', 'press', 'keydown', 'keyup', 'mousemove', 'mousedown', 'mouseup', 'wheel', 'dispatch'],
  [INTERNAL_CATEGORY]: [
    'launch',
    'close',
    'status',
    'actions',
    'cancel',
    'tab_list',
    'tab_switch',
    'tab_close',
    'window_new',
    'frame',
    'mainframe',
    'dialog',
    'console',
    'errors',
    'cookies_get',
    'cookies_clear',
    'storage_get',
    'storage_clear',
    'state_list',
    'state_show',
    'state_clear',
    'state_clean',
    'state_rename',
    'highlight',
    'bringtofront',
    'trace_start',
    'trace_stop',
    'har_start',
    'har_stop',
    'video_start',
    'video_stop',
    'recording_start',
    'recording_stop',
    'recording_restart',
    'profiler_start',
    'profiler_stop',
    'clipboard',
    'viewport',
    'useragent',
    'device',
    'device_list',
    'geolocation',
    'permissions',
    'emulatemedia',
    'offline',
    'headers',
    'timezone',
    'locale',
    'pause',
    'screencast_start',
    'screencast_stop',
    'stream_enable',
    'input_mouse',
    'input_keyboard',
    'input_touch',
    'auth_save',
    'auth_login',
    'auth_list',
    'auth_delete',
    'auth_show',
    'confirm',
    'deny',
  ],
};

const CATEGORY_OF: ReadonlyMap<string, string> = new Map(
  Object.entries(CATEGORY_ACTIONS).flatMap(([category, actions]) => actions.map((action) => [action, category] as const)),
);

/** The categories a policy can name, sorted (`_internal` cannot be gated). */
export const ACTION_CATEGORIES: readonly string[] = Object.freeze(
  Object.keys(CATEGORY_ACTIONS)
    .filter((category) => category !== INTERNAL_CATEGORY)
    .sort(),
);

/** The category of an action: one of ACTION_CATEGORIES, `_internal`, or `unknown` for actions the table does not name. */
export function actionCategory(action: string): string {
  return CATEGORY_OF.get(action) ?? UNKNOWN_CATEGORY;
}

/** True for a built-in action name the table knows. */
export function isCategorizedAction(name: string): boolean {
  return CATEGORY_OF.has(name);
}

/**
 * Whether a `confirmActions` list gates `action`: it names the action's category, or the action
 * itself (how a plugin action, `name:action`, is gated). Internal actions are never gated.
 */
export function needsConfirmation(action: string, confirmActions: ReadonlySet<string>): boolean {
  const category = actionCategory(action);
  if (category === INTERNAL_CATEGORY) return false;
  return confirmActions.has(category) || confirmActions.has(action.toLowerCase());
}

/** One line saying what a gated call would do, as the reference describes it (`Click #submit`). */
export function describeAction(action: string, params: Record<string, unknown>): string {
  const text = (value: unknown) => String(value ?? '');
  switch (action) {
    case 'navigate':
      return `Navigate to ${text(params.url)}`;
    case 'evaluate':
    case 'evalhandle':
      return `Evaluate JavaScript: ${text(params.script).slice(0, 80)}`;
    case 'fill':
      return `Fill ${text(params.selector)}`;
    case 'type':
      return `Type into ${text(params.selector)}`;
    case 'click':
      return `Click ${text(params.selector)}`;
    case 'dblclick':
      return `Double-click ${text(params.selector)}`;
    case 'tap':
      return `Tap ${text(params.selector)}`;
    case 'download':
      return `Download via ${text(params.selector)} to ${text(params.path)}`;
    case 'upload':
      return `Upload files to ${text(params.selector)}`;
    default:
      return `${actionCategory(action)}: ${action}`;
  }
}
