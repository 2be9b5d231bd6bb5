/** Pieces shared by the `state` commands (saved storage-state files in the state folder). */
import path from 'node:path';

/**
 * What `state save|load <arg>` sends: a bare name (`login`, `login.json`: no path separator) names
 * a file in the daemon's state folder and goes as-is; anything else is a path, made absolute here
 * because the daemon has another working folder.
 */
export function statePathArg(value: string): string {
  return /[\\/]/.test(value) || value === '~' ? path.resolve(value) : value;
}

/** `1.2 KB`, `532 B`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** `2025-01-31 14:05` in local time, from an ISO string. */
export function formatModified(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
