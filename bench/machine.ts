import {
  availableParallelism,
  cpus,
  freemem,
  loadavg,
  release,
  totalmem,
  type as osType
} from 'node:os'

export interface MachineInfo {
  cpuModel: string
  cores: number
  memoryGiB: number
  freeGiB: number
  os: string
  node: string
  loadAverage: number[]
}

export function machineInfo(): MachineInfo {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: totalmem() / 1024 ** 3,
    freeGiB: freemem() / 1024 ** 3,
    os: `${osType()} ${release()}`,
    node: process.version,
    loadAverage: loadavg()
  }
}

export function machineLines(info: MachineInfo): string[] {
  const load = info.loadAverage.map((value) => value.toFixed(2)).join(' ')
  return [
    `Machine: ${info.cores} cores (${info.cpuModel}), ${info.memoryGiB.toFixed(1)} GiB memory ` +
      `(${info.freeGiB.toFixed(1)} GiB free), ${info.os}`,
    `Node ${info.node}; load average at start ${load}`
  ]
}

/** The 1-minute load average, to flag a run taken while the machine was busy. */
export function loadNow(): number {
  return loadavg()[0] ?? 0
}
