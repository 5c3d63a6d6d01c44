import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../storage/database.js';
import {
  consumeOidcPayload,
  destroyOidcPayload,
  findOidcPayload,
  findOidcPayloadByUid,
  findOidcPayloadByUserCode,
  revokeOidcGrant,
  upsertOidcPayload,
  type OidcPayloadRow,
} from '../storage/repositories/oidc-payloads.js';
import { findOidcClient } from '../storage/repositories/oidc-clients.js';
import { clientMetadata } from './clients.js';

// IDP-1, IDP-7: the provider library's storage contract over Portico's storage layer. Every model
// (Session, Interaction, Grant, AuthorizationCode, AccessToken, RefreshToken, …) is a row of
// `oidc_payloads`; the Client model reads the clients an admin registered (`oidc_clients`).
// The library works in epoch seconds on the real clock; rows keep epoch milliseconds.

const now = () => Date.now();

function payloadOf(row: OidcPayloadRow | undefined): AdapterPayload | undefined {
  if (!row) return undefined;
  const payload = JSON.parse(row.payload) as AdapterPayload;
  return row.consumedAt === null ? payload : { ...payload, consumed: Math.floor(row.consumedAt / 1000) };
}

/** The adapter class the provider is configured with, bound to one database. */
export function createAdapterClass(db: Db): new (name: string) => Adapter {
  return class PorticoAdapter implements Adapter {
    constructor(readonly name: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      if (this.name === 'Client') throw new Error('clients are registered with `portico clients add`');
      await upsertOidcPayload(db, {
        kind: this.name,
        id,
        payload: JSON.stringify(payload),
        grantId: payload.grantId ?? null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        clientId: typeof payload.clientId === 'string' ? payload.clientId : null,
        accountId: typeof payload.accountId === 'string' ? payload.accountId : null,
        expiresAt: expiresIn ? now() + expiresIn * 1000 : null,
      });
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.name === 'Client') {
        const client = await findOidcClient(db, id);
        return client ? clientMetadata(client) : undefined;
      }
      return payloadOf(await findOidcPayload(db, this.name, id, now()));
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return payloadOf(await findOidcPayloadByUid(db, this.name, uid, now()));
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return payloadOf(await findOidcPayloadByUserCode(db, this.name, userCode, now()));
    }

    async consume(id: string): Promise<void> {
      await consumeOidcPayload(db, this.name, id, now());
    }

    async destroy(id: string): Promise<void> {
      await destroyOidcPayload(db, this.name, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await revokeOidcGrant(db, this.name, grantId);
    }
  };
}
