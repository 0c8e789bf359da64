import { fieldStatesOf, pruneHidden } from '@guichet/domain';
import type { Field, FieldState, FormValues, RowsField, ScalarField } from '@guichet/domain';
import type { ArticleFieldsProps } from '../../lib/article-form-slots.ts';
import './dynamic-form.css';
import { RowsFieldView } from './rows-field-view.tsx';
import { ScalarFieldView } from './scalar-field-view.tsx';

function FieldView({
  state,
  visibleValues,
  ...props
}: Omit<ArticleFieldsProps, 'form'> & { state: FieldState; visibleValues: FormValues }) {
  const path = `values.${state.field.key}`;
  if (state.field.kind === 'rows') {
    return (
      <RowsFieldView
        state={state as FieldState<RowsField>}
        path={path}
        visibleValues={visibleValues}
        {...props}
      />
    );
  }
  return (
    <ScalarFieldView
      state={state as FieldState<ScalarField>}
      path={path}
      {...props}
      onChange={(values) => props.onChange(values, path)}
    />
  );
}

/**
 * The article's own fields, rendered from its form definition (data, versioned with the
 * article). The domain engine decides, as the user types, which fields show and which are
 * required; hidden fields keep nothing that is sent.
 */
export function DynamicForm({ form, ...props }: ArticleFieldsProps) {
  const states: FieldState<Field>[] = fieldStatesOf(form.fields, props.values).filter(
    (state) => state.isVisible,
  );
  const visibleValues = pruneHidden(form, props.values);
  return (
    <div className="dynamic-form">
      {states.map((state) => (
        <FieldView key={state.field.key} state={state} visibleValues={visibleValues} {...props} />
      ))}
    </div>
  );
}
