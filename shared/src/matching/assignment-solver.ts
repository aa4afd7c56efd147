/**
 * Maximum-gain assignment under capacities (a bipartite b-matching), solved exactly as a
 * minimum-cost flow. Each left node may send up to its capacity, each allowed pair carries at
 * most one unit at cost −gain, each right node takes up to its capacity; a left node may also
 * leave a place unused at cost 0 (an edge straight to the sink), so the flow that fills every left
 * place at least cost is the assignment of largest total gain.
 *
 * Successive shortest paths, one left place at a time (the Hungarian method's scheme): Dijkstra
 * from the new place over reduced costs, which node potentials keep non-negative, stopping as soon
 * as the sink is settled. Early places find a free right node at once, so most searches touch
 * one node's pairs only. Gains must be non-negative integers small enough for every sum to stay
 * exact (below 2^53 in total).
 */
export interface AssignmentProblem {
  leftCapacities: readonly number[];
  rightCapacities: readonly number[];
  /** The pairs allowed, each at most once. */
  pairs: readonly { left: number; right: number; gain: number }[];
}

/** Indices into `pairs` of the pairs chosen. */
export function solveAssignment(problem: AssignmentProblem): number[] {
  const graph = buildGraph(problem);
  const potential = new Float64Array(graph.nodeCount);
  const search = new PathSearch(graph.nodeCount);
  problem.leftCapacities.forEach((capacity, left) => {
    const node = 1 + left;
    if (capacity <= 0) return;
    // Reduced costs of the node's own edges become non-negative, the cheapest zero.
    let highest = -Infinity;
    for (let i = graph.start[node]!; i < graph.start[node + 1]!; i += 1) {
      const e = graph.adjacency[i]!;
      if (graph.capacity[e]! > 0) highest = Math.max(highest, potential[graph.to[e]!]! - graph.cost[e]!);
    }
    potential[node] = highest;
    for (let unit = 0; unit < capacity; unit += 1) augmentFrom(graph, potential, search, node);
  });
  const chosen: number[] = [];
  for (let index = 0; index < problem.pairs.length; index += 1) {
    if (graph.capacity[graph.firstPairEdge + 2 * index] === 0) chosen.push(index);
  }
  return chosen;
}

interface FlowGraph {
  nodeCount: number;
  sink: number;
  /** Edge e and its reverse e ^ 1. */
  to: Int32Array;
  capacity: Float64Array;
  cost: Float64Array;
  /** Compressed adjacency: the edges leaving node v are `adjacency[start[v] .. start[v + 1])`. */
  start: Int32Array;
  adjacency: Int32Array;
  firstPairEdge: number;
}

// Nodes: 0 unused, 1..L left, then right, then the sink.
function buildGraph(problem: AssignmentProblem): FlowGraph {
  const leftCount = problem.leftCapacities.length;
  const rightCount = problem.rightCapacities.length;
  const nodeCount = leftCount + rightCount + 2;
  const sink = nodeCount - 1;
  const edgeCount = 2 * (leftCount + rightCount + problem.pairs.length);
  const from = new Int32Array(edgeCount);
  const to = new Int32Array(edgeCount);
  const capacity = new Float64Array(edgeCount);
  const cost = new Float64Array(edgeCount);
  let next = 0;
  const addEdge = (u: number, v: number, cap: number, edgeCost: number) => {
    from[next] = u;
    to[next] = v;
    capacity[next] = cap;
    cost[next] = edgeCost;
    from[next + 1] = v;
    to[next + 1] = u;
    cost[next + 1] = -edgeCost;
    next += 2;
  };
  problem.leftCapacities.forEach((cap, left) => addEdge(1 + left, sink, Math.max(0, cap), 0));
  problem.rightCapacities.forEach((cap, right) => addEdge(1 + leftCount + right, sink, Math.max(0, cap), 0));
  const firstPairEdge = next;
  for (const pair of problem.pairs) addEdge(1 + pair.left, 1 + leftCount + pair.right, 1, -pair.gain);

  const start = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e += 1) start[from[e]! + 1]! += 1;
  for (let v = 0; v < nodeCount; v += 1) start[v + 1]! += start[v]!;
  const fill = start.slice(0, nodeCount);
  const adjacency = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e += 1) adjacency[fill[from[e]!]!++] = e;
  return { nodeCount, sink, to, capacity, cost, start, adjacency, firstPairEdge };
}

