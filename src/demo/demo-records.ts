import type { Audience } from '../storage/repositories/content/audience.js';
import type { NewBenefit } from '../storage/repositories/content/benefits.js';
import type { NewReview } from '../storage/repositories/content/reviews.js';
import type { NewTask } from '../storage/repositories/content/tasks.js';
import { addDays } from './demo-text.js';

// The demo accounts' tasks, reviews and benefit plans (HOME-1..3). A record for people of one
// language is written in that language; the group tasks that reach every country are in English
// with French and Spanish translations, as the news is.

/** Dates the records are placed around, all in the company time zone. */
export interface RecordDates {
  today: string;
  year: number;
  /** The coming open enrolment; `retireeWindow` is open today. */
  enrolment: { opensOn: string; closesOn: string };
  retireeWindow: { opensOn: string; closesOn: string };
}

export type DemoTask = NewTask & { ref: string; done?: { audience: Audience; daysAgo: number } };
export type DemoReview = NewReview & { ref: string; acknowledged?: { daysAfter: number; comment: string | null } };

const MARIA: Audience = { employeeId: '100001', country: 'US', status: 'active' };
const CARMEN: Audience = { employeeId: '100003', country: 'PR', status: 'active' };
const DANIEL: Audience = { employeeId: '100004', country: 'US', status: 'separated' };

export function demoTasks({ today }: RecordDates): DemoTask[] {
  const due = (days: number) => addDays(today, days);
  const personal = (who: Audience, key: string, title: string, description: string, dueOn: string | null, doneDaysAgo?: number): DemoTask => ({
    ref: `demo-task-${who.employeeId}-${key}`,
    title,
    description,
    dueOn,
    assigneeId: who.employeeId,
    ...(doneDaysAgo === undefined ? {} : { done: { audience: who, daysAgo: doneDaysAgo } }),
  });
  return [
    // Everyone active, and one group per country or status.
    {
      ref: 'demo-task-security-training',
      title: 'Complete annual security awareness training',
      description: 'Every employee takes this 30-minute course once a year. It covers phishing e-mails, strong passwords and how to report a lost phone or laptop. Your certificate is recorded as soon as you finish.',
      dueOn: due(14),
      statuses: ['active'],
      translations: [
        {
          language: 'fr-CA',
          title: 'Suivez la formation annuelle de sensibilisation à la sécurité',
          description: 'Chaque employé suit ce cours de 30 minutes une fois par année. Il porte sur les courriels d’hameçonnage, les mots de passe robustes et la façon de signaler un téléphone ou un ordinateur portable perdu. Votre attestation est enregistrée dès que vous terminez.',
        },
        {
          language: 'es-PR',
          title: 'Complete el adiestramiento anual de concienciación sobre seguridad',
          description: 'Cada empleado toma este curso de 30 minutos una vez al año. Trata sobre los correos electrónicos de phishing, las contraseñas seguras y cómo informar la pérdida de un teléfono o una computadora portátil. Su certificado se registra en cuanto termine.',
        },
      ],
    },
    {
      ref: 'demo-task-pr-hurricane-plan',
      title: 'Actualice su contacto de emergencia y su plan familiar para huracanes',
      description: 'Confirme a quién debemos llamar en caso de emergencia y cómo podemos comunicarnos con usted si falla la electricidad. Le tomará cinco minutos en Editar mi perfil.',
      dueOn: due(21),
      countries: ['PR'],
      statuses: ['active'],
    },
    {
      ref: 'demo-task-ca-td1',
      title: 'Remplissez vos formulaires TD1 et TP-1015.3 pour l’an prochain',
      description: 'Si votre situation familiale a changé, mettez à jour vos déclarations de crédits d’impôt fédéral et du Québec pour que les retenues à la source de l’an prochain soient exactes.',
      dueOn: due(10),
      countries: ['CA'],
      statuses: ['active'],
    },
    {
      ref: 'demo-task-retiree-direct-deposit',
      title: 'Confirm your pension direct deposit details',
      description: 'Check the bank account where your monthly pension is deposited. If you have changed banks, send the new details at least 30 days before the next payment.',
      dueOn: due(30),
      statuses: ['retired'],
      translations: [
        {
          language: 'fr-CA',
          title: 'Confirmez les renseignements du dépôt direct de votre rente',
          description: 'Vérifiez le compte bancaire où votre rente mensuelle est déposée. Si vous avez changé d’institution financière, envoyez les nouveaux renseignements au moins 30 jours avant le prochain versement.',
        },
        {
          language: 'es-PR',
          title: 'Confirme los datos del depósito directo de su pensión',
          description: 'Verifique la cuenta bancaria donde se deposita su pensión mensual. Si cambió de banco, envíe los nuevos datos al menos 30 días antes del próximo pago.',
        },
      ],
    },
    // Maria Lopez (US, English).
    personal(MARIA, 'remote-work', 'Sign your renewed remote-work agreement', 'Your hybrid schedule was renewed for next year. Read the agreement, sign it and upload it on the HR documents site. Your manager has already signed.', due(-4)),
    personal(MARIA, 'dependents', 'Confirm your dependents before open enrolment', 'Your family medical coverage lists two dependents. Check their names and dates of birth on the Benefits page and tell HR about any change, so that open enrolment starts from the right list.', due(5)),
    personal(MARIA, 'sign-in-codes', 'Turn on sign-in codes', 'Add a second step to your sign-in: in Edit My Profile, choose to get a code by e-mail or text message, or use an authenticator app.', null),
    personal(MARIA, 'code-of-conduct', 'Read and acknowledge the updated Code of Conduct', 'The Code of Conduct has new sections on social media and gifts from suppliers. Read it and confirm that you understand it.', due(-10), 12),
    // Jean Tremblay (CA retiree, French).
    {
      ref: 'demo-task-100002-tax-slips',
      title: 'Choisissez la transmission électronique de vos feuillets T4A et Relevé 2',
      description: 'Recevez vos feuillets fiscaux en ligne dès leur publication plutôt que par la poste. Le choix se fait en deux minutes sur le site de l’administrateur du régime de retraite.',
      dueOn: due(25),
      assigneeId: '100002',
    },
    // Carmen Rivera (PR, Spanish).
    personal(CARMEN, 'beneficiaries', 'Entregue su formulario de designación de beneficiarios', 'Su seguro de vida todavía no tiene beneficiarios designados. Complete el formulario en el sitio de beneficios para que su familia quede protegida.', due(-3)),
    personal(CARMEN, 'w2pr-address', 'Confirme su dirección postal para el formulario 499R-2/W-2PR', 'El comprobante de retención se envía por correo a finales de enero. Verifique su dirección postal en Editar mi perfil antes de la fecha límite.', due(6)),
    personal(CARMEN, 'ergonomics', 'Coordine la evaluación ergonómica de su estación de trabajo', 'Una especialista en salud ocupacional revisará su silla, su pantalla y su teclado. Escoja una cita de 20 minutos cuando le sea conveniente.', null),
    personal(CARMEN, 'handbook', 'Confirme el recibo del Manual del Empleado', 'El Manual del Empleado se actualizó con las nuevas políticas de licencias. Léalo y confirme que lo recibió.', due(-15), 16),
    // Daniel Okafor (US, separated this year, English).
    personal(DANIEL, 'equipment', 'Return your company laptop and badge', 'Use the prepaid box sent to your home address, or drop the equipment off at any office reception. Include the signed return form.', due(-2)),
    personal(DANIEL, 'retirement-savings', 'Decide what to do with your 401(k) savings', 'Tell the plan administrator whether you keep your savings in the plan, roll them over to another plan or an IRA, or take a distribution.', due(9)),
    personal(DANIEL, 'final-w2', 'Confirm your mailing address for your final W-2', 'Your final W-2 is mailed at the end of January. Check your mailing address in Edit My Profile so that it reaches you.', null),
    personal(DANIEL, 'exit-interview', 'Complete your exit interview', 'A short conversation with HR about your time with us. Your answers stay confidential and help us improve.', due(-30), 31),
  ];
}

