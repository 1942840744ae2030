// The percentile math every latency figure of the benchmark rests on.
import { percentile, ratioTo, round, summarizeLatencies } from '../../bench/latency-summary';

describe('percentile', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('interpolates between the closest ranks', () => {
    expect(percentile(oneToHundred, 0.5)).toBeCloseTo(50.5);
    expect(percentile(oneToHundred, 0.9)).toBeCloseTo(90.1);
    expect(percentile(oneToHundred, 0.99)).toBeCloseTo(99.01);
  });

  it('gives the extremes at 0 and 1, the value itself for one sample, NaN for none', () => {
    expect(percentile(oneToHundred, 0)).toBe(1);
    expect(percentile(oneToHundred, 1)).toBe(100);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('summarizeLatencies', () => {
  it('does not depend on the order of the samples', () => {
    const samples = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10];
    const summary = summarizeLatencies(samples);
    expect(summary).toEqual(summarizeLatencies([...samples].reverse()));
    expect(summary).toEqual({ count: 10, p50: 5.5, p90: 9.1, p99: 9.91, mean: 5.5, min: 1, max: 10 });
  });

  it('does not sort the caller’s array', () => {
    const samples = [3, 1, 2];
    summarizeLatencies(samples);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('ratioTo and round', () => {
  it('divides by the floor, two decimals, and refuses a missing floor', () => {
    expect(ratioTo(15, 4)).toBe(3.75);
    expect(ratioTo(10, 3)).toBe(3.33);
    expect(ratioTo(10, 0)).toBeNull();
    expect(ratioTo(Number.NaN, 3)).toBeNull();
  });

  it('rounds to three decimals by default', () => {
    expect(round(1.23456)).toBe(1.235);
    expect(round(1.23456, 1)).toBe(1.2);
  });
});
