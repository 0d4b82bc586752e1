// The decisions an approver (or admin) can make on a contract, offered only to roles holding the
// APPROVE permission and only while the contract's status allows them: approve (with an optional
// activation window), reject (with a reason), and the audit verdict once its job has completed.
// The server decides; a refusal is shown in words from its code.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { RefusalAlert } from '../../components/refusal-alert';
import { ApproveContractDocument, RecordAuditVerdictDocument, RejectContractDocument, type AuditVerdict, type ContractDetailFieldsFragment } from '../../graphql/generated';
import { describeRefusal, type Refusal } from '../../graphql/refusals';
import { useCan, useSignedIn } from '../../session/session';

type Contract = ContractDetailFieldsFragment;

const REJECTABLE = new Set(['DRAFT', 'VALIDATED', 'ELIGIBLE']);
const VERDICTS: readonly Exclude<AuditVerdict, 'PENDING'>[] = ['PASS', 'FAIL', 'INCONCLUSIVE'];

function localRefusal(words: string): Refusal {
  return { code: null, words, detail: null, reasons: [] };
}

/** One decision: its fields and the button that submits it. */
function DecisionForm({ onSubmit, button, tone, busy, children }: { onSubmit(event: FormEvent): void; button: string; tone: 'primary' | 'danger'; busy: boolean; children: ReactNode }) {
  return (
    <form className="decision" onSubmit={onSubmit}>
      {children}
      <button type="submit" className={tone} disabled={busy}>
        {button}
      </button>
    </form>
  );
}

/** The decision forms for one contract, or nothing when the caller may not decide or nothing is open. */
export function ContractDecisions({ contract }: { contract: Contract }) {
  const { viewer } = useSignedIn();
  const mayDecide = useCan('APPROVE');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [approval, approve] = useMutation(ApproveContractDocument);
  const [rejection, reject] = useMutation(RejectContractDocument);
  const [audit, recordVerdict] = useMutation(RecordAuditVerdictDocument);
  const [windowHours, setWindowHours] = useState('');
  const [reason, setReason] = useState('');
  const [verdict, setVerdict] = useState<(typeof VERDICTS)[number]>('PASS');
  const [auditReason, setAuditReason] = useState('');

  const approvable = contract.status === 'ELIGIBLE';
  const rejectable = REJECTABLE.has(contract.status);
  const auditable = contract.status === 'ACTIVE' && contract.job?.status === 'COMPLETED' && contract.auditVerdict === 'PENDING';
  if (!mayDecide || (!(approvable || rejectable || auditable) && !done)) return null;
  const createdByViewer = contract.createdBy === viewer.principal;
  const busy = approval.fetching || rejection.fetching || audit.fetching;

  const settle = (error: CombinedError | undefined, success: string, approving = false) => {
    setRefusal(error ? describeRefusal(error.graphQLErrors, { approvingOwnContract: approving && createdByViewer }) : null);
    setDone(error ? null : success);
  };
  const submitApproval = async (event: FormEvent) => {
    event.preventDefault();
    const hours = windowHours.trim() === '' ? null : Number(windowHours);
    const result = await approve({ id: contract.id, input: { activationWindowHours: hours, expectedVersion: contract.version } });
    settle(result.error, 'Approved. The activation window is open.', true);
  };
  const submitRejection = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setRefusal(localRefusal('Give a reason for rejecting: it is recorded in the contract’s history.'));
    const result = await reject({ id: contract.id, reason: reason.trim() });
    settle(result.error, 'Rejected.');
  };
  const submitVerdict = async (event: FormEvent) => {
    event.preventDefault();
    if (!auditReason.trim()) return setRefusal(localRefusal('Give a reason for the verdict: it is recorded with it.'));
    const result = await recordVerdict({ contractId: contract.id, verdict, reason: auditReason.trim() });
    settle(result.error, `Audit verdict ${verdict} recorded.`);
  };

  return (
    <section className="section decisions" aria-labelledby="decision-heading">
      <h2 id="decision-heading">Your decision</h2>
      {approvable && createdByViewer && (
        <p className="notice">You created this contract. Separation of duties: someone else has to approve it.</p>
      )}
      <div className="decision-forms">
        {approvable && (
          <DecisionForm onSubmit={submitApproval} button="Approve" tone="primary" busy={busy}>
            <label>
              Activation window (hours, optional)
              <input type="number" inputMode="numeric" min={1} max={168} placeholder="24" value={windowHours} onChange={(event) => setWindowHours(event.target.value)} />
            </label>
          </DecisionForm>
        )}
        {rejectable && (
          <DecisionForm onSubmit={submitRejection} button="Reject" tone="danger" busy={busy}>
            <label>
              Reason for rejecting
              <textarea rows={2} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} />
            </label>
          </DecisionForm>
        )}
        {auditable && (
          <DecisionForm onSubmit={submitVerdict} button="Record verdict" tone="primary" busy={busy}>
            <fieldset>
              <legend>Audit verdict</legend>
              {VERDICTS.map((option) => (
                <label key={option} className="choice">
                  <input type="radio" name="verdict" value={option} checked={verdict === option} onChange={() => setVerdict(option)} />
                  {option}
                </label>
              ))}
            </fieldset>
            <label>
              Reason for the verdict
              <textarea rows={2} value={auditReason} onChange={(event) => setAuditReason(event.target.value)} maxLength={2000} />
            </label>
          </DecisionForm>
        )}
      </div>
      {refusal && <RefusalAlert refusal={refusal} />}
      {done && !refusal && (
        <p className="success" role="status">
          {done}
        </p>
      )}
    </section>
  );
}
