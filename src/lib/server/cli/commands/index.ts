/**
 * Every command group of the `maillage` tool, one line each (the export name is free, the group's
 * `name` is what users type; help lists groups alphabetically). To add a group: create
 * `commands/<group>.ts` with `export default defineGroup({...})`, then add its line here.
 */
export { default as db } from './db';
export { backup, restore } from './backup';
export { default as users } from './users';
export { default as analyze } from './analyze';
export { default as importData } from './import';
export { default as fetchData } from './fetch';
export { default as plan } from './plan';
export { default as funding } from './funding';
export { default as exportData } from './export';
export { default as territory } from './territory';
export { default as routes } from './routes';
