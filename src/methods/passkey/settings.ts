import type { AppDeps } from '../../core/deps.js';
import { hasControlCharacter } from '../../core/control-characters.js';
import { AppError } from '../../core/errors.js';
import { enqueueMessage } from '../../delivery/enqueue-message.js';
import type { ManagesPasskeys, PasskeyView, SettingsMethod } from '../../flows/settings/flow.js';
import { spendPasskeyChallenge } from '../../flows/flow-store.js';
import { confirmSecondFactorProof } from '../../flows/settings/mfa-proof.js';
import { auditOwnChange, requireOwnMfaState } from '../../flows/settings/own-account.js';
import { describeDevice } from '../../flows/settings/sessions.js';
import { deviceText } from '../../flows/settings/views/format.js';
import { markSecondFactor } from '../../session/session-store.js';
import type { SignedIn } from '../../session/signed-in.js';
import { deletePasskey, insertPasskey, listPasskeys, renamePasskey } from '../../storage/repositories/passkeys.js';
import { asLanguage, messagesFor } from '../../web/i18n.js';
import { checkRegistration, PASSKEY_LIMIT, PASSKEY_NAME_MAX, registrationOptions, requireRelyingParty, startCeremony, userHandleOf } from './webauthn.js';

// MFA-7 in Edit My Profile: up to 10 passkeys, each named by its owner. Adding one is a
// ceremony in two requests (options, then the browser's answer); it needs MFA-6's proof when the
// account already has a second factor, and a first one makes this session count as having passed
// it (MFA-6). Every change is audited, and adding or removing one is told to the employee by e-mail.

/** A name as typed: trimmed, inner whitespace collapsed; empty means "name it after the device". */
export function cleanPasskeyName(typed: string): string {
  return typed.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

function checkedName(typed: string): string {
  const name = cleanPasskeyName(typed);
  if (name === '') throw new AppError('VALIDATION', 'passkeyNameRequired', { fields: { name: 'passkeyNameRequired' } });
  if (name.length > PASSKEY_NAME_MAX) throw new AppError('VALIDATION', 'passkeyNameTooLong', { fields: { name: 'passkeyNameTooLong' } });
  // Control characters left once whitespace is collapsed (a NUL, which PostgreSQL cannot store, among them).
  if (hasControlCharacter(name)) throw new AppError('VALIDATION', 'passkeyNameInvalid', { fields: { name: 'passkeyNameInvalid' } });
  return name;
}

/** The name a passkey gets when its owner gives none: the browser and platform it was added on ("Chrome on Linux"). */
export function defaultPasskeyName(language: string, userAgent: string): string {
  return deviceText(messagesFor(asLanguage(language)), describeDevice(userAgent)).slice(0, PASSKEY_NAME_MAX);
}

async function list(deps: AppDeps, signedIn: SignedIn): Promise<PasskeyView[]> {
  const rows = await listPasskeys(deps.storage.db, signedIn.profile.employeeId);
  return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt, synced: row.deviceType === 'multiDevice' }));
}

const startAdding: ManagesPasskeys['startAdding'] = async (deps, signedIn, input, meta) => {
  const rp = requireRelyingParty(deps);
  const employeeId = signedIn.profile.employeeId;
  const existing = await listPasskeys(deps.storage.db, employeeId);
  if (existing.length >= PASSKEY_LIMIT) throw new AppError('VALIDATION', 'passkeyLimit');
  // MFA-6: a new way in for an account that already has a second factor needs that factor.
  await confirmSecondFactorProof(deps, signedIn, await requireOwnMfaState(deps, signedIn), input.code, meta);
  const displayName = `${signedIn.profile.givenName} ${signedIn.profile.familyName}`.trim();
  const options = await registrationOptions(rp, { employeeId, displayName, userHandle: userHandleOf(deps, employeeId) }, existing);
  const flowId = await startCeremony(deps, meta, { purpose: 'register', employeeId, challenge: options.challenge });
  return { flowId, options };
};

const finishAdding: ManagesPasskeys['finishAdding'] = async (deps, signedIn, input, meta) => {
  const rp = requireRelyingParty(deps);
  const employeeId = signedIn.profile.employeeId;
  const typed = cleanPasskeyName(input.name);
  const name = typed === '' ? defaultPasskeyName(signedIn.profile.language, meta.userAgent) : checkedName(typed);
  // Spent now, whatever follows: a challenge answers one ceremony (RECOV-12: this client's, this account's).
  const ceremony = await spendPasskeyChallenge(deps.storage.db, deps.config.secret, input.flowId, deps.clock.now(), meta.client);
  if (!ceremony || ceremony.state.purpose !== 'register' || ceremony.employeeId !== employeeId) throw new AppError('FLOW_EXPIRED', 'flowExpired');
  const registered = await checkRegistration(rp, input.credential, ceremony.state.challenge);
  if (!registered) throw new AppError('VALIDATION', 'passkeyNotAdded');
  const hadFactor = (await requireOwnMfaState(deps, signedIn)).mfa !== 'off' || signedIn.passkeys > 0;
  const now = deps.clock.now();
  const added = await insertPasskey(deps.storage.db, { employeeId, ...registered, name, now }, PASSKEY_LIMIT);
  if (added === 'limit') throw new AppError('VALIDATION', 'passkeyLimit');
  if (added === 'taken') throw new AppError('VALIDATION', 'passkeyTaken');
  // MFA-6: a first second factor, just proven by the ceremony's user verification, counts for this session.
  if (!hadFactor) await markSecondFactor(deps.storage.db, signedIn.sessionIdHash, now, 'passkey');
  await auditOwnChange(deps, signedIn, meta, 'passkey.added', { passkey: added.id, synced: registered.deviceType === 'multiDevice' });
  await notifyOwner(deps, signedIn, 'passkey-added', name);
  return { id: added.id, name };
};

const rename: ManagesPasskeys['rename'] = async (deps, signedIn, id, typed, meta) => {
  const name = checkedName(typed);
  if (!(await renamePasskey(deps.storage.db, signedIn.profile.employeeId, id, name))) throw new AppError('NOT_FOUND', 'notFound');
  await auditOwnChange(deps, signedIn, meta, 'passkey.renamed', { passkey: id });
};

/**
 * Removing needs only the session: it takes a way in away, adds none, and the owner is told by
 * e-mail. Someone who lost the device with their only passkey still has every other way in.
 */
const remove: ManagesPasskeys['remove'] = async (deps, signedIn, id, meta) => {
  const name = await deletePasskey(deps.storage.db, signedIn.profile.employeeId, id);
  if (name === null) throw new AppError('NOT_FOUND', 'notFound');
  await auditOwnChange(deps, signedIn, meta, 'passkey.removed', { passkey: id });
  await notifyOwner(deps, signedIn, 'passkey-removed', name);
};

async function notifyOwner(deps: AppDeps, signedIn: SignedIn, template: 'passkey-added' | 'passkey-removed', name: string): Promise<void> {
  const state = await requireOwnMfaState(deps, signedIn);
  if (!state.email) return;
  const language = asLanguage(state.language);
  await enqueueMessage(deps.storage.db, deps.config.secret, { channel: 'email', to: state.email, template, language, data: { givenName: state.givenName, name } }, deps.clock.now());
}

export const passkeySettings = {
  name: 'passkey',
  list,
  startAdding,
  finishAdding,
  rename,
  remove,
} as const satisfies SettingsMethod & ManagesPasskeys;
