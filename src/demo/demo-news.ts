import { article, dayAndMonth, md, type DemoArticle, type NewsContext } from './demo-text.js';
import { regionalNews } from './demo-news-regional.js';

// The demo company's news (HOME-2), in the three languages of the interface. Company-wide items
// are here, country-only ones and the holiday calendar in demo-news-regional.ts.

const DAY_HOURS = 24;

/** Every demo article; one of them is scheduled three days ahead, so it is not visible yet. */
export function demoNews(ctx: NewsContext): DemoArticle[] {
  return [townHall(), openEnrolment(ctx), wellness(), retireeNewsletter(), newPortal(), benefitsFair(), ...regionalNews(ctx)];
}

function townHall(): DemoArticle {
  return article('demo-news-town-hall', null, 1 * DAY_HOURS + 3, {
    en: [
      'Town hall recap: a strong year and what comes next',
      md`
        Thank you to everyone who joined last week’s town hall, in person in Chicago, Montréal and San Juan, or online. Here is a short recap for those who missed it.

        ## Highlights

        - **Customer satisfaction** reached its highest level in five years.
        - Our new service centre in Ponce opened and already serves customers across the island.
        - The **Employee Self-Service portal** now serves employees and retirees in English, French and Spanish.

        ## What comes next

        1. A simpler performance review cycle, with a mid-year check-in for everyone.
        2. More learning: every employee can book up to **five training days** a year.
        3. Open enrolment for next year’s benefits; see the [Benefits](/benefits) page.

        The recording and the slides are on the [town hall page](https://intranet.example.com/town-hall). Answers to the questions we did not have time for will be posted there by the end of the month.
      `,
    ],
    fr: [
      'Retour sur la rencontre générale : une année solide et la suite',
      md`
        Merci à toutes les personnes qui ont assisté à la rencontre générale de la semaine dernière, en personne à Chicago, à Montréal et à San Juan, ou en ligne. Voici un bref résumé pour celles et ceux qui l’ont manquée.

        ## Faits saillants

        - **La satisfaction de la clientèle** a atteint son plus haut niveau en cinq ans.
        - Notre nouveau centre de services de Ponce a ouvert ses portes et sert déjà la clientèle de toute l’île.
        - Le **portail libre-service des employés** est maintenant offert au personnel et aux retraités en français, en anglais et en espagnol.

        ## La suite

        1. Un cycle d’évaluation du rendement simplifié, avec un bilan de mi-année pour tout le monde.
        2. Plus de formation : chaque employé peut réserver jusqu’à **cinq jours de formation** par année.
        3. La période d’inscription aux avantages sociaux de l’an prochain; consultez la page [Avantages sociaux](/benefits).

        L’enregistrement et la présentation se trouvent sur la [page de la rencontre](https://intranet.example.com/town-hall). Les réponses aux questions restées en suspens y seront publiées d’ici la fin du mois.
      `,
    ],
    es: [
      'Resumen de la reunión general: un año sólido y lo que viene',
      md`
        Gracias a todas las personas que participaron en la reunión general de la semana pasada, en persona en Chicago, Montreal y San Juan, o en línea. Aquí tiene un breve resumen si no pudo asistir.

        ## Lo más destacado

        - **La satisfacción de nuestros clientes** alcanzó su nivel más alto en cinco años.
        - Abrió nuestro nuevo centro de servicio en Ponce, que ya atiende a clientes de toda la isla.
        - El **portal de autoservicio para empleados** ya está disponible para empleados y jubilados en español, inglés y francés.

        ## Lo que viene

        1. Un ciclo de evaluación del desempeño más sencillo, con una revisión de medio año para todos.
        2. Más aprendizaje: cada empleado puede reservar hasta **cinco días de adiestramiento** al año.
        3. La matrícula abierta de beneficios para el próximo año; visite la página de [Beneficios](/benefits).

        La grabación y la presentación están en la [página de la reunión](https://intranet.example.com/town-hall). Las contestaciones a las preguntas que no pudimos atender se publicarán allí antes de que termine el mes.
      `,
    ],
  });
}

