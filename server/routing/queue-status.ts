/** Queue position and a wait estimate for every queued conversation. Pure, so it is testable. */
export interface QueueEntry {
  id: string;
}
export interface QueueStatus {
  queuePosition: number;
  etaSeconds: number;
}

export const DEFAULT_HANDLE_SECONDS = 240;

export function queueStatuses(
  queue: readonly QueueEntry[],
  agentsAvailable: number,
  handleSeconds = DEFAULT_HANDLE_SECONDS,
): Map<string, QueueStatus> {
  const lanes = Math.max(1, agentsAvailable);
  return new Map(
    queue.map((entry, i) => [
      entry.id,
      { queuePosition: i + 1, etaSeconds: Math.round(Math.ceil((i + 1) / lanes) * handleSeconds) },
    ]),
  );
}
