/**
 * One command's help, cut from the CLI's usage text so that an option is
 * described once: a usage line, the command's line and the lines indented under
 * it (for a command that takes `[download options]` or `[process options]`, those too), then the
 * usage text's closing lines from `Options:` on. Undefined for an unknown name.
 */
export function commandHelp(usage: string, name: string): string | undefined {
  if (!commandNames(usage).includes(name)) return undefined
  const lines = usage.split('\n')
  const section = sectionOf(lines, name)
  for (const other of ['download', 'process']) {
    if (name !== other && section.some((line) => line.includes(`[${other} options]`))) {
      section.push(`    ${other} options:`, ...sectionOf(lines, other).slice(1))
    }
  }
  // `  download [URL...]   download images ...`: the synopsis is what comes before the gap.
  const synopsis = section[0]!.trim().split(/\s{2,}/)[0]!
  const withOptions = /options|--/.test(synopsis) ? '' : ' [options]'
  const prefix = lines[0]!.replace(/COMMAND.*$/, '')
  const closing = lines.findIndex((line) => line.startsWith('Options:'))
  return [
    `${prefix}${synopsis}${withOptions}`,
    '',
    ...section,
    ...(closing < 0 ? [] : ['', ...lines.slice(closing)])
  ].join('\n')
}

/** The command names listed in the usage text (lines indented by exactly two spaces). */
export function commandNames(usage: string): string[] {
  return usage
    .split('\n')
    .map((line) => /^ {2}([a-z][\w-]*)(?: |$)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined)
}

function sectionOf(lines: string[], name: string): string[] {
  const start = lines.findIndex((line) => line.startsWith(`  ${name} `) || line === `  ${name}`)
  let end = start + 1
  while (end < lines.length && /^ {4,}\S/.test(lines[end]!)) end++
  return lines.slice(start, end)
}