export function demoReviews({ today, year }: RecordDates): DemoReview[] {
  const recent = addDays(today, -9);
  const recentYear = Number(recent.slice(0, 4));
  return [
    {
      ref: 'demo-review-100001-annual',
      employeeId: '100001',
      period: `${recentYear - 1} annual review`,
      reviewer: 'Rebecca Thompson',
      rating: 4,
      strengths: 'Maria moved the regional payroll files to the new system two weeks ahead of schedule, with no errors in the first three pay runs.\nColleagues bring her their hardest questions, and she answers with patience and clear notes.',
      goals: 'Lead the vendor review for the benefits administration contract.\nComplete the project management certificate.\nHand the routine reconciliations over to the two new analysts.',
      reviewedOn: `${recentYear - 1}-12-10`,
      acknowledged: { daysAfter: 3, comment: 'Thank you, Rebecca. I agree with these goals and have already signed up for the certificate program.' },
    },
    {
      ref: 'demo-review-100001-mid-year',
      employeeId: '100001',
      period: `${recentYear} mid-year review`,
      reviewer: 'Rebecca Thompson',
      rating: 5,
      strengths: 'Maria led the vendor review for the benefits administration contract and negotiated a 6% lower fee.\nShe coached the two new analysts, who now run the monthly reconciliations on their own.',
      goals: 'Present the new benefits administration process to the leadership team.\nFinish the project management certificate (two modules left).\nWrite down the payroll year-end checklist so that others can run it.',
      reviewedOn: recent,
    },
    {
      ref: 'demo-review-100003-mid-year',
      employeeId: '100003',
      period: `Evaluación de medio año ${recentYear}`,
      reviewer: 'Roberto Colón',
      rating: 4,
      strengths: 'Carmen redujo el tiempo de respuesta del centro de servicio de Ponce de 48 a 24 horas.\nSu trato con los clientes es excelente: recibió tres reconocimientos por escrito este semestre.',
      goals: 'Adiestrar a los dos nuevos representantes del centro de servicio.\nCompletar el curso de liderazgo antes de fin de año.\nProponer una mejora al sistema de citas en línea.',
      reviewedOn: addDays(today, -6),
    },
    {
      ref: 'demo-review-100004-annual',
      employeeId: '100004',
      period: `${year - 1} annual review`,
      reviewer: 'Steven Park',
      rating: 3,
      strengths: 'Daniel kept the warehouse inventory accurate through the busiest season of the year.\nHe is reliable and well liked by his team.',
      goals: 'Document the receiving procedures for new team members.\nImprove on-time reporting of cycle counts.',
      reviewedOn: `${year - 1}-12-12`,
      acknowledged: { daysAfter: 5, comment: null },
    },
  ];
}

