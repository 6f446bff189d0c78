// A live SLA countdown: green while ok, amber when near (warned), red once breached.
import { formatCountdown, slaLabel, type SlaCountdown } from '../lib/sla.js';

export function SlaBadge({ sla }: { sla: SlaCountdown | null }) {
  if (!sla) return null;
  const text =
    sla.state === 'breached' ? `+${formatCountdown(-sla.remainingSeconds)}` : formatCountdown(sla.remainingSeconds);
  return (
    <span class={`sla sla-${sla.state}`} title={slaLabel(sla)} data-testid="sla">
      <span class="sr-only">{slaLabel(sla)}</span>
      <span aria-hidden="true">
        {sla.deadline === 'first_response' ? 'FR' : 'RES'} {text}
      </span>
    </span>
  );
}
