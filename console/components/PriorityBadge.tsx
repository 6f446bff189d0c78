import { priorityLabel } from '../lib/format.js';

export function PriorityBadge({ priority }: { priority: number }) {
  const level = Math.max(0, Math.min(3, Math.round(priority)));
  return (
    <span class={`priority priority-${level}`} title={`Priority ${priority}`}>
      {priorityLabel(priority)}
    </span>
  );
}
