import picomatch from 'picomatch';
import type { Guard } from '../types.js';

/** Written by the pipeline itself when the migration declares package changes. */
const PACKAGE_FILES = /(?:^|\/)(?:package\.json|package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock)$/;

export const outsideScope: Guard = {
  name: 'outside-scope',
  description: "Files changed outside the migration's scope globs.",
  check({ changedFiles, migration }) {
    const { include, exclude } = migration.scope;
    const inc = picomatch(include.length ? include : ['**/*'], { dot: true });
    const exc = picomatch(exclude.length ? exclude : ['\0none'], { dot: true });
    const p = migration.packages;
    const declaresPackages = p.remove.length + Object.keys(p.add).length + Object.keys(p.addDev).length + Object.keys(p.upgrade).length > 0;
    return changedFiles
      .filter((f) => !(declaresPackages && PACKAGE_FILES.test(f.path)))
      .filter((f) => !inc(f.path) || exc(f.path))
      .map((f) => ({ guard: 'outside-scope', severity: 'block' as const, message: `${f.path} is outside the migration's scope`, file: f.path }));
  },
};
