// Admin: routing settings for one agent — skills, capacity, level, team, on-call and working hours.
import { useState } from 'preact/hooks';
import type { Agent, AgentLevel, AgentPatch, Team } from '../api/types.js';
import { splitList } from '../lib/format.js';
import { Modal } from './Modal.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

interface Props {
  agent: Agent;
  teams: Team[];
  saving: boolean;
  error: string | null;
  onSave: (patch: AgentPatch) => Promise<boolean>;
  onClose: () => void;
}

export function AgentEditDialog({ agent, teams, saving, error, onSave, onClose }: Props) {
  const wh = agent.workingHours;
  const [skills, setSkills] = useState(agent.skills.join(', '));
  const [max, setMax] = useState(String(agent.maxConcurrent));
  const [level, setLevel] = useState<AgentLevel>(agent.level ?? 'agent');
  const [teamId, setTeamId] = useState(agent.teamId ?? '');
  const [onCall, setOnCall] = useState(!!agent.onCall);
  const [hoursOn, setHoursOn] = useState(!!wh);
  const [timezone, setTimezone] = useState(wh?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC');
  const [days, setDays] = useState<number[]>(wh?.days ?? [1, 2, 3, 4, 5]);
  const [start, setStart] = useState(wh?.start ?? '09:00');
  const [end, setEnd] = useState(wh?.end ?? '17:00');

  return (
    <Modal title={`Edit ${agent.name}`} onClose={onClose} class="modal-wide">
      <form
        class="form"
        onSubmit={async (e) => {
          e.preventDefault();
          const ok = await onSave({
            skills: splitList(skills),
            maxConcurrent: Math.max(1, Math.min(100, Math.round(Number(max) || 1))),
            level,
            teamId: teamId || null,
            onCall,
            workingHours: hoursOn ? { timezone: timezone.trim() || 'UTC', days: [...days].sort(), start, end } : null,
          });
          if (ok) onClose();
        }}
      >
        <div class="form-row">
          <label class="field grow">
            <span class="field-label">Skills</span>
            <input
              value={skills}
              onInput={(e) => setSkills(e.currentTarget.value)}
              placeholder="billing, technical"
              autofocus
            />
          </label>
          <label class="field">
            <span class="field-label">Max concurrent</span>
            <input
              type="number"
              min={1}
              max={100}
              required
              value={max}
              onInput={(e) => setMax(e.currentTarget.value)}
            />
          </label>
        </div>
        <div class="form-row">
          <label class="field">
            <span class="field-label">Level</span>
            <select value={level} onChange={(e) => setLevel(e.currentTarget.value as AgentLevel)}>
              <option value="agent">Agent</option>
              <option value="senior">Senior</option>
              <option value="manager">Manager</option>
            </select>
          </label>
          <label class="field grow">
            <span class="field-label">Team</span>
            <select value={teamId} onChange={(e) => setTeamId(e.currentTarget.value)}>
              <option value="">No team</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <label class="field checkbox">
            <input type="checkbox" checked={onCall} onChange={(e) => setOnCall(e.currentTarget.checked)} /> On call
            (gets urgent alerts)
          </label>
        </div>
        <fieldset class="fieldset">
          <legend>
            <label class="checkbox">
              <input type="checkbox" checked={hoursOn} onChange={(e) => setHoursOn(e.currentTarget.checked)} /> Working
              hours
            </label>
          </legend>
          {hoursOn && (
            <>
              <div class="form-row">
                <label class="field grow">
                  <span class="field-label">Time zone</span>
                  <input
                    required
                    value={timezone}
                    onInput={(e) => setTimezone(e.currentTarget.value)}
                    placeholder="Europe/Paris"
                  />
                </label>
                <label class="field">
                  <span class="field-label">From</span>
                  <input type="time" required value={start} onInput={(e) => setStart(e.currentTarget.value)} />
                </label>
                <label class="field">
                  <span class="field-label">To</span>
                  <input type="time" required value={end} onInput={(e) => setEnd(e.currentTarget.value)} />
                </label>
              </div>
              <div class="day-picker" role="group" aria-label="Working days">
                {DAYS.map((d, i) => (
                  <label key={d} class="checkbox">
                    <input
                      type="checkbox"
                      checked={days.includes(i)}
                      onChange={(e) => setDays(e.currentTarget.checked ? [...days, i] : days.filter((x) => x !== i))}
                    />{' '}
                    {d}
                  </label>
                ))}
              </div>
            </>
          )}
        </fieldset>
        {error && (
          <p class="small alert-text" role="alert">
            {error}
          </p>
        )}
        <div class="modal-actions">
          <button type="button" class="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="btn btn-primary" disabled={saving} aria-busy={saving}>
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}
