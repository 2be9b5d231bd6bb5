import os from 'node:os';
import path from 'node:path';

/** Where a screenshot sent without a path is saved: `<dir>/screenshot-<time>-<random>.<ext>`. */
export function screenshotFile(format: 'png' | 'jpeg' | undefined, dir = path.join(os.tmpdir(), 'agent-browser', 'screenshots')): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const random = Math.random().toString(36).slice(2, 8);
  return path.resolve(dir, `screenshot-${stamp}-${random}.${format === 'jpeg' ? 'jpg' : 'png'}`);
}
