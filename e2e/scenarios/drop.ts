import { expect, type Page } from '@playwright/test'
import type { Driver } from '../harness/driver.ts'
import { chooseUrlList, downloadPanel } from './ui.ts'

/** Drops a real DataTransfer, made in the page, onto the URL box: the events a drag from outside fires. */
async function drop(page: Page, make: () => DataTransfer): Promise<void> {
  const data = await page.evaluateHandle(make)
  const box = page.getByTestId('url-drop')
  await box.dispatchEvent('dragenter', { dataTransfer: data })
  await box.dispatchEvent('dragover', { dataTransfer: data })
  await box.dispatchEvent('drop', { dataTransfer: data })
  await data.dispose()
}

/** A .txt list, a browser's link and plain text dropped onto the URL list, each added after the last line. */
export async function dropOntoUrlList(driver: Driver): Promise<void> {
  const { page } = driver
  const panel = downloadPanel(page)
  const list = panel.getByRole('textbox', { name: 'Image URLs, one a line' })
  await chooseUrlList(page, ['https://a.example/1.jpg', 'https://a.example/2.jpg'])

  await drop(page, () => {
    const data = new DataTransfer()
    const text = 'https://b.example/x.jpg\nhttps://b.example/y.jpg\n'
    data.items.add(new File([text], 'list.txt', { type: 'text/plain' }))
    return data
  })
  await expect(panel.getByText('4 URLs', { exact: true })).toBeVisible()

  await drop(page, () => {
    const data = new DataTransfer()
    data.setData('text/uri-list', '# dragged from a page\r\nhttps://c.example/z.png')
    data.setData('text/plain', 'https://c.example/z.png')
    return data
  })
  await drop(page, () => {
    const data = new DataTransfer()
    data.setData('text/plain', 'https://d.example/w.webp')
    return data
  })
  await expect(list).toHaveValue(
    [
      'https://a.example/1.jpg',
      'https://a.example/2.jpg',
      'https://b.example/x.jpg',
      'https://b.example/y.jpg',
      'https://c.example/z.png',
      'https://d.example/w.webp'
    ].join('\n')
  )

  await drop(page, () => {
    const data = new DataTransfer()
    data.items.add(new File([new Uint8Array(8)], 'photo.png', { type: 'image/png' }))
    return data
  })
  await expect(panel.getByRole('alert')).toHaveText('photo.png is not a .txt list of URLs')
  await expect(panel.getByText('6 URLs', { exact: true })).toBeVisible()
}
