import { describe, expect, it } from "vitest";
import { rankBetween } from "./rank";

function isStrictlySorted(keys: string[]): boolean {
  return keys.every((key, i) => i === 0 || keys[i - 1]! < key);
}

describe("rankBetween", () => {
  it("orders keys between their neighbours and at the ends", () => {
    const a = rankBetween(null, null);
    const b = rankBetween(a, null);
    const first = rankBetween(null, a);
    const middle = rankBetween(a, b);
    expect(isStrictlySorted([first, a, middle, b])).toBe(true);
  });

  it("survives thousands of random moves with no collision and a stable order", () => {
    // A model of one column: the list's order must always equal the order of its keys.
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const column: Array<{ id: number; rank: string }> = [];
    let rank: string | null = null;
    for (let id = 0; id < 100; id++) {
      rank = rankBetween(rank, null);
      column.push({ id, rank });
    }
    for (let move = 0; move < 5000; move++) {
      const from = Math.floor(random() * column.length);
      const [task] = column.splice(from, 1);
      if (!task) throw new Error("empty column");
      const to = Math.floor(random() * (column.length + 1));
      task.rank = rankBetween(column[to - 1]?.rank ?? null, column[to]?.rank ?? null);
      column.splice(to, 0, task);
      if (move % 500 === 0) expect(isStrictlySorted(column.map((t) => t.rank))).toBe(true);
    }
    const ranks = column.map((t) => t.rank);
    expect(isStrictlySorted(ranks)).toBe(true);
    expect(new Set(ranks).size).toBe(ranks.length);
    expect(Math.max(...ranks.map((r) => r.length))).toBeLessThan(40);
  });

  it("repeatedly inserting at the same spot keeps working", () => {
    const low = rankBetween(null, null);
    let high = rankBetween(low, null);
    for (let i = 0; i < 200; i++) {
      const key = rankBetween(low, high);
      expect(low < key && key < high).toBe(true);
      high = key;
    }
  });

  it("places a task after its neighbour when the neighbours arrive out of order", () => {
    const a = rankBetween(null, null);
    const b = rankBetween(a, null);
    expect(rankBetween(b, a) > b).toBe(true);
  });
});
