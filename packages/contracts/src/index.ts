export * from './common.ts';
export * from './session.ts';
export * from './catalog.ts';
export * from './requests.ts';
