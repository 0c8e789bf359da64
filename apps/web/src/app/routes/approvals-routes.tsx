import { ApprovalLinkPage } from '../../features/follow-up/approval-link-page.tsx';
import { PendingApprovalsPage } from '../../features/follow-up/pending-approvals-page.tsx';

/** Approvals on the customer's side (decision 0034): « À approuver » and the mails' links. */
export const PendingApprovalsRoute = PendingApprovalsPage;
export const ApprovalLinkRoute = ApprovalLinkPage;
