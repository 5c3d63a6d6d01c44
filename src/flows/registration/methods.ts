import { challengeQuestionsRegistration } from '../../methods/challenge-questions/registration.js';
import { emailCodeRegistration } from '../../methods/email-code/registration.js';
import type { CodeChannel } from '../../methods/one-time-code/codes.js';
import { passwordRegistration } from '../../methods/password/registration.js';
import { smsCodeRegistration } from '../../methods/sms-code/registration.js';
import type { RegistrationCodeMethod, RegistrationMethod } from './flow.js';

// The methods the wizard uses, in the order of its steps (and, on the verify step, of its form).
// A new method is a folder under src/methods/ and a line here. The flow sees them only through
// its interfaces (flow.ts).

export const REGISTRATION_METHODS: readonly RegistrationMethod[] = [
  emailCodeRegistration,
  smsCodeRegistration,
  challengeQuestionsRegistration,
  passwordRegistration,
];

type MethodOf<S extends RegistrationMethod['step']> = Extract<RegistrationMethod, { step: S }>;

function methodsOf<S extends RegistrationMethod['step']>(step: S): MethodOf<S>[] {
  return REGISTRATION_METHODS.filter((m): m is MethodOf<S> => m.step === step);
}

/** The verify step's methods: one per channel a contact can be proven on. */
export const CODE_METHODS: readonly RegistrationCodeMethod[] = methodsOf('verify');

export function codeMethodFor(channel: CodeChannel): RegistrationCodeMethod {
  const method = CODE_METHODS.find((m) => m.channel === channel);
  if (!method) throw new Error(`no registration method proves a contact by ${channel}`);
  return method;
}

/** The method of a step that has exactly one: the questions, the password. */
export function stepMethod<S extends 'questions' | 'password'>(step: S): MethodOf<S> {
  const [method] = methodsOf(step);
  if (!method) throw new Error(`no registration method for the ${step} step`);
  return method;
}