function openEnrolment(ctx: NewsContext): DemoArticle {
  const en = { opens: dayAndMonth(ctx.enrolmentOpensOn, 'en'), closes: dayAndMonth(ctx.enrolmentClosesOn, 'en') };
  const fr = { opens: dayAndMonth(ctx.enrolmentOpensOn, 'fr-CA'), closes: dayAndMonth(ctx.enrolmentClosesOn, 'fr-CA') };
  const es = { opens: dayAndMonth(ctx.enrolmentOpensOn, 'es-PR'), closes: dayAndMonth(ctx.enrolmentClosesOn, 'es-PR') };
  return article('demo-news-open-enrolment', null, 3 * DAY_HOURS + 5, {
    en: [
      `Open enrolment runs from ${en.opens} to ${en.closes}`,
      md`
        Open enrolment for next year’s benefits opens on **${en.opens}** and closes on **${en.closes}**. It is the one time of the year when you can change your medical, dental and vision plans without a qualifying life event.

        ## Before the window opens

        - Check who is covered: add or remove dependents, and have their dates of birth at hand.
        - Review your current plans on the [Benefits](/benefits) page of this portal.
        - Compare next year’s plans side by side in the [benefits guide](https://benefits.example.com/guide).

        ## What changes next year

        - Medical PPO premiums stay **the same** for employee-only coverage.
        - The vision plan now pays for a second pair of glasses every two years.
        - A new **wellness allowance** reimburses up to $300 a year for gym memberships and fitness classes.

        If you do nothing, your current plans continue, except spending accounts, which you must elect again every year. Retirees have their own election period, shown on their Benefits page. Questions? Visit [Help & Support](/help).
      `,
    ],
    fr: [
      `Inscription aux avantages sociaux : du ${fr.opens} au ${fr.closes}`,
      md`
        La période d’inscription aux avantages sociaux de l’an prochain commence le **${fr.opens}** et se termine le **${fr.closes}**. C’est le seul moment de l’année où vous pouvez modifier vos protections d’assurance maladie, dentaire et de soins de la vue sans changement de situation familiale.

        ## Avant l’ouverture de la période

        - Vérifiez qui est couvert : ajoutez ou retirez des personnes à charge, et ayez leur date de naissance sous la main.
        - Passez en revue vos régimes actuels à la page [Avantages sociaux](/benefits) de ce portail.
        - Comparez les régimes de l’an prochain dans le [guide des avantages sociaux](https://benefits.example.com/guide).

        ## Ce qui change l’an prochain

        - Les primes du régime d’assurance maladie **ne changent pas** pour la protection individuelle.
        - Le régime de soins de la vue rembourse maintenant une deuxième paire de lunettes tous les deux ans.
        - Une nouvelle **allocation mieux-être** rembourse jusqu’à 300 $ par année pour un abonnement à un centre sportif ou des cours de conditionnement physique.

        Si vous ne faites rien, vos protections actuelles sont reconduites, sauf les comptes de dépenses, que vous devez choisir de nouveau chaque année. Les retraités ont leur propre période de choix, indiquée à leur page Avantages sociaux. Des questions? Consultez [Aide et soutien](/help).
      `,
    ],
    es: [
      `Matrícula abierta de beneficios: del ${es.opens} al ${es.closes}`,
      md`
        La matrícula abierta de beneficios para el próximo año comienza el **${es.opens}** y termina el **${es.closes}**. Es el único momento del año en que puede cambiar sus planes médico, dental y de visión sin que ocurra un evento de vida que lo permita.

        ## Antes de que comience la matrícula

        - Verifique a quién cubre su plan: añada o elimine dependientes, y tenga a mano sus fechas de nacimiento.
        - Revise sus planes actuales en la página de [Beneficios](/benefits) de este portal.
        - Compare los planes del próximo año en la [guía de beneficios](https://benefits.example.com/guide).

        ## Qué cambia el próximo año

        - La prima del Plan Médico PPO **no cambia** para la cubierta individual.
        - El plan de visión ahora paga un segundo par de espejuelos cada dos años.
        - Una nueva **asignación de bienestar** reembolsa hasta $300 al año en membresías de gimnasio y clases de ejercicio.

        Si no hace nada, sus planes actuales continúan, excepto las cuentas de gastos, que debe elegir de nuevo cada año. Los jubilados tienen su propio período de elección, que aparece en su página de Beneficios. ¿Preguntas? Visite [Ayuda y apoyo](/help).
      `,
    ],
  });
}

