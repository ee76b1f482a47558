// Statistics of the benchmark: quantiles, the median and range of a figure over rounds, and variant-vs-floor comparisons (Node, bench).

/** A figure measured once per round: the median over rounds and the min–max over rounds. */
export interface Spread {
  median: number;
  lo: number;
  hi: number;
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

export const p50 = (values: readonly number[]): number => quantile(ascending(values), 0.5);
export const p99 = (values: readonly number[]): number => quantile(ascending(values), 0.99);

export function spreadOf(perRound: readonly number[]): Spread {
  const sorted = ascending(perRound);
  return { median: quantile(sorted, 0.5), lo: sorted[0], hi: sorted[sorted.length - 1] };
}

/**
 * How a variant is compared with its floor: 'ratio' variant / floor (a cost: 1.10 is 10% slower),
 * 'inverse' floor / variant (a rate: 1.10 is 10% fewer calls per second), 'added' variant - floor.
 */
export type CompareKind = 'ratio' | 'inverse' | 'added';

export interface Compared {
  variant: Spread;
  floor: Spread;
  kind: CompareKind;
  /** Computed from the two medians (a ratio of medians); lo–hi is the range of the per-round comparisons. */
  result: Spread;
}

function combine(kind: CompareKind, variant: number, floor: number): number {
  if (kind === 'added') return variant - floor;
  const [num, den] = kind === 'ratio' ? [variant, floor] : [floor, variant];
  if (den === 0) throw new Error('cannot divide by zero');
  return num / den;
}

/** Compares per-round figures of a variant and its floor, measured in the same rounds. */
export function compare(variantPerRound: readonly number[], floorPerRound: readonly number[], kind: CompareKind = 'ratio'): Compared {
  if (variantPerRound.length !== floorPerRound.length || variantPerRound.length === 0) throw new Error('variant and floor need the same rounds');
  const variant = spreadOf(variantPerRound);
  const floor = spreadOf(floorPerRound);
  const range = spreadOf(variantPerRound.map((v, i) => combine(kind, v, floorPerRound[i])));
  return { variant, floor, kind, result: { ...range, median: combine(kind, variant.median, floor.median) } };
}

/** Rounds of interleaved arms, as both harnesses return them: one result per arm per round. */
export type Rounds<A extends string, T> = Array<Record<A, T>>;

/** One figure of two arms over the rounds (e.g. each round's p50), compared. */
export function compareArms<A extends string, T>(rounds: Rounds<A, T>, variant: A, floor: A, figure: (r: T) => number, kind: CompareKind = 'ratio'): Compared {
  return compare(rounds.map((r) => figure(r[variant])), rounds.map((r) => figure(r[floor])), kind);
}

/** Arm order in round r: rotated by one each round (AB, BA, ... or ABC, BCA, CAB, ...), so drift hits every arm alike. */
export function rotation<T>(arms: readonly T[], round: number): T[] {
  const k = round % arms.length;
  return arms.slice(k).concat(arms.slice(0, k));
}
