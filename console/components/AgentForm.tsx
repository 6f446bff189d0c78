// Create an agent or admin account.
import { useState } from 'preact/hooks';
import type { NewAgent, UserRole } from '../api/types.js';
import { splitList } from '../lib/format.js';
import { Alert } from './Alert.js';

interface Props {
  saving: boolean;
  error: string | null;
  onSave: (a: NewAgent) => Promise<boolean>;
}

const EMPTY = {
  email: '',
  name: '',
  displayName: '',
  password: '',
  role: 'agent' as UserRole,
  skills: '',
  maxConcurrent: '5',
};

export function AgentForm({ saving, error, onSave }: Props) {
  const [f, setF] = useState(EMPTY);
  const set = (key: keyof typeof EMPTY) => (e: { currentTarget: { value: string } }) =>
    setF((prev) => ({ ...prev, [key]: e.currentTarget.value }));
  return (
    <form
      class="card form"
      aria-labelledby="agent-form-title"
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await onSave({
          email: f.email.trim(),
          name: f.name.trim(),
          ...(f.displayName.trim() ? { displayName: f.displayName.trim() } : {}),
          password: f.password,
          role: f.role,
          skills: splitList(f.skills),
          maxConcurrent: Math.max(1, Math.min(100, Math.round(Number(f.maxConcurrent) || 5))),
        });
        if (ok) setF(EMPTY);
      }}
    >
      <h2 id="agent-form-title" class="card-title">
        Add a teammate
      </h2>
      {error && <Alert>{error}</Alert>}
      <div class="form-row">
        <label class="field grow">
          <span class="field-label">Name</span>
          <input required autocomplete="off" value={f.name} onInput={set('name')} />
        </label>
        <label class="field grow">
          <span class="field-label">Display name</span>
          <input
            maxLength={40}
            autocomplete="off"
            placeholder="Maya"
            value={f.displayName}
            onInput={set('displayName')}
            aria-describedby="display-hint"
          />
          <span id="display-hint" class="field-hint">
            What customers see ("Maya joined"); left empty, they are asked at first sign-in.
          </span>
        </label>
        <label class="field grow">
          <span class="field-label">Email</span>
          <input type="email" required autocomplete="off" value={f.email} onInput={set('email')} />
        </label>
      </div>
      <div class="form-row">
        <label class="field grow">
          <span class="field-label">Initial password</span>
          <input
            type="password"
            required
            minLength={8}
            autocomplete="new-password"
            value={f.password}
            onInput={set('password')}
            aria-describedby="pw-hint"
          />
          <span id="pw-hint" class="field-hint">
            At least 8 characters.
          </span>
        </label>
        <label class="field">
          <span class="field-label">Role</span>
          <select value={f.role} onChange={set('role')}>
            <option value="agent">Agent</option>
            <option value="admin">Admin</option>
          </select>
        </label>
      </div>
      <div class="form-row">
        <label class="field grow">
          <span class="field-label">Skills</span>
          <input
            placeholder="billing, technical"
            value={f.skills}
            onInput={set('skills')}
            aria-describedby="skills-hint"
          />
          <span id="skills-hint" class="field-hint">
            Comma-separated; handoffs are routed to agents with the matching skill.
          </span>
        </label>
        <label class="field">
          <span class="field-label">Max concurrent</span>
          <input type="number" min={1} max={100} required value={f.maxConcurrent} onInput={set('maxConcurrent')} />
        </label>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={saving} aria-busy={saving}>
          {saving ? 'Adding…' : 'Add teammate'}
        </button>
      </div>
    </form>
  );
}
