import type { Language } from '../../web/i18n.js';

// REG-4: the catalogue of challenge questions, each in every language. Ids are stable: stored
// answers refer to them, so a question is never renumbered, only retired.

type Texts = Record<Language, string>;

export const QUESTION_CATALOGUE: Readonly<Record<string, Texts>> = {
  'first-pet': {
    en: 'What was the name of your first pet?',
    'fr-CA': 'Quel était le nom de votre premier animal de compagnie?',
    'es-PR': '¿Cómo se llamaba su primera mascota?',
  },
  'birth-city': {
    en: 'In what city or town were you born?',
    'fr-CA': 'Dans quelle ville ou municipalité êtes-vous né(e)?',
    'es-PR': '¿En qué ciudad o pueblo nació usted?',
  },
  'first-school': {
    en: 'What was the name of your first school?',
    'fr-CA': 'Quel était le nom de votre première école?',
    'es-PR': '¿Cómo se llamaba su primera escuela?',
  },
  'childhood-street': {
    en: 'What street did you live on as a child?',
    'fr-CA': 'Sur quelle rue habitiez-vous pendant votre enfance?',
    'es-PR': '¿En qué calle vivía usted de niño(a)?',
  },
  'first-car': {
    en: 'What was the make and model of your first car?',
    'fr-CA': 'Quels étaient la marque et le modèle de votre première voiture?',
    'es-PR': '¿Cuál fue la marca y el modelo de su primer auto?',
  },
  'childhood-friend': {
    en: 'What was the first name of your best childhood friend?',
    'fr-CA': 'Quel était le prénom de votre meilleur(e) ami(e) d’enfance?',
    'es-PR': '¿Cuál era el nombre de su mejor amigo(a) de la infancia?',
  },
  'first-job': {
    en: 'What was your first job?',
    'fr-CA': 'Quel a été votre premier emploi?',
    'es-PR': '¿Cuál fue su primer empleo?',
  },
  'parents-meet': {
    en: 'In what city did your parents meet?',
    'fr-CA': 'Dans quelle ville vos parents se sont-ils rencontrés?',
    'es-PR': '¿En qué ciudad se conocieron sus padres?',
  },
  'favorite-teacher': {
    en: 'What was the last name of your favourite teacher?',
    'fr-CA': 'Quel était le nom de famille de votre enseignant(e) préféré(e)?',
    'es-PR': '¿Cuál era el apellido de su maestro(a) favorito(a)?',
  },
  'first-concert': {
    en: 'What was the first concert you attended?',
    'fr-CA': 'Quel a été le premier concert auquel vous avez assisté?',
    'es-PR': '¿Cuál fue el primer concierto al que asistió?',
  },
  'grandmother-first-name': {
    en: 'What is your oldest grandparent’s first name?',
    'fr-CA': 'Quel est le prénom de votre grand-parent le plus âgé?',
    'es-PR': '¿Cuál es el nombre de su abuelo(a) de mayor edad?',
  },
  'childhood-nickname': {
    en: 'What was your childhood nickname?',
    'fr-CA': 'Quel était votre surnom d’enfance?',
    'es-PR': '¿Cuál era su apodo de niño(a)?',
  },
  'first-stuffed-animal': {
    en: 'What was the name of your first stuffed toy?',
    'fr-CA': 'Quel était le nom de votre premier toutou?',
    'es-PR': '¿Cómo se llamaba su primer peluche?',
  },
  'first-work-city': {
    en: 'In what city or town did you first work?',
    'fr-CA': 'Dans quelle ville avez-vous travaillé pour la première fois?',
    'es-PR': '¿En qué ciudad o pueblo trabajó por primera vez?',
  },
};

export const QUESTION_IDS = Object.keys(QUESTION_CATALOGUE);

export function isQuestionId(id: string): boolean {
  return Object.hasOwn(QUESTION_CATALOGUE, id);
}

export function listQuestions(language: Language): { id: string; text: string }[] {
  return QUESTION_IDS.map((id) => ({ id, text: QUESTION_CATALOGUE[id]![language] }));
}

export function questionText(id: string, language: Language): string {
  return QUESTION_CATALOGUE[id]?.[language] ?? id;
}