function wellness(): DemoArticle {
  return article('demo-news-wellness', null, 15 * DAY_HOURS + 2, {
    en: [
      'Move, rest, recharge: our new wellness program',
      md`
        Our new **wellness program** is open to every employee and retiree, and to their spouses or partners.

        ## What is included

        - **Step challenges** by team, four times a year, with donations to local charities.
        - Free, confidential sessions with a professional through the **Employee Assistance Program**, day and night.
        - Up to **$300 a year** toward gym memberships, fitness classes or sports equipment.
        - Online yoga and mindfulness classes in English, French and Spanish.

        ## How to join

        1. Visit the [wellness platform](https://wellness.example.com) and sign up with your employee ID.
        2. Pick your first challenge or book a class.
        3. Keep your receipts: you claim reimbursements on the same site.

        The program is part of your benefits; see the [Benefits](/benefits) page for what applies to you.
      `,
    ],
    fr: [
      'Bouger, se reposer, refaire le plein : notre nouveau programme mieux-être',
      md`
        Notre nouveau **programme mieux-être** est offert à tous les employés et retraités, ainsi qu’à leur conjoint ou conjointe.

        ## Ce qui est inclus

        - Des **défis de pas** par équipe, quatre fois par année, avec des dons à des organismes de la région.
        - Des consultations gratuites et confidentielles avec un professionnel grâce au **Programme d’aide aux employés**, jour et nuit.
        - Jusqu’à **300 $ par année** pour un abonnement à un centre sportif, des cours de conditionnement physique ou de l’équipement de sport.
        - Des cours de yoga et de pleine conscience en ligne, en français, en anglais et en espagnol.

        ## Comment s’inscrire

        1. Rendez-vous sur la [plateforme mieux-être](https://wellness.example.com) et inscrivez-vous avec votre numéro d’employé.
        2. Choisissez votre premier défi ou réservez un cours.
        3. Conservez vos reçus : les remboursements se demandent sur le même site.

        Le programme fait partie de vos avantages sociaux; consultez la page [Avantages sociaux](/benefits) pour connaître ce qui s’applique à vous.
      `,
    ],
    es: [
      'Muévase, descanse, recargue energías: nuestro nuevo programa de bienestar',
      md`
        Nuestro nuevo **programa de bienestar** está disponible para todos los empleados y jubilados, y para sus cónyuges o parejas.

        ## Qué incluye

        - **Retos de pasos** por equipo, cuatro veces al año, con donativos a organizaciones de la comunidad.
        - Sesiones gratuitas y confidenciales con un profesional a través del **Programa de Ayuda al Empleado**, de día y de noche.
        - Hasta **$300 al año** para membresías de gimnasio, clases de ejercicio o equipo deportivo.
        - Clases de yoga y de atención plena en línea, en español, inglés y francés.

        ## Cómo inscribirse

        1. Visite la [plataforma de bienestar](https://wellness.example.com) e inscríbase con su número de empleado.
        2. Escoja su primer reto o reserve una clase.
        3. Guarde sus recibos: los reembolsos se solicitan en el mismo sitio.

        El programa forma parte de sus beneficios; vea la página de [Beneficios](/benefits) para saber qué le aplica.
      `,
    ],
  });
}

