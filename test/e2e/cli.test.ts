/**
 * A user's session through the `agent-browser` CLI as child processes, against a real page:
 * the printed text and exit codes a shell user (or an agent reading stdout) relies on. The same
 * flow runs over the Unix socket and over TCP (the CLI handles the TCP token itself).
 */
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, type CliResult } from '../helpers/cli.js';
import { makeSocketDir, testEnv } from '../helpers/daemon.js';
import { alive, descendants, eventually, isPng, pngSize } from '../helpers/e2e.js';
import { startPageServer, type PageServer } from '../helpers/server.js';

function cliSuite(transport: 'unix' | 'tcp', full: boolean) {
  const test = suite(`cli (${transport})`);
  const session = `cli${transport}${process.pid}`;
  let dir = '';
  let env: NodeJS.ProcessEnv = {};
  let server: PageServer;
  let url = '';
  let daemonPid = 0;
  let setupError: unknown = null;
  const refs: Record<string, string> = {};

  /** Runs the CLI with global flags before the command, as oqto's backend does. */
  const cli = (...args: string[]) => runCli(['--session', session, ...args], { env, cwd: dir });
  /** Runs the CLI with the global flags after the command. */
  const cliAfter = (...args: string[]) => runCli([...args, '--session', session], { env, cwd: dir });

  function succeeded(result: CliResult, label: string) {
    assert.is(result.code, 0, `${label} exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  }

  /** Runs a command that must succeed and returns its stdout without the final newline. */
  async function out(...args: string[]): Promise<string> {
    const result = await cli(...args);
    succeeded(result, args.join(' '));
    assert.ok(result.stdout.endsWith('\n'), `${args.join(' ')} ends its output with a newline`);
    return result.stdout.slice(0, -1);
  }

  test.before(async () => {
    try {
      dir = makeSocketDir();
      // TMPDIR: screenshots without a path go to the temp folder; keep them in ours.
      env = testEnv(dir, { TMPDIR: dir, AGENT_BROWSER_DEFAULT_TIMEOUT: '1500', AGENT_BROWSER_TRANSPORT: transport });
      server = await startPageServer();
      url = server.url('/e2e/actions.html');
    } catch (error) {
      setupError = error;
    }
  });
  test.before.each(() => {
    if (setupError) throw setupError;
  });
  test.after(async () => {
    try {
      if (fs.existsSync(path.join(dir, `${session}.pid`)))
        await runCli(['--session', session, 'close'], { env, cwd: dir, timeoutMs: 30_000 }).catch(() => undefined);
      if (daemonPid && alive(daemonPid)) process.kill(daemonPid, 'SIGKILL');
    } finally {
      await server?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('open <url> prints ✓ <title> and the URL, starting the daemon', async () => {
    const result = await cli('open', url);
    succeeded(result, 'open');
    assert.is(result.stdout, `✓ Actions\n  ${url}\n`);
    assert.is(result.stderr, '');
    daemonPid = Number(fs.readFileSync(path.join(dir, `${session}.pid`), 'utf8'));
    assert.ok(alive(daemonPid), 'daemon runs after the CLI exited');
    if (transport === 'tcp') {
      assert.ok(fs.existsSync(path.join(dir, `${session}.port`)), '.port file');
      assert.ok(fs.existsSync(path.join(dir, `${session}.token`)), 'token file');
      assert.not.ok(fs.existsSync(path.join(dir, `${session}.sock`)), 'no unix socket with TCP');
    } else {
      assert.ok(fs.existsSync(path.join(dir, `${session}.sock`)), 'socket file');
    }
  });

  test('snapshot -i prints the interactive elements with refs', async () => {
    const text = await out('snapshot', '-i');
    const lines = text.split('\n');
    for (const line of lines) assert.match(line, /^- \w+( ".*")? \[ref=e\d+\]/);
    const find = (pattern: RegExp) => {
      const line = lines.find((l) => pattern.test(l));
      assert.ok(line, `${pattern} in:\n${text}`);
      return /\[ref=(e\d+)\]/.exec(line!)![1]!;
    };
    refs.name = find(/^- textbox "Name" /);
    refs.click = find(/^- button "Click me" /);
    refs.agree = find(/^- checkbox "Agree" /);
    refs.bio = find(/^- textbox "Bio" /);
  });

  test('fill @eN <text> by ref changes the field (get value shows it)', async () => {
    const result = await cli('fill', `@${refs.name}`, 'Ada', 'Lovelace');
    succeeded(result, 'fill');
    assert.is(result.stdout, '✓ Done\n');
    assert.is(await out('get', 'value', `@${refs.name}`), 'Ada Lovelace');
    assert.is(await out('get', 'value', '#name'), 'Ada Lovelace');
  });

  test('click @eN by ref runs the page handler (get text shows it)', async () => {
    assert.is(await out('click', `@${refs.click}`), '✓ Done');
    assert.is(await out('get', 'text', '#counter'), 'Clicked 1');
  });

  test('get url | title print raw values', async () => {
    assert.is(await out('get', 'url'), url);
    assert.is(await out('get', 'title'), 'Actions');
  });

  if (full) {
    test('get text | html | value | attr | count print raw values', async () => {
      assert.is(await out('get', 'text', '#heading'), 'Actions page');
      assert.is(await out('get', 'html', '#rich'), '<b>bold</b> and <i>italic</i>');
      assert.is(await out('get', 'value', '#bio'), 'Hello');
      assert.is(await out('get', 'attr', '#heading', 'data-kind'), 'title');
      assert.is(await out('get', 'attr', '#heading', 'data-none'), '', 'absent attribute prints an empty line');
      assert.is(await out('get', 'count', 'li.item'), '3');
      assert.is(await out('get', 'count', '.nothing'), '0');
    });

    test('is visible | enabled | checked print true/false', async () => {
      assert.is(await out('is', 'visible', '#counter'), 'true');
      assert.is(await out('is', 'visible', '#hidden-button'), 'false');
      assert.is(await out('is', 'enabled', '#counter'), 'true');
      assert.is(await out('is', 'enabled', '#disabled'), 'false');
      assert.is(await out('is', 'checked', '#agree'), 'false');
    });

    test('check / uncheck by ref toggle the checkbox', async () => {
      assert.is(await out('check', `@${refs.agree}`), 'true', 'the reference prints `checked` data as true');
      assert.is(await out('is', 'checked', '#agree'), 'true');
      await out('uncheck', `@${refs.agree}`);
      assert.is(await out('is', 'checked', `@${refs.agree}`), 'false');
    });

    test('select picks an option (get value shows it)', async () => {
      await out('select', '#colour', 'blue');
      assert.is(await out('get', 'value', '#colour'), 'blue');
    });

    test('type appends key by key; press Enter submits the form', async () => {
      await out('fill', '#name', '');
      await out('type', '#name', 'Grace', 'Hopper');
      assert.is(await out('get', 'value', '#name'), 'Grace Hopper');
      await out('focus', '#name');
      assert.is(await out('press', 'Enter'), '✓ Done');
      assert.is(await out('get', 'text', '#status'), 'Submitted Grace Hopper');
    });

    test('wait --text waits for text that appears later', async () => {
      await out('click', '#later');
      const result = await cli('wait', '--text', 'Arrived late');
      succeeded(result, 'wait --text');
      assert.is(await out('get', 'text', '#late'), 'Arrived late');
    });

    test('hover, scroll and scrollintoview act on the page', async () => {
      await out('hover', '#hover-target');
      assert.is(await out('get', 'text', '#status'), 'Hovered');
      await out('scroll', 'down', '500');
      assert.is(await out('eval', 'window.scrollY'), '500');
      await out('scrollintoview', '#bottom');
      assert.ok(Number(await out('eval', 'window.scrollY')) > 2000);
    });

    test('snapshot (full) prints the tree; -s scopes it; -d limits depth', async () => {
      const full = await out('snapshot');
      assert.ok(full.startsWith('- document:\n'), full);
      assert.ok(full.includes('- heading "Actions page" [ref='), full);
      const scoped = await out('snapshot', '-s', '#list');
      assert.is(scoped, '- list:\n  - listitem: One\n  - listitem: Two\n  - listitem: Three');
      const shallow = await out('snapshot', '-d', '0');
      assert.is(shallow, '- document:');
    });

    test('back / forward / reload print the URL', async () => {
      const second = server.url('/e2e/second.html');
      await out('open', second);
      assert.is(await out('back'), url);
      assert.is(await out('forward'), second);
      assert.is(await out('reload'), second);
      await out('open', url);
    });
  }

  test('emulatemedia dark (as oqto’s backend runs it, --session first) sets the color scheme like set media', async () => {
    assert.is(await out('emulatemedia', 'dark'), '✓ Done');
    assert.is(await out('eval', "matchMedia('(prefers-color-scheme: dark)').matches"), 'true');
    await out('set', 'media', 'light');
    assert.is(await out('eval', "matchMedia('(prefers-color-scheme: dark)').matches"), 'false');
  });

  test('eval prints the result as JSON', async () => {
    assert.is(await out('eval', '[1 + 1, document.title, { ok: true }]'), JSON.stringify([2, 'Actions', { ok: true }], null, 2));
    assert.is(await out('eval', 'document.querySelectorAll("li.item").length'), '3');
  });

  test('screenshot <path> writes the file and prints ✓ Screenshot saved to <absolute path>', async () => {
    const result = await cli('screenshot', 'shots/page.png');
    succeeded(result, 'screenshot');
    const file = path.join(dir, 'shots', 'page.png');
    assert.is(result.stdout, `✓ Screenshot saved to ${file}\n`);
    assert.equal(pngSize(fs.readFileSync(file)), { width: 1280, height: 720 });
  });

  test('screenshot without a path saves to a temp file it names', async () => {
    const result = await cli('screenshot');
    succeeded(result, 'screenshot');
    const match = /^✓ Screenshot saved to (.+)\n$/.exec(result.stdout);
    assert.ok(match, result.stdout);
    const file = match![1]!;
    assert.ok(path.isAbsolute(file), file);
    assert.ok(file.startsWith(dir + path.sep), `${file} is in the temp folder ${dir}`);
    assert.ok(isPng(fs.readFileSync(file)));
  });

  test('screenshot --annotate prints the saved file and one line per number: [N] @eN role "name"', async () => {
    const result = await cli('screenshot', '--annotate', 'shots/labelled.png');
    succeeded(result, 'screenshot --annotate');
    const [saved, ...legend] = result.stdout.trimEnd().split('\n');
    assert.is(saved, `✓ Screenshot saved to ${path.join(dir, 'shots', 'labelled.png')}`);
    assert.ok(legend.includes(`   [${refs.name!.slice(1)}] @${refs.name} textbox "Name"`), result.stdout);
    for (const line of legend) assert.match(line, /^ {3}\[(\d+)\] @e\1 \w+( ".*")?$/);
  });

  test('set device --list prints each device with its emulation', async () => {
    const lines = (await out('set', 'device', '--list')).split('\n');
    assert.ok(lines.length > 50);
    assert.ok(
      lines.some((line) => /^iPhone 14 +390×664 @3x mobile touch$/.test(line)),
      lines.slice(0, 5).join('\n'),
    );
  });

  test('--json prints exactly {"success":true,"data":{…},"error":null}', async () => {
    const result = await cliAfter('get', 'title', '--json');
    succeeded(result, 'get title --json');
    assert.is(result.stdout, '{"success":true,"data":{"title":"Actions"},"error":null}\n');
    const count = await cli('--json', 'get', 'count', 'li.item');
    assert.equal(count.json, { success: true, data: { count: 3 }, error: null });
  });

  test('--json on failure prints {"success":false,…} and exits 1', async () => {
    const result = await cli('--json', 'click', '#nope');
    assert.is(result.code, 1, result.stdout + result.stderr);
    assert.ok(result.json, `stdout is JSON: ${result.stdout}`);
    assert.is(result.json.success, false);
    assert.is(result.json.data, null);
    assert.type(result.json.error, 'string');
    assert.ok(result.json.error.includes('#nope'), result.json.error);
    assert.ok(result.stdout.startsWith('{"success":false,'), result.stdout);
  });

  test('a failing command prints ✗ <message> on stderr and exits 1', async () => {
    const result = await cli('click', '#nope');
    assert.is(result.code, 1);
    assert.is(result.stdout, '');
    assert.ok(result.stderr.startsWith('✗ Element "#nope" not found'), result.stderr);
    assert.not.ok(/\u001b\[/.test(result.stderr), 'no colour codes without a terminal');
    const stale = await cli('click', '@e999');
    assert.is(stale.code, 1);
    assert.ok(stale.stderr.startsWith('✗ Unknown ref "@e999"'), stale.stderr);
  });

  test('close prints ✓ Browser closed; the daemon, its Chromium and its files are gone', async () => {
    const chromium = descendants(daemonPid);
    assert.ok(chromium.length > 0, 'the daemon runs a browser');
    const result = await cliAfter('close');
    succeeded(result, 'close');
    assert.is(result.stdout, '✓ Browser closed\n');
    assert.ok(await eventually(() => !alive(daemonPid)), 'daemon exited');
    assert.ok(await eventually(() => chromium.every((pid) => !alive(pid))), 'its browser processes exited');
    for (const ext of ['sock', 'pid', 'port', 'token']) assert.not.ok(fs.existsSync(path.join(dir, `${session}.${ext}`)), `${session}.${ext} removed`);
    const again = await cli('close');
    succeeded(again, 'close when nothing runs');
  });

  test.run();
}

cliSuite('unix', true);
cliSuite('tcp', false);
