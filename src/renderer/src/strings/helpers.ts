import { createElement, Fragment, type ReactNode } from 'react'

/*
 * What a catalog's functions build their text with. Plurals go through Intl.PluralRules, so a
 * language with more forms (Polish's few and many, Arabic's six) picks among its own; a form the
 * catalog leaves out falls back to `other`.
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }

const rules = new Map<string, Intl.PluralRules>()

/** The form of `forms` that `count` takes in `locale`: `plural('en', 1, {one, other})` is `one`. */
export function plural(locale: string, count: number, forms: PluralForms): string {
  let rule = rules.get(locale)
  if (!rule) {
    rule = new Intl.PluralRules(locale)
    rules.set(locale, rule)
  }
  return forms[rule.select(count)] ?? forms.other
}

/**
 * A sentence with markup inside (a `<code>` path, a link): the catalog orders the parts, so a
 * translation can move the markup where its grammar puts it.
 */
export function rich(...parts: ReactNode[]): ReactNode {
  return createElement(Fragment, null, ...parts)
}
