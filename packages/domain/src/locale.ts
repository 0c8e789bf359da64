/** The two languages of Guichet: every label, message and mail exists in both. */
export type Locale = 'fr' | 'en';
