/**
 * The search frontier: a binary min-heap of (priority, g, node). Ties in
 * priority (within a relative 1e-9, for float sums) go to the larger g,
 * i.e. the state closer to the goal, so A* with a tight h dives instead of
 * fanning out over equally good orderings of the same resources.
 */
export class OpenList {
  private readonly pri: number[] = [];
  private readonly gs: number[] = [];
  private readonly nodes: number[] = [];

  get size(): number {
    return this.nodes.length;
  }

  push(priority: number, g: number, node: number): void {
    this.pri.push(priority);
    this.gs.push(g);
    this.nodes.push(node);
    this.up(this.nodes.length - 1);
  }

  /** The best entry without removing it, or undefined when empty. */
  peek(): { priority: number; g: number; node: number } | undefined {
    return this.nodes.length === 0 ? undefined : { priority: this.pri[0]!, g: this.gs[0]!, node: this.nodes[0]! };
  }

  pop(): { priority: number; g: number; node: number } | undefined {
    const top = this.peek();
    if (!top) return undefined;
    const last = this.nodes.length - 1;
    this.move(last, 0);
    this.pri.pop();
    this.gs.pop();
    this.nodes.pop();
    if (this.nodes.length > 0) this.down(0);
    return top;
  }

  private before(i: number, j: number): boolean {
    const a = this.pri[i]!;
    const b = this.pri[j]!;
    const eps = 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
    if (a < b - eps) return true;
    if (a > b + eps) return false;
    return this.gs[i]! > this.gs[j]!;
  }

  private move(from: number, to: number): void {
    this.pri[to] = this.pri[from]!;
    this.gs[to] = this.gs[from]!;
    this.nodes[to] = this.nodes[from]!;
  }

  private swap(i: number, j: number): void {
    [this.pri[i], this.pri[j]] = [this.pri[j]!, this.pri[i]!];
    [this.gs[i], this.gs[j]] = [this.gs[j]!, this.gs[i]!];
    [this.nodes[i], this.nodes[j]] = [this.nodes[j]!, this.nodes[i]!];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.nodes.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < n && this.before(l, best)) best = l;
      if (r < n && this.before(r, best)) best = r;
      if (best === i) return;
      this.swap(i, best);
      i = best;
    }
  }
}
