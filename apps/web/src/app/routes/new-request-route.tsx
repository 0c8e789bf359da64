import { NewRequestPage } from '../../features/change-requests/new-request-page.tsx';

export default function NewRequestRoute() {
  return <NewRequestPage />;
}
