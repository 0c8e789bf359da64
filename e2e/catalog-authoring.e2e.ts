import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  baseUrl,
  demoPassword,
  hasBrowser,
  launchBrowser,
  screenshot,
  seriousViolations,
} from './browser.ts';

/**
 * Catalog authoring (issue 5): a catalog manager shapes an article with a conditional field
 * and a cross-field rule, previews it and publishes it; a customer fills it (the field
 * appears and disappears, the rule's error shows as they type); a request sent straight to
 * the API with tampered or hidden values is refused field by field. The catalog is created
 * here, for ACME's second contract only, so that no other journey sees it.
 */

const tag = randomBytes(3).toString('hex').toUpperCase();
const catalogName = `Licences RDS ${tag}`;
const articleName = `Ajuster mes licences ${tag}`;
const ruleMessage = 'Vous ne pouvez pas retirer plus de licences que vous n’en détenez';

let browser: Browser;
let articleId = '';
let catalogId = '';

beforeAll(async () => {
  if (hasBrowser) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 1400, height: 1000 },
  });
  // The machine may be busy (2 cores shared with other suites): wait longer than a person would.
  context.setDefaultTimeout(25_000);
  return context.newPage();
}

async function logIn(page: Page, email: string, landing: string): Promise<void> {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(demoPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: landing, level: 1 }).waitFor();
}

/** A text in both languages, in the group labelled `label` within `scope`. */
async function fillBoth(scope: Locator | Page, label: string, fr: string, en: string) {
  const group = scope.getByRole('group', { name: label, exact: true });
  await group.getByLabel('Français').fill(fr);
  await group.getByLabel('Anglais').fill(en);
}

/** Adds a field of `kind` and returns its (opened) editing panel. */
async function addField(page: Page, kind: string, index: number): Promise<Locator> {
  await page.getByLabel('Type du nouveau champ').selectOption({ label: kind });
  await page.getByRole('button', { name: 'Ajouter le champ' }).click();
  const panel = page.locator(`#field-${index}-panel`);
  await panel.waitFor();
  return panel;
}

