// ESLint 9 flat config. Its main job is static safety of regular expressions:
// OCR garbage is adversarial input, so no pattern in src/ may backtrack
// super-linearly (test/regex.test.ts runs these rules and expects zero errors).
import tseslint from 'typescript-eslint'
import regexp from 'eslint-plugin-regexp'

/** Rules about regexes that can hang or silently mis-capture on hostile text: errors, never warnings. */
export const REGEX_SAFETY_RULES = {
  'regexp/no-super-linear-backtracking': ['error', { report: 'certain' }],
  // Quadratic only in where a match may start (`/\s+$/` on a line of spaces). Lines are capped
  // at 1,000,000 characters (src/pages) and test/robustness.test.ts runs such lines through
  // the pipeline, so this stays a warning.
  'regexp/no-super-linear-move': 'warn',
  'regexp/no-misleading-capturing-group': 'error',
  'regexp/no-potentially-useless-backreference': 'error',
  'regexp/no-useless-backreference': 'error',
  'regexp/no-empty-alternative': 'error',
  'regexp/no-dupe-disjunctions': 'error',
  'regexp/no-misleading-unicode-character': 'error',
  'regexp/no-invalid-regexp': 'error',
  'regexp/no-control-character': 'off', // OCR debris is matched on purpose (`\u0000-\u001F`)
}

export default [
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'out/**'] },
  {
    files: ['src/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: 2022,
      sourceType: 'module',
    },
    plugins: { regexp },
    rules: {
      // Style advice of the plugin's recommended set: warnings, so that `npm run lint` fails only on safety.
      ...Object.fromEntries(Object.keys(regexp.configs['flat/recommended'].rules).map((rule) => [rule, 'warn'])),
      ...REGEX_SAFETY_RULES,
    },
  },
]
