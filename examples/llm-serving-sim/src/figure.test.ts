import { describe, expect, test } from 'vitest';
import { barSvg, scatterSvg } from './figure.js';

describe('figures', () => {
  test('scatterSvg draws in-range points only and escapes labels', () => {
    const svg = scatterSvg('a < b', 'x', 'y', [{ name: 's', color: 'red', x: [1, 10, Number.NaN, 1e6], y: [1, 5, 1, 1] }], [0.1, 100]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('a &lt; b');
    expect(svg.match(/<circle/g)).toHaveLength(2);
  });
  test('barSvg draws one bar per finite value', () => {
    const svg = barSvg('t', ['a', 'b'], ['red', 'blue'], [{ label: 'k=1', values: [0.1, Number.NaN] }, { label: 'k=2', values: [0.02, 0.3] }], 0.05);
    expect(svg.match(/<rect x="[0-9.]+" y="[0-9.]+" width=/g)?.length).toBeGreaterThanOrEqual(3);
  });
});
