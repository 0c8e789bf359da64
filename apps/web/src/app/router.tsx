import { createBrowserRouter, Navigate } from 'react-router';
import type { QueryClient } from '@tanstack/react-query';
import { sessionQuery } from '../lib/session.ts';
import { contractsQuery } from '../features/change-requests/requests-api.ts';
import { Loading } from '../components/ui/loading.tsx';
import { AppLayout, PublicLayout } from './app-layout.tsx';
import { ForbiddenPage } from './forbidden-page.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { RouteError } from './route-error.tsx';
import { chunk, firstPaintWords } from './route-chunk.ts';

const backOfficeLayout = chunk(() => import('./back-office-layout.tsx'));
const backOffice = chunk(() => import('./routes/back-office-routes.tsx'));
const catalogAdmin = chunk(() => import('./routes/catalog-admin-routes.tsx'));
const providerAdmin = chunk(() => import('./routes/provider-admin-routes.tsx'));
const inventorySync = chunk(() => import('./routes/inventory-sync-routes.tsx'));
const handledElsewhere = chunk(() => import('./routes/handled-elsewhere-route.tsx'));
const operatorAccounts = chunk(() => import('./routes/operator-accounts-routes.tsx'));
const statements = chunk(() => import('./routes/statements-routes.tsx'));
const newRequest = chunk(() => import('./routes/new-request-route.tsx'));
const requestDetail = chunk(() => import('./routes/request-detail-route.tsx'));
const invitation = chunk(() => import('../features/invitation/invitation-page.tsx'));
const users = chunk(() => import('../features/users/users-page.tsx'));
const addUser = chunk(() => import('../features/users/add-user-page.tsx'));
const userAccess = chunk(() => import('../features/users/user-access-page.tsx'));
const account = chunk(() => import('../features/account/account-page.tsx'));
const apiTokens = chunk(() => import('../features/api-tokens/api-tokens-page.tsx'));
const integrations = chunk(() => import('./routes/integrations-routes.tsx'));
const approvals = chunk(() => import('./routes/approvals-routes.tsx'));
// The customer's list and the sign-in pages show only first-paint words, as the change form does.
// (typed by the page's name: the module also exports a function of its own)
const requests = chunk<'RequestsPage'>(
  () => import('../features/change-requests/requests-page.tsx'),
  firstPaintWords,
);
const login = chunk(() => import('../features/auth/login-page.tsx'), firstPaintWords);
const ssoRefusal = chunk(() => import('../features/auth/sso-refusal-page.tsx'), firstPaintWords);

export function createRouter(queryClient: QueryClient) {
  // The change form starts from the contracts: asked for alongside the session and the chunk.
  const changeForm = {
    lazy: chunk(() => import('./routes/change-form-route.tsx'), firstPaintWords)('default'),
    loader: () => {
      void queryClient.prefetchQuery(contractsQuery);
      return null;
    },
  };
  return createBrowserRouter([
    {
      errorElement: <RouteError />,
      hydrateFallbackElement: <Loading />,
      // Every page needs the session: asked for with the navigation, not after the first render.
      loader: () => {
        void queryClient.prefetchQuery(sessionQuery);
        return null;
      },
      children: [
        {
          element: <PublicLayout />,
          children: [
            { path: '/connexion', lazy: login('LoginPage') },
            { path: '/connexion/refus-sso', lazy: ssoRefusal('SsoRefusalPage') },
            { path: '/invitation/:token', lazy: invitation('InvitationPage') },
          ],
        },
        {
          path: '/back-office',
          lazy: backOfficeLayout('BackOfficeLayout'),
          children: [
            { index: true, lazy: backOffice('BackOfficeHomeRoute') },
            { path: 'demandes/:id', lazy: backOffice('BackOfficeRequestRoute') },
            { path: 'boite-d-envoi', lazy: backOffice('OutboxRoute') },
            { path: 'gel-et-maintenance', lazy: backOffice('ChangePeriodsRoute') },
            { path: 'releves', lazy: statements('BackOfficeStatementsRoute') },
            { path: 'releves/:contractId/:month', lazy: statements('BackOfficeStatementRoute') },
            { path: 'catalogues', lazy: catalogAdmin('CatalogsRoute') },
            { path: 'catalogues/nouveau', lazy: catalogAdmin('CatalogRoute') },
            { path: 'catalogues/importer', lazy: catalogAdmin('CatalogImportRoute') },
            { path: 'catalogues/articles/:id', lazy: catalogAdmin('ArticleEditorRoute') },
            { path: 'catalogues/:id', lazy: catalogAdmin('CatalogRoute') },
            { path: 'operateurs', lazy: operatorAccounts('OperatorsRoute') },
            { path: 'jetons-api', lazy: operatorAccounts('OperatorTokensRoute') },
            { path: 'clients', lazy: providerAdmin('CustomersRoute') },
            { path: 'clients/nouveau', lazy: providerAdmin('NewCustomerRoute') },
            { path: 'clients/:id', lazy: providerAdmin('CustomerRoute') },
            { path: 'clients/:id/contrats/nouveau', lazy: providerAdmin('NewContractRoute') },
            { path: 'contrats/:contractId', lazy: providerAdmin('ContractRoute') },
            { path: 'echeances', lazy: providerAdmin('DueDateTargetsRoute') },
            { path: 'parc', lazy: inventorySync('InventorySyncRoute') },
            { path: 'parc/synchronisations/:id', lazy: inventorySync('SyncRunRoute') },
            {
              path: 'comptes-de-service',
              lazy: integrations('BackOfficeServiceAccountsRoute'),
            },
            { path: 'webhooks', lazy: integrations('BackOfficeWebhooksRoute') },
            { path: 'webhooks/:id', lazy: integrations('BackOfficeWebhookRoute') },
            { path: '*', lazy: backOffice('BackOfficeNotFoundRoute') },
          ],
        },
        {
          element: <AppLayout />,
          children: [
            { path: '/', element: <Navigate to="/demandes" replace /> },
            { path: '/demandes', lazy: requests('RequestsPage') },
            { path: '/demandes/nouvelle', lazy: newRequest('default') },
            { path: '/demandes/nouvelle/changement', ...changeForm },
            { path: '/demandes/nouvelle/incident', lazy: handledElsewhere('IncidentRoute') },
            { path: '/demandes/nouvelle/commande', lazy: handledElsewhere('OrderRoute') },
            { path: '/demandes/:id', lazy: requestDetail('default') },
            { path: '/demandes/:id/modifier', ...changeForm },
            { path: '/utilisateurs', lazy: users('UsersPage') },
            { path: '/utilisateurs/nouveau', lazy: addUser('AddUserPage') },
            { path: '/utilisateurs/:id', lazy: userAccess('UserAccessPage') },
            { path: '/mon-compte', lazy: account('AccountPage') },
            { path: '/mon-compte/jetons-api', lazy: apiTokens('ApiTokensPage') },
            { path: '/releves', lazy: statements('StatementsRoute') },
            { path: '/integrations', lazy: integrations('IntegrationsRoute') },
            {
              path: '/integrations/comptes-de-service',
              lazy: integrations('CustomerServiceAccountsRoute'),
            },
            { path: '/integrations/webhooks', lazy: integrations('CustomerWebhooksRoute') },
            { path: '/integrations/webhooks/:id', lazy: integrations('CustomerWebhookRoute') },
            { path: '/approbations', lazy: approvals('PendingApprovalsRoute') },
            { path: '/approbations/:token', lazy: approvals('ApprovalLinkRoute') },
            { path: '/acces-refuse', element: <ForbiddenPage /> },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
