import { en } from './en/index.ts'

/*
 * Every word the window shows, in one catalog: components and the state helpers that build visible
 * text (state/process-lessons.ts, stats.ts, run-outcome.ts, lanes.ts, eta.ts, error-text.ts...)
 * read it through `strings`, never a literal of their own (test/renderer/strings.test.ts scans the
 * components for one). Texts that take values are functions; counts pick their plural through
 * Intl.PluralRules (helpers.ts). Numbers, sizes and times are formatted with Intl in
 * state/format.ts and passed in already formatted.
 *
 * A translation is a second object of the same type, `Strings`, in its own folder beside en/ (say
 * strings/de/, assembled as en/index.ts assembles en), and made the active catalog below. No i18n
 * library: one language ships, the catalog is plain typed TypeScript (a missing key is a `tsc`
 * error, not a blank at run time), and Intl already does plurals and numbers.
 *
 * What stays outside: names shared with the CLI live in src/common (STRATEGY_LABELS,
 * SLEEP_MODE_LABELS, EXISTING_POLICY_LABELS in defaults.ts), messages that main sends (a failure's
 * message, a start refused), the sleep console's lines and the presets' Python, which reproduce the
 * tutorial's own printout and code, and units and symbols (px, s, ×, ·).
 */
export type Strings = typeof en

export { en }

/** The catalog the window shows: English, the one language so far. */
export const strings: Strings = en