export function demoBenefits({ year, enrolment, retireeWindow }: RecordDates): NewBenefit[] {
  const window = { enrolmentOpensOn: enrolment.opensOn, enrolmentClosesOn: enrolment.closesOn };
  const planYear = `${year}-01-01`;
  const plan = (employeeId: string, key: string, category: string, name: string, coverage: string, startsOn: string, extra: Partial<NewBenefit> = window): NewBenefit => ({
    ref: `demo-benefit-${employeeId}-${key}`,
    employeeId,
    category,
    plan: name,
    coverage,
    startsOn,
    ...extra,
  });
  const retiree = { enrolmentOpensOn: retireeWindow.opensOn, enrolmentClosesOn: retireeWindow.closesOn };
  return [
    plan('100001', 'medical', 'medical', 'Medical PPO', 'Employee + family · $500 deductible · 90% in network after the deductible', planYear),
    plan('100001', 'dental', 'dental', 'Dental Plus', 'Employee + family · preventive care 100%, basic care 80%, major care 50%', planYear),
    plan('100001', 'vision', 'vision', 'Vision Care', 'Employee + family · yearly eye exam · $150 frame allowance', planYear),
    plan('100001', 'life', 'life', 'Basic Life Insurance', '2× annual salary · beneficiary: Antonio Lopez (spouse)', `${year - 6}-04-01`),
    plan('100001', '401k', 'retirement', '401(k) Savings Plan', 'You contribute 6% of pay · company match: 100% of the first 4%', `${year - 6}-04-01`, {}),
    plan('100002', 'medical', 'medical', 'Régime d’assurance maladie complémentaire des retraités', 'Protection individuelle · médicaments sur ordonnance remboursés à 80 % · soins paramédicaux jusqu’à 500 $ par année, en complément de la RAMQ', `${year - 3}-07-01`, retiree),
    plan('100002', 'life', 'life', 'Assurance vie des retraités', '25 000 $ · bénéficiaire : Louise Tremblay (conjointe)', `${year - 3}-07-01`, retiree),
    plan('100002', 'pension', 'retirement', 'Régime de retraite à prestations déterminées', 'Rente mensuelle de 2 840 $ versée par dépôt direct le premier jour ouvrable du mois · indexée chaque 1er janvier', `${year - 3}-07-01`, {}),
    plan('100003', 'medical', 'medical', 'Plan Médico PPO', 'Empleado + cónyuge · deducible de $250 · 90 % dentro de la red', planYear),
    plan('100003', 'dental', 'dental', 'Plan Dental', 'Empleado + cónyuge · cuidado preventivo al 100 %, servicios básicos al 80 %', planYear),
    plan('100003', 'life', 'life', 'Seguro de Vida Básico', '1× el salario anual · beneficiarios: por designar', `${year - 4}-02-01`),
    plan('100003', 'retirement', 'retirement', 'Plan de Retiro 1081.01', 'Usted aporta el 5 % de su salario · la compañía iguala el 100 % del primer 4 %', `${year - 4}-02-01`, {}),
    plan('100004', 'medical', 'medical', 'Medical PPO', 'Employee only · $500 deductible · 90% in network after the deductible', `${year - 5}-01-01`, { endsOn: `${year}-03-31` }),
    plan('100004', 'cobra', 'medical', 'COBRA continuation: Medical PPO', 'Employee only · same coverage as before · you pay the full premium plus 2%, billed monthly', `${year}-04-01`, { ...window, endsOn: `${year}-12-31` }),
  ];
}

/** A plan for some of the fictional crowd (every 10th active person), so the console has rows to show. */
export function crowdBenefit(person: { employeeId: string; country: string }, { year, enrolment }: RecordDates): NewBenefit {
  const [plan, coverage] =
    person.country === 'PR'
      ? ['Plan Médico PPO', 'Empleado solamente · deducible de $250 · 90 % dentro de la red']
      : person.country === 'CA'
        ? ['Régime d’assurance maladie collective', 'Protection individuelle · médicaments remboursés à 80 %, en complément du régime provincial']
        : ['Medical PPO', 'Employee only · $500 deductible · 90% in network after the deductible'];
  return {
    ref: `demo-benefit-${person.employeeId}-medical`,
    employeeId: person.employeeId,
    category: 'medical',
    plan,
    coverage,
    startsOn: `${year}-01-01`,
    enrolmentOpensOn: enrolment.opensOn,
    enrolmentClosesOn: enrolment.closesOn,
  };
}
