import { NETWORK_TIMEOUT_MS } from './mailer.js';

// IDP-6: hands a logout token to an application's back-channel logout URI (OpenID Connect
// Back-Channel Logout 1.0, section 2.5): a form POST, no redirect followed, a 10 s timeout.

/** The receiver did not take the token; the status is recorded, its answer never is. */
export class LogoutReceiverError extends Error {
  /** 408, 429 and 5xx may pass (retried); any other answer means the receiver rejected the token. */
  readonly permanent: boolean;
  constructor(readonly status: number) {
    super(`logout receiver answered HTTP ${status}`);
    this.name = 'LogoutReceiverError';
    this.permanent = !(status >= 500 || status === 408 || status === 429);
  }
}

/** Resolves on a 2xx answer; throws LogoutReceiverError for any other, or the network error. */
export async function postLogoutToken(uri: string, logoutToken: string): Promise<void> {
  const response = await fetch(uri, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ logout_token: logoutToken }).toString(),
    redirect: 'manual',
    signal: AbortSignal.timeout(NETWORK_TIMEOUT_MS),
  });
  // Read and dropped so the connection can be reused.
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) throw new LogoutReceiverError(response.status);
}
