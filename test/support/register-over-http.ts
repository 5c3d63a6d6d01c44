// The registration wizard over the JSON API of a real server (SPEC §14.2), from the PIN to home,
// reading the e-mailed code from wherever the server delivers mail.
import { expectStatus, HttpClient } from './http-client.js';

export const ANSWERS = [
  { questionId: 'first-pet', answer: 'Tortellini' },
  { questionId: 'birth-city', answer: 'Quebradillas' },
  { questionId: 'first-school', answer: 'Colegio Urbina' },
];

export interface Registration {
  employeeId: string;
  pin: string;
  email: string;
  password: string;
  /** The newest 6-digit code sent to this address (polls until it arrives). */
  codeFor(email: string): Promise<string>;
}

/** Signs in with the PIN and walks every wizard step; returns the signed-in client. */
export async function registerOverHttp(base: string, person: Registration): Promise<HttpClient> {
  const client = new HttpClient(base);
  const first = expectStatus(await client.post('/api/v1/login', { identifier: person.employeeId, password: person.pin }), 200, 'PIN sign-in');
  if (first.json().next !== 'register') throw new Error(`PIN sign-in answered ${first.body}`);
  expectStatus(await client.post('/api/v1/registration/language', { language: 'en' }), 200, 'language');
  const state = expectStatus(await client.get('/api/v1/registration'), 200, 'registration state').json<{ terms: { version: number } }>();
  expectStatus(await client.post('/api/v1/registration/terms', { accept: true, version: state.terms.version }), 200, 'terms');
  expectStatus(await client.post('/api/v1/registration/contact', { email: person.email }), 200, 'contact');
  expectStatus(await client.post('/api/v1/registration/contact/verify', { emailCode: await person.codeFor(person.email) }), 200, 'verify');
  expectStatus(await client.post('/api/v1/registration/questions', { answers: ANSWERS }), 200, 'questions');
  const done = expectStatus(await client.post('/api/v1/registration/password', { password: person.password, confirm: person.password }), 200, 'password');
  if (done.json().next !== 'home') throw new Error(`the wizard ended with ${done.body}`);
  return client;
}

/** Polls `read` for a 6-digit code until it appears (the delivery worker sends within a second or so). */
export async function waitForCode(read: () => Promise<string | undefined>, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const code = /\b(\d{6})\b/.exec((await read()) ?? '')?.[1];
    if (code) return code;
    if (Date.now() > deadline) throw new Error('no code arrived');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
