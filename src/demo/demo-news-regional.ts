import { article, md, type DemoArticle, type NewsContext } from './demo-text.js';

// The demo's country-only articles (HOME-2 targeting), and the holiday calendar, which every
// country reads with its own section first.

const DAY_HOURS = 24;

export function regionalNews(ctx: NewsContext): DemoArticle[] {
  return [hurricanePreparedness(), canadianPension(), usRetirement(), holidayCalendar(ctx)];
}

function hurricanePreparedness(): DemoArticle {
  return article('demo-news-pr-hurricane', ['PR'], 5 * DAY_HOURS + 1, {
    en: [
      'Hurricane preparedness: your plan and ours',
      md`
        Hurricane season in Puerto Rico runs from June 1 to November 30, and storms can form outside those dates too. Being ready protects you, your family and your colleagues.

        ## Your family plan

        - Keep **water** (one gallon per person per day, for at least seven days), non-perishable food and your medicines.
        - Charge your power banks, and keep a battery radio and flashlights at hand.
        - Store copies of important documents in a waterproof bag.
        - Know your municipality’s shelter and evacuation route.

        ## How the company will reach you

        When a storm threatens the island, we send updates by text message and e-mail. Make sure your **mobile number and personal e-mail are up to date** in [Edit My Profile](/profile).

        If our offices close, the [emergency line](tel:+17875550100) and the [status page](https://status.example.com) tell you when to come back. Employees affected by a storm can ask for an advance from the **Employee Relief Fund**; see [Help & Support](/help).
      `,
    ],
    fr: [
      'Préparation aux ouragans : votre plan et le nôtre',
      md`
        À Porto Rico, la saison des ouragans s’étend du 1er juin au 30 novembre, et des tempêtes peuvent se former en dehors de cette période. Être prêt vous protège, tout comme votre famille et vos collègues.

        ## Votre plan familial

        - Prévoyez de l’**eau** (environ 4 litres par personne par jour, pendant au moins sept jours), de la nourriture non périssable et vos médicaments.
        - Chargez vos blocs-piles et gardez à portée de main une radio à piles et des lampes de poche.
        - Rangez des copies de vos documents importants dans un sac étanche.
        - Repérez le refuge et l’itinéraire d’évacuation de votre municipalité.

        ## Comment l’entreprise vous joindra

        Lorsqu’une tempête menace l’île, nous envoyons des avis par texto et par courriel. Assurez-vous que votre **numéro de cellulaire et votre courriel personnel sont à jour** dans [Modifier mon profil](/profile).

        Si nos bureaux ferment, la [ligne d’urgence](tel:+17875550100) et la [page d’état des services](https://status.example.com) vous indiqueront quand revenir. Les employés touchés par une tempête peuvent demander une avance au **Fonds d’entraide des employés**; consultez [Aide et soutien](/help).
      `,
    ],
    es: [
      'Preparación para huracanes: su plan y el nuestro',
      md`
        La temporada de huracanes en Puerto Rico va del 1 de junio al 30 de noviembre, y pueden formarse tormentas fuera de esas fechas. Estar preparado lo protege a usted, a su familia y a sus compañeros.

        ## Su plan familiar

        - Tenga **agua** (un galón por persona al día, por lo menos para siete días), alimentos no perecederos y sus medicamentos.
        - Cargue sus baterías portátiles y tenga a mano un radio de baterías y linternas.
        - Guarde copias de sus documentos importantes en una bolsa a prueba de agua.
        - Conozca el refugio y la ruta de desalojo de su municipio.

        ## Cómo la compañía se comunicará con usted

        Cuando una tormenta amenace la isla, enviaremos avisos por mensaje de texto y por correo electrónico. Asegúrese de que su **número de celular y su correo electrónico personal estén al día** en [Editar mi perfil](/profile).

        Si nuestras oficinas cierran, la [línea de emergencia](tel:+17875550100) y la [página de estado](https://status.example.com) le indicarán cuándo regresar. Los empleados afectados por una tormenta pueden solicitar un adelanto del **Fondo de Ayuda al Empleado**; vea [Ayuda y apoyo](/help).
      `,
    ],
  });
}

