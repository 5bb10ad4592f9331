/** One time bucket of the bench: exams closed per minute and API p99 within it. */
export interface BenchPoint {
  /** seconds since the first intake */
  t: number;
  examsPerMinute: number;
  /** p99 of every API call that ended in the bucket, ms */
  p99Ms: number;
  /** p99 of the task list calls that ended in the bucket, ms */
  taskListP99Ms: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function panel(points: BenchPoint[], lines: { key: keyof BenchPoint; colour: string; label: string }[], top: number, title: string, unit: string): string {
  const w = 720;
  const h = 200;
  const left = 60;
  const tMax = Math.max(1, ...points.map((p) => p.t));
  const yMax = Math.max(1, ...points.flatMap((p) => lines.map((l) => p[l.key])));
  const x = (t: number) => left + (t / tMax) * (w - left - 20);
  const y = (v: number) => top + h - (v / yMax) * h;
  const out = [`<text x="${left}" y="${top - 8}" font-size="13" font-weight="bold">${esc(title)}</text>`];
  out.push(`<line x1="${left}" y1="${top + h}" x2="${w - 20}" y2="${top + h}" stroke="#888"/><line x1="${left}" y1="${top}" x2="${left}" y2="${top + h}" stroke="#888"/>`);
  for (let i = 0; i <= 4; i += 1) {
    const v = (yMax * i) / 4;
    out.push(`<text x="${left - 6}" y="${y(v) + 4}" font-size="10" text-anchor="end">${Math.round(v)}</text>`);
    out.push(`<line x1="${left}" y1="${y(v)}" x2="${w - 20}" y2="${y(v)}" stroke="#eee"/>`);
  }
  out.push(`<text x="${w - 20}" y="${top + h + 16}" font-size="10" text-anchor="end">${Math.round(tMax)} s</text><text x="${left}" y="${top + h + 16}" font-size="10">0 s</text>`);
  out.push(`<text x="14" y="${top + h / 2}" font-size="10" transform="rotate(-90 14 ${top + h / 2})" text-anchor="middle">${esc(unit)}</text>`);
  lines.forEach((l, i) => {
    const d = points.map((p, j) => `${j === 0 ? 'M' : 'L'}${x(p.t).toFixed(1)},${y(p[l.key]).toFixed(1)}`).join(' ');
    out.push(`<path d="${d}" fill="none" stroke="${l.colour}" stroke-width="2"/>`);
    out.push(`<rect x="${left + 10 + i * 170}" y="${top + 4}" width="10" height="10" fill="${l.colour}"/><text x="${left + 24 + i * 170}" y="${top + 13}" font-size="11">${esc(l.label)}</text>`);
  });
  return out.join('\n');
}

/** The bench's chart: throughput (exams closed per minute) and API p99 over time, as a standalone SVG. */
export function benchChart(points: BenchPoint[], caption: string): string {
  const body = [
    panel(points, [{ key: 'examsPerMinute', colour: '#1f77b4', label: 'exams closed / min' }], 40, 'Throughput', 'exams/min'),
    panel(points, [{ key: 'p99Ms', colour: '#d62728', label: 'all API calls p99' }, { key: 'taskListP99Ms', colour: '#2ca02c', label: 'task list p99' }], 300, 'API latency p99 per bucket', 'ms'),
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="740" height="540" font-family="sans-serif">\n<rect width="740" height="540" fill="white"/>\n<text x="60" y="18" font-size="12">${esc(caption)}</text>\n${body.join('\n')}\n</svg>\n`;
}