function retireeNewsletter(): DemoArticle {
  return article('demo-news-retiree-newsletter', null, 36 * DAY_HOURS + 6, {
    en: [
      'Retiree newsletter: staying connected',
      md`
        Welcome to the latest edition of our newsletter for retirees. More than 2,000 former colleagues now use this portal to check their benefits and keep their contact details up to date.

        ## In this edition

        - **Your pension deposits**: payments are made on the first business day of each month. If you change banks, tell us at least 30 days ahead.
        - **Retiree medical coverage**: your plan and its next election period are shown on the [Benefits](/benefits) page.
        - **Volunteer with us**: the retiree volunteer network helps food banks and schools in all three countries. Sign up on the [community site](https://community.example.com/retirees).

        ## Keep your account safe

        We will never ask for your password by phone or e-mail. If you forget it, choose **Forgot your password?** on the sign-in page, or [contact the help desk](/help/contact).
      `,
    ],
    fr: [
      'Bulletin des retraités : restons en contact',
      md`
        Bienvenue dans la plus récente édition de notre bulletin pour les retraités. Plus de 2 000 anciens collègues utilisent maintenant ce portail pour consulter leurs avantages sociaux et tenir leurs coordonnées à jour.

        ## Dans ce numéro

        - **Vos versements de rente** : les paiements sont faits le premier jour ouvrable de chaque mois. Si vous changez d’institution financière, avisez-nous au moins 30 jours à l’avance.
        - **Assurance maladie des retraités** : votre régime et sa prochaine période de choix figurent à la page [Avantages sociaux](/benefits).
        - **Faites du bénévolat avec nous** : le réseau de bénévoles retraités aide des banques alimentaires et des écoles dans les trois pays. Inscrivez-vous sur le [site communautaire](https://community.example.com/retirees).

        ## Protégez votre compte

        Nous ne vous demanderons jamais votre mot de passe par téléphone ou par courriel. Si vous l’oubliez, choisissez **Mot de passe oublié?** sur la page de connexion, ou [écrivez au centre d’assistance](/help/contact).
      `,
    ],
    es: [
      'Boletín para jubilados: sigamos en contacto',
      md`
        Bienvenido a la edición más reciente de nuestro boletín para jubilados. Más de 2,000 antiguos compañeros ya usan este portal para consultar sus beneficios y mantener al día sus datos de contacto.

        ## En esta edición

        - **Sus depósitos de pensión**: los pagos se hacen el primer día laborable de cada mes. Si cambia de banco, avísenos con al menos 30 días de anticipación.
        - **Plan médico para jubilados**: su plan y su próximo período de elección aparecen en la página de [Beneficios](/benefits).
        - **Sea voluntario con nosotros**: la red de jubilados voluntarios ayuda a bancos de alimentos y escuelas en los tres países. Inscríbase en el [sitio comunitario](https://community.example.com/retirees).

        ## Proteja su cuenta

        Nunca le pediremos su contraseña por teléfono ni por correo electrónico. Si la olvida, escoja **¿Olvidó su contraseña?** en la página de entrada, o [escríbale a la mesa de ayuda](/help/contact).
      `,
    ],
  });
}

function newPortal(): DemoArticle {
  return article('demo-news-new-portal', null, 57 * DAY_HOURS + 4, {
    en: [
      'Welcome to the new Employee Self-Service portal',
      md`
        The **Employee Self-Service portal** replaces the old intranet forms. With one account you can read company news, follow your tasks, acknowledge your reviews and check your benefits, in English, French or Spanish, from any device.

        ## Getting started

        1. Sign in with your **employee ID** and the PIN from your welcome letter.
        2. Accept the terms, add an e-mail address or a mobile number, and choose three challenge questions.
        3. Create a password of 7 to 14 characters with at least one letter and one digit, and stay away from common words.

        ## Keep your account safe

        - **Never share your PIN or your password**, not even with a colleague or your manager. The help desk will never ask for them.
        - Turn on **sign-in codes** in [Edit My Profile](/profile), so that a password alone is not enough to get in.
        - Look at **Recent security activity** from time to time; if something looks wrong, choose “This wasn’t me”.

        ## Forgot your password?

        Choose **Forgot your password?** on the sign-in page: we send a code to your e-mail or phone, or ask your challenge questions. Still stuck? The [help desk](/help/contact) can issue a new PIN once it has checked who you are. Read more in the [security guide](https://security.example.com/portal).
      `,
    ],
    fr: [
      'Bienvenue dans le nouveau portail libre-service des employés',
      md`
        Le **portail libre-service des employés** remplace les anciens formulaires de l’intranet. Avec un seul compte, vous pouvez lire les nouvelles de l’entreprise, suivre vos tâches, accuser réception de vos évaluations et consulter vos avantages sociaux, en français, en anglais ou en espagnol, à partir de n’importe quel appareil.

        ## Pour commencer

        1. Connectez-vous avec votre **numéro d’employé** et le NIP inscrit dans votre lettre de bienvenue.
        2. Acceptez les conditions, ajoutez une adresse courriel ou un numéro de cellulaire, puis choisissez trois questions de sécurité.
        3. Créez un mot de passe de 7 à 14 caractères comprenant au moins une lettre et un chiffre, en évitant les mots trop courants.

        ## Protégez votre compte

        - **Ne communiquez jamais votre NIP ni votre mot de passe**, pas même à un collègue ou à votre gestionnaire. Le centre d’assistance ne vous les demandera jamais.
        - Activez les **codes de connexion** dans [Modifier mon profil](/profile) : un mot de passe seul ne suffira plus pour entrer.
        - Consultez de temps à autre l’**activité de sécurité récente**; si quelque chose vous semble anormal, choisissez « Ce n’était pas moi ».

        ## Mot de passe oublié?

        Choisissez **Mot de passe oublié?** sur la page de connexion : nous vous enverrons un code par courriel ou par texto, ou nous vous poserons vos questions de sécurité. Toujours bloqué? Le [centre d’assistance](/help/contact) peut vous remettre un nouveau NIP après avoir vérifié votre identité. Pour en savoir plus, lisez le [guide de sécurité](https://security.example.com/portal).
      `,
    ],
    es: [
      'Bienvenido al nuevo portal de autoservicio para empleados',
      md`
        El **portal de autoservicio para empleados** sustituye los antiguos formularios de la intranet. Con una sola cuenta puede leer las noticias de la compañía, seguir sus tareas, confirmar el recibo de sus evaluaciones y consultar sus beneficios, en español, inglés o francés, desde cualquier dispositivo.

        ## Para comenzar

        1. Entre con su **número de empleado** y el PIN de su carta de bienvenida.
        2. Acepte los términos, añada un correo electrónico o un número de celular, y escoja tres preguntas de seguridad.
        3. Cree una contraseña de 7 a 14 caracteres con al menos una letra y un número, y evite las palabras comunes.

        ## Proteja su cuenta

        - **Nunca comparta su PIN ni su contraseña**, ni siquiera con un compañero o con su supervisor. La mesa de ayuda nunca se los pedirá.
        - Active los **códigos de inicio de sesión** en [Editar mi perfil](/profile), para que la contraseña sola no baste para entrar.
        - Revise de vez en cuando la **actividad de seguridad reciente**; si algo no le parece correcto, escoja «No fui yo».

        ## ¿Olvidó su contraseña?

        Escoja **¿Olvidó su contraseña?** en la página de entrada: le enviaremos un código a su correo electrónico o a su celular, o le haremos sus preguntas de seguridad. ¿Sigue sin poder entrar? La [mesa de ayuda](/help/contact) puede darle un PIN nuevo después de verificar su identidad. Lea más en la [guía de seguridad](https://security.example.com/portal).
      `,
    ],
  });
}

