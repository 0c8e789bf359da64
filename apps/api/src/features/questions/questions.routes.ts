import {
  AnswerQuestionBody,
  AskQuestionBody,
  BackOfficeRequestDetail,
  IdParams,
  QuestionParams,
  RequestDetail,
  RequestQuestions,
} from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './questions.service.ts';

/** Questions back to the customer (decision 0035): the agent's side and the customer's. */
export const questionsRoutes = routesPlugin({ tags: ['requests'] }, ({ deps, config }) => [
  route('POST /api/back-office/requests/:id/questions', {
    summary:
      '« Demander des précisions »: ask the customer a question → En attente de votre réponse (from En cours d’analyse or Devis en préparation; 409 invalid_transition otherwise)',
    params: IdParams,
    body: AskQuestionBody,
    ok: BackOfficeRequestDetail,
    status: 201,
    handle: ({ auth, params, body }) =>
      service.ask(deps, auth, params.id, body, config.questionsCancelAfterDays),
  }),
  route('GET /api/back-office/requests/:id/questions', {
    summary: 'The questions asked on a request, their answers and what each answer changed',
    params: IdParams,
    ok: RequestQuestions,
    handle: ({ auth, params }) => service.operatorQuestions(deps, auth, params.id),
  }),
  route('GET /api/requests/:id/questions', {
    summary:
      'The agents’ questions on a request, their answers and what each answer changed, and whether the caller may answer',
    params: IdParams,
    ok: RequestQuestions,
    handle: ({ auth, params }) => service.customerQuestions(deps, auth, params.id),
  }),
  route('POST /api/requests/:id/questions/:questionId/answer', {
    summary:
      'Answer the open question, with the request’s values again if some change (checked against the same article version) → back to En cours d’analyse or Devis en préparation (Gestionnaire)',
    params: QuestionParams,
    body: AnswerQuestionBody,
    ok: RequestDetail,
    handle: ({ auth, params, body }) =>
      service.answer(deps, auth, params.id, params.questionId, body),
  }),
]);
