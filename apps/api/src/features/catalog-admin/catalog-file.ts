import { parseDocument, stringify } from 'yaml';
import { DomainError, lintForm, ruleDetail } from '@guichet/domain';
import type { ErrorDetail, Locale } from '@guichet/domain';
import { CatalogFile } from '@guichet/contracts';
import type { ArticleFileEntry, CatalogFileEntry } from '@guichet/contracts';
import { zodIssueRule } from '../../http/errors.ts';
import type { ZodIssueLike } from '../../http/errors.ts';

/**
 * Catalogs as code: a YAML file of catalogs, categories and articles (docs/forms.md). The
 * same reader checks a file imported in the back-office and the demo catalogs of the seed.
 */

const header = `# Guichet change catalogs (docs/forms.md): catalogs in order, each with its categories
# and articles; an article is its names, help, billing mode, price in tokens, execution
# (manual when left out, or automatic by an executor) and form.
`;

/** The order keys are written in, so that files read well and diffs stay small. */
const keyOrder = [
  'code',
  'key',
  'kind',
  'op',
  'field',
  'value',
  'values',
  'name',
  'label',
  'help',
  'message',
  'conditions',
  'than',
  'minDays',
  'assetTypes',
  'offers',
  'contractIds',
  'billingMode',
  'priceTokens',
  'mode',
  'executor',
  'timeLimitMinutes',
  'execution',
  'required',
  'requiredWhen',
  'visibleWhen',
  'multiline',
  'minLength',
  'maxLength',
  'pattern',
  'min',
  'max',
  'step',
  'minItems',
  'maxItems',
  'minRows',
  'maxRows',
  'distinct',
  'prefill',
  'readOnly',
  'default',
  'options',
  'fields',
  'rules',
  'form',
  'categories',
  'articles',
  'fr',
  'en',
];
const rank = new Map(keyOrder.map((key, index) => [key, index]));
/** Lists of the file's structure that default to empty (a form's lists are written as they are). */
const optionalLists = new Set(['offers', 'contractIds', 'categories', 'articles']);

function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([key, inner]) =>
      inner !== undefined &&
      !(optionalLists.has(key) && Array.isArray(inner) && inner.length === 0),
  );
  entries.sort(([left], [right]) => {
    const byRank = (rank.get(left) ?? keyOrder.length) - (rank.get(right) ?? keyOrder.length);
    return byRank !== 0 ? byRank : left < right ? -1 : left > right ? 1 : 0;
  });
  return Object.fromEntries(entries.map(([key, inner]) => [key, ordered(inner)]));
}

/** The file's text: keys in a stable order, empty catalog lists left out (the default). */
export function catalogFileToYaml(file: CatalogFile): string {
  const body = ordered(file) as Record<string, unknown>;
  return `${header}${stringify({ catalogs: body['catalogs'] ?? [] }, { lineWidth: 100 })}`;
}

function say(locale: Locale, fr: string, en: string): string {
  return locale === 'fr' ? fr : en;
}

function duplicates(codes: readonly string[]): number[] {
  const seen = new Set<string>();
  return codes.flatMap((code, index) => {
    if (seen.has(code)) return [index];
    seen.add(code);
    return [];
  });
}

/** Every article of a catalog with its path in the file (`catalogs.0.categories.1.articles.0`). */
export function articlePaths(
  catalog: CatalogFileEntry,
  prefix: string,
): { article: ArticleFileEntry; path: string }[] {
  return [
    ...catalog.categories.flatMap((category, categoryIndex) =>
      category.articles.map((article, index) => ({
        article,
        path: `${prefix}.categories.${categoryIndex}.articles.${index}`,
      })),
    ),
    ...catalog.articles.map((article, index) => ({
      article,
      path: `${prefix}.articles.${index}`,
    })),
  ];
}

/** Every problem of the file's contents beyond its shape: duplicate codes, forms that fail the linter. */
function contentProblems(file: CatalogFile, locale: Locale): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const duplicate = (path: string) => problems.push(ruleDetail(path, 'duplicate_code', {}, locale));
  for (const index of duplicates(file.catalogs.map((catalog) => catalog.code))) {
    duplicate(`catalogs.${index}.code`);
  }
  file.catalogs.forEach((catalog, catalogIndex) => {
    const prefix = `catalogs.${catalogIndex}`;
    for (const index of duplicates(catalog.categories.map((category) => category.code))) {
      duplicate(`${prefix}.categories.${index}.code`);
    }
    const articles = articlePaths(catalog, prefix);
    for (const index of duplicates(articles.map((entry) => entry.article.code))) {
      duplicate(`${articles[index]?.path ?? prefix}.code`);
    }
    for (const { article, path } of articles) {
      for (const issue of lintForm(article.form, locale)) {
        problems.push({ ...issue, path: `${path}.form.${issue.path}` });
      }
    }
  });
  return problems;
}

/**
 * Reads a catalogs file: YAML, then the shape (`CatalogFile`), then the contents (unique
 * codes, forms the linter accepts). Refused as a whole with every problem at its path
 * (`catalogs.0.categories.1.articles.0.form.fields.2.pattern`), or with the YAML's line.
 */
export function parseCatalogFile(text: string, locale: Locale = 'en'): CatalogFile {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new DomainError(
      'validation_failed',
      say(locale, 'Ce fichier n’est pas du YAML valide', 'This file is not valid YAML'),
      document.errors.slice(0, 10).map((error) => ({
        path: 'yaml',
        rule: 'yaml',
        message: `${error.linePos ? `${say(locale, 'ligne', 'line')} ${error.linePos[0].line}: ` : ''}${error.message}`,
      })),
    );
  }
  const parsed = CatalogFile.safeParse(document.toJS());
  if (!parsed.success) {
    throw new DomainError(
      'validation_failed',
      say(
        locale,
        'Ce fichier ne décrit pas des catalogues',
        'This file does not describe catalogs',
      ),
      parsed.error.issues.slice(0, 50).map((issue) => {
        const { rule, params } = zodIssueRule(issue as unknown as ZodIssueLike);
        return ruleDetail(issue.path.map(String).join('.') || 'catalogs', rule, params, locale);
      }),
    );
  }
  const problems = contentProblems(parsed.data, locale);
  if (problems.length > 0) {
    throw new DomainError(
      'validation_failed',
      say(locale, 'Ce fichier ne peut pas être importé', 'This file cannot be imported'),
      problems,
    );
  }
  return parsed.data;
}

/** Every article of a catalog with where it is: its category's code (null: no category) and rank. */
export function articlesOf(
  catalog: CatalogFileEntry,
): { article: ArticleFileEntry; category: string | null; position: number }[] {
  return [
    ...catalog.categories.flatMap((category) =>
      category.articles.map((article, position) => ({
        article,
        category: category.code,
        position,
      })),
    ),
    ...catalog.articles.map((article, position) => ({ article, category: null, position })),
  ];
}
