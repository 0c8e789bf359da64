import type { MessageCatalog } from './keys.ts';

/**
 * The French words of every error (decision 0024): one text per error code, per reason of a
 * code and per rule of a field, with i18next's interpolation (`{{max}}`) and plurals
 * (`_one` / `_other` chosen by `count`). The web app loads it as its `errors` keys, the API
 * renders `message` from it, the mails take their words from it.
 */
export const fr = {
  codes: {
    validation_failed: 'Certaines informations sont invalides.',
    form_values_invalid: 'Certaines informations de la demande sont invalides.',
    unauthenticated: 'Votre session a expiré : reconnectez-vous.',
    invalid_credentials: 'Adresse e-mail ou mot de passe incorrect.',
    forbidden: 'Votre profil ne permet pas cette action.',
    not_found: 'Élément introuvable : il a peut-être été supprimé.',
    conflict: 'Cette demande a été modifiée entre-temps.',
    invalid_transition: "Cette action n'est pas possible dans l'état actuel de la demande.",
    billing_not_acknowledged: 'Confirmez que vous comprenez que ce changement est facturable.',
    contract_inactive: 'Ce contrat est suspendu ou terminé : il ne prend plus de nouvelle demande.',
    payload_too_large: 'Le fichier est trop volumineux (10 Mo au plus).',
    unsupported_media_type:
      "Ce type de fichier n'est pas accepté (PDF, PNG, JPEG, texte, CSV, Word, Excel).",
    rate_limited: 'Trop de tentatives : patientez un instant avant de réessayer.',
    unavailable: 'Le service est momentanément indisponible. Réessayez dans un instant.',
    internal:
      "Une erreur inattendue s'est produite. Réessayez ; si elle persiste, contactez le support.",
  },
  reasons: {
    body_too_large: 'Le corps de la requête est trop volumineux.',
    upload_too_large: 'L’envoi dépasse les limites (un fichier de 10 Mo).',
    json_expected: 'Le corps de la requête doit être du JSON (Content-Type: application/json).',
    no_route: 'Aucune route {{method}} {{path}}.',
  },
  rules: {
    required: 'Ce champ est obligatoire',
    required_asset: 'Choisissez un élément de parc',
    required_catalog: 'Choisissez un catalogue',
    required_article: 'Choisissez un article',
    required_acknowledgement: 'Confirmez avoir pris connaissance du coût',
    type: 'Type de valeur invalide',
    type_text: 'Texte attendu',
    type_integer: 'Nombre entier attendu',
    type_number: 'Nombre attendu',
    type_boolean: 'Oui ou non',
    type_choices: 'Liste de choix attendue',
    type_list: 'Liste attendue',
    type_row: 'Ligne invalide',
    type_answer: 'Forme de réponse invalide',
    type_object: 'Objet attendu',
    min: 'Au moins {{min}}',
    max: 'Au plus {{max}}',
    step: 'Par pas de {{step}}',
    minLength_one: 'Au moins {{count}} caractère',
    minLength_other: 'Au moins {{count}} caractères',
    maxLength_one: 'Au plus {{count}} caractère',
    maxLength_other: 'Au plus {{count}} caractères',
    pattern: 'Format invalide',
    format: 'Format invalide',
    format_date: 'Date invalide (AAAA-MM-JJ)',
    format_email: 'Adresse e-mail invalide',
    range: 'Date entre le {{from}} et le {{to}}',
    enum: 'Choix invalide',
    unique: 'Choix en double',
    minItems: 'Au moins {{count}} choix',
    maxItems: 'Au plus {{count}} choix',
    minRows: 'Au moins {{count}} ligne(s)',
    maxRows_one: 'Au plus {{count}} ligne',
    maxRows_other: 'Au plus {{count}} lignes',
    unknown: 'Champ inconnu',
    // A form's own rule: its author wrote the words in both languages (params `fr` and `en`).
    rule: '{{text}}',
    control_character: 'Caractère de contrôle interdit (NUL, etc.)',
    line_break: 'Une seule ligne : ni tabulation ni retour à la ligne',
    lone_surrogate: 'Texte Unicode invalide (demi-paire de substitution)',
    empty_once_trimmed: 'Vide une fois les espaces de début et de fin retirés',
    login_characters: 'Lettres sans accents, chiffres, . _ - uniquement',
    login_length: 'De 8 à 64 caractères',
    duplicate_code: 'Code en double',
    invalid: 'Valeur invalide',
  },
} as const satisfies MessageCatalog;
