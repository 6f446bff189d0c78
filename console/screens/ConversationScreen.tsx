// One conversation: transcript and reply on the left, the handoff context on the right.
import { useModel } from '@preact/signals';
import { useRef, useState } from 'preact/hooks';
import { useSignedIn } from '../app-context.js';
import { Alert } from '../components/Alert.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { DecisionList } from '../components/DecisionList.js';
import { HandoffBrief } from '../components/HandoffBrief.js';
import { Link } from '../components/Link.js';
import { PageTrail } from '../components/PageTrail.js';
import { PriorityBadge } from '../components/PriorityBadge.js';
import { ReplyBox } from '../components/ReplyBox.js';
import { Spinner } from '../components/Spinner.js';
import { Transcript } from '../components/Transcript.js';
import { VisitorPanel } from '../components/VisitorPanel.js';
import { VisitorHistoryPanel } from '../components/VisitorHistoryPanel.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { useShortcuts } from '../hooks/use-shortcuts.js';
import { hrefFor } from '../lib/router.js';
import { ConversationModel } from '../models/conversation-model.js';
import { CannedModel } from '../models/canned-model.js';
import { ConversationToolsModel } from '../models/conversation-tools-model.js';
import { NotesPanel } from '../components/NotesPanel.js';
import { ServicePanel } from '../components/ServicePanel.js';
import { TimelinePanel } from '../components/TimelinePanel.js';
import { TransferDialog } from '../components/TransferDialog.js';
import { VerdictButtons } from '../components/VerdictButtons.js';
import { BugReportPanel } from '../components/BugReportPanel.js';

const STATUS_LABEL = {
  bot: 'With the AI',
  queued: 'Waiting for an agent',
  assigned: 'Assigned',
  resolved: 'Resolved',
} as const;

