/**
 * The requests feature's use cases, one file per seam (decision 0021): what customers read,
 * their drafts, the confirmation, and what confirming would do (preview, dry run). Routes
 * and other features call them through this module.
 */
export { createRequest } from './request-confirmation.service.ts';
export { confirmDraft, deleteDraft, updateDraft } from './request-drafts.service.ts';
export { dryRun, preview } from './request-preview.service.ts';
export { getRequest, listRequests, openRequestsOnAsset } from './request-views.service.ts';
