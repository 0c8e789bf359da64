import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from '../features/auth/login-page.tsx';
import { RequestsPage } from '../features/change-requests/requests-page.tsx';
import { AppLayout, PublicLayout } from './app-layout.tsx';
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

export function createRouter() {
  return createBrowserRouter([
    {
      errorElement: <RouteError />,
      children: [
        {
          element: <PublicLayout />,
          children: [{ path: '/connexion', element: <LoginPage /> }],
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
            { path: '/acces-refuse', element: <ForbiddenPage /> },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