export function ConversationScreen({ id }: { id: string }) {
  const { api, realtime, me, queue, router } = useSignedIn();
  const model = useModel(() => new ConversationModel({ api, realtime, me, id, onChange: queue.applyUpdate }));
  const tools = useModel(() => new ConversationToolsModel({ api, me, id, conversation: model }));
  const canned = useModel(() => new CannedModel(api));
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const [confirmResolve, setConfirmResolve] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const now = queue.now.value;

  const d = model.detail.value;
  const busy = model.busy.value;
  const name = d?.visitor?.name || d?.visitor?.email || 'Anonymous visitor';
  useDocumentTitle(`${d ? name : 'Conversation'} · Firstline`);

  useShortcuts('conversation', {
    claim: () => {
      if (!model.canClaim.peek()) return false;
      void model.claim().then(() => replyRef.current?.focus());
    },
    focusReply: () => {
      if (!replyRef.current || replyRef.current.disabled) return false;
      replyRef.current.focus();
    },
    resolve: () => {
      if (!model.canResolve.peek()) return false;
      setConfirmResolve(true);
    },
    back: () => router.navigate(hrefFor({ name: 'queue' })),
    transfer: () => {
      if (!canTransfer()) return false;
      setTransferring(true);
    },
    note: () => {
      if (!noteRef.current) return false;
      noteRef.current.focus();
      noteRef.current.scrollIntoView?.({ block: 'nearest' });
    },
  });

  function canTransfer(): boolean {
    const cur = model.detail.peek();
    return !!cur && cur.status === 'assigned' && (cur.assignee?.id === me.id || me.role === 'admin');
  }

  if (!d) {
    return (
      <div class="page">
        <Link href={hrefFor({ name: 'queue' })} class="back-link">
          ← Queue
        </Link>
        {model.error.value ? <Alert>{model.error.value}</Alert> : <Spinner label="Loading conversation" />}
      </div>
    );
  }

  const status = d.status;
  const replyPlaceholder = model.canReply.value
    ? 'Write a reply…'
    : status === 'queued'
      ? 'Claim this conversation to reply'
      : status === 'resolved'
        ? 'This conversation is resolved'
        : status === 'bot'
          ? 'The AI is handling this conversation'
          : `Assigned to ${d.assignee?.name || 'another agent'}`;

  return (
    <div class="conv">
      <header class="conv-head">
        <div class="conv-title">
          <Link href={hrefFor({ name: 'queue' })} class="back-link" aria-label="Back to the queue">
            ←
          </Link>
          <h1>{name}</h1>
          <span class={`status status-${status}`}>{STATUS_LABEL[status] ?? status}</span>
          {d.handoff && <PriorityBadge priority={d.handoff.priority} />}
          {d.assignee && status === 'assigned' && (
            <span class="muted">{d.assignee.id === me.id ? 'by you' : `by ${d.assignee.name}`}</span>
          )}
        </div>
        <div class="conv-actions">
          {model.canClaim.value && (
            <button
              type="button"
              class="btn btn-primary"
              onClick={() => void model.claim().then(() => replyRef.current?.focus())}
              disabled={busy !== null}
              aria-busy={busy === 'claim'}
              aria-keyshortcuts="c"
            >
              Claim
            </button>
          )}
          {canTransfer() && (
            <button type="button" class="btn" onClick={() => setTransferring(true)} aria-keyshortcuts="t">
              Transfer
            </button>
          )}
          {model.canResolve.value && (
            <button
              type="button"
              class="btn"
              onClick={() => void model.resolve()}
              disabled={busy !== null}
              aria-busy={busy === 'resolve'}
              aria-keyshortcuts="Control+Enter Meta+Enter"
            >
              Resolve
            </button>
          )}
        </div>
      </header>
      {model.actionError.value && <Alert>{model.actionError.value}</Alert>}
      {model.notice.value && (
        <Alert kind="success" onDismiss={model.dismissNotice}>
          {model.notice.value}
        </Alert>
      )}
      {model.error.value && <Alert>{model.error.value}</Alert>}
      <div class="conv-body">
        <section class="conv-main" aria-label="Conversation">
          <Transcript
            messages={model.messages.value}
            visitor={d.visitor}
            onRetry={model.retry}
            loadAttachment={(attachmentId) => api.attachment(id, attachmentId)}
            {...(d.translation && d.language && d.language !== 'en'
              ? { translate: async (messageId: string) => (await api.translateMessage(id, messageId)).text }
              : {})}
          />
          {status !== 'resolved' && (
            <ReplyBox
              disabled={!model.canReply.value}
              placeholder={replyPlaceholder}
              onSend={model.send}
              inputRef={replyRef}
              canned={canned.items.value}
            />
          )}
        </section>
        <aside class="conv-side" aria-label="Context">
          {d.handoff ? (
            <HandoffBrief handoff={d.handoff} page={d.page} />
          ) : (
            <section class="panel">
              <h2 class="panel-title">Handoff brief</h2>
              <p class="muted">The AI has not handed this conversation over.</p>
            </section>
          )}
          <VisitorPanel visitor={d.visitor ?? {}} />
          <VisitorHistoryPanel key={id} api={api} conversationId={id} />
          <ServicePanel d={d} now={now} sentiment={model.sentiment.value} />
          {d.handoff && (
            <VerdictButtons
              value={tools.verdict.value}
              error={tools.verdictError.value}
              onChange={(v) => void tools.setVerdict(v)}
            />
          )}
          <NotesPanel
            notes={tools.notes.value}
            busy={tools.noteBusy.value}
            error={tools.noteError.value}
            onAdd={tools.addNote}
            inputRef={noteRef}
          />
          <BugReportPanel
            api={api}
            conversationId={id}
            suggested={d.handoff?.intent === 'bug_report' || d.handoff?.intent === 'outage'}
          />
          <TimelinePanel events={d.timeline ?? []} />
          <PageTrail page={d.page} trail={d.pageTrail ?? []} />
          <DecisionList decisions={d.decisions ?? []} />
        </aside>
      </div>
      {transferring && (
        <TransferDialog
          api={api}
          meId={me.id}
          busy={tools.transferBusy.value}
          error={tools.transferError.value}
          onTransfer={async (to, note) => {
            const res = await tools.transfer(to, note);
            if (res) queue.applyUpdate({ conversationId: id, status: res.status, assigneeId: res.assigneeId });
            return res;
          }}
          onClose={() => {
            setTransferring(false);
            tools.clearTransfer();
          }}
        />
      )}
      {confirmResolve && (
        <ConfirmDialog
          title="Resolve this conversation?"
          confirmLabel="Yes, resolve"
          onCancel={() => setConfirmResolve(false)}
          onConfirm={() => {
            setConfirmResolve(false);
            void model.resolve();
          }}
        >
          It moves to Resolved and out of your list. You can still read it there.
        </ConfirmDialog>
      )}
    </div>
  );
}
