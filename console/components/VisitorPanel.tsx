// Who the visitor is and what the account is worth, as the host page identified them. An identity
// the host app did not prove (IDENTITY_SECRET) carries an "unverified" badge: anyone can claim it.
import type { Visitor } from '../api/types.js';
import { formatMoney, initials } from '../lib/format.js';

export function VisitorPanel({ visitor }: { visitor: Visitor }) {
  const name = visitor.name || 'Anonymous visitor';
  return (
    <section class="panel" aria-labelledby="visitor-title">
      <h2 id="visitor-title" class="panel-title">
        Visitor
      </h2>
      <div class="visitor-head">
        <span class="avatar" aria-hidden="true">
          {initials(visitor.name || visitor.email)}
        </span>
        <div>
          <div class="visitor-name">
            {name}
            {visitor.verified === false && (
              <span
                class="badge badge-unverified"
                data-testid="identity-unverified"
                title={
                  'The host app did not prove this identity: name, ' +
                  'plan and account value are what the page claimed, and do not affect priority.'
                }
              >
                unverified
              </span>
            )}
          </div>
          {visitor.email && <div class="muted">{visitor.email}</div>}
        </div>
      </div>
      <dl class="facts">
        <div>
          <dt>Plan</dt>
          <dd>{visitor.plan ?? <span class="muted">unknown</span>}</dd>
        </div>
        <div>
          <dt>Account value</dt>
          <dd>{formatMoney(visitor.accountValue)}</dd>
        </div>
        {visitor.renewalDate && (
          <div>
            <dt>Renews</dt>
            <dd>{visitor.renewalDate}</dd>
          </div>
        )}
        {visitor.id && (
          <div>
            <dt>Visitor id</dt>
            <dd class="mono">{visitor.id}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
