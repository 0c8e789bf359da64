import { describe, expect, it } from 'vitest';
import { en, fr } from './dictionaries.ts';

function leaves(node: unknown, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof node === 'string') {
    found.set(prefix, node);
    return found;
  }
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    for (const [path, text] of leaves(value, prefix ? `${prefix}.${key}` : key))
      found.set(path, text);
  }
  return found;
}

const frLeaves = leaves(fr);
const enLeaves = leaves(en);

describe('dictionaries', () => {
  it('have the same keys in French and English', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...frLeaves.keys()].sort());
  });

  it('have no empty text', () => {
    for (const [path, text] of [...frLeaves, ...enLeaves]) expect(text.trim(), path).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) =>
      [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    for (const [path, text] of frLeaves)
      expect(placeholders(enLeaves.get(path) ?? ''), path).toEqual(placeholders(text));
  });

  // The user guide's labels are the words customers already know (DESIGN §2): verbatim.
  it.each([
    'Créer une demande',
    'Demander un changement',
    "Création d'un changement",
    "Pour simplifier la saisie de votre demande, il est préconisé de suivre l'ordre des sections.",
    '1 - Sélectionner un élément de votre parc',
    "Référence de l'élément de parc concerné par ce changement",
    "Changer d'élément",
    'ATTENTION : Changement(s) déjà en cours sur le même élément de parc.',
    'Voir les autres demandes',
    'Si un catalogue est sélectionné en section 2, la recherche sera limitée aux éléments associés à ce catalogue.',
    'Réinitialiser la recherche',
    '2 - Description de la demande de changement',
    'Catalogue de changements',
    'Catégorie',
    'Article de changement',
    'Votre référence',
    'Informations associées',
    'Site',
    'Solutions',
    '*Champs obligatoires',
    'Annuler',
    'Enregistrer en brouillon',
    'Confirmer la demande',
    'Merci de vous référer aux conditions de votre contrat, car dans certains cas, les demandes de changement sont facturables (ex.: si vous avez épuisé le nombre de changements gratuits prévu à votre contrat). Pour une demande nécessitant une étude préalable, vous serez contacté pour valider le devis.',
  ])('the French interface says « %s »', (label) => {
    expect([...frLeaves.values()]).toContain(label);
  });
});
