/**
 * The guide `agent-browser skill` prints: how an LLM agent drives the browser with this CLI.
 * A unit test checks that every command and flag it shows exists and that every error code it
 * names is one the daemon sends, so keep commands in `agent-browser …` lines or backticks.
 */
export const SKILL = `# agent-browser: driving a browser from the shell

Each command is one short CLI call. A daemon per session keeps one Chromium (and your pages)
alive between calls, so state carries over from one command to the next.

## The loop: snapshot → ref → action

  agent-browser open https://example.com/login   # starts the daemon and the browser on demand
  agent-browser snapshot -i                       # interactive elements only, each with a ref
    - textbox "Email" [ref=e3]
    - textbox "Password" [ref=e4]
    - button "Sign in" [ref=e5]
  agent-browser fill @e3 ada@example.com          # a ref works wherever a selector does
  agent-browser fill @e4 hunter2
  agent-browser click @e5
  agent-browser snapshot -i                       # the page changed: look again

1. \`snapshot -i\` lists what you can act on. Plain \`snapshot\` is the whole tree; add -c (compact),
   -d <n> (depth) or -s <selector> (one part of the page) when it is long.
2. Act with the refs: \`click\`, \`fill\`, \`type\`, \`select\`, \`check\`, \`press\`, \`hover\`, \`scroll\`.
3. Take a new snapshot after anything that changes the page, then use the new refs.

Refs (@e3, ref=e3, e3) belong to the last snapshot of the tab they came from. After the tab
navigates (a link, a form submit, \`open\`, \`back\`, \`reload\`) its refs are stale and fail at once:
snapshot again. CSS (#email) and Playwright selectors (text=Sign in) work too, but a selector
that matches several elements fails; refs never do.

## Reading the page

  agent-browser get text @e7            # also: get value, get url, get title, get count <sel>
  agent-browser is visible "#banner"    # also: is enabled, is checked
  agent-browser eval "document.title"
  agent-browser screenshot page.png

## Waiting

Actions wait for their element by themselves (up to the timeout, 25 s unless configured).
Wait explicitly only for what the page does on its own:

  agent-browser wait "#results"                 # an element appears (--state hidden: goes away)
  agent-browser wait --text "Saved"             # text appears
  agent-browser wait --url "**/dashboard"       # the URL changes
  agent-browser wait --load networkidle         # the page settles
  agent-browser wait 500                        # a fixed pause: the last resort

## Many steps in one call: batch

  agent-browser batch "open https://example.com/login" "fill #email ada@example.com" "click #submit" "wait --url **/home" "snapshot -i"

One connection, steps in order, each printed as its own command would print it. It stops at
the first failure and says which step; --keep-going runs the rest. Steps may also come on
stdin, one command (or JSON request) per line.

## Output for programs: --json

Every command takes --json and prints one line:
  {"success":true,"data":{...},"error":null}
  {"success":false,"data":null,"error":"Unknown ref \\"@e9\\" ...","code":"UNKNOWN_REF"}
The exit code is 1 on failure. Branch on the code; the error text says what to do next.

## Sessions and tabs

  agent-browser --session research open https://example.org   # its own daemon, browser, cookies
  agent-browser session list                                   # the sessions that run
  agent-browser tab new https://example.net                    # also: tab (list), tab 1, tab close
  agent-browser close                                          # ends the session's browser and daemon

Without --session everything uses the session "default" (or AGENT_BROWSER_SESSION).
\`daemon status\` shows what a session runs; \`doctor\` checks the setup when nothing works.

## Saved logins and confirmations

  agent-browser auth list                    # the saved logins (never their passwords)
  agent-browser auth login github            # opens its page, fills the form, submits
  agent-browser confirm c_2f9e…              # an action answered "needs confirmation": run it
  agent-browser deny c_2f9e…                 # … or drop it (ids expire after 60 s)

Ask the person for a confirmation before you confirm; never ask for or print passwords.

## Errors and how to recover

  UNKNOWN_REF          no snapshot of this tab printed that ref → \`snapshot -i\`, use a ref from it
  STALE_REF            that element is gone (removed, re-rendered, or the page navigated) → \`snapshot -i\`
  ELEMENT_NOT_FOUND    nothing matches → \`snapshot -i\`; check \`get url\`; \`wait\` for it if it loads late
  AMBIGUOUS_SELECTOR   several elements match → use a ref from \`snapshot -i\`, or a narrower selector
  ELEMENT_BLOCKED      something covers it (modal, cookie banner) → snapshot, dismiss it, retry
  ELEMENT_NOT_VISIBLE  hidden or off-screen → \`scrollintoview\` it, or open what hides it
  ELEMENT_DISABLED     the page has not enabled it yet → fill the required fields, \`wait\`, retry
  ELEMENT_NOT_EDITABLE the field is read-only → \`snapshot -i\` for the right field
  WRONG_ELEMENT        fill/select/check/upload on the wrong kind of element → pick the field itself
  OPTION_NOT_FOUND     select: no such option; the message lists them → pick one of those
  TIMEOUT              not done in time → wait for the right condition first; \`daemon status\`
                       shows what runs; \`close\` starts over
  NAVIGATION_FAILED    the URL did not load → check it; is the server up?
  BROWSER_CLOSED       the browser went away → run the command again: the next one relaunches it
                       (pages are lost: \`open\` the URL again)
  TAB_CLOSED           the tab closed itself → \`tab\` lists the others; the next command uses one
  BROWSER_NOT_FOUND    no Chrome/Chromium → \`doctor\` says what to install or set
  INVALID_PARAMS       a wrong argument → the command's --help
  UNKNOWN_ACTION       no such action → \`actions\` lists them
`;
