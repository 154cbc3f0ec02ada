// ESLint for the web app: JavaScript's and typescript-eslint's recommended rules (bugs, not
// layout: prettier owns the layout) and eslint-plugin-svelte's for the components.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

export default ts.config(
  { ignores: ['src/lib/api-types.ts', 'dist/', 'node_modules/', 'public/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Flags every Map, Set or URLSearchParams, also the local working values that are never
      // kept in state (all of them in this app): noise.
      'svelte/prefer-svelte-reactivity': 'off',
      // {' · '} keeps the spaces around a separator between two elements: on purpose.
      'svelte/no-useless-mustaches': 'off',
      // No type assertion (`x as T`, `<T>x`): the API's answers are typed where they arrive
      // (lib/api.ts answerOf, from api-types.ts), anything else is narrowed by a check or a type
      // guard. `as const` stays allowed.
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
);
