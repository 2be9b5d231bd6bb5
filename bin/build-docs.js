#!/usr/bin/env node
// Regenerates docs/actions.md from the action registry (run after `npm run build`).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionRows, renderActionTable } from '../dist/docs/action-table.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rows = await actionRows(root);
fs.writeFileSync(path.join(root, 'docs', 'actions.md'), renderActionTable(rows));
const missing = rows.filter((r) => r.tests.length === 0).map((r) => r.action);
console.log(`docs/actions.md: ${rows.length} actions${missing.length ? `; without a test: ${missing.join(', ')}` : ', all tested'}`);
