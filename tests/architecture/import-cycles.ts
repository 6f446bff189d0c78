import type { ImportGraph } from './import-graph.js';

/**
 * Every import cycle, one per strongly connected group of files (Tarjan), each given as a concrete
 * path that starts and ends at the same file, e.g. `a.ts -> b.ts -> a.ts`.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let next = 0;

  const edges = (file: string): string[] => (graph.get(file)?.files ?? []).filter((f) => graph.has(f));

  // Iterative, so a deep import chain cannot overflow the call stack.
  for (const start of [...graph.keys()].sort()) {
    if (index.has(start)) continue;
    const work: { file: string; i: number }[] = [{ file: start, i: 0 }];
    index.set(start, next);
    low.set(start, next);
    next++;
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const out = edges(frame.file);
      if (frame.i < out.length) {
        const to = out[frame.i++]!;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next);
          next++;
          stack.push(to);
          onStack.add(to);
          work.push({ file: to, i: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.file, Math.min(low.get(frame.file)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.file, Math.min(low.get(parent.file)!, low.get(frame.file)!));
      if (low.get(frame.file) === index.get(frame.file)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.file);
        const selfLoop = group.length === 1 && edges(group[0]!).includes(group[0]!);
        if (group.length > 1 || selfLoop) groups.push(group);
      }
    }
  }
  return groups.map((group) => cyclePath(group, edges)).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** Shortest way from the group's first file (alphabetically) back to itself, inside the group. */
function cyclePath(group: string[], edges: (file: string) => string[]): string[] {
  const members = new Set(group);
  const start = [...group].sort()[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const to of edges(file)) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [file];
        for (let at = file; at !== start; ) {
          at = cameFrom.get(at)!;
          path.unshift(at);
        }
        return [...path, start];
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, file);
        queue.push(to);
      }
    }
  }
  return [start, start];
}
