import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from '../features/auth/login-page.tsx';
import { RequestsPage } from '../features/change-requests/requests-page.tsx';
import { Loading } from '../components/ui/loading.tsx';
import { AppLayout, PublicLayout } from './app-layout.tsx';
import { BackOfficeLayout } from './back-office-layout.tsx';
import { ForbiddenPage } from './forbidden-page.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { RouteError } from './route-error.tsx';

// Login and the list load with the first page; the rest comes when first visited.
const ChangeFormRoute = lazy(() => import('./routes/change-form-route.tsx'));
const RequestDetailRoute = lazy(() => import('./routes/request-detail-route.tsx'));
const NewRequestRoute = lazy(() => import('./routes/new-request-route.tsx'));
const IncidentRoute = lazy(() =>
  import('./routes/handled-elsewhere-route.tsx').then((module) => ({
    default: module.IncidentRoute,
  })),
);
const OrderRoute = lazy(() =>
  import('./routes/handled-elsewhere-route.tsx').then((module) => ({ default: module.OrderRoute })),
);
// The operators' back-office: a bundle of its own, never loaded by customers.
const BackOfficeHomeRoute = lazy(() =>
  import('./routes/back-office-routes.tsx').then((module) => ({
    default: module.BackOfficeHomeRoute,
  })),
);
const BackOfficeRequestRoute = lazy(() =>
  import('./routes/back-office-routes.tsx').then((module) => ({
    default: module.BackOfficeRequestRoute,
  })),
);
const OutboxRoute = lazy(() =>
  import('./routes/back-office-routes.tsx').then((module) => ({ default: module.OutboxRoute })),
);
const BackOfficeNotFoundRoute = lazy(() =>
  import('./routes/back-office-routes.tsx').then((module) => ({
    default: module.BackOfficeNotFoundRoute,
  })),
);
// Catalog authoring (issue 5): a bundle of its own, for catalog managers.
const CatalogsRoute = lazy(() =>
  import('./routes/catalog-admin-routes.tsx').then((module) => ({
    default: module.CatalogsRoute,
  })),
);
const CatalogRoute = lazy(() =>
  import('./routes/catalog-admin-routes.tsx').then((module) => ({ default: module.CatalogRoute })),
);
const CatalogImportRoute = lazy(() =>
  import('./routes/catalog-admin-routes.tsx').then((module) => ({
    default: module.CatalogImportRoute,
  })),
);
const ArticleEditorRoute = lazy(() =>
  import('./routes/catalog-admin-routes.tsx').then((module) => ({
    default: module.ArticleEditorRoute,
  })),
);
// Users, rights and « Mon compte » (issue 3).
const UsersRoute = lazy(() =>
  import('../features/users/users-page.tsx').then((module) => ({ default: module.UsersPage })),
);
const AddUserRoute = lazy(() =>
  import('../features/users/add-user-page.tsx').then((module) => ({
    default: module.AddUserPage,
  })),
);
const UserAccessRoute = lazy(() =>
  import('../features/users/user-access-page.tsx').then((module) => ({
    default: module.UserAccessPage,
  })),
);
const AccountRoute = lazy(() =>
  import('../features/account/account-page.tsx').then((module) => ({
    default: module.AccountPage,
  })),
);
const ApiTokensRoute = lazy(() =>
  import('../features/api-tokens/api-tokens-page.tsx').then((module) => ({
    default: module.ApiTokensPage,
  })),
);
const InvitationRoute = lazy(() =>
  import('../features/invitation/invitation-page.tsx').then((module) => ({
    default: module.InvitationPage,
  })),
);

export function createRouter() {
  return createBrowserRouter([
    {
      errorElement: <RouteError />,
      children: [
        {
          element: <PublicLayout />,
          children: [
            { path: '/connexion', element: <LoginPage /> },
            {
              path: '/invitation/:token',
              element: (
                <Suspense fallback={<Loading />}>
                  <InvitationRoute />
                </Suspense>
              ),
            },
          ],
        },
        {
          path: '/back-office',
          element: <BackOfficeLayout />,
          children: [
            { index: true, element: <BackOfficeHomeRoute /> },
            { path: 'demandes/:id', element: <BackOfficeRequestRoute /> },
            { path: 'boite-d-envoi', element: <OutboxRoute /> },
            { path: 'catalogues', element: <CatalogsRoute /> },
            { path: 'catalogues/nouveau', element: <CatalogRoute /> },
            { path: 'catalogues/importer', element: <CatalogImportRoute /> },
            { path: 'catalogues/articles/:id', element: <ArticleEditorRoute /> },
            { path: 'catalogues/:id', element: <CatalogRoute /> },
            { path: '*', element: <BackOfficeNotFoundRoute /> },
          ],
        },
        {
          element: <AppLayout />,
          children: [
            { path: '/', element: <Navigate to="/demandes" replace /> },
            { path: '/demandes', element: <RequestsPage /> },
            { path: '/demandes/nouvelle', element: <NewRequestRoute /> },
            { path: '/demandes/nouvelle/changement', element: <ChangeFormRoute /> },
            { path: '/demandes/nouvelle/incident', element: <IncidentRoute /> },
            { path: '/demandes/nouvelle/commande', element: <OrderRoute /> },
            { path: '/demandes/:id', element: <RequestDetailRoute /> },
            { path: '/demandes/:id/modifier', element: <ChangeFormRoute /> },
            { path: '/utilisateurs', element: <UsersRoute /> },
            { path: '/utilisateurs/nouveau', element: <AddUserRoute /> },
            { path: '/utilisateurs/:id', element: <UserAccessRoute /> },
            { path: '/mon-compte', element: <AccountRoute /> },
            { path: '/mon-compte/jetons-api', element: <ApiTokensRoute /> },
            { path: '/acces-refuse', element: <ForbiddenPage /> },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
