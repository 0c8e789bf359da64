/**
 * What the generator produces and what the load scripts read back: a seeded random source,
 * realistic French names, and the dataset's manifest (sample users with their contracts and
 * the search terms their own inventory answers to).
 */

/** mulberry32: small, fast and seeded, so that a dataset can be produced again identically. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** A version 4 UUID drawn from this source (deterministic for a given seed). */
  uuid(): string {
    const hex = Array.from({ length: 4 }, () =>
      Math.floor(this.next() * 4_294_967_296)
        .toString(16)
        .padStart(8, '0'),
    ).join('');
    const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/**
 * Splits `total` over `count` parts by Zipf's law (exponent 1): a few very large customers
 * and a long tail of small ones, as a cloud provider's customer base looks. Each part gets
 * at least `minimum`; the parts add up to `total` exactly (when total ≥ count × minimum).
 */
export function zipfShares(total: number, count: number, minimum: number): number[] {
  const weights = Array.from({ length: count }, (_, rank) => 1 / (rank + 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = Math.max(0, total - minimum * count);
  const shares = weights.map((weight) => minimum + Math.floor((spare * weight) / sum));
  let missing = total - shares.reduce((a, b) => a + b, 0);
  for (let rank = 0; missing > 0; rank = (rank + 1) % count, missing -= 1) {
    shares[rank] = (shares[rank] ?? 0) + 1;
  }
  return shares;
}

/** A comma-separated word list (kept compact: the lists are data, not code). */
function list(text: string): readonly string[] {
  return text
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word !== '');
}

export const firstNames = list(`
  Camille, Dominique, Alex, Sacha, Julien, Léa, Manon, Thomas, Nicolas, Sophie,
  Isabelle, Philippe, Nathalie, Pierre, Claire, Antoine, Émilie, Hugo, Chloé, Lucas,
  Inès, Mathieu, Sarah, Karim, Amina, Yannick, Océane, Benoît, Hélène, Romain, Aurélie,
  Mehdi, Laure, Grégoire, Anaïs, Vincent, Céline, Olivier, Fatou, Damien, Pauline,
  Xavier, Justine, Rémi, Élodie, Samir, Gaëlle, François, Marion, Thierry
`);

export const lastNames = list(`
  Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau,
  Simon, Laurent, Lefebvre, Michel, Garcia, David, Bertrand, Roux, Vincent, Fournier,
  Morel, Girard, André, Lefèvre, Mercier, Dupont, Lambert, Bonnet, François, Martinez,
  Legrand, Garnier, Faure, Rousseau, Blanc, Guérin, Muller, Henry, Roussel, Nicolas,
  Perrin, Morin, Mathieu, Clément, Gauthier, Dumont, Lopez, Fontaine, Chevalier, Robin,
  Benali, Nguyen, Diallo, Kowalski, Le Gall, Marchand, Caron, Picard, Renaud
`);

export const towns = list(`
  Lyon, Marseille, Toulouse, Nantes, Bordeaux, Lille, Rennes, Reims, Grenoble, Dijon,
  Angers, Nîmes, Brest, Tours, Limoges, Amiens, Metz, Besançon, Orléans, Rouen, Caen,
  Nancy, Avignon, Poitiers, Pau, Vannes, Quimper, Annecy, Chambéry, Valence,
  La Rochelle, Niort, Colmar, Troyes, Chartres, Bayonne, Lorient, Calais, Cherbourg,
  Arras
`);

const trades = list(`
  Transports, Laboratoires, Assurances, Éditions, Cabinet, Boulangeries, Imprimerie,
  Pharmacie, Constructions, Menuiserie, Garage, Clinique, Distribution, Conseil,
  Logistique, Agence, Brasserie, Ateliers, Fonderie, Mutuelle
`);

const brands = list(`
  Horizon, Atlantique, Boréal, Hexagone, Azur, Cévennes, Armor, Alpha, Opale, Zénith,
  Vercors, Iroise, Lumière, Méridien, Sequana, Orion, Garonne, Pyrène, Cassiopée,
  Helios, Calypso, Noveo, Vivalis, Octave, Altima, Biotis, Primavera, Solstice,
  Terranova, Ventura
`);

const legalForms = ['SA', 'SAS', 'SARL', 'Groupe', 'Holding', 'SCOP'] as const;

/** A company name; `taken` keeps them unique (customers.name is UNIQUE). */
export function customerName(random: Random, taken: Set<string>): string {
  for (let attempt = 0; ; attempt += 1) {
    let name: string;
    switch (random.integer(0, 5)) {
      case 0:
        name = `${random.pick(trades)} ${random.pick(lastNames)}`;
        break;
      case 1:
        name = `${random.pick(brands)} ${random.pick(legalForms)}`;
        break;
      case 2:
        name = `${random.pick(trades)} ${random.pick(brands)}`;
        break;
      case 3:
        name = `${random.pick(lastNames)} & Fils`;
        break;
      case 4:
        name = `Mairie de ${random.pick(towns)}`;
        break;
      default:
        name = `${random.pick(brands)} ${random.pick(towns)}`;
    }
    if (attempt > 3) name = `${name} ${random.pick(towns)}`;
    if (attempt > 8) name = `${name} ${attempt}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/** Lower-case ASCII, words joined by dashes: for e-mail domains and project names. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export const sites = list(`
  Paris - Val de Reuil, Paris - Chartres, Amsterdam, Biot - Sophia Antipolis,
  Singapour, Hong Kong
`);

export const environments = ['prod', 'preprod', 'recette', 'dev', 'test', 'formation'] as const;

export const applications = list(`
  web, api, sql, paie, compta, crm, erp, ged, ldap, mail, backup, proxy, bastion,
  elastic, kafka, redis, batch, sftp, portail, intranet, bi, wiki, rh, stock, factu,
  citrix, jenkins, gitlab, sonar, monitor
`);

export const flavours = list(`
  s6.medium.2, s6.large.2, s6.xlarge.2, s6.large.4, s6.xlarge.4, c6.2xlarge.2,
  m6.xlarge.8, m6.2xlarge.8
`);

/** What a sample user and their contracts look like to the load scripts. */
export interface SampleContract {
  id: string;
  assets: number;
  requests: number;
  /** A Flexible Engine tenant of the contract: the Standard catalog applies to it. */
  tenantId: string;
  /** What a user types at the start of a reference or label (a typeahead's prefix). */
  prefixes: string[];
  /** Fragments from the middle of references and labels. */
  substrings: string[];
}

export interface SampleUser {
  email: string;
  customerName: string;
  /** 0 for the largest customer. */
  customerRank: number;
  customerAssets: number;
  customerRequests: number;
  contracts: SampleContract[];
}

export interface DatasetManifest {
  generatedAt: string;
  parameters: { customers: number; assets: number; requests: number; seed: number };
  counts: Record<string, number>;
  seconds: number;
  password: string;
  /** Managers of customers taken at evenly spaced size ranks, the largest first. */
  users: SampleUser[];
}
