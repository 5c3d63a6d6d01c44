import type { AppDeps, RequestMeta } from '../core/deps.js';
import { AppError } from '../core/errors.js';
import { auditOwnEvent } from '../audit/record-audit.js';
import { deleteOidcPayloadsOfAccountClient, listOidcGrantsOfAccount } from '../storage/repositories/oidc-payloads.js';
import { findOidcClient } from '../storage/repositories/oidc-clients.js';
import { isClientId } from './clients.js';
import { subjectFor } from './accounts.js';

// IDP-5: "Connected apps" in Edit My Profile: the applications an employee granted access to, and
// disconnecting one (its grants, codes, access and refresh tokens end at once).

export interface ConnectedApp {
  clientId: string;
  name: string;
  scopes: string[];
  /** When the first grant still alive was made, epoch ms. */
  since: number;
}

export async function listConnectedApps(deps: Pick<AppDeps, 'storage' | 'clock'>, employeeId: string): Promise<ConnectedApp[]> {
  const sub = await subjectFor(deps, employeeId);
  const byClient = new Map<string, { scopes: Set<string>; since: number }>();
  for (const grant of await listOidcGrantsOfAccount(deps.storage.db, sub, Date.now())) {
    const payload = JSON.parse(grant.payload) as { iat?: number; openid?: { scope?: string } };
    const entry = byClient.get(grant.clientId) ?? { scopes: new Set<string>(), since: Number.POSITIVE_INFINITY };
    for (const scope of (payload.openid?.scope ?? '').split(' ')) if (scope) entry.scopes.add(scope);
    entry.since = Math.min(entry.since, (payload.iat ?? 0) * 1000);
    byClient.set(grant.clientId, entry);
  }
  const apps: ConnectedApp[] = [];
  for (const [clientId, entry] of byClient) {
    const client = await findOidcClient(deps.storage.db, clientId);
    if (client) apps.push({ clientId, name: client.name, scopes: [...entry.scopes].sort(), since: entry.since });
  }
  return apps.sort((a, b) => a.name.localeCompare(b.name) || a.clientId.localeCompare(b.clientId));
}

/** Ends everything an application holds for this employee; NOT_FOUND when it holds nothing. Audited. */
export async function disconnectApp(deps: AppDeps, employeeId: string, clientId: string, meta: RequestMeta): Promise<void> {
  // Checked before the database sees it: PostgreSQL refuses a NUL in text (a 500, not a 404).
  if (!isClientId(clientId)) throw new AppError('NOT_FOUND', 'notFound');
  const sub = await subjectFor(deps, employeeId);
  const deleted = await deleteOidcPayloadsOfAccountClient(deps.storage.db, sub, clientId);
  if (deleted === 0) throw new AppError('NOT_FOUND', 'notFound');
  await auditOwnEvent(deps, meta, employeeId, 'oidc.consent_revoked', 'success', { client: clientId });
}
