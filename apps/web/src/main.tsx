import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { createQueryClient } from './app/query-client.ts';
import { createRouter } from './app/router.tsx';
import { initI18n } from './lib/i18n/index.ts';
import './app/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The language's words, the session, the contracts and the page's chunk are asked for at once:
// the router starts its loaders and lazy routes as it is created, while i18next loads the first
// paint's chunk (decision 0038); React renders once the words are there.
const words = initI18n();
const queryClient = createQueryClient();
const router = createRouter(queryClient);

void words
  .catch((error: unknown) => console.error('The interface words could not be loaded', error))
  .then(() =>
    createRoot(root).render(
      <StrictMode>
        <App queryClient={queryClient} router={router} />
      </StrictMode>,
    ),
  );
