import type { ContactChannel } from './content.js';
import type { Templates } from './en.js';

const hello = (name: string) => `Bonjour ${name},`;
// Written out per channel: the participle agrees with « adresse » (feminine) or « numéro ».
const changed = (channel: ContactChannel, masked: string) =>
  channel === 'email'
    ? `une demande a été faite pour remplacer l’adresse courriel de votre compte Portico par ${masked}`
    : `une demande a été faite pour remplacer le numéro de cellulaire de votre compte Portico par ${masked}`;
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const codeWarning = 'Le code expire dans 10 minutes. Ne le communiquez à personne : le centre d’assistance ne vous le demandera jamais.';

export const frCA: Templates = {
  common: {
    signOff: 'L’équipe Portico',
    automated: 'Ce message a été envoyé automatiquement par Portico, votre portail des employés. Les réponses ne sont pas lues.',
  },
  email: {
    'email-verification-code': ({ givenName, code }) => ({
      subject: 'Votre code de vérification Portico',
      body: [
        hello(givenName),
        'Utilisez ce code pour confirmer votre adresse courriel dans Portico :',
        { code },
        codeWarning,
        'Si vous n’avez pas demandé ce code, vous pouvez ignorer ce courriel.',
      ],
    }),
    'contact-change-notice': ({ givenName, channel, maskedNewAddress }, site) => ({
      subject: 'Changement de vos coordonnées Portico',
      body: [
        hello(givenName),
        `${capitalise(changed(channel, maskedNewAddress))}.`,
        'Nous envoyons cet avis à vos anciennes coordonnées pour vous en informer. Si vous avez fait ce changement, vous n’avez rien à faire.',
        'Si vous n’avez pas fait ce changement, avisez immédiatement le centre d’assistance au moyen du formulaire d’aide technique :',
        { link: site.helpUrl, label: 'Formulaire d’aide technique' },
      ],
    }),
    'passkey-added': ({ givenName, name }, site) => ({
      subject: 'Une clé d’accès a été ajoutée à votre compte Portico',
      body: [
        hello(givenName),
        `Une clé d’accès nommée « ${name} » vient d’être ajoutée à votre compte Portico. Elle permet de se connecter à votre compte sans mot de passe. Si c’est vous, vous n’avez rien à faire.`,
        'Ce n’était pas moi : si vous ne l’avez pas ajoutée, avisez immédiatement le centre d’assistance au moyen du formulaire d’aide technique :',
        { link: site.helpUrl, label: 'Formulaire d’aide technique' },
      ],
    }),
    'passkey-removed': ({ givenName, name }, site) => ({
      subject: 'Une clé d’accès a été retirée de votre compte Portico',
      body: [
        hello(givenName),
        `La clé d’accès nommée « ${name} » vient d’être retirée de votre compte Portico et ne peut plus servir à se connecter. Si c’est vous, vous n’avez rien à faire.`,
        'Ce n’était pas moi : si vous ne l’avez pas retirée, avisez immédiatement le centre d’assistance au moyen du formulaire d’aide technique :',
        { link: site.helpUrl, label: 'Formulaire d’aide technique' },
      ],
    }),
    'password-changed': ({ givenName, helpUrl }) => ({
      subject: 'Votre mot de passe Portico a été modifié',
      body: [
        hello(givenName),
        'Le mot de passe de votre compte Portico vient d’être modifié et vos autres sessions ouvertes ont été fermées. Si c’est vous, vous n’avez rien d’autre à faire.',
        'Ce n’était pas moi : si vous n’avez pas changé votre mot de passe, avisez immédiatement le centre d’assistance au moyen du formulaire d’aide technique :',
        { link: helpUrl, label: 'Formulaire d’aide technique' },
      ],
    }),
    'password-reset-link': ({ givenName, link }) => ({
      subject: 'Réinitialisez votre mot de passe Portico',
      body: [
        hello(givenName),
        'Nous avons reçu une demande de réinitialisation du mot de passe de votre compte Portico. Choisissez un nouveau mot de passe avec ce lien :',
        { link, label: 'Réinitialiser mon mot de passe' },
        'Le lien ne fonctionne qu’une fois et expire dans 30 minutes. Si vous ne l’avez pas demandé, ignorez ce courriel : votre mot de passe reste le même.',
      ],
    }),
    'login-code': ({ code }) => ({
      subject: 'Votre code de sécurité Portico',
      body: [
        'Bonjour,',
        'Entrez ce code dans Portico pour continuer :',
        { code },
        codeWarning,
        'Si vous n’avez pas demandé de code, quelqu’un essaie peut-être d’accéder à votre compte. Changez votre mot de passe ou communiquez avec le centre d’assistance.',
      ],
    }),
    'help-request-received': ({ reference }) => ({
      subject: `Nous avons reçu votre demande d’aide (${reference})`,
      body: [
        'Bonjour,',
        'Merci d’avoir communiqué avec le soutien technique de Portico. Nous avons reçu votre demande. Votre numéro de référence est :',
        { code: reference },
        'Le centre d’assistance traite les demandes dans l’ordre d’arrivée et vous joindra de la façon demandée. Indiquez ce numéro de référence si vous nous écrivez de nouveau.',
      ],
    }),
    'caller-verification-code': ({ givenName, code }) => ({
      subject: 'Votre code pour le soutien technique de Portico',
      body: [
        `Bonjour ${givenName},`,
        'Un agent du soutien technique de Portico nous a demandé de vous envoyer ce code pour confirmer qu’il parle bien avec vous :',
        { code },
        'Lisez-le à l’agent seulement si vous êtes au téléphone avec le soutien technique de Portico en ce moment. Il expire dans 10 minutes.',
        'Si vous ne parlez pas au soutien technique, ne donnez ce code à personne : quelqu’un se fait peut-être passer pour vous. Prévenez le soutien technique par le formulaire d’aide technique.',
      ],
    }),
    'caller-verification-blocked': ({ givenName, helpUrl }) => ({
      subject: 'Quelqu’un n’a pas pu prouver au soutien technique qu’il s’agissait de vous',
      body: [
        `Bonjour ${givenName},`,
        'Une personne qui parlait au soutien technique de Portico au sujet de votre compte a donné 3 codes de vérification erronés : le soutien ne peut plus vérifier d’appelant pour votre compte pendant 15 minutes. Rien n’a été changé dans votre compte.',
        'Si ce n’était pas vous, prévenez tout de suite le soutien technique par le formulaire d’aide technique :',
        { link: helpUrl, label: 'Formulaire d’aide technique' },
      ],
    }),
    'help-request-closed': ({ reference, note }) => ({
      subject: `Votre demande d’aide a été fermée (${reference})`,
      body: ['Bonjour,', 'Le centre d’assistance a fermé votre demande d’aide portant ce numéro de référence :', { code: reference }, 'Ce que le centre d’assistance a fait :', note, 'Si le problème n’est pas réglé, envoyez un nouveau formulaire d’aide technique en indiquant le numéro de référence.'],
    }),
  },
  sms: {
    'sms-verification-code': ({ code }) => `Portico : votre code de vérification est ${code}. Il expire dans 10 minutes. Ne le communiquez à personne.`,
    'contact-change-notice': ({ channel, maskedNewAddress }, site) =>
      `Portico : changement demandé ${channel === 'email' ? 'du courriel' : 'du cellulaire'} de votre compte pour ${maskedNewAddress}. Pas vous? Avisez-nous : ${site.helpUrl}`,
    'password-changed': ({ helpUrl }) => `Portico : votre mot de passe a été modifié. Ce n’est pas vous? Avisez le centre d’assistance : ${helpUrl}`,
    'login-code': ({ code }) => `Portico : votre code est ${code}. Il expire dans 10 minutes. Ne le communiquez à personne.`,
    'help-request-received': ({ reference }) =>
      `Portico : nous avons reçu votre demande d’aide. Référence ${reference}. Le centre d’assistance communiquera avec vous.`,
    'caller-verification-code': ({ code }) =>
      `Portico : code du soutien ${code}. Lisez-le à l’agent seulement si vous êtes au téléphone avec le soutien Portico. Expire dans 10 minutes.`,
    'caller-verification-blocked': ({ helpUrl }) =>
      `Portico : quelqu’un a donné au soutien 3 codes erronés pour votre compte. Rien n’a été changé. Pas vous? Prévenez le soutien : ${helpUrl}`,
    'help-request-closed': ({ reference, note }) => `Portico : votre demande d’aide ${reference} a été fermée. ${note}`,
  },
};
