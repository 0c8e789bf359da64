export * from './errors.ts';
export * from './lifecycle.ts';
export * from './billing.ts';
export * from './access.ts';
export * from './request-number.ts';
export * from './form.ts';
