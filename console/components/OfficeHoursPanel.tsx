// Admin: a team's office hours (weekly schedule, time zone, holidays). Outside them the widget says when the team is
// back and SLA clocks pause.
import { useState } from 'preact/hooks';
import type { OfficeHours, Team } from '../api/types.js';
import { formatDateTime, splitList } from '../lib/format.js';
import type { Teams } from '../models/teams-model.js';
import { Alert } from './Alert.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
interface DayRow {
  open: boolean;
  start: string;
  end: string;
}
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const weekdays = (): DayRow[] => DAYS.map((_, i) => ({ open: i >= 1 && i <= 5, start: '09:00', end: '17:00' }));

export function OfficeHoursPanel({ model }: { model: Teams }) {
  const teams = model.teams.value;
  const [teamId, setTeamId] = useState<string | null>(null);
  const team = teams.find((t) => t.id === teamId) ?? teams[0];
  return (
    <section class="card" aria-labelledby="hours-title">
      <h2 id="hours-title" class="card-title">
        Office hours
      </h2>
      <p class="muted small">
        Outside a team's office hours the chat widget tells visitors when the team is back and offers email, and SLA
        deadlines only count open time. A conversation follows its team's hours, or those of the first team with its
        skill.
      </p>
      {model.error.value && <Alert>{model.error.value}</Alert>}
      {!team ? (
        <p class="muted">Add a team above first: office hours belong to a team.</p>
      ) : (
        <>
          <label class="field">
            <span class="field-label">Team</span>
            <select value={team.id} onChange={(e) => setTeamId(e.currentTarget.value)}>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <HoursEditor key={`${team.id}:${JSON.stringify(team.officeHours ?? null)}`} team={team} model={model} />
        </>
      )}
    </section>
  );
}

function HoursEditor({ team, model }: { team: Team; model: Teams }) {
  const saved = team.officeHours ?? null;
  const [enabled, setEnabled] = useState(saved !== null);
  const [timezone, setTimezone] = useState(saved?.timezone ?? localZone());
  const [days, setDays] = useState<DayRow[]>(
    saved
      ? saved.week.map((slots) => ({
          open: slots.length > 0,
          start: slots[0]?.start ?? '09:00',
          end: slots[0]?.end ?? '17:00',
        }))
      : weekdays(),
  );
  const [holidays, setHolidays] = useState((saved?.holidays ?? []).join(', '));
  const setDay = (i: number, patch: Partial<DayRow>) => setDays(days.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  const status = !saved
    ? 'Always open (no office hours set)'
    : team.openNow
      ? 'Open now'
      : `Closed now · back ${team.backAt ? formatDateTime(team.backAt) : 'never (no opening in the schedule)'}`;
  return (
    <form
      class="hours-form"
      aria-label={`Office hours of ${team.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        const hours: OfficeHours | null = enabled
          ? {
              timezone: timezone.trim(),
              week: days.map((d) => (d.open ? [{ start: d.start, end: d.end }] : [])),
              holidays: splitList(holidays),
            }
          : null;
        void model.setOfficeHours(team.id, hours);
      }}
    >
      <p class="small" data-testid="hours-status">
        <span class={`chip ${!saved || team.openNow ? 'chip-ok' : 'chip-warn'}`}>{status}</span>
      </p>
      <label class="checkbox">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />{' '}
        {`${team.name} keeps office hours`}
      </label>
      {enabled && (
        <>
          <label class="field">
            <span class="field-label">Time zone</span>
            <input
              required
              maxLength={64}
              value={timezone}
              onInput={(e) => setTimezone(e.currentTarget.value)}
              placeholder="Europe/Berlin"
            />
          </label>
          <table class="table table-compact hours-table">
            <caption class="sr-only">Weekly schedule</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Open</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d, i) => (
                <tr key={DAYS[i]}>
                  <th scope="row">{DAYS[i]}</th>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Open on ${DAYS[i]}`}
                      checked={d.open}
                      onChange={(e) => setDay(i, { open: e.currentTarget.checked })}
                    />
                  </td>
                  <td>
                    <input
                      type="time"
                      aria-label={`${DAYS[i]} opens at`}
                      disabled={!d.open}
                      value={d.start}
                      onInput={(e) => setDay(i, { start: e.currentTarget.value })}
                    />
                  </td>
                  <td>
                    <input
                      type="time"
                      aria-label={`${DAYS[i]} closes at`}
                      disabled={!d.open}
                      value={d.end}
                      onInput={(e) => setDay(i, { end: e.currentTarget.value })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <label class="field grow">
            <span class="field-label">Holidays (closed all day)</span>
            <input
              value={holidays}
              onInput={(e) => setHolidays(e.currentTarget.value)}
              placeholder="2026-12-24, 2026-12-25"
            />
          </label>
        </>
      )}
      <button type="submit" class="btn btn-primary" disabled={model.saving.value}>
        Save office hours
      </button>
    </form>
  );
}
