/** Saves each URL as `<index>.jpg` in `dir`, `lanes` at a time; resolves to how many were saved. */
export function minimalDownload(urls: string[], dir: string, lanes: number): Promise<number>
