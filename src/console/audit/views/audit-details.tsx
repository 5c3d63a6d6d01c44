import type { Messages } from '../../../web/messages/en.js';
import { detailLabel, detailValue } from '../event-words.js';

/** An audit row's details as labelled values, never raw JSON and never clipped. */
export function AuditDetails({ t, detail }: { t: Messages; detail: Record<string, unknown> | null }) {
  const entries = Object.entries(detail ?? {});
  if (entries.length === 0) return <>{t.console.none}</>;
  return (
    <dl class="detail-list">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{detailLabel(t, key)}</dt>
          <dd>{detailValue(t, value)}</dd>
        </div>
      ))}
    </dl>
  );
}
