// Percentiles of a sample of timings: what every latency figure of the benchmark reports.

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/**
 * The q-quantile (0..1) of ascending values, interpolating linearly between the two closest ranks
 * (the common "R-7" definition, numpy's default), so small samples still give stable p99s.
 */
export function percentile(sortedAscending: readonly number[], q: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  if (q <= 0) return sortedAscending[0];
  if (q >= 1) return sortedAscending[sortedAscending.length - 1];
  const position = (sortedAscending.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sortedAscending.length - 1);
  return sortedAscending[below] + (sortedAscending[above] - sortedAscending[below]) * (position - below);
}

export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 0.5)),
    p90: round(percentile(sorted, 0.9)),
    p99: round(percentile(sorted, 0.99)),
    mean: round(sorted.length > 0 ? sum / sorted.length : Number.NaN),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

/** `measured / floor`, two decimals; null when the floor is missing or zero. */
export function ratioTo(measured: number, floor: number): number | null {
  if (!Number.isFinite(measured) || !Number.isFinite(floor) || floor === 0) return null;
  return Math.round((measured / floor) * 100) / 100;
}

/** Three decimals: enough for milliseconds, and the JSON stays readable. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
