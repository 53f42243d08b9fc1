import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dev-dist/',
      '.tmp/',
      'test-results/',
      'node_modules/',
      'models/.cache/',
      'src/shared/dsp/eq-kernel.wasm.ts',
      'wasm/**/*.as.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // shared/ runs in the page, workers, the worklet and Node: keep platform APIs out of it.
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'react',
            'react-dom',
            'idb',
            'onnxruntime-*',
            'comlink',
            'wavesurfer.js',
            '**/app/**',
            '**/audio/**',
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'AudioContext',
        'OfflineAudioContext',
        'navigator',
      ],
    },
  },
  {
    // The song session, the batch and the feedback session are product rules in plain TypeScript, tested in
    // Node: platform work reaches them only through the ports they are given.
    files: [
      'src/session/**/*.ts',
      'src/batch/**/*.ts',
      'src/presets/**/*.ts',
      'src/feedback/feedback-session.ts',
    ],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['react', 'react-dom', 'idb', 'comlink', 'wavesurfer.js', '**/app/**', '**/audio/**'] },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'AudioContext', 'OfflineAudioContext'],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['scripts/**/*.mjs', 'wasm/**/*.mjs', 'models/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
);
