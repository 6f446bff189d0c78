// Admin: teams (name + skills) that transfers and routing target; rename, re-skill or delete in place.
import { useState } from 'preact/hooks';
import type { Team } from '../api/types.js';
import { splitList } from '../lib/format.js';
import type { Teams } from '../models/teams-model.js';
import { Alert } from './Alert.js';

export function TeamsPanel({ model }: { model: Teams }) {
  const [name, setName] = useState('');
  const [skills, setSkills] = useState('');
  const teams = model.teams.value;
  return (
    <section class="card" aria-labelledby="teams-title">
      <h2 id="teams-title" class="card-title">
        Teams
      </h2>
      {model.error.value && <Alert>{model.error.value}</Alert>}
      {teams.length === 0 ? (
        <p class="muted">No teams yet.</p>
      ) : (
        <ul class="team-list">
          {teams.map((t) => (
            <TeamRow key={t.id} team={t} model={model} />
          ))}
        </ul>
      )}
      <form
        class="form-row"
        aria-label="Add a team"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await model.add({ name: name.trim(), skills: splitList(skills) })) {
            setName('');
            setSkills('');
          }
        }}
      >
        <label class="field">
          <span class="field-label">Team name</span>
          <input required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label class="field grow">
          <span class="field-label">Skills</span>
          <input value={skills} onInput={(e) => setSkills(e.currentTarget.value)} placeholder="billing, refunds" />
        </label>
        <div class="field field-end">
          <button type="submit" class="btn btn-primary" disabled={model.saving.value}>
            Add team
          </button>
        </div>
      </form>
    </section>
  );
}

function TeamRow({ team, model }: { team: Team; model: Teams }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(team.name);
  const [skills, setSkills] = useState(team.skills.join(', '));
  if (!editing) {
    return (
      <li class="team">
        <strong>{team.name}</strong>
        <span class="muted small">
          {team.members} {team.members === 1 ? 'agent' : 'agents'}
        </span>
        <span>
          {team.skills.map((s) => (
            <span key={s} class="chip">
              {s}
            </span>
          ))}
        </span>
        <span class="team-actions">
          <button
            type="button"
            class="btn btn-ghost btn-small"
            aria-label={`Edit team ${team.name}`}
            onClick={() => setEditing(true)}
          >
            Edit
          </button>
          <button
            type="button"
            class="btn btn-ghost btn-small"
            aria-label={`Delete team ${team.name}`}
            onClick={() => void model.remove(team.id)}
          >
            Delete
          </button>
        </span>
      </li>
    );
  }
  return (
    <li class="team">
      <form
        class="form-row"
        aria-label={`Edit team ${team.name}`}
        onSubmit={async (e) => {
          e.preventDefault();
          if (await model.update(team.id, { name: name.trim(), skills: splitList(skills) })) setEditing(false);
        }}
      >
        <label class="field">
          <span class="field-label">Name</span>
          <input required value={name} onInput={(e) => setName(e.currentTarget.value)} autofocus />
        </label>
        <label class="field grow">
          <span class="field-label">Skills</span>
          <input value={skills} onInput={(e) => setSkills(e.currentTarget.value)} />
        </label>
        <div class="field field-end">
          <button type="submit" class="btn btn-primary btn-small" disabled={model.saving.value}>
            Save
          </button>
          <button type="button" class="btn btn-small" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
      </form>
    </li>
  );
}
