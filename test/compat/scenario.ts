/**
 * The command list of the compat tier: every command of the original agent-browser CLIs 0.6.0 and
 * 0.19.0 (their `--help` and cli/src/commands.rs), in an order that drives one session through a
 * fixture site (test/fixtures/pages/compat). The recorder (record.ts) runs it against each CLI's
 * own reference daemon and stores what the CLI printed in expected/<version>.json; the tests
 * (*.test.ts) run it against this project's daemon and compare.
 *
 * Placeholders: {{URL}} the fixture server's origin, {{DIR}} the run folder (the CLIs' and the
 * daemons' working folder; $TMPDIR is {{DIR}}/tmp, $HOME {{DIR}}/home), {{CDP}} the DevTools port
 * of a separate Chromium, and names captured from earlier output (`capture`).
 *
 * Left out on purpose: `install` (downloads a browser), `--headed` (no display), `--extension`,
 * `--proxy`, `-p <provider>` / `--device` / `--auto-connect` (need outside services), `--profile`,
 * `--session-name`, `--state` (daemon start-up options: the daemon already runs), `--native` /
 * `--engine` (0.19's experimental Rust daemon, not this protocol).
 */

import * as OURS from './ours.js';

export type Version = '0.6.0' | '0.19.0';

/** The session every step uses unless it names another. */
export const SESSION = 'compat';
/** A second session (0.19) whose daemon asks for confirmation of `eval` (AGENT_BROWSER_CONFIRM_ACTIONS=eval). */
export const GATE_SESSION = 'gate';

export interface Step {
  /** The command line after the binary, split like a shell would. */
  cmd: string;
  /** Only for this CLI version. */
  only?: Version;
  session?: string;
  stdin?: string;
  /** Extra environment for this invocation; `{{AUTH_HOME}}` is the package (reference) or repo (ours) folder. */
  env?: Record<string, string>;
  /**
   * How strictly to compare (default: both exact). stderr `firstLine` compares the first lines only;
   * `prefix` accepts a first line that starts with the expected one (a message that adds what to do
   * next, as DESIGN.md › Errors asks, keeps the reference's words first).
   */
  stdout?: 'exact' | 'ignore';
  /** Instead of the recorded stdout, (normalised) stdout must match this regex; for text with sizes, random names, pixel counts. */
  pattern?: string;
  /** Group 1 of `pattern` names a file (relative to the run folder) that must exist. */
  file?: boolean;
  stderr?: 'exact' | 'firstLine' | 'prefix' | 'ignore';
  /** Takes group 1 of `regex` on stdout as `{{name}}` for later steps; `normalize` also turns it back into `{{name}}` in outputs. */
  capture?: { name: string; regex: string; normalize?: boolean };
  /** This project's daemon differs on purpose: expect this instead of the recording, for `reason`. */
  ours?: { code?: number; stdout?: string; stderr?: string; pattern?: string; reason: string };
  /** Known area being fixed in src/ right now: asserted per the reference all the same. */
  pending?: string;
  /** Group label for areas built by someone else (0.19 auth vault and confirmations). */
  group?: string;
  timeoutMs?: number;
}

const AUTH = 'auth vault / confirmations (0.19)';

// Why this daemon's expectation replaces the recording (DESIGN.md / PROTOCOL.md say so, or the lead did).
const BOUND_REFS =
  'refs are bound to elements (DESIGN.md › Refs): numbers stay across snapshots of a document, new elements get new numbers, ' +
  'so no [nth=N] markers, and only elements Playwright can act on get refs (the options of a closed <select> do not)';
const FRAMES = 'frame switching works: actions after `frame <sel>` run in the iframe (both reference daemons time out)';
const ROUTE_BODY = "route --body mocks the response (the reference daemons ignore the CLI's top-level body and let the request through)";
const REQUESTS = 'requests are recorded from the start, so the fetches above are listed (the reference recorded none)';
const DEVICE = 'set device emulates the whole device: viewport, scale, user agent, touch, mobile layout (the reference only resizes)';
const TAP = 'tap works on desktop pages (the reference needs a context created with hasTouch)';
const CLIPBOARD = 'clipboard read is granted (the reference is refused the clipboard-read permission)';
const STATE_LOAD = 'state load applies cookies and storage to the running browser (the reference refuses while a browser runs)';
const UNKNOWN_ACTION =
  "the 0.19.0 reference Node daemon has no such action either (its zod schema rejects it with a 3 kB list); this daemon's unknown-action message follows PROTOCOL.md §3";
