// A refusal shown to the person who acted: the words for its code, the server's message, and the
// reasons a BAD_USER_INPUT lists. Announced at once to screen readers (role="alert").
import type { Refusal } from '../graphql/refusals';

/** Shows one refusal. */
export function RefusalAlert({ refusal }: { refusal: Refusal }) {
  return (
    <div className="refusal" role="alert">
      <p className="refusal-words">{refusal.words}</p>
      {refusal.detail && <p className="refusal-detail">{refusal.detail}</p>}
      {refusal.reasons.length > 0 && (
        <ul className="refusal-reasons">
          {refusal.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {refusal.code && <p className="refusal-code">Code: {refusal.code}</p>}
    </div>
  );
}
