/**
 * Every command group of the `maillage` tool, one line each (the export name is free, the group's
 * `name` is what users type; help lists groups alphabetically). To add a group: create
 * `commands/<group>.ts` with `export default defineGroup({...})`, then add its line here.
 */
export { default as db } from './db';
export { backup, restore } from './backup';
export { default as users } from './users';
