// Statistics of the benchmark: quantiles, per-round spreads, ratios of medians and target verdicts (Node, bench).

/** Distribution of one set of samples. */
export interface Summary {
  n: number;
  min: number;
  p25: number;
  median: number;
  p75: number;
  p99: number;
  max: number;
  mean: number;
}

/** A figure measured once per round: the median over rounds and the min–max over rounds. */
export interface Spread {
  median: number;
  lo: number;
  hi: number;
  rounds: number;
}

/** Quantile q (0..1) of ascending samples, interpolating between neighbours (R's type 7, numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('quantile of no samples');
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile must be within 0..1, got ${q}`);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

function ascending(values: readonly number[]): number[] {
  for (const v of values) if (!Number.isFinite(v)) throw new Error(`not a finite sample: ${v}`);
  return values.slice().sort((a, b) => a - b);
}

export function summarize(values: readonly number[]): Summary {
  const sorted = ascending(values);
  if (sorted.length === 0) throw new Error('summary of no samples');
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    n: sorted.length,
    min: sorted[0],
    p25: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    p75: quantile(sorted, 0.75),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1],
    mean: sum / sorted.length
  };
}

/** Median and min–max of one figure over the rounds. */
export function spreadOf(perRound: readonly number[]): Spread {
  const sorted = ascending(perRound);
  if (sorted.length === 0) throw new Error('spread of no rounds');
  return { median: quantile(sorted, 0.5), lo: sorted[0], hi: sorted[sorted.length - 1], rounds: sorted.length };
}

/** The samples of one round of an interleaved pair: the measured variant and its floor. */
export interface PairedRound {
  variant: number[];
  floor: number[];
}

/** How a figure is compared with its floor. */
export type CompareKind =
  /** variant / floor: a cost (latency, CPU); 1.10 means 10% slower. */
  | 'ratio'
  /** floor / variant: a rate (throughput); 1.10 means 10% fewer calls per second. */
  | 'inverse-ratio'
  /** variant - floor, in the figure's unit: added latency. */
  | 'added';

export interface PairedFigure {
  variant: Spread;
  floor: Spread;
  kind: CompareKind;
  /** Ratio of the medians (or difference of the medians), with the min–max of the per-round values. */
  result: Spread;
}

function combine(kind: CompareKind, variant: number, floor: number): number {
  if (kind === 'added') return variant - floor;
  const [num, den] = kind === 'ratio' ? [variant, floor] : [floor, variant];
  if (den === 0) throw new Error(`cannot divide by a zero ${kind === 'ratio' ? 'floor' : 'variant'}`);
  return num / den;
}

/**
 * Compares per-round figures of a variant and its floor (same rounds, same order). The headline is
 * computed from the medians over rounds (ratio of medians, not median of ratios); the range is the
 * min–max of the per-round comparisons, so it shows how much the rounds disagree.
 */
export function compareFigures(variantPerRound: readonly number[], floorPerRound: readonly number[], kind: CompareKind): PairedFigure {
  if (variantPerRound.length !== floorPerRound.length) throw new Error('variant and floor need the same rounds');
  const variant = spreadOf(variantPerRound);
  const floor = spreadOf(floorPerRound);
  const perRound = variantPerRound.map((v, i) => combine(kind, v, floorPerRound[i]));
  const range = spreadOf(perRound);
  return { variant, floor, kind, result: { ...range, median: combine(kind, variant.median, floor.median) } };
}

/** One figure (e.g. the p50) of every round of a paired run, then compared. */
export function comparePaired(rounds: readonly PairedRound[], figure: (s: Summary) => number, kind: CompareKind = 'ratio'): PairedFigure {
  if (rounds.length === 0) throw new Error('no rounds');
  return compareFigures(
    rounds.map((r) => figure(summarize(r.variant))),
    rounds.map((r) => figure(summarize(r.floor))),
    kind
  );
}

/** A target and whether the headline figure met it. */
export interface Target {
  /** 'max': headline <= limit. */
  limit: number;
  /** e.g. "<= 1.10x", "< 1 ms added". */
  text: string;
  /** Strict comparison (<) instead of <=. */
  strict?: boolean;
}

export function meets(value: number, target: Target): boolean {
  return target.strict ? value < target.limit : value <= target.limit;
}

/** Arm order in round r: rotated by one each round (AB, BA, ... or ABC, BCA, CAB, ...), so drift hits every arm alike. */
export function rotation<T>(arms: readonly T[], round: number): T[] {
  const k = round % arms.length;
  return arms.slice(k).concat(arms.slice(0, k));
}
