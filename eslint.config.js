// Lint is part of `npm test`: the rules below catch real bugs (floating
// promises, unused code) rather than style, which the formatter owns.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layers from './eslint-layers.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.pathwise/', 'bin/', 'scripts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use a seeded generator passed in (src/core/random.ts).' },
      ],
    },
  },
  {
    // Only the config module reads the environment; everything else is handed its settings.
    files: ['src/**/*.ts', 'commands/**/*.ts'],
    ignores: ['src/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in src/config.ts and pass it in.' },
        { object: 'Math', property: 'random', message: 'Use a seeded generator passed in (src/core/random.ts).' },
      ],
    },
  },
  {
    // Layers (STYLE.md): core is pure; only adapters import platform SDKs;
    // only engines import mongoose, bullmq, ioredis; app never imports cli.
    files: ['src/**/*.ts'],
    plugins: { pathwise: layers },
    rules: { 'pathwise/layers': 'error' },
  },
  {
    files: ['eslint.config.js', 'eslint-layers.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
