import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import type { QueryClient } from '@tanstack/react-query';
import { sessionQuery } from '../lib/session.ts';
import { LoginPage } from '../features/auth/login-page.tsx';
import { contractsQuery } from '../features/change-requests/requests-api.ts';
import { RequestsPage } from '../features/change-requests/requests-page.tsx';
import { Loading } from '../components/ui/loading.tsx';
import { AppLayout, PublicLayout } from './app-layout.tsx';
import { BackOfficeLayout } from './back-office-layout.tsx';
import { ForbiddenPage } from './forbidden-page.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { RouteError } from './route-error.tsx';

/**
 * Routes not needed by the first page come as chunks of their own, loaded by the router
 * (`lazy`) rather than by `React.lazy`: the router starts the chunk with the navigation, in
 * parallel with the session, and renders the page once it is there. With `React.lazy`, the
 * chunk was asked for only after the session had arrived, and React holds a Suspense
 * boundary's content for up to 300 ms after its fallback was shown (issue 6: the change form
 * waited ~200 ms idle on a cold visit).
 */
function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return async () => ({ Component: pick(await load()) });
}
const backOffice = () => import('./routes/back-office-routes.tsx');
const catalogAdmin = () => import('./routes/catalog-admin-routes.tsx');
const providerAdmin = () => import('./routes/provider-admin-routes.tsx');
const inventorySync = () => import('./routes/inventory-sync-routes.tsx');
const handledElsewhere = () => import('./routes/handled-elsewhere-route.tsx');
const operatorAccounts = () => import('./routes/operator-accounts-routes.tsx');
const statements = () => import('./routes/statements-routes.tsx');
const integrations = () => import('./routes/integrations-routes.tsx');

export function createRouter(queryClient: QueryClient) {
  // The change form starts from the contracts: asked for alongside the session and the chunk.
  const changeForm = {
    lazy: page(
      () => import('./routes/change-form-route.tsx'),
      (module) => module.default,
    ),
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
            { path: '/connexion', element: <LoginPage /> },
            {
              path: '/invitation/:token',
              lazy: page(
                () => import('../features/invitation/invitation-page.tsx'),
                (module) => module.InvitationPage,
              ),
            },
          ],
        },
        {
          path: '/back-office',
          element: <BackOfficeLayout />,
          children: [
            { index: true, lazy: page(backOffice, (module) => module.BackOfficeHomeRoute) },
            {
              path: 'demandes/:id',
              lazy: page(backOffice, (module) => module.BackOfficeRequestRoute),
            },
            { path: 'boite-d-envoi', lazy: page(backOffice, (module) => module.OutboxRoute) },
            {
              path: 'releves',
              lazy: page(statements, (module) => module.BackOfficeStatementsRoute),
            },
            {
              path: 'releves/:contractId/:month',
              lazy: page(statements, (module) => module.BackOfficeStatementRoute),
            },
            { path: 'catalogues', lazy: page(catalogAdmin, (module) => module.CatalogsRoute) },
            {
              path: 'catalogues/nouveau',
              lazy: page(catalogAdmin, (module) => module.CatalogRoute),
            },
            {
              path: 'catalogues/importer',
              lazy: page(catalogAdmin, (module) => module.CatalogImportRoute),
            },
            {
              path: 'catalogues/articles/:id',
              lazy: page(catalogAdmin, (module) => module.ArticleEditorRoute),
            },
            { path: 'catalogues/:id', lazy: page(catalogAdmin, (module) => module.CatalogRoute) },
            {
              path: 'operateurs',
              lazy: page(operatorAccounts, (module) => module.OperatorsRoute),
            },
            {
              path: 'jetons-api',
              lazy: page(operatorAccounts, (module) => module.OperatorTokensRoute),
            },
            { path: 'clients', lazy: page(providerAdmin, (module) => module.CustomersRoute) },
            {
              path: 'clients/nouveau',
              lazy: page(providerAdmin, (module) => module.NewCustomerRoute),
            },
            { path: 'clients/:id', lazy: page(providerAdmin, (module) => module.CustomerRoute) },
            {
              path: 'clients/:id/contrats/nouveau',
              lazy: page(providerAdmin, (module) => module.NewContractRoute),
            },
            {
              path: 'contrats/:contractId',
              lazy: page(providerAdmin, (module) => module.ContractRoute),
            },
            { path: 'parc', lazy: page(inventorySync, (module) => module.InventorySyncRoute) },
            {
              path: 'parc/synchronisations/:id',
              lazy: page(inventorySync, (module) => module.SyncRunRoute),
            },
            {
              path: 'comptes-de-service',
              lazy: page(integrations, (module) => module.BackOfficeServiceAccountsRoute),
            },
            {
              path: 'webhooks',
              lazy: page(integrations, (module) => module.BackOfficeWebhooksRoute),
            },
            {
              path: 'webhooks/:id',
              lazy: page(integrations, (module) => module.BackOfficeWebhookRoute),
            },
            { path: '*', lazy: page(backOffice, (module) => module.BackOfficeNotFoundRoute) },
          ],
        },
        {
          element: <AppLayout />,
          children: [
            { path: '/', element: <Navigate to="/demandes" replace /> },
            { path: '/demandes', element: <RequestsPage /> },
            {
              path: '/demandes/nouvelle',
              lazy: page(
                () => import('./routes/new-request-route.tsx'),
                (module) => module.default,
              ),
            },
            { path: '/demandes/nouvelle/changement', ...changeForm },
            {
              path: '/demandes/nouvelle/incident',
              lazy: page(handledElsewhere, (module) => module.IncidentRoute),
            },
            {
              path: '/demandes/nouvelle/commande',
              lazy: page(handledElsewhere, (module) => module.OrderRoute),
            },
            {
              path: '/demandes/:id',
              lazy: page(
                () => import('./routes/request-detail-route.tsx'),
                (module) => module.default,
              ),
            },
            { path: '/demandes/:id/modifier', ...changeForm },
            {
              path: '/utilisateurs',
              lazy: page(
                () => import('../features/users/users-page.tsx'),
                (module) => module.UsersPage,
              ),
            },
            {
              path: '/utilisateurs/nouveau',
              lazy: page(
                () => import('../features/users/add-user-page.tsx'),
                (module) => module.AddUserPage,
              ),
            },
            {
              path: '/utilisateurs/:id',
              lazy: page(
                () => import('../features/users/user-access-page.tsx'),
                (module) => module.UserAccessPage,
              ),
            },
            {
              path: '/mon-compte',
              lazy: page(
                () => import('../features/account/account-page.tsx'),
                (module) => module.AccountPage,
              ),
            },
            {
              path: '/mon-compte/jetons-api',
              lazy: page(
                () => import('../features/api-tokens/api-tokens-page.tsx'),
                (module) => module.ApiTokensPage,
              ),
            },
            {
              path: '/releves',
              lazy: page(statements, (module) => module.StatementsRoute),
            },
            {
              path: '/integrations',
              lazy: page(integrations, (module) => module.IntegrationsRoute),
            },
            {
              path: '/integrations/comptes-de-service',
              lazy: page(integrations, (module) => module.CustomerServiceAccountsRoute),
            },
            {
              path: '/integrations/webhooks',
              lazy: page(integrations, (module) => module.CustomerWebhooksRoute),
            },
            {
              path: '/integrations/webhooks/:id',
              lazy: page(integrations, (module) => module.CustomerWebhookRoute),
            },
            { path: '/acces-refuse', element: <ForbiddenPage /> },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
