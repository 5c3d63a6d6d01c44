import type { ContactChannel } from './content.js';
import type { Templates } from './en.js';

const hello = (name: string) => `Hola, ${name}:`;
const contactName = (channel: ContactChannel) => (channel === 'email' ? 'el correo electrónico' : 'el número de celular');
const codeWarning = 'El código vence en 10 minutos. No lo comparta con nadie: la mesa de ayuda nunca se lo pedirá.';

export const esPR: Templates = {
  common: {
    signOff: 'El equipo de Portico',
    automated: 'Portico, su portal de empleados, envió este mensaje automáticamente. Las respuestas no se leen.',
  },
  email: {
    'email-verification-code': ({ givenName, code }) => ({
      subject: 'Su código de verificación de Portico',
      body: [
        hello(givenName),
        'Use este código para confirmar su correo electrónico en Portico:',
        { code },
        codeWarning,
        'Si usted no pidió este código, puede ignorar este mensaje.',
      ],
    }),
    'contact-change-notice': ({ givenName, channel, maskedNewAddress }, site) => ({
      subject: 'Un cambio en sus datos de contacto de Portico',
      body: [
        hello(givenName),
        `Se pidió cambiar ${contactName(channel)} de su cuenta de Portico a ${maskedNewAddress}. El cambio se aplica cuando se confirme la nueva dirección con un código.`,
        'Enviamos este aviso a sus datos de contacto anteriores para que esté al tanto. Si usted hizo el cambio, no tiene que hacer nada.',
        'Si usted no hizo este cambio, avísele de inmediato a la mesa de ayuda mediante el Formulario de ayuda técnica:',
        { link: site.helpUrl, label: 'Formulario de ayuda técnica' },
      ],
    }),
    'passkey-added': ({ givenName, name }, site) => ({
      subject: 'Se añadió una llave de acceso a su cuenta de Portico',
      body: [
        hello(givenName),
        `Se acaba de añadir una llave de acceso llamada “${name}” a su cuenta de Portico. Con ella se puede iniciar sesión en su cuenta sin contraseña. Si fue usted, no tiene que hacer nada.`,
        'No fui yo: si usted no la añadió, avísele de inmediato a la mesa de ayuda mediante el Formulario de ayuda técnica:',
        { link: site.helpUrl, label: 'Formulario de ayuda técnica' },
      ],
    }),
    'passkey-removed': ({ givenName, name }, site) => ({
      subject: 'Se quitó una llave de acceso de su cuenta de Portico',
      body: [
        hello(givenName),
        `Se acaba de quitar la llave de acceso llamada “${name}” de su cuenta de Portico y ya no sirve para iniciar sesión. Si fue usted, no tiene que hacer nada.`,
        'No fui yo: si usted no la quitó, avísele de inmediato a la mesa de ayuda mediante el Formulario de ayuda técnica:',
        { link: site.helpUrl, label: 'Formulario de ayuda técnica' },
      ],
    }),
    'password-changed': ({ givenName, helpUrl }) => ({
      subject: 'Su contraseña de Portico cambió',
      body: [
        hello(givenName),
        'La contraseña de su cuenta de Portico acaba de cambiar y se cerraron sus otras sesiones abiertas. Si fue usted, no tiene que hacer nada más.',
        'No fui yo: si usted no cambió su contraseña, avísele de inmediato a la mesa de ayuda mediante el Formulario de ayuda técnica:',
        { link: helpUrl, label: 'Formulario de ayuda técnica' },
      ],
    }),
    'password-reset-link': ({ givenName, link }) => ({
      subject: 'Restablezca su contraseña de Portico',
      body: [
        hello(givenName),
        'Recibimos una solicitud para restablecer la contraseña de su cuenta de Portico. Elija una contraseña nueva con este enlace:',
        { link, label: 'Restablecer mi contraseña' },
        'El enlace funciona una sola vez y vence en 30 minutos. Si usted no lo pidió, ignore este mensaje: su contraseña sigue igual.',
      ],
    }),
    'login-code': ({ code }) => ({
      subject: 'Su código de seguridad de Portico',
      body: [
        'Hola:',
        'Escriba este código en Portico para continuar:',
        { code },
        codeWarning,
        'Si usted no pidió un código, es posible que alguien esté intentando entrar a su cuenta. Cambie su contraseña o comuníquese con la mesa de ayuda.',
      ],
    }),
    'help-request-received': ({ reference }) => ({
      subject: `Recibimos su solicitud de ayuda (${reference})`,
      body: [
        'Hola:',
        'Gracias por comunicarse con el apoyo técnico de Portico. Recibimos su solicitud. Su número de referencia es:',
        { code: reference },
        'La mesa de ayuda atiende las solicitudes en el orden en que llegan y se comunicará con usted por el medio que indicó. Mencione el número de referencia si nos escribe de nuevo.',
      ],
    }),
    'caller-verification-code': ({ givenName, code }) => ({
      subject: 'Su código para la mesa de ayuda de Portico',
      body: [
        `Hola, ${givenName}:`,
        'Un agente de la mesa de ayuda de Portico nos pidió enviarle este código para confirmar que está hablando con usted:',
        { code },
        'Léaselo al agente solo si está hablando por teléfono con la mesa de ayuda de Portico en este momento. Vence en 10 minutos.',
        'Si no está hablando con la mesa de ayuda, no le dé este código a nadie: alguien puede estar haciéndose pasar por usted. Avise a la mesa de ayuda con el formulario de ayuda técnica.',
      ],
    }),
    'caller-verification-blocked': ({ givenName, helpUrl }) => ({
      subject: 'Alguien no pudo demostrar a la mesa de ayuda que era usted',
      body: [
        `Hola, ${givenName}:`,
        'Una persona que hablaba con la mesa de ayuda de Portico sobre su cuenta dio 3 códigos de verificación incorrectos, así que la mesa de ayuda no puede verificar llamadas para su cuenta durante 15 minutos. No se cambió nada en su cuenta.',
        'Si no fue usted, avise enseguida a la mesa de ayuda con el formulario de ayuda técnica:',
        { link: helpUrl, label: 'Formulario de ayuda técnica' },
      ],
    }),
    'help-request-closed': ({ reference, note }) => ({
      subject: `Su solicitud de ayuda fue cerrada (${reference})`,
      body: ['Hola:', 'La mesa de ayuda cerró su solicitud de ayuda con este número de referencia:', { code: reference }, 'Lo que hizo la mesa de ayuda:', note, 'Si el problema no se resolvió, envíe un nuevo Formulario de Ayuda Técnica y mencione el número de referencia.'],
    }),
  },
  sms: {
    'sms-verification-code': ({ code }) => `Portico: su código de verificación es ${code}. Vence en 10 minutos. No lo comparta con nadie.`,
    'contact-change-notice': ({ channel, maskedNewAddress }, site) =>
      `Portico: se pidió cambiar ${contactName(channel)} de su cuenta a ${maskedNewAddress}. ¿No fue usted? Avise a la mesa de ayuda: ${site.helpUrl}`,
    'password-changed': ({ helpUrl }) => `Portico: su contraseña cambió. ¿No fue usted? Avise a la mesa de ayuda: ${helpUrl}`,
    'login-code': ({ code }) => `Portico: su código es ${code}. Vence en 10 minutos. No lo comparta con nadie.`,
    'help-request-received': ({ reference }) =>
      `Portico: recibimos su solicitud de ayuda. Referencia ${reference}. La mesa de ayuda se comunicará con usted.`,
    'caller-verification-code': ({ code }) =>
      `Portico: código de la mesa de ayuda ${code}. Léaselo al agente solo si habla por teléfono con la mesa de ayuda ahora. Vence en 10 minutos.`,
    'caller-verification-blocked': ({ helpUrl }) =>
      `Portico: alguien dio a la mesa de ayuda 3 códigos incorrectos para su cuenta. No se cambió nada. ¿No fue usted? Avise: ${helpUrl}`,
    'help-request-closed': ({ reference, note }) => `Portico: su solicitud de ayuda ${reference} fue cerrada. ${note}`,
  },
};
