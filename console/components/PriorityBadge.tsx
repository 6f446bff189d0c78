import { priorityBand } from '../../protocol/priority-bands.js';

/** The band of the server's 0..100 priority (the same bands as the SLA deadlines), score on hover. */
export function PriorityBadge({ priority }: { priority: number }) {
  const band = priorityBand(priority);
  return (
    <span
      class={`priority priority-${band.name}`}
      title={`Priority ${Math.round(priority)} of 100`}
      data-band={band.name}
    >
      {band.label}
    </span>
  );
}