const ERRORS = 'error messages say what happened and what to do next (DESIGN.md › Errors and output), not raw Playwright text';
const AUTH_ENV = { AGENT_BROWSER_HOME: '{{AUTH_HOME}}' };
const ABSOLUTE =
  "a saved file is named by its absolute path: the daemon writes relative paths in its own working folder, which need not be the shell's, so the path as typed could point elsewhere";
const STATE_FOLDER =
  'a bare state name is a named state in the state folder, which save, load, list, show, rename and clear all use (the reference saves bare names in the working folder but lists and shows ~/.agent-browser/sessions, so `state show` cannot find what `state save` just wrote)';
const STATE_CLEAR = 'state clear with nothing named is refused with what to pass, rather than reporting "0 cleared"';
const SCALE_RESET =
  'set viewport without a scale resets the scale as the reference does, but here a change of scale recreates the context, so the tab reloaded and its buttons show their first names';
const DIFF_CONTEXT = 'diffs show the changed lines with three lines of context around them, not the whole page (fewer tokens for an agent)';
const DIFF_SIZES = 'screenshots of different sizes are compared where they overlap, the rest counting as different, instead of every pixel';
const DEVICES = 'device list lists the devices `set device` emulates (the reference lists iOS simulators, which need Xcode)';
/** `✓ <what> saved to <absolute path>`: our expectation for a step that writes `file`. */
const saved = (file: string, what = '\\w+ saved to') => ({ pattern: `^✓ ${what} \\{\\{DIR\\}\\}/${file.replace(/\./g, '\\.')}\\n$`, reason: ABSOLUTE });

