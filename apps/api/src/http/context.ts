import type { Grant } from '@guichet/domain';
import type { Db } from '@guichet/db';
import type { Config } from '../config.ts';

export type Clock = () => Date;

/** What every service receives: the database and the clock (injected so tests control time). */
export interface Deps {
  db: Db;
  clock: Clock;
  /** Where users reach Guichet, for the links in e-mails (`http://localhost:3000` if unset). */
  publicUrl?: string;
}

/** What every routes plugin receives from `buildApp`: the services' deps and the configuration. */
export interface RouteDeps {
  deps: Deps;
  config: Config;
}

export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  locale: 'fr' | 'en';
  kind: 'customer' | 'operator';
  operatorRole: 'agent' | 'catalog_manager' | 'admin' | null;
}

export interface Perimeter {
  customerId: string;
  name: string;
}

/** Who is calling, resolved once per request from the session cookie. */
export interface AuthContext {
  sessionId: string;
  user: AuthUser;
  perimeters: Perimeter[];
  /** The customer account chosen at the top right (null for operators or without grants). */
  perimeter: Perimeter | null;
  /** Grants on the contracts of the current perimeter only: nothing outside it is reachable. */
  grants: Grant[];
  /**
   * Set when the caller authenticated with a personal API token (`Authorization: Bearer`):
   * then `grants` are the token's, capped by the owner's current grants.
   */
  apiTokenId?: string;
}