function canadianPension(): DemoArticle {
  return article('demo-news-ca-pension', ['CA'], 6 * DAY_HOURS + 2, {
    en: [
      'Canada: pension indexation and your tax slips',
      md`
        Two updates for our colleagues and retirees in Canada.

        ## Pension indexation

        On January 1, pensions paid by the **Employees’ Defined Benefit Pension Plan** will be indexed by **2.1%**, in line with the Consumer Price Index. There is nothing for you to do: the new amount appears on your first deposit of the year.

        ## Tax slips online

        Your **T4**, **T4A** and, in Quebec, **RL-1** slips will be available by the end of February. To receive them online rather than by mail:

        1. Sign in to this portal.
        2. Check your mailing address and e-mail in [Edit My Profile](/profile).
        3. Choose electronic delivery on the [pension administrator’s site](https://pension.example.com/slips).

        Retirees with questions about their pension can call the pension centre at [1-800-555-0175](tel:+18005550175), Monday to Friday, 8 a.m. to 5 p.m. Eastern time.
      `,
    ],
    fr: [
      'Canada : indexation des rentes et feuillets fiscaux',
      md`
        Deux nouvelles pour nos collègues et nos retraités au Canada.

        ## Indexation des rentes

        Le 1er janvier, les rentes versées par le **Régime de retraite à prestations déterminées des employés** seront indexées de **2,1 %**, conformément à l’indice des prix à la consommation. Vous n’avez rien à faire : le nouveau montant figurera sur votre premier dépôt de l’année.

        ## Feuillets fiscaux en ligne

        Vos feuillets **T4**, **T4A** et, au Québec, **Relevé 1** seront disponibles d’ici la fin de février. Pour les recevoir en ligne plutôt que par la poste :

        1. Connectez-vous à ce portail.
        2. Vérifiez votre adresse postale et votre courriel dans [Modifier mon profil](/profile).
        3. Choisissez la transmission électronique sur le [site de l’administrateur du régime](https://pension.example.com/slips).

        Les retraités qui ont des questions sur leur rente peuvent joindre le centre des retraites au [1 800 555-0175](tel:+18005550175), du lundi au vendredi, de 8 h à 17 h (heure de l’Est).
      `,
    ],
    es: [
      'Canadá: ajuste de las pensiones y formularios de impuestos',
      md`
        Dos noticias para nuestros compañeros y jubilados en Canadá.

        ## Ajuste de las pensiones

        El 1 de enero, las pensiones del **Plan de Pensión de Beneficio Definido de los Empleados** aumentarán un **2.1 %**, de acuerdo con el índice de precios al consumidor. No tiene que hacer nada: el nuevo monto aparecerá en su primer depósito del año.

        ## Formularios de impuestos en línea

        Sus formularios **T4**, **T4A** y, en Quebec, **RL-1** estarán disponibles a finales de febrero. Para recibirlos en línea en lugar de por correo postal:

        1. Entre a este portal.
        2. Verifique su dirección postal y su correo electrónico en [Editar mi perfil](/profile).
        3. Escoja la entrega electrónica en el [sitio del administrador del plan](https://pension.example.com/slips).

        Los jubilados con preguntas sobre su pensión pueden llamar al centro de pensiones al [1-800-555-0175](tel:+18005550175), de lunes a viernes, de 8:00 a. m. a 5:00 p. m., hora del Este.
      `,
    ],
  });
}

function usRetirement(): DemoArticle {
  return article('demo-news-us-401k', ['US'], 8 * DAY_HOURS + 3, {
    en: [
      'A bigger 401(k) match, and your W-2 online',
      md`
        The company is increasing its **401(k) match**: starting with the first paycheck in January, we match 100% of what you contribute up to **5%** of your pay (up from 4%).

        ## Make the most of it

        - If you contribute less than 5% today, consider raising your rate to receive the full match.
        - Contributions up to the IRS annual limit are made before tax; Roth contributions are available too.
        - Change your rate at any time on the [retirement plan site](https://retirement.example.com).

        ## Your W-2, without the wait

        Form **W-2** will be online by January 31. If you consent to electronic delivery, you get it days earlier than by mail, and it is kept safely for seven years. Check your mailing address in [Edit My Profile](/profile). Questions? Visit [Help & Support](/help).
      `,
    ],
    fr: [
      'Une cotisation patronale 401(k) bonifiée et votre W-2 en ligne',
      md`
        L’entreprise bonifie sa **cotisation patronale au régime 401(k)** : dès la première paie de janvier, elle versera une somme égale à vos cotisations jusqu’à **5 %** de votre salaire (au lieu de 4 %).

        ## Profitez-en pleinement

        - Si vous cotisez actuellement moins de 5 %, pensez à augmenter votre taux pour recevoir la cotisation patronale complète.
        - Les cotisations jusqu’au plafond annuel de l’IRS sont faites avant impôt; des cotisations Roth sont aussi offertes.
        - Modifiez votre taux en tout temps sur le [site du régime de retraite](https://retirement.example.com).

        ## Votre W-2 sans attendre

        Le formulaire **W-2** sera en ligne d’ici le 31 janvier. Si vous consentez à la transmission électronique, vous le recevrez quelques jours plus tôt que par la poste, et il sera conservé en lieu sûr pendant sept ans. Vérifiez votre adresse postale dans [Modifier mon profil](/profile). Des questions? Consultez [Aide et soutien](/help).
      `,
    ],
    es: [
      'Mayor aportación patronal al 401(k) y su W-2 en línea',
      md`
        La compañía aumenta su **aportación patronal al 401(k)**: a partir del primer pago de enero, aportará una cantidad igual a la suya hasta el **5 %** de su salario (antes era el 4 %).

        ## Aprovéchela al máximo

        - Si hoy aporta menos del 5 %, considere aumentar su porcentaje para recibir la aportación patronal completa.
        - Las aportaciones hasta el límite anual del IRS se hacen antes de impuestos; también puede hacer aportaciones Roth.
        - Cambie su porcentaje en cualquier momento en el [sitio del plan de retiro](https://retirement.example.com).

        ## Su W-2 sin esperas

        El formulario **W-2** estará en línea a más tardar el 31 de enero. Si acepta la entrega electrónica, lo recibirá días antes que por correo, y se guardará de forma segura por siete años. Verifique su dirección postal en [Editar mi perfil](/profile). ¿Preguntas? Visite [Ayuda y apoyo](/help).
      `,
    ],
  });
}

