import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import reactRefresh from 'eslint-plugin-react-refresh'
import globals from 'globals'

/** The layers of DESIGN.md: who may not import whom. */
const layerRules = [
  {
    files: ['src/common/**/*.ts'],
    patterns: [
      {
        group: [
          'electron',
          'node:*',
          '**/engine/**',
          '**/main/**',
          '**/renderer/**',
          '**/preload/**'
        ],
        message: 'src/common holds types and schemas only: no Node, Electron, or other layer.'
      }
    ]
  },
  {
    files: ['src/engine/**/*.ts'],
    patterns: [
      {
        group: ['electron', '**/main/**', '**/preload/**', '**/renderer/**', '**/cli/**'],
        message: 'src/engine runs under plain Node: it may import only common.'
      }
    ]
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    patterns: [
      {
        group: ['electron', 'node:*', '**/engine/**', '**/main/**', '**/preload/**', '**/cli/**'],
        message: 'The renderer reaches main only through window.api; it may import only common.'
      }
    ]
  },
  {
    files: ['src/cli/**/*.ts'],
    patterns: [
      {
        group: ['electron', '**/main/**', '**/preload/**', '**/renderer/**'],
        message: 'The CLI runs on the engine alone.'
      }
    ]
  }
]

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
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'react-refresh': reactRefresh },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-refresh/only-export-components': ['warn', { allowConstantExport: true }]
    }
  },
  ...layerRules.map(({ files, patterns }) => ({
    files,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] }
  }))
)
