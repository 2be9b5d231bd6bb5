import { spawn, spawnSync } from 'node:child_process';
import { CLI } from './paths.js';

/** Whether util-linux's `script` is here to give a command a real pseudo-terminal. */
export function hasScript(): boolean {
  return spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
}

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * Runs `bin/run.js` on a real pseudo-terminal (util-linux `script`), as in a person's shell:
 * stdout and stderr are both the terminal, so `output` is what the terminal received, in order.
 */
export function runInTerminal(
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number },
): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['--quiet', '--return', '--flush', '--command', command, '/dev/null'], {
      env: { TERM: 'xterm-256color', ...options.env, SHELL: '/bin/sh' },
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`agent-browser ${args.join(' ')} (on a terminal) did not finish\n${output}`));
    }, options.timeoutMs ?? 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * What a terminal shows once `output` has been written to it: carriage returns go back to the
 * start of the line, `ESC[2K` erases it, colour codes draw nothing. Empty lines are dropped.
 */
export function visibleLines(output: string): string[] {
  return output
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => {
      let text: string[] = [];
      let column = 0;
      for (let i = 0; i < line.length; i++) {
        const rest = line.slice(i);
        const escape = /^\u001b\[([0-9;]*)([A-Za-z])/.exec(rest);
        if (escape) {
          if (escape[2] === 'K' && escape[1] === '2') text = [];
          i += escape[0].length - 1;
        } else if (line[i] === '\r') {
          column = 0;
        } else {
          text[column++] = line[i]!;
        }
      }
      return text.join('').trimEnd();
    })
    .filter((line) => line !== '');
}

/** The spinner's frames (braille dots). */
export const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;
