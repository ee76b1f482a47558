// Tests (Node) of newCorrelationId: UUID v4 format, version/variant bits, and the Math.random fallback.
import { describe, expect, it, vi } from 'vitest';
import { newCorrelationId } from '../../policies/core/correlation-id';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newCorrelationId', () => {
  it('formats the host bytes as a lower-case UUID v4 with version and variant bits set', () => {
    const allOnes = () => new Array(16).fill(255);
    expect(newCorrelationId(allOnes)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    const zeros = () => new Array(16).fill(0);
    expect(newCorrelationId(zeros)).toBe('00000000-0000-4000-8000-000000000000');
    const counting = () => Array.from({ length: 16 }, (_, i) => i * 16 + 1);
    expect(newCorrelationId(counting)).toBe('01112131-4151-4171-8191-a1b1c1d1e1f1');
  });

  it('asks the source for exactly 16 bytes', () => {
    const source = vi.fn(() => new Array(16).fill(7));
    newCorrelationId(source);
    expect(source).toHaveBeenCalledWith(16);
  });

  it('accepts signed bytes as a Java byte[] gives them', () => {
    expect(newCorrelationId(() => new Array(16).fill(-1))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  it('falls back to Math.random when the source is missing, throws or returns the wrong thing', () => {
    const bad: Array<((count: number) => number[]) | undefined> = [
      undefined,
      () => {
        throw new Error('no entropy');
      },
      () => new Array(15).fill(1),
      () => new Array(17).fill(1),
      () => new Array(16).fill(256),
      () => new Array(16).fill(1.5),
      () => null as unknown as number[],
      () => new Array(16).fill('1') as unknown as number[]
    ];
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      for (const source of bad) expect(newCorrelationId(source)).toBe('80808080-8080-4080-8080-808080808080');
    } finally {
      random.mockRestore();
    }
  });

  it('gives distinct well-formed ids from Math.random', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const id = newCorrelationId();
      expect(id).toMatch(UUID_V4);
      ids.add(id);
    }
    expect(ids.size).toBe(200);
  });
});
