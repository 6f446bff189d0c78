// Admin: the team, their presence and capacity, and adding people.
import { useModel } from '@preact/signals';
import { useSignedIn } from '../app-context.js';
import { AgentForm } from '../components/AgentForm.js';
import { Alert } from '../components/Alert.js';
import { Spinner } from '../components/Spinner.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { AgentsModel } from '../models/agents-model.js';

export function AgentsScreen() {
  const { api } = useSignedIn();
  const model = useModel(() => new AgentsModel(api));
  const agents = model.agents.value;
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
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <AgentForm saving={model.saving.value} error={model.saveError.value} onSave={model.add} />
    </div>
  );
}
