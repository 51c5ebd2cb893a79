/**
 * A small, dependency-free SVG line and step chart for the docs. Coordinates are floats: they
 * place pixels, they are never money (the values come from the library as exact decimals and are
 * converted only here, for drawing).
 */

export interface Series {
  readonly name: string;
  readonly color: string;
  readonly points: readonly (readonly [number, number])[];
  /** Draw as a step chart (horizontal then vertical), for values that hold until the next point. */
  readonly steps?: boolean;
  readonly dashed?: boolean;
}

export interface Chart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly xTicks: readonly number[];
  readonly yTicks: readonly number[];
  readonly format?: (value: number) => string;
  /** Where the legend goes, inside the plot's top corner (default left). */
  readonly legend?: 'left' | 'right';
}

const WIDTH = 720;
const HEIGHT = 420;
const MARGIN = { left: 90, right: 24, top: 48, bottom: 64 };

const grouped = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 2 });
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The chart as an SVG document. */
export function svgChart(chart: Chart): string {
  const format = chart.format ?? grouped;
  const xs = chart.xTicks;
  const ys = chart.yTicks;
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const px = (x: number) => (MARGIN.left + ((x - x0) / (x1 - x0)) * plotW).toFixed(1);
  const py = (y: number) => (MARGIN.top + plotH - ((y - y0) / (y1 - y0)) * plotH).toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, sans-serif" font-size="12" role="img">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15" font-weight="600">${escapeXml(chart.title)}</text>`,
  ];
  for (const x of xs) {
    parts.push(
      `<line x1="${px(x)}" y1="${MARGIN.top}" x2="${px(x)}" y2="${MARGIN.top + plotH}" stroke="#eee"/>`,
      `<text x="${px(x)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${escapeXml(format(x))}</text>`,
    );
  }
  for (const y of ys) {
    parts.push(
      `<line x1="${MARGIN.left}" y1="${py(y)}" x2="${MARGIN.left + plotW}" y2="${py(y)}" stroke="#eee"/>`,
      `<text x="${MARGIN.left - 8}" y="${py(y)}" text-anchor="end" dominant-baseline="middle">${escapeXml(format(y))}</text>`,
    );
  }
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 16}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
    `<text transform="translate(18 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}</text>`,
  );
  chart.series.forEach((series, k) => {
    const path = series.points
      .map(([x, y], i) => {
        const previous = series.points[i - 1];
        if (i === 0) return `M${px(x)} ${py(y)}`;
        return series.steps && previous ? `H${px(x)} V${py(y)}` : `L${px(x)} ${py(y)}`;
      })
      .join(' ');
    const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
    parts.push(`<path d="${path}" fill="none" stroke="${series.color}" stroke-width="2"${dash}/>`);
    const ly = MARGIN.top + 16 + k * 18;
    const lx = chart.legend === 'right' ? MARGIN.left + plotW - 330 : MARGIN.left + 12;
    parts.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 24}" y2="${ly}" stroke="${series.color}" stroke-width="2"${dash}/>`,
      `<text x="${lx + 30}" y="${ly}" dominant-baseline="middle">${escapeXml(series.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
