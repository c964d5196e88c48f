import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's own folder (roadmaps and commands ship there). Its own module so naming it loads nothing else. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
