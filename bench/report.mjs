// Medians, ratios and targets, printed as one Markdown table.

export const PEERS = ['v06', 'latest'];
const PEER_NAMES = { v06: '0.6.0', latest: 'latest' };

export function median(values) {
  if (!values?.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const check = (label, ok) => [label, ok];
const le = (a, b, slack = 0) => (a == null || b == null ? null : a <= b + slack);

/**
 * Targets per kind of row: each is [label, true | false | null (not measurable)]. A page operation
 * should take at most 1.1 × the Rust peer (latest), or no more than the floor where the README names
 * the check that makes it slower than that peer.
 */
const TARGETS = {
  op: (m) => [
    check('≤ 1.1 × latest', m.latest == null || m.ours == null ? null : m.ours <= 1.1 * m.latest),
    check('≤ floor', le(m.ours, m.floor)),
    check('≤ fastest peer', le(m.ours, m.peer)),
  ],
  snapshotTable: (m) => [check('≤ floor', le(m.ours, m.floor)), check('≤ fastest peer', le(m.ours, m.peer))],
  size: (m) => [check('≤ smallest peer', le(m.ours, m.peer))],
  cli: (m) => [check('≤ 1.15 × node -e 0', m.floor == null ? null : le(m.ours, 1.15 * m.floor)), check('≤ fastest peer', le(m.ours, m.peer))],
  spawn: (m) => [check('≤ 200 ms', le(m.ours, 200)), check('≤ fastest peer', le(m.ours, m.peer))],
  peer: (m) => [check('≤ fastest peer', le(m.ours, m.peer))],
  rss: (m) => [check('≤ 100 MiB', le(m.ours, 100))],
  batch: (m) => [check('< fastest peer', m.ours == null || m.peer == null ? null : m.ours < m.peer)],
  // Issue 11: a target that cannot take the action is refused within a second, and never slower than 2 × the Rust peer + 200 ms.
  hangUp: (m) => [check('≤ 100 ms', le(m.ours, 100))],
  refuse: (m) => [check('≤ 1 s', le(m.ours, 1000)), check('≤ 2 × latest + 200 ms', m.ours == null || m.latest == null ? null : m.ours <= 2 * m.latest + 200)],
};

export function number(value, unit) {
  if (value == null) return '—';
  if (unit === 'bytes') return `${(value / 1024).toFixed(1)} KiB`;
  if (unit === 'MiB') return value.toFixed(1);
  return value < 1 ? value.toFixed(3) : value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
}

const clean = (text) => String(text).replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 90);

function cellText(cell, unit) {
  if (!cell) return '—';
  if (cell.na) return `n/a: ${clean(cell.na)}`;
  if (cell.error) return `error: ${clean(cell.error)}`;
  const value = number(median(cell.samples), unit);
  return cell.alt?.length ? `${value} (${cell.altLabel} ${number(median(cell.alt), unit)})` : value;
}

/**
 * rows: [{ id, label, unit, kind }]; results: { [rowId]: { floor, ours, v06, latest } } where a cell is
 * { samples } | { error } | { na }, optionally with alt samples (e.g. the floor including formatting).
 */
export function renderTable(rows, results, peerTitles) {
  const lines = [
    `| operation | floor | ours | ${peerTitles.v06} | ${peerTitles.latest} | ours / floor | ours / fastest peer | target |`,
    '|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const row of rows) {
    const cells = results[row.id];
    if (!cells) continue;
    const med = (key) => (cells[key] && !cells[key].error && !cells[key].na ? median(cells[key].samples) : null);
    const ours = med('ours');
    const floor = med('floor');
    const peers = PEERS.map((key) => ({ key, value: med(key) })).filter((peer) => peer.value != null);
    const fastest = peers.sort((a, b) => a.value - b.value)[0];
    const vsFloor =
      ours != null && floor
        ? `${(ours / floor).toFixed(2)}×${row.unit === 'ms' ? ` (${ours >= floor ? '+' : '−'}${number(Math.abs(ours - floor))} ms)` : ''}`
        : '—';
    const vsPeer = ours != null && fastest ? `${(ours / fastest.value).toFixed(2)}× (${PEER_NAMES[fastest.key]})` : '—';
    const target =
      row.kind === 'info'
        ? ''
        : TARGETS[row.kind]({ ours, floor, peer: fastest?.value ?? null, latest: med('latest') })
            .map(([label, ok]) => `${ok == null ? '–' : ok ? '✓' : '✗'} ${label}`)
            .join(', ');
    const unit = row.unit === 'bytes' ? '' : ` (${row.unit})`;
    lines.push(
      `| ${row.label}${unit} | ${[cells.floor, cells.ours, cells.v06, cells.latest].map((cell) => cellText(cell, row.unit)).join(' | ')} | ${vsFloor} | ${vsPeer} | ${target} |`,
    );
  }
  return lines.join('\n');
}
