import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import reactRefresh from 'eslint-plugin-react-refresh'
import globals from 'globals'

/**
 * The layers are not here: .dependency-cruiser.cjs holds their one table, and
 * `npm run lint` runs dependency-cruiser after ESLint (see docs/ARCHITECTURE.md).
 */
export default tseslint.config(
  {
    ignores: [
      'out',
      'dist',
      'node_modules',
      'bench/results',
      'e2e/artifacts',
      'test-results',
      'playwright-report',
      '.tmp'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      // Type-aware rules read each file's own tsconfig (node or web) through the project service.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      // A promise nobody awaits loses its error; one passed where a callback returns void is not awaited.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A switch on a union handles every member, or says with a default that the rest need nothing:
      // a new strategy, mode or event is then never dropped without a word.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false }
      ]
    }
  },
  {
    // Plain JavaScript config files are in no tsconfig: no type information to lint with.
    files: ['**/*.{js,cjs,mjs}'],
    ...tseslint.configs.disableTypeChecked
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'react-refresh': reactRefresh },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-refresh/only-export-components': ['warn', { allowConstantExport: true }]
    }
  }
)