/** The steps, in order. Most run under both versions; `only` marks the rest. */
export const STEPS: Step[] = [
  // ── CLI-local: no daemon involved ───────────────────────────────────────────────────────────
  { cmd: '--version' },
  { cmd: 'open --help' },
  { cmd: 'session' },
  { cmd: '--json session' },
  { cmd: 'session list' },
  { cmd: 'frobnicate' },
  { cmd: '--json frobnicate' },
  { cmd: 'click' },
  { cmd: 'get' },
  { cmd: 'get nope' },
  { cmd: 'mouse nope' },
  { cmd: 'set nope' },
  { cmd: 'storage nope' },
  { cmd: 'find nope x' },
  { cmd: 'connect abc' },
  { cmd: 'connect 0', only: '0.19.0' },
  { cmd: '--cdp 0 get url', only: '0.6.0' },
  { cmd: 'swipe sideways', only: '0.19.0' },
  { cmd: 'diff screenshot', only: '0.19.0' },

  // ── Navigation and reading ──────────────────────────────────────────────────────────────────
  { cmd: 'open {{URL}}/compat/index.html' },
  { cmd: 'get title' },
  { cmd: 'get url' },
  { cmd: 'get title --json' },
  { cmd: 'snapshot', ours: { stdout: OURS.FULL, reason: BOUND_REFS } },
  { cmd: 'snapshot -i', ours: { stdout: OURS.INTERACTIVE, reason: BOUND_REFS } },
  { cmd: 'snapshot -c', ours: { stdout: OURS.COMPACT, reason: BOUND_REFS } },
  { cmd: 'snapshot -d 2', ours: { stdout: OURS.DEPTH_2, reason: BOUND_REFS } },
  { cmd: 'snapshot -s #form', ours: { stdout: OURS.FORM, reason: BOUND_REFS } },
  { cmd: 'snapshot -i -c -d 3', ours: { stdout: OURS.INTERACTIVE_COMPACT, reason: BOUND_REFS } },
  { cmd: 'snapshot -i -C', only: '0.19.0', ours: { stdout: OURS.INTERACTIVE_CURSOR, reason: BOUND_REFS } },
  { cmd: '--json snapshot -s #form', ours: { stdout: OURS.FORM_JSON, reason: BOUND_REFS } },
  { cmd: 'get text #title' },
  { cmd: 'get html #rich' },
  { cmd: 'get value #email' },
  { cmd: 'get attr #next-link href' },
  { cmd: 'get count .dup' },
  { cmd: 'get box #styled' },
  { cmd: 'get styles #styled' },
  { cmd: 'is visible #title' },
  { cmd: 'is visible #hidden' },
  { cmd: 'is enabled #disabled' },
  { cmd: 'is enabled #submit' },
  { cmd: 'is checked #agree' },

  // ── Interaction ─────────────────────────────────────────────────────────────────────────────
  { cmd: 'click #counter' },
  { cmd: 'get text #counter' },
  {
    cmd: 'snapshot -i',
    capture: { name: 'REF', regex: 'button "Double me" \\[ref=(e\\d+)\\]' },
    ours: { stdout: OURS.INTERACTIVE_AFTER_CLICK, reason: BOUND_REFS },
  },
  { cmd: 'get text @{{REF}}' },
  { cmd: 'dblclick @{{REF}}' },
  { cmd: 'get text #double' },
  { cmd: 'hover #hover-target' },
  { cmd: 'get text #status' },
  { cmd: 'focus #name' },
  { cmd: 'type #name Ada' },
  { cmd: 'get value #name' },
  { cmd: 'fill #name Grace Hopper' },
  { cmd: 'get value #name' },
  { cmd: 'fill #notes' },
  { cmd: 'press Tab' },
  { cmd: 'key Tab' },
  { cmd: 'keydown Shift' },
  { cmd: 'keyup Shift' },
  { cmd: 'check #agree' },
  { cmd: 'is checked #agree' },
  { cmd: 'uncheck #agree' },
  { cmd: 'is checked #agree' },
  { cmd: 'select #colour green' },
  { cmd: 'get value #colour' },
  { cmd: 'select #many a c' },
  { cmd: 'eval "[...document.querySelector(\'#many\').selectedOptions].map((o) => o.value)"' },
  { cmd: 'upload #file upload.txt' },
  { cmd: 'eval "document.querySelector(\'#file\').files[0].name"' },
  { cmd: 'drag #drag-src #drop' },
  { cmd: 'get text #status' },
  { cmd: 'click .dup', stderr: 'firstLine' },
  { cmd: 'highlight #title' },
  { cmd: 'focus #notes', only: '0.19.0' },
  { cmd: 'keyboard type abc', only: '0.19.0' },
  { cmd: 'keyboard inserttext xyz', only: '0.19.0' },
  { cmd: 'get value #notes', only: '0.19.0' },
  { cmd: 'tap #counter', only: '0.19.0', ours: { code: 0, stdout: '✓ Done\n', stderr: '', reason: TAP } },
  { cmd: 'get text #counter', only: '0.19.0', ours: { stdout: 'Clicked 2\n', reason: TAP } },

  // ── Scrolling and waiting ───────────────────────────────────────────────────────────────────
  { cmd: 'scroll down 500' },
  { cmd: 'scroll up 200' },
  { cmd: 'scroll' },
  { cmd: 'scroll down 100 --selector #scroller', only: '0.19.0' },
  { cmd: 'scrollintoview #bottom' },
  { cmd: 'scrollinto #title' },
  { cmd: 'wait 100' },
  { cmd: 'wait #title' },
  { cmd: "wait --text 'Compat fixture'" },
  { cmd: 'wait --load load' },
  { cmd: "wait --fn 'window.ready === true'" },
  { cmd: "wait --url '**/compat/index.html'" },

  // ── Semantic locators ───────────────────────────────────────────────────────────────────────
  { cmd: 'find role button click --name Submit' },
  { cmd: 'get text #status' },
  { cmd: "find text 'Test id box' click" },
  { cmd: 'get text #status' },
  { cmd: 'find label Name fill Linus' },
  { cmd: 'get value #name' },
  { cmd: "find placeholder 'Your name' fill Ken" },
  { cmd: 'get value #name' },
  { cmd: 'find alt Logo hover' },
  { cmd: "find title 'Tooltip text' hover" },
  { cmd: 'find testid box click' },
  { cmd: 'find first .dup click' },
  { cmd: 'get text #status' },
  { cmd: 'find last .dup click' },
  { cmd: 'get text #status' },
  { cmd: 'find nth 0 .dup click' },
  { cmd: 'get text #status' },

  // ── Mouse ───────────────────────────────────────────────────────────────────────────────────
  { cmd: 'mouse move 10 10' },
  { cmd: 'mouse down' },
  { cmd: 'mouse up' },
  { cmd: 'mouse down right' },
  { cmd: 'mouse up right' },
  { cmd: 'mouse wheel 100' },
  { cmd: 'mouse wheel -100 0' },

  // ── Scripts, console, errors ────────────────────────────────────────────────────────────────
  { cmd: 'eval 1+1' },
  { cmd: 'eval document.title' },
  { cmd: 'eval \'({ a: 1, b: [true, null], c: "x" })\'' },
  { cmd: 'eval -b ZG9jdW1lbnQudGl0bGU=', only: '0.19.0' },
  { cmd: 'eval --stdin', stdin: 'const a = 20;\na + 22\n', only: '0.19.0' },
  { cmd: 'eval "throw new Error(\'nope\')"', stderr: 'firstLine', ours: { stderr: '✗ The script threw: Error: nope\n', reason: ERRORS } },
  { cmd: 'console' },
  { cmd: 'click #log' },
  { cmd: 'console' },
  { cmd: 'console --clear' },
  { cmd: 'console' },
  { cmd: 'click #boom' },
  { cmd: 'wait 200' },
  { cmd: 'errors' },
  { cmd: 'errors --clear' },
  { cmd: 'errors' },

  // ── Dialogs and frames ──────────────────────────────────────────────────────────────────────
  { cmd: 'dialog accept' },
  { cmd: 'click #alert' },
  { cmd: 'get text #status' },
  { cmd: 'dialog accept Bob' },
  { cmd: 'click #prompt' },
  { cmd: 'get text #status' },
  { cmd: 'dialog dismiss' },
  { cmd: 'click #prompt' },
  { cmd: 'get text #status' },
  { cmd: 'dialog maybe' },
  { cmd: 'frame #frame' },
  { cmd: 'click #in-frame', ours: { code: 0, stdout: '✓ Done\n', stderr: '', reason: FRAMES } },
  { cmd: 'get text #in-frame', ours: { code: 0, stdout: 'Frame clicked\n', stderr: '', reason: FRAMES } },
  { cmd: 'frame main' },
  { cmd: 'get title' },
  { cmd: 'frame #nope', stderr: 'prefix' },

  // ── Browser settings ────────────────────────────────────────────────────────────────────────
  { cmd: 'set viewport 800 600' },
  { cmd: 'eval "innerWidth + \'x\' + innerHeight"' },
  { cmd: 'set viewport 1280 720' },
  { cmd: 'set viewport 640 480 2', only: '0.19.0' },
  { cmd: 'eval devicePixelRatio', only: '0.19.0' },
  { cmd: 'set viewport 1280 720', only: '0.19.0' },
  { cmd: 'eval devicePixelRatio', only: '0.19.0' },
  { cmd: 'set geo 52.52 13.405' },
  { cmd: 'set geolocation 48.85 2.35' },
  { cmd: 'set offline on' },
  { cmd: 'eval navigator.onLine' },
  { cmd: 'set offline off' },
  { cmd: 'eval navigator.onLine' },
  { cmd: 'set headers \'{"X-Compat":"1"}\'' },
  { cmd: 'set headers nope' },
  { cmd: 'set credentials user pass' },
  { cmd: 'set media dark reduced-motion' },
  { cmd: 'eval "matchMedia(\'(prefers-color-scheme: dark)\').matches"' },
  { cmd: 'set media light' },
  { cmd: 'eval "matchMedia(\'(prefers-color-scheme: dark)\').matches"' },
  { cmd: "set device 'Nokia 9000'", stderr: 'prefix' },

  // ── Network ─────────────────────────────────────────────────────────────────────────────────
  { cmd: 'network requests --clear' },
  { cmd: 'network route **/compat/data.json --body \'{"mocked":true}\'' },
  { cmd: 'eval "fetch(\'/compat/data.json\').then((r) => r.text())"', ours: { stdout: '"{\\"mocked\\":true}"\n', reason: ROUTE_BODY } },
  { cmd: 'network unroute **/compat/data.json' },
  { cmd: 'eval "fetch(\'/compat/data.json\').then((r) => r.text())"' },
  { cmd: 'network route **/compat/blocked.json --abort' },
  { cmd: "eval \"fetch('/compat/blocked.json').then(() => 'loaded', () => 'failed')\"" },
  { cmd: 'network unroute' },
  {
    cmd: 'network requests --filter data.json',
    ours: { stdout: 'GET {{URL}}/compat/data.json (fetch)\nGET {{URL}}/compat/data.json (fetch)\n', reason: REQUESTS },
  },
  { cmd: 'network requests --clear' },
  { cmd: 'network requests' },
  { cmd: 'network nope' },

  // ── Storage and cookies ─────────────────────────────────────────────────────────────────────
  { cmd: 'storage local set k1 v1' },
  { cmd: 'storage local get k1' },
  { cmd: 'storage local' },
  { cmd: 'storage local clear' },
  { cmd: 'storage local get k1' },
  { cmd: 'storage session set s1 v2' },
  { cmd: 'storage session get s1' },
  { cmd: 'storage session' },
  { cmd: 'cookies set c1 v1' },
  { cmd: 'cookies' },
  { cmd: 'cookies get' },
  { cmd: 'cookies clear' },
  { cmd: 'cookies' },
  { cmd: 'cookies set c2 v2 --url {{URL}} --httpOnly', only: '0.19.0' },
  { cmd: '--json cookies get', only: '0.19.0' },
  { cmd: 'cookies clear', only: '0.19.0' },

  // ── Files: screenshots, PDF, trace, state, video ────────────────────────────────────────────
  { cmd: 'screenshot shot.png', ours: saved('shot.png') },
  { cmd: '--full screenshot full.png', ours: saved('full.png') },
  { cmd: 'screenshot -f full2.png', ours: saved('full2.png') },
  { cmd: 'screenshot', only: '0.6.0' },
  {
    cmd: 'screenshot',
    only: '0.19.0',
    // The reference names the file ~/.agent-browser/tmp/screenshots/screenshot-<time>-<random>.png.
    pattern: '^✓ Screenshot saved to (\\S+\\.png)\\n$',
    file: true,
  },
  { cmd: 'screenshot #title title.png', only: '0.19.0', ours: saved('title.png') },
  { cmd: '--screenshot-format jpeg screenshot shot.jpg', only: '0.19.0', ours: saved('shot.jpg') },
  {
    cmd: '--annotate screenshot annotated.png',
    only: '0.19.0',
    // The legend lists the interactive elements with their current names; ref numbers are this daemon's own (bound refs).
    pattern:
      '^✓ Screenshot saved to annotated\\.png\\n   \\[\\d+\\] @e\\d+ link "Second page"\\n   \\[\\d+\\] @e\\d+ link "Download file"\\n' +
      '   \\[\\d+\\] @e\\d+ button "Clicked 1"\\n   \\[\\d+\\] @e\\d+ button "Double clicked"\\n(   \\[\\d+\\] @e\\d+ .+\\n)*   \\[\\d+\\] @e\\d+ button "Log"\\n$',
    capture: { name: 'ANN', regex: '@(e\\d+) link "Download file"' },
    ours: {
      pattern:
        '^✓ Screenshot saved to \\{\\{DIR\\}\\}/annotated\\.png\\n   \\[\\d+\\] @e\\d+ link "Second page"\\n   \\[\\d+\\] @e\\d+ link "Download file"\\n' +
        '   \\[\\d+\\] @e\\d+ button "Click me"\\n   \\[\\d+\\] @e\\d+ button "Double me"\\n(   \\[\\d+\\] @e\\d+ .+\\n)*   \\[\\d+\\] @e\\d+ button "Log"\\n$',
      reason: `${ABSOLUTE}; ${SCALE_RESET}`,
    },
  },
  // The legend's refs are refs: the one printed for the download link names that link.
  { cmd: 'get attr @{{ANN}} href', only: '0.19.0' },
  { cmd: 'pdf page.pdf', ours: saved('page.pdf') },
  { cmd: 'trace start' },
  { cmd: 'trace stop trace.zip', ours: saved('trace.zip') },
  { cmd: 'state save state.json', ours: { pattern: '^✓ \\w+ saved to \\S+/states/state\\.json\\n$', reason: STATE_FOLDER } },
  {
    cmd: 'state load state.json',
    only: '0.6.0',
    ours: { pattern: '^✓ Screenshot saved to \\S+/states/state\\.json\\n$', reason: `${STATE_FOLDER}; ${STATE_LOAD}` },
  },
  {
    cmd: 'state load state.json',
    only: '0.19.0',
    ours: { code: 0, pattern: '^✓ State path set to \\S+/states/state\\.json\\n$', stderr: '', reason: `${STATE_FOLDER}; ${STATE_LOAD}` },
  },
  // The reference leaves the page as it was; loading state here reopens the tab, so the typed value is gone.
  { cmd: 'get value #name', ours: { stdout: '\n', reason: `${STATE_LOAD}; the tabs reopen with it` } },
  {
    cmd: 'state list',
    only: '0.19.0',
    ours: { pattern: '^Saved states in \\S+/\\.agent-browser/states\\n  state\\.json \\(\\d+B, \\d{4}-\\d\\d-\\d\\d\\)\\n$', reason: STATE_FOLDER },
  },
  {
    cmd: 'state show state.json',
    only: '0.19.0',
    ours: {
      code: 0,
      pattern: '^✓ Downloaded to \\S+/states/state\\.json \\(state\\.json\\)\\n$',
      stderr: '',
      reason: `${STATE_FOLDER} (the 0.19 CLI prints a found state's {filename, path} as a download)`,
    },
  },
  { cmd: 'state clean --older-than 30', only: '0.19.0' },
  {
    cmd: 'state clear',
    only: '0.19.0',
    ours: {
      code: 1,
      stdout: '',
      stderr:
        "✗ Pass sessionName (the state file to delete) or all: true (every state file). CLI: 'agent-browser state clear <name>' or 'state clear --all'.\n",
      reason: STATE_CLEAR,
    },
  },
  {
    cmd: 'state rename a b',
    only: '0.19.0',
    ours: {
      code: 1,
      stdout: '',
      stderr: "✗ State file not found: {{DIR}}/home/.agent-browser/states/a.json. Run 'agent-browser state list' to see the saved states.\n",
      reason: STATE_FOLDER,
    },
  },
  { cmd: 'fill #name Recorded' },
  { cmd: 'record start video.webm', ours: saved('video.webm', 'Recording started:') },
  { cmd: 'record restart video2.webm', ours: saved('video2.webm', 'Recording started:') },
  { cmd: 'record stop', ours: saved('video2.webm', 'Recording saved to') },
  { cmd: 'record stop' },
  // Recording must leave the page as it was (the reference records in a context of its own).
  { cmd: 'get value #name' },
  { cmd: 'profiler start', only: '0.19.0' },
  {
    cmd: 'profiler stop profile.json',
    only: '0.19.0',
    pattern: '^✓ Profile saved to profile\\.json \\(\\d+ events\\)\\n$',
    ours: { pattern: '^✓ Profile saved to \\{\\{DIR\\}\\}/profile\\.json \\(\\d+ events\\)\\n$', reason: ABSOLUTE },
  },
  // A fresh copy of the page, so what follows does not depend on how the steps above left it.
  { cmd: 'open {{URL}}/compat/index.html' },

  // ── 0.19 additions: downloads, diff, clipboard, inspect, devices, new tab ───────────────────
  { cmd: 'download #dl downloaded.txt', only: '0.19.0' },
  {
    cmd: 'get cdp-url',
    only: '0.19.0',
    ours: {
      stderr: '✗ Unknown action "cdp_url". Send {"action":"actions"} or run \'agent-browser actions\' to list the 145 valid ones.\n',
      reason: UNKNOWN_ACTION,
    },
  },
  { cmd: 'snapshot', only: '0.19.0', ours: { stdout: OURS.FULL, reason: BOUND_REFS } },
  { cmd: 'click #counter', only: '0.19.0' },
  {
    cmd: 'diff snapshot',
    only: '0.19.0',
    // Every line of the snapshot, changed ones marked; ref numbers are this daemon's own (bound refs).
    // The renamed button is the same element: it keeps its ref.
    pattern:
      '^  - document:\\n(  .*\\n)+-   - button "Click me" \\[ref=(?<ref>e\\d+)\\]\\n\\+   - button "Clicked 1" \\[ref=\\k<ref>\\]\\n(  .*\\n)+' +
      '    - paragraph: Bottom of the page\\n\\n1 additions, 1 removals, \\d+ unchanged\\n$',
    ours: {
      pattern:
        '^(  .*\\n){3}-   - button "Click me" \\[ref=(?<ref>e\\d+)\\]\\n\\+   - button "Clicked 1" \\[ref=\\k<ref>\\]\\n(  .*\\n){3}\\n1 additions, 1 removals, \\d+ unchanged\\n$',
      reason: DIFF_CONTEXT,
    },
  },
  { cmd: 'diff snapshot', only: '0.19.0' },
  {
    cmd: 'diff screenshot --baseline shot.png',
    only: '0.19.0',
    pattern: '^✗ \\d+(\\.\\d+)?% pixels differ\\n  Diff image: \\S+\\.png\\n  \\d+ different / \\d+ total pixels\\n$',
  },
  {
    cmd: 'diff screenshot --baseline full.png',
    only: '0.19.0',
    pattern: '^✗ Images have different dimensions\\n  Diff image: \\S+\\.png\\n  (\\d+) different / \\1 total pixels\\n$',
    ours: { pattern: '^✗ Images have different dimensions\\n  Diff image: \\S+\\.png\\n  \\d+ different / \\d+ total pixels\\n$', reason: DIFF_SIZES },
  },
  { cmd: 'diff url {{URL}}/compat/second.html {{URL}}/compat/frame.html', only: '0.19.0' },
  { cmd: 'clipboard write hello clipboard', only: '0.19.0' },
  { cmd: 'clipboard read', only: '0.19.0', ours: { code: 0, stdout: 'hello clipboard\n', stderr: '', reason: CLIPBOARD } },
  { cmd: 'clipboard', only: '0.19.0', ours: { code: 0, stdout: 'hello clipboard\n', stderr: '', reason: CLIPBOARD } },
  {
    cmd: 'inspect',
    only: '0.19.0',
    ours: {
      stderr: '✗ Unknown action "inspect". Send {"action":"actions"} or run \'agent-browser actions\' to list the 145 valid ones.\n',
      reason: UNKNOWN_ACTION,
    },
  },
  {
    cmd: 'device list',
    only: '0.19.0',
    ours: { code: 0, pattern: '^Simulators:\\n\\n(  ○ .+ \\(\\d+×\\d+ @[\\d.]+x (mobile|desktop)( touch)?\\)\\n    \\n)+$', stderr: '', reason: DEVICES },
  },
  { cmd: 'swipe up', only: '0.19.0', stderr: 'prefix', ours: { stderr: '✗ Unknown action "swipe"', reason: UNKNOWN_ACTION } },
  { cmd: 'open {{URL}}/compat/index.html', only: '0.19.0' },
  { cmd: 'click --new-tab #next-link', only: '0.19.0' },
  { cmd: 'tab', only: '0.19.0' },
  { cmd: 'tab 0', only: '0.19.0' },
  { cmd: 'tab close 1', only: '0.19.0' },
  {
    cmd: '--max-output 40 snapshot',
    only: '0.19.0',
    pattern: '^- document:\\n  - heading "Compat fixture"\\n\\[truncated: showing 40 of \\d+ chars\\. Use --max-output to adjust\\]\\n$',
  },
  { cmd: '--content-boundaries get text #title', only: '0.19.0' },

  // ── Tabs and windows ────────────────────────────────────────────────────────────────────────
  { cmd: 'tab new {{URL}}/compat/second.html' },
  { cmd: 'tab' },
  { cmd: 'tab list' },
  { cmd: 'tab 0' },
  { cmd: 'get title' },
  { cmd: 'tab 1' },
  { cmd: 'get title' },
  { cmd: 'tab close 1' },
  { cmd: 'tab new' },
  { cmd: 'tab close' },
  { cmd: 'tab 7', stderr: 'firstLine', ours: { stderr: "✗ Invalid tab index: 7. Available: 0. Run 'tab list' (tab_list) to see the tabs.\n", reason: ERRORS } },
  { cmd: 'tab' },
  { cmd: 'window new' },
  { cmd: 'tab' },
  { cmd: 'tab close 1' },
  { cmd: 'window nope' },

  // ── History ─────────────────────────────────────────────────────────────────────────────────
  { cmd: 'open {{URL}}/compat/second.html' },
  { cmd: 'back' },
  { cmd: 'get url' },
  { cmd: 'forward' },
  { cmd: 'get url' },
  { cmd: 'reload' },
  { cmd: 'goto {{URL}}/compat/index.html' },
  { cmd: 'navigate {{URL}}/compat/second.html' },
  { cmd: '--headers \'{"X-Compat-Header":"yes"}\' open {{URL}}/compat/index.html' },
  { cmd: '--executable-path /nonexistent/chrome get title' },
  { cmd: "set device 'iPhone 12'" },
  {
    cmd: 'eval "[innerWidth, innerHeight, devicePixelRatio, /iPhone/.test(navigator.userAgent), matchMedia(\'(pointer: coarse)\').matches]"',
    ours: { stdout: '[\n  980,\n  1669,\n  3,\n  true,\n  true\n]\n', reason: DEVICE },
  },
  { cmd: 'tap #counter', only: '0.19.0', ours: { code: 0, stdout: '✓ Done\n', stderr: '', reason: TAP } },
  { cmd: 'get text #counter', only: '0.19.0', ours: { stdout: 'Clicked 1\n', reason: TAP } },
  { cmd: 'set viewport 1280 720' },

  // ── 0.19 auth vault and confirmations (built in parallel; asserted per the reference) ───────
  { cmd: 'auth save site --url {{URL}}/compat/login.html --username alice --password secret', only: '0.19.0', group: AUTH, env: AUTH_ENV },
  { cmd: 'auth save other --url {{URL}}/compat/login.html --username bob --password-stdin', stdin: 'hunter2\n', only: '0.19.0', group: AUTH, env: AUTH_ENV },
  { cmd: 'auth list', only: '0.19.0', group: AUTH, env: AUTH_ENV },
  { cmd: 'auth show site', only: '0.19.0', group: AUTH, env: AUTH_ENV },
  { cmd: 'auth login site', only: '0.19.0', group: AUTH, env: AUTH_ENV },
  { cmd: 'get title', only: '0.19.0', group: AUTH },
  { cmd: 'auth delete other', only: '0.19.0', group: AUTH, env: AUTH_ENV },
  { cmd: 'auth list', only: '0.19.0', group: AUTH, env: AUTH_ENV },
  { cmd: 'auth show nobody', only: '0.19.0', group: AUTH, env: AUTH_ENV },
  { cmd: 'auth nope', only: '0.19.0', group: AUTH },
  { cmd: 'eval 1+1', session: GATE_SESSION, only: '0.19.0', group: AUTH, capture: { name: 'CID', regex: 'agent-browser confirm (\\S+)', normalize: true } },
  { cmd: 'confirm {{CID}}', session: GATE_SESSION, only: '0.19.0', group: AUTH },
  { cmd: 'eval 2+2', session: GATE_SESSION, only: '0.19.0', group: AUTH, capture: { name: 'CID2', regex: 'agent-browser confirm (\\S+)', normalize: true } },
  { cmd: 'deny {{CID2}}', session: GATE_SESSION, only: '0.19.0', group: AUTH },
  { cmd: 'confirm c_nope', session: GATE_SESSION, only: '0.19.0', group: AUTH, stderr: 'prefix' },
  { cmd: 'close', session: GATE_SESSION, only: '0.19.0', group: AUTH },

  // ── CDP and the end of the session ──────────────────────────────────────────────────────────
  { cmd: 'connect {{CDP}}' },
  { cmd: 'get url' },
  { cmd: '--cdp {{CDP}} get url' },
  { cmd: 'close' },
];

/** The steps `version` runs, in order. */
export function stepsFor(version: Version): Step[] {
  return STEPS.filter((step) => !step.only || step.only === version);
}
