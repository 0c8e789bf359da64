import { z } from 'zod';
import { conditionOps } from '@guichet/domain';
import type {
  Condition,
  FormChange,
  FormDefinition,
  FormRule,
  RowsField,
  ScalarField,
} from '@guichet/domain';

/**
 * The form definition format (docs/forms.md) as it crosses a boundary where it is authored:
 * the back-office editor and catalog files. The shape is checked here; what makes a form
 * unusable (unknown fields in conditions, bad patterns, unreachable fields…) is the domain
 * linter's (`lintForm`).
 */
const Key = z.string().max(64);
export const FormText = z.object({ fr: z.string().max(500), en: z.string().max(500) }).strict();
const LongText = z.object({ fr: z.string().max(2000), en: z.string().max(2000) }).strict();
const ScalarValueSchema = z.union([z.string().max(500), z.number(), z.boolean()]);

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ op: z.enum(['filled', 'empty']), field: Key }).strict(),
    z
      .object({ op: z.enum(['equals', 'notEquals']), field: Key, value: ScalarValueSchema })
      .strict(),
    z
      .object({ op: z.literal('in'), field: Key, values: z.array(ScalarValueSchema).max(100) })
      .strict(),
    z.object({ op: z.literal('includes'), field: Key, value: z.string().max(500) }).strict(),
    z.object({ op: z.enum(['gt', 'gte', 'lt', 'lte']), field: Key, value: z.number() }).strict(),
    z.object({ op: z.enum(['all', 'any']), conditions: z.array(ConditionSchema).max(20) }).strict(),
  ]),
);
export const ConditionOp = z.enum(conditionOps);

const base = {
  key: Key,
  label: FormText,
  help: LongText.optional(),
  required: z.boolean().optional(),
  requiredWhen: ConditionSchema.optional(),
  visibleWhen: ConditionSchema.optional(),
};
const prefilled = { prefill: z.string().max(200).optional(), readOnly: z.boolean().optional() };
const Option = z.object({ value: z.string().max(100), label: FormText }).strict();
const count = z.number().int().min(0).max(10_000);

const TextFieldSchema = z
  .object({
    ...base,
    ...prefilled,
    kind: z.literal('text'),
    multiline: z.boolean().optional(),
    minLength: count.optional(),
    maxLength: count.optional(),
    pattern: z.string().max(500).optional(),
    default: z.string().max(4000).optional(),
  })
  .strict();
const numberField = {
  ...base,
  ...prefilled,
  min: z.number().optional(),
  max: z.number().optional(),
  step: z.number().optional(),
  default: z.number().optional(),
};
const IntegerFieldSchema = z.object({ ...numberField, kind: z.literal('integer') }).strict();
const DecimalFieldSchema = z.object({ ...numberField, kind: z.literal('decimal') }).strict();
const ChoiceFieldSchema = z
  .object({
    ...base,
    kind: z.literal('choice'),
    options: z.array(Option).max(200),
    default: z.string().max(100).optional(),
  })
  .strict();
const MultiChoiceFieldSchema = z
  .object({
    ...base,
    kind: z.literal('multichoice'),
    options: z.array(Option).max(200),
    minItems: count.optional(),
    maxItems: count.optional(),
    default: z.array(z.string().max(100)).max(200).optional(),
  })
  .strict();
const BooleanFieldSchema = z
  .object({ ...base, kind: z.literal('boolean'), default: z.boolean().optional() })
  .strict();
const DateFieldSchema = z.object({ ...base, kind: z.literal('date') }).strict();

export const ScalarFieldSchema: z.ZodType<ScalarField> = z.discriminatedUnion('kind', [
  TextFieldSchema,
  IntegerFieldSchema,
  DecimalFieldSchema,
  ChoiceFieldSchema,
  MultiChoiceFieldSchema,
  BooleanFieldSchema,
  DateFieldSchema,
]);
const RowsFieldSchema: z.ZodType<RowsField> = z
  .object({
    ...base,
    kind: z.literal('rows'),
    fields: z.array(ScalarFieldSchema).max(30),
    minRows: count.optional(),
    maxRows: count.optional(),
    distinct: z.array(Key).max(30).optional(),
  })
  .strict();

export const FieldSchema = z.union([ScalarFieldSchema, RowsFieldSchema]);

export const FormRuleSchema: z.ZodType<FormRule> = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('compare'),
      field: z.string().max(130),
      op: z.enum(['gt', 'gte', 'lt', 'lte']),
      than: z.union([
        z.object({ field: Key }).strict(),
        z.object({ asset: z.string().max(200) }).strict(),
        z.object({ value: z.number() }).strict(),
      ]),
      message: FormText,
    })
    .strict(),
  z
    .object({
      kind: z.literal('futureDate'),
      field: z.string().max(130),
      minDays: z.number().int().min(0).max(3650).optional(),
      message: FormText,
    })
    .strict(),
]);

export const FormDefinitionInput: z.ZodType<FormDefinition> = z
  .object({
    fields: z.array(FieldSchema).max(100),
    rules: z.array(FormRuleSchema).max(100).optional(),
  })
  .strict()
  .meta({ id: 'FormDefinitionInput', description: 'A change-article form (docs/forms.md)' });

/** What changed for a draft moved to a newer version of its article's form. */
export const FormChangeView: z.ZodType<FormChange> = z.object({
  kind: z.enum(['added', 'removed', 'dropped', 'toReview', 'nowRequired', 'relabelled']),
  path: z.string(),
  label: FormText,
  previous: z.unknown().optional(),
  previousText: FormText.optional(),
  previousLabel: FormText.optional(),
  isRequired: z.boolean().optional(),
});

/** Set on a draft started on an older version of its article, now shown with the current one. */
export const FormChanges = z.object({
  fromVersion: z.number().int(),
  toVersion: z.number().int(),
  changes: z.array(FormChangeView),
});
export type FormChanges = z.infer<typeof FormChanges>;
