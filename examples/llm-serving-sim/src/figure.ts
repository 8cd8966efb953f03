/** One point series of {@link scatterSvg}. */
export interface ScatterSeries {
  /** Legend label. */
  readonly name: string;
  /** CSS colour. */
  readonly color: string;
  /** x values (NaN or ≤ 0 points are skipped on log axes). */
  readonly x: ArrayLike<number>;
  /** y values. */
  readonly y: ArrayLike<number>;
}

/** One group of bars of {@link barSvg}. */
export interface BarGroup {
  /** Group label on the x axis. */
  readonly label: string;
  /** One value per series, in [0, 1]. */
  readonly values: readonly number[];
}

const W = 640;
const H = 420;
const M = { l: 64, r: 16, t: 28, b: 52 };

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A log-log scatter plot (predicted vs true) as a standalone SVG string, with the y = x diagonal.
 *
 * @param title - plot title
 * @param xLabel - x-axis label
 * @param yLabel - y-axis label
 * @param series - point series
 * @param range - [min, max] of both axes (> 0)
 * @returns SVG text
 */
export function scatterSvg(title: string, xLabel: string, yLabel: string, series: readonly ScatterSeries[], range: [number, number]): string {
  const [lo, hi] = range;
  const lx = (v: number): number => M.l + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (W - M.l - M.r);
  const ly = (v: number): number => H - M.b - ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (H - M.t - M.b);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="14">${esc(title)}</text>`,
  ];
  for (let d = Math.ceil(Math.log10(lo)); d <= Math.floor(Math.log10(hi)); d++) {
    const v = 10 ** d;
    parts.push(
      `<line x1="${lx(v)}" y1="${M.t}" x2="${lx(v)}" y2="${H - M.b}" stroke="#ddd"/>`,
      `<line x1="${M.l}" y1="${ly(v)}" x2="${W - M.r}" y2="${ly(v)}" stroke="#ddd"/>`,
      `<text x="${lx(v)}" y="${H - M.b + 16}" text-anchor="middle">${v}</text>`,
      `<text x="${M.l - 6}" y="${ly(v) + 4}" text-anchor="end">${v}</text>`,
    );
  }
  parts.push(
    `<line x1="${lx(lo)}" y1="${ly(lo)}" x2="${lx(hi)}" y2="${ly(hi)}" stroke="#000" stroke-dasharray="4 3"/>`,
    `<text x="${W / 2}" y="${H - 12}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text transform="translate(16 ${H / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
  );
  series.forEach((s, k) => {
    const pts: string[] = [];
    for (let i = 0; i < s.x.length; i++) {
      const x = s.x[i] ?? Number.NaN;
      const y = s.y[i] ?? Number.NaN;
      if (!(x >= lo && x <= hi && y >= lo && y <= hi)) continue;
      pts.push(`<circle cx="${lx(x).toFixed(0)}" cy="${ly(y).toFixed(0)}" r="1.6"/>`);
    }
    parts.push(`<g fill="${s.color}" fill-opacity="0.45">${pts.join('')}</g>`);
    parts.push(
      `<rect x="${M.l + 10}" y="${M.t + 8 + 16 * k}" width="10" height="10" fill="${s.color}"/>`,
      `<text x="${M.l + 26}" y="${M.t + 17 + 16 * k}">${esc(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/**
 * A grouped bar chart of fractions (e.g. p95 exceedance per queue-position bucket) with a reference line.
 *
 * @param title - plot title
 * @param names - series names (legend), one per value in each group
 * @param colors - series colours
 * @param groups - bar groups
 * @param reference - horizontal reference line (e.g. 0.05)
 * @returns SVG text
 */
export function barSvg(title: string, names: readonly string[], colors: readonly string[], groups: readonly BarGroup[], reference: number): string {
  let top = reference * 1.2;
  for (const g of groups) for (const v of g.values) if (Number.isFinite(v)) top = Math.max(top, v);
  top = Math.ceil(top * 10) / 10;
  const y = (v: number): number => H - M.b - (v / top) * (H - M.t - M.b);
  const gw = (W - M.l - M.r) / Math.max(1, groups.length);
  const bw = (gw * 0.8) / Math.max(1, names.length);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="14">${esc(title)}</text>`,
  ];
  for (let k = 0; k <= 5; k++) {
    const v = (top * k) / 5;
    parts.push(
      `<line x1="${M.l}" y1="${y(v)}" x2="${W - M.r}" y2="${y(v)}" stroke="#ddd"/>`,
      `<text x="${M.l - 6}" y="${y(v) + 4}" text-anchor="end">${(100 * v).toFixed(0)} %</text>`,
    );
  }
  groups.forEach((g, i) => {
    g.values.forEach((v, j) => {
      if (!Number.isFinite(v)) return;
      const x = M.l + i * gw + gw * 0.1 + j * bw;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(bw - 2).toFixed(1)}" height="${(H - M.b - y(v)).toFixed(1)}" fill="${colors[j] ?? '#888'}"/>`);
    });
    parts.push(`<text x="${M.l + i * gw + gw / 2}" y="${H - M.b + 16}" text-anchor="middle">${esc(g.label)}</text>`);
  });
  parts.push(`<line x1="${M.l}" y1="${y(reference)}" x2="${W - M.r}" y2="${y(reference)}" stroke="#000" stroke-dasharray="4 3"/>`);
  names.forEach((nm, j) => {
    parts.push(
      `<rect x="${W - M.r - 230}" y="${M.t + 8 + 16 * j}" width="10" height="10" fill="${colors[j] ?? '#888'}"/>`,
      `<text x="${W - M.r - 214}" y="${M.t + 17 + 16 * j}">${esc(nm)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
