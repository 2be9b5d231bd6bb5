import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'bin', 'run.js');
export const DAEMON_ENTRY = path.join(ROOT, 'dist', 'daemon', 'main.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