function holidayCalendar(ctx: NewsContext): DemoArticle {
  const year = ctx.holidayYear;
  const link = 'https://intranet.example.com/holidays';
  return article('demo-news-holidays', null, 24 * DAY_HOURS + 5, {
    en: [
      `The ${year} holiday calendar`,
      md`
        The paid holidays for ${year} are set. Each country follows its own calendar; the full list, with floating holidays and site closures, is on the [holiday calendar page](${link}).

        ## United States

        - New Year’s Day, Memorial Day, **Independence Day**, Labor Day
        - Thanksgiving Day and the day after
        - Christmas Day, plus **two floating holidays** of your choice

        ## Canada

        - New Year’s Day, Good Friday, **Canada Day**, Labour Day, Thanksgiving
        - **National Holiday (Saint-Jean-Baptiste)** in Quebec
        - Christmas Day and Boxing Day

        ## Puerto Rico

        - New Year’s Day, **Three Kings Day**, Good Friday, **Constitution Day**
        - Thanksgiving Day and **Discovery of Puerto Rico Day**
        - Christmas Day

        Plan your time off early and talk to your manager before booking travel. Questions about your leave balance? Visit [Help & Support](/help).
      `,
    ],
    fr: [
      `Le calendrier des jours fériés ${year}`,
      md`
        Les jours fériés payés de ${year} sont confirmés. Chaque pays suit son propre calendrier; la liste complète, avec les congés mobiles et les fermetures propres à chaque site, se trouve sur la [page du calendrier des congés](${link}).

        ## Canada

        - Jour de l’An, Vendredi saint, **fête du Canada**, fête du Travail, Action de grâce
        - **Fête nationale du Québec (Saint-Jean-Baptiste)** au Québec
        - Noël et lendemain de Noël

        ## États-Unis

        - Jour de l’An, Memorial Day, **fête de l’Indépendance**, fête du Travail
        - Thanksgiving et le lendemain
        - Noël, plus **deux congés mobiles** à votre choix

        ## Porto Rico

        - Jour de l’An, **Jour des Rois**, Vendredi saint, **Jour de la Constitution**
        - Thanksgiving et **Jour de la découverte de Porto Rico**
        - Noël

        Planifiez vos congés tôt et parlez-en à votre gestionnaire avant de réserver un voyage. Des questions sur votre solde de congés? Consultez [Aide et soutien](/help).
      `,
    ],
    es: [
      `El calendario de días feriados de ${year}`,
      md`
        Los días feriados con paga de ${year} ya están definidos. Cada país sigue su propio calendario; la lista completa, con los días flotantes y los cierres de cada localidad, está en la [página del calendario de feriados](${link}).

        ## Puerto Rico

        - Año Nuevo, **Día de Reyes**, Viernes Santo, **Día de la Constitución**
        - Día de Acción de Gracias y **Día del Descubrimiento de Puerto Rico**
        - Día de Navidad

        ## Estados Unidos

        - Año Nuevo, Día de la Recordación, **Día de la Independencia**, Día del Trabajo
        - Día de Acción de Gracias y el día siguiente
        - Día de Navidad, más **dos días flotantes** a su elección

        ## Canadá

        - Año Nuevo, Viernes Santo, **Día de Canadá**, Día del Trabajo, Día de Acción de Gracias
        - **Fiesta Nacional de Quebec (San Juan Bautista)** en Quebec
        - Día de Navidad y el día siguiente (Boxing Day)

        Planifique sus vacaciones con tiempo y hable con su supervisor antes de reservar un viaje. ¿Preguntas sobre su balance de vacaciones y licencias? Visite [Ayuda y apoyo](/help).
      `,
    ],
  });
}
