import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { parseUrlList } from '../../src/common/url-list.ts'
import { UrlListEditor } from '../../src/renderer/src/components/UrlListEditor.tsx'
import { MAX_DROP_BYTES } from '../../src/renderer/src/state/url-drop.ts'
import { countUnsplash, urlsForSettings } from '../../src/renderer/src/state/url-text.ts'

function Editor({ initial }: { initial: string }) {
  const [text, setText] = useState(initial)
  return <UrlListEditor text={text} parsed={parseUrlList(text)} onChange={setText} />
}

describe('UrlListEditor', () => {
  it('counts the URLs to download', () => {
    render(<Editor initial={'https://a.example/1.jpg\n\n# a comment\nhttps://a.example/2.jpg'} />)
    expect(screen.getByText(/to download/)).toHaveTextContent('2 URLs to download')
    expect(screen.queryByRole('list', { name: 'Invalid lines' })).not.toBeInTheDocument()
  })

  it('shows each invalid line with its number and why, as the user types', async () => {
    const user = userEvent.setup()
    render(<Editor initial="https://a.example/1.jpg" />)
    const textarea = screen.getByLabelText('Image URLs, one a line')
    await user.type(textarea, '{Enter}ftp://files.example/2.jpg{Enter}not a url')
    const problems = screen.getByRole('list', { name: 'Invalid lines' })
    expect(problems).toHaveTextContent('Line 2')
    expect(problems).toHaveTextContent('ftp://files.example/2.jpg')
    expect(problems).toHaveTextContent('ftp: URLs are not downloaded; use http or https')
    expect(problems).toHaveTextContent('Line 3')
    expect(problems).toHaveTextContent('not a URL')
    expect(screen.getByText(/to download/)).toHaveTextContent(
      '1 URL to download · 2 invalid lines (skipped)'
    )
    expect(textarea).toHaveAttribute('aria-invalid', 'true')
  })

  it('says how many repeats it keeps once', () => {
    render(<Editor initial={'https://a.example/1.jpg\nhttps://a.example/1.jpg'} />)
    expect(screen.getByText(/to download/)).toHaveTextContent(
      '1 URL to download · 1 repeat kept once'
    )
  })

  it('imports a text file', async () => {
    render(<Editor initial="" />)
    const file = new File(['https://b.example/x.jpg\nhttps://b.example/y.jpg\n'], 'list.txt', {
      type: 'text/plain'
    })
    fireEvent.change(screen.getByTestId('url-file'), { target: { files: [file] } })
    await waitFor(() =>
      expect(screen.getByText(/to download/)).toHaveTextContent('2 URLs to download')
    )
    expect(screen.getByLabelText('Image URLs, one a line')).toHaveValue(
      'https://b.example/x.jpg\nhttps://b.example/y.jpg\n'
    )
  })

  it('puts the tutorial’s 15 back', async () => {
    render(<Editor initial="" />)
    await userEvent.click(screen.getByRole('button', { name: 'Tutorial’s 15' }))
    expect(screen.getByText(/to download/)).toHaveTextContent('15 URLs to download')
  })
})

/** What a drop hands the page: a DataTransfer's files, types and data. */
function dropData(init: { files?: File[]; data?: Record<string, string> }) {
  const data = init.data ?? {}
  const files = init.files ?? []
  return {
    files,
    types: [...(files.length > 0 ? ['Files'] : []), ...Object.keys(data)],
    getData: (format: string) => data[format] ?? '',
    dropEffect: 'none'
  }
}

describe('dropping onto the URL list', () => {
  const box = (): HTMLElement => screen.getByTestId('url-drop')
  const list = (): HTMLElement => screen.getByLabelText('Image URLs, one a line')

  it('adds a dropped .txt file’s URLs after the last line', async () => {
    render(<Editor initial={'https://a.example/1.jpg\n'} />)
    const file = new File(['https://b.example/x.jpg\nhttps://b.example/y.jpg\n'], 'list.txt')
    fireEvent.dragOver(box(), { dataTransfer: dropData({ files: [file] }) })
    fireEvent.drop(box(), { dataTransfer: dropData({ files: [file] }) })
    await waitFor(() => expect(screen.getByText(/to download/)).toHaveTextContent('3 URLs'))
    expect(list()).toHaveValue(
      'https://a.example/1.jpg\nhttps://b.example/x.jpg\nhttps://b.example/y.jpg'
    )
  })

  it('adds links dragged from a browser, without the uri-list’s comments', async () => {
    render(<Editor initial="https://a.example/1.jpg" />)
    const data = {
      'text/uri-list': '# from a page\r\nhttps://c.example/z.png\r\n',
      'text/plain': 'https://c.example/z.png'
    }
    fireEvent.drop(box(), { dataTransfer: dropData({ data }) })
    await waitFor(() =>
      expect(list()).toHaveValue('https://a.example/1.jpg\nhttps://c.example/z.png')
    )
  })

  it('adds dropped text', async () => {
    render(<Editor initial="" />)
    fireEvent.drop(box(), {
      dataTransfer: dropData({ data: { 'text/plain': 'https://d.example/1' } })
    })
    await waitFor(() => expect(list()).toHaveValue('https://d.example/1'))
  })

  it('refuses a file that is not a .txt, or one too big, and keeps the list', async () => {
    render(<Editor initial="https://a.example/1.jpg" />)
    const image = new File([new Uint8Array(8)], 'photo.png', { type: 'image/png' })
    fireEvent.drop(box(), { dataTransfer: dropData({ files: [image] }) })
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'photo.png is not a .txt list of URLs'
    )
    const huge = new File([new Uint8Array(MAX_DROP_BYTES + 1)], 'huge.txt')
    fireEvent.drop(box(), { dataTransfer: dropData({ files: [huge] }) })
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent('huge.txt is over 2 MB')
    )
    expect(list()).toHaveValue('https://a.example/1.jpg')
  })

  it('takes no drop while a run goes', () => {
    render(
      <UrlListEditor
        text="https://a.example/1.jpg"
        parsed={parseUrlList('https://a.example/1.jpg')}
        onChange={() => {
          throw new Error('changed while disabled')
        }}
        disabled
      />
    )
    const event = dropData({ data: { 'text/plain': 'https://d.example/1' } })
    expect(fireEvent.drop(box(), { dataTransfer: event })).toBe(true)
  })
})

describe('url text', () => {
  it('keeps the user’s non-blank lines for the settings, invalid ones too', () => {
    expect(urlsForSettings(' https://a.example/1 \n\nnot a url\n# note\n')).toEqual([
      'https://a.example/1',
      'not a url',
      '# note'
    ])
  })

  it('counts the images.unsplash.com URLs the size choice applies to', () => {
    expect(
      countUnsplash(['https://images.unsplash.com/photo-1', 'https://example.com/2.jpg'])
    ).toBe(1)
  })
})
