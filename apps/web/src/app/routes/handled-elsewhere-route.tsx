import { HandledElsewherePage } from '../../features/change-requests/handled-elsewhere-page.tsx';

export function IncidentRoute() {
  return <HandledElsewherePage requestType="incident" />;
}

export function OrderRoute() {
  return <HandledElsewherePage requestType="order" />;
}