/** Scratch arrays of the searches, reset only where a search wrote. */
class PathSearch {
  readonly distance: Float64Array;
  readonly viaEdge: Int32Array;
  readonly isSettled: Uint8Array;
  readonly touched: number[] = [];
  readonly heap = new MinHeap();

  constructor(nodeCount: number) {
    this.distance = new Float64Array(nodeCount).fill(Infinity);
    this.viaEdge = new Int32Array(nodeCount).fill(-1);
    this.isSettled = new Uint8Array(nodeCount);
  }

  reset(): void {
    for (const v of this.touched) {
      this.distance[v] = Infinity;
      this.viaEdge[v] = -1;
      this.isSettled[v] = 0;
    }
    this.touched.length = 0;
    this.heap.clear();
  }
}

/**
 * One unit from `origin` to the sink along a shortest path, then potentials += min(distance,
 * distance to the sink): reduced costs stay non-negative on every residual edge, settled or not.
 */
function augmentFrom(graph: FlowGraph, potential: Float64Array, search: PathSearch, origin: number): void {
  const { to, capacity, cost, start, adjacency, sink } = graph;
  const { distance, viaEdge, isSettled, touched, heap } = search;
  distance[origin] = 0;
  touched.push(origin);
  heap.push(0, origin);
  while (heap.size > 0) {
    const d = heap.topKey();
    const u = heap.topNode();
    heap.pop();
    if (isSettled[u] || d > distance[u]!) continue;
    isSettled[u] = 1;
    if (u === sink) break;
    const base = d + potential[u]!;
    for (let i = start[u]!; i < start[u + 1]!; i += 1) {
      const e = adjacency[i]!;
      if (capacity[e]! <= 0) continue;
      const v = to[e]!;
      const candidate = base + cost[e]! - potential[v]!;
      if (candidate < distance[v]!) {
        if (distance[v] === Infinity) touched.push(v);
        distance[v] = candidate;
        viaEdge[v] = e;
        heap.push(candidate, v);
      }
    }
  }
  // The sink is always reached: the origin's own edge to it has room while it has places left.
  const reached = distance[sink]!;
  for (let v = sink; v !== origin; v = to[viaEdge[v]! ^ 1]!) {
    const e = viaEdge[v]!;
    capacity[e]! -= 1;
    capacity[e ^ 1]! += 1;
  }
  for (const v of touched) potential[v]! += Math.min(distance[v]!, reached);
  // Nodes the search never reached are at least `reached` away: shifting every other node by
  // `reached` is the same as shifting these by nothing, so they are left as they are and the
  // touched ones are shifted back by `reached`.
  for (const v of touched) potential[v]! -= reached;
  search.reset();
}

/**
 * A binary heap of (key, node), smallest key first, in typed arrays that grow by doubling; stale
 * entries are skipped by the caller.
 */
class MinHeap {
  private keys = new Float64Array(1024);
  private nodes = new Int32Array(1024);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.keys = keys;
      this.nodes = nodes;
    }
    const { keys, nodes } = this;
    let i = this.size;
    this.size += 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      nodes[i] = nodes[parent]!;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** Removes the smallest entry; read it first with `topKey` and `topNode`. */
  pop(): void {
    const { keys, nodes } = this;
    this.size -= 1;
    const size = this.size;
    if (size === 0) return;
    const lastKey = keys[size]!;
    const lastNode = nodes[size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && keys[child + 1]! < keys[child]!) child += 1;
      if (keys[child]! >= lastKey) break;
      keys[i] = keys[child]!;
      nodes[i] = nodes[child]!;
      i = child;
    }
    keys[i] = lastKey;
    nodes[i] = lastNode;
  }

  topKey(): number {
    return this.keys[0]!;
  }

  topNode(): number {
    return this.nodes[0]!;
  }
}
