/**
 * The layer table: the one statement of who may import whom (docs/ARCHITECTURE.md
 * explains it). `npm run lint` runs dependency-cruiser on it, so CI does too, and
 * test/layers.test.ts proves that every row catches an import its layer must not make.
 *
 * A row's `may` lists the project layers it may import (itself included); packages
 * from node_modules are free unless `electron` or `node` says otherwise. A file
 * belongs to the first row whose folder matches it, so a sub-layer comes first.
 * Type-only imports count: a type is still a dependency on its layer.
 */

/** @type {{ layer: string, folder: string, may: string[], node: boolean, electron: boolean, why: string }[]} */
const LAYERS = [
  {
    layer: 'common',
    folder: 'src/common',
    may: ['common'],
    node: false,
    electron: false,
    why: 'types, zod schemas and constants every layer shares; the renderer loads it, so no Node'
  },
  {
    layer: 'simulated-cdn',
    folder: 'src/engine/simulated-cdn',
    may: ['common', 'simulated-cdn'],
    node: true,
    electron: false,
    why: 'the loopback image server stands apart from the engine it serves'
  },
  {
    layer: 'engine',
    folder: 'src/engine',
    may: ['common', 'engine'],
    node: true,
    electron: false,
    why: 'executors, tasks and runs under plain Node, in the main process, its workers and the CLI'
  },
  {
    layer: 'cli',
    folder: 'src/cli',
    may: ['common', 'engine', 'simulated-cdn', 'cli'],
    node: true,
    electron: false,
    why: 'the headless front end runs on the engine alone'
  },
  {
    layer: 'service',
    folder: 'src/main/service',
    may: ['common', 'engine', 'simulated-cdn', 'service'],
    node: true,
    electron: false,
    why: 'what each API call does, Electron-free, so it runs under plain Node and in the Chromium harness'
  },
  {
    layer: 'main',
    folder: 'src/main',
    may: ['common', 'engine', 'service', 'main'],
    node: true,
    electron: true,
    why: 'the thin Electron wiring: window, IPC, menu, protocol, dialogs and shell'
  },
  {
    layer: 'preload',
    folder: 'src/preload',
    may: ['common', 'preload'],
    node: false,
    electron: true,
    why: 'a sandboxed preload: contextBridge and ipcRenderer, nothing of Node'
  },
  {
    layer: 'renderer',
    folder: 'src/renderer',
    may: ['common', 'renderer'],
    node: false,
    electron: false,
    why: 'the React window reaches main only through window.api'
  },
  {
    layer: 'bench',
    folder: 'bench',
    may: ['common', 'engine', 'simulated-cdn', 'service', 'bench'],
    node: true,
    electron: false,
    why: 'the benchmark measures the engine and the Electron-free service as the app runs them'
  },
  {
    layer: 'test-helpers',
    folder: 'test/helpers',
    may: ['common', 'engine', 'simulated-cdn', 'service', 'test-helpers'],
    node: true,
    electron: false,
    why: 'test support that the vitest suites and the e2e specs share'
  },
  {
    layer: 'e2e',
    folder: 'e2e',
    may: ['common', 'engine', 'simulated-cdn', 'service', 'test-helpers', 'e2e'],
    node: true,
    electron: false,
    why: 'the Chromium harness gives the window the real service; the Electron one launches the built app'
  },
  {
    layer: 'scripts',
    folder: 'scripts',
    may: ['scripts'],
    node: true,
    electron: false,
    why: 'project tools that run on their own'
  },
  {
    layer: 'test',
    folder: 'test',
    may: [
      'common',
      'simulated-cdn',
      'engine',
      'cli',
      'service',
      'main',
      'preload',
      'renderer',
      'bench',
      'e2e',
      'test-helpers',
      'test'
    ],
    node: true,
    electron: false,
    why: 'the tests reach every layer they test, and load main and preload with a stand-in electron'
  }
]

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
const folderPattern = (folder) => `^${escape(folder)}/`
const byName = new Map(LAYERS.map((row) => [row.layer, row]))

/** The rows listed before this one whose folder lies inside its own: files that are not its. */
function subFolders(row) {
  const index = LAYERS.indexOf(row)
  return LAYERS.slice(0, index)
    .filter((other) => other.folder.startsWith(`${row.folder}/`))
    .map((other) => folderPattern(other.folder))
}

function from(row) {
  const pathNot = subFolders(row)
  return pathNot.length > 0
    ? { path: folderPattern(row.folder), pathNot }
    : { path: folderPattern(row.folder) }
}

const PROJECT = `^(${LAYERS.map((row) => escape(row.folder)).join('|')})/`

function layerRules(row) {
  const allowed = row.may.map((name) => {
    const target = byName.get(name)
    if (!target)
      throw new Error(`.dependency-cruiser.cjs: ${row.layer} may import unknown layer ${name}`)
    return target
  })
  // A folder may hold a sub-layer it is not allowed (src/engine holds simulated-cdn).
  const deniedInside = LAYERS.filter((other) => !row.may.includes(other.layer)).filter((other) =>
    allowed.some((target) => other.folder.startsWith(`${target.folder}/`))
  )
  const rules = [
    {
      name: `${row.layer}-imports-only-${row.may.join('-')}`,
      comment: `${row.folder} may import only ${row.may.join(', ')}: ${row.why}.`,
      severity: 'error',
      from: from(row),
      to: { path: PROJECT, pathNot: allowed.map((target) => folderPattern(target.folder)) }
    }
  ]
  if (deniedInside.length > 0) {
    rules.push({
      name: `${row.layer}-not-into-${deniedInside.map((other) => other.layer).join('-')}`,
      comment: `${row.folder} may not import ${deniedInside.map((other) => other.folder).join(', ')}: ${row.why}.`,
      severity: 'error',
      from: from(row),
      to: { path: deniedInside.map((other) => folderPattern(other.folder)) }
    })
  }
  if (!row.node) {
    rules.push({
      name: `${row.layer}-no-node`,
      comment: `${row.folder} runs without Node's built-in modules: ${row.why}.`,
      severity: 'error',
      from: from(row),
      to: { dependencyTypes: ['core'] }
    })
  }
  if (!row.electron) {
    rules.push({
      name: `${row.layer}-no-electron`,
      comment: `${row.folder} must not import electron: ${row.why}.`,
      severity: 'error',
      from: from(row),
      to: { path: ['^electron$', '(^|/)node_modules/electron/'] }
    })
  }
  return rules
}

/** @type {import('dependency-cruiser').IConfiguration} */
const config = {
  forbidden: [
    ...LAYERS.flatMap(layerRules),
    {
      name: 'no-import-cycles',
      comment: 'No module reaches itself through its imports, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true }
    },
    {
      name: 'every-file-in-a-layer',
      comment: 'Each file dependency-cruiser scans sits in a row of the layer table.',
      severity: 'error',
      from: { pathNot: PROJECT },
      to: {}
    },
    {
      name: 'no-unresolvable-import',
      comment: 'An import that resolves to no file would hide from every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: {
      path: '(^|/)(out|dist|bench/results|e2e/artifacts|test-results|\\.tmp)/'
    },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings']
    },
    reporterOptions: { text: { highlightFocused: true } }
  }
}

// The table itself, for test/layers.test.ts; hidden from dependency-cruiser, which refuses keys it does not know.
Object.defineProperty(config, 'layers', { value: LAYERS, enumerable: false })

module.exports = config
