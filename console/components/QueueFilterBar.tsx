// Filters above the queue: team and intent (status is the tab row).
import type { Team } from '../api/types.js';
import { NONE, type QueueFilters } from '../lib/queue-filters.js';

interface Props {
  filters: QueueFilters;
  teams: Team[];
  intents: string[];
  onChange: (next: QueueFilters) => void;
}

const fromValue = (v: string) => (v === '' ? null : v);

export function QueueFilterBar({ filters, teams, intents, onChange }: Props) {
  return (
    <div class="filter-bar" role="group" aria-label="Filter conversations">
      <label class="field field-inline">
        <span class="field-label">Team</span>
        <select
          value={filters.teamId ?? ''}
          onChange={(e) => onChange({ ...filters, teamId: fromValue(e.currentTarget.value) })}
        >
          <option value="">All teams</option>
          <option value={NONE}>No team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label class="field field-inline">
        <span class="field-label">Intent</span>
        <select
          value={filters.intent ?? ''}
          onChange={(e) => onChange({ ...filters, intent: fromValue(e.currentTarget.value) })}
        >
          <option value="">All intents</option>
          <option value={NONE}>Out of scope</option>
          {intents.map((i) => (
            <option key={i} value={i}>
              {i}
            </option>
          ))}
        </select>
      </label>
      {(filters.teamId !== null || filters.intent !== null) && (
        <button type="button" class="btn btn-ghost" onClick={() => onChange({ teamId: null, intent: null })}>
          Clear filters
        </button>
      )}
    </div>
  );
}
