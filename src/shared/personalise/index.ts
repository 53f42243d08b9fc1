export * from './personalise.ts';
