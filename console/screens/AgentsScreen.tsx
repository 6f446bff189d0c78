// Admin: the team, their presence and capacity, and adding people.
import { useModel } from '@preact/signals';
import { useSignedIn } from '../app-context.js';
import { AgentForm } from '../components/AgentForm.js';
import { Alert } from '../components/Alert.js';
import { Spinner } from '../components/Spinner.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { AgentsModel } from '../models/agents-model.js';
import { useState } from 'preact/hooks';
import type { Agent } from '../api/types.js';
import { AgentEditDialog } from '../components/AgentEditDialog.js';
import { TeamsPanel } from '../components/TeamsPanel.js';
import { OfficeHoursPanel } from '../components/OfficeHoursPanel.js';
import { AppearancePanel } from '../components/AppearancePanel.js';
import { TeamsModel } from '../models/teams-model.js';

export function AgentsScreen() {
  const { api } = useSignedIn();
  const model = useModel(() => new AgentsModel(api));
  const teams = useModel(() => new TeamsModel(api));
  const [editing, setEditing] = useState<Agent | null>(null);
  const agents = model.agents.value;
  const teamName = (id: string | null | undefined) =>
    id ? (teams.teams.value.find((t) => t.id === id)?.name ?? '—') : '—';
  useDocumentTitle('Agents · Firstline');

  return (
    <div class="page">
      <div class="page-head">
        <h1>Agents</h1>
        <span class="muted">{agents.filter((a) => a.presence === 'online').length} online</span>
      </div>
      {model.error.value && <Alert>{model.error.value}</Alert>}
      <section class="card" aria-labelledby="team-title">
        <h2 id="team-title" class="card-title">
          Team
        </h2>
        {model.loading.value && agents.length === 0 ? (
          <Spinner label="Loading agents" />
        ) : agents.length === 0 ? (
          <p class="muted">No agents yet.</p>
        ) : (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Skills</th>
                  <th scope="col" class="num">
                    Max concurrent
                  </th>
                  <th scope="col">Presence</th>
                  <th scope="col">Level</th>
                  <th scope="col">Team</th>
                  <th scope="col">On call</th>
                  <th scope="col">Hours</th>
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {agents.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{a.name}</th>
                    <td>{a.email}</td>
                    <td>{a.role}</td>
                    <td>
                      {a.skills?.length ? (
                        a.skills.map((s) => (
                          <span key={s} class="chip">
                            {s}
                          </span>
                        ))
                      ) : (
                        <span class="muted">—</span>
                      )}
                    </td>
                    <td class="num">{a.maxConcurrent}</td>
                    <td>
                      <span class={`presence presence-${a.presence}`}>
                        <span class="presence-dot" aria-hidden="true" />
                        {a.presence}
                      </span>
                    </td>
                    <td>{a.level ?? 'agent'}</td>
                    <td>{teamName(a.teamId)}</td>
                    <td>{a.onCall ? 'Yes' : <span class="muted">No</span>}</td>
                    <td class="small">
                      {a.workingHours ? (
                        `${a.workingHours.start}–${a.workingHours.end} ${a.workingHours.timezone}`
                      ) : (
                        <span class="muted">any time</span>
                      )}
                    </td>
                    <td>
                      <button
                        type="button"
                        class="btn btn-ghost btn-small"
                        aria-label={`Edit ${a.name}`}
                        onClick={() => {
                          model.clearSaveError();
                          setEditing(a);
                        }}
                      >
                        Edit
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <TeamsPanel model={teams} />
      <OfficeHoursPanel model={teams} />
      <AppearancePanel />
      <AgentForm saving={model.saving.value} error={model.saveError.value} onSave={model.add} />
      {editing && (
        <AgentEditDialog
          agent={editing}
          teams={teams.teams.value}
          saving={model.saving.value}
          error={model.saveError.value}
          onSave={async (patch) => {
            const ok = await model.update(editing.id, patch);
            if (ok) void teams.reload();
            return ok;
          }}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