describe.skipIf(!hasBrowser)(
  'catalog authoring, from the back-office to the customer',
  { timeout: 120_000 },
  () => {
    it('a catalog manager creates an article with a conditional field and a rule, previews, publishes', async () => {
      const page = await newPage();
      await logIn(page, 'catalogue@guichet.example', 'Catalogues de changements');
      await page.getByRole('link', { name: 'Catalogue de Changement Standard' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'cat-01-catalogues');

      // A catalog for one contract only
      await page.getByRole('link', { name: 'Nouveau catalogue' }).click();
      await page.getByRole('heading', { name: 'Nouveau catalogue', level: 1 }).waitFor();
      await fillBoth(page, 'Nom du catalogue', catalogName, `RDS licences ${tag}`);
      await page.getByLabel('Types d’éléments de parc concernés').fill('rds_licence_pool');
      await page.getByLabel('Offres', { exact: true }).fill('');
      await page.getByLabel('Contrats en plus').fill('OCB0005122');
      await page.getByRole('button', { name: 'Créer le catalogue' }).click();
      await page.getByRole('heading', { name: catalogName, level: 1 }).waitFor();
      catalogId = /catalogues\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
      expect(catalogId).not.toBe('');

      // The article: created as a draft, then its form
      await page.getByRole('button', { name: 'Nouvel article' }).click();
      await fillBoth(page, 'Nom de l’article', articleName, `Adjust my licences ${tag}`);
      await page.getByRole('button', { name: 'Créer et modifier le formulaire' }).click();
      await page.getByRole('heading', { name: articleName, level: 1 }).waitFor();
      articleId = /articles\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';

      const operation = await addField(page, 'Choix unique', 0);
      await operation.getByLabel('Clé').fill('operation');
      await fillBoth(operation, 'Libellé', 'Opération', 'Operation');
      await operation.getByLabel('Réponse obligatoire').selectOption({ label: 'Obligatoire' });
      await operation.getByLabel('Valeur du choix 1').fill('ajout');
      await operation.getByLabel('Libellé du choix 1 (Français)').fill('Ajouter des licences');
      await operation.getByLabel('Libellé du choix 1 (Anglais)').fill('Add licences');
      await operation.getByRole('button', { name: 'Ajouter un choix' }).click();
      await operation.getByLabel('Valeur du choix 2').fill('retrait');
      await operation.getByLabel('Libellé du choix 2 (Français)').fill('Retirer des licences');
      await operation.getByLabel('Libellé du choix 2 (Anglais)').fill('Remove licences');

      const held = await addField(page, 'Nombre entier', 1);
      await held.getByLabel('Clé').fill('held');
      await fillBoth(held, 'Libellé', 'Licences détenues', 'Licences held');
      await held.getByLabel('Prérempli depuis l’élément de parc').fill('licencesHeld');
      await held.getByLabel('Lecture seule (toujours la valeur de l’élément)').check();

      const removed = await addField(page, 'Nombre entier', 2);
      await removed.getByLabel('Clé').fill('removed');
      await fillBoth(removed, 'Libellé', 'Licences à retirer', 'Licences to remove');
      await removed.getByLabel('Minimum').fill('1');
      // Shown only for a removal, and then required
      await removed.getByLabel('Affichage').selectOption({ label: 'Affiché selon une condition' });
      const condition = removed.getByRole('group', { name: 'Afficher ce champ uniquement' });
      await condition.getByLabel('Quand le champ').selectOption({ label: 'Opération' });
      await condition.getByLabel('Condition').selectOption({ label: 'est égal à' });
      await condition.getByLabel('Valeur').selectOption({ label: 'Retirer des licences' });
      // Required with no default while it can be hidden: the linter says so at once
      await removed.getByLabel('Réponse obligatoire').selectOption({ label: 'Obligatoire' });
      await page.getByText('1 problème empêche la publication').waitFor();
      expect(await page.getByRole('button', { name: 'Publier la version 1' }).isDisabled()).toBe(
        true,
      );
      await removed
        .getByLabel('Réponse obligatoire')
        .selectOption({ label: 'Obligatoire quand affiché' });
      await page.getByText('Le formulaire peut être publié.').waitFor();

      // The cross-field rule: no more removed than held by the item
      await page.getByRole('button', { name: 'Ajouter une règle' }).click();
      const rule = page.getByRole('group', { name: 'Règle 1' });
      await rule.getByLabel('Champ contrôlé').selectOption({ label: 'Licences à retirer' });
      await rule.getByLabel('Doit être').selectOption({ label: 'inférieur ou égal à' });
      await rule
        .getByLabel('Comparé à')
        .selectOption({ label: 'un attribut de l’élément de parc' });
      await rule.getByLabel('Attribut (ex. licencesHeld)').fill('licencesHeld');
      await fillBoth(
        rule,
        'Message d’erreur',
        ruleMessage,
        'You cannot remove more licences than you hold',
      );

      // The preview, as a customer sees it (an RDS pool holding 25 licences)
      const preview = page.getByRole('region', { name: 'Aperçu — le formulaire vu par le client' });
      await expect
        .poll(async () => preview.getByLabel('Licences détenues').inputValue())
        .toBe('25');
      expect(await preview.getByLabel('Licences à retirer').count()).toBe(0);
      await preview.getByLabel('Opération').selectOption({ label: 'Retirer des licences' });
      await preview.getByLabel('Licences à retirer').fill('30');
      await preview.getByText(ruleMessage).waitFor();
      await page.evaluate('window.scrollTo(0, 0)');
      await screenshot(page, 'cat-02-editeur-apercu');
      await preview.getByLabel('Licences à retirer').fill('5');
      await preview.getByText(ruleMessage).waitFor({ state: 'detached' });
      await preview.getByLabel('Opération').selectOption({ label: 'Ajouter des licences' });
      await preview.getByLabel('Licences à retirer').waitFor({ state: 'detached' });

      // Leaving the unsaved draft by the breadcrumb asks first; « Rester » keeps it all.
      await page.getByRole('link', { name: catalogName }).click();
      const question = page.getByRole('dialog', { name: 'Quitter sans enregistrer ?' });
      await question.waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      // The dialog is what matters, not the whole page's length.
      await page.screenshot({ path: 'e2e/screenshots/cat-02b-quitter-sans-enregistrer-390.png' });
      await page.setViewportSize({ width: 1400, height: 1000 });
      await question.getByRole('button', { name: 'Rester sur la page' }).click();
      await question.waitFor({ state: 'hidden' });
      expect(page.url()).toContain(`/articles/${articleId}`);
      await page.getByText('Modifications non enregistrées').waitFor();

      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Publier la version 1' }).click();
      // Asked first, saying who gets it: the catalog is ACME's second contract's only
      const publication = page.getByRole('dialog', { name: 'Publier la version 1 ?' });
      await publication.getByText('aux clients de 1 contrat (1 client)').waitFor();
      await publication.getByText('OCB0005122 — ACME').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: 'e2e/screenshots/cat-02c-publier-390.png' });
      await page.setViewportSize({ width: 1400, height: 1000 });
      await publication.getByRole('button', { name: 'Publier la version 1' }).click();
      await page.getByText('Version 1 publiée.').waitFor();
      await page.getByText('Proposée aux clients', { exact: true }).waitFor();
      // Published: nothing left to save or publish, and the card says so
      expect(await page.getByText('Modifications non enregistrées').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Publier la version 2' }).isDisabled()).toBe(
        true,
      );
      await page.getByText('Rien à publier : les clients ont déjà la version 1.').waitFor();
      expect(await page.getByText('Le formulaire peut être publié.').count()).toBe(0);
      await page
        .getByRole('region', { name: 'Versions publiées' })
        .getByText('par Gestion des catalogues')
        .waitFor();
      await page.evaluate('window.scrollTo(0, 0)');
      await screenshot(page, 'cat-03-publie');

      // The catalog lists it, published
      await page.getByRole('link', { name: catalogName }).click();
      const row = page.getByRole('row', { name: new RegExp(articleName) });
      await row.getByText('Version 1').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'cat-08-catalogue');
      await page.context().close();
    });

    it('a customer fills it: the field appears and disappears, the rule answers as they type', async () => {
      const page = await newPage();
      await logIn(page, 'gestionnaire@acme.example', 'Demandes');
      await page.goto(`${baseUrl}/demandes/nouvelle/changement?contrat=OCB0005122`);
      const itemSearch = page.getByRole('combobox', { name: /Référence de l'élément de parc/ });
      await itemSearch.fill('RDS');
      await page.getByRole('option', { name: /RDS-OCB0005122-1/ }).click();
      await page
        .getByRole('combobox', { name: 'Catalogue de changements', exact: true })
        .selectOption({ label: catalogName });
      // The catalog's only article is chosen for the customer
      await page.getByLabel('Opération').waitFor();
      expect(await page.getByLabel('Licences détenues').inputValue()).toBe('25');
      expect(await page.getByLabel('Licences à retirer').count()).toBe(0);

      await page.getByLabel('Opération').selectOption({ label: 'Retirer des licences' });
      const removed = page.getByRole('textbox', { name: 'Licences à retirer' });
      await removed.pressSequentially('30');
      // As they type: no need to leave the field
      await page.getByText(ruleMessage).waitFor();
      expect(await removed.getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, 'cat-04-client-regle');
      await removed.fill('');
      await removed.pressSequentially('5');
      await page.getByText(ruleMessage).waitFor({ state: 'detached' });

      await page.getByLabel('Opération').selectOption({ label: 'Ajouter des licences' });
      await removed.waitFor({ state: 'detached' });
      await page.getByLabel('Opération').selectOption({ label: 'Retirer des licences' });
      await page.getByRole('textbox', { name: 'Licences à retirer' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Confirmer la demande' }).click();
      const confirmation = page.getByText(/Votre demande CHG-\d{4}-\d{6} a été transmise/);
      await confirmation.waitFor();
      await page.getByText('Licences à retirer').first().waitFor();
      await screenshot(page, 'cat-05-client-detail');
      await page.context().close();
    });

    it('refuses, field by field, a request sent straight to the API with tampered or hidden values', async () => {
      const page = await newPage();
      await logIn(page, 'gestionnaire@acme.example', 'Demandes');
      const catalogs = await page.request.get(`${baseUrl}/api/contracts/OCB0005122/catalogs`);
      const catalog = (
        (await catalogs.json()) as { items: { id: string; articles: { id: string }[] }[] }
      ).items.find((item) => item.id === catalogId);
      expect(catalog?.articles.map((article) => article.id)).toEqual([articleId]);
      const assets = await page.request.get(`${baseUrl}/api/contracts/OCB0005122/assets?q=RDS`);
      const assetId = (
        (await assets.json()) as { items: { id: string; reference: string }[] }
      ).items.find((item) => item.reference === 'RDS-OCB0005122-1')?.id;
      const send = (values: Record<string, unknown>) =>
        page.request.post(`${baseUrl}/api/requests`, {
          data: {
            action: 'confirm',
            contractId: 'OCB0005122',
            assetId,
            catalogId,
            articleId,
            values,
          },
        });

      const tampered = await send({
        operation: 'retrait',
        held: 1000, // read-only: the item's 25 is what counts
        removed: 30,
        colour: 'rouge',
      });
      expect(tampered.status()).toBe(400);
      const refused = (
        (await tampered.json()) as {
          error: { code: string; details: { path: string; rule: string; message: string }[] };
        }
      ).error;
      expect(refused.code).toBe('form_values_invalid');
      expect(refused.details.map((detail) => `${detail.path} ${detail.rule}`).sort()).toEqual([
        'values.colour unknown',
        'values.removed rule',
      ]);
      expect(refused.details.find((detail) => detail.path === 'values.removed')?.message).toBe(
        ruleMessage,
      );

      const missing = await send({ operation: 'retrait' });
      expect(missing.status()).toBe(400);
      expect(
        (
          (await missing.json()) as { error: { details: { path: string; rule: string }[] } }
        ).error.details.map((detail) => `${detail.path} ${detail.rule}`),
      ).toEqual(['values.removed required']);

      // Hidden values are dropped, never stored
      const hidden = await send({ operation: 'ajout', removed: 999, held: 3 });
      expect(hidden.status()).toBe(201);
      expect(((await hidden.json()) as { values: unknown }).values).toEqual({
        operation: 'ajout',
        held: 25,
      });

      // The dry run answers the same, and writes nothing
      const dryRun = await page.request.post(`${baseUrl}/api/requests/dry-run`, {
        data: {
          contractId: 'OCB0005122',
          assetId,
          catalogId,
          articleId,
          values: { operation: 'retrait', removed: 26 },
        },
      });
      expect(dryRun.status()).toBe(200);
      const answer = (await dryRun.json()) as {
        isValid: boolean;
        errors: { path: string }[];
        billing: { kind: string };
      };
      expect(answer.isValid).toBe(false);
      expect(answer.errors.map((error) => error.path)).toEqual(['values.removed']);
      expect(answer.billing.kind).toBe('included');
      await page.context().close();
    });
    it('keeps a customer’s draft through a new version, and says what changed', async () => {
      const customer = await newPage();
      await logIn(customer, 'gestionnaire@acme.example', 'Demandes');
      const assets = await customer.request.get(`${baseUrl}/api/contracts/OCB0005122/assets?q=RDS`);
      const assetId = (
        (await assets.json()) as { items: { id: string; reference: string }[] }
      ).items.find((item) => item.reference === 'RDS-OCB0005122-1')?.id;
      const draft = await customer.request.post(`${baseUrl}/api/requests`, {
        data: {
          action: 'draft',
          contractId: 'OCB0005122',
          assetId,
          catalogId,
          articleId,
          values: { operation: 'retrait', removed: 4 },
          customerReference: `BROUILLON-${tag}`,
        },
      });
      expect(draft.status()).toBe(201);
      const draftId = ((await draft.json()) as { id: string }).id;

      // The catalog manager publishes version 2: « retrait » withdrawn, a new required question
      const manager = await newPage();
      await logIn(manager, 'catalogue@guichet.example', 'Catalogues de changements');
      const current = (await (
        await manager.request.get(`${baseUrl}/api/back-office/articles/${articleId}`)
      ).json()) as {
        revision: number;
        definition: {
          form: {
            fields: { key: string; kind: string; options?: { value: string }[] }[];
            rules?: unknown[];
          };
        };
      };
      const fields = current.definition.form.fields
        .filter((field) => field.key !== 'removed')
        .map((field) =>
          field.key === 'operation'
            ? { ...field, options: field.options?.filter((option) => option.value === 'ajout') }
            : field,
        );
      const form = {
        fields: [
          ...fields,
          {
            key: 'ticket',
            kind: 'text',
            label: { fr: 'Référence interne', en: 'Internal reference' },
            required: true,
          },
        ],
        rules: [],
      };
      const saved = await manager.request.put(
        `${baseUrl}/api/back-office/articles/${articleId}/draft`,
        {
          data: { definition: { ...current.definition, form }, revision: current.revision },
        },
      );
      expect(saved.status()).toBe(200);
      const published = await manager.request.post(
        `${baseUrl}/api/back-office/articles/${articleId}/publish`,
        {
          data: { revision: ((await saved.json()) as { revision: number }).revision },
        },
      );
      expect(published.status()).toBe(200);
      await manager.context().close();

      await customer.goto(`${baseUrl}/demandes/${draftId}/modifier`);
      const notice = customer
        .getByRole('status')
        .filter({ hasText: 'Ce formulaire a changé depuis votre brouillon' });
      await notice.waitFor();
      await notice.getByText('Nouvelle question obligatoire : « Référence interne ».').waitFor();
      await notice
        .getByText(
          'Votre réponse « Retirer des licences » à « Opération » ne convient plus : choisissez-en une autre.',
        )
        .waitFor();
      await notice
        .getByText(
          'La question « Licences à retirer » a été retirée ; votre réponse « 4 » n’est plus gardée.',
        )
        .waitFor();
      expect(
        await customer.getByRole('textbox', { name: 'Votre référence', exact: true }).inputValue(),
      ).toBe(`BROUILLON-${tag}`);
      expect(await seriousViolations(customer)).toEqual([]);
      await screenshot(customer, 'cat-06-brouillon-porte');
      await customer.context().close();
    });

    it('imports the exported catalogs without a change', async () => {
      const page = await newPage();
      await logIn(page, 'catalogue@guichet.example', 'Catalogues de changements');
      const exported = (await (
        await page.request.get(`${baseUrl}/api/back-office/catalogs/export`)
      ).json()) as {
        yaml: string;
      };
      await page.getByRole('link', { name: 'Importer' }).click();
      await page.getByRole('heading', { name: 'Importer des catalogues', level: 1 }).waitFor();
      await page.getByLabel('Contenu YAML').fill(exported.yaml);
      await page.getByRole('button', { name: 'Vérifier les changements' }).click();
      await page.getByText('Rien à changer : les catalogues sont déjà ceux du fichier.').waitFor();
      expect(await page.getByRole('button', { name: 'Appliquer l’import' }).isDisabled()).toBe(
        true,
      );

      await page
        .getByLabel('Contenu YAML')
        .fill(
          exported.yaml.replace(
            `name:\n      fr: ${catalogName}`,
            `name:\n      fr: ${catalogName} (bis)`,
          ),
        );
      await page.getByRole('button', { name: 'Vérifier les changements' }).click();
      await page.getByText('1 changement :').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'cat-07-import');
      await page.context().close();
    });
  },
);
