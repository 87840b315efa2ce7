// Jest transform: esbuild turns TypeScript (and ESM-only libraries such as kysely) into
// CommonJS. It only transpiles; `npm run typecheck` (tsc) does the type checking.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node22',
      sourcemap: 'external',
      sourcefile: filename,
    });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return require('node:crypto').createHash('sha1').update(filename).update(source).update('v1').digest('hex');
  },
};