function benefitsFair(): DemoArticle {
  return article('demo-news-benefits-fair', null, -3 * DAY_HOURS, {
    en: [
      'Benefits fair: meet our providers in person',
      md`
        Before open enrolment closes, representatives of our medical, dental, vision and retirement providers will answer your questions in person.

        ## Where and when

        - **Chicago**: main lobby, 10 a.m. to 3 p.m.
        - **Montréal**: cafeteria, 10 a.m. to 3 p.m.
        - **San Juan**: training room B, 9 a.m. to 2 p.m.

        Cannot make it? The sessions are streamed on the [benefits fair page](https://benefits.example.com/fair), and your plans are always on the [Benefits](/benefits) page.
      `,
    ],
    fr: [
      'Salon des avantages sociaux : rencontrez nos fournisseurs',
      md`
        Avant la fin de la période d’inscription, des représentants de nos assureurs (soins médicaux, soins dentaires, soins de la vue) et de notre administrateur de régime de retraite répondront à vos questions en personne.

        ## Où et quand

        - **Chicago** : hall principal, de 10 h à 15 h
        - **Montréal** : cafétéria, de 10 h à 15 h
        - **San Juan** : salle de formation B, de 9 h à 14 h

        Vous ne pouvez pas vous déplacer? Les séances sont diffusées sur la [page du salon](https://benefits.example.com/fair), et vos régimes se trouvent toujours à la page [Avantages sociaux](/benefits).
      `,
    ],
    es: [
      'Feria de beneficios: conozca en persona a nuestros proveedores',
      md`
        Antes de que termine la matrícula abierta, representantes de nuestros planes médico, dental, de visión y de retiro contestarán sus preguntas en persona.

        ## Dónde y cuándo

        - **Chicago**: vestíbulo principal, de 10:00 a. m. a 3:00 p. m.
        - **Montreal**: cafetería, de 10:00 a. m. a 3:00 p. m.
        - **San Juan**: salón de adiestramiento B, de 9:00 a. m. a 2:00 p. m.

        ¿No puede asistir? Las sesiones se transmiten en la [página de la feria](https://benefits.example.com/fair), y sus planes siempre están en la página de [Beneficios](/benefits).
      `,
    ],
  });
}
