import {
  ArticleDueTargetsBody,
  ArticleIdParams,
  DueTargetsBody,
  DueTargetsSettings,
  SupportLevelParams,
} from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './due-dates.service.ts';

/**
 * The due-date targets (`/api/back-office/due-date-targets`, decision 0036): provider
 * admins (`manage_customers`) only; anyone else is refused with 403.
 */
export const dueDatesRoutes = routesPlugin({ tags: ['due dates'] }, ({ deps }) => [
  route('GET /api/back-office/due-date-targets', {
    summary:
      'The targets of each support level and the articles’ overrides (business minutes: take charge, carry out)',
    ok: DueTargetsSettings,
    handle: ({ auth }) => service.getSettings(deps, auth),
  }),
  route('PUT /api/back-office/due-date-targets/levels/:level', {
    summary: 'Set a support level’s targets (requests already with the provider keep theirs)',
    params: SupportLevelParams,
    body: DueTargetsBody,
    ok: DueTargetsSettings,
    handle: ({ auth, params, body }) => service.saveLevel(deps, auth, params.level, body),
  }),
  route('PUT /api/back-office/due-date-targets/articles/:articleId', {
    summary:
      'Set an article’s own targets; a null one is its support level’s, both null remove the override',
    params: ArticleIdParams,
    body: ArticleDueTargetsBody,
    ok: DueTargetsSettings,
    handle: ({ auth, params, body }) => service.saveArticle(deps, auth, params.articleId, body),
  }),
]);
