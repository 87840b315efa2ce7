/** Reply templates (fr, en), reply subjects and auto-reply headers. Framework-free. */
export * from './types';
export * from './render';
export * from './subject';
export * from './headers';
export * from './compose';
export * from './balance';
export { EN as TEMPLATES_EN } from './catalog-en';
export { FR as TEMPLATES_FR } from './catalog-fr';
export * from './statement-mail';
