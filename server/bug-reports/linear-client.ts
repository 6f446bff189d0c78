/** Creates an issue through Linear's GraphQL API (any compatible endpoint; tests use a local fake). */
export interface LinearConfig {
  apiKey: string;
  url: string;
  teamId?: string;
}

export class LinearError extends Error {
  override name = 'LinearError';
}

const ISSUE_CREATE = `mutation IssueCreate($input: IssueCreateInput!) {
  issueCreate(input: $input) { success issue { id identifier url } }
}`;

export async function createLinearIssue(
  cfg: LinearConfig,
  issue: { title: string; description: string },
  doFetch: typeof fetch = fetch,
): Promise<{ id: string; identifier: string; url: string }> {
  if (!cfg.teamId) throw new LinearError('Set LINEAR_TEAM_ID to the Linear team that should receive bug reports.');
  const res = await doFetch(cfg.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: cfg.apiKey },
    body: JSON.stringify({
      query: ISSUE_CREATE,
      variables: { input: { teamId: cfg.teamId, title: issue.title, description: issue.description } },
    }),
    signal: AbortSignal.timeout(10_000),
  }).catch((err: unknown) => {
    throw new LinearError(`Linear could not be reached: ${err instanceof Error ? err.message : String(err)}`);
  });
  const body = (await res.json().catch(() => null)) as {
    data?: { issueCreate?: { success: boolean; issue?: { id: string; identifier: string; url: string } } };
    errors?: Array<{ message: string }>;
  } | null;
  const created = body?.data?.issueCreate;
  if (!res.ok || !created?.success || !created.issue) {
    throw new LinearError(
      `Linear refused the issue: ${body?.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}`}`,
    );
  }
  return created.issue;
}
