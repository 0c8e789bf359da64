import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { multipleOfPrecision, validateForm } from '@guichet/domain';
import type {
  ErrorDetail,
  FormDefinition,
  FormValues,
  Locale,
  ValidationContext,
} from '@guichet/domain';

// The domain engine judges `multipleOf` (a field's step) with the same precision.
const ajv = new Ajv2020({ allErrors: true, strict: true, multipleOfPrecision });
(addFormats as unknown as (instance: Ajv2020) => void)(ajv);

// Published versions never change, so a compiled validator is valid for the process's life.
const compiled = new Map<string, ValidateFunction>();

function validatorFor(versionId: string, schema: Record<string, unknown>): ValidateFunction {
  let validate = compiled.get(versionId);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(versionId, validate);
  }
  return validate;
}

function pathOf(error: ErrorObject): string {
  const base = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const leaf = params.missingProperty ?? params.additionalProperty;
  const path = leaf === undefined ? base : base === '' ? leaf : `${base}.${leaf}`;
  return path === '' ? 'values' : `values.${path}`;
}

/**
 * Validates the answers of an article version, once normalised (`normalizeValues`: hidden
 * answers dropped): Ajv against the version's stored JSON Schema is the authority on each
 * field; the domain engine adds conditional requiredness and the cross-field rules, and
 * gives the messages in the user's language.
 */
export function formErrors(
  version: { id: string; jsonSchema: Record<string, unknown>; form: FormDefinition },
  values: FormValues,
  attributes: Record<string, unknown>,
  locale: Locale,
  context: ValidationContext = {},
): ErrorDetail[] {
  const validate = validatorFor(version.id, version.jsonSchema);
  const engine = validateForm(version.form, values, attributes, locale, context);
  const byPath = new Map(engine.map((error) => [error.path, error]));
  const errors = new Map<string, ErrorDetail>();
  // The engine's error on a field says it all: Ajv's on the items of that field (a multiple
  // choice's second answer) would put a message where no input is.
  const isInsideEngineError = (path: string) =>
    engine.some((error) => path.startsWith(`${error.path}.`));
  if (!validate(values)) {
    for (const error of validate.errors ?? []) {
      const path = pathOf(error);
      if (errors.has(path) || isInsideEngineError(path)) continue;
      errors.set(
        path,
        byPath.get(path) ?? { path, rule: error.keyword, message: error.message ?? 'invalid' },
      );
    }
  }
  for (const error of engine) {
    if (!errors.has(error.path)) errors.set(error.path, error);
  }
  return [...errors.values()];
}
