// Hand the conversation to another agent or a team, with a note; says whether it was functional or hierarchical.
import { useEffect, useState } from 'preact/hooks';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { DirectoryEntry, Team, TransferResult } from '../api/types.js';
import { Modal } from './Modal.js';

interface Props {
  api: ApiClient;
  meId: string;
  busy: boolean;
  error: string | null;
  onTransfer: (to: { toAgentId: string } | { toTeamId: string }, note: string) => Promise<TransferResult | null>;
  onClose: () => void;
}

export function transferSummary(r: TransferResult, targetName: string): string {
  const kind =
    r.kind === 'hierarchical'
      ? 'Escalated up (hierarchical transfer)'
      : r.kind === 'functional'
        ? 'Transferred (functional transfer)'
        : 'Transferred';
  const where = r.status === 'queued' ? `${targetName}'s queue` : targetName;
  return `${kind} to ${where}.`;
}

export function TransferDialog({ api, meId, busy, error, onTransfer, onClose }: Props) {
  const [target, setTarget] = useState<'team' | 'agent'>('team');
  const [teams, setTeams] = useState<Team[]>([]);
  const [agents, setAgents] = useState<DirectoryEntry[]>([]);
  const [choice, setChoice] = useState('');
  const [note, setNote] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    api.listTeams().then(
      (r) => setTeams(r.teams ?? []),
      (err) => setLoadError(errorMessage(err)),
    );
    api.agentDirectory().then(
      (r) => setAgents((r.agents ?? []).filter((a) => a.id !== meId)),
      (err) => setLoadError(errorMessage(err)),
    );
  }, []);

  const options =
    target === 'team'
      ? teams.map((t) => ({ id: t.id, name: t.name, label: `${t.name} (${t.members} agents)` }))
      : agents.map((a) => ({ id: a.id, name: a.name, label: `${a.name} · ${a.level} · ${a.presence}` }));

  return (
    <Modal title="Transfer conversation" onClose={onClose}>
      {done ? (
        <>
          <p class="modal-text" role="status">
            {done}
          </p>
          <div class="modal-actions">
            <button type="button" class="btn btn-primary" onClick={onClose} autofocus>
              Done
            </button>
          </div>
        </>
      ) : (
        <form
          class="form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!choice) return;
            const res = await onTransfer(target === 'team' ? { toTeamId: choice } : { toAgentId: choice }, note);
            if (res) setDone(transferSummary(res, options.find((o) => o.id === choice)?.name ?? 'the target'));
          }}
        >
          <fieldset class="radio-row">
            <legend class="field-label">Transfer to</legend>
            <label>
              <input
                type="radio"
                name="target"
                checked={target === 'team'}
                onChange={() => (setTarget('team'), setChoice(''))}
              />{' '}
              A team
            </label>
            <label>
              <input
                type="radio"
                name="target"
                checked={target === 'agent'}
                onChange={() => (setTarget('agent'), setChoice(''))}
              />{' '}
              An agent
            </label>
          </fieldset>
          <label class="field">
            <span class="field-label">{target === 'team' ? 'Team' : 'Agent'}</span>
            <select required value={choice} onChange={(e) => setChoice(e.currentTarget.value)} autofocus>
              <option value="">Choose…</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span class="field-label">Note for the next person</span>
            <textarea
              rows={3}
              maxLength={2000}
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
              placeholder="What you tried, what they need"
            />
          </label>
          {(error || loadError) && (
            <p class="small alert-text" role="alert">
              {error ?? loadError}
            </p>
          )}
          <div class="modal-actions">
            <button type="button" class="btn" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" class="btn btn-primary" disabled={busy || !choice} aria-busy={busy}>
              Transfer
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
